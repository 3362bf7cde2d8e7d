"""Cluster diagrams: a centre with related items placed around it.

The items sit on a 3 × 3 grid around the centre cell, which is an ellipse of eight
slots quantised so that boxes line up and stay one size. Each link is glued to
sites that face each other across a gap between grid rows or columns, so no line
ever crosses a box. A wide region takes the slots beside the centre first, a tall
one the slots above and below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from infodeck.compose.diagrams._geometry import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    Label,
    Style,
    clamp,
    common_size,
    corner_for,
    fitted,
    glue,
    label_box,
    label_icon,
    line_width,
    min_height,
    needed,
    under_icon,
)
from infodeck.compose.kit import Kit
from infodeck.content.model import ClusterDiagram
from infodeck.scene.elements import Box, Element

Cell = tuple[int, int]  # (row, column); the centre is (1, 1)
T, B, L, R = (0, 1), (2, 1), (1, 0), (1, 2)
TL, TR, BL, BR = (0, 0), (0, 2), (2, 0), (2, 2)

# Slots for a wide region, clockwise from the top where there is a top.
WIDE: dict[int, list[Cell]] = {
    1: [R],
    2: [L, R],
    3: [L, R, B],
    4: [TL, TR, BR, BL],
    5: [T, R, BR, BL, L],
    6: [TL, TR, R, BR, BL, L],
    7: [T, TR, R, BR, BL, L, TL],
    8: [T, TR, R, BR, B, BL, L, TL],
}
# A tall region stacks items above and below the centre, left-right symmetric.
TALL: dict[int, list[Cell]] = {
    1: [B],
    2: [T, B],
    3: [T, BR, BL],
    4: [TL, TR, BR, BL],
    5: [TL, T, TR, BR, BL],
    6: [TL, T, TR, BR, B, BL],
    7: [TL, T, TR, R, BR, B, BL],
    8: [T, TR, R, BR, B, BL, L, TL],
}


def _sites(cell: Cell, wide: bool) -> tuple[int, int]:
    """(centre site, item site) that face each other across a gap of the grid."""
    r, c = cell
    if c == 1:
        return (TOP, BOTTOM) if r == 0 else (BOTTOM, TOP)
    if r == 1 or wide:  # corners link through the gap between columns
        return (LEFT, RIGHT) if c == 0 else (RIGHT, LEFT)
    return (TOP, BOTTOM) if r == 0 else (BOTTOM, TOP)  # tall: through the gap between rows


@dataclass(frozen=True)
class _Plan:
    wide: bool  # which slot table (and so which gaps carry the corner links)
    cells: list[Cell]
    rows: list[int]
    cols: list[int]
    gx: float
    gy: float
    bw: float
    bh: float
    size: float  # item label size
    centre_size: float
    ok: bool  # every label fits at ``size`` without shortening
    grown: bool  # boxes grew past their design height (labels at the floor)


def _plan(d: ClusterDiagram, kit: Kit, w: float, h: float, size: float, floor: float,
          wide: bool) -> _Plan:
    """Box size and label sizes for one slot table: shrink into the design height, then grow."""
    cells = (WIDE if wide else TALL)[len(d.items)]
    rows = sorted({r for r, _ in cells} | {1})
    cols = sorted({c for _, c in cells} | {1})
    nr, nc = len(rows), len(cols)
    # Corner links run through the gaps between columns (wide) or rows (tall): those
    # gaps are the roomy ones, the others only carry short straight links.
    link_gap, plain_gap = clamp(size * 2.0, 18, 56), clamp(size * 1.1, 10, 30)
    gx, gy = (link_gap, plain_gap) if wide else (plain_gap, link_gap)
    bw = min(size * 12, (w - (nc - 1) * gx) / nc)
    max_h = max(1.0, (h - (nr - 1) * gy) / nr)
    item_style, centre_style = _styles(kit, size, floor, bw)
    items = [Label(i.label, i.detail, icon=i.icon) for i in d.items]
    centre = [Label(d.centre, icon=d.centre_icon)]
    design = min(max_h, max(bw * 0.55, size * 1.1 * 5 + 2 * item_style.pad_y))
    s = common_size(kit, items, item_style, bw, design, size)
    grown = s is None
    if s is None:
        s = common_size(kit, items, item_style, bw, max_h, floor)
    ok = s is not None
    s = s if s is not None else floor
    room = min(max_h, max(design, needed(kit, items, item_style, bw, s)))
    cs = common_size(kit, centre, centre_style, bw, room, size * 1.15)
    ok = ok and cs is not None
    cs = cs if cs is not None else floor
    bh = max(needed(kit, items, item_style, bw, s), needed(kit, centre, centre_style, bw, cs),
             min_height(item_style), bw * 0.4)
    bh = min(max_h, bh)
    return _Plan(wide, cells, rows, cols, gx, gy, bw, bh, s, cs, ok, grown)


def _styles(kit: Kit, size: float, floor: float, bw: float) -> tuple[Style, Style]:
    col = kit.theme.colors
    pad_x, pad_y = clamp(min(size * 0.55, bw * 0.05), 3, 12), clamp(size * 0.4, 3, 9)
    return (Style(col.on_card, floor, pad_x, pad_y, icon_ratio=1.6),
            Style(col.on_band, floor, pad_x, pad_y, icon_ratio=1.9))


def compose(d: ClusterDiagram, x: float, y: float, w: float, h: float, kit: Kit, *,
            label_size: float, label_floor: float, reveal: bool) -> list[Element]:
    """The centre, the items around it and the links, centred in the region.

    Both slot tables are tried; the one whose labels fit larger wins, and on a tie
    the one that matches the region's shape.
    """
    col = kit.theme.colors
    size, floor = label_size, label_floor
    region_wide = w >= h * 0.9
    plans = [_plan(d, kit, w, h, size, floor, wide) for wide in (True, False)]
    p = max(plans, key=lambda p: (p.ok, p.size, not p.grown, p.wide == region_wide))
    rows, cols, bw, bh, gx, gy = p.rows, p.cols, p.bw, p.bh, p.gx, p.gy
    nr, nc = len(rows), len(cols)
    item_style, centre_style = _styles(kit, size, floor, bw)
    items = [Label(i.label, i.detail, icon=i.icon) for i in d.items]
    centre = Label(d.centre, icon=d.centre_icon)

    # Spread out into spare room, but keep the group together.
    if nc > 1:
        gx = max(gx, min((w - nc * bw) / (nc - 1), bw * (0.5 if p.wide else 0.15)))
    if nr > 1:
        gy = max(gy, min((h - nr * bh) / (nr - 1), bh * (0.6 if p.wide else 1.0)))
    x0 = x + (w - (nc * bw + (nc - 1) * gx)) / 2
    y0 = y + (h - (nr * bh + (nr - 1) * gy)) / 2

    def at(cell: Cell) -> tuple[float, float]:
        r, c = cell
        return x0 + cols.index(c) * (bw + gx), y0 + rows.index(r) * (bh + gy)

    radius = clamp(size * 0.7, 5, 16)
    corner = corner_for(bw, bh, radius)
    cx, cy = at((1, 1))
    hub = label_box(kit, cx, cy, bw, bh, fitted(kit, centre, centre_style, bw, bh, p.centre_size),
                    fill=col.band, name=f"Centre: {d.centre}", corner=corner)
    out: list[Element] = [hub]
    marks: list[Element] = []
    mark = label_icon(kit, hub, centre, centre_style, text=col.on_band)
    if mark is not None:
        marks.append(mark)
    links: list[Element] = []
    lw = round(line_width(size) * 0.85, 2)
    item_boxes: list[tuple[Box, Label, int]] = []
    for i, (item, label, cell) in enumerate(zip(d.items, items, p.cells, strict=True)):
        rv = i + 1 if reveal else 0
        ix, iy = at(cell)
        box = label_box(kit, ix, iy, bw, bh, fitted(kit, label, item_style, bw, bh, p.size),
                        fill=col.card, name=f"Item: {item.label}", corner=corner, reveal=rv)
        sc, si = _sites(cell, p.wide)
        out.append(box)
        item_boxes.append((box, label, rv))
        links.append(glue(kit, hub, sc, box, si, color=col.line, width=lw,
                          head="none", reveal=rv, name=f"Link: {d.centre} – {item.label}"))
    # Item icons sit on one line in every box (the boxes are one size), not each over its text.
    tallest = max((b.text.content_height for b, _, _ in item_boxes if b.text is not None),
                  default=0.0)
    for box, label, rv in item_boxes:
        mark = label_icon(kit, box, label, item_style, text=col.on_card, reveal=rv,
                          tallest=tallest)
        if mark is not None:
            marks.append(mark)
            out[out.index(box)] = under_icon(box, mark, item_style)
    return out + marks + links
