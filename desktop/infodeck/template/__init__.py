"""School templates: read a .pptx/.potx, safely, into plain data the composer can use.

The engine's reading half of "build on the school's template" (issue 17). Qt-free; it
sits beside ``content`` (it reads input), so ``compose`` and everything above may use it.

API::

    read_template(path) -> Template          # TemplateError (a UserError) on bad files
    Template.path, .width, .height           # slide size in points
    Template.layouts: tuple[TemplateLayout]  # every layout of every master
    Template.layout_for(kind) -> LayoutChoice  # kind: title | section | content | title_only
    Template.choices: dict[kind, LayoutChoice]
    Template.colours: ThemeColours           # dk1 lt1 dk2 lt2 accent1-6 hlink folHlink, #RRGGBB
    Template.fonts: ThemeFonts               # .major (headings), .minor (body): Latin names
    Template.background, .text               # first master's slide and text colour (clrMap)
    Template.logo: Logo | None               # .data bytes, .ext png|jpg, .rect, .pixels
    Template.package: bytes                  # checked package, presentation content type:
                                             #   pptx.Presentation(io.BytesIO(t.package))
    Template.notices: tuple[str, ...]        # what reading found worth telling
    TemplateLayout.name, .master_index, .layout_index, .type (declared: secHead, obj…)
        .placeholders: tuple[Placeholder]    # .type (title ctrTitle subTitle body obj pic dt
                                             #   ftr sldNum…), .idx, .name, .rect, .inherited
        .title, .bodies, .first(*types), .types()
        .decorations: tuple[Decoration]      # master (unless hidden) + layout shapes: .rect
        .content_area: Rect                  # body box, else room below the title; clear of
                                             #   decorations
        .title_area: Rect | None            # the title box clear of decorations
        .title_hits: tuple[Decoration]       # decorations the title box reaches
        .backdrops: tuple[Decoration]        # big shapes/pictures behind the text (not avoided)
        .background: str | None, .backdrop: bool
    LayoutChoice.kind, .layout, .missing (placeholder types the deck must draw itself),
        .note (why a fallback), .exact
    Rect.x .y .w .h (points from the top-left), .right .bottom .area .overlap() .union()
    measuring_font(family) -> MeasuringFont  # bundled metric-compatible files + notice

Colours mapped onto Infodeck's theme roles, with the WCAG fixes, and the report of
``infodeck check-template`` live in ``infodeck.compose.templates`` (the Theme model is
compose's); "Save as theme" writes files, in ``infodeck.export.theme_file``.
"""

from infodeck.scene.geometry import Rect
from infodeck.template.fonts import MeasuringFont, measuring_font
from infodeck.template.model import (
    SLIDE_KINDS,
    Decoration,
    LayoutChoice,
    Logo,
    Placeholder,
    SlideKind,
    Template,
    TemplateLayout,
    ThemeColours,
    ThemeFonts,
)
from infodeck.template.read import read_template
from infodeck.template.safety import TemplateError

__all__ = [
    "SLIDE_KINDS",
    "Decoration",
    "LayoutChoice",
    "Logo",
    "MeasuringFont",
    "Placeholder",
    "Rect",
    "SlideKind",
    "Template",
    "TemplateError",
    "TemplateLayout",
    "ThemeColours",
    "ThemeFonts",
    "measuring_font",
    "read_template",
]
