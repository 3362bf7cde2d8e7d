"""Cycle diagrams: stages around a circle, each arrow to the next, the last back to the first.

The stages stand on an ellipse that fills the region (read clockwise from the top,
as a clock face), so a wide slide and a tall print panel both use their room. The
box size is the largest at which no two boxes come closer than an arrow's length
and every label fits at a common size; the centre label, when there is one, takes
the room left inside the ring. Each arrow is glued to the facing connection sites
of its two boxes, so PowerPoint keeps the ring joined when a box is moved.
"""

from __future__ import annotations

import math

from infodeck.compose.diagrams._geometry import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    Label,
    Style,
    clamp,
    clip,
    common_size,
    corner_for,
    fitted,
    glue,
    label_box,
    label_icon,
    line_width,
    needed,
    site,
    under_icon,
    words_fit,
)
from infodeck.compose.kit import Kit, icon, text_box
from infodeck.content.model import CycleDiagram
from infodeck.scene.elements import Box, Connector, Element
from infodeck.scene.icons import lookup


def _style(kit: Kit, size: float, floor: float, *, highlight: bool) -> Style:
    c = kit.theme.colors
    fg = c.on_highlight if highlight else c.on_step
    return Style(fg, floor, pad_x=clamp(size * 0.45, 3, 10), pad_y=clamp(size * 0.35, 3, 8),
                 number_color=fg if highlight else c.accent, number_above=False,
                 icon_ratio=1.6, icon_side="top")


def _labels(d: CycleDiagram) -> list[Label]:
    return [Label(s.label, s.detail, f"{i + 1}", s.icon) for i, s in enumerate(d.steps)]


def _centres(n: int, cx: float, cy: float, rx: float, ry: float) -> list[tuple[float, float]]:
    """Box centres on the ellipse, the first at the top, clockwise (y grows downwards)."""
    return [(cx + rx * math.cos(-math.pi / 2 + 2 * math.pi * i / n),
             cy + ry * math.sin(-math.pi / 2 + 2 * math.pi * i / n)) for i in range(n)]


def _clear(centres: list[tuple[float, float]], bw: float, bh: float, gap: float) -> bool:
    """True when every two boxes (neighbours or not) are at least ``gap`` apart."""
    for i, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[i + 1:]:
            if abs(x1 - x2) < bw + gap and abs(y1 - y2) < bh + gap:
                return False
    return True


_OUTWARD = {TOP: (0.0, -1.0), LEFT: (-1.0, 0.0), BOTTOM: (0.0, 1.0), RIGHT: (1.0, 0.0)}


def _faces(a: Box, sa: int, b: Box, sb: int) -> bool:
    """True when a line from site ``sa`` of ``a`` to site ``sb`` of ``b`` faces both ways.

    It leaves ``a`` through that side and enters ``b`` from outside, never back
    across the side it starts from.
    """
    (x1, y1), (x2, y2) = site(a, sa), site(b, sb)
    dx, dy = x2 - x1, y2 - y1
    (ax, ay), (bx, by) = _OUTWARD[sa], _OUTWARD[sb]
    return dx * ax + dy * ay > 0 and dx * bx + dy * by < 0


def _sites(a: Box, b: Box, used: dict[str, set[int]]) -> tuple[int, int]:
    """The connection sites of ``a`` and ``b`` that face each other.

    The sides facing along the main direction from ``a`` to ``b`` come first (left
    and right when the boxes sit more side by side than one above the other), then
    the other pair. A site another arrow already uses is not taken again, so the
    arrow into a stage and the one out of it never meet at one point. When neither
    pair is free (or, with boxes that overlap along one axis, faces), the nearest
    free pair of sides that face each other is taken, else the nearest facing pair
    even if a site is shared.
    """
    dx = (b.x + b.w / 2) - (a.x + a.w / 2)
    dy = (b.y + b.h / 2) - (a.y + a.h / 2)
    across = (RIGHT, LEFT) if dx >= 0 else (LEFT, RIGHT)
    down = (BOTTOM, TOP) if dy >= 0 else (TOP, BOTTOM)
    # Compare the offsets relative to the boxes' size: wide boxes read as side by side later.
    ranked = [across, down] if abs(dx) * b.h > abs(dy) * b.w else [down, across]
    free_a = [s for s in (TOP, LEFT, BOTTOM, RIGHT) if s not in used.get(a.id, set())]
    free_b = [s for s in (TOP, LEFT, BOTTOM, RIGHT) if s not in used.get(b.id, set())]
    for sa, sb in ranked:
        if sa in free_a and sb in free_b and _faces(a, sa, b, sb):
            return sa, sb
    best, rank = ranked[0], (True, True, math.inf)
    sides = (TOP, LEFT, BOTTOM, RIGHT)
    for sa in sides:
        for sb in sides:
            (x1, y1), (x2, y2) = site(a, sa), site(b, sb)
            # Sides that face each other first (an arrow running along a box's edge or
            # back across it reads wrong), free sites next, then the shortest line: when
            # no free pair faces, an arrow shares a site rather than leave backwards.
            shared = sa not in free_a or sb not in free_b
            key = (not _faces(a, sa, b, sb), shared, math.hypot(x2 - x1, y2 - y1))
            if key < rank:
                best, rank = (sa, sb), key
    return best


def _layout(d: CycleDiagram, kit: Kit, w: float, h: float, size: float, floor: float,
            gap: float) -> tuple[float, float, float, float, float]:
    """(box width, box height, label size, x radius, y radius) for the region."""
    labels = _labels(d)
    n = len(labels)
    style = _style(kit, size, floor, highlight=False)
    best: tuple[float, float, float, float, float] | None = None
    # From wide boxes down: the first width at which the ring has room and labels fit.
    for k in range(24):
        bw = min(size * 12, w * 0.42) * (0.94 ** k)
        if bw < 2 * style.pad_x + floor * 3:
            break
        for s in (size, floor):
            got = common_size(kit, labels, style, bw, h * 0.4, s)
            if got is None:
                continue
            bh = max(needed(kit, labels, style, bw, got), got * 2.4)
            rx, ry = (w - bw) / 2, (h - bh) / 2
            if rx <= 0 or ry <= 0:
                continue
            if _clear(_centres(n, w / 2, h / 2, rx, ry), bw, bh, gap):
                cand = (bw, bh, got, rx, ry)
                if best is None or got > best[2] + 1e-9:
                    best = cand
                break
        if best is not None and best[2] >= size - 1e-9:
            break
    if best is not None:
        return best
    # Nothing fits even at the floor: the roomiest boxes that keep the ring apart
    # (their labels are shortened; the alt text and the notes keep them whole).
    bw0, bh0 = min(w * 0.34, size * 9), min(h * 0.24, size * 3.5)
    for k in range(40):
        f = 0.93 ** k
        bw, bh = max(1.0, bw0 * f), max(1.0, bh0 * f)
        rx, ry = max(0.0, (w - bw) / 2), max(0.0, (h - bh) / 2)
        if _clear(_centres(n, w / 2, h / 2, rx, ry), bw, bh, min(gap, 4.0)):
            break
    return bw, bh, floor, rx, ry


def compose(d: CycleDiagram, x: float, y: float, w: float, h: float, kit: Kit, *,
            label_size: float, label_floor: float, reveal: bool) -> list[Element]:
    """The stages, arrows and centre of ``d`` inside the region."""
    col = kit.theme.colors
    gap = clamp(label_size * 1.6, 12, 36)  # room for an arrow between neighbours
    bw, bh, s, rx, ry = _layout(d, kit, w, h, label_size, label_floor, gap)
    labels = _labels(d)
    n = len(labels)
    cx, cy = x + w / 2, y + h / 2
    centres = _centres(n, cx, cy, rx, ry)
    boxes: list[Box] = []
    for i, (step, label, (mx, my)) in enumerate(zip(d.steps, labels, centres, strict=True)):
        st = _style(kit, label_size, label_floor, highlight=step.highlight)
        tf = fitted(kit, label, st, bw, bh, s)
        boxes.append(label_box(
            kit, mx - bw / 2, my - bh / 2, bw, bh, tf,
            fill=col.highlight if step.highlight else col.step,
            name=f"Stage {i + 1}: {step.label}", corner=corner_for(bw, bh, s * 0.6),
            reveal=i + 1 if reveal else 0,
        ))
    icons: list[Element] = []
    for i, (step, label) in enumerate(zip(d.steps, labels, strict=True)):
        st = _style(kit, label_size, label_floor, highlight=step.highlight)
        mark = label_icon(kit, boxes[i], label, st, reveal=i + 1 if reveal else 0,
                          text=col.on_highlight if step.highlight else col.on_step)
        if mark is not None:
            icons.append(mark)
            boxes[i] = under_icon(boxes[i], mark, st)

    arrows: list[Connector] = []
    lw = line_width(s)
    used: dict[str, set[int]] = {}
    for i in range(n):
        a, b = boxes[i], boxes[(i + 1) % n]
        sa, sb = _sites(a, b, used)
        used.setdefault(a.id, set()).add(sa)
        used.setdefault(b.id, set()).add(sb)
        # The arrow into stage k shows with it; the one closing the ring, with the last.
        arrows.append(glue(kit, a, sa, b, sb, color=col.line, width=lw,
                           reveal=min(i + 2, n) if reveal else 0,
                           name=f"Arrow {i + 1} to {(i + 1) % n + 1}"))
    centre = _centre(d, kit, cx, cy, rx, ry, bw, bh, s, arrows, boxes)
    return [*boxes, *icons, *arrows, *centre]


def _crosses(c: Connector, x: float, y: float, w: float, h: float) -> bool:
    """True when the connector's segment passes through (or touches) the rectangle."""
    return clip(c, x, y, w, h) is not None


def _centre(d: CycleDiagram, kit: Kit, cx: float, cy: float, rx: float, ry: float,
            bw: float, bh: float, size: float, arrows: list[Connector],
            boxes: list[Box]) -> list[Element]:
    """The centre label (and icon) in the room the ring leaves, clear of arrows and boxes.

    The label narrows (wrapping onto more lines) until no arrow crosses it; when no
    width works, the centre is left out (the alt text still names it).
    """
    if not d.centre and not d.centre_icon:
        return []
    col = kit.theme.colors
    pad = size * 0.4
    iw, ih = 2 * rx - bw - size, 2 * ry - bh - size  # inside the ring's boxes
    if iw < size * 3 or ih < size * 1.5:
        return []
    style = Style(col.text, kit.layout.type.body_floor, 0, 0, align="center")
    want_icon = d.centre_icon is not None and lookup(d.centre_icon, kit.icons) is not None
    for k in range(12):
        w = iw * (0.85 ** k)
        if w < size * 3:
            break
        for s in (size * 1.15, size, kit.layout.type.body_floor):
            tf = fitted(kit, Label(d.centre), style, w, ih, s) if d.centre else None
            if tf is not None and (not tf.paragraphs or not words_fit(tf, w)):
                continue
            text_h = tf.content_height if tf is not None else 0.0
            side = min(s * 2.2, w) if want_icon else 0.0
            if side and text_h + side + s * 0.3 > ih:
                side = 0.0
            total = text_h + (side + s * 0.3 if side and text_h else side)
            if total <= 0 or total > ih:
                continue
            top = cy - total / 2
            rect = (cx - w / 2 - pad, top - pad, w + 2 * pad, total + 2 * pad)
            if any(_crosses(a, *rect) for a in arrows) or any(
                b.x < rect[0] + rect[2] and rect[0] < b.right
                and b.y < rect[1] + rect[3] and rect[1] < b.bottom for b in boxes
            ):
                continue
            out: list[Element] = []
            if tf is not None:
                ty = top + (side + s * 0.3 if side else 0.0)
                out.append(text_box(kit, cx - w / 2, ty, w, text_h, tf,
                                    name=f"Centre: {d.centre}"))
            if side and d.centre_icon:
                mark = icon(kit, d.centre_icon, cx - side / 2, top, side, on=col.background,
                            text=col.text)
                if mark is not None:
                    out.append(mark)
            return out
    return []
