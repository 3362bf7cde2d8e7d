"""Scene elements moved and scaled as one: a slide drawn small on a handout.

The slide is not laid out again: every position, size, line width and font size is
multiplied by the same factor, and the lines the composer broke stay broken where
they were, so the handout shows exactly the slide the class sees.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from infodeck.scene.elements import (
    Box,
    Chart,
    Connector,
    Element,
    Font,
    Group,
    Icon,
    Line,
    Paragraph,
    Picture,
    Run,
    Segment,
    TextFrame,
)


def _font(f: Font, s: float) -> Font:
    return replace(f, size=f.size * s)


def _run(r: Run, s: float) -> Run:
    return replace(r, font=_font(r.font, s))


def _line(ln: Line, s: float) -> Line:
    segs = tuple(Segment(g.text, _run(g.run, s), g.x * s, g.width * s) for g in ln.segments)
    return Line(segs, ln.baseline * s, ln.width * s)


def _paragraph(p: Paragraph, s: float) -> Paragraph:
    return replace(p, runs=tuple(_run(r, s) for r in p.runs), space_before=p.space_before * s,
                   indent=p.indent * s, lines=tuple(_line(ln, s) for ln in p.lines))


def _frame(t: TextFrame, s: float) -> TextFrame:
    return TextFrame(tuple(_paragraph(p, s) for p in t.paragraphs), t.valign, t.inset_l * s,
                     t.inset_t * s, t.inset_r * s, t.inset_b * s, t.content_height * s)


def transformed(el: Element, s: float, dx: float, dy: float) -> Element:
    """``el`` scaled by ``s`` about the origin, then moved by (dx, dy)."""
    if isinstance(el, Group):
        return replace(el, children=tuple(transformed(c, s, dx, dy) for c in el.children))
    if isinstance(el, Connector):
        return replace(el, x1=el.x1 * s + dx, y1=el.y1 * s + dy, x2=el.x2 * s + dx,
                       y2=el.y2 * s + dy, width=el.width * s)
    moved = partial(replace, el, x=el.x * s + dx, y=el.y * s + dy, w=el.w * s, h=el.h * s)
    if isinstance(el, Box):
        text = _frame(el.text, s) if el.text is not None and s != 1 else el.text
        return moved(line_width=el.line_width * s, text=text)
    if isinstance(el, Chart):
        return moved(font=_font(el.font, s))
    assert isinstance(el, Picture | Icon)
    return moved()


def transform_all(elements: tuple[Element, ...] | list[Element], s: float, dx: float,
                  dy: float) -> list[Element]:
    """Every element of ``elements`` transformed as ``transformed`` does."""
    return [transformed(el, s, dx, dy) for el in elements]


def moved_all(elements: tuple[Element, ...] | list[Element], dx: float,
              dy: float) -> list[Element]:
    """Every element moved by (dx, dy), unscaled."""
    return transform_all(elements, 1.0, dx, dy)
