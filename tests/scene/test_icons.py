"""Icons laid into diagrams and stat cards: inside their box, clear of text, coloured to mean.

Every diagram invariant of test_diagrams still holds with an icon on every part, in
every region (wide and narrow, slide and print), with short and long labels.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagram_cases import BUILDERS, REGIONS, _compose, check
from infodeck.compose.deck import stat_card, stat_icon
from infodeck.compose.diagrams import DiagramBlock
from infodeck.compose.kit import Kit, icon
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.model import StatBlock
from infodeck.scene.contrast import contrast_ratio
from infodeck.scene.elements import Box, Group, Icon, iter_elements
from infodeck.scene.icons import builtin_names, icon_color, unknown_message

from checks import line_rects

ICONS = itertools.cycle(builtin_names())
THEMES = ["default", "colour-blind-safe", "high-contrast", "grayscale"]


def with_icons(d: DiagramBlock) -> DiagramBlock:
    """``d`` with an icon on every part that can carry one."""
    data: dict[str, Any] = d.model_dump()
    if data["kind"] == "pathway":
        for s in data["steps"]:
            s["icon"] = next(ICONS)
    elif data["kind"] == "axis":
        data["left"]["icon"], data["right"]["icon"] = "gut", "brain"
    elif data["kind"] == "cluster":
        data["centre_icon"] = "brain"
        for i in data["items"]:
            i["icon"] = next(ICONS)
    return type(d).model_validate(data)


def check_icons(g: Group, theme: str = "default") -> list[Icon]:
    """Each icon sits inside one box, clear of every line of text, and stands out from it."""
    els = iter_elements((g,))
    boxes = [e for e in els if isinstance(e, Box)]
    icons = [e for e in els if isinstance(e, Icon)]
    for ic in icons:
        hosts = [b for b in boxes if b.x - 0.01 <= ic.x and ic.x + ic.w <= b.right + 0.01
                 and b.y - 0.01 <= ic.y and ic.y + ic.h <= b.bottom + 0.01]
        assert len(hosts) == 1, ic.name
        host = hosts[0]
        assert host.fill is not None
        assert contrast_ratio(ic.color, host.fill) >= 3.0, (theme, ic.name, ic.color, host.fill)
        assert ic.alt and ic.name.startswith("Icon: ")
        for b in boxes:
            if b.text is None:
                continue
            for x0, y0, x1, y1 in line_rects(b):
                crosses = (min(ic.x + ic.w, x1) - max(ic.x, x0) > 0.5
                           and min(ic.y + ic.h, y1) - max(ic.y, y0) > 0.5)
                assert not crosses, (ic.name, b.name)
    return icons


CASES = [
    pytest.param(kind, n, long, region, id=f"{kind}-{n}-{'long' if long else 'short'}-{region}")
    for kind in ("pathway", "axis", "cluster")
    for n in BUILDERS[kind][1]
    for long in (False, True)
    for region in REGIONS
]


@pytest.mark.parametrize(("kind", "n", "long", "region"), CASES)
def test_diagrams_with_icons_keep_every_invariant(kind: str, n: int, long: bool,
                                                  region: str) -> None:
    d = with_icons(BUILDERS[kind][0](n, long))
    g, _, floor = _compose(d, region)
    check(_without_icons(g), d, REGIONS[region][1], floor)
    icons = check_icons(g)
    # All or none: the icons go when their room would cost a label words.
    assert len(icons) in (0, {"pathway": n, "axis": 2, "cluster": n + 1}[kind])
    if not long and region in ("deck-wide", "a4-wide") and n <= 8:
        assert icons  # short labels in a roomy region keep their icons


def _without_icons(g: Group) -> Group:
    """The group as test_diagrams.check knows it (boxes, connectors, charts)."""
    kids = tuple(_without_icons(c) if isinstance(c, Group) else c
                 for c in g.children if not isinstance(c, Icon))
    return Group(g.id, kids, g.name, g.alt)


@pytest.mark.parametrize("theme", THEMES)
def test_icon_colours_stand_out_in_every_theme(theme: str) -> None:
    d = with_icons(BUILDERS["pathway"][0](6, False))
    layout, (x, y, w, h) = REGIONS["deck-wide"]
    kit = Kit(get_layout(layout), get_theme(theme))
    from infodeck.compose.diagrams import compose_diagram

    g = compose_diagram(d, x, y, w, h, kit, ref_numbers={}, label_size=18, label_floor=14)
    icons = check_icons(g, theme)
    assert len(icons) == 6


def test_row_icons_sit_on_one_line() -> None:
    d = with_icons(BUILDERS["pathway"][0](4, False))
    data = d.model_dump()
    data["steps"][1]["detail"] = "A much longer detail that takes two or three lines here"
    d = type(d).model_validate(data)
    g, _, _ = _compose(d, "deck-wide")
    icons = [e for e in iter_elements((g,)) if isinstance(e, Icon)]
    steps = [e for e in iter_elements((g,)) if isinstance(e, Box) and e.name.startswith("Step")]
    rows = {round(b.y, 6) for b in steps}
    assert len(icons) == 4
    # One icon line per row of boxes, whatever each box's text.
    assert len({round(i.y, 6) for i in icons}) == len(rows)


def test_warning_means_warning() -> None:
    c = get_theme("default").colors
    meanings = {"warning": c.warning}
    assert icon_color("warning", c.card, c.on_card, c.accent, meanings) == c.warning
    assert icon_color("brain", c.card, c.on_card, c.accent, meanings) == c.accent
    # On a dark band neither stands out: the band's own text colour does.
    assert icon_color("warning", c.band, c.on_band, c.accent, meanings) == c.on_band


def test_kit_icon_knows_the_pack_s_own_and_skips_unknown() -> None:
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    assert icon(kit, "no-such-icon", 0, 0, 10, on="#FFFFFF", text="#000000") is None
    ic = icon(kit, "brain", 0, 0, 10, on="#FFFFFF", text="#000000")
    assert ic is not None and ic.alt == "Brain" and ic.name == "Icon: brain"


def test_unknown_message_suggests_the_pack_s_own() -> None:
    msg = unknown_message("my-lef", {"my-leaf": None})  # type: ignore[dict-item]
    assert "did you mean 'my-leaf'?" in msg
    assert "infodeck icons" in msg


def _stat(**kw: Any) -> StatBlock:
    return StatBlock.model_validate({"type": "stat", "value": 80, "value_high": 95,
                                     "unit": "%", "label": "of people", "uncited": True, **kw})


@pytest.mark.parametrize("width", [130.0, 200.0, 330.0, 600.0])
def test_stat_icon_beside_or_above_the_number_never_shrinks_it(width: float) -> None:
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    plain = stat_card(kit, _stat(), 0, 0, width, {})
    card = stat_card(kit, _stat(icon="fruit-vegetables"), 0, 0, width, {})
    assert card.text is not None and plain.text is not None
    big = card.text.paragraphs[0].runs[-1].font.size
    assert big == plain.text.paragraphs[0].runs[-1].font.size  # the icon costs no size
    mark = stat_icon(kit, _stat(icon="fruit-vegetables"), card)
    assert mark is not None
    assert card.x <= mark.x and mark.x + mark.w <= card.right
    assert card.y <= mark.y and mark.y + mark.h <= card.bottom
    for x0, y0, x1, y1 in line_rects(card):
        assert min(mark.x + mark.w, x1) - max(mark.x, x0) <= 0.5 or \
            min(mark.y + mark.h, y1) - max(mark.y, y0) <= 0.5
    above = card.text.inset_t > plain.text.inset_t
    assert above == (width < 300)  # narrow cards carry the icon above the number


def test_stat_without_icon_has_none() -> None:
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    card = stat_card(kit, _stat(), 0, 0, 300, {})
    assert stat_icon(kit, _stat(), card) is None


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(["pathway", "axis", "cluster"]), long=st.booleans(),
       region=st.sampled_from(sorted(REGIONS)), data=st.data())
def test_any_count_with_icons(kind: str, long: bool, region: str, data: st.DataObject) -> None:
    lo, hi = BUILDERS[kind][1]
    n = data.draw(st.integers(lo, hi))
    d = with_icons(BUILDERS[kind][0](n, long))
    g, _, floor = _compose(d, region)
    check(_without_icons(g), d, REGIONS[region][1], floor)
    check_icons(g)


def test_icons_give_way_before_words() -> None:
    from infodeck.compose.diagrams import compose_diagram

    d = BUILDERS["pathway"][0](12, False)
    layout, (x, y, w, h) = REGIONS["deck-narrow"]
    kit = Kit(get_layout(layout), get_theme("default"))
    plain = compose_diagram(d, x, y, w, h, kit, ref_numbers={}, label_size=18, label_floor=14)
    iconed = compose_diagram(with_icons(d), x, y, w, h, kit, ref_numbers={}, label_size=18,
                             label_floor=14)
    texts = [[r.text for p in b.text.paragraphs for r in p.runs]
             for b in iter_elements((plain,)) if isinstance(b, Box) and b.text]
    texts2 = [[r.text for p in b.text.paragraphs for r in p.runs]
              for b in iter_elements((iconed,)) if isinstance(b, Box) and b.text]
    assert texts == texts2  # every word kept: the icons were left out instead
    assert not any(isinstance(e, Icon) for e in iter_elements((iconed,)))


def test_section_headings_carry_their_sections_icons() -> None:
    from infodeck.compose.infographic import compose_infographic
    from infodeck.content.load import load_pack

    from checks import check_page
    from conftest import BUILTIN

    pack = load_pack(BUILTIN).pack
    assert pack is not None
    ids = pack.default_section_ids()
    lay = get_layout("a4-portrait")
    (page,) = compose_infographic(pack, ids, lay, get_theme("default")).pages
    check_page(page, lay.type.body_floor)
    heads = [e for e in iter_elements(page.elements)
             if isinstance(e, Box) and e.name == "Section heading"]
    marks = [(b, e) for b in heads for e in page.elements if isinstance(e, Icon)
             and b.x <= e.x and e.x + e.w <= b.right and b.y - 2 <= e.y and e.y + e.h <= b.bottom + 2]
    marks.sort(key=lambda m: (round(m[0].x), m[0].y))
    expected = [pack.section(s).icon for s in ids if pack.section(s).kind != "title"]
    assert [e.name.removeprefix("Icon: ") for _, e in marks] == expected
    for b, e in marks:  # the title starts after its icon, on every line
        assert b.text is not None and b.text.paragraphs[0].indent >= e.w


@pytest.mark.parametrize("layout", ["deck-16x9", "deck-4x3"])
def test_cards_shown_together_place_their_icons_alike(layout: str) -> None:
    from infodeck.compose.deck import section_pages
    from infodeck.content.load import load_pack

    from conftest import BUILTIN

    pack = load_pack(BUILTIN).pack
    assert pack is not None
    [page] = section_pages(pack, pack.section("diet-statistics"), get_layout(layout),
                           get_theme("default"))[:1]
    cards = [e for e in page.elements if isinstance(e, Box) and e.name == "Key statistic"]
    assert len(cards) == 2
    assert len({c.text.inset_t for c in cards if c.text is not None}) == 1


@pytest.mark.parametrize("layout", ["a4-portrait", "letter-portrait"])
def test_icons_cost_the_print_infographic_no_page(layout: str) -> None:
    """The built-in pack with its icons is one A4 or Letter page, as it is without them."""
    from infodeck.compose.infographic import compose_infographic
    from infodeck.content.load import load_pack

    from conftest import BUILTIN

    pack = load_pack(BUILTIN).pack
    assert pack is not None
    doc = compose_infographic(pack, pack.default_section_ids(), get_layout(layout),
                              get_theme("default"))
    assert len(doc.pages) == 1
    icons = [e for p in doc.pages for e in iter_elements(p.elements) if isinstance(e, Icon)]
    assert len(icons) >= 9 + 3  # every section heading's, and the statistics' at least
