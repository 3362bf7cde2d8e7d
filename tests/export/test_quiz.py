"""The quiz formats: Moodle's GIFT text and Kahoot's spreadsheet, read back as they import them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from infodeck.cli import main
from infodeck.content.load import load_pack
from infodeck.content.model import Pack
from infodeck.content.problems import FormatRefused
from infodeck.errors import UsageError
from infodeck.export.plan import ExportRequest, plan
from infodeck.export.quiz import KAHOOT_HEADER_ROW, KAHOOT_HEADINGS, gift_escape

from conftest import ROOT, SECTION

MISCONCEPTIONS = ROOT / "tests" / "data" / "misconceptions"


@pytest.fixture(scope="module")
def pack() -> Pack:
    r = load_pack(MISCONCEPTIONS)
    assert r.pack is not None, r.problems
    return r.pack


def _export(pack: Pack, out: Path, fmt: str) -> bytes:
    (job,) = plan(ExportRequest(pack, out, ("mass", "light"), (fmt,)))
    job.write(out / "file")
    return (out / "file").read_bytes()


# ------------------------------------------------------------------ GIFT, read back

_UNESCAPED = r"(?<!\\)(?:\\\\)*"


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def _split(text: str, marks: str) -> list[str]:
    """``text`` cut before each unescaped mark (one of ``marks``), marks kept."""
    cuts = [m.end() for m in re.finditer(_UNESCAPED + f"(?=[{re.escape(marks)}])", text)]
    pieces, last = [], 0
    for c in [*cuts, len(text)]:
        if text[last:c].strip():
            pieces.append(text[last:c].strip())
        last = c
    return pieces


def read_gift(text: str) -> list[dict[str, object]]:
    """A small reader of what the export writes, as Moodle's importer reads GIFT."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in block.splitlines() if not ln.startswith("//")]
        if not lines:
            continue
        q = " ".join(lines)
        m = re.match(r"::(.*?" + _UNESCAPED + r")::(.*)$", q, re.S)
        assert m, q
        title, rest = m.group(1), m.group(2)
        opened = re.search(_UNESCAPED + r"\{", rest)
        closed = list(re.finditer(_UNESCAPED + r"\}", rest))[-1]
        assert opened is not None
        body = rest[opened.end():closed.start()]
        general = None
        if "####" in body:
            body, general = body.split("####", 1)
        answers = []
        truth = None
        if body.strip() in ("T", "F", "TRUE", "FALSE"):  # a true/false question
            truth, body = body.strip().startswith("T"), ""
        for piece in _split(body, "~="):
            weight = None
            right = piece[0] == "="
            rest_a = piece[1:]
            if (w := re.match(r"%(-?[\d.]+)%", rest_a)) is not None:
                weight, rest_a = float(w.group(1)), rest_a[w.end():]
            answers.append((_unescape(rest_a), right, weight))
        out.append({
            "title": _unescape(title), "text": _unescape(rest[:opened.start()]),
            "answers": answers, "feedback": _unescape(general) if general else None,
            "truth": truth,
        })
    return out


def test_gift_escapes_what_gift_reads_as_syntax() -> None:
    assert gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert gift_escape("two\n\nparagraphs") == "two paragraphs"  # a blank line ends a question


def test_gift_questions_read_back_as_written(pack: Pack, tmp_path: Path) -> None:
    text = _export(pack, tmp_path, "quiz-gift").decode("utf-8")
    tf, mc, fr, fr_tf = read_gift(text)
    assert tf == {
        "title": "Where a plant's mass comes from",
        "text": "A tree takes most of its mass from the soil it grows in.",
        "answers": [],
        "truth": False,
        "feedback": "Most of a plant's dry mass is carbon fixed from carbon dioxide in the air; "
                    "the soil gives water and minerals: a few grams, not kilograms.",
    }
    assert re.search(r"grows in\. \{F####Most", text)  # a true/false answer is {T} or {F}
    assert mc["title"] == "Where a plant's mass comes from 2"  # titles tell questions apart
    # Two right answers: each earns half, each wrong one takes half away.
    assert mc["answers"] == [
        ("Carbon dioxide from the air", False, 50.0),
        ("Water", False, 50.0),
        ("Minerals from the soil", False, -50.0),
        ("Sunlight = matter", False, -50.0),
    ]
    # Every special character of the explanation survives: ~ = # { } :
    assert mc["feedback"] == (
        "6 CO2 + 6 H2O {light} = C6H12O6 + 6 O2: carbon dioxide and water are the raw "
        "materials; light gives the energy, not matter (~ none of the mass). See #1."
    )
    assert fr["answers"] == [
        ("La chlorophylle réfléchit la lumière verte", True, None),
        ("La chlorophylle absorbe la lumière verte", False, None),
        ("Les feuilles contiennent de la peinture verte", False, None),
    ]
    assert fr_tf["truth"] is True and fr_tf["feedback"] is None
    assert text.rstrip().endswith("aussi la nuit. {T}") and mc["truth"] is None


def test_markup_goes_out_as_plain_words(make_pack, tmp_path: Path) -> None:
    sec = SECTION + (
        "  - type: quiz\n    kind: multiple-choice\n    question: What is **CO~2~**?\n"
        "    choices:\n      - text: A *gas*\n        correct: true\n      - text: A metal\n"
        "    explanation: It is x^2^ simple.\n    cite: [smith2020]\n"
    )
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None, r.problems
    (job,) = plan(ExportRequest(r.pack, tmp_path, ("intro",), ("quiz-gift",)))
    job.write(tmp_path / "g.txt")
    (q,) = read_gift((tmp_path / "g.txt").read_text(encoding="utf-8"))
    assert q["text"] == "What is CO2?" and q["answers"][0] == ("A gas", True, None)
    assert q["feedback"] == "It is x2 simple."


# ------------------------------------------------------------------ Kahoot, read back


def test_kahoot_sheet_reads_back_with_the_template_layout(pack: Pack, tmp_path: Path) -> None:
    data = _export(pack, tmp_path, "quiz-xlsx")
    ws = load_workbook(io.BytesIO(data)).active
    assert tuple(c.value or "" for c in ws[KAHOOT_HEADER_ROW]) == KAHOOT_HEADINGS
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=KAHOOT_HEADER_ROW + 1)]
    assert rows == [
        (1, "A tree takes most of its mass from the soil it grows in.", "True", "False",
         None, None, 20, 2),
        (2, "Which of these does a plant build its sugar from?", "Carbon dioxide from the air",
         "Water", "Minerals from the soil", "Sunlight = matter", 20, "1,2"),
        (3, "Pourquoi les feuilles sont-elles vertes ?",
         "La chlorophylle réfléchit la lumière verte", "La chlorophylle absorbe la lumière verte",
         "Les feuilles contiennent de la peinture verte", None, 30, 1),
        (4, "Les plantes font la photosynthèse le jour et respirent aussi la nuit.", "Vrai",
         "Faux", None, None, 20, 1),
    ]


def test_the_same_pack_gives_the_same_bytes(pack: Pack, tmp_path: Path) -> None:
    for fmt in ("quiz-xlsx", "quiz-gift"):
        (tmp_path / fmt / "a").mkdir(parents=True)
        (tmp_path / fmt / "b").mkdir()
        assert _export(pack, tmp_path / fmt / "a", fmt) == _export(pack, tmp_path / fmt / "b", fmt)
    data = _export(pack, tmp_path, "quiz-xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("1980-01-01T00:00:00Z") == 2


def _quiz_pack(make_pack, question: str, n: int, long_choice: bool = False) -> Pack:
    choices = "".join(f"      - text: Answer {i}\n" + ("        correct: true\n" if i == 1 else "")
                      for i in range(1, n + 1))
    if long_choice:
        choices += "      - text: " + "a long answer " * 6 + "\n"
    sec = SECTION + (f"  - type: quiz\n    kind: multiple-choice\n    question: {question}\n"
                     f"    choices:\n{choices}    cite: [smith2020]\n")
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None, r.problems
    return r.pack


def test_kahoot_refuses_what_it_cannot_take_with_file_line_col(make_pack, tmp_path: Path) -> None:
    long_q = "Why " + "and why " * 16 + "?"
    pack = _quiz_pack(make_pack, long_q, 5, long_choice=True)
    with pytest.raises(FormatRefused) as e:
        plan(ExportRequest(pack, tmp_path, ("intro",), ("quiz-xlsx",)))
    found = [(p.line, p.col, p.where, p.message.split(":")[0]) for p in e.value.problems]
    assert found == [
        (11, 15, "sections[0].blocks[1].question",
         "Kahoot takes questions of at most 120 characters and this one has 133"),
        (13, 7, "sections[0].blocks[1].choices",
         "Kahoot takes at most 4 answers and the quiz 'Why and why and why and why and why and "
         "why and…' has 6"),
        (19, 15, "sections[0].blocks[1].choices[5].text",
         "Kahoot takes answers of at most 75 characters and this one has 83"),
    ]
    assert all(p.file.endswith("intro.yaml") for p in e.value.problems)
    assert e.value.format_name == "quiz-xlsx"
    # The deck and Moodle take the same quiz.
    assert plan(ExportRequest(pack, tmp_path, ("intro",), ("quiz-gift", "pptx")))


def test_command_line_refusals_exit_2_and_write_nothing(make_pack, tmp_path: Path, capsys) -> None:
    pack = _quiz_pack(make_pack, "Which?", 5)
    out = tmp_path / "out"
    assert main(["export", pack.root, "--out", str(out), "--formats", "pptx,quiz-xlsx"]) == 2
    err = capsys.readouterr().err
    assert ("intro.yaml:13:7: sections[0].blocks[1].choices: Kahoot takes at most 4 answers and "
            "the quiz 'Which?' has 5") in err
    assert "quiz-xlsx cannot take the pack as it is" in err
    assert not out.exists()
    # A pack without quizzes: a clear message, not an empty file.
    assert main(["export", str(ROOT / "tests" / "data" / "photosynthesis"), "--out", str(out),
                 "--formats", "quiz-gift"]) == 2
    assert "have no quiz blocks, so there is nothing to write as quiz-gift" in capsys.readouterr().err
    assert not out.exists()
    # Beside other files, a note says so instead, and no empty quiz file is written.
    assert main(["export", str(ROOT / "tests" / "data" / "photosynthesis"), "--out", str(out),
                 "--formats", "pptx,quiz-gift,quiz-xlsx"]) == 0
    assert ("note: the chosen sections have no quiz blocks, so there is nothing to write as "
            "quiz-gift and quiz-xlsx; no quiz file was written") in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["photosynthesis.pptx"]


def test_sections_without_quizzes_are_refused_in_the_planner(pack: Pack, tmp_path: Path) -> None:
    r = load_pack(ROOT / "tests" / "data" / "photosynthesis")
    assert r.pack is not None
    for fmt in ("quiz-gift", "quiz-xlsx"):
        with pytest.raises(UsageError, match=f"nothing to write as {fmt}"):
            plan(ExportRequest(r.pack, tmp_path, (), (fmt,)))
