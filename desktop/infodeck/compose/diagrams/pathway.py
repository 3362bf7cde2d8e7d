"""Pathway diagrams: numbered steps joined by glued arrows.

The arrangement comes from the data and the region: every row count from one row
to one column is tried (with as many columns as that needs) and the one whose
labels fit at the largest size wins. On a tie a wide region takes a single row,
then as few rows as possible; a tall one a single column, then as few columns as
possible. Rows after the first snake back (right to left, then left to right),
so every arrow is short and straight and the reading path never jumps.
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
    ceil_div,
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
from infodeck.content.model import PathwayDiagram
from infodeck.scene.elements import Box, Element


@dataclass(frozen=True)
class _Plan:
    cols: int
    rows: int
    box_w: float
    box_h: float
    size: float | None  # label size; None: the labels do not fit even at the floor
    grown: bool  # the boxes had to grow past their design height (labels at the floor)
    viable: bool = True  # a box can hold one line of text at the floor

    def key(self, wide: bool) -> tuple[float, bool, int]:
        """Bigger labels first, then boxes at design height, then the natural line.

        A wide region prefers a row, then as few rows as possible, a column last;
        a tall one prefers a column, then as few columns as possible, a row last.
        """
        if wide:
            shape = -self.rows if self.cols > 1 or self.rows == 1 else -99
        else:
            shape = -self.cols if self.rows > 1 or self.cols == 1 else -99
        return (self.size or 0.0, not self.grown, shape)


def _style(kit: Kit, size: float, floor: float, *, highlight: bool, cols: int = 1) -> Style:
    c = kit.theme.colors
    fg = c.on_highlight if highlight else c.on_step
    # Cards in a row carry their icon above the number; a column of wide boxes, at the left.
    return Style(fg, floor, pad_x=clamp(size * 0.5, 4, 12), pad_y=clamp(size * 0.4, 3, 9),
                 number_color=fg if highlight else c.accent, number_above=cols > 1,
                 icon_ratio=1.7, icon_side="top" if cols > 1 else "left")


def _labels(d: PathwayDiagram) -> list[Label]:
    return [Label(s.label, s.detail, f"{i + 1}", s.icon) for i, s in enumerate(d.steps)]


def _plan(labels: list[Label], kit: Kit, cols: int, w: float, h: float, size: float,
          floor: float, gx: float, gy: float) -> _Plan:
    """Boxes of one arrangement: shrink labels into the design height, else grow the boxes.

    The design height is what the labels need at ``size`` up to about five lines
    (a card, not a page); longer labels shrink to fit it, and only at the floor do
    the boxes grow, as far as the region allows.
    """
    n = len(labels)
    rows = ceil_div(n, cols)
    style = _style(kit, size, floor, highlight=False, cols=cols)
    # Wider boxes only look empty; spare width goes to the arrows instead.
    bw = min(size * (13 if cols > 1 else 20), (w - (cols - 1) * gx) / cols)
    max_h = (h - (rows - 1) * gy) / rows
    if max_h < min_height(style) or bw <= 2 * style.pad_x + size:
        return _Plan(cols, rows, bw, max_h, None, True, viable=False)
    comfy = bw * 0.42 if cols > 1 else size * 2.6
    design = min(max_h, max(comfy, size * 1.1 * 5.5 + 2 * style.pad_y, bw * 0.6 if cols > 1 else 0))
    s = common_size(kit, labels, style, bw, design, size)
    if s is not None:
        need = needed(kit, labels, style, bw, s)
        return _Plan(cols, rows, bw, min(design, max(need, comfy)), s, False)
    if common_size(kit, labels, style, bw, max_h, floor) is not None:
        return _Plan(cols, rows, bw, needed(kit, labels, style, bw, floor), floor, True)
    return _Plan(cols, rows, bw, max_h, None, True)


def _choose(plans: list[_Plan], wide: bool) -> _Plan:
    fitting = [p for p in plans if p.size is not None]
    if fitting:
        return max(fitting, key=lambda p: p.key(wide))
    # Nothing fits even at the floor: take the roomiest boxes (labels get shortened).
    return max(plans, key=lambda p: (p.viable, p.box_w * p.box_h))


def compose(d: PathwayDiagram, x: float, y: float, w: float, h: float, kit: Kit, *,
            label_size: float, label_floor: float, reveal: bool) -> list[Element]:
    """The steps and arrows of ``d`` inside the region, centred."""
    col = kit.theme.colors
    size = label_size
    gx = clamp(size * 1.7, 16, 44)  # room for a horizontal arrow between boxes
    gy = clamp(size * 1.5, 14, 36)  # room for a vertical arrow between rows
    labels = _labels(d)
    n = len(labels)
    band = clamp(size * 2.0, 14, 40)  # a row's stage labels above it
    side = clamp(w * 0.24, size * 5, size * 10)  # a column's stage labels at its left
    if d.stages:
        # Stages read as spans over one row, or beside one column: no snaking row
        # then, whose arrows down would cross a stage's label.
        plan = _choose([_plan(labels, kit, n, w, h - band, size, label_floor, gx, gy),
                        _plan(labels, kit, 1, w - side, h, size, label_floor, gx, gy)], w >= h)
        if plan.cols == n:
            y, h = y + band, h - band
        else:
            x, w = x + side, w - side
    else:
        counts = sorted({ceil_div(n, rows) for rows in range(1, n + 1)}, reverse=True)
        plan = _choose([_plan(labels, kit, c, w, h, size, label_floor, gx, gy) for c in counts],
                       w >= h)
    cols, rows = plan.cols, plan.rows
    bw, bh = max(1.0, plan.box_w), max(1.0, plan.box_h)  # > 0 even in an absurd region
    s = plan.size if plan.size is not None else label_floor

    # Spare room lengthens the arrows (up to a limit); the rest centres the diagram.
    if cols > 1:
        gx = max(gx, min((w - cols * bw) / (cols - 1), size * 4))
    if rows > 1:
        gy = max(gy, min((h - rows * bh) / (rows - 1), size * 2.2))
    total_w = cols * bw + (cols - 1) * gx
    total_h = rows * bh + (rows - 1) * gy
    x0 = x + (w - total_w) / 2
    y0 = y + (h - total_h) / 2

    boxes: list[Box] = []
    icons: list[Element] = []
    for i, (step, label) in enumerate(zip(d.steps, labels, strict=True)):
        r, j = divmod(i, cols)
        c = j if r % 2 == 0 else cols - 1 - j
        st = _style(kit, size, label_floor, highlight=step.highlight, cols=cols)
        tf = fitted(kit, label, st, bw, bh, s)
        boxes.append(label_box(
            kit, x0 + c * (bw + gx), y0 + r * (bh + gy), bw, bh, tf,
            fill=col.highlight if step.highlight else col.step,
            name=f"Step {i + 1}: {step.label}", corner=corner_for(bw, bh, size * 0.6),
            reveal=i + 1 if reveal else 0,
        ))

    # Icons above the text sit on one line across the diagram, not each over its own text.
    tallest = max((b.text.content_height for b in boxes if b.text is not None), default=0.0)
    for i, (step, label, box) in enumerate(zip(d.steps, labels, boxes, strict=True)):
        st = _style(kit, size, label_floor, highlight=step.highlight, cols=cols)
        mark = label_icon(kit, box, label, st, reveal=i + 1 if reveal else 0, tallest=tallest,
                          text=col.on_highlight if step.highlight else col.on_step)
        if mark is not None:
            icons.append(mark)
            boxes[i] = under_icon(box, mark, st)

    arrows: list[Element] = []
    lw = line_width(size)
    for i in range(1, len(boxes)):
        a, b = boxes[i - 1], boxes[i]
        same_row = (i - 1) // cols == i // cols
        if not same_row or cols == 1:
            sa, sb = BOTTOM, TOP
        elif ((i - 1) // cols) % 2 == 0:
            sa, sb = RIGHT, LEFT
        else:
            sa, sb = LEFT, RIGHT
        arrows.append(glue(kit, a, sa, b, sb, color=col.line, width=lw,
                           reveal=i + 1 if reveal else 0, name=f"Arrow {i} to {i + 1}"))
    groups = _stage_boxes(d, kit, boxes, cols == 1 and n > 1, band, side, s, label_floor,
                          reveal)
    return [*boxes, *icons, *arrows, *groups]


def _stage_boxes(d: PathwayDiagram, kit: Kit, boxes: list[Box], column: bool, band: float,
                 side: float, size: float, floor: float, reveal: bool) -> list[Element]:
    """A labelled bar over each stage's steps (a row), or beside them (a column).

    Each bar spans exactly its steps, so the gap between two stages is the arrow's;
    it shows with the stage's first step.
    """
    if not d.stages:
        return []
    c = kit.theme.colors
    style = Style(c.on_card, floor, pad_x=clamp(size * 0.4, 3, 8), pad_y=clamp(size * 0.2, 2, 5))
    gap = clamp(size * 0.4, 3, 8)
    out: list[Element] = []
    start = 0
    for k, stage in enumerate(d.stages):
        group = boxes[start:start + stage.steps]
        if column:
            bx, by = group[0].x - side, group[0].y
            bw, bh = side - gap, group[-1].bottom - group[0].y
        else:
            bx, by = min(b.x for b in group), group[0].y - band
            bw, bh = max(b.right for b in group) - bx, band - gap
        tf = fitted(kit, Label(stage.label), style, bw, bh, size)
        out.append(label_box(kit, bx, by, bw, bh, tf, fill=c.card,
                             name=f"Stage {k + 1}: {stage.label}",
                             corner=corner_for(bw, bh, size * 0.4),
                             reveal=start + 1 if reveal else 0))
        start += stage.steps
    return out
