"""Geometric checks every composed page must pass."""

from __future__ import annotations

from infodeck.scene.elements import (
    Box,
    Chart,
    Connector,
    Element,
    Icon,
    Page,
    Picture,
    iter_elements,
)
from infodeck.scene.text import frame_height

TOL = 0.01
# Secondary text (sources line, captions, badges) is set in the layout's small size,
# below the body floor by design; it still never goes under the 9 pt print floor.
SECONDARY = {"Sources", "Caption", "Badge", "Kicker"}
SECONDARY_FLOOR = 9.0


def _bounds(el: Element) -> tuple[float, float, float, float]:
    if isinstance(el, Connector):
        return (min(el.x1, el.x2), min(el.y1, el.y2), max(el.x1, el.x2), max(el.y1, el.y2))
    assert isinstance(el, (Box, Chart, Picture, Icon))
    return (el.x, el.y, el.x + el.w, el.y + el.h)


def line_rects(b: Box) -> list[tuple[float, float, float, float]]:
    """Where a box's laid-out lines are inked (anchored as the backends anchor them)."""
    assert b.text is not None
    tf = b.text
    top = b.y + tf.inset_t
    spare = b.h - tf.inset_t - tf.inset_b - tf.content_height
    top += spare / 2 if tf.valign == "middle" else spare if tf.valign == "bottom" else 0.0
    left = b.x + tf.inset_l
    out = []
    for par in tf.paragraphs:
        for line in par.lines:
            if not line.segments:
                continue
            size = max(sg.run.font.size for sg in line.segments)
            x0 = min(sg.x for sg in line.segments)
            x1 = max(sg.x + sg.width for sg in line.segments)
            base = top + line.baseline
            out.append((left + x0, base - size * 0.75, left + x1, base + size * 0.2))
    return out


def _text_area(b: Box) -> tuple[float, float, float, float]:
    tf = b.text
    assert tf is not None
    return (b.x + tf.inset_l, b.y + tf.inset_t, b.right - tf.inset_r, b.bottom - tf.inset_b)


def _crosses(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def check_page(page: Page, floor: float) -> None:
    """Inside the page, text fits its box at or above the floor, no text boxes overlap."""
    els = iter_elements(page.elements)
    ids = [e.id for e in els]
    assert len(ids) == len(set(ids)), "duplicate element ids"
    for el in els:
        x0, y0, x1, y1 = _bounds(el)
        assert x0 >= -TOL and y0 >= -TOL, (page.title, el)
        assert x1 <= page.width + TOL and y1 <= page.height + TOL, (page.title, el)
        if isinstance(el, Box) and el.text is not None and el.text.paragraphs:
            assert frame_height(el.text) <= el.h + 0.5, (page.title, el.name, el.text)
            least = SECONDARY_FLOOR if el.name in SECONDARY else floor
            for i, par in enumerate(el.text.paragraphs):
                # Secondary text inside body boxes: a stat card's source line and a
                # quote's attribution (with its citation mark), like the sources line.
                par_least = SECONDARY_FLOOR if el.name == "Quote" and i > 0 else least
                for run in par.runs:
                    t = run.text.strip()
                    if el.name == "Key statistic" and t.startswith(("Source ", "No source")):
                        assert run.font.size >= SECONDARY_FLOOR - TOL, t
                    elif t.startswith("[") and t.endswith("]"):  # citation marks: 0.8 × body
                        assert run.font.size >= max(0.8 * par_least, SECONDARY_FLOOR) - TOL, t
                    elif t:
                        assert run.font.size >= par_least - TOL, (page.title, el.name, run.text, run.font.size)
    texts = [
        e
        for e in els
        if isinstance(e, Box)
        and e.text
        and e.text.paragraphs
        and any(r.text.strip() for p in e.text.paragraphs for r in p.runs)
    ]
    # Text areas (boxes inside their insets) never overlap: a filled shape may hold
    # another text box where its own text is not (the title slide's band).
    areas = [_text_area(b) for b in texts]
    for i, a in enumerate(texts):
        for j in range(i + 1, len(texts)):
            b = texts[j]
            assert not _crosses(areas[i], areas[j]), f"{page.title}: '{a.name}' overlaps '{b.name}'"
    # Icons never sit on text: they keep clear of every box's laid-out lines.
    for ic in (e for e in els if isinstance(e, Icon)):
        assert ic.w > 0 and ic.h > 0, ic.name
        for b in texts:
            for r in line_rects(b):
                assert not _crosses(_bounds(ic), r), f"{page.title}: {ic.name} on '{b.name}'"
