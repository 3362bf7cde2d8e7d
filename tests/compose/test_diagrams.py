"""The diagram composers: every kind, layout, region shape, label length and count.

The invariants checked here are the ones a teacher would notice when they break:
something sticking out of its region, boxes on top of each other, text spilling
out of a box or set below the floor size, arrows that come loose from their boxes
when PowerPoint re-routes them, lines crossing boxes, alt text that leaves out
part of the diagram.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagram_cases import (
    BUILDERS,
    OUTWARD,
    REGIONS,
    TOL,
    _compose,
    _labels_of,
    _sizes,
    axis,
    chart,
    check,
    cluster,
    cycle,
    pathway,
    staged,
)
from infodeck.compose.diagrams import DiagramBlock, compose_diagram, describe
from infodeck.compose.diagrams.chart import axis_range, citation_note
from infodeck.compose.diagrams.chart import compose as chart_compose
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.model import (
    AxisDiagram,
    ChartDiagram,
    ClusterDiagram,
    CycleDiagram,
    PathwayDiagram,
    PictogramDiagram,
)
from infodeck.scene.elements import Box, Chart, Connector, Group, iter_elements

CASES = [
    pytest.param(kind, n, long, region, id=f"{kind}-{n}-{'long' if long else 'short'}-{region}")
    for kind, (_, counts) in BUILDERS.items()
    for n in counts
    for long in (False, True)
    for region in REGIONS
]



@pytest.mark.parametrize(("kind", "n", "long", "region"), CASES)
def test_invariants(kind: str, n: int, long: bool, region: str) -> None:
    build, _ = BUILDERS[kind]
    d = build(n, long)
    g, _, floor = _compose(d, region)
    check(g, d, REGIONS[region][1], floor)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
LABEL = st.lists(WORD, min_size=1, max_size=14).map(" ".join)


@st.composite
def _any_diagram(draw: st.DrawFn) -> DiagramBlock:
    kind = draw(st.sampled_from(["pathway", "cycle", "axis", "cluster", "chart"]))
    lo, hi = BUILDERS[kind][1]
    n = draw(st.integers(lo, hi))
    labels = draw(st.lists(LABEL, min_size=n + 1, max_size=n + 1))
    details = draw(st.lists(st.none() | LABEL, min_size=n + 1, max_size=n + 1))
    base = {"type": "diagram", "kind": kind, "title": "T"}
    if kind == "pathway":
        steps = [{"label": lb, "detail": dt, "highlight": draw(st.booleans())}
                 for lb, dt in zip(labels[:n], details, strict=False)]
        return PathwayDiagram.model_validate({**base, "steps": steps})
    if kind == "cycle":
        steps = [{"label": lb, "detail": dt, "highlight": draw(st.booleans())}
                 for lb, dt in zip(labels[:n], details, strict=False)]
        return CycleDiagram.model_validate({**base, "steps": steps, "centre": details[n]})
    if kind == "axis":
        return AxisDiagram.model_validate({
            **base, "left": {"label": labels[n], "detail": details[n]}, "right": {"label": "B"},
            "channels": [{"label": lb, "direction": draw(st.sampled_from(
                ["both", "to-right", "to-left"]))} for lb in labels[:n]]})
    if kind == "cluster":
        return ClusterDiagram.model_validate({
            **base, "centre": labels[n],
            "items": [{"label": lb, "detail": dt}
                      for lb, dt in zip(labels[:n], details, strict=False)]})
    return ChartDiagram.model_validate({
        **base, "items": [{"label": lb, "value": draw(st.integers(0, 100))} for lb in labels[:n]]})


@settings(max_examples=150, deadline=None)
@given(d=_any_diagram(), layout=st.sampled_from(["deck-16x9", "a4-portrait"]),
       w=st.floats(220, 900), h=st.floats(150, 700))
def test_invariants_hold_for_any_data_and_region(d: DiagramBlock, layout: str, w: float,
                                                 h: float) -> None:
    kit = Kit(get_layout(layout), get_theme("default"))
    size, floor = _sizes(layout)
    g = compose_diagram(d, 20, 30, w, h, kit, ref_numbers={}, label_size=size,
                        label_floor=floor)
    check(g, d, (20, 30, w, h), floor)


def test_a_three_stage_cycle_in_a_wide_short_region_never_draws_an_arrow_backwards() -> None:
    """Found by the property above: stage 2 and 3 side by side, the sides facing each
    other already taken; the arrow shares a site rather than run along a box's edge."""
    d = CycleDiagram.model_validate({
        "type": "diagram", "kind": "cycle", "title": "T",
        "steps": [{"label": "aaaaaa aaaaaa aaaaaaaa",
                   "detail": "a a a a a a a a aa aaa aaaa aaaaaa"},
                  {"label": "a"}, {"label": "a"}]})
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    size, floor = _sizes("deck-16x9")
    g = compose_diagram(d, 20, 30, 557.0, 236.0, kit, ref_numbers={}, label_size=size,
                        label_floor=floor)
    check(g, d, (20, 30, 557.0, 236.0), floor)


@pytest.mark.parametrize("region", list(REGIONS))
@pytest.mark.parametrize("kind", ["pathway", "cycle", "axis", "cluster"])
def test_every_connector_is_glued_at_both_ends(kind: str, region: str) -> None:
    build, (_, most) = BUILDERS[kind]
    g, _, _ = _compose(build(most, False), region)
    conns = [e for e in iter_elements((g,)) if isinstance(e, Connector)]
    assert conns
    assert all(c.start is not None and c.end is not None for c in conns)


@pytest.mark.parametrize("region", list(REGIONS))
def test_short_labels_keep_the_preferred_size(region: str) -> None:
    layout = REGIONS[region][0]
    size, _ = _sizes(layout)
    for kind in ("pathway", "axis", "cluster"):
        build, (few, _) = BUILDERS[kind]
        g, _, _ = _compose(build(few, False), region)
        sizes = {r.font.size for e in iter_elements((g,)) if isinstance(e, Box) and e.text
                 for p in e.text.paragraphs for r in p.runs}
        assert max(sizes) >= size - 1e-9, (kind, sizes)


def _step_boxes(g: Group) -> list[Box]:
    return [e for e in iter_elements((g,)) if isinstance(e, Box) and e.name.startswith("Step")]


def test_pathway_few_steps_in_a_wide_region_make_a_row() -> None:
    g, _, _ = _compose(pathway(4, False), "deck-wide")
    boxes = _step_boxes(g)
    assert len({b.y for b in boxes}) == 1
    assert [b.x for b in boxes] == sorted(b.x for b in boxes)
    conns = [e for e in iter_elements((g,)) if isinstance(e, Connector)]
    assert all(c.start and c.end and (c.start[1], c.end[1]) == (3, 1) for c in conns)


def test_pathway_in_a_tall_narrow_region_makes_a_column() -> None:
    g, _, _ = _compose(pathway(8, False), "a4-tall")
    boxes = _step_boxes(g)
    assert len({b.x for b in boxes}) == 1
    conns = [e for e in iter_elements((g,)) if isinstance(e, Connector)]
    assert all(c.start and c.end and (c.start[1], c.end[1]) == (2, 0) for c in conns)


def test_pathway_many_steps_snake() -> None:
    g, _, _ = _compose(pathway(12, False), "deck-wide")
    boxes = _step_boxes(g)
    rows = sorted({b.y for b in boxes})
    assert 1 < len(rows) < 12
    first = [b for b in boxes if b.y == rows[0]]
    second = [b for b in boxes if b.y == rows[1]]
    assert [b.x for b in first] == sorted(b.x for b in first)  # left to right
    assert [b.x for b in second] == sorted((b.x for b in second), reverse=True)  # and back
    assert first[-1].x == second[0].x  # the turn is straight down
    assert len({(b.w, b.h) for b in boxes}) == 1  # one box size throughout


def test_pathway_colours_numbers_and_reveal() -> None:
    d = pathway(5, False)
    g, kit, _ = _compose(d, "deck-wide")
    col = kit.theme.colors
    boxes = _step_boxes(g)
    for i, (b, step) in enumerate(zip(boxes, d.steps, strict=True)):
        assert b.geometry == "roundrect"
        assert b.fill == (col.highlight if step.highlight else col.step)
        assert b.reveal == i + 1
        assert b.text is not None
        text = "".join(r.text for p in b.text.paragraphs for r in p.runs)
        assert text.startswith(str(i + 1))
    conns = [e for e in iter_elements((g,)) if isinstance(e, Connector)]
    by_id = {b.id: b for b in boxes}
    for c in conns:
        assert c.color == col.line and c.head == "arrow"
        assert c.end is not None and c.reveal == by_id[c.end[0]].reveal
    g2, _, _ = _compose(d, "deck-wide", reveal=False)
    assert all(getattr(e, "reveal", 0) == 0 for e in iter_elements((g2,)))
    assert "The highlighted step is 3. Inflammation 3." in describe(d)


def test_axis_arrows_follow_direction_and_reveal() -> None:
    d = axis(3, False)  # both, to-right, to-left
    g, kit, _ = _compose(d, "deck-wide")
    els = iter_elements((g,))
    boxes = {e.id: e for e in els if isinstance(e, Box)}
    hubs = [b for b in boxes.values() if b.name.startswith("Hub")]
    assert len(hubs) == 2 and all(b.reveal == 0 and b.fill == kit.theme.colors.band for b in hubs)
    left, right = sorted(hubs, key=lambda b: b.x)
    conns = [e for e in els if isinstance(e, Connector)]
    for i, direction in enumerate(["both", "to-right", "to-left"]):
        mine = [c for c in conns if c.reveal == i + 1]
        assert len(mine) == 2
        heads = {("left" if c.x2 < c.x1 else "right"): c.head for c in mine}
        assert heads["left"] == ("arrow" if direction in ("both", "to-left") else "none")
        assert heads["right"] == ("arrow" if direction in ("both", "to-right") else "none")
        for c in mine:
            assert c.y1 == c.y2  # horizontal
            assert c.start is not None and boxes[c.start[0]].name.startswith("Channel")
            assert left.right - TOL <= min(c.x1, c.x2) and max(c.x1, c.x2) <= right.x + TOL
    assert "Axis diagram" in describe(d)


def test_cluster_links_and_layout() -> None:
    d = cluster(4, False)
    g, kit, _ = _compose(d, "deck-wide")
    els = iter_elements((g,))
    boxes = [e for e in els if isinstance(e, Box)]
    centre = next(b for b in boxes if b.name.startswith("Centre"))
    assert centre.fill == kit.theme.colors.band
    items = [b for b in boxes if b.name.startswith("Item")]
    assert len(items) == 4
    # Around the centre: two on each side.
    assert sum(b.right <= centre.x for b in items) == 2
    assert sum(b.x >= centre.right for b in items) == 2
    conns = [e for e in els if isinstance(e, Connector)]
    assert len(conns) == 4 and all(c.start and c.start[0] == centre.id for c in conns)
    assert all(c.head == "none" for c in conns)


@pytest.mark.parametrize("n", range(1, 9))
@pytest.mark.parametrize("region", ["deck-wide", "a4-tall"])
def test_cluster_every_count(n: int, region: str) -> None:
    g, _, _ = _compose(cluster(n, False), region)
    items = [e for e in iter_elements((g,)) if isinstance(e, Box) and e.name.startswith("Item")]
    assert len(items) == n


def test_chart_data() -> None:
    d = chart(4, False)  # values 5, 12, 19, 26; ranges on items 1 and 3
    g, kit, floor = _compose(d, "deck-wide")
    (c,) = g.children
    assert isinstance(c, Chart)
    assert (c.x, c.y, c.w, c.h) == REGIONS["deck-wide"][1]
    # Category labels carry no citation marks: the caption does (citation_note).
    assert c.categories == ("Gut 1", "Leaky gut 2", "Inflammation 3", "Immune signals 4")
    assert citation_note(d, {"smith2020": 4}) == (
        "Data: Gut 1, Immune signals 4 [4]; Leaky gut 2 [no source given].")
    assert [s.name for s in c.series] == ["Lower value", "Range up to the higher value"] and c.legend
    assert c.series[0].values == (5, 12, 19, 26)
    assert c.series[1].values == (0, 4, 0, 4)
    assert [s.color for s in c.series] == kit.theme.colors.chart[:2]
    assert c.labels == ("5%", "12–16%", "19%", "26–30%")
    assert c.number_format == '0"%"' and (c.value_min, c.value_max) == (0, 30)
    assert c.font.size >= floor and c.text_color == kit.theme.colors.text
    assert c.grid_color not in (kit.theme.colors.background, "")


def test_chart_without_ranges_and_other_units() -> None:
    d = ChartDiagram.model_validate({
        "type": "diagram", "kind": "chart", "title": "Hours", "unit": "h",
        "items": [{"label": "Sleep", "value": 7.5}, {"label": "Screens", "value": 43}],
    })
    g, _, _ = _compose(d, "a4-wide")
    (c,) = g.children
    assert isinstance(c, Chart)
    assert len(c.series) == 1
    assert c.labels == ("7.5\u00a0h", "43\u00a0h")  # a no-break space before a word unit
    assert c.number_format == "0" and c.value_max == 50 and not c.legend
    assert "Sleep: 7.5\u00a0h" in describe(d)


def test_chart_prefix_goes_before_the_number() -> None:
    d = ChartDiagram.model_validate({
        "type": "diagram", "kind": "chart", "title": "Blood", "unit": "%",
        "items": [{"label": "Postbiotic", "value": 36, "prefix": "up to", "uncited": True},
                  {"label": "Range", "value": 80, "value_high": 95, "prefix": "about",
                   "uncited": True},
                  {"label": "Plain", "value": 12, "uncited": True}],
    })
    g, _, _ = _compose(d, "deck-wide")
    (c,) = g.children
    assert isinstance(c, Chart)
    assert c.labels == ("up to 36%", "about 80–95%", "12%")
    assert c.categories[0] == "Postbiotic"  # the label keeps only the words
    assert "Postbiotic: up to 36%" in describe(d)


def test_a_squat_bar_chart_makes_room_for_its_rows() -> None:
    """A template's short content area: smaller labels, then no legend, never below the floor."""
    d = ChartDiagram.model_validate({
        "type": "diagram", "kind": "chart", "title": "Two numbers", "unit": "%",
        "items": [{"label": "Americans not eating enough fruit and vegetables", "value": 80,
                   "value_high": 95, "uncited": True},
                  {"label": "Blood compounds that are postbiotic metabolites", "value": 36,
                   "prefix": "up to", "uncited": True}]})
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))

    def bars(h: float) -> Chart:
        return chart_compose(d, 20, 30, 700, h, kit, ref_numbers={}, label_size=15.5,
                             label_floor=11.6)

    roomy, short, squat = bars(330), bars(80), bars(70)
    assert roomy.legend and roomy.font.size == pytest.approx(15.5 * 0.8)
    assert short.legend and short.font.size == pytest.approx(11.6)  # the floor first
    assert not squat.legend and squat.font.size >= 11.6  # then the legend: labels say the range
    assert squat.labels == roomy.labels == ("80–95%", "up to 36%")
    # Each row at least 1.3 lines tall, under the axis row: LibreOffice shows every label.
    fs = squat.font.size
    assert (squat.h - 1.9 * fs) / len(squat.categories) >= 1.3 * 1.15 * fs


def _chart(*values: float | tuple[float, float], **kw: Any) -> ChartDiagram:
    items = [{"label": f"L{k}", "value": v[0], "value_high": v[1]} if isinstance(v, tuple)
             else {"label": f"L{k}", "value": v} for k, v in enumerate(values)]
    return ChartDiagram.model_validate({"type": "diagram", "kind": "chart", "title": "T",
                                        "uncited": True, "items": items, **kw})


@pytest.mark.parametrize(("values", "unit", "want"), [
    (((1, 2), (7, 8), 11), "%", (0, 12)),  # the teacher's 1-2, 7-8 and 11 %: not slivers
    ((54, 46), "%", (0, 60)),
    ((95, 99), "%", (0, 100)),  # a percentage axis never passes 100
    ((6.1, 12.3, 73.8), "hPa", (0, 75)),
    ((0.26, 0.49, 3.8), "%", (0, 4)),
    ((2600,), "t", (0, 3000)),
    ((-3, 5), "°C", (-4, 6)),
])
def test_the_value_axis_runs_from_the_data_to_a_round_number(
        values: tuple[float | tuple[float, float], ...], unit: str,
        want: tuple[float, float]) -> None:
    assert axis_range(_chart(*values, unit=unit)) == pytest.approx(want)


def test_axis_min_and_max_on_the_block_win() -> None:
    d = _chart(6.1, 73.8, unit="hPa", style="line", axis_min=5, axis_max=80)
    assert axis_range(d) == (5, 80)
    g, _, _ = _compose(d, "deck-wide")
    (c,) = g.children
    assert isinstance(c, Chart) and (c.value_min, c.value_max, c.style) == (5, 80, "line")


@pytest.mark.parametrize(("kw", "message"), [
    ({"axis_min": 10, "axis_max": 5}, "must be smaller than axis_max"),
    ({"axis_max": 50}, "lies above axis_max"),
    ({"axis_min": 10}, "bars start at zero"),
    ({"style": "donut", "axis_max": 100}, "a donut has no value axis"),
])
def test_axis_limits_that_hide_data_are_refused(kw: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _chart(20, 60, **kw)


def test_lines_and_donuts_take_single_values() -> None:
    for style in ("line", "donut"):
        with pytest.raises(ValueError, match=f"a {style} chart shows single values"):
            _chart((10, 20), 30, style=style)
    with pytest.raises(ValueError, match="parts of a whole"):
        _chart(-1, 5, style="donut", unit="t")


@pytest.mark.parametrize("style", ["bar", "column", "line", "donut"])
def test_every_style_is_a_native_chart_with_its_data(style: str) -> None:
    d = _chart(68.7, 30.1, 1.2, style=style)
    g, kit, _ = _compose(d, "deck-wide")
    (c,) = g.children
    assert isinstance(c, Chart) and c.style == style
    assert c.series[0].values == (68.7, 30.1, 1.2) and c.labels == ("68.7%", "30.1%", "1.2%")
    if style == "donut":
        assert len(set(c.colors)) == 3 and c.colors[0] == kit.theme.colors.chart[0]
    kind = {"bar": "Bar chart", "column": "Column chart", "line": "Line chart",
            "donut": "Donut chart"}[style]
    assert describe(d).startswith(f"{kind} in %, 3 ")


def test_a_citation_note_says_it_once_when_all_share_sources() -> None:
    d = ChartDiagram.model_validate({
        "type": "diagram", "kind": "chart", "title": "T",
        "items": [{"label": "A", "value": 1, "cite": ["smith2020"]},
                  {"label": "B", "value": 2, "cite": ["smith2020"]}]})
    assert citation_note(d, {"smith2020": 2}) == "Data: [2]."
    assert citation_note(_chart(1, 2), {}) == "Data: [no source given]."


def test_author_alt_text_wins() -> None:
    d = pathway(3, False).model_copy(update={"alt": "Three steps from gut to head."})
    assert describe(d) == "Three steps from gut to head."
    g, _, _ = _compose(d, "deck-wide")
    assert g.alt == "Three steps from gut to head."


@pytest.mark.parametrize("kind", ["pathway", "axis", "cluster", "chart"])
def test_cramped_region_still_keeps_everything_inside(kind: str) -> None:
    build, (_, most) = BUILDERS[kind]
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    x, y, w, h = 100.0, 100.0, 240.0, 130.0
    g = compose_diagram(build(most, True), x, y, w, h, kit, ref_numbers={}, label_size=18.7,
                        label_floor=14)
    for e in iter_elements((g,)):
        if isinstance(e, Connector):
            pts = [(e.x1, e.y1), (e.x2, e.y2)]
        else:
            pts = [(e.x, e.y), (e.x + e.w, e.y + e.h)]
        for px, py in pts:
            assert x - TOL <= px <= x + w + TOL and y - TOL <= py <= y + h + TOL, e
        if isinstance(e, Box) and e.text:
            assert e.text.content_height <= e.h - e.text.inset_t - e.text.inset_b + 1e-6


@pytest.mark.parametrize("region", list(REGIONS))
@pytest.mark.parametrize("kind", ["pathway", "axis", "cluster"])
def test_short_labels_are_never_shortened(kind: str, region: str) -> None:
    build, counts = BUILDERS[kind]
    for n in counts:
        if (kind, region, n) == ("axis", "deck-narrow", 8):
            continue  # eight channels at >= 14 pt cannot fit 330 × 370 pt: shortened by design
        d = build(n, False)
        g, _, _ = _compose(d, region)
        shown = " ".join(r.text for e in iter_elements((g,)) if isinstance(e, Box) and e.text
                         for p in e.text.paragraphs for r in p.runs).replace("\xad", "")  # hyphenation points
        assert "…" not in shown
        for label in _labels_of(d):
            assert label in shown


# ------------------------------------------------------------------ pictogram


def pictogram(value: float, high: float | None, figures: int = 20, label: str = "of adults do not eat enough fruit and vegetables") -> PictogramDiagram:
    return PictogramDiagram.model_validate(
        {"type": "diagram", "kind": "pictogram", "title": "Out of every 20", "value": value,
         "value_high": high, "figures": figures, "label": label, "cite": ["smith2020"]})


@pytest.mark.parametrize("region", list(REGIONS))
@pytest.mark.parametrize(("value", "high", "figures"), [(80, 95, 20), (36, None, 10), (0, None, 10), (100, None, 12), (33.3, 34, 7)])
def test_pictogram_invariants(region: str, value: float, high: float | None, figures: int) -> None:
    d = pictogram(value, high, figures)
    g, _, floor = _compose(d, region)
    check(g, d, REGIONS[region][1], floor)
    bodies = [e for e in iter_elements((g,)) if isinstance(e, Box) and e.geometry == "roundrect"]
    heads = [e for e in iter_elements((g,)) if isinstance(e, Box) and e.geometry == "ellipse"]
    assert len(bodies) == len(heads) == figures


def test_pictogram_colours_count_the_share_and_its_range() -> None:
    d = pictogram(80, 95, 20)
    g, kit, _ = _compose(d, "deck-wide")
    col = kit.theme.colors
    fills = [e.fill for e in iter_elements((g,)) if isinstance(e, Box) and e.geometry == "roundrect"]
    assert fills.count(col.accent) == 16
    assert fills.count(col.chart[1]) == 3  # 85, 90, 95 %
    assert fills.count(col.card) == 1
    assert "16 to 19 of 20 figures" in describe(d) and "80–95%" in describe(d)


def test_pictogram_rows_are_full_and_the_number_is_never_broken() -> None:
    d = pictogram(80, 95, 20)
    for region in REGIONS:
        g, _, _ = _compose(d, region)
        bodies = [e for e in iter_elements((g,)) if isinstance(e, Box) and e.geometry == "roundrect"]
        rows = sorted({round(b.y, 3) for b in bodies})
        per_row = [sum(1 for b in bodies if round(b.y, 3) == r) for r in rows]
        assert len(set(per_row)) == 1, (region, per_row)  # 20 = 10 × 2, 5 × 4…: no ragged row
        number = next(e for e in iter_elements((g,)) if isinstance(e, Box) and e.name == "Pictogram number")
        first = number.text.paragraphs[0]
        assert len(first.lines) == 1, region  # "80–95%" on one line


def test_pictogram_values_are_percentages() -> None:
    with pytest.raises(ValueError, match="from 0 to 100"):
        pictogram(120, None)
    with pytest.raises(ValueError, match="must not be smaller"):
        pictogram(50, 40)


@pytest.mark.parametrize("n", range(3, 9))
def test_cycle_reads_clockwise_and_closes_the_ring(n: int) -> None:
    d = cycle(n, False)
    g, _, _ = _compose(d, "deck-wide")
    els = iter_elements((g,))
    stages = [e for e in els if isinstance(e, Box) and e.name.startswith("Stage ")]
    arrows = [e for e in els if isinstance(e, Connector)]
    assert len(stages) == n and len(arrows) == n  # one arrow per stage: the ring closes
    by_id = {b.id: b for b in stages}
    for i, a in enumerate(arrows):  # each arrow from a stage to the next, one way
        assert a.start and a.end and a.head == "arrow" and a.tail == "none"
        assert by_id[a.start[0]] is stages[i] and by_id[a.end[0]] is stages[(i + 1) % n]
    # The first stage at the top, the next ones clockwise (to the right first).
    tops = [b.y for b in stages]
    assert tops[0] == min(tops)
    cx = sum(b.x + b.w / 2 for b in stages) / n
    assert stages[1].x + stages[1].w / 2 > cx
    # Revealed stage by stage, each arrow with the stage it leads to.
    assert [b.reveal for b in stages] == list(range(1, n + 1))
    assert [a.reveal for a in arrows] == [*range(2, n + 1), n]
    assert any(e.name.startswith("Centre: ") for e in els if isinstance(e, Box))
    assert "read clockwise from the top" in g.alt and "back to 1." in g.alt


def test_cycle_alt_text_reads_in_order() -> None:
    d = CycleDiagram.model_validate({
        "type": "diagram", "kind": "cycle", "title": "Water", "centre": "the water cycle",
        "steps": [{"label": "Evaporation", "detail": "the sun warms the sea"},
                  {"label": "Condensation", "highlight": True}, {"label": "Rain"}]})
    assert describe(d) == (
        "Cycle diagram around the water cycle, 3 stages, read clockwise from the top: "
        "1. Evaporation (the sun warms the sea) → 2. Condensation → 3. Rain → back to "
        "1. Evaporation. The highlighted stage is 2. Condensation.")


def test_cycle_takes_three_to_eight_stages() -> None:
    for n in (2, 9):
        with pytest.raises(ValueError, match="steps"):
            cycle(n, False)


def test_columns_whose_labels_would_break_turn_into_bars() -> None:
    long = "Photosynthesising"
    d = ChartDiagram.model_validate({
        "type": "diagram", "kind": "chart", "style": "column", "title": "T", "uncited": True,
        "items": [{"label": f"{long} {i}", "value": i + 1} for i in range(7)]})
    kit = Kit(get_layout("a4-portrait"), get_theme("default"))
    narrow = compose_diagram(d, 0, 0, 200, 200, kit, ref_numbers={}, label_size=10,
                             label_floor=8)
    wide = compose_diagram(d, 0, 0, 900, 300, kit, ref_numbers={}, label_size=10,
                           label_floor=8)
    assert isinstance(narrow.children[0], Chart) and narrow.children[0].style == "bar"
    assert isinstance(wide.children[0], Chart) and wide.children[0].style == "column"


def test_cycle_arrows_leave_and_enter_by_different_sides() -> None:
    g, _, _ = _compose(cycle(3, False), "deck-wide")
    arrows = [e for e in iter_elements((g,)) if isinstance(e, Connector)]
    ends = [a.start for a in arrows] + [a.end for a in arrows]
    assert len(set(ends)) == len(ends)  # no site takes two arrows


def test_stages_label_their_steps_over_a_row_or_beside_a_column() -> None:
    seen = set()
    for n, region in ((4, "deck-wide"), (6, "deck-wide"), (6, "a4-tall")):
        d = staged(n, False)
        g, _, _ = _compose(d, region)
        els = iter_elements((g,))
        steps = [e for e in els if isinstance(e, Box) and e.name.startswith("Step ")]
        bars = [e for e in els if isinstance(e, Box) and e.name.startswith("Stage ")]
        assert d.stages is not None and len(bars) == len(d.stages)
        column = len({b.x for b in steps}) == 1
        assert column or len({b.y for b in steps}) == 1  # one row or one column, no snake
        seen.add(column)
        start = 0
        for bar, stage in zip(bars, d.stages, strict=True):
            group = steps[start: start + stage.steps]
            assert bar.reveal == start + 1  # with the stage's first step
            start += stage.steps
            if column:  # beside its steps, as tall as they reach
                assert bar.right <= group[0].x and bar.y == group[0].y
                assert bar.bottom == pytest.approx(group[-1].bottom)
            else:  # over its steps, as wide as they reach
                assert bar.bottom <= group[0].y and bar.x == group[0].x
                assert bar.right == pytest.approx(group[-1].right)
    assert seen == {True, False}
    d = staged(6, False)
    assert "In 3 stages: Stage 1, steps 1–2; Stage 2, steps 3–4; Stage 3, steps 5–6." in (
        describe(d))


def test_stages_must_cover_every_step() -> None:
    data = pathway(5, False).model_dump()
    data["stages"] = [{"label": "A", "steps": 2}, {"label": "B", "steps": 2}]
    with pytest.raises(ValueError, match="add up to 4, but the pathway has 5 steps"):
        PathwayDiagram.model_validate(data)
    data["stages"] = [{"label": "A", "steps": 5}]
    with pytest.raises(ValueError, match="at least 2"):
        PathwayDiagram.model_validate(data)


def test_clip_finds_the_stretch_of_a_connector_inside_a_rectangle() -> None:
    """Liang–Barsky, shared by the cycle's label placement and the diagram checks."""
    from infodeck.compose.diagrams._geometry import clip
    from infodeck.scene.elements import Connector

    across = Connector("c", 0, 50, 100, 50, "#000000")
    assert clip(across, 25, 25, 50, 50) == (0.25, 0.75)
    assert clip(across, 25, 60, 50, 50) is None  # passes above it
    assert clip(Connector("c", 0, 0, 10, 10, "#000000"), 20, 20, 5, 5) is None  # stops short
    assert clip(Connector("c", 0, 0, 20, 0, "#000000"), 20, -5, 5, 10) == (1.0, 1.0)  # touches an edge
    assert clip(Connector("c", 50, 0, 50, 100, "#000000"), 25, 25, 50, 50) == (0.25, 0.75)  # vertical


@pytest.mark.parametrize("layout", ["deck-16x9", "deck-4x3", "a4-portrait"])
def test_every_cycle_arrow_leaves_and_enters_through_sides_that_face(layout: str) -> None:
    """tests/data/water-cycle: the arrow from stage 3 to 4 left 3's left side heading right."""
    from pathlib import Path

    from infodeck.compose.deck import compose_deck
    from infodeck.compose.infographic import compose_infographic
    from infodeck.content.load import load_pack

    pack = load_pack(Path(__file__).parents[1] / "data" / "water-cycle").pack
    assert pack is not None
    lay, theme, ids = get_layout(layout), get_theme("default"), [s.id for s in pack.sections]
    doc = (compose_deck(pack, ids, lay, theme) if lay.kind == "deck"
           else compose_infographic(pack, ids, lay, theme))
    arrows = 0
    for page in doc.pages:
        els = list(iter_elements(page.elements))
        boxes = {e.id: e for e in els if isinstance(e, Box)}
        for c in els:
            if not (isinstance(c, Connector) and c.name.startswith("Arrow")
                    and c.start and c.end and boxes[c.start[0]].name.startswith("Stage")):
                continue
            arrows += 1
            for (bid, s), (px, py), (ox, oy) in ((c.start, (c.x1, c.y1), (c.x2, c.y2)),
                                                  (c.end, (c.x2, c.y2), (c.x1, c.y1))):
                nx, ny = OUTWARD[s]
                assert (ox - px) * nx + (oy - py) * ny > 0, (page.title, c.name, boxes[bid].name, s)
    assert arrows >= 4


def test_descriptions_speak_the_diagrams_language() -> None:
    water = {"type": "diagram", "kind": "cycle", "title": "Eau", "centre": "l'eau",
             "steps": [{"label": "Évaporation", "detail": "le soleil chauffe la mer"},
                       {"label": "Condensation", "highlight": True}, {"label": "Pluie"}]}
    fr = CycleDiagram.model_validate({**water, "language": "fr"})
    assert describe(fr) == (
        "Schéma de cycle autour de l'eau, 3 étapes, à lire dans le sens des aiguilles "
        "d'une montre en partant du haut\u202f: 1. Évaporation (le soleil chauffe la mer) "
        "→ 2. Condensation → 3. Pluie → retour à 1. Évaporation. L'étape mise en évidence "
        "est 2. Condensation.")
    g, _, _ = _compose(fr, "deck-wide")
    assert g.alt == describe(fr)  # the picture's alt text is the same sentence
    de = _chart(68.7, 30.1, 1.2, style="donut").model_copy(update={"language": "de"})
    assert describe(de).startswith("Ringdiagramm in %, 3 Teile: ")
    assert describe(de).endswith("Jeder Teil ist ein Anteil am Ganzen.")
    one = AxisDiagram.model_validate({
        "type": "diagram", "kind": "axis", "title": "T", "language": "es",
        "left": {"label": "Intestino"}, "right": {"label": "Cerebro"},
        "channels": [{"label": "Nervio vago", "direction": "to-right"}]})
    assert describe(one) == ("Diagrama de eje que une Intestino a la izquierda y Cerebro a la "
                             "derecha mediante un canal: Nervio vago, de Intestino a Cerebro.")


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "pt"])
@pytest.mark.parametrize("kind", [*sorted(BUILDERS), "pictogram"])
def test_every_kind_is_described_in_every_language(kind: str, lang: str) -> None:
    d = (PictogramDiagram.model_validate({
        "type": "diagram", "kind": "pictogram", "title": "T", "label": "of adults",
        "value": 80, "value_high": 95, "uncited": True}) if kind == "pictogram"
        else BUILDERS[kind][0](4, True)).model_copy(update={"language": lang})
    text = describe(d)
    english = describe(d.model_copy(update={"language": "en"}))
    assert text.endswith((".", "!", "?")) and "{" not in text
    assert (text == english) == (lang == "en")
