"""Diagram composers: a content pack's diagrams as native, editable shapes.

Every diagram becomes a Group of boxes, glued connectors or a native chart that
lays itself out from its data inside the region it is given (any number of steps,
short or long labels, a wide slide or a narrow print panel). The title and the
caption are the page composer's business, not drawn here. ``describe`` gives the
alt text: the author's own when written, else plain sentences built from the data,
so a screen-reader user gets everything the picture shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from infodeck.compose.diagrams import axis, chart, cluster, cycle, pathway, pictogram
from infodeck.compose.diagrams._geometry import ELLIPSIS
from infodeck.compose.kit import Kit
from infodeck.content.model import (
    AxisDiagram,
    ChartDiagram,
    ClusterDiagram,
    CycleDiagram,
    PathwayDiagram,
    PictogramDiagram,
)
from infodeck.scene.elements import Box, Element, Group
from infodeck.scene.markup import plain

DiagramBlock = (
    AxisDiagram | PathwayDiagram | CycleDiagram | ChartDiagram | ClusterDiagram | PictogramDiagram
)

__all__ = ["DiagramBlock", "caption_of", "compose_diagram", "describe"]


def caption_of(diagram: DiagramBlock, ref_numbers: dict[str, int],
               say: Callable[..., str] | None = None) -> str | None:
    """The caption under a diagram: the author's own, then a chart's sources, or nothing.

    Never borrowed from the section (its takeaway or summary): under a diagram a
    reader takes the words for what the diagram shows. A chart's caption says where
    its numbers come from ("Data: [2]."), which its category labels no longer carry.
    """
    text = diagram.caption
    if isinstance(diagram, ChartDiagram):
        note = chart.citation_note(diagram, ref_numbers, say)
        if note:
            text = f"{text} {note}" if text else note
    return text


def compose_diagram(
    diagram: DiagramBlock,
    x: float,
    y: float,
    w: float,
    h: float,
    kit: Kit,
    *,
    ref_numbers: dict[str, int],
    label_size: float,
    label_floor: float,
    reveal: bool = True,
) -> Group:
    """The diagram as a Group inside the region (x, y, w, h), never outside it.

    ``label_size`` is the preferred label size and ``label_floor`` the smallest
    allowed; ``reveal`` numbers the parts for step-by-step presenting.
    """
    kit = kit.speaking(diagram.language)
    size, floor = max(label_size, label_floor), label_floor  # the floor is never crossed
    children = _children(diagram, x, y, w, h, kit, ref_numbers, size, floor, reveal)
    if _has_icons(diagram) and _shortened(children, diagram):
        # Icons explain, words say: when the icons' room would cost a label some of
        # its words, the diagram is drawn without its icons instead.
        children = _children(_without_icons(diagram), x, y, w, h, kit, ref_numbers, size,
                             floor, reveal)
    return Group(kit.new_id("g"), tuple(children), name=f"Diagram: {plain(diagram.title)}",
                 alt=plain(describe(diagram)))


_ICON_FIELDS = ("icon", "centre_icon")


def _has_icons(d: DiagramBlock) -> bool:
    parts = [d, getattr(d, "left", None), getattr(d, "right", None),
             *getattr(d, "steps", ()), *getattr(d, "items", ())]
    return any(getattr(p, f, None) for p in parts for f in _ICON_FIELDS)


def _without_icons(d: DiagramBlock) -> DiagramBlock:
    def strip(data: object) -> object:
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k not in _ICON_FIELDS}
        if isinstance(data, list):
            return [strip(v) for v in data]
        return data

    return type(d).model_validate(strip(d.model_dump()))


def _shortened(children: list[Element], d: DiagramBlock) -> bool:
    """True when a label box lost words (an ellipsis) or all its text (no room at all)."""
    written = str(d.model_dump()).count(ELLIPSIS)  # ellipses the author wrote
    drawn = 0
    for el in children:
        if not isinstance(el, Box) or el.text is None or el.name.startswith("Port"):
            continue
        if not el.text.paragraphs:
            return True
        drawn += sum(r.text.count(ELLIPSIS) for p in el.text.paragraphs for r in p.runs)
    return drawn > written


def _children(diagram: DiagramBlock, x: float, y: float, w: float, h: float, kit: Kit,
              ref_numbers: dict[str, int], size: float, floor: float,
              reveal: bool) -> list[Element]:
    children: list[Element]
    if isinstance(diagram, PathwayDiagram):
        children = pathway.compose(diagram, x, y, w, h, kit, label_size=size,
                                   label_floor=floor, reveal=reveal)
    elif isinstance(diagram, CycleDiagram):
        children = cycle.compose(diagram, x, y, w, h, kit, label_size=size,
                                 label_floor=floor, reveal=reveal)
    elif isinstance(diagram, AxisDiagram):
        children = axis.compose(diagram, x, y, w, h, kit, label_size=size,
                                label_floor=floor, reveal=reveal)
    elif isinstance(diagram, ClusterDiagram):
        children = cluster.compose(diagram, x, y, w, h, kit, label_size=size,
                                   label_floor=floor, reveal=reveal)
    elif isinstance(diagram, PictogramDiagram):
        children = pictogram.compose(diagram, x, y, w, h, kit, ref_numbers=ref_numbers,
                                     label_size=size, label_floor=floor)
    else:
        bars = chart.compose(diagram, x, y, w, h, kit, ref_numbers=ref_numbers,
                             label_size=size, label_floor=floor)
        children = [replace(bars, alt=plain(describe(diagram)))]  # the chart frame's own alt text
    return children


def _with_detail(label: str, detail: str | None) -> str:
    return f"{label} ({detail})" if detail else label


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def describe(diagram: DiagramBlock) -> str:
    """Alt text: ``diagram.alt`` when given, else plain sentences made from the data."""
    if diagram.alt:
        return diagram.alt
    if isinstance(diagram, PathwayDiagram):
        n = len(diagram.steps)
        chain = " → ".join(f"{i + 1}. {_with_detail(s.label, s.detail)}"
                           for i, s in enumerate(diagram.steps))
        out = f"Pathway diagram, {n} steps: {chain}."
        if diagram.stages:
            parts, start = [], 1
            for st in diagram.stages:
                end = start + st.steps - 1
                parts.append(f"{st.label}, step {start}" if end == start
                             else f"{st.label}, steps {start}–{end}")
                start = end + 1
            out += f" In {len(parts)} stages: {'; '.join(parts)}."
        hl = [f"{i + 1}. {s.label}" for i, s in enumerate(diagram.steps) if s.highlight]
        if len(hl) == 1:
            out += f" The highlighted step is {_sentence(hl[0])}"
        elif hl:
            out += f" The highlighted steps are {'; '.join(hl)}."
        return out
    if isinstance(diagram, CycleDiagram):
        return cycle.describe(diagram)
    if isinstance(diagram, AxisDiagram):
        left, right = diagram.left.label, diagram.right.label
        arrows = {"both": f"both ways between {left} and {right}",
                  "to-right": f"from {left} to {right}",
                  "to-left": f"from {right} to {left}"}
        n = len(diagram.channels)
        chans = "; ".join(f"{c.label}, {arrows[c.direction]}" for c in diagram.channels)
        return (f"Axis diagram linking {_with_detail(left, diagram.left.detail)} on the left "
                f"and {_with_detail(right, diagram.right.detail)} on the right through "
                f"{n} channel{'s' if n != 1 else ''}: {chans}.")
    if isinstance(diagram, PictogramDiagram):
        return pictogram.describe(diagram)
    if isinstance(diagram, ClusterDiagram):
        n = len(diagram.items)
        items = "; ".join(_with_detail(i.label, i.detail) for i in diagram.items)
        return (f"Cluster diagram: {diagram.centre} in the centre, linked to "
                f"{n} item{'s' if n != 1 else ''}: {items}.")
    n = len(diagram.items)
    values = "; ".join(f"{i.label}: {chart.display_value(i, diagram.unit)}"
                       for i in diagram.items)
    unit = f" in {diagram.unit}" if diagram.unit else ""
    kind, part = {"bar": ("Bar chart", "bar"), "column": ("Column chart", "column"),
                  "line": ("Line chart", "point"), "donut": ("Donut chart", "part")}[diagram.style]
    out = f"{kind}{unit}, {n} {part}{'s' if n != 1 else ''}: {values}."
    if diagram.style == "line":
        out = out[:-1] + ", in this order."
    if diagram.style == "donut":
        out += " Each part is a share of the whole."
    return out
