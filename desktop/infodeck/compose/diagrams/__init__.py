"""Diagram composers: a content pack's diagrams as native, editable shapes.

Every diagram becomes a Group of boxes, glued connectors or a native chart that
lays itself out from its data inside the region it is given (any number of steps,
short or long labels, a wide slide or a narrow print panel). The title and the
caption are the page composer's business, not drawn here. ``describe`` gives the
alt text: the author's own when written, else plain sentences built from the data,
so a screen-reader user gets everything the picture shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from infodeck.compose.diagrams import axis, chart, cluster, cycle, pathway, pictogram
from infodeck.compose.diagrams._geometry import ELLIPSIS
from infodeck.compose.kit import Kit
from infodeck.compose.words import words
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

__all__ = ["DiagramBlock", "caption_of", "compose_diagram", "describe", "described"]


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
    if _has_icons(diagram) and lost_words(children, diagram):
        # Icons explain, words say: when the icons' room would cost a label some of
        # its words, the diagram is drawn without its icons instead.
        children = _children(_without_icons(diagram), x, y, w, h, kit, ref_numbers, size,
                             floor, reveal)
    return Group(kit.new_id("g"), tuple(children), name=f"Diagram: {plain(diagram.title)}",
                 alt=plain(describe(diagram, kit.say)))


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


def lost_words(children: Sequence[Element], d: DiagramBlock) -> bool:
    """True when a label box lost words (an ellipsis) or all its text (no room at all).

    The composers use it to give a diagram more room (without icons, a slide of its own)
    before they accept a shortened one.
    """
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
        # The chart frame's own alt text.
        children = [replace(bars, alt=plain(describe(diagram, kit.say)))]
    return children


Say = Callable[..., str]


def _with_detail(say: Say, label: str, detail: str | None) -> str:
    return say("desc_detail", label=label, detail=detail) if detail else label


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def sentences(*parts: str) -> str:
    """Parts joined as sentences: a full stop after each, unless one ends it already."""
    return " ".join(_sentence(p) for p in parts if p)


def highlighted(say: Say, noun: str, marked: list[str]) -> str:
    """"The highlighted step is 3. X" / "… steps are …", or nothing when none is."""
    if not marked:
        return ""
    key = f"desc_highlight_{noun}" + ("" if len(marked) == 1 else "s")
    return say(key, items=say("list_sep").join(marked))


def describe(diagram: DiagramBlock, say: Say | None = None) -> str:
    """Alt text: ``diagram.alt`` when given, else plain sentences made from the data.

    ``say`` gives the words of the diagram's language (the deck's kit speaking it);
    without it, the diagram's own language or English.
    """
    if diagram.alt:
        return diagram.alt
    say = say or words(diagram.language or "en")
    sep = say("list_sep")
    if isinstance(diagram, PathwayDiagram):
        n = len(diagram.steps)
        chain = " → ".join(say("desc_step", k=i + 1, label=_with_detail(say, s.label, s.detail))
                           for i, s in enumerate(diagram.steps))
        staged = ""
        if diagram.stages:
            parts, start = [], 1
            for st in diagram.stages:
                end = start + st.steps - 1
                parts.append(say("desc_stage_one", label=st.label, k=start) if end == start
                             else say("desc_stage", label=st.label, k=start, m=end))
                start = end + 1
            staged = say("desc_stages", n=len(parts), items=sep.join(parts))
        hl = [say("desc_step", k=i + 1, label=s.label)
              for i, s in enumerate(diagram.steps) if s.highlight]
        return sentences(say("desc_pathway", n=n, items=chain), staged,
                         highlighted(say, "step", hl))
    if isinstance(diagram, CycleDiagram):
        ring = " → ".join(say("desc_step", k=i + 1, label=_with_detail(say, s.label, s.detail))
                          for i, s in enumerate(diagram.steps))
        first = say("desc_step", k=1, label=diagram.steps[0].label)
        key = "desc_cycle_centre" if diagram.centre else "desc_cycle"
        hl = [say("desc_step", k=i + 1, label=s.label)
              for i, s in enumerate(diagram.steps) if s.highlight]
        return sentences(say(key, centre=diagram.centre, n=len(diagram.steps), items=ring,
                             first=first), highlighted(say, "stage", hl))
    if isinstance(diagram, AxisDiagram):
        left, right = diagram.left.label, diagram.right.label
        ways = {"both": "desc_both", "to-right": "desc_to_right", "to-left": "desc_to_left"}
        n = len(diagram.channels)
        chans = sep.join(say("desc_channel", label=c.label,
                             way=say(ways[c.direction], left=left, right=right))
                         for c in diagram.channels)
        return sentences(say("desc_axis_one" if n == 1 else "desc_axis", n=n, items=chans,
                             left=_with_detail(say, left, diagram.left.detail),
                             right=_with_detail(say, right, diagram.right.detail)))
    if isinstance(diagram, PictogramDiagram):
        full, upto = pictogram.counts(diagram)
        label = diagram.label.rstrip(".")
        value = pictogram.display_value(diagram, say)
        return sentences(say("desc_pictogram", value=value, label=label, k=full,
                             n=diagram.figures) if upto == full else
                         say("desc_pictogram_range", value=value, label=label, k=full, m=upto,
                             n=diagram.figures))
    if isinstance(diagram, ClusterDiagram):
        n = len(diagram.items)
        items = sep.join(_with_detail(say, i.label, i.detail) for i in diagram.items)
        return sentences(say("desc_cluster_one" if n == 1 else "desc_cluster", n=n,
                             centre=diagram.centre, items=items))
    n = len(diagram.items)
    values = sep.join(say("desc_chart_item", label=i.label,
                          value=chart.display_value(i, diagram.unit, say))
                      for i in diagram.items)
    kind = say(f"desc_{diagram.style}_chart")
    if diagram.unit:
        kind = say("desc_unit", kind=kind, unit=diagram.unit)
    return sentences(say(f"desc_{diagram.style}" + ("_one" if n == 1 else ""), kind=kind, n=n,
                         items=values))


def described(kit: Kit, diagram: DiagramBlock) -> str:
    """The diagram's description in its language (its own, else the kit's)."""
    return describe(diagram, kit.speaking(diagram.language).say)
