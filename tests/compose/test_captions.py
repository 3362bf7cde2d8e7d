"""Captions tell the truth: a diagram's own caption, or none — never a section's takeaway.

A sentence under a diagram reads as what the diagram shows. The section's takeaway
(or summary) may be about something else entirely ("half of Earth's oxygen comes
from phytoplankton" under a chart of how much sunlight crops capture), so it must
never stand there: not on the infographic, a slide, a diagram export or alt text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infodeck.compose.deck import compose_deck
from infodeck.compose.diagrams import caption_of
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme, layouts
from infodeck.content.load import load_pack
from infodeck.content.model import DiagramBase, Pack
from infodeck.export.plan import diagram_pages
from infodeck.scene.elements import Box, Group, Page, iter_elements

from conftest import BUILTIN, ROOT

PACKS = [BUILTIN, ROOT / "tests" / "data" / "photosynthesis", ROOT / "tests" / "data" / "water-cycle"]
INFOGRAPHICS = [n for n, lay in layouts().items() if lay.kind == "infographic"]


def _load(path: Path) -> Pack:
    r = load_pack(path)
    assert r.pack is not None, r.problems
    return r.pack


def _text(b: Box) -> str:
    assert b.text is not None
    return " ".join("".join(r.text for r in p.runs) for p in b.text.paragraphs).strip()


def _captions(pages: tuple[Page, ...] | list[Page]) -> list[str]:
    return [_text(e) for p in pages for e in iter_elements(p.elements)
            if isinstance(e, Box) and e.name == "Caption" and e.text is not None]


def _own_captions(pack: Pack, ids: list[str]) -> set[str]:
    numbers = pack.reference_numbers()
    return {c for s in ids for b in pack.section(s).blocks if isinstance(b, DiagramBase)
            for c in [caption_of(b, numbers)] if c}


def _section_words(pack: Pack, ids: list[str]) -> set[str]:
    out: set[str] = set()
    for s in ids:
        sec = pack.section(s)
        out |= {t for t in (sec.takeaway, sec.summary) if t}
    return out


def _all_ids(pack: Pack) -> list[str]:
    return [s.id for s in pack.sections]


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
@pytest.mark.parametrize("layout", INFOGRAPHICS)
def test_infographic_captions_are_the_diagrams_own(path: Path, layout: str) -> None:
    pack = _load(path)
    ids = _all_ids(pack)
    # Pages enough for every diagram: one page would leave some out (and their captions).
    doc = compose_infographic(pack, ids, get_layout(layout), get_theme("default"),
                              pages=len(ids))
    shown = _captions(doc.pages)
    own = _own_captions(pack, ids)
    assert set(shown) <= own
    # Every diagram shown with a caption shows it (a section shows its first diagram);
    # one without has no caption at all.
    firsts = [next((b for b in pack.section(s).blocks if isinstance(b, DiagramBase)), None)
              for s in ids]
    assert len(shown) == sum(
        1 for b in firsts if b is not None and caption_of(b, pack.reference_numbers())
    )
    assert not set(shown) & (_section_words(pack, ids) - own)


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_slides_and_diagram_exports_use_only_own_captions(path: Path) -> None:
    pack = _load(path)
    ids = _all_ids(pack)
    lay, theme = get_layout("deck-16x9"), get_theme("default")
    own = _own_captions(pack, ids)
    deck = compose_deck(pack, ids, lay, theme)
    assert set(_captions(deck.pages)) <= own
    pages = [p for _, p in diagram_pages(pack, ids, lay, theme)]
    assert set(_captions(pages)) <= own


def test_photosynthesis_axis_diagram_is_not_captioned_with_the_takeaway() -> None:
    """The case from the issue: a section whose diagram has no caption of its own."""
    pack = _load(ROOT / "tests" / "data" / "photosynthesis")
    sec = pack.section("leaf-and-air")
    diagram = next(b for b in sec.blocks if isinstance(b, DiagramBase))
    assert diagram.caption is None and sec.takeaway
    doc = compose_infographic(pack, [sec.id], get_layout("a4-portrait"), get_theme("default"))
    (page,) = doc.pages
    boxes = [e for e in iter_elements(page.elements) if isinstance(e, Box) and e.text]
    assert not [b for b in boxes if b.name == "Caption"]
    # The takeaway is still on the page, in the section's takeaway, and nowhere else.
    holding = [b.name for b in boxes if sec.takeaway in _text(b)]
    assert holding == ["Takeaway"]
    # The diagram's alt text describes the diagram, not the section.
    (group,) = [e for e in page.elements if isinstance(e, Group)
                and e.name.startswith("Diagram:")]
    assert sec.takeaway not in group.alt


def test_a_diagrams_own_caption_is_shown_under_it(make_pack) -> None:  # type: ignore[no-untyped-def]
    path = make_pack(
        sections={"intro.yaml": """\
id: intro
title: Introduction
summary: What this is about.
takeaway: Something the diagram does not show.
notes: Say hello.
blocks:
  - type: diagram
    kind: pathway
    title: Steps
    caption: The three steps, in order.
    steps: [{label: One}, {label: Two}, {label: Three}]
    uncited: true
"""}
    )
    pack = _load(path)
    for layout in INFOGRAPHICS:
        doc = compose_infographic(pack, ["intro"], get_layout(layout), get_theme("default"))
        assert _captions(doc.pages) == ["The three steps, in order."]
