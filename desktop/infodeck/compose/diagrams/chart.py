"""Chart diagrams: one native chart, so the numbers stay editable in PowerPoint.

Styles: horizontal bars (the default), columns, a line (values in order) and a
donut (parts of a whole). A range (80–95 %) is drawn as two stacked series: the low
value in the strong colour and the rest of the range in the light one, which reads
as "at least this, maybe up to that", and a legend says so. The value axis runs
from the data to a round number (or the block's ``axis_min``/``axis_max``), so
values of 1–11 % are not slivers on a 0–100 axis. Citation markers stay out of the
category labels: ``citation_note`` gives the caption's line, and the page's sources
line lists the references.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from infodeck.compose import cite
from infodeck.compose.kit import Kit
from infodeck.compose.numbers import format_code, number, with_unit
from infodeck.compose.words import words
from infodeck.content.model import ChartDiagram, ChartItem
from infodeck.scene.elements import Chart, ChartSeries, Font
from infodeck.scene.markup import plain
from infodeck.scene.text import text_width


def display_value(item: ChartItem, unit: str, say: Callable[..., str] | None = None) -> str:
    """The value as a data label: "36%", "80–95%", "up to 36%", "6.1 hPa".

    In the language's marks: "6,1 hPa" and "36 %" in French.
    """
    say = say or words("en")
    text = number(item.value, say)
    if item.value_high is not None and item.value_high != item.value:
        text += "–" + number(item.value_high, say)
    text = with_unit(text, unit, say)
    return f"{item.prefix} {text}" if item.prefix else text


def _mix(a: str, b: str, t: float) -> str:
    """``a`` blended toward ``b`` by ``t`` (0 → a, 1 → b)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))


def _round_range(lo: float, top: float, *, fixed_lo: bool) -> tuple[float, float]:
    """The narrowest round axis around ``lo``..``top``.

    Its ends are multiples of a step of 1, 2, 2.5 or 5 × 10ⁿ (2.5 only at 25 and
    above, so the ticks stay whole numbers) that cuts it into 3–6 steps; a
    ``fixed_lo`` start (0, or the block's ``axis_min``) is kept as it is.
    """
    span = top - lo
    mag = 10 ** math.floor(math.log10(span))
    best: tuple[float, float] | None = None
    for scale in (mag / 10, mag, mag * 10):
        for m in (1, 2, 2.5, 5):
            step = m * scale
            if m == 2.5 and step < 25:
                continue
            a = lo if fixed_lo else math.floor(lo / step + 1e-9) * step
            b = a + math.ceil((top - a) / step - 1e-9) * step
            a, b = round(a, 10), round(b, 10)
            if 3 <= round((b - a) / step) <= 6 and (best is None or b - a < best[1] - best[0]):
                best = (a, b)
    return best if best is not None else (lo, top)


def axis_range(d: ChartDiagram) -> tuple[float, float]:
    """(min, max) of the value axis: the block's own, else round numbers around the data.

    Bars and columns start at 0 (their lengths compare honestly), or below it for
    negative values; the top is the next multiple of a round step above the largest
    value (a percentage axis never passes 100).
    """
    highs = [i.value if i.value_high is None else i.value_high for i in d.items]
    lows = [i.value for i in d.items]
    top, low = max(highs), min(lows)
    lo = d.axis_min if d.axis_min is not None else min(0.0, low)
    if d.axis_max is not None:
        return lo, d.axis_max
    if top <= lo:
        return lo, lo + 1.0
    lo, hi = _round_range(lo, top, fixed_lo=d.axis_min is not None or lo == 0)
    if d.unit == "%":
        hi = min(hi, 100.0)
    return lo, max(hi, top)


def citation_note(d: ChartDiagram, ref_numbers: dict[str, int],
                  say: Callable[..., str] | None = None) -> str:
    """Where the chart's numbers come from, for its caption: "Data: [2]." or per item.

    Markers in category labels crowd the axis and end up read as part of the label;
    the caption says it once, grouping items that share their sources.
    """
    say = say or words("en")
    uncited = say("no_source")
    groups: dict[str, list[str]] = {}
    # Items without sources of their own have the chart's.
    whole = cite.marker(d.cite, ref_numbers) or (uncited if d.uncited else "")
    for item in d.items:
        mark = cite.marker(item.cite, ref_numbers) or (uncited if item.uncited else whole)
        if mark:
            groups.setdefault(mark, []).append(item.label)
    if not groups:
        return ""
    marked = sum(len(v) for v in groups.values())
    if len(groups) == 1 and marked == len(d.items):
        return say("data", refs=next(iter(groups)))
    return say("data", refs="; ".join(f"{', '.join(v)} {k}" for k, v in groups.items()))


def compose(d: ChartDiagram, x: float, y: float, w: float, h: float, kit: Kit, *,
            ref_numbers: dict[str, int], label_size: float, label_floor: float) -> Chart:
    """The chart filling the region."""
    c = kit.theme.colors
    items = d.items
    ranged = any(i.value_high is not None for i in items)
    lows = tuple(i.value for i in items)
    first = kit.say("range_low") if ranged else kit.say("chart_value")
    series = [ChartSeries(first, lows, c.chart[0])]
    if ranged:
        extra = tuple((i.value_high - i.value) if i.value_high is not None else 0.0
                      for i in items)
        series.append(ChartSeries(kit.say("range_high"), extra, c.chart[1]))
    vmin, vmax = axis_range(d)
    percent = d.unit == "%"
    top = max(i.value if i.value_high is None else i.value_high for i in items)
    # Whole numbers on the axis, unless the scale is so small that they would repeat.
    fractional = (vmax - vmin) <= 5 and any(v != int(v) for v in (*lows, top, vmin, vmax))
    palette = _donut_palette(kit, len(items)) if d.style == "donut" else ()
    font = kit.theme.font_for(max(label_floor, label_size * 0.8))
    style = d.style
    if style == "column" and not _columns_fit(d, w, font):
        style = "bar"  # labels under narrow columns would break mid-word: bars keep them whole
    legend = ranged
    if style == "bar":
        font, legend = _bars_in_room(d, w, h, kit, font, label_floor, legend=ranged)
    return Chart(
        kit.new_id("chart"), x, y, w, h,
        categories=tuple(plain(i.label) for i in items),  # chart labels: words, no markup
        series=tuple(series),
        # The axis shows what the labels write ("%" spaced as the language spaces it).
        number_format=(format_code(0, "%", kit.say) if percent
                       else format_code(1 if fractional else 0, "", kit.say)),
        value_max=vmax,
        font=font,
        text_color=c.text,
        grid_color=_mix(c.background, c.text, 0.22),
        labels=tuple(display_value(i, d.unit, kit.say) for i in items),
        name=f"Chart: {d.title}",
        style=style,
        value_min=vmin,
        legend=legend,
        colors=palette,
        marks=(kit.say("decimal_mark"), kit.say("group_mark")),
    )


# A bar's row is at least this many label lines tall: below it, LibreOffice drops
# every other category label (they would touch) and bars shrink to slivers.
ROW_LINES = 1.3
LINE = 1.15  # a chart's line height, in font sizes (as the preview draws it)


def _bars_need(d: ChartDiagram, w: float, font: Font, *, legend: bool) -> float:
    """The height horizontal bars need: their rows, the value axis and the legend.

    The same geometry as the preview (axis row 1.9 font sizes, legend row 1.6
    lines); each row fits its category label, wrapped in the left 38 %.
    """
    fs = font.size
    room = max(1.0, w * 0.38)
    lines = sum(max(1, math.ceil(text_width(plain(i.label), font) / room)) for i in d.items)
    return fs * 1.9 + (fs * LINE * 1.6 if legend else 0.0) + lines * ROW_LINES * LINE * fs


def _bars_in_room(d: ChartDiagram, w: float, h: float, kit: Kit, font: Font,
                  floor: float, *, legend: bool) -> tuple[Font, bool]:
    """The font and legend that let horizontal bars fit a short region (a template's).

    A squat chart crowds its labels: office suites then draw values over category
    labels or hide labels. First the font goes down to the floor, then a range's
    legend goes (its data labels, "80–95%", already say where the range runs);
    a region that fits keeps the chart as it was.
    """
    small = kit.theme.font_for(floor) if floor < font.size else font
    tries = [(font, legend), (small, legend), (font, False), (small, False)]
    for f, keep in tries:
        if _bars_need(d, w, f, legend=keep) <= h:
            return f, keep
    return small, False


def _columns_fit(d: ChartDiagram, w: float, font: Font) -> bool:
    """True when every word of every label fits under its column (92 % of its slot)."""
    slot = w * 0.92 / max(1, len(d.items))
    return all(text_width(word, font) <= slot for i in d.items for word in plain(i.label).split())


def _donut_palette(kit: Kit, n: int) -> tuple[str, ...]:
    """``n`` colours for a donut's parts, from the theme.

    Its chart, highlight and band colours first, then lighter mixes of them, each
    different from the ones before.
    """
    c = kit.theme.colors
    base = [c.chart[0], c.highlight, c.band, *c.chart[1:], c.warning, c.muted]
    out: list[str] = []
    for t in (0.0, 0.45, 0.7):
        for col in base:
            mixed = _mix(col, c.background, t) if t else col
            taken = {o.upper() for o in out} | {c.background.upper()}
            if mixed.upper() not in taken:
                out.append(mixed)
    return tuple(out[:n]) if len(out) >= n else tuple(out[k % len(out)] for k in range(n))
