"""The handout: the deck's slides, three to a page, beside ruled lines for notes.

The slides are the deck's own pages (``compose_deck``'s, so the handout shows
exactly what the class sees), drawn small by scaling them whole; the references
slides are left out and the sources are printed at reading size at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from infodeck.compose import cite
from infodeck.compose.deck import compose_deck, references_pages
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import Layout, Theme
from infodeck.compose.materials.pages import Block, Sheets, rule, run, text_block
from infodeck.compose.materials.paper import INK, MUTED, RULE, Paper, accent_on_paper
from infodeck.compose.materials.scale import transform_all
from infodeck.compose.room import DeckRoom
from infodeck.compose.words import words
from infodeck.content.model import Pack
from infodeck.scene.elements import Box, Document, Element, Page

PER_PAGE = 3
SLIDE_SHARE = 0.6  # of the text width; the notes' lines take the rest
LINE_PITCH = 21.0  # points between ruled lines (about 7.5 mm, wide ruled)


def slides(pack: Pack, section_ids: Sequence[str], layout: Layout, theme: Theme,
           deck: Document | None = None, room: DeckRoom | None = None) -> Document:
    """The deck's slides of the chosen sections, without the references slides.

    ``deck`` is the deck the export composed for the .pptx (the same slides, not
    composed twice) in ``room`` (a school template's); the references slides are
    the ones that end it.
    """
    if deck is None:
        deck = compose_deck(pack, list(section_ids), layout, theme, room)
    refs = len(references_pages(pack, layout, theme, section_ids, room))
    pages = list(deck.pages)
    while refs and pages and pages[-1].section_id == "references":
        pages.pop()
        refs -= 1
    return replace(deck, pages=tuple(pages))


def _slide_row(kit: Kit, slide: Page, w: float, h: float, notes_w: float,
               number: int) -> Block:
    """One slide scaled into a w × h frame, its number, and ruled lines beside it."""
    s = min(w / slide.width, h / slide.height)
    sw, sh = slide.width * s, slide.height * s
    out: list[Element] = [
        Box(kit.new_id(), 0, 0, sw, sh, "rect", slide.background, None, name=f"Slide {number}"),
        *transform_all(slide.elements, s, 0, 0),
        Box(kit.new_id(), 0, 0, sw, sh, "rect", None, RULE, 0.75, name="Slide frame"),
    ]
    x = sw + 16
    lines = max(1, int((sh - 4) // LINE_PITCH))
    for i in range(1, lines + 1):
        out.append(rule(kit, x, i * LINE_PITCH, w + notes_w - x, RULE, 0.6))
    return Block(sh, out)


def compose_handout(pack: Pack, section_ids: Sequence[str], deck_layout: Layout, theme: Theme,
                    paper: Paper, deck: Document | None = None,
                    room: DeckRoom | None = None) -> Document:
    """Print pages of the chosen sections' slides, three a page, then the sources.

    ``deck`` is the composed deck when the export has it already (see ``slides``).
    """
    kit = Kit.for_pack(deck_layout, theme, pack)
    say = words(pack.meta.language, pack.root)
    deck = slides(pack, section_ids, deck_layout, theme, deck, room)
    sheets = Sheets(kit, paper, pack.meta.title, say("handout"), say.table["page_of"])
    accent = accent_on_paper(theme.colors.accent)
    tw = paper.text_w
    w = tw * SLIDE_SHARE
    h = w * deck_layout.height / deck_layout.width
    body_h = sheets.bottom - sheets.top
    head = text_block(kit, kit.marked(pack.meta.title, paper.title, INK, bold=True), tw, after=2)
    sub = pack.meta.subtitle or ""
    heads = [head]
    if sub:
        heads.append(text_block(kit, kit.marked(sub, paper.body, MUTED), tw, after=0))
    first_h = body_h - sum(b.height for b in heads) - 8
    gap = 14.0
    # Three rows a page, smaller when the paper is short for them (a 4:3 deck on Letter).
    fit = min(h, (body_h - (PER_PAGE - 1) * gap) / PER_PAGE, (first_h - (PER_PAGE - 1) * gap)
              / PER_PAGE)
    w, h = fit * deck_layout.width / deck_layout.height, fit
    for b in heads:
        sheets.add(b)
    sheets.space(8)
    for i, page in enumerate(deck.pages):
        if i and i % PER_PAGE == 0:
            sheets.new_page()
        elif i:
            sheets.space(gap)
        sheets.add(_slide_row(kit, page, w, h, tw - w, i + 1))
    refs = _sources(pack, section_ids)
    if refs:
        sheets.space(18)
        sheets.add(text_block(kit, [run(kit, say("sources"), paper.heading, accent, bold=True)],
                              tw, after=4, keep=True))
        for n, text in refs:
            sheets.add(text_block(kit, [run(kit, f"[{n}] ", paper.small, accent, bold=True),
                                        run(kit, text, paper.small, INK)], tw, spacing=1.2,
                                  after=3))
    pages = sheets.finish()
    meta = pack.meta
    # The subject says what the document is: "Handout", in the pack's language.
    return Document(tuple(pages), meta.title, say("handout"), meta.author, meta.language,
                    150, notices=deck.notices)


def _sources(pack: Pack, section_ids: Sequence[str]) -> list[tuple[int, str]]:
    """The references the chosen sections cite, numbered as on the slides."""
    keys = cite.cited_keys(b for sid in section_ids for b in pack.section(sid).blocks)
    return [(n, cite.full_ref(r)) for n, r in enumerate(pack.references, start=1)
            if r.key in keys]
