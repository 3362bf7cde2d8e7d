"""Axis diagrams: two hubs with labelled channels running between them.

Each channel is a label box in the middle column with a connector to each hub.
A hub has a single connection site per side, and fanning every channel into it
would slant the arrows and pile their heads on one point. So each channel gets a
small "port" on the hub's edge, a thin tab in the hub's colour: the connectors stay
horizontal, glued at both ends, and PowerPoint re-routes them unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from infodeck.compose.diagrams._geometry import (
    LEFT,
    RIGHT,
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
from infodeck.content.model import AxisDiagram
from infodeck.scene.elements import ArrowEnd, Box, Element
from infodeck.scene.text import text_width


def _longest_word(kit: Kit, texts: list[str], size: float) -> float:
    font = kit.theme.font_for(size, bold=True)
    return max((text_width(wd, font) for t in texts for wd in t.split()), default=0.0)


@dataclass(frozen=True)
class _Columns:
    """One way to share the width: hub width, channel box width, label size, insets."""

    key: tuple[bool, int, bool, float, float, float]
    hub_w: float
    box_w: float
    size: float
    pad_x: float


def _columns(kit: Kit, d: AxisDiagram, w: float, size: float, floor: float, pad_y: float,
             design_h: float, max_h: float, port_w: float) -> _Columns | None:
    """The best split of the width between hubs, arrows and channel boxes.

    A hub is about a quarter of the width and fits its longest word at its own
    size; it narrows (down to fitting that word at the floor) only when the channel
    labels would otherwise have to grow past three lines or be shortened.
    Channel boxes take 60 % of the middle; long labels widen them (the arrows
    shorten) before they shrink, and only at the floor do the boxes grow taller.
    Compact insets and short arrows are the last resort.
    """
    col = kit.theme.colors
    labels = [Label(c.label) for c in d.channels]
    hub_texts = [d.left.label, d.right.label]
    best: _Columns | None = None
    for compact in (False, True):
        pad_x = 4.0 if compact else clamp(size * 0.55, 4, 12)
        arrow_min = 12.0 if compact else clamp(size * 1.4, 14, 48)
        style = Style(col.on_card, floor, pad_x, pad_y)
        hub_fit = _longest_word(kit, hub_texts, floor) / 0.98 + 2 * pad_x + 1
        hub_pref = _longest_word(kit, hub_texts, size * 1.12) / 0.98 + 2 * pad_x + 1
        for hub_w in {min(w * 0.3, max(w * 0.24, hub_pref)), min(w * 0.3, max(w * 0.18, hub_fit))}:
            mid_w = w - 2 * (hub_w + port_w)
            room = mid_w - 2 * arrow_min
            hub_ok = hub_w >= hub_fit  # no hub word broken: that comes first
            for bw in sorted({min(mid_w * f, room) for f in (0.6, 0.7, 0.8, 1.0)}):
                if bw <= 2 * pad_x + floor:
                    continue
                fit = common_size(kit, labels, style, bw, design_h, size)
                if fit is not None:
                    key = (hub_ok, 2, not compact, hub_w, fit, -bw)
                elif common_size(kit, labels, style, bw, max_h, floor) is not None:
                    fit, key = floor, (hub_ok, 1, not compact, hub_w, floor, bw)
                else:  # labels will be shortened: the widest boxes shorten them least
                    fit, key = floor, (hub_ok, 0, True, bw, hub_w, 0.0)
                if best is None or key > best.key:
                    best = _Columns(key, hub_w, bw, fit, pad_x)
    return best


def compose(d: AxisDiagram, x: float, y: float, w: float, h: float, kit: Kit, *,
            label_size: float, label_floor: float, reveal: bool) -> list[Element]:
    """Hubs, ports, channel boxes and their connectors inside the region."""
    col = kit.theme.colors
    size, floor = label_size, label_floor
    n = len(d.channels)
    pad_y = clamp(size * 0.4, 3, 9)
    port_w = clamp(size * 0.22, 2.5, 4.5)
    port_h = clamp(size * 0.55, 6, 11)

    # Rows: the channel stack sits inside the hubs' straight edges, clear of corners.
    radius = clamp(size * 0.8, 6, 18)
    inner_pad = max(clamp(size * 0.9, 8, 24), radius + port_h / 2 + 2)
    gap_min = clamp(size * 0.6, 6, 16)
    max_h = (h - 2 * inner_pad - (n - 1) * gap_min) / n
    if max_h < floor * 1.1 + 2 * pad_y:  # a cramped region: tighten the spacing first
        inner_pad, gap_min = min(inner_pad, port_h / 2 + 2), min(gap_min, 2.0)
        max_h = max(1.0, (h - 2 * inner_pad - (n - 1) * gap_min) / n)
    design_h = min(max_h, size * 1.1 * 3 + 2 * pad_y)  # up to three lines

    cols = _columns(kit, d, w, size, floor, pad_y, design_h, max_h, port_w)
    if cols is None:  # no room for a channel box at all: hubs, short arrows, the rest
        cols = _Columns((False, 0, True, 0.0, 0.0, 0.0), w * 0.2,
                        max(1.0, w * 0.6 - 2 * port_w - 2 * min(8.0, w * 0.05)), floor, 2.0)
    hub_w, box_w, s = cols.hub_w, cols.box_w, cols.size
    hub_style = Style(col.on_band, floor, cols.pad_x, pad_y * 1.5, icon_ratio=2.4)
    ch_style = Style(col.on_card, floor, cols.pad_x, pad_y)
    labels = [Label(c.label) for c in d.channels]
    need = needed(kit, labels, ch_style, box_w, s)
    box_h = min(max_h, max(need, min_height(ch_style), s * 2.3))
    gap = (h - 2 * inner_pad - n * box_h) / (n - 1) if n > 1 else 0.0
    gap = clamp(gap, gap_min, box_h * 0.9)
    stack_h = n * box_h + (n - 1) * gap
    port_h = min(port_h, box_h)  # neighbouring ports never touch, even when cramped

    hubs = [Label(d.left.label, d.left.detail, icon=d.left.icon),
            Label(d.right.label, d.right.detail, icon=d.right.icon)]
    hs = common_size(kit, hubs, hub_style, hub_w, h, size * 1.12) or floor
    hub_need = needed(kit, hubs, hub_style, hub_w, hs)
    hub_h = min(h, max(stack_h + 2 * inner_pad, hub_need, hub_w * 1.15))
    cy = y + h / 2
    hub_y = cy - hub_h / 2
    hub_corner = corner_for(hub_w, hub_h, radius)

    out: list[Element] = []
    left_hub, right_hub = (
        label_box(kit, hx, hub_y, hub_w, hub_h, fitted(kit, lb, hub_style, hub_w, hub_h, hs),
                  fill=col.band, name=f"Hub: {lb.text}", corner=hub_corner)
        for hx, lb in ((x, hubs[0]), (x + w - hub_w, hubs[1]))
    )
    # Both hubs' icons on one line, each text right under its icon.
    tallest = max(b.text.content_height for b in (left_hub, right_hub) if b.text is not None)
    marks: list[Element] = []
    placed: list[Box] = []
    for hub, lb in ((left_hub, hubs[0]), (right_hub, hubs[1])):
        mark = label_icon(kit, hub, lb, hub_style, text=col.on_band, tallest=tallest)
        if mark is not None:
            marks.append(mark)
            hub = under_icon(hub, mark, hub_style)
        placed.append(hub)
    left_hub, right_hub = placed
    out += [left_hub, right_hub, *marks]

    box_x = x + (w - box_w) / 2
    top = cy - stack_h / 2
    lw = line_width(size)
    links: list[Element] = []
    for i, (chan, label) in enumerate(zip(d.channels, labels, strict=True)):
        rv = i + 1 if reveal else 0
        by = top + i * (box_h + gap)
        box = label_box(kit, box_x, by, box_w, box_h, fitted(kit, label, ch_style, box_w, box_h, s),
                        fill=col.card, name=f"Channel: {chan.label}",
                        corner=corner_for(box_w, box_h, radius), reveal=rv)
        py = by + box_h / 2 - port_h / 2
        lp = Box(kit.new_id(), left_hub.right, py, port_w, port_h, "rect", fill=col.band,
                 name=f"Port: {chan.label} ({d.left.label})", reveal=rv)
        rp = Box(kit.new_id(), right_hub.x - port_w, py, port_w, port_h, "rect", fill=col.band,
                 name=f"Port: {chan.label} ({d.right.label})", reveal=rv)
        to_left: ArrowEnd = "arrow" if chan.direction in ("both", "to-left") else "none"
        to_right: ArrowEnd = "arrow" if chan.direction in ("both", "to-right") else "none"
        out += [lp, rp, box]
        links += [
            glue(kit, box, LEFT, lp, RIGHT, color=col.line, width=lw, head=to_left, reveal=rv,
                 name=f"Link: {chan.label} – {d.left.label}"),
            glue(kit, box, RIGHT, rp, LEFT, color=col.line, width=lw, head=to_right, reveal=rv,
                 name=f"Link: {chan.label} – {d.right.label}"),
        ]
    return out + links
