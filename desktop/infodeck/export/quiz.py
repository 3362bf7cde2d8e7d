"""A pack's quizzes for learning platforms: Moodle's GIFT text and Kahoot's spreadsheet.

Both are made while planning (they are small), from the quiz blocks of the chosen
sections in the deck's order, and written like every other file (``files.BytesFile``).
Teachers' text goes out as plain words (``scene.markup.plain``): neither format
reads Infodeck's inline markup. The same pack gives the same bytes: the workbook's
dates and its zip entries' times are fixed.

Kahoot takes at most four answers, questions of at most 120 characters and answers
of at most 75 (its quiz spreadsheet template says so in its column headings). A
quiz beyond those limits stops the ``quiz-xlsx`` export with its file, line and
column (the deck and Moodle take it as it is); nothing is cut silently.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from infodeck.compose.kit import Kit
from infodeck.compose.layouts import Layout, Theme
from infodeck.compose.quiz import QuizBlock, choices, prompt
from infodeck.content.model import ChoiceQuiz, Pack, Section, TrueFalseQuiz
from infodeck.content.problems import FormatRefused, Problem
from infodeck.content.yamlread import PathKey, YamlDoc, format_path
from infodeck.errors import UsageError
from infodeck.scene.markup import plain

KAHOOT_ANSWERS = 4
KAHOOT_QUESTION_CHARS = 120
KAHOOT_ANSWER_CHARS = 75
KAHOOT_HEADER_ROW = 8  # the template's column headings; questions follow, one a row
KAHOOT_TIME = 20  # seconds: Kahoot's default
KAHOOT_LONG_TIME = 30  # for a question and answers that take longer to read
KAHOOT_LONG_READ = 160  # characters of question and answers together
KAHOOT_HEADINGS = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries' time: the same pack gives the same bytes
FIXED_DATE = "1980-01-01T00:00:00Z"


@dataclass(frozen=True)
class Question:
    """A quiz block of a chosen section, with where it is written."""

    section: Section
    index: int  # the block's place in the section
    number: int  # the quiz's number within its section, from 1
    block: QuizBlock
    kit: Kit  # the section's words (True and False in its language)


def questions(pack: Pack, section_ids: list[str], layout: Layout, theme: Theme) -> list[Question]:
    """The quiz blocks of the chosen sections, in the deck's order."""
    out: list[Question] = []
    for sid in section_ids:
        sec = pack.section(sid)
        kit = Kit.for_pack(layout, theme, pack, sec)
        quizzes = [(i, b) for i, b in enumerate(sec.blocks)
                   if isinstance(b, (ChoiceQuiz, TrueFalseQuiz))]
        for n, (i, b) in enumerate(quizzes, start=1):
            out.append(Question(sec, i, n, b, kit.speaking(b.language)))
    return out


def no_quizzes(fmt: str) -> UsageError:
    """Why ``fmt`` writes nothing: the chosen sections ask no questions."""
    return UsageError(
        f"the chosen sections have no quiz blocks, so there is nothing to write as {fmt}; "
        "add a quiz block (type: quiz) to a section, choose a section that has one, "
        f"or leave {fmt} out"
    )


# ------------------------------------------------------------------------ GIFT

_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Plain text as GIFT reads it back: ``~ = # { } :`` and the backslash escaped, one line."""
    flat = " ".join(text.split())  # a blank line would end the question
    return _GIFT_SPECIAL.sub(r"\\\1", flat)


def _weight(share: float) -> str:
    """A Moodle grade percentage: 50, 33.33333 (Moodle takes the nearest of its grades)."""
    return f"{share:.5f}".rstrip("0").rstrip(".")


def gift_question(q: Question) -> str:
    """One question in GIFT: a title, the text, the answers with weights, the feedback."""
    title = f"{q.section.title} {q.number}" if q.number > 1 else q.section.title
    head = f"::{gift_escape(plain(title))}::{gift_escape(plain(prompt(q.block)))}"
    feedback = f" ####{gift_escape(plain(q.block.explanation))}" if q.block.explanation else ""
    if isinstance(q.block, TrueFalseQuiz):
        return f"{head} {{{'T' if q.block.answer else 'F'}{feedback.strip()}}}"
    right = [c for c in q.block.choices if c.correct]
    wrong = len(q.block.choices) - len(right)
    lines = []
    for c in q.block.choices:
        text = gift_escape(plain(c.text))
        if len(right) == 1:
            lines.append(f"={text}" if c.correct else f"~{text}")
        elif c.correct:  # several right: each earns its share, each wrong one takes a share
            lines.append(f"~%{_weight(100 / len(right))}%{text}")
        else:
            lines.append(f"~%-{_weight(100 / wrong)}%{text}")
    if feedback:
        lines.append(feedback.strip())
    return head + " {\n" + "".join(f"  {line}\n" for line in lines) + "}"


def gift(pack: Pack, qs: list[Question]) -> bytes:
    """The GIFT file of the questions: UTF-8, a blank line between questions."""
    head = [f"// {line}" for line in (
        f"{plain(pack.meta.title)}: quiz questions for Moodle (GIFT format), made with Infodeck.",
        "Import: Question bank > Import > GIFT format.",
    )]
    parts = ["\n".join(head), *(gift_question(q) for q in qs)]
    return ("\n\n".join(parts) + "\n").encode("utf-8")


# ---------------------------------------------------------------------- Kahoot


def _place(pack: Pack, q: Question, path: PathKey) -> tuple[str, int | None, int | None, str]:
    """(file, line, column, value path) of a value of ``q``'s block, for a message."""
    index, doc = pack.places.get(q.section.id, (None, None))
    full: PathKey = ("blocks", q.index, *path)
    if not isinstance(doc, YamlDoc) or index is None:
        return q.section.id, None, None, format_path(full)
    ln, col = doc.pos(full) or (None, None)
    return doc.file, ln, col, format_path(("sections", index, *full))


def kahoot_problems(pack: Pack, qs: list[Question]) -> list[Problem]:
    """Every quiz Kahoot cannot take as written, each with its file, line and column."""
    out: list[Problem] = []

    def say(path: PathKey, message: str) -> None:
        file, ln, col, where = _place(pack, q, path)
        out.append(Problem(file, ln, col, where, message + "; the deck and Moodle take it"))

    for q in qs:
        text = plain(prompt(q.block))
        field = "question" if isinstance(q.block, ChoiceQuiz) else "statement"
        if len(text) > KAHOOT_QUESTION_CHARS:
            say((field,), f"Kahoot takes questions of at most {KAHOOT_QUESTION_CHARS} "
                f"characters and this one has {len(text)}: shorten it for quiz-xlsx")
        if not isinstance(q.block, ChoiceQuiz):
            continue
        if len(q.block.choices) > KAHOOT_ANSWERS:
            shown = text if len(text) <= 50 else text[:49].rsplit(" ", 1)[0] + "…"
            say(("choices",), f"Kahoot takes at most {KAHOOT_ANSWERS} answers and the quiz "
                f"'{shown}' has {len(q.block.choices)}: leave some out for quiz-xlsx")
        for i, c in enumerate(q.block.choices):
            n = len(plain(c.text))
            if n > KAHOOT_ANSWER_CHARS:
                say(("choices", i, "text"), f"Kahoot takes answers of at most "
                    f"{KAHOOT_ANSWER_CHARS} characters and this one has {n}: shorten it "
                    "for quiz-xlsx")
    return out


def kahoot_rows(qs: list[Question]) -> Iterator[list[object]]:
    """The template's rows: number, question, four answers, time limit, right answers."""
    for n, q in enumerate(qs, start=1):
        options = choices(q.kit, q.block)
        answers = [plain(text) for _, text, _ in options]
        right_ones = [i for i, (_, _, ok) in enumerate(options, start=1) if ok]
        right: int | str = (right_ones[0] if len(right_ones) == 1
                            else ",".join(str(i) for i in right_ones))
        question = plain(prompt(q.block))
        long = len(question) + sum(len(a) for a in answers) > KAHOOT_LONG_READ
        yield [n, question, *answers, *[None] * (KAHOOT_ANSWERS - len(answers)),
               KAHOOT_LONG_TIME if long else KAHOOT_TIME, right]


def kahoot_xlsx(pack: Pack, qs: list[Question]) -> bytes:
    """Kahoot's quiz spreadsheet: its headings on row 8, a question on each row after.

    Refuses (``FormatRefused``) quizzes beyond Kahoot's limits, naming each.
    """
    problems = kahoot_problems(pack, qs)
    if problems:
        raise FormatRefused("quiz-xlsx", problems)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["B2"] = f"{plain(pack.meta.title)}: quiz"
    ws["B2"].font = Font(bold=True, size=14)
    ws["B3"] = "Made with Infodeck. In Kahoot: Add question > Import spreadsheet, then this file."
    for col, heading in enumerate(KAHOOT_HEADINGS, start=1):
        cell = ws.cell(KAHOOT_HEADER_ROW, col, heading or None)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(kahoot_rows(qs), start=KAHOOT_HEADER_ROW + 1):
        for col, value in enumerate(row, start=1):
            ws.cell(r, col, value)
    for letter, width in zip("ABCDEFGH", (5, 60, 32, 32, 32, 32, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    props = wb.properties
    props.creator = plain(pack.meta.author)
    props.title = plain(pack.meta.title)
    props.lastModifiedBy = "Infodeck"
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed(raw.getvalue())


def _fixed(xlsx: bytes) -> bytes:
    """The workbook with fixed dates and zip times: the same pack gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    rb"\g<1>" + FIXED_DATE.encode() + rb"\g<3>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    return out.getvalue()
