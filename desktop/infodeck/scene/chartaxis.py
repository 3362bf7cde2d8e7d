"""The value axis of a bar chart, computed once for both backends.

PowerPoint draws its own axis from what the .pptx says; matplotlib draws ours. Both ask
here, so the gridlines, their step and their labels agree (no matplotlib import).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from infodeck.scene.elements import Chart
from infodeck.scene.text import text_width

LABEL_COLUMN = 0.38  # share of a chart's width given to the category labels


@dataclass(frozen=True)
class ValueAxis:
    """Where a bar chart's value axis runs (x0..x1, in points) and its gridlines.

    The axis spans ``vmin``..``vmax``; gridlines stand every ``step`` from ``vmin``.
    """

    vmax: float
    step: float
    x0: float
    x1: float
    vmin: float = 0.0

    def ticks(self) -> list[float]:
        """The values of the gridlines, from ``vmin`` to ``vmax``."""
        n = int((self.vmax - self.vmin) / self.step + 1e-9)
        return [round(self.vmin + k * self.step, 10) for k in range(n + 1)]


def _span(c: Chart) -> tuple[float, float]:
    vmax = c.value_max if c.value_max > c.value_min else max(c.value_min + 1.0, max_total(c))
    return c.value_min, vmax


def value_axis(c: Chart) -> ValueAxis:
    """The chart's value axis, as both backends draw it (horizontal bars)."""
    fs = c.font.size
    vmin, vmax = _span(c)
    decimals = format_decimals(c.number_format)
    label_w = max((text_width(t, c.font) for t in c.labels[: len(c.categories)]), default=0.0)
    reserve = min(label_w + 1.2 * fs, 0.3 * c.w) if label_w else 0.3 * fs
    x0 = c.x + LABEL_COLUMN * c.w
    x1 = max(x0 + 1.0, c.x + c.w - reserve)
    widest = max(text_width(format_number(v, c.number_format, c.marks), c.font)
                 for v in (vmin, vmax))
    step = grid_step(vmax - vmin, min(5, max(1, int((x1 - x0) / (widest + fs)))), decimals)
    return ValueAxis(vmax, step, x0, x1, vmin)


def vertical_axis(c: Chart, y0: float, y1: float) -> ValueAxis:
    """A column or line chart's value axis from ``y1`` (bottom) up to ``y0`` (top).

    ``x0`` and ``x1`` are the plot's left and right: the tick labels take the width
    of the widest at the left.
    """
    fs = c.font.size
    vmin, vmax = _span(c)
    decimals = format_decimals(c.number_format)
    step = grid_step(vmax - vmin, min(6, max(1, int((y1 - y0) / (fs * 2.2)))), decimals)
    widest = max(text_width(format_number(v, c.number_format, c.marks), c.font)
                 for v in ValueAxis(vmax, step, 0, 0, vmin).ticks())
    return ValueAxis(vmax, step, c.x + widest + 0.6 * fs, c.x + c.w, vmin)


def max_total(c: Chart) -> float:
    return max(
        (
            sum(max(0.0, s.values[i]) for s in c.series if i < len(s.values))
            for i in range(len(c.categories))
        ),
        default=0.0,
    )


def grid_step(span: float, max_intervals: int, decimals: int) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ giving at most ``max_intervals`` gridlines.

    A step that divides ``span`` evenly is preferred, so the last gridline is the
    axis's end; steps the number format cannot show (2.5 with no decimals) are
    skipped, so the axis never repeats a value.
    """
    rough = span / max(1, max_intervals)
    mag = 10.0 ** math.floor(math.log10(rough))
    steps = [m * mag for m in (1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0)]
    shown = [st for st in steps
             if st >= rough * (1 - 1e-9) and abs(round(st, decimals) - st) < 1e-9 * st]
    for st in shown:
        k = span / st
        if abs(k - round(k)) < 1e-6:
            return st
    return shown[0] if shown else 10 * mag


# Excel number formats: "quoted text", \x escapes, a digit placeholder, a percent sign.
FMT_TOKEN = re.compile(r'"([^"]*)"|\\(.)|([#0,]*0[#0,]*(?:\.[0#]+)?)|(%)|(;)|(.)', re.S)


def format_decimals(fmt: str) -> int:
    for m in FMT_TOKEN.finditer(fmt):
        if m.group(5):
            break
        if m.group(3):
            return len(m.group(3).partition(".")[2])
    return 0


def format_number(value: float, fmt: str, marks: tuple[str, str] = (".", ",")) -> str:
    """``value`` as Excel would show it with ``fmt`` (the subset charts use).

    Handles the first section of formats such as ``0``, ``0.0``, ``#,##0`` and
    ``0"%"``; an unquoted ``%`` multiplies by 100, as in Excel. ``marks`` are the
    (decimal, thousands) marks of the locale it is shown in.
    """
    if fmt.strip().lower() in ("", "general"):
        return f"{value:g}"
    tokens = []
    for m in FMT_TOKEN.finditer(fmt):
        if m.group(5):
            break
        tokens.append(m)
    if any(m.group(4) for m in tokens):
        value *= 100
    out: list[str] = []
    placed = False
    for m in tokens:
        literal, escaped, digits, percent, _, other = m.groups()
        if digits and not placed:
            decimals = len(digits.partition(".")[2])
            grouping = "," if "," in digits.partition(".")[0] else ""
            head, _, tail = f"{value:{grouping}.{decimals}f}".partition(".")
            out.append(head.replace(",", marks[1]) + (marks[0] + tail if tail else ""))
            placed = True
        elif percent:
            out.append("%")
        else:
            out.append(literal or escaped or other or "")
    if not placed:
        out.append(f"{value:g}")
    return "".join(out)
