"""Diagrams to compose and the invariants every composed diagram must keep.

Shared by the diagram tests (tests/compose) and the icon tests (tests/scene), which
check the same invariants with an icon on every part: a module of its own at the top
of tests/ so each test file also runs alone.
"""

from __future__ import annotations

import itertools
from typing import Any

from infodeck.compose.diagrams import DiagramBlock, compose_diagram, describe
from infodeck.compose.diagrams._geometry import clip
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
from infodeck.scene.elements import Box, Chart, Connector, Element, Group, iter_elements

TOL = 0.01
LONG = (
    "Increased intestinal permeability lets bacterial fragments such as lipopolysaccharide "
    "cross the gut wall and reach the bloodstream, where they stir up inflammation"
)
SHORT_WORDS = ["Gut", "Leaky gut", "Inflammation", "Immune signals", "Vagus nerve",
               "Trigeminal nerve", "CGRP release", "Migraine", "Nausea", "Low appetite",
               "Poor diet", "Dysbiosis"]

# (layout, region name, region): a wide and a narrow/tall region for slides and print.
REGIONS: dict[str, tuple[str, tuple[float, float, float, float]]] = {
    "deck-wide": ("deck-16x9", (40, 110, 880, 370)),
    "deck-narrow": ("deck-16x9", (40, 110, 330, 370)),
    "a4-wide": ("a4-portrait", (30, 200, 535, 320)),
    "a4-tall": ("a4-portrait", (30, 100, 255, 640)),
}


def _sizes(layout: str) -> tuple[float, float]:
    """The label size and floor the page composers pass for this layout."""
    lay = get_layout(layout)
    if lay.kind == "deck":
        return lay.type.body * 0.85, lay.type.body_floor
    return lay.type.body, lay.type.body_floor


def _label(i: int, long: bool) -> str:
    return f"{LONG} ({i + 1})" if long else SHORT_WORDS[i % len(SHORT_WORDS)] + f" {i + 1}"


def pathway(n: int, long: bool) -> PathwayDiagram:
    steps = [{"label": _label(i, long), "highlight": i == n // 2,
              **({"detail": LONG} if long and i % 3 == 0 else {})} for i in range(n)]
    return PathwayDiagram.model_validate(
        {"type": "diagram", "kind": "pathway", "title": "Gut to head", "steps": steps})


def staged(n: int, long: bool) -> PathwayDiagram:
    """A pathway in 2 stages (3 when it has 6 steps or more)."""
    k = 3 if n >= 6 else 2
    counts = [n // k + (1 if i < n % k else 0) for i in range(k)]
    data = pathway(n, long).model_dump()
    data["stages"] = [{"label": (LONG[:60] if long else f"Stage {i + 1}"), "steps": c}
                      for i, c in enumerate(counts)]
    return PathwayDiagram.model_validate(data)


def cycle(n: int, long: bool) -> CycleDiagram:
    steps = [{"label": _label(i, long), "highlight": i == n // 2,
              **({"detail": LONG} if long and i % 3 == 0 else {})} for i in range(n)]
    return CycleDiagram.model_validate(
        {"type": "diagram", "kind": "cycle", "title": "Water cycle", "steps": steps,
         "centre": LONG[:80] if long else "The water cycle"})


def axis(n: int, long: bool) -> AxisDiagram:
    dirs = itertools.cycle(["both", "to-right", "to-left"])
    return AxisDiagram.model_validate({
        "type": "diagram", "kind": "axis", "title": "Gut–brain axis",
        "left": {"label": (LONG[:120] if long else "Gut microbiome"),
                 "detail": (LONG if long else "Trillions of microbes")},
        "right": {"label": "Brain"},
        "channels": [{"label": _label(i, long), "direction": next(dirs)} for i in range(n)],
    })


def cluster(n: int, long: bool) -> ClusterDiagram:
    return ClusterDiagram.model_validate({
        "type": "diagram", "kind": "cluster", "title": "Triggers",
        "centre": LONG[:100] if long else "Migraine triggers",
        "items": [{"label": _label(i, long), "detail": (LONG if long else "Some detail")}
                  for i in range(n)],
    })


def chart(n: int, long: bool) -> ChartDiagram:
    return ChartDiagram.model_validate({
        "type": "diagram", "kind": "chart", "title": "How common", "unit": "%",
        "items": [{"label": _label(i, long), "value": 5 + 7 * i,
                   **({"value_high": 9 + 7 * i} if i % 2 else {}),
                   **({"cite": ["smith2020"]} if i % 3 == 0 else
                      {"uncited": True} if i % 3 == 1 else {})}
                  for i in range(n)],
    })


BUILDERS: dict[str, tuple[Any, tuple[int, int]]] = {
    "pathway": (pathway, (2, 12)),
    "cycle": (cycle, (3, 8)),
    "staged": (staged, (2, 12)),
    "axis": (axis, (1, 8)),
    "cluster": (cluster, (1, 8)),
    "chart": (chart, (1, 12)),
}



def _compose(d: DiagramBlock, region: str, *, reveal: bool = True) -> tuple[Group, Kit, float]:
    layout, (x, y, w, h) = REGIONS[region]
    kit = Kit(get_layout(layout), get_theme("default"))
    size, floor = _sizes(layout)
    g = compose_diagram(d, x, y, w, h, kit, ref_numbers={"smith2020": 4}, label_size=size,
                        label_floor=floor, reveal=reveal)
    return g, kit, floor


def _site(b: Box, s: int) -> tuple[float, float]:
    return {0: (b.x + b.w / 2, b.y), 1: (b.x, b.y + b.h / 2),
            2: (b.x + b.w / 2, b.y + b.h), 3: (b.x + b.w, b.y + b.h / 2)}[s]


OUTWARD = {0: (0.0, -1.0), 1: (-1.0, 0.0), 2: (0.0, 1.0), 3: (1.0, 0.0)}  # by site


def _segment_enters(c: Connector, b: Box, margin: float = 0.5) -> bool:
    """True when the connector passes through the inside of ``b`` (more than touching it)."""
    x0, y0, x1, y1 = b.x + margin, b.y + margin, b.right - margin, b.bottom - margin
    if x1 <= x0 or y1 <= y0:
        return False
    span = clip(c, x0, y0, x1 - x0, y1 - y0)
    return span is not None and span[0] < span[1]


def _all_ids(el: Element) -> list[str]:
    if isinstance(el, Group):
        return [el.id] + [i for ch in el.children for i in _all_ids(ch)]
    return [el.id]


def _labels_of(d: DiagramBlock) -> list[str]:
    if isinstance(d, PathwayDiagram | CycleDiagram):
        return [s.label for s in d.steps]
    if isinstance(d, AxisDiagram):
        return [d.left.label, d.right.label] + [c.label for c in d.channels]
    if isinstance(d, ClusterDiagram):
        return [d.centre] + [i.label for i in d.items]
    if isinstance(d, PictogramDiagram):
        return [d.label]
    return [i.label for i in d.items]


def check(g: Group, d: DiagramBlock, region: tuple[float, float, float, float],
          floor: float) -> None:
    """Every invariant a composed diagram must keep, whatever its data and region."""
    x, y, w, h = region
    els = iter_elements((g,))
    boxes = [e for e in els if isinstance(e, Box)]
    conns = [e for e in els if isinstance(e, Connector)]
    by_id = {b.id: b for b in boxes}

    assert g.name == f"Diagram: {d.title}"
    assert g.alt and g.alt == describe(d)
    for label in _labels_of(d):
        assert label in g.alt

    ids = _all_ids(g)
    assert len(ids) == len(set(ids))

    def inside(px: float, py: float) -> bool:
        return x - TOL <= px <= x + w + TOL and y - TOL <= py <= y + h + TOL

    for e in els:
        if isinstance(e, Connector):
            assert inside(e.x1, e.y1) and inside(e.x2, e.y2), e
        else:
            assert isinstance(e, Box | Chart)
            assert e.w > 0 and e.h > 0, e
            assert inside(e.x, e.y) and inside(e.x + e.w, e.y + e.h), e

    for a, b in itertools.combinations(boxes, 2):
        ow = min(a.right, b.right) - max(a.x, b.x)
        oh = min(a.bottom, b.bottom) - max(a.y, b.y)
        assert ow <= TOL or oh <= TOL, (a.name, b.name)

    for b in boxes:
        if b.text is None:
            continue
        tf = b.text
        assert tf.content_height <= b.h - tf.inset_t - tf.inset_b + 1e-6, b.name
        for par in tf.paragraphs:
            assert par.lines, b.name  # laid out, not left for a backend to guess
            for ln in par.lines:
                assert ln.width <= b.w - tf.inset_l - tf.inset_r + 1e-6, b.name
            for run in par.runs:
                assert run.font.size >= floor - 1e-9, (b.name, run.font.size)

    for c in conns:
        for end, (px, py) in ((c.start, (c.x1, c.y1)), (c.end, (c.x2, c.y2))):
            if end is None:
                continue
            box = by_id[end[0]]
            assert box.geometry in ("rect", "roundrect")
            sx, sy = _site(box, end[1])
            assert abs(px - sx) < 1e-6 and abs(py - sy) < 1e-6, c.name
            # The line leaves (and enters) through a side that faces the other end.
            nx, ny = OUTWARD[end[1]]
            ox, oy = (c.x2, c.y2) if end is c.start else (c.x1, c.y1)
            assert (ox - px) * nx + (oy - py) * ny > 0, (c.name, "start" if end is c.start
                                                         else "end", end[1])
        glued = {c.start[0] if c.start else "", c.end[0] if c.end else ""}
        for b in boxes:
            if b.id not in glued:
                assert not _segment_enters(c, b), (c.name, b.name)
        assert (c.x1, c.y1) != (c.x2, c.y2), c.name

    for e in els:
        if isinstance(e, Chart):
            assert e.font.size >= floor - 1e-9
