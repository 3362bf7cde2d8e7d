"""The composed scene: pages of positioned elements that every backend draws.

Units are typographic points (1/72 inch) with the origin at the page's top-left
corner and y growing downwards, as in PowerPoint. Colours are ``#RRGGBB`` strings.
Everything is frozen: a composed page can be cached and shared between threads.

Text is laid out here, not in the backends: each ``TextFrame`` carries the lines
the composer measured with the deck font's real metrics, so the matplotlib backend
draws exactly those lines and the PowerPoint backend writes the same paragraphs
with the same box, insets and exact line spacing, which PowerPoint wraps the same
way because the measuring font is metric-compatible with the font the deck names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]
Geometry = Literal["rect", "roundrect", "ellipse", "none"]
ArrowEnd = Literal["none", "arrow"]
# What a box is to a slide: its title (PowerPoint's title placeholder, read first),
# the subtitle of a title slide, the main text body, or just a shape.
Role = Literal["", "title", "subtitle", "body"]
# The text rectangles of DrawingML's presets (presetShapeDefinitions.xml): roundRect's
# is inset by x1 × 29289/100000 (x1 the corner radius), ellipse's by (1 − cos 45°) / 2.
ROUNDRECT_TEXT_INSET = 0.29289
ELLIPSE_TEXT_INSET = 0.146447


@dataclass(frozen=True)
class Font:
    """A font as the deck names it (``family``) and as it is measured (``file``).

    ``family`` is written into PowerPoint (e.g. "Calibri"); ``file`` is the path of
    the metric-compatible font we bundle and measure and draw with (e.g. Carlito).
    """

    family: str
    file: str
    size: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style."""

    text: str
    font: Font
    color: str
    superscript: bool = False
    lang: str = ""  # its language tag ("fr", "de-CH"); "" for the document's
    subscript: bool = False  # drawn smaller and lowered, as CO₂'s 2 (scene/markup.py)

    @property
    def scripted(self) -> bool:
        """Whether the run is a sub- or superscript: measured and drawn smaller."""
        return self.superscript or self.subscript


@dataclass(frozen=True)
class Segment:
    """A piece of a laid-out line: text in one run's style at an x offset.

    ``x`` is measured from the text area's left edge (inside the insets).
    """

    text: str
    run: Run
    x: float
    width: float


@dataclass(frozen=True)
class Line:
    """One laid-out line; ``baseline`` is measured from the text area's top edge."""

    segments: tuple[Segment, ...]
    baseline: float
    width: float


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of runs, with the spacing the composer used to lay it out."""

    runs: tuple[Run, ...]
    align: Align = "left"
    line_spacing: float = 1.15  # multiple of the font size, written as exact points
    space_before: float = 0.0  # points
    bullet: str | None = None  # the bullet character, e.g. "•"; None for none
    bullet_color: str | None = None
    indent: float = 0.0  # hanging indent in points when bulleted
    lines: tuple[Line, ...] = ()  # filled by the text layout


@dataclass(frozen=True)
class TextFrame:
    """Text inside a box: paragraphs plus insets and vertical anchoring."""

    paragraphs: tuple[Paragraph, ...]
    valign: VAlign = "top"
    inset_l: float = 7.2
    inset_t: float = 3.6
    inset_r: float = 7.2
    inset_b: float = 3.6
    content_height: float = 0.0  # laid-out text height, for vertical anchoring


@dataclass(frozen=True)
class Box:
    """A shape (or a bare text box when ``geometry`` is "none") with optional text."""

    id: str
    x: float
    y: float
    w: float
    h: float
    geometry: Geometry = "none"
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0
    text: TextFrame | None = None
    name: str = ""
    alt: str = ""
    corner: float = 0.12  # roundrect corner radius as a fraction of the shorter side
    reveal: int = 0  # >0: revealed on that click when presenting (step-by-step)
    role: Role = ""  # a slide's title, subtitle or body: a placeholder in the deck

    def text_rect_inset(self) -> tuple[float, float]:
        """How far inside the shape its geometry's text rectangle lies (x, y), in points.

        Office suites lay text out in the preset geometry's text rectangle, not the
        whole shape: a rounded rectangle's is inset by 0.29289 × its corner radius
        (1 − cos 45°) on each side, an ellipse's is the inscribed rectangle. The
        scene's insets are measured from the shape's edge; the deck writes what is
        left of them after this.
        """
        if self.geometry == "roundrect":
            g = ROUNDRECT_TEXT_INSET * min(0.5, max(0.0, self.corner)) * min(self.w, self.h)
            return g, g
        if self.geometry == "ellipse":
            return ELLIPSE_TEXT_INSET * self.w, ELLIPSE_TEXT_INSET * self.h
        return 0.0, 0.0

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Connector:
    """A straight line between two points, optionally glued to boxes' connection sites.

    Sites follow DrawingML's rectangle order: 0 top, 1 left, 2 bottom, 3 right.
    The composer puts the end points exactly on those sites, so an application that
    re-routes glued connectors on opening draws the same line.
    """

    id: str
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.5
    head: ArrowEnd = "arrow"  # at (x2, y2)
    tail: ArrowEnd = "none"  # at (x1, y1)
    start: tuple[str, int] | None = None  # (box id, site)
    end: tuple[str, int] | None = None
    name: str = ""
    reveal: int = 0


@dataclass(frozen=True)
class ChartSeries:
    """One data series of a chart."""

    name: str
    values: tuple[float, ...]
    color: str


ChartStyle = Literal["bar", "column", "line", "donut"]


@dataclass(frozen=True)
class Chart:
    """A native chart: bars (horizontal), columns, a line or a donut; values as labels.

    Two series stack (bars and columns): a value and the lighter rest of its range
    (80–95 %), and ``legend`` then names both. A donut draws the first series as
    parts of a whole, each category in ``colors``.
    """

    id: str
    x: float
    y: float
    w: float
    h: float
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    number_format: str  # Excel-style, e.g. '0"%"'
    value_max: float
    font: Font
    text_color: str
    grid_color: str
    labels: tuple[str, ...] = ()  # the data label to show on each category's bar
    name: str = ""
    alt: str = ""
    style: ChartStyle = "bar"
    value_min: float = 0.0
    legend: bool = False  # name the series in a legend (a range's lighter part)
    colors: tuple[str, ...] = ()  # a donut's colour per category
    # (decimal mark, thousands separator) the axis numbers are drawn with, the text's
    # language's; an office suite shows its own locale's for the same format code.
    marks: tuple[str, str] = (".", ",")


@dataclass(frozen=True)
class PictureData:
    """A picture's file as it was read (once, at load) from inside its pack.

    Every backend draws from these bytes, never from the file again: a file swapped
    (for a symbolic link that leads out, a bigger picture, a pipe) after the pack was
    checked cannot reach a deck, and the preview, the PNG and the deck show the same
    picture. Pictures compare by ``digest``, so pages stay cheap to compare and hash.
    """

    source: str  # the path as the pack wrote it, for messages
    format: Literal["PNG", "JPEG"]
    width: int  # pixels
    height: int
    digest: str  # BLAKE2b of ``data``
    data: bytes = field(compare=False, repr=False)


@dataclass(frozen=True)
class Picture:
    """A raster picture from a content pack, drawn into its box keeping aspect."""

    id: str
    x: float
    y: float
    w: float
    h: float
    picture: PictureData
    alt: str
    name: str = ""


# One command of a vector path, absolute: ("M", (x, y)), ("L", (x, y)),
# ("C", (x1, y1, x2, y2, x, y)) or ("Z", ()).
PathOp = tuple[str, tuple[float, ...]]


@dataclass(frozen=True)
class VectorPath:
    """One painted path of an icon, in the icon's own units (its viewBox from 0, 0).

    A ``fill`` path fills the same under the non-zero and the even-odd rule (the SVG
    reader makes it so), because matplotlib and DrawingML use different ones. A
    ``stroke`` path is outlined ``width`` units wide.
    """

    ops: tuple[PathOp, ...]
    paint: Literal["fill", "stroke"] = "fill"
    width: float = 0.0
    cap: Literal["butt", "round", "square"] = "butt"
    join: Literal["miter", "round", "bevel"] = "miter"


@dataclass(frozen=True)
class VectorIcon:
    """A single-colour vector icon as read from its SVG file."""

    name: str
    width: float  # the viewBox's size
    height: float
    paths: tuple[VectorPath, ...]
    title: str = ""  # what it shows, for alt text


@dataclass(frozen=True)
class Icon:
    """A vector icon drawn in one colour, fitted (aspect kept) and centred in its box."""

    id: str
    x: float
    y: float
    w: float
    h: float
    icon: VectorIcon
    color: str
    name: str = ""
    alt: str = ""
    reveal: int = 0

    def placement(self) -> tuple[float, float, float]:
        """(scale, left, top): icon units → points, so that the icon fits the box centred."""
        s = min(self.w / self.icon.width, self.h / self.icon.height)
        return (
            s,
            self.x + (self.w - self.icon.width * s) / 2,
            self.y + (self.h - self.icon.height * s) / 2,
        )


@dataclass(frozen=True)
class Group:
    """Elements that belong together (a diagram); alt text describes the whole.

    An ``answer`` group is a quiz's answer: the deck reveals it on a click (its
    children carry ``reveal``), and pictures, which cannot click, show the question
    without it.
    """

    id: str
    children: tuple[Element, ...]
    name: str = ""
    alt: str = ""
    answer: bool = False


Element = Box | Connector | Chart | Picture | Icon | Group


@dataclass(frozen=True)
class Page:
    """One slide or one infographic page."""

    width: float
    height: float
    background: str
    elements: tuple[Element, ...]
    kind: Literal["slide", "infographic", "diagram"] = "slide"
    title: str = ""
    notes: str = ""
    sources: tuple[str, ...] = ()  # reference lines this page cites, for metadata
    alt: str = ""  # a description of the whole page (PNG metadata)
    section_id: str = ""


@dataclass(frozen=True)
class Document:
    """A composed document: what every backend draws."""

    pages: tuple[Page, ...]
    title: str
    subject: str = ""
    author: str = ""
    language: str = "en"
    dpi: int = 150
    notices: tuple[str, ...] = field(default=())  # things the user should be told


def iter_elements(elements: tuple[Element, ...]) -> list[Element]:
    """All elements, groups flattened depth-first (groups themselves excluded)."""
    out: list[Element] = []
    for el in elements:
        if isinstance(el, Group):
            out.extend(iter_elements(el.children))
        else:
            out.append(el)
    return out
