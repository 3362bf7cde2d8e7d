"""Shared pieces of the diagram composers: connection sites, glued connectors, labels.

A designed diagram uses one box size and one label size throughout, so labels are
fitted as a set: the largest size, from the preferred one down to the floor, at
which every label of the diagram fits its box without breaking a word. When even
the floor does not fit, the composers grow their boxes; only when the region
leaves no more room is a label shortened with an ellipsis (the alt text and the
notes still carry it in full), because text must never spill out of its box.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from infodeck.compose.kit import Kit, frame, icon, text_box
from infodeck.scene.contrast import contrast_ratio
from infodeck.scene.elements import (
    ROUNDRECT_TEXT_INSET,
    Align,
    ArrowEnd,
    Box,
    Connector,
    Icon,
    Paragraph,
    Run,
    TextFrame,
)
from infodeck.scene.markup import cut, plain
from infodeck.scene.text import frame_height, layout_frame, text_width

# DrawingML connection sites of rect and roundrect shapes.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
ELLIPSIS = "…"
_WRAP_SAFETY = 0.98  # words must fit 98 % of a label box (text.py wraps at 99.5 %): a margin
ICON_GAP = 0.35  # between an icon and its label, in label sizes


def site(box: Box, s: int) -> tuple[float, float]:
    """The point of connection site ``s`` of a rect/roundrect box."""
    if s == TOP:
        return box.x + box.w / 2, box.y
    if s == LEFT:
        return box.x, box.y + box.h / 2
    if s == BOTTOM:
        return box.x + box.w / 2, box.y + box.h
    if s == RIGHT:
        return box.x + box.w, box.y + box.h / 2
    raise ValueError(f"no connection site {s}")


def glue(
    kit: Kit,
    a: Box,
    sa: int,
    b: Box,
    sb: int,
    *,
    color: str,
    width: float,
    head: ArrowEnd = "arrow",
    tail: ArrowEnd = "none",
    reveal: int = 0,
    name: str = "",
) -> Connector:
    """A connector glued from site ``sa`` of ``a`` to site ``sb`` of ``b``, ends on the sites."""
    if a.geometry not in ("rect", "roundrect") or b.geometry not in ("rect", "roundrect"):
        raise ValueError("connectors glue only to rect and roundrect boxes")
    x1, y1 = site(a, sa)
    x2, y2 = site(b, sb)
    return Connector(
        kit.new_id("c"), x1, y1, x2, y2, color, width, head, tail, (a.id, sa), (b.id, sb),
        name, reveal,
    )


def clip(c: Connector, x: float, y: float, w: float, h: float) -> tuple[float, float] | None:
    """The stretch of ``c`` inside the rectangle, as fractions of its length from its start.

    Liang–Barsky clipping; None when the segment misses the rectangle. A segment that
    only touches an edge or a corner gets a stretch of length zero.
    """
    dx, dy = c.x2 - c.x1, c.y2 - c.y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, c.x1 - x), (dx, x + w - c.x1), (-dy, c.y1 - y), (dy, y + h - c.y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0, t1


def clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


@dataclass(frozen=True)
class Label:
    """What one box says: an optional step number, a bold label, an optional detail.

    ``icon`` names an icon drawn in the box beside (or above) the text; the text's
    inset makes room for it, so every fit computed for the label counts the icon.
    """

    text: str
    detail: str | None = None
    number: str | None = None
    icon: str | None = None


@dataclass(frozen=True)
class Style:
    """How a set of labels is set: colours, alignment, insets, the floor size."""

    color: str
    floor: float
    pad_x: float
    pad_y: float
    number_color: str | None = None
    align: Align = "center"
    number_above: bool = False  # the number on a line of its own (cards) or inline (strips)
    label_bold: bool = True
    detail_ratio: float = 0.84  # detail size relative to the label size (never below floor)
    icon_ratio: float = 1.8  # icon size relative to the label size
    icon_side: Literal["top", "left"] = "top"


def icon_room(style: Style, size: float) -> tuple[float, float]:
    """(icon size, room it takes with its gap) for labels at ``size``."""
    s = size * style.icon_ratio
    return s, s + size * ICON_GAP


def build(kit: Kit, label: Label, style: Style, size: float) -> TextFrame:
    """The unlaid frame of ``label`` at ``size`` (label line(s), then the detail)."""
    runs: list[Run] = []
    pars: list[Paragraph] = []
    if label.number:
        num_color = style.number_color or style.color
        if style.number_above:
            pars.append(kit.para(kit.run(label.number, size, num_color, bold=True),
                                 align=style.align, spacing=1.05))
        else:
            runs.append(kit.run(label.number + "\u2002", size, num_color, bold=True))
    if label.text:
        runs.extend(kit.marked(label.text, size, style.color, bold=style.label_bold))
    if runs:
        pars.append(kit.para(runs, align=style.align, spacing=1.1))
    if label.detail:
        ds = max(style.floor, size * style.detail_ratio)
        pars.append(kit.para(kit.marked(label.detail, ds, style.color), align=style.align,
                             spacing=1.12, before=size * 0.25))
    left, top = style.pad_x, style.pad_y
    if label.icon:
        room = icon_room(style, size)[1]
        if style.icon_side == "top":
            top += room
        else:
            left += room
    return frame(pars, valign="middle", inset=(left, top, style.pad_x, style.pad_y))


def label_icon(kit: Kit, box: Box, label: Label, style: Style, *, text: str,
               reveal: int = 0, tallest: float | None = None) -> Icon | None:
    """The icon of ``label`` in its laid-out ``box``: above the text, or left of it.

    The room was left by ``build`` as extra inset; the icon and the text are centred
    together. ``tallest`` (the tallest text of a row of boxes of one height) puts the
    icons of the row on one line, where the tallest text's icon would be. None when
    the label has no icon or its box had no room even for text.
    """
    tf = box.text
    if not label.icon or tf is None or box.fill is None:
        return None
    top = style.icon_side == "top"
    room = tf.inset_t - style.pad_y if top else tf.inset_l - style.pad_x
    if room <= 2:
        return None
    s = room * style.icon_ratio / (style.icon_ratio + ICON_GAP)
    if top:
        avail = box.h - tf.inset_t - tf.inset_b
        content = max(tf.content_height, tallest or 0.0)
        text_top = box.y + tf.inset_t + max(0.0, (avail - content) / 2)
        x = box.x + tf.inset_l + (box.w - tf.inset_l - tf.inset_r - s) / 2
        y = text_top - room
    else:
        x, y = box.x + style.pad_x, box.y + (box.h - s) / 2
    return icon(kit, label.icon, x, y, s, on=box.fill, text=text, reveal=reveal)


def sizes(size: float, floor: float) -> list[float]:
    """Candidate sizes from ``size`` down in 1 pt steps, always ending exactly at ``floor``."""
    out: list[float] = []
    s = size
    while s > floor + 1e-9:
        out.append(round(s, 2))
        s -= 1.0
    out.append(floor)
    return out


def words_fit(text: TextFrame, w: float) -> bool:
    """True when no word is wider than a line (so none is broken mid-word)."""
    avail = (w - text.inset_l - text.inset_r) * _WRAP_SAFETY
    for par in text.paragraphs:
        for run in par.runs:
            for word in run.text.split():
                if text_width(word, run.font) > avail - par.indent:
                    return False
    return True


def laid(kit: Kit, label: Label, style: Style, w: float, size: float) -> TextFrame:
    return layout_frame(build(kit, label, style, size), w)


def fits(text: TextFrame, w: float, h: float) -> bool:
    return frame_height(text) <= h + 1e-6 and words_fit(text, w)


def common_size(
    kit: Kit, labels: Sequence[Label], style: Style, w: float, h: float, size: float
) -> float | None:
    """The largest size (≥ the floor) at which every label fits a ``w`` × ``h`` box."""
    if w <= style.pad_x * 2 + 1 or h <= 0:
        return None
    for s in sizes(size, style.floor):
        if all(fits(laid(kit, lb, style, w, s), w, h) for lb in labels):
            return s
    return None


def needed(kit: Kit, labels: Iterable[Label], style: Style, w: float, size: float) -> float:
    """The height the tallest of ``labels`` needs at ``size`` in a box ``w`` wide."""
    return max((frame_height(laid(kit, lb, style, w, size)) for lb in labels), default=0.0)


def min_height(style: Style) -> float:
    """The height of one line at the floor size, insets included."""
    return style.floor * 1.1 + 2 * style.pad_y


def _shorten(text: str, keep: int) -> str:
    """The first ``keep`` words of ``text`` and an ellipsis; its markup stays closed."""
    words = list(re.finditer(r"\S+", plain(text)))
    if keep >= len(words):
        return text
    head = plain(text)[: words[keep - 1].end()].rstrip(",;:.") if keep else ""
    return cut(text, len(head)) + ELLIPSIS


def fitted(kit: Kit, label: Label, style: Style, w: float, h: float, size: float) -> TextFrame:
    """``label`` laid out for a ``w`` × ``h`` box at ``size``, smaller, or shortened at the floor.

    Shortening drops words from the end of the detail first (then the detail), then
    from the label, so the most important words stay.
    """
    empty = layout_frame(frame([], valign="middle"), w)  # no room at all: an empty box
    if w - 2 * style.pad_x < style.floor or h < min_height(style):
        return empty
    for sz in sizes(size, style.floor):
        tf = laid(kit, label, style, w, sz)
        if frame_height(tf) <= h + 1e-6:
            return tf
    s = style.floor
    cur = label
    if cur.detail:
        n = len(cur.detail.split())
        for keep in range(n - 1, -1, -1):
            cur = replace(label, detail=_shorten(label.detail or "", keep) if keep else None)
            tf = laid(kit, cur, style, w, s)
            if frame_height(tf) <= h + 1e-6:
                return tf
    n = len(label.text.split())
    for keep in range(n - 1, 0, -1):
        cur = replace(cur, text=_shorten(label.text, keep))
        tf = laid(kit, cur, style, w, s)
        if frame_height(tf) <= h + 1e-6 and words_fit(tf, w):
            return tf
    first = plain(label.text).split()[0] if n else ""
    for keep in range(len(first) - 1, 0, -1):  # even the first word is too long: cut it
        cur = replace(cur, text=cut(label.text.lstrip(), keep) + ELLIPSIS)
        tf = laid(kit, cur, style, w, s)
        if frame_height(tf) <= h + 1e-6 and words_fit(tf, w):
            return tf
    return empty


def label_box(
    kit: Kit,
    x: float,
    y: float,
    w: float,
    h: float,
    text: TextFrame,
    *,
    fill: str,
    name: str,
    corner: float = 0.16,
    reveal: int = 0,
) -> Box:
    """A filled rounded rectangle (a glue target) holding already laid-out text.

    A fill that is (almost) the page background, as in high-contrast themes, gets
    an outline so the box still reads as a box.
    """
    c = kit.theme.colors
    faint = contrast_ratio(fill, c.background) < 1.05
    box = text_box(kit, x, y, w, h, text, geometry="roundrect", fill=fill,
                   line=c.line if faint else None, line_width=1.25 if faint else 0.0,
                   name=name, reveal=reveal)
    # The corner never eats into the text: its geometry's text rectangle (0.29 × the
    # radius in from each side in office suites) stays within the text's insets.
    short = min(w, h)
    if short > 0 and box.text is not None:
        room = min(box.text.inset_l, box.text.inset_r)
        corner = min(corner, room / (ROUNDRECT_TEXT_INSET * short))
    return replace(box, corner=corner)


def under_icon(box: Box, mark: Icon, style: Style) -> Box:
    """``box`` with its text set right under its icon (top-anchored there).

    With the icons of a row on one line, a short text centred in its own room would
    float away from its icon; anchored under it, the numbers and labels of the row
    line up too. The lines were laid out already: only the anchoring changes.
    """
    tf = box.text
    if tf is None or style.icon_side != "top":
        return box
    gap = (tf.inset_t - style.pad_y) - mark.h
    top = mark.y + mark.h + gap - box.y
    if top + tf.content_height + tf.inset_b > box.h + 1e-6:
        return box
    return replace(box, text=replace(tf, inset_t=top, valign="top"))


def line_width(size: float) -> float:
    """Connector weight that matches the label size: ~2 pt on slides, ~1.25 pt in print."""
    return round(clamp(size * 0.11, 1.25, 2.25), 2)


def corner_for(w: float, h: float, radius: float) -> float:
    """The corner fraction that gives a radius of ``radius`` points (capped at a pill)."""
    short = min(w, h)
    return 0.0 if short <= 0 else clamp(radius / short, 0.0, 0.5)


def ceil_div(a: int, b: int) -> int:
    return math.ceil(a / b)
