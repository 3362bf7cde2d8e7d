"""What a template is, once read: plain frozen data in points, no python-pptx objects.

Kept free of python-pptx so the composer, the report and the window can hold a
Template without importing it; the deck writer reopens ``Template.package``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from infodeck.scene.geometry import Rect

EMU_PER_POINT = 12700

# Placeholder types that hold a slide's main content (text, pictures, tables, charts).
CONTENT_TYPES = frozenset({"body", "obj", "tbl", "chart", "pic", "dgm", "media", "clipArt"})
TITLE_TYPES = frozenset({"title", "ctrTitle"})
FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
# The template's own text boxes: a large shape under one of them is a panel, not an obstacle.
TEXT_TYPES = TITLE_TYPES | CONTENT_TYPES | {"subTitle"}

SlideKind = Literal["title", "section", "content", "title_only"]
SLIDE_KINDS: tuple[SlideKind, ...] = ("title", "section", "content", "title_only")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder of a layout: its type, ``idx`` and where it is.

    ``type`` as in the XML: ``title``, ``ctrTitle``, ``subTitle``, ``body``, ``obj``,
    ``pic``, ``dt``, ``ftr``, ``sldNum``…

    ``inherited``: the layout gave no position, so it is the master's placeholder's
    (PowerPoint does the same).
    """

    type: str
    idx: int
    name: str
    rect: Rect
    inherited: bool = False


@dataclass(frozen=True)
class Decoration:
    """A shape of the master or layout that is not a placeholder (a logo, band, line).

    Content is placed so it covers none of them.
    """

    kind: Literal["picture", "shape", "line", "group", "graphic"]
    name: str
    rect: Rect
    source: Literal["master", "layout"]


@dataclass(frozen=True)
class TemplateLayout:
    """One slide layout with what the composer needs of it.

    ``type`` is the layout's declared type (``title``, ``obj``, ``secHead``,
    ``titleOnly``, ``blank``…, or ``""``): a hint only, since vendors set it loosely.
    ``decorations`` are those shown on slides of this layout (the master's, unless the
    layout hides them, and the layout's own) that content must not cover.
    ``backdrops``: shapes shown behind the content instead: full-slide pictures and
    large panels the template puts its own title or body on. ``content_area`` is where
    content may go: the box of the body/object placeholders, else the room below the
    title, in both cases clear of decorations. ``background``: the slide colour,
    ``#RRGGBB``, or None when it is a picture or unknown; ``backdrop``: a picture or a
    shape covers the whole slide (the colour behind text is then not only
    ``background``). ``title_area``: the title placeholder's box cut clear of the
    decorations it reaches (a crest in the corner), where a long title should fit; the
    box itself when it reaches none, None without a title.
    """

    name: str
    master_index: int
    layout_index: int
    type: str
    placeholders: tuple[Placeholder, ...]
    decorations: tuple[Decoration, ...]
    content_area: Rect
    background: str | None
    backdrop: bool = False
    backdrops: tuple[Decoration, ...] = ()
    title_area: Rect | None = None  # the title placeholder clear of decorations

    @property
    def title_hits(self) -> tuple[Decoration, ...]:
        """Decorations the title placeholder reaches (a crest beside a long title)."""
        t = self.title
        return tuple(d for d in self.decorations if t is not None and t.rect.overlap(d.rect))

    def types(self) -> frozenset[str]:
        """The placeholder types the layout has."""
        return frozenset(p.type for p in self.placeholders)

    def first(self, *types: str) -> Placeholder | None:
        """The first placeholder of one of ``types`` (in the order given), or None."""
        for t in types:
            for p in self.placeholders:
                if p.type == t:
                    return p
        return None

    @property
    def title(self) -> Placeholder | None:
        """The title placeholder (a centred title first), or None."""
        return self.first("ctrTitle", "title")

    @property
    def bodies(self) -> tuple[Placeholder, ...]:
        """The placeholders that take content (body, object, picture…), in order."""
        return tuple(p for p in self.placeholders if p.type in CONTENT_TYPES)

    def label(self) -> str:
        """How the report names the layout: its name and where it is."""
        return f"'{self.name}' (master {self.master_index + 1}, layout {self.layout_index + 1})"


@dataclass(frozen=True)
class ThemeColours:
    """The template theme's colour scheme, each ``#RRGGBB`` (system colours resolved)."""

    dk1: str
    lt1: str
    dk2: str
    lt2: str
    accent1: str
    accent2: str
    accent3: str
    accent4: str
    accent5: str
    accent6: str
    hlink: str
    folHlink: str  # noqa: N815  (the scheme's own name)

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in SCHEME_SLOTS}

    @property
    def accents(self) -> tuple[str, ...]:
        return (self.accent1, self.accent2, self.accent3, self.accent4, self.accent5,
                self.accent6)


SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink")


@dataclass(frozen=True)
class ThemeFonts:
    """The theme's Latin fonts: ``major`` for headings, ``minor`` for body text."""

    major: str
    minor: str


@dataclass(frozen=True)
class Logo:
    """A picture on the master (a school crest): its bytes, ``ext`` (png, jpg…) and size."""

    data: bytes
    ext: str
    name: str
    rect: Rect
    pixels: tuple[int, int]


@dataclass(frozen=True)
class LayoutChoice:
    """Which layout a slide kind uses, and what it lacks.

    ``missing``: placeholder types the kind wants that the layout does not have (the
    deck then draws its own box for them); ``note``: why this layout, when it is a
    fallback rather than a layout made for the kind.
    """

    kind: SlideKind
    layout: TemplateLayout
    missing: tuple[str, ...] = ()
    note: str = ""

    @property
    def exact(self) -> bool:
        return not self.missing and not self.note


@dataclass(frozen=True)
class Template:
    """A read template.

    ``width``/``height`` in points; ``package`` is the checked file's bytes with a
    presentation content type (a .potx's swapped), ready for
    ``pptx.Presentation(io.BytesIO(package))``. ``background``/``text`` are the first
    master's slide and text colours (after its colour map: dark templates swap them).
    ``notices``: what reading found worth telling the teacher. ``shape_colours``: the
    solid fills of the first master's own shapes, most area first (the design's
    colours, whatever the theme says); ``default_scheme``: the theme's accents are one
    of Office's default schemes (LibreOffice writes one into every file it converts),
    so the theme says little about the template's look.
    """

    path: Path
    width: float
    height: float
    layouts: tuple[TemplateLayout, ...]
    colours: ThemeColours
    fonts: ThemeFonts
    background: str
    text: str
    logo: Logo | None
    choices: dict[SlideKind, LayoutChoice]
    package: bytes = field(repr=False)
    theme_name: str = ""
    notices: tuple[str, ...] = ()
    shape_colours: tuple[str, ...] = ()
    default_scheme: bool = False

    def layout_for(self, kind: SlideKind) -> LayoutChoice:
        """The layout a slide of ``kind`` uses, chosen by placeholder types (see choose.py)."""
        return self.choices[kind]
