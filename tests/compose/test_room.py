"""Composing inside a school template's room: content areas, placeholders, decorations.

The room here is made by hand (the template reading has tests of its own): an odd
slide size, a crest in the top-right corner, a band down the left edge, and
content areas that keep clear of both. Every slide of every test pack must then
stay inside its content area, its title must fill the title placeholder exactly,
and nothing may touch a decoration.
"""

from __future__ import annotations

import pytest

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.compose.room import DeckRoom, Rect, SlideRoom, deck_layout
from infodeck.content.load import load_pack
from infodeck.scene.elements import Box, Connector, Group, Page, iter_elements

from checks import check_page
from conftest import BUILTIN, ROOT

W, H = 793.7, 446.46  # 28 × 15.75 cm
CREST = Rect(725.0, 14.0, 54.0, 63.0)
BAND = Rect(0.0, 0.0, 22.0, H)
CONTENT = Rect(40.0, 104.0, 714.0, 300.0)
ROOM = DeckRoom(
    W,
    H,
    {
        "title": SlideRoom(Rect(60, 246, 675, 160), Rect(60, 139, 640, 96),
                           Rect(119, 253, 556, 114), "center"),
        "content": SlideRoom(CONTENT, Rect(40, 18, 660, 74)),
        "title_only": SlideRoom(Rect(40, 103, 714, 305), Rect(40, 18, 660, 74)),
    },
    {k: (CREST, BAND) for k in ("title", "content", "title_only")},
)


def _packs() -> list:
    out = [BUILTIN]
    out += sorted(p for p in (ROOT / "tests" / "data").iterdir() if (p / "pack.yaml").is_file())
    return out


def _bounds(el: object) -> Rect:
    if isinstance(el, Connector):
        return Rect(min(el.x1, el.x2), min(el.y1, el.y2), abs(el.x2 - el.x1), abs(el.y2 - el.y1))
    return Rect(el.x, el.y, el.w, el.h)  # type: ignore[attr-defined]


def _placeholder(el: object) -> bool:
    return isinstance(el, Box) and el.role in ("title", "subtitle")


def _check_slide(page: Page) -> None:
    # Text slides are composed in the content layout's area, diagram slides in the
    # title-only layout's: together, this.
    area = Rect(40.0, 103.0, 714.0, 305.0)
    for el in iter_elements(page.elements):
        r = _bounds(el)
        for deco in (CREST, BAND):
            assert not r.overlaps(deco), (
                f"'{page.title}': {getattr(el, 'name', '') or type(el).__name__} at {r} "
                f"covers a decoration at {deco}"
            )
        if _placeholder(el):
            continue
        assert area.holds(r, slack=1.0), (
            f"'{page.title}': {getattr(el, 'name', '') or type(el).__name__} at {r} "
            f"is outside the content area {area}"
        )


@pytest.mark.parametrize("folder", _packs(), ids=lambda p: p.name)
def test_every_slide_stays_in_the_room(folder):
    loaded = load_pack(folder)
    assert loaded.pack is not None
    pack = loaded.pack
    lay = deck_layout(W, H)
    doc = compose_deck(pack, [s.id for s in pack.sections], lay, get_theme("default"), ROOM)
    assert doc.pages
    for page in doc.pages:
        assert (page.width, page.height) == (lay.width, lay.height)
        _check_slide(page)
        check_page(page, min(lay.type.body_floor, 9))


def test_titles_fill_the_title_placeholders():
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    doc = compose_deck(pack, [s.id for s in pack.sections], deck_layout(W, H),
                       get_theme("default"), ROOM)
    first = doc.pages[0]
    titles = [e for e in first.elements if isinstance(e, Box) and e.role == "title"]
    subs = [e for e in first.elements if isinstance(e, Box) and e.role == "subtitle"]
    assert len(titles) == 1 and len(subs) == 1
    t, s = ROOM.rooms["title"].title, ROOM.rooms["title"].subtitle
    assert t is not None and s is not None
    assert (titles[0].x, titles[0].y, titles[0].w, titles[0].h) == (t.x, t.y, t.w, t.h)
    assert (subs[0].x, subs[0].y, subs[0].w) == (s.x, s.y, s.w)
    assert titles[0].text is not None
    assert {p.align for p in titles[0].text.paragraphs} == {"center"}  # centred, as the layout
    for page in doc.pages[1:]:
        title = [e for e in page.elements if isinstance(e, Box) and e.role == "title"]
        assert len(title) == 1, page.title
        want = ROOM.rooms["content"].title
        assert want is not None
        assert (title[0].x, title[0].y, title[0].w, title[0].h) == (want.x, want.y, want.w,
                                                                      want.h)
        # Text that is the slide's whole text is its body placeholder, at the area's corner.
        for body in (e for e in page.elements if isinstance(e, Box) and e.role == "body"):
            assert body.x == CONTENT.x and body.w <= CONTENT.w


def test_diagrams_get_the_title_only_room():
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    doc = compose_deck(pack, [s.id for s in pack.sections], deck_layout(W, H),
                       get_theme("default"), ROOM)
    area = ROOM.rooms["title_only"].content
    diagrams = [p for p in doc.pages if any(isinstance(e, Group) for e in p.elements)
                and not any(isinstance(e, Box) and e.role == "body" for e in p.elements)]
    assert diagrams
    for page in diagrams:
        for g in (e for e in page.elements if isinstance(e, Group)):
            for el in iter_elements(g.children):
                assert area.holds(_bounds(el), slack=1.0), page.title


def test_deck_layout_takes_the_template_size_and_scales_type():
    lay = deck_layout(W, H)
    assert (lay.width, lay.height) == (round(W, 2), round(H, 2))
    base = get_layout("deck-16x9")
    assert lay.type.body < base.type.body  # a smaller slide: smaller type
    square = deck_layout(720, 540)
    assert square.type == get_layout("deck-4x3").type


def test_without_a_room_nothing_changes():
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    lay, theme = get_layout("deck-16x9"), get_theme("default")
    ids = [s.id for s in pack.sections]
    assert compose_deck(pack, ids, lay, theme) == compose_deck(pack, ids, lay, theme, None)


def test_a_short_content_area_still_holds_every_card():
    """A template whose body placeholder is short (a low title): stat cards that cannot
    stand beside the text follow it in rows, and nothing runs past the area's foot."""
    short = Rect(270.0, 255.0, 496.0, 128.0)  # as in LibreOffice's Midnightblue
    room = DeckRoom(W, H, {
        "title": ROOM.rooms["title"],
        "content": SlideRoom(short, Rect(213, 117, 369, 128)),
        "title_only": SlideRoom(short, Rect(213, 117, 369, 128)),
    })
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    doc = compose_deck(pack, [s.id for s in pack.sections], deck_layout(W, H),
                       get_theme("default"), room)
    cards = 0
    for page in doc.pages[1:]:
        for el in iter_elements(page.elements):
            if _placeholder(el):
                continue
            cards += isinstance(el, Box) and el.name == "Key statistic"
            assert short.holds(_bounds(el), slack=1.0), (
                f"'{page.title}': {getattr(el, 'name', '') or type(el).__name__} at "
                f"{_bounds(el)} runs out of {short}")
    assert cards >= 4


def test_a_diagram_never_loses_its_words_beside_text_in_a_short_area():
    """A template with its title mid-slide and a short body under it (LibreOffice's
    Vintage): a diagram that would lose its labels beside the text gets a slide of its
    own, where the title-only layout gives it the room under the title."""
    body = Rect(40.0, 374.0, 698.0, 159.0)
    title = Rect(40.0, 249.0, 714.0, 99.0)
    room = DeckRoom(794.0, 595.0, {
        "title": SlideRoom(Rect(40, 374, 698, 159), title),
        "content": SlideRoom(body, title),
        "title_only": SlideRoom(Rect(40.0, 360.0, 714.0, 180.0), title),
    })
    pack = load_pack(ROOT / "tests" / "data" / "water-cycle").pack
    assert pack is not None
    doc = compose_deck(pack, [s.id for s in pack.sections], deck_layout(794.0, 595.0),
                       get_theme("default"), room)
    stages = 0
    for page in doc.pages:
        for group in (el for el in page.elements if isinstance(el, Group)):
            for el in iter_elements(group.children):
                if isinstance(el, Box) and el.name.startswith("Stage"):
                    stages += 1
                    assert el.text is not None and el.text.paragraphs, (
                        f"'{page.title}': {el.name} drawn without its words")
    assert stages == 4
