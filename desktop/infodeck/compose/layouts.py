"""Page layouts and colour themes, read from the data files in ``layouts/``.

A new layout or theme is a new YAML file, not code. Both are validated with the
same position-keeping reader as content packs, so a mistake in a layout file gets
the same file:line:col message.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from infodeck.content.pictures import read_picture
from infodeck.content.problems import ContentError, Problem
from infodeck.content.yamlread import YamlError, format_path, read_yaml
from infodeck.errors import UnknownName
from infodeck.resources import font_path, resource_path, user_themes_dir
from infodeck.scene.contrast import contrast_ratio
from infodeck.scene.elements import Font, PictureData

T = TypeVar("T", bound=BaseModel)
Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
Points = Annotated[float, Field(gt=0, allow_inf_nan=False)]
FontSize = Annotated[float, Field(ge=6, le=200, allow_inf_nan=False)]

# Page sizes are refused past this before any drawing starts (a poster of 2 m).
MAX_PAGE_POINTS = 5700.0
# No picture side beyond this many pixels (Agg refuses 2^16; memory runs out before).
MAX_PIXELS_SIDE = 16000
# Diagrams of a deck layout are also exported as pictures at this resolution.
DIAGRAM_DPI = 300


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TypeScale(_Strict):
    """Font sizes in points for each role."""

    title: FontSize
    heading: FontSize
    body: FontSize
    body_floor: FontSize
    stat: FontSize
    small: FontSize
    caption: FontSize


class Layout(_Strict):
    """A page size with its margins and type scale."""

    name: str
    title: str
    kind: Literal["deck", "infographic"]
    width: Annotated[float, Field(ge=72, le=MAX_PAGE_POINTS, allow_inf_nan=False)]
    height: Annotated[float, Field(ge=72, le=MAX_PAGE_POINTS, allow_inf_nan=False)]
    # A page as tall as its content: ``height`` is then the shortest page, and a page
    # grows to this at most (a web infographic, a long scroll on a learning platform).
    max_height: Annotated[float, Field(ge=72, le=MAX_PAGE_POINTS, allow_inf_nan=False)] | None = (
        None
    )
    dpi: Annotated[int, Field(ge=36, le=600)]
    margin: Points
    gap: Points
    type: TypeScale

    def pixel_size(self) -> tuple[int, int]:
        """Size of a PNG of this layout at its DPI (the tallest, when pages fit content)."""
        return round(self.width / 72 * self.dpi), round(self.tallest / 72 * self.dpi)

    @property
    def tallest(self) -> float:
        """The tallest page this layout makes, in points."""
        return self.max_height or self.height

    @model_validator(mode="after")
    def _sane(self) -> Layout:
        """Refuse, before anything is drawn, sizes that cannot make a readable page."""
        if self.max_height is not None:
            if self.kind != "infographic":
                raise ValueError("max_height: only an infographic's pages grow to their content")
            if self.max_height < self.height:
                raise ValueError(
                    f"max_height: {self.max_height:g} points is less than height "
                    f"({self.height:g}), the shortest page"
                )
        short = min(self.width, self.height)
        dpi = max(self.dpi, DIAGRAM_DPI) if self.kind == "deck" else self.dpi
        side = round(max(self.width, self.tallest) / 72 * dpi)
        if side > MAX_PIXELS_SIDE:
            why = " (a deck's diagrams are exported at that)" if dpi != self.dpi else ""
            raise ValueError(
                f"dpi: a page side of {max(self.width, self.tallest):g} points is {side:,} "
                f"pixels at {dpi} dpi{why}; the limit is {MAX_PIXELS_SIDE:,}: lower the dpi "
                "or the page size"
            )
        if self.margin > short / 6:
            raise ValueError(
                f"margin: {self.margin:g} points leaves too little of a {short:g}-point page; "
                f"at most {short / 6:g}"
            )
        if self.gap > short / 8:
            raise ValueError(f"gap: at most {short / 8:g} points on this page")
        for role, size in self.type.model_dump().items():
            if size > short / 6:
                raise ValueError(
                    f"type.{role}: {size:g} points cannot fit a page {short:g} points "
                    f"across; at most {short / 6:g}"
                )
        if self.type.body_floor > self.type.body:
            raise ValueError("type.body_floor: must not be larger than type.body")
        return self


class FontFiles(_Strict):
    """The family a deck names and the bundled files that measure and draw it."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str

    @field_validator("regular", "bold", "italic", "bold_italic")
    @classmethod
    def _bundled(cls, v: str) -> str:
        """A font file name in assets/fonts that exists (no folders, no '..')."""
        if "/" in v or "\\" in v or v.startswith("."):
            raise ValueError(f"must be the name of a font file in assets/fonts (got {v!r})")
        if not font_path(v).is_file():
            raise ValueError(f"no font file {v!r} in assets/fonts")
        return v


class Colours(_Strict):
    """A theme's palette; ``on_x`` is the text colour used on ``x``."""

    background: Colour
    text: Colour
    muted: Colour
    accent: Colour
    on_accent: Colour
    band: Colour
    on_band: Colour
    card: Colour
    on_card: Colour
    highlight: Colour
    on_highlight: Colour
    step: Colour
    on_step: Colour
    line: Colour
    warning: Colour
    chart: Annotated[list[Colour], Field(min_length=2)]


class Theme(_Strict):
    """Colours and fonts, and optionally a heading font and a logo.

    ``heading_font``: headings' family when it differs from the text's (a school
    template's major font); None: headings use ``font``. ``logo``: a crest the
    infographic and the deck may show; in a theme file, the name of a PNG or JPEG
    beside it (``logo: crest.png``), read once when the theme is loaded.
    """

    name: str
    title: str
    font: FontFiles
    colors: Colours
    heading_font: FontFiles | None = None
    logo: PictureData | None = None

    @field_validator("logo", mode="before")
    @classmethod
    def _logo_file(cls, v: object, info: ValidationInfo) -> object:
        """A file name is read from the theme file's folder (only there: no '..')."""
        if not isinstance(v, str):
            return v
        folder = (info.context or {}).get("folder")
        if folder is None:
            raise ValueError("a logo file can only be named in a theme file")
        found = read_picture(Path(folder), v)
        if isinstance(found, str):
            raise ValueError(f"{v}: {found}")
        return found

    def heading_for(self, size: float, *, bold: bool = False, italic: bool = False) -> Font:
        """A scene Font for headings (``heading_font``, else ``font``) at ``size`` points."""
        return _face(self.heading_font or self.font, size, bold, italic)

    def font_for(self, size: float, *, bold: bool = False, italic: bool = False) -> Font:
        """A scene Font of this theme at ``size`` points."""
        return _face(self.font, size, bold, italic)


def _face(f: FontFiles, size: float, bold: bool, italic: bool) -> Font:
    """The file of ``f`` for that weight and style, as a scene Font at ``size`` points."""
    name = {
        (False, False): f.regular,
        (True, False): f.bold,
        (False, True): f.italic,
        (True, True): f.bold_italic,
    }[(bold, italic)]
    return _font(f.family, name, size, bold, italic)


@lru_cache(maxsize=4096)  # sizes come from fitting loops: bounded, but not by much
def _font(family: str, name: str, size: float, bold: bool, italic: bool) -> Font:
    # Composing asks for a font for every run of text; Font is frozen, so one is shared.
    return Font(family, str(font_path(name)), size, bold, italic)


# Text/background pairs that appear in composed pages; each must reach WCAG AA.
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("muted", "background"),
    ("accent", "background"),
    ("warning", "background"),
    ("on_accent", "accent"),
    ("on_band", "band"),
    ("on_card", "card"),
    ("accent", "card"),
    ("warning", "card"),
    ("muted", "card"),
    ("on_highlight", "highlight"),
    ("on_step", "step"),
    ("text", "step"),
)


def contrast_report(theme: Theme) -> list[tuple[str, str, float]]:
    """(text role, background role, ratio) for every pair the pages use."""
    c = theme.colors
    return [(fg, bg, contrast_ratio(getattr(c, fg), getattr(c, bg))) for fg, bg in CONTRAST_PAIRS]


def _load(path: Path, model: type[T]) -> T:
    from infodeck.content.load import humanize

    doc, _ = read_yaml(path, str(path))
    try:
        return model.model_validate(doc.data, context={"folder": path.parent})
    except ValidationError as e:
        problems = []
        for err in e.errors(include_url=False):
            loc, msg = humanize(dict(err), doc.data, model)
            pos = doc.keys.get(loc) if err["type"] == "extra_forbidden" else doc.pos(loc)
            ln, col = pos or (None, None)
            problems.append(Problem(doc.file, ln, col, format_path(loc), msg))
        raise ContentError(problems) from None


def _scan(folder: str, model: type[T]) -> dict[str, T]:
    out: dict[str, T] = {}
    for path in sorted(resource_path("layouts", folder).glob("*.yaml")):
        item = load_file(path, model)
        out[item.name] = item  # type: ignore[attr-defined]
    return out


def load_file(path: Path, model: type[T]) -> T:
    """One layout or theme file, or ContentError with file:line:col."""
    try:
        return _load(path, model)
    except YamlError as e:
        raise ContentError(e.problems) from None


@cache
def layouts() -> dict[str, Layout]:
    """Every layout in layouts/pages, by name."""
    return _scan("pages", Layout)


@cache
def themes() -> dict[str, Theme]:
    """Every theme: the bundled ones (layouts/themes), then the user's, by name.

    The user's themes folder (``user_themes_dir()``) holds themes saved from school
    templates; one that cannot be read, or that takes a bundled theme's name, is left
    out and named by ``user_theme_problems()``, so one bad file never stops the app.
    """
    out = dict(bundled_themes())
    out.update(_user_themes(set(out))[0])
    return out


def bundled_themes() -> dict[str, Theme]:
    """The themes Infodeck ships (layouts/themes), by name.

    Read again at each call: ``themes()`` is the one cache, so clearing it clears all.
    """
    return _scan("themes", Theme)


def user_theme_problems() -> list[Problem]:
    """Why theme files in the user's themes folder were left out."""
    return _user_themes(set(bundled_themes()))[1]


def _user_themes(bundled: set[str]) -> tuple[dict[str, Theme], list[Problem]]:
    folder = user_themes_dir()
    found: dict[str, Theme] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.glob("*.yaml"))[:200]:
        try:
            theme = load_file(path, Theme)
        except ContentError as e:
            problems.extend(e.problems)
            continue
        if theme.name in bundled or theme.name in found:
            problems.append(Problem(str(path), None, None, "name",
                                    f"a theme called '{theme.name}' exists already; rename it"))
            continue
        found[theme.name] = theme
    return found, problems


def get_layout(name: str, kind: Literal["deck", "infographic"] | None = None) -> Layout:
    """The layout called ``name`` (of ``kind`` when given)."""
    known = {n: lay for n, lay in layouts().items() if kind is None or lay.kind == kind}
    if name not in known:
        what = f"{kind} layout" if kind else "layout"
        raise UnknownName(what, [name], list(known))
    return known[name]


def get_theme(name: str) -> Theme:
    """The theme called ``name``."""
    if name not in themes():
        raise UnknownName("theme", [name], list(themes()))
    return themes()[name]
