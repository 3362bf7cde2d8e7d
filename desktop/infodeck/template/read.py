"""Read a .pptx/.potx template into a ``Template`` (see the package docstring)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from infodeck.scene.geometry import Rect
from infodeck.template import _xml
from infodeck.template.area import avoid, content_area
from infodeck.template.choose import choose_layout
from infodeck.template.model import (
    EMU_PER_POINT,
    SLIDE_KINDS,
    TEXT_TYPES,
    Decoration,
    Logo,
    Placeholder,
    Template,
    TemplateLayout,
    ThemeColours,
    ThemeFonts,
)
from infodeck.template.safety import TemplateError, checked_package, read_bytes

MIN_SIDE = 72.0  # points: one inch, PowerPoint's smallest slide side
MAX_SIDE = 5700.0  # the largest page Infodeck composes (compose/layouts.py)
MAX_LAYOUTS = 1000
MAX_SHAPES = 2000  # on one master or layout; real ones have tens (placing content is n²)
BACKDROP_SHARE = 0.85  # a picture or shape covering this much of the slide is its background
PANEL_SLIDE_SHARE = 0.15  # a shape this large that text boxes sit on is a panel behind them
PANEL_OVERLAP = 0.25
LOGO_MAX_SHARE = 0.2  # a logo is small: at most this share of the slide
LOGO_MAX_ASPECT = 5.0  # a wordmark may be wide; a thin strip is a border
MAX_LOGO_PIXELS = 40_000_000
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}

# Office's default themes' accents (2007–2010, 2013–2022, 2023–): a theme with one of
# these says nothing of a template's look (LibreOffice writes the first into every file).
OFFICE_DEFAULT_ACCENTS = {
    ("#4F81BD", "#C0504D", "#9BBB59", "#8064A2", "#4BACC6", "#F79646"),
    ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"),
    ("#156082", "#E97132", "#196B24", "#0F9ED5", "#A02B93", "#4EA72E"),
}
_MASTER_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr",
                "sldNum": "sldNum", "hdr": "hdr"}
_SYNONYMS = {"slidenum": "sldNum"}  # LibreOffice writes this on some layouts


def read_template(path: Path | str) -> Template:
    """Read and check a template; ``TemplateError`` (a UserError) names what is wrong."""
    path = Path(path)
    package = checked_package(path, read_bytes(path))
    try:
        return _read(path, package)
    except TemplateError:
        raise
    except Exception as e:  # python-pptx and lxml fail in many ways on damaged parts
        # Chained, not hidden: a fault of ours shows in the cause when debugging.
        raise TemplateError(path, f"damaged: its parts cannot be read "
                                  f"({type(e).__name__}: {e})") from e


def _pt(emu: float) -> float:
    return emu / EMU_PER_POINT


def _read(path: Path, package: bytes) -> Template:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(package))
    size = _xml.slide_size(prs.element)
    if size is None:
        raise TemplateError(path, "damaged: it has no slide size")
    width, height = _pt(size[0]), _pt(size[1])
    for side in (width, height):
        if not MIN_SIDE <= side <= MAX_SIDE:
            raise TemplateError(
                path, f"its slides are {width / 72 * 2.54:.1f} × {height / 72 * 2.54:.1f} cm; "
                f"sides from {MIN_SIDE / 72 * 2.54:.1f} to {MAX_SIDE / 72 * 2.54:.0f} cm "
                "can be used")
    masters = list(prs.slide_masters)
    if not masters:
        raise TemplateError(path, "damaged: it has no slide master")
    notices: list[str] = []
    theme = _xml.read_theme(masters[0].part)
    if theme is None:
        notices.append("the master has no theme; Office's default colours and fonts are used")
        theme = _xml.ThemeData("", dict(_xml.OFFICE_SCHEME), "", "", ())
    elif theme.missing:
        notices.append(f"the theme lacks the colours {', '.join(theme.missing)}; Office's "
                       "defaults are used for them")
    scheme = theme.scheme
    layouts: list[TemplateLayout] = []
    first_background: _xml.Background | None = None
    first_map = _xml.clrmap(masters[0].element)
    for mi, master in enumerate(masters):
        m_el = master.element
        m_map = _xml.clrmap(m_el)
        m_bg = _xml.background(m_el, scheme, m_map)
        if mi == 0:
            first_background = m_bg
        m_shapes = _shapes_of(path, m_el, "its master")
        m_boxes: dict[str, tuple[int, int, int, int]] = {}
        for s in m_shapes:  # the first placeholder of each type is the one inherited
            if s.ph_type and s.box:
                m_boxes.setdefault(s.ph_type, s.box)
        m_decor = _decorations(m_shapes, "master", width, height)
        for li, layout in enumerate(master.slide_layouts):
            if len(layouts) >= MAX_LAYOUTS:
                raise TemplateError(path, f"has more than {MAX_LAYOUTS} layouts")
            _shapes_of(path, layout.element, "a layout")
            layouts.append(_layout(layout.element, mi, li, m_boxes, m_decor, m_bg, scheme,
                                   m_map, width, height))
    if not layouts:
        raise TemplateError(path, "has no slide layouts, so no slide can be built on it")
    bg_colour = first_background.colour if first_background else None
    if first_background is not None and first_background.picture:
        notices.append("the master's background is a picture; text colours are checked "
                       "against the theme's background colour instead")
    background = bg_colour or scheme[first_map["bg1"]]
    text = scheme[first_map["tx1"]]
    choices = {k: choose_layout(layouts, k, width, height) for k in SLIDE_KINDS}
    logo = _logo(masters[0], choices["title"].layout, width, height, notices)
    colours = ThemeColours(**scheme)
    fills = _xml.fill_colours(masters[0].element, scheme, first_map)
    shape_colours = tuple(sorted(fills, key=lambda c: -fills[c]))
    return Template(
        path=path, width=width, height=height, layouts=tuple(layouts), colours=colours,
        fonts=ThemeFonts(theme.major, theme.minor), background=background, text=text,
        logo=logo, choices=choices, package=package, theme_name=theme.name,
        notices=tuple(notices), shape_colours=shape_colours,
        default_scheme=colours.accents in OFFICE_DEFAULT_ACCENTS,
    )


def _shapes_of(path: Path, el: Any, what: str) -> list[_xml.ShapeData]:
    shapes = list(_xml.shapes(el))
    if len(shapes) > MAX_SHAPES:
        raise TemplateError(path, f"{what} holds {len(shapes):,} shapes; more than "
                                  f"{MAX_SHAPES:,} on one slide master or layout is refused")
    return shapes


def _rect(box: tuple[int, int, int, int], width: float, height: float) -> Rect:
    x, y, cx, cy = box
    return Rect(_pt(x), _pt(y), _pt(cx), _pt(cy))


def _decorations(shapes: list[_xml.ShapeData], source: str, width: float,
                 height: float) -> list[tuple[Decoration, bool]]:
    """Non-placeholder shapes as decorations, each with whether it is a backdrop."""
    out: list[tuple[Decoration, bool]] = []
    kinds = {"pic": "picture", "sp": "shape", "cxnSp": "line", "grpSp": "group",
             "graphicFrame": "graphic"}
    slide = Rect(0, 0, width, height)
    for s in shapes:
        if s.ph_type is not None or s.box is None:
            continue
        r = _rect(s.box, width, height)
        if s.tag == "cxnSp" or r.w <= 0 or r.h <= 0:  # a line: give it its thickness
            t = max(_pt(s.line_width), 1.0)
            r = Rect(r.x - (t / 2 if r.w <= 0 else 0), r.y - (t / 2 if r.h <= 0 else 0),
                     max(r.w, t), max(r.h, t))
        if slide.overlap(r) <= 0:
            continue  # off the slide: never shown
        x, y = max(r.x, 0.0), max(r.y, 0.0)
        r = Rect(x, y, min(r.right, width) - x, min(r.bottom, height) - y)
        backdrop = r.area >= BACKDROP_SHARE * slide.area
        out.append((Decoration(kinds[s.tag], s.name, r, source), backdrop))  # type: ignore[arg-type]
    return out


def _under_text(r: Rect, text_boxes: list[Rect], slide_area: float) -> bool:
    """Whether a large shape is one the template puts its own text boxes on (a panel).

    Designs made of large shapes (a band under the title, translucent panels over the
    whole slide) place the title and body on them: content goes over them as the
    template's own text does. Small shapes (a crest, a rule, a footer band) are
    avoided even where a placeholder reaches them.
    """
    if r.area < PANEL_SLIDE_SHARE * slide_area:
        return False
    return any(r.overlap(t) >= PANEL_OVERLAP * min(r.area, t.area) for t in text_boxes)


def _layout(
    el: Any, mi: int, li: int, m_boxes: dict[str, tuple[int, int, int, int]],
    m_decor: list[tuple[Decoration, bool]], m_bg: _xml.Background | None,
    scheme: dict[str, str], m_map: dict[str, str], width: float, height: float,
) -> TemplateLayout:
    shapes = list(_xml.shapes(el))
    placeholders = []
    for s in shapes:
        if s.ph_type is None:
            continue
        ph_type = _SYNONYMS.get(s.ph_type, s.ph_type)
        box, inherited = s.box, False
        if box is None:
            box, inherited = m_boxes.get(_MASTER_TYPE.get(ph_type, "body")), True
        if box is None or box[2] <= 0 or box[3] <= 0:
            continue  # nowhere to be found: PowerPoint shows it nowhere either
        placeholders.append(Placeholder(ph_type, s.ph_idx, s.name, _rect(box, width, height),
                                        inherited))
    own = _decorations(shapes, "layout", width, height)
    shown = ([] if _xml.hides_master_shapes(el) else m_decor) + own
    text_boxes = [p.rect for p in placeholders if p.type in TEXT_TYPES]
    behind = tuple(d for d, full in shown if full or _under_text(d.rect, text_boxes,
                                                                 width * height))
    decorations = tuple(d for d, _ in shown if d not in behind)
    backdrop = any(full for _, full in shown)
    cmap = _xml.layout_clrmap(el, m_map)
    bg = _xml.background(el, scheme, cmap) or m_bg
    colour = bg.colour if bg else scheme[cmap["bg1"]]
    area, under = content_area(placeholders, decorations, width, height)
    decorations = tuple(d for d in decorations if d not in under)
    behind += under
    title = next((p for p in placeholders if p.type in ("ctrTitle", "title")), None)
    title_area = avoid(title.rect, [d.rect for d in decorations])[0] if title else None
    return TemplateLayout(
        name=_xml.layout_name(el) or f"Layout {li + 1}", master_index=mi, layout_index=li,
        type=_xml.layout_type(el), placeholders=tuple(placeholders),
        decorations=decorations, content_area=area, background=colour,
        backdrop=backdrop or bool(bg and bg.picture), backdrops=behind,
        title_area=title_area,
    )


def _logo(master: Any, title_layout: TemplateLayout, width: float, height: float,
          notices: list[str]) -> Logo | None:
    """The largest small picture on the master, else on the title slide's layout.

    Full-slide pictures (backgrounds) and thin strips along a side (borders) are not
    logos.
    """
    sources: list[tuple[str, Any]] = [("master", master)]
    if title_layout.master_index == 0:
        sources.append(("title layout", master.slide_layouts[title_layout.layout_index]))
    for where, src in sources:
        pics = []
        for s in _xml.shapes(src.element):
            if s.tag != "pic" or s.ph_type is not None or s.box is None or not s.embed:
                continue
            r = _rect(s.box, width, height)
            # A logo is small and roughly square: a strip down a side is a border.
            if (0 < r.area <= LOGO_MAX_SHARE * width * height
                    and r.w < 0.6 * width and r.h < 0.6 * height
                    and 1 / LOGO_MAX_ASPECT <= r.w / r.h <= LOGO_MAX_ASPECT):
                pics.append((r, s))
        skipped: list[str] = []
        for r, s in sorted(pics, key=lambda p: -p[0].area):
            found = _picture(src.part, s.embed or "", s.name, r, skipped)
            if found is not None:
                return found
        if skipped:
            notices.append(f"the picture {skipped[0]} on the {where} cannot be used as a logo")
    return None


def _picture(part: Any, rid: str, name: str, rect: Rect, skipped: list[str]) -> Logo | None:
    """A picture's bytes as a logo (PNG/JPEG kept, other bitmaps turned into PNG)."""
    from PIL import Image

    try:
        blob = part.related_part(rid).blob
    except (KeyError, AttributeError):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(blob)) as im:
                size = im.size
                fmt = LOGO_FORMATS.get(im.format or "")
                if fmt is None:
                    skipped.append(f"'{name}' ({im.format or 'unknown'} format)")
                    return None
                if size[0] * size[1] > MAX_LOGO_PIXELS:
                    skipped.append(f"'{name}' ({size[0]}×{size[1]} pixels: too large)")
                    return None
                if fmt not in ("png", "jpg"):
                    out = io.BytesIO()
                    im.save(out, "PNG")
                    blob, fmt = out.getvalue(), "png"
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            SyntaxError):
        skipped.append(f"'{name}' (a vector or unreadable picture)")
        return None
    return Logo(blob, fmt, name, rect, size)
