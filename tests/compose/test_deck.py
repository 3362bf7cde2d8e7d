"""Composing decks: every slide fits, cites, and carries notes."""

from __future__ import annotations

import pytest

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme, layouts, themes
from infodeck.content.load import load_pack
from infodeck.scene.elements import Box, Chart, Connector, Group, iter_elements

from checks import check_page
from conftest import BUILTIN


@pytest.fixture(scope="module")
def pack():
    r = load_pack(BUILTIN)
    assert r.pack is not None, r.problems
    return r.pack


def _all_text(page) -> str:
    return " ".join(
        r.text
        for e in iter_elements(page.elements)
        if isinstance(e, Box) and e.text
        for p in e.text.paragraphs
        for r in p.runs
    )


@pytest.mark.parametrize("layout", [n for n, lay in layouts().items() if lay.kind == "deck"])
@pytest.mark.parametrize("theme", list(themes()))
def test_builtin_deck_fits_every_layout_and_theme(pack, layout, theme):
    lay = get_layout(layout)
    doc = compose_deck(pack, [s.id for s in pack.sections], lay, get_theme(theme))
    for page in doc.pages:
        assert (page.width, page.height) == (lay.width, lay.height)
        check_page(page, min(lay.type.body_floor, 9))
        assert page.notes.strip(), f"slide '{page.title}' has no speaker notes"


def test_deck_structure(pack):
    ids = pack.default_section_ids()
    doc = compose_deck(pack, ids, get_layout("deck-16x9"), get_theme("default"))
    kinds = {type(e) for p in doc.pages for e in iter_elements(p.elements)}
    assert {Box, Connector, Chart} <= kinds
    assert any(isinstance(e, Group) and e.alt for p in doc.pages for e in p.elements)
    assert doc.pages[-1].title.startswith("References")
    # Every slide that cites has a sources line naming what it cites.
    for page in doc.pages:
        if page.sources:
            assert "Sources:" in _all_text(page), page.title
    # The order given is kept.
    rev = list(reversed(ids))
    doc2 = compose_deck(pack, rev, get_layout("deck-16x9"), get_theme("default"))
    order = [p.section_id for p in doc2.pages if p.section_id not in ("", "references")]
    assert list(dict.fromkeys(order)) == rev


def test_uncited_claims_are_shown(pack):
    doc = compose_deck(pack, ["diet-statistics"], get_layout("deck-16x9"), get_theme("default"))
    text = " ".join(_all_text(p) for p in doc.pages)
    assert "no source given" in text.lower()


def test_manufacturer_section_is_labelled(pack):
    manu = next(s for s in pack.sections if s.kind == "manufacturer")
    doc = compose_deck(pack, [manu.id], get_layout("deck-16x9"), get_theme("default"))
    assert "Manufacturer's description" in _all_text(doc.pages[0])


def test_long_text_continues_on_follow_on_slides(make_pack):
    long = " ".join(["Photosynthesis turns light into chemical energy."] * 200)
    sec = (
        "id: long\ntitle: Long\nsummary: s\nnotes: n\nblocks:\n"
        f"  - type: text\n    text: {long}\n    uncited: true\n"
        "  - type: bullets\n    uncited: true\n    items:\n"
        + "".join(f"      - Bullet number {i}\n" for i in range(60))
    )
    pack = load_pack(make_pack({"long.yaml": sec})).pack
    assert pack is not None
    lay = get_layout("deck-16x9")
    doc = compose_deck(pack, ["long"], lay, get_theme("default"))
    content = [p for p in doc.pages if p.section_id == "long"]
    assert len(content) > 3
    n = len(content)
    assert [p.title for p in content] == [f"Long ({k} of {n})" for k in range(1, n + 1)]
    assert any(f"continues on {n - 1} more slides" in x for x in doc.notices)
    for page in content:
        check_page(page, lay.type.body_floor)
    words = " ".join(_all_text(p) for p in content)
    assert words.count("Photosynthesis") == 200
    assert all(f"Bullet number {i}" in words for i in range(60))


def test_a_word_longer_than_a_line_is_broken_not_clipped(make_pack):
    word = "x" * 2000
    sec = f"id: w\ntitle: W\nsummary: s\nnotes: n\nblocks:\n  - type: text\n    text: {word}\n    uncited: true\n"
    pack = load_pack(make_pack({"w.yaml": sec})).pack
    doc = compose_deck(pack, ["w"], get_layout("deck-4x3"), get_theme("default"))
    for page in doc.pages:
        check_page(page, 14)
    assert sum(_all_text(p).count("x") for p in doc.pages) >= 2000


def test_deck_is_its_sections_then_the_references():
    """The preview caches per section and the references apart; the deck must agree."""
    from infodeck.compose.deck import references_pages, section_pages

    pack = load_pack(BUILTIN).pack
    lay, theme = get_layout("deck-4x3"), get_theme("default")
    ids = [s.id for s in pack.sections if s.default][::-1]
    whole = compose_deck(pack, ids, lay, theme).pages
    parts = [p for sid in ids for p in section_pages(pack, pack.section(sid), lay, theme)]
    parts += references_pages(pack, lay, theme)
    assert [(p.title, p.section_id) for p in whole] == [(p.title, p.section_id) for p in parts]


def test_a_title_section_with_too_much_text_continues_instead_of_dropping_it(make_pack):
    words = " ".join(["Photosynthesis feeds nearly every food chain on Earth."] * 60)
    sec = (
        "id: t\nkind: title\ntitle: Plants\nsummary: s\nnotes: n\nblocks:\n"
        f"  - type: text\n    text: {words}\n    uncited: true\n"
    )
    pack = load_pack(make_pack({"t.yaml": sec})).pack
    lay = get_layout("deck-4x3")
    doc = compose_deck(pack, ["t"], lay, get_theme("default"))
    pages = [p for p in doc.pages if p.section_id == "t"]
    assert len(pages) >= 2
    for page in pages:
        check_page(page, lay.type.body_floor)
    assert " ".join(_all_text(p) for p in pages).count("Photosynthesis") == 60


@pytest.mark.parametrize("width", [120.0, 160.0, 240.0])
@pytest.mark.parametrize("icon", [None, "pill"])
def test_stat_prefix_never_drops_below_the_floor(width: float, icon: str | None) -> None:
    """A long number in a narrow card shrinks; its "up to" stays readable, on one line."""
    from infodeck.compose.deck import stat_card
    from infodeck.compose.kit import Kit
    from infodeck.compose.layouts import get_layout, get_theme
    from infodeck.content.model import StatBlock

    lay = get_layout("deck-16x9")
    kit = Kit(lay, get_theme("default"))
    block = StatBlock.model_validate({"type": "stat", "value": 123456789, "unit": "×",
                                      "prefix": "up to", "label": "x", "uncited": True,
                                      **({"icon": icon} if icon else {})})
    card = stat_card(kit, block, 0, 0, width, {})
    assert card.text is not None
    prefix, number = card.text.paragraphs[0].runs
    assert prefix.font.size >= lay.type.body_floor
    assert number.font.size >= lay.type.body_floor
    # The number never breaks (in the narrowest card it goes under its "up to").
    pieces = [g.text for line in card.text.paragraphs[0].lines for g in line.segments
              if g.run.text == number.text]
    assert pieces == [number.text]


@pytest.mark.parametrize("value", [80, 10000, 123456])
def test_a_stat_icon_stays_beside_its_number_only_with_room_for_a_wider_font(value: int) -> None:
    """Beside the number, the icon is a shape of its own: LibreOffice without Calibri draws
    the number up to 1.43 times wider, and it must not run under the icon (#15)."""
    from infodeck.compose.deck import STAT_WIDER_FONT, stat_card, stat_icon
    from infodeck.compose.kit import Kit
    from infodeck.content.model import StatBlock
    from infodeck.scene.text import text_width

    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    block = StatBlock.model_validate({"type": "stat", "value": value, "unit": "×",
                                      "prefix": "over", "label": "stronger acidity",
                                      "uncited": True, "icon": "gut"})
    card = stat_card(kit, block, 0, 0, 320.0, {})
    mark = stat_icon(kit, block, card)
    assert card.text is not None and mark is not None
    line = card.text.paragraphs[0].lines[0]
    end = card.text.inset_l + max(
        g.x + text_width(g.text, g.run.font) for g in line.segments
    )
    if mark.y + mark.h <= card.y + card.text.inset_t:  # above the number
        assert value >= 10000
    else:  # beside: the number, that much wider, still ends before the icon
        assert value < 10000
        start = card.text.inset_l
        assert start + (end - start) * STAT_WIDER_FONT <= mark.x - card.x


TITLE_SECTION = """\
id: opening
kind: title
title: The water cycle
{extra}summary: Water moves between sea, air and land.
notes: Ask where rain comes from.
"""


def test_title_slide_shows_the_section_s_title_subtitle_and_icon(make_pack):
    from infodeck.scene.elements import Icon

    root = make_pack({"opening.yaml": TITLE_SECTION.format(
        extra="subtitle: Evaporation, condensation, rain\nicon: cloud-rain\n")},
        pack_extra="subtitle: The pack's own subtitle\n")
    pack = load_pack(root).pack
    assert pack is not None and pack.meta.title == "Test pack"
    [slide] = compose_deck(pack, ["opening"], get_layout("deck-16x9"),
                           get_theme("default")).pages
    text = _all_text(slide)
    assert "The water cycle" in text and "Evaporation, condensation, rain" in text
    assert "Test pack" not in text and "The pack's own subtitle" not in text
    assert slide.title == "The water cycle"
    [mark] = [e for e in iter_elements(slide.elements) if isinstance(e, Icon)]
    assert mark.name == "Icon: cloud-rain"
    # The band is the title placeholder; its text stops short of the icon.
    band = next(e for e in slide.elements if isinstance(e, Box) and e.name == "Title")
    assert band.role == "title" and band.text is not None
    assert mark.y + mark.h <= band.bottom and band.right - band.text.inset_r <= mark.x
    check_page(slide, 9)


def test_title_slide_falls_back_to_the_pack_s_subtitle(make_pack):
    root = make_pack({"opening.yaml": TITLE_SECTION.format(extra="")},
                     pack_extra="subtitle: The pack's own subtitle\n")
    pack = load_pack(root).pack
    assert pack is not None
    [slide] = compose_deck(pack, ["opening"], get_layout("deck-16x9"),
                           get_theme("default")).pages
    assert "The pack's own subtitle" in _all_text(slide)


def test_subtitle_belongs_to_title_sections_only(make_pack):
    body = TITLE_SECTION.format(extra="subtitle: A line\n").replace("kind: title\n", "")
    r = load_pack(make_pack({"opening.yaml": body}))
    assert r.pack is None
    assert any("only a title section (kind: title) has a subtitle" in e.message
               for e in r.errors)
