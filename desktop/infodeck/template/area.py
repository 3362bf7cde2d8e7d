"""Where a layout's content may go: its body placeholders' box, clear of decorations.

A layout with body or object placeholders says where its content goes: the box
holding them. A layout without (title only, blank) leaves the room below its title
and above its footers. Either way, decorations (a crest in a corner, a band, a
picture) that reach into that box are cut away: the box shrinks from the side that
loses the least, one decoration at a time (the one overlapping most first). A
decoration that could only be avoided by giving up more than half the box sits in
the middle of the template's own text area: the template means text to go over it
(a circle behind the body, a panel), so it is returned as behind the content rather
than avoided.
"""

from __future__ import annotations

from collections.abc import Sequence

from infodeck.scene.geometry import Rect
from infodeck.template.model import (
    CONTENT_TYPES,
    FOOTER_TYPES,
    TITLE_TYPES,
    Decoration,
    Placeholder,
)

MIN_SHARE = 0.5  # never shrink the box below this share of what it was


def content_area(
    placeholders: Sequence[Placeholder], decorations: Sequence[Decoration],
    width: float, height: float,
) -> tuple[Rect, tuple[Decoration, ...]]:
    """Where content may go on a slide of this layout, and the decorations it goes over.

    The rectangle overlaps none of ``decorations`` but those returned (see the module).
    """
    box = _start(placeholders, width, height)
    box, over = avoid(box, [d.rect for d in decorations])
    return box, tuple(d for d in decorations if d.rect in over)


def _start(placeholders: Sequence[Placeholder], width: float, height: float) -> Rect:
    bodies = [p.rect for p in placeholders if p.type in CONTENT_TYPES]
    if bodies:
        box = bodies[0]
        for r in bodies[1:]:
            box = box.union(r)
        return _clip(box, width, height)
    margin = 0.05 * min(width, height)
    gap = 0.025 * height
    titles = [p.rect for p in placeholders if p.type in TITLE_TYPES]
    left, right, top = margin, width - margin, margin
    if titles:
        t = titles[0]
        top = t.bottom + gap
        if t.w >= 0.5 * width:  # the content lines up with a wide title
            left, right = max(t.x, 0.0), min(t.right, width)
    bottom = height - margin
    for p in placeholders:
        if p.type in FOOTER_TYPES and p.rect.y > 0.6 * height:
            bottom = min(bottom, p.rect.y - gap / 2)
    if bottom - top < 0.3 * height:  # a title low on the slide (a title layout)
        top, bottom = margin, height - margin
    return Rect(left, top, right - left, bottom - top)


def _clip(r: Rect, width: float, height: float) -> Rect:
    x, y = max(r.x, 0.0), max(r.y, 0.0)
    return Rect(x, y, min(r.right, width) - x, min(r.bottom, height) - y)


def avoid(box: Rect, obstacles: Sequence[Rect]) -> tuple[Rect, list[Rect]]:
    """``box`` shrunk to overlap none of ``obstacles``, and those it had to go over."""
    floor = box.area * MIN_SHARE
    over: list[Rect] = []
    for _ in range(len(obstacles) + 1):
        hits = [o for o in obstacles if box.overlap(o) > 0 and o not in over]
        if not hits:
            break
        o = max(hits, key=box.overlap)
        cuts = [
            Rect(box.x, o.bottom, box.w, box.bottom - o.bottom),  # below it
            Rect(box.x, box.y, box.w, o.y - box.y),  # above it
            Rect(o.right, box.y, box.right - o.right, box.h),  # right of it
            Rect(box.x, box.y, o.x - box.x, box.h),  # left of it
        ]
        best = max(cuts, key=lambda r: r.area if r.w > 0 and r.h > 0 else -1.0)
        if best.w <= 0 or best.h <= 0 or best.area < floor:
            over.append(o)  # in the middle of the room: meant to be under the text
        else:
            box = best
    return box, over
