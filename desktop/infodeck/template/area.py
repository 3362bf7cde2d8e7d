"""Where a layout's content may go: its body placeholders' box, clear of decorations.

A layout with body or object placeholders says where its content goes: the box
holding them. A layout without (title only, blank) leaves the room below its title
and above its footers. Either way, decorations (a crest in a corner, a band, a
picture) that reach into that box are cut away: the box shrinks from the side that
loses the least, one decoration at a time. A shape covering most of the box is a
panel behind the content, not something to avoid, and is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from infodeck.template.model import (
    CONTENT_TYPES,
    FOOTER_TYPES,
    TITLE_TYPES,
    Decoration,
    Placeholder,
    Rect,
)

PANEL_SHARE = 0.6  # a decoration covering this much of the box is behind the content
MIN_SHARE = 0.25  # never shrink the box below this share of what it was


def content_area(
    placeholders: Sequence[Placeholder], decorations: Sequence[Decoration],
    width: float, height: float,
) -> Rect:
    """The rectangle content may use on a slide of this layout (see the module)."""
    box = _start(placeholders, width, height)
    return avoid(box, [d.rect for d in decorations])


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


def avoid(box: Rect, obstacles: Sequence[Rect]) -> Rect:
    """``box`` shrunk so it overlaps none of ``obstacles`` (panels behind it aside)."""
    floor = box.area * MIN_SHARE
    for _ in range(len(obstacles) + 1):
        hits = [o for o in obstacles
                if box.overlap(o) > 1.0 and box.overlap(o) < PANEL_SHARE * box.area]
        if not hits:
            return box
        o = max(hits, key=box.overlap)
        cuts = [
            Rect(box.x, o.bottom, box.w, box.bottom - o.bottom),  # below it
            Rect(box.x, box.y, box.w, o.y - box.y),  # above it
            Rect(o.right, box.y, box.right - o.right, box.h),  # right of it
            Rect(box.x, box.y, o.x - box.x, box.h),  # left of it
        ]
        best = max(cuts, key=lambda r: r.area if r.w > 0 and r.h > 0 else -1.0)
        if best.area < floor:
            return box  # the decoration sits in the middle: content goes over it
        box = best
    return box
