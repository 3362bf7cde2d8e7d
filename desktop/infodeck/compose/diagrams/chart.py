"""Chart diagrams: one native bar chart, so the numbers stay editable in PowerPoint.

A range (80–95 %) is drawn as two stacked series: the low value in the strong
colour and the rest of the range in the light one, which reads as "at least this,
maybe up to that". Every category carries its citation marker, so a bar can be
traced to its source without the chart needing a legend.
"""

from __future__ import annotations

import math

from infodeck.compose import cite
from infodeck.compose.kit import Kit
from infodeck.content.model import ChartDiagram, ChartItem
from infodeck.scene.elements import Chart, ChartSeries

UNCITED_MARK = "†"


def display_value(item: ChartItem, unit: str) -> str:
    """The value as a data label: "36%", "80–95%", "up to 36%"."""
    if item.value_high is not None and item.value_high != item.value:
        text = f"{item.value:g}–{item.value_high:g}{unit}"
    else:
        text = f"{item.value:g}{unit}"
    return f"{item.prefix} {text}" if item.prefix else text


def nice_ceiling(v: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ that is ≥ ``v`` (an axis maximum that reads well)."""
    if v <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= v * (1 - 1e-9):
            return float(m * mag)
    return float(10 * mag)


def _mix(a: str, b: str, t: float) -> str:
    """``a`` blended toward ``b`` by ``t`` (0 → a, 1 → b)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))


def category(item: ChartItem, ref_numbers: dict[str, int]) -> str:
    """The item's label with its citation marker: "Migraine [3]", "Nausea †"."""
    mark = cite.marker(item.cite, ref_numbers)
    if mark:
        return f"{item.label} {mark}"
    if item.uncited:
        return f"{item.label} {UNCITED_MARK}"
    return item.label


def compose(d: ChartDiagram, x: float, y: float, w: float, h: float, kit: Kit, *,
            ref_numbers: dict[str, int], label_size: float, label_floor: float) -> Chart:
    """The chart filling the region."""
    c = kit.theme.colors
    items = d.items
    ranged = any(i.value_high is not None for i in items)
    lows = tuple(i.value for i in items)
    series = [ChartSeries("value", lows, c.chart[0])]
    if ranged:
        extra = tuple((i.value_high - i.value) if i.value_high is not None else 0.0
                      for i in items)
        series.append(ChartSeries("range", extra, c.chart[1]))
    top = max(i.value if i.value_high is None else i.value_high for i in items)
    percent = d.unit == "%"
    vmax = 100.0 if percent else nice_ceiling(top)
    # Whole numbers on the axis, unless the scale is so small that they would repeat.
    fractional = vmax <= 5 and any(v != int(v) for v in (*lows, top))
    return Chart(
        kit.new_id("chart"), x, y, w, h,
        categories=tuple(category(i, ref_numbers) for i in items),
        series=tuple(series),
        number_format='0"%"' if percent else ("0.0" if fractional else "0"),
        value_max=vmax,
        font=kit.theme.font_for(max(label_floor, label_size * 0.8)),
        text_color=c.text,
        grid_color=_mix(c.background, c.text, 0.22),
        labels=tuple(display_value(i, d.unit) for i in items),
        name=f"Chart: {d.title}",
    )
