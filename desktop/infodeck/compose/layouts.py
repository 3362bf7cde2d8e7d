"""Page layouts and colour themes, read from the data files in ``layouts/``.

A new layout or theme is a new YAML file, not code. Both are validated with the
same position-keeping reader as content packs, so a mistake in a layout file gets
the same file:line:col message.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from infodeck.content.problems import ContentError, Problem
from infodeck.content.yamlread import YamlError, format_path, read_yaml
from infodeck.errors import UnknownName
from infodeck.resources import font_path, resource_path
from infodeck.scene.contrast import contrast_ratio
from infodeck.scene.elements import Font

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
    """Colours and fonts."""

    name: str
    title: str
    font: FontFiles
    colors: Colours

    def font_for(self, size: float, *, bold: bool = False, italic: bool = False) -> Font:
        """A scene Font of this theme at ``size`` points."""
        f = self.font
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
        return model.model_validate(doc.data)
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
        try:
            item = _load(path, model)
        except YamlError as e:
            raise ContentError(e.problems) from None
        out[item.name] = item  # type: ignore[attr-defined]
    return out


@cache
def layouts() -> dict[str, Layout]:
    """Every layout in layouts/pages, by name."""
    return _scan("pages", Layout)


@cache
def themes() -> dict[str, Theme]:
    """Every theme in layouts/themes, by name."""
    return _scan("themes", Theme)


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
