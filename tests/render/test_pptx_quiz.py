"""Quiz slides in the deck: the answer appears on a click (a native animation), notes say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.render.pptx import write_pptx
from render.package_check import check_package

from conftest import ROOT


def _xpath(el: etree._Element, expr: str) -> list:  # type: ignore[type-arg]
    return etree.XPath(expr, namespaces=NS)(el)  # type: ignore[return-value]


NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    r = load_pack(ROOT / "tests" / "data" / "misconceptions")
    assert r.pack is not None, r.problems
    doc = compose_deck(r.pack, [s.id for s in r.pack.sections], get_layout("deck-16x9"),
                       get_theme("default"))
    out = tmp_path_factory.mktemp("quiz") / "quiz.pptx"
    write_pptx(doc, out)
    return out


def test_the_right_answers_appear_together_on_the_first_click(deck: Path) -> None:
    prs = Presentation(str(deck))
    slide = prs.slides[2]  # Quiz: two right answers of four
    assert slide.shapes.title.text == "Quiz: Where a plant's mass comes from"
    names = {s.shape_id: s.name for s in slide.shapes}
    sld = slide.element
    clicks = _xpath(sld, ".//p:timing//p:par[p:cTn/p:stCondLst/p:cond/@delay='indefinite']")
    assert len(clicks) == 1  # one click reveals the whole answer
    targets = [int(t) for t in _xpath(clicks[0], ".//p:spTgt/@spid")]
    shown = sorted(names[t] for t in targets)
    assert shown == ["Icon: circle-check", "Icon: circle-check",
                     "Right answer: A) Carbon dioxide from the air", "Right answer: B) Water"]
    kinds = _xpath(sld, ".//p:timing//p:cTn[@presetClass='entr']/@nodeType")
    assert kinds == ["clickEffect", "withEffect", "withEffect", "withEffect"]
    # The marks are top-level shapes (an animation inside a group cannot be edited),
    # drawn above the cards they outline, with alt text saying what they mean.
    order = [s.shape_id for s in slide.shapes]
    card = next(s for s in slide.shapes if s.name == "Choice A")
    assert all(order.index(t) > order.index(card.shape_id) for t in targets)
    descr = _xpath(sld, ".//p:cNvPr[@name='Right answer: B) Water']/@descr")
    assert descr == ["Right answer: B) Water"]


def test_the_question_is_there_from_the_start(deck: Path) -> None:
    slide = Presentation(str(deck)).slides[2]
    targets = {int(t) for t in _xpath(slide.element, ".//p:spTgt/@spid")}
    still = [s.name for s in slide.shapes if s.shape_id not in targets]
    assert {"Question", "Choice A", "Choice B", "Choice C", "Choice D"} <= set(still)


def test_the_notes_hold_the_answer_and_the_explanation(deck: Path) -> None:
    prs = Presentation(str(deck))
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert notes.startswith("Answer: False.")
    assert "the soil gives water and minerals" in notes
    assert prs.slides[4].notes_slide.notes_text_frame.text == "Réponse: Vrai."


def test_the_deck_package_is_sound(deck: Path) -> None:
    assert check_package(deck, slides=6) == []
