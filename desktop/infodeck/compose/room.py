"""The room a school's template leaves for content, as the composer sees it.

A template's slides are not blank pages: its master and layouts carry logos, bands
and pictures, and its placeholders say where titles and text belong. ``DeckRoom``
is that geometry reduced to what composing needs (points, top-left origin), so
the composer stays free of any template reading: the export builds it from
``infodeck.template`` and hands it in. Without a template there is no room and
every slide is composed on the built-in layout's margins, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from infodeck.compose.layouts import Layout, get_layout
from infodeck.scene.geometry import Rect

# The slide kinds a deck uses, as ``infodeck.template`` names them (a test keeps the two
# alike; importing the template package here would load python-pptx for every deck).
SlideKind = Literal["title", "section", "content", "title_only"]
REFERENCE_HEIGHT = 540.0  # the built-in deck layouts' height: their type scale is for it


@dataclass(frozen=True)
class SlideRoom:
    """One slide kind on the template: where its title, subtitle and content go.

    ``content`` is the area free of decorations where text, diagrams and charts
    may stand; ``title`` (``subtitle``) is the layout's placeholder, which the
    slide's title fills exactly so PowerPoint's "Reset slide" leaves it in place.
    ``align`` is how the layout's title is set (a centred title slide stays centred).
    """

    content: Rect
    title: Rect | None = None
    subtitle: Rect | None = None
    align: Literal["left", "center"] = "left"


@dataclass(frozen=True)
class DeckRoom:
    """The template's slide size and the room of each slide kind it is used for.

    ``decorations`` are, by slide kind, the rectangles its master and layout draw
    on (logos, bands, pictures), which no content may cover.
    """

    width: float
    height: float
    rooms: dict[str, SlideRoom]
    decorations: dict[str, tuple[Rect, ...]] = field(default_factory=dict)

    def room(self, kind: SlideKind) -> SlideRoom:
        """The room of ``kind``, else of the closest kind the template has."""
        for k in (kind, *_FALLBACK[kind]):
            if k in self.rooms:
                return self.rooms[k]
        return SlideRoom(Rect(self.width * 0.06, self.height * 0.2, self.width * 0.88,
                              self.height * 0.72))


_FALLBACK: dict[str, tuple[str, ...]] = {
    "title": ("section", "content", "title_only"),
    "section": ("title", "content", "title_only"),
    "content": ("title_only", "section", "title"),
    "title_only": ("content", "section", "title"),
}


def deck_layout(width: float, height: float) -> Layout:
    """A deck layout for a ``width`` × ``height`` point slide (a template's size).

    The built-in deck layout of the nearest shape lends its type scale, scaled with
    the slide's height (a 28 × 15.75 cm slide gets smaller type than a 13.33 × 7.5
    in one), and its margins; the size is the template's, whatever it is.
    """
    aspect = width / height
    base = min(
        (get_layout(n, "deck") for n in ("deck-16x9", "deck-4x3")),
        key=lambda lay: abs(lay.width / lay.height - aspect),
    )
    k = max(0.5, min(2.0, height / REFERENCE_HEIGHT))
    scaled = {role: round(size * k, 1) for role, size in base.type.model_dump().items()}
    type_scale = base.type.model_copy(
        update={r: max(6.0, s) for r, s in scaled.items()}
    )
    return base.model_copy(
        update={
            "name": "template",
            "title": "The template's slide size",
            "width": round(width, 2),
            "height": round(height, 2),
            "margin": round(base.margin * k, 1),
            "gap": round(base.gap * k, 1),
            "type": type_scale,
        }
    )
