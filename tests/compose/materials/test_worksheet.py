"""The worksheet's exercises: blanks and word bank, steps shuffled, diagrams blanked."""

from __future__ import annotations

from pathlib import Path

import pytest

from infodeck.compose.layouts import get_layout, get_theme
from infodeck.compose.materials import worksheet as wsm
from infodeck.compose.materials.model import BLANK
from infodeck.compose.materials.paper import choose_paper
from infodeck.compose.materials.sheets import answer_pages, worksheet_pages
from infodeck.content.load import load_pack
from infodeck.content.model import Pack
from infodeck.scene.elements import Box, iter_elements

from conftest import BUILTIN, ROOT

DATA = ROOT / "tests" / "data"


def load(path: Path) -> Pack:
    return load_pack(path).pack


def build(pack: Pack, ids: list[str] | None = None) -> wsm.Worksheet:
    lay = get_layout("a4-portrait")
    return wsm.build(pack, ids or pack.default_section_ids(), lay, get_theme("default"),
                     choose_paper(lay, pack.meta.language))


def texts(pages: list) -> str:  # type: ignore[type-arg]
    out = []
    for page in pages:
        for el in iter_elements(page.elements):
            if isinstance(el, Box) and el.text is not None:
                out.append("".join(r.text for p in el.text.paragraphs for r in p.runs))
    return "\n".join(out)


@pytest.fixture(scope="module")
def builtin() -> wsm.Worksheet:
    return build(load(BUILTIN))


def test_every_blank_has_its_answer_in_the_word_bank(builtin: wsm.Worksheet) -> None:
    assert builtin.blanks
    assert set(builtin.bank) == {b.answer for b in builtin.blanks}
    assert list(builtin.bank) == sorted(builtin.bank, key=str.casefold)  # no order given away
    stats = [b for b in builtin.blanks if b.answer == "80–95%"]
    assert stats and stats[0].after.startswith(" of American children")


def test_a_manufacturer_section_asks_nothing() -> None:
    pack = load(BUILTIN)
    ws = build(pack, ["manufacturer-description"])
    assert ws.empty


def test_a_takeaway_that_repeats_a_statistic_is_asked_once() -> None:
    pack = load(BUILTIN)
    ws = build(pack, ["diet-statistics"])
    fruit = [b for b in ws.blanks if "fruit and vegetables" in b.before + b.after]
    assert len(fruit) == 1 and fruit[0].answer == "80–95%"


def test_steps_are_shuffled_never_in_order_and_always_the_same_way() -> None:
    for n in range(2, 13):
        steps = [f"step {i}" for i in range(n)]
        order = wsm.shuffled_order(steps, "t")
        assert sorted(order) == list(range(n))
        assert list(order) != list(range(n))
        assert order == wsm.shuffled_order(list(steps), "t")
    pack = load(DATA / "photosynthesis")
    task = build(pack).orders[0]
    assert task.in_order == tuple(s.label for s in pack.section("light-reactions").blocks[0].steps)  # type: ignore[union-attr]
    assert task.shuffled != task.in_order


def test_diagram_labels_become_numbered_blanks_in_reading_order() -> None:
    pack = load(DATA / "photosynthesis")
    ws = build(pack)
    axis = next(t for t in ws.labels if t.title == "Gas exchange")
    assert axis.answers == ("Leaf", "Oxygen", "Carbon dioxide", "Water vapour", "Air")
    drawn = texts([axis.page])
    for n in range(1, 6):
        assert f"({n})" in drawn
    for label in axis.answers:
        assert label not in drawn  # no answer left on the pupil's diagram
    assert "Leaf" not in axis.page.alt  # nor read out by a screen reader
    key = texts([axis.key])
    assert "(1) Leaf" in key
    assert axis.bank == tuple(sorted(axis.answers, key=str.casefold))


def test_a_cycle_blanks_beside_its_own_step_numbers() -> None:
    ws = build(load(DATA / "water-cycle"))
    cycle = ws.labels[0]
    assert cycle.answers[:4] == ("Evaporation", "Condensation", "Precipitation", "Collection")
    drawn = texts([cycle.page])
    assert "Evaporation" not in drawn and "(1)" not in drawn  # the cycle's own "1" numbers it
    assert f"5 {wsm.BLANK_LABEL}" in drawn  # the centre comes after the steps


def test_the_answer_key_answers_the_worksheet(builtin: wsm.Worksheet) -> None:
    lay, theme = get_layout("a4-portrait"), get_theme("default")
    sheet = texts(worksheet_pages(builtin, lay, theme))
    key = texts(answer_pages(builtin, lay, theme))
    for b in builtin.blanks:
        assert f"{b.before}{BLANK}{b.after}" in sheet
        assert f"{b.before}{b.answer}{b.after}" in key
    for task in builtin.orders:
        assert " → ".join(task.in_order) in key
    assert "Name:" in sheet and "Name:" not in key


def test_the_same_pack_gives_the_same_worksheet(builtin: wsm.Worksheet) -> None:
    again = build(load(BUILTIN))
    assert again.blanks == builtin.blanks
    assert again.orders == builtin.orders
    assert [t.page for t in again.labels] == [t.page for t in builtin.labels]


def test_the_sheets_speak_the_packs_language(make_pack) -> None:  # type: ignore[no-untyped-def]
    root = make_pack({"a.yaml": (
        "id: a\ntitle: Les plantes\nsummary: Un résumé.\nnotes: Notes.\n"
        "takeaway: Les plantes fabriquent du sucre avec la lumière.\n")},
        pack_extra="language: fr\n")
    ws = build(load(root))
    sheet = texts(worksheet_pages(ws, get_layout("a4-portrait"), get_theme("default")))
    assert "Nom\u202f:" in sheet and "Banque de mots" in sheet and "Page 1 sur 1" in sheet


QUIZ = """\
  - type: quiz
    kind: multiple-choice
    question: Which gases does a leaf *take in* or give out?
    choices:
      - text: Oxygen
        correct: true
      - text: CO~2~
        correct: true
      - text: Helium
    explanation: It takes in CO~2~ and gives out oxygen.
    cite: [smith2020]
  - type: quiz
    kind: true-false
    statement: Plants get their mass from the soil.
    answer: false
    explanation: Most of it is carbon from the air.
    cite: [smith2020]
"""


def test_quiz_questions_are_asked_with_boxes_and_answered_in_the_key(make_pack) -> None:  # type: ignore[no-untyped-def]
    from conftest import SECTION

    ws = build(load(make_pack({"intro.yaml": SECTION + QUIZ})))
    assert ws.blanks == () and not ws.empty  # the quiz alone makes a worksheet
    mc, tf = ws.questions
    assert mc.choices == ("Oxygen", "CO~2~", "Helium") and mc.correct == (0, 1)
    assert tf.true_false and tf.choices == ("True", "False") and tf.correct == (1,)
    lay, theme = get_layout("a4-portrait"), get_theme("default")
    sheet_pages = worksheet_pages(ws, lay, theme)
    key_pages = answer_pages(ws, lay, theme)
    sheet, key = texts(sheet_pages), texts(key_pages)
    assert "Which gases does a leaf take in or give out?" in sheet  # markup drawn, not typed
    assert "tick every correct answer" in sheet and "true or false? tick one" in sheet
    assert "Why: Most of it is carbon from the air." in key
    assert "Why:" not in sheet

    def ticked(pages: list) -> list[str]:  # type: ignore[type-arg]
        out, boxes = [], []
        for page in pages:
            els = iter_elements(page.elements)
            for i, el in enumerate(els):
                if isinstance(el, Box) and el.name == "Box to tick":
                    ticks = [e for e in els[i + 1:i + 3] if getattr(e, "name", "") == "Tick"]
                    boxes.append(bool(ticks))
                    nxt = els[i + 1 + len(ticks)]
                    assert isinstance(nxt, Box) and nxt.text is not None
                    if ticks:
                        out.append("".join(r.text for p in nxt.text.paragraphs for r in p.runs))
        assert len(boxes) == 5
        return out

    assert ticked(sheet_pages) == []
    assert ticked(key_pages) == ["A)  Oxygen", "B)  CO2", "False"]


@pytest.mark.parametrize("name", ["photosynthesis", "water-cycle", "linebreaks", "misconceptions"])
@pytest.mark.parametrize("paper", ["a4-portrait", "letter-portrait"])
def test_nothing_runs_off_the_paper_or_out_of_its_box(name: str, paper: str) -> None:
    from infodeck.scene.elements import Connector

    pack = load(DATA / name)
    lay, theme = get_layout(paper), get_theme("default")
    ws = wsm.build(pack, pack.default_section_ids(), lay, theme,
                   choose_paper(lay, pack.meta.language))
    for pages in (worksheet_pages(ws, lay, theme), answer_pages(ws, lay, theme)):
        for page in pages:
            for el in iter_elements(page.elements):
                if isinstance(el, Connector):
                    xs, ys = (el.x1, el.x2), (el.y1, el.y2)
                else:
                    xs, ys = (el.x, el.x + el.w), (el.y, el.y + el.h)
                assert min(xs) >= 20 and max(xs) <= page.width - 20, el
                assert min(ys) >= 20 and max(ys) <= page.height - 20, el
                if isinstance(el, Box) and el.text is not None and el.text.paragraphs:
                    assert el.text.content_height + el.text.inset_t + el.text.inset_b <= el.h + 1
