"""The handout: the deck's own slides, three to a page, lines for notes, the sources."""

from __future__ import annotations

import pytest

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.compose.materials.handout import PER_PAGE, compose_handout
from infodeck.compose.materials.paper import A4, LETTER, choose_paper
from infodeck.compose.materials.scale import transformed
from infodeck.content.load import load_pack
from infodeck.scene.elements import Box, Document, iter_elements

from conftest import BUILTIN


@pytest.fixture(scope="module")
def handout() -> tuple[Document, Document]:
    pack = load_pack(BUILTIN).pack
    ids = pack.default_section_ids()
    deck, theme = get_layout("deck-16x9"), get_theme("default")
    paper = choose_paper(get_layout("a4-portrait"), "en")
    return compose_handout(pack, ids, deck, theme, paper), compose_deck(pack, ids, deck, theme)


def _texts(elements: tuple) -> list[str]:  # type: ignore[type-arg]
    return ["".join(r.text for p in el.text.paragraphs for r in p.runs)
            for el in iter_elements(elements) if isinstance(el, Box) and el.text is not None]


def test_three_slides_a_page_with_ruled_lines_and_page_numbers(handout) -> None:  # type: ignore[no-untyped-def]
    doc, deck = handout
    refs = sum(p.section_id == "references" for p in deck.pages)
    slides = len(deck.pages) - refs
    frames = [sum(isinstance(e, Box) and e.name == "Slide frame" for e in p.elements)
              for p in doc.pages]
    assert sum(frames) == slides
    assert all(f == PER_PAGE for f in frames[:-1]) and 1 <= frames[-1] <= PER_PAGE
    for i, page in enumerate(doc.pages, start=1):
        assert (page.width, page.height) == A4
        assert f"Page {i} of {len(doc.pages)}" in _texts(page.elements)
        lines = [e for e in page.elements if isinstance(e, Box) and e.name == "Line"]
        if frames[i - 1]:
            assert len(lines) >= 4 * frames[i - 1]  # room to write beside every slide
        for el in iter_elements(page.elements):  # nothing runs off the paper
            if isinstance(el, Box):
                assert el.x >= 0 and el.x + el.w <= page.width + 0.01
                assert el.y >= 0 and el.y + el.h <= page.height + 0.01


def test_the_slides_are_the_decks_own_text_drawn_small(handout) -> None:  # type: ignore[no-untyped-def]
    doc, deck = handout
    on_handout = "\n".join(t for p in doc.pages for t in _texts(p.elements))
    for page in deck.pages[:4]:
        for text in _texts(page.elements):
            assert text in on_handout


def test_the_sources_close_the_handout_in_full(handout) -> None:  # type: ignore[no-untyped-def]
    doc, _ = handout
    last = "\n".join(_texts(doc.pages[-1].elements))
    assert "Sources" in last
    assert "[1] Dalile B, et al." in last


def test_letter_paper_for_a_letter_layout_or_a_letter_country() -> None:
    assert choose_paper(get_layout("letter-portrait"), "de").name == "Letter"
    assert choose_paper(get_layout("a4-portrait"), "en-US").name == "A4"  # the teacher chose A4
    assert choose_paper(get_layout("square-1080"), "en-US").name == "Letter"
    assert choose_paper(get_layout("square-1080"), "en-GB").name == "A4"
    assert (choose_paper(get_layout("letter-portrait"), "en").width,
            choose_paper(get_layout("letter-portrait"), "en").height) == LETTER


def test_scaling_keeps_the_lines_as_broken_and_scales_their_type() -> None:
    deck = compose_deck(load_pack(BUILTIN).pack, ["gut-brain-axis"], get_layout("deck-16x9"),
                        get_theme("default"))
    box = next(e for e in deck.pages[0].elements if isinstance(e, Box) and e.text is not None)
    small = transformed(box, 0.25, 10, 20)
    assert isinstance(small, Box) and small.text is not None and box.text is not None
    assert (small.x, small.y, small.w) == pytest.approx((box.x * .25 + 10, box.y * .25 + 20,
                                                         box.w * .25))
    for a, b in zip(box.text.paragraphs, small.text.paragraphs, strict=True):
        assert len(a.lines) == len(b.lines)
        assert b.runs[0].font.size == pytest.approx(a.runs[0].font.size * 0.25)
        assert [s.text for ln in b.lines for s in ln.segments] == \
            [s.text for ln in a.lines for s in ln.segments]
