"""Pictograms: a share of people as a row (or rows) of figures, the number called out.

"80–95 % of adults" reads faster as 16 to 19 figures out of 20 than as a bar. Each
figure is a head (ellipse) and a body (rounded rectangle), so it stays a native,
editable shape in PowerPoint and a vector in SVG and PDF. Figures up to ``value``
take the accent colour, those up to ``value_high`` the range colour, the rest the
card colour; a key under them says what one figure stands for. Beside (or above)
the figures: the big number, its label and its source, as on a stat card.
"""

from __future__ import annotations

import math

from infodeck.compose import cite
from infodeck.compose.kit import Kit, frame, text_box
from infodeck.compose.numbers import Say, number, with_unit
from infodeck.compose.words import words
from infodeck.content.model import PictogramDiagram
from infodeck.scene.elements import Box, Element
from infodeck.scene.text import fit_text, frame_height, layout_frame, text_width

HEAD = 0.34  # head diameter as a share of a figure's cell height
GAP = 0.22  # space between figures as a share of a figure's width


def shares(d: PictogramDiagram) -> tuple[float, float]:
    """(figures fully coloured, figures coloured to the top of the range), unrounded."""
    low = d.value / 100 * d.figures
    high = (d.value_high if d.value_high is not None else d.value) / 100 * d.figures
    return low, high


def display_value(d: PictogramDiagram, say: Say | None = None) -> str:
    """The number as called out: '80–95%', 'up to 36%' ('80–95 %' in French)."""
    say = say or words("en")
    text = number(d.value, say) + (f"–{number(d.value_high, say)}"
                                   if d.value_high is not None else "")
    text = with_unit(text, "%", say)
    return f"{d.prefix} {text}" if d.prefix else text


def counts(d: PictogramDiagram) -> tuple[int, int]:
    """Whole figures coloured: rounded to the nearest figure, never hiding a range."""
    low, high = shares(d)
    full = round(low)
    upto = max(full, round(high))
    if d.value_high is not None and d.value_high > d.value and upto == full:
        upto = min(d.figures, full + 1)  # a range always shows at least one figure
    return full, upto


def _grid(n: int, w: float, h: float) -> tuple[int, int]:
    """(columns, rows) that give the figures the largest cell of a 1:2 shape.

    Only full rows are considered (20 figures: 20 × 1, 10 × 2, 5 × 4…), so the eye can
    count them; a number with no divisors but itself falls back to any grid.
    """
    best, best_size = (n, 1), 0.0
    candidates = [r for r in range(1, n + 1) if n % r == 0]
    if len(candidates) <= 2:
        candidates = list(range(1, n + 1))
    for rows in candidates:
        cols = math.ceil(n / rows)
        cell_w = min(w / cols, h / rows / 2.0)  # a figure is about twice as tall as wide
        if cell_w > best_size + 1e-9:
            best, best_size = (cols, rows), cell_w
    return best


def _figures(
    kit: Kit, d: PictogramDiagram, x: float, y: float, w: float, h: float
) -> list[Element]:
    col = kit.theme.colors
    palette = kit.theme.colors.chart
    range_fill = palette[1] if len(palette) > 1 else col.step
    full, upto = counts(d)
    cols, rows = _grid(d.figures, w, h)
    fw = min(w / cols, h / rows / 2.0)  # cell width
    fh = fw * 2.0
    gx = fw * GAP
    total_w, total_h = cols * fw, rows * fh
    ox, oy = x + (w - total_w) / 2, y + (h - total_h) / 2
    out: list[Element] = []
    for i in range(d.figures):
        r, c = divmod(i, cols)
        fill = col.accent if i < full else range_fill if i < upto else col.card
        cx = ox + c * fw + fw / 2
        top = oy + r * fh + fh * 0.06
        head = fh * HEAD * 0.62
        body_w = fw - gx
        out.append(Box(kit.new_id(), cx - head / 2, top, head, head, "ellipse", fill, None, 0,
                       name=f"Figure {i + 1} head"))
        body_top = top + head + fh * 0.03
        out.append(Box(kit.new_id(), cx - body_w / 2, body_top, body_w,
                       oy + r * fh + fh * 0.94 - body_top, "roundrect", fill, None, 0,
                       name=f"Figure {i + 1}", corner=0.45))
    return out


def compose(
    d: PictogramDiagram,
    x: float,
    y: float,
    w: float,
    h: float,
    kit: Kit,
    *,
    ref_numbers: dict[str, int],
    label_size: float,
    label_floor: float,
) -> list[Element]:
    """The callout and the figures inside the region, the callout beside them when wide."""
    lay, col = kit.layout, kit.theme.colors
    big = min(lay.type.stat, h * 0.3)
    m = cite.marker(d.cite, ref_numbers)
    source = kit.say("source", refs=m) if m else kit.say("no_source_stat")
    full, upto = counts(d)
    key = kit.say("pictogram_key", k=number(round(100 / d.figures, 2), kit.say))
    if d.value_high is not None:
        key += " " + kit.say("pictogram_range", k=full, n=d.figures, m=upto)

    wide = w > h * 1.6
    text_w = w * 0.36 if wide else w
    text_h = h if wide else h * 0.4
    called = display_value(d, kit.say)
    per_pt = text_width(called, kit.theme.font_for(1.0, bold=True)) or 1.0

    def callout(s: float) -> list:  # type: ignore[type-arg]
        # The number is never broken: it shrinks to the column's width instead.
        size = min(max(s * 2.2, big * s / label_size), text_w * 0.97 / per_pt)
        return [
            kit.para(kit.run(called, size, col.accent, bold=True), spacing=1.0),
            kit.para(kit.marked(d.label, s, col.text), before=s * 0.3, spacing=1.1),
            kit.para(kit.run(source, max(s * 0.8, label_floor), col.muted if m else col.warning,
                             italic=not m), before=s * 0.3),
        ]

    fitted = fit_text(lambda s: frame(callout(s)), text_w, text_h, label_size, label_floor)
    laid = fitted[0] if fitted else layout_frame(frame(callout(label_floor)), text_w)
    th = min(frame_height(laid), text_h)
    out: list[Element] = []
    if wide:
        out.append(text_box(kit, x, y + (h - th) / 2, text_w, th, laid, name="Pictogram number"))
        fx, fy, fw_, fh_ = x + text_w + lay.gap * 1.5, y, w - text_w - lay.gap * 1.5, h
    else:
        out.append(text_box(kit, x, y, w, th, laid, name="Pictogram number"))
        fx, fy, fw_, fh_ = x, y + th + lay.gap, w, h - th - lay.gap
    key_frame = layout_frame(
        frame([kit.para(kit.run(key, label_floor, col.muted), align="center")]), fw_
    )
    kh = frame_height(key_frame)
    fig_h = fh_ - kh - lay.gap * 0.5
    if fig_h > label_floor * 2:
        out += _figures(kit, d, fx, fy, fw_, fig_h)
        out.append(text_box(kit, fx, fy + fh_ - kh, fw_, kh, key_frame, name="Pictogram key"))
    return out
