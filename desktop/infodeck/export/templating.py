"""A school's template, read once per export, as what the composer and the writer take.

``infodeck.template`` reads the file (safely) and decides which layout each slide
kind uses; this turns that into the composer's ``DeckRoom`` (content areas and
placeholders, in points), a deck layout of the template's slide size, the Infodeck
theme of its colours, fonts and logo (the master's picture, which the infographic
carries) and the deck writer's ``DeckTemplate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from infodeck.compose.layouts import Layout, Theme
from infodeck.compose.room import DeckRoom, SlideRoom, deck_layout
from infodeck.render.templated import DeckTemplate
from infodeck.scene.elements import PictureData
from infodeck.scene.geometry import Rect

if TYPE_CHECKING:
    from infodeck.template.model import Logo, Template

GAP = 8.0  # points between a title placeholder and the content under it
CENTRED = 0.04  # a title placeholder this close (share of the width) to the middle is centred
MAX_LOGO_PIXELS = 16_000_000


@dataclass(frozen=True)
class TemplateLook:
    """Everything an export takes from one template."""

    path: Path
    layout: Layout  # the template's slide size with a type scale for it
    theme: Theme  # its colours (contrast-checked), fonts (with measuring fonts) and logo
    room: DeckRoom
    deck: DeckTemplate
    notices: tuple[str, ...]


def room_of(t: Template) -> DeckRoom:
    """The composer's view of the template: each slide kind's content area and placeholders."""
    rooms: dict[str, SlideRoom] = {}
    decorations: dict[str, tuple[Rect, ...]] = {}
    for kind, choice in t.choices.items():
        lay = choice.layout
        title = lay.title
        # Where the title goes: its placeholder, cut clear of a crest it reaches.
        title_box = lay.title_area or (title.rect if title is not None else None)
        sub = lay.first("subTitle")
        align: str = "left"
        if kind in ("title", "section") and title is not None:
            middle = title.rect.x + title.rect.w / 2
            if abs(middle - t.width / 2) <= t.width * CENTRED:
                align = "center"
        content = lay.content_area
        if title_box is not None:
            content = clear_of(content, title_box, GAP)
        rooms[kind] = SlideRoom(
            content,
            title_box if title_box is not None else None,
            sub.rect if sub is not None else None,
            "center" if align == "center" else "left",
        )
        decorations[kind] = tuple(d.rect for d in lay.decorations)
    return DeckRoom(t.width, t.height, rooms, decorations)


def clear_of(area: Rect, title: Rect, gap: float) -> Rect:
    """``area`` without the part the title covers.

    The room below the title, or above it when that is more than twice as tall (a
    layout whose title stands low on the slide).
    """
    if not area.overlaps(title):
        return area
    below = Rect(area.x, title.bottom + gap, area.w, area.bottom - title.bottom - gap)
    above = Rect(area.x, area.y, area.w, title.y - gap - area.y)
    return below if below.h * 2 >= above.h and below.h > 0 else above


def deck_template(t: Template) -> DeckTemplate:
    """What the deck writer needs: the package and each kind's (master, layout) index."""
    return DeckTemplate(
        t.package,
        {k: (c.layout.master_index, c.layout.layout_index) for k, c in t.choices.items()},
        t.theme_name,
    )


def logo_picture(logo: Logo | None) -> tuple[PictureData | None, str]:
    """The master's logo as a PNG or JPEG picture, or why it cannot be drawn ("" if none)."""
    if logo is None:
        return None, ""
    from infodeck.content.pictures import decode_picture

    ext = logo.ext.lower().lstrip(".")
    if ext in ("png", "jpg", "jpeg"):
        got = decode_picture(f"logo.{ext}", logo.data)
        if isinstance(got, PictureData):
            return got, ""
        return None, f"the template's logo cannot be used on the infographic: {got}"
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:  # GIF, BMP, TIFF: Pillow reads them; the infographic takes PNG
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(logo.data)) as im:
                if im.width * im.height > MAX_LOGO_PIXELS:
                    raise ValueError("too large")
                out = BytesIO()
                im.convert("RGBA").save(out, "PNG")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombWarning, Image.DecompressionBombError):
        return None, (
            f"the template's logo is a .{ext} picture, which Infodeck cannot draw: the "
            "infographic and diagrams are made without it (the deck keeps it)"
        )
    got = decode_picture("logo.png", out.getvalue())
    return (got, "") if isinstance(got, PictureData) else (None, str(got))


def template_look(path: Path) -> TemplateLook:
    """Read the template at ``path`` (``TemplateError`` when it cannot be used)."""
    from infodeck.compose.templates import template_theme
    from infodeck.template import read_template

    t = read_template(path)
    made = template_theme(t)
    theme, why = made.theme, ""
    if theme.logo is None and t.logo is not None:  # a GIF, BMP or TIFF crest
        logo, why = logo_picture(t.logo)
        theme = theme.model_copy(update={"logo": logo})
    notices = [*t.notices, *(f.text() for f in made.fixes), *made.font_notices,
               *([why] if why else [])]
    return TemplateLook(
        path,
        deck_layout(t.width, t.height),
        theme,
        room_of(t),
        deck_template(t),
        tuple(dict.fromkeys(notices)),
    )
