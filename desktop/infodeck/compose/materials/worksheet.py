"""The worksheet's exercises, made from the chosen sections (pure and deterministic).

Fill in the blanks from takeaways and statistics, put the steps of each pathway in
order, label each axis, cluster and cycle diagram, and the pack's quiz questions.
A manufacturer's section gives no exercise: its claims are not facts to learn.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import replace

from infodeck.compose.diagrams import compose_diagram, described
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import Layout, Theme
from infodeck.compose.materials import blanks
from infodeck.compose.materials.model import Blank, LabelTask, OrderTask, Question, Worksheet
from infodeck.compose.materials.paper import PAPER, SHEET_WORDS, Paper
from infodeck.compose.quiz import prompt
from infodeck.compose.words import words
from infodeck.content.model import (
    AxisDiagram,
    ChoiceQuiz,
    ClusterDiagram,
    CycleDiagram,
    Pack,
    PathwayDiagram,
    Section,
    StatBlock,
    TrueFalseQuiz,
)
from infodeck.scene.elements import Page

# The size of the label diagrams on the sheet (points), and their label type.
DIAGRAM_W, DIAGRAM_H = 500.0, 250.0
LABEL_SIZE, LABEL_FLOOR = 11.0, 9.0
BLANK_LABEL = "_" * 14  # beside the number: where the label is written


def _seed(*parts: str) -> int:
    """A seed from the content itself: the same steps always shuffle the same way."""
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def shuffled_order(steps: Sequence[str], title: str = "") -> tuple[int, ...]:
    """A permutation of ``range(len(steps))`` that is never the steps' own order.

    Seeded by the steps' words, so a sheet printed again asks the same; a
    shuffle that came out in order is shuffled again (two steps: swapped).
    """
    n = len(steps)
    if n < 2:
        return tuple(range(n))
    rng = random.Random(_seed(title, *steps))
    order = list(range(n))
    while order == sorted(order):
        rng.shuffle(order)
    return tuple(order)


def order_task(d: PathwayDiagram, lang: str) -> OrderTask:
    """A pathway's steps shuffled, each with its place in the pathway."""
    labels = [s.label for s in d.steps]
    perm = shuffled_order(labels, d.title)
    return OrderTask(d.title, tuple(labels[i] for i in perm), tuple(i + 1 for i in perm), lang)


def _blank(n: int, label: str | None = None) -> str:
    return f"({n}) {BLANK_LABEL if label is None else label}"


LabelDiagram = AxisDiagram | ClusterDiagram | CycleDiagram


def blanked(d: LabelDiagram, *, show: bool = False) -> tuple[LabelDiagram, tuple[str, ...]]:
    """The diagram with its labels replaced by numbered blanks, and the labels by number.

    Numbered in reading order: an axis from its left hub through the channels (top
    to bottom) to its right hub; a cluster from its centre round its items; a cycle
    clockwise from the top (the numbers it draws itself), then its centre. Details
    go too: they would give the labels away. Icons stay: they help a pupil find the
    word, not say it. ``show`` keeps each label after its number (the answer key's).
    """
    answers: list[str] = []

    def take(label: str) -> str:
        answers.append(label)
        return _blank(len(answers), answers[-1] if show else None)

    if isinstance(d, AxisDiagram):
        left = d.left.model_copy(update={"label": take(d.left.label), "detail": None})
        chans = [c.model_copy(update={"label": take(c.label)}) for c in d.channels]
        right = d.right.model_copy(update={"label": take(d.right.label), "detail": None})
        new: LabelDiagram = d.model_copy(update={"left": left, "channels": chans, "right": right,
                                                 "caption": None})
    elif isinstance(d, ClusterDiagram):
        centre = take(d.centre)
        items = [i.model_copy(update={"label": take(i.label), "detail": None}) for i in d.items]
        new = d.model_copy(update={"centre": centre, "items": items, "caption": None})
    else:  # a cycle numbers its steps itself: the blank stands beside that number
        steps = [s.model_copy(update={"label": take(s.label).split(") ", 1)[1], "detail": None})
                 for s in d.steps]
        centre_label = take(d.centre).replace("(", "", 1).replace(")", "", 1) if d.centre else None
        new = d.model_copy(update={"steps": steps, "centre": centre_label, "caption": None})
    return new, tuple(answers)


def label_task(d: LabelDiagram, kit: Kit, lang: str) -> LabelTask:
    """The diagram composed with numbered blanks for labels, on a page of its own."""
    pages = []
    answers: tuple[str, ...] = ()
    for show in (False, True):
        new, answers = blanked(d, show=show)
        group = compose_diagram(new, 0.0, 0.0, DIAGRAM_W, DIAGRAM_H, kit, ref_numbers={},
                                label_size=LABEL_SIZE, label_floor=LABEL_FLOOR, reveal=False)
        # The blank diagram's alt text must not read the answers out.
        alt = (described(kit, d) if show else
               words(lang, kit.pack_root)("label_alt", title=d.title, n=len(answers)))
        pages.append(Page(DIAGRAM_W, DIAGRAM_H, PAPER, (replace(group, alt=alt),),
                          kind="diagram", title=d.title, alt=alt))
    return LabelTask(d.title, pages[0], answers, pages[1], lang)


def _lang(pack: Pack, sec: Section, block: object = None) -> str:
    return getattr(block, "language", None) or sec.language or pack.meta.language


def _same(a: str, b: str) -> bool:
    return blanks.plain_key(a) in blanks.plain_key(b)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def section_blanks(pack: Pack, sec: Section, taken: set[str] | None = None) -> list[Blank]:
    """The fill-in sentences of one section: its statistics, then its takeaway.

    A takeaway that repeats a statistic's words is left out: the statistic asks it.
    ``taken`` holds the answers asked already (a takeaway's gap avoids them).
    """
    taken = set() if taken is None else taken
    out: list[Blank] = []
    stats = [b for b in sec.blocks if isinstance(b, StatBlock)]
    for st in stats:
        before, gap, after = blanks.split_stat(st)
        out.append(Blank(_capital(before), gap, after.rstrip(".") + ".", _lang(pack, sec, st)))
    if sec.takeaway and not any(_same(st.label, sec.takeaway) for st in stats):
        split = blanks.split_takeaway(sec.takeaway, _lang(pack, sec), taken)
        if split is not None:
            out.append(Blank(*split, _lang(pack, sec)))
    taken.update(blanks.plain_key(b.answer) for b in out)
    return out


def question(b: ChoiceQuiz | TrueFalseQuiz, lang: str, pack_root: str = "") -> Question:
    """A quiz block as a question: its choices (True and False in ``lang``), the right ones."""
    why = b.explanation or ""
    if isinstance(b, TrueFalseQuiz):
        say = words(lang, pack_root)
        return Question(prompt(b), (say("quiz_true"), say("quiz_false")),
                        (0 if b.answer else 1,), why, True, lang)
    right = tuple(i for i, c in enumerate(b.choices) if c.correct)
    return Question(prompt(b), tuple(c.text for c in b.choices), right, why, False, lang)


def build(pack: Pack, section_ids: Sequence[str], layout: Layout, theme: Theme,
          paper: Paper) -> Worksheet:
    """Every exercise the chosen sections give, in the pack's order, with the answers."""
    fills: list[Blank] = []
    orders: list[OrderTask] = []
    labels: list[LabelTask] = []
    questions: list[Question] = []
    taken: set[str] = set()
    for sid in section_ids:
        sec = pack.section(sid)
        # The teacher's own questions are asked from any section.
        questions += [question(b, _lang(pack, sec, b), pack.root) for b in sec.blocks
                      if isinstance(b, ChoiceQuiz | TrueFalseQuiz)]
        if sec.kind == "manufacturer":
            continue
        fills += section_blanks(pack, sec, taken)
        kit = Kit.for_pack(layout, theme, pack, sec)
        for b in sec.blocks:
            if isinstance(b, PathwayDiagram):
                orders.append(order_task(b, _lang(pack, sec, b)))
            elif isinstance(b, AxisDiagram | ClusterDiagram | CycleDiagram):
                labels.append(label_task(b, kit, _lang(pack, sec, b)))
    say = words(pack.meta.language, pack.root)
    return Worksheet(
        pack.meta.title,
        pack.meta.language,
        tuple(fills),
        tuple(orders),
        tuple(labels),
        tuple(questions),
        {k: say.table[k] for k in SHEET_WORDS},
        (paper.width, paper.height),
    )
