"""The one module that reads a template's DrawingML/PresentationML XML directly.

python-pptx has no public API for the theme (colours, fonts), the colour map, slide
backgrounds, ``showMasterSp`` or the positions a layout inherits for placeholder
types it does not map (vertical text, headers), so those are read here from each
part's element (``.element``) and related parts (``part.part_related_by``), both
public. Everything returned is plain data in EMU or ``#RRGGBB``.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_A = f"{{{NS['a']}}}"
_P = f"{{{NS['p']}}}"
_R = f"{{{NS['r']}}}"

# The colour map's defaults (a master without p:clrMap): light background, dark text.
DEFAULT_CLRMAP = {
    "bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3",
    "accent4": "accent4", "accent5": "accent5", "accent6": "accent6",
    "hlink": "hlink", "folHlink": "folHlink",
}
# python-pptx's default theme, used for slots a broken theme leaves out.
OFFICE_SCHEME = {
    "dk1": "#000000", "lt1": "#FFFFFF", "dk2": "#1F497D", "lt2": "#EEECE1",
    "accent1": "#4F81BD", "accent2": "#C0504D", "accent3": "#9BBB59", "accent4": "#8064A2",
    "accent5": "#4BACC6", "accent6": "#F79646", "hlink": "#0000FF", "folHlink": "#800080",
}
PRESET_COLOURS = {
    "black": "#000000", "white": "#FFFFFF", "red": "#FF0000", "green": "#008000",
    "blue": "#0000FF", "yellow": "#FFFF00", "gray": "#808080", "grey": "#808080",
    "darkGray": "#A9A9A9", "lightGray": "#D3D3D3", "navy": "#000080", "orange": "#FFA500",
}

def parse(blob: bytes) -> Any:
    """An XML part's root, by python-pptx's parser (entities are not resolved)."""
    from pptx.oxml import parse_xml

    return parse_xml(blob)


def _local(el: Any) -> str:
    """An element's tag without its namespace (comments and the like give "")."""
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# --- colours -----------------------------------------------------------------------


def _hex(r: float, g: float, b: float) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, round(v * 255))) for v in (r, g, b)))


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _modified(hex_colour: str, el: Any) -> str:
    """Apply DrawingML colour transforms (lumMod, lumOff, tint, shade, alpha ignored)."""
    r, g, b = _rgb(hex_colour)
    for mod in el:
        name = _local(mod)
        try:
            v = int(mod.get("val", "100000")) / 100000
        except ValueError:
            continue
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * v if name == "lumMod" else lum + v
            r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
        elif name == "tint":  # towards white
            r, g, b = (c + (1 - c) * (1 - v) for c in (r, g, b))
        elif name == "shade":  # towards black
            r, g, b = (c * v for c in (r, g, b))
    return _hex(r, g, b)


def colour_of(el: Any, scheme: dict[str, str], clrmap: dict[str, str]) -> str | None:
    """The ``#RRGGBB`` of a colour element (srgbClr, sysClr, schemeClr…), or None.

    Given a fill (or any other element), the first colour inside it.
    """
    if el is None:
        return None
    tag = _local(el)
    if tag not in ("srgbClr", "sysClr", "schemeClr", "prstClr", "scrgbClr", "hslClr"):
        for child in el:
            found = colour_of(child, scheme, clrmap)
            if found:
                return found
        return None
    base: str | None = None
    if tag == "srgbClr":
        base = _valid_hex(el.get("val"))
    elif tag == "sysClr":  # windowText, window…: the colour it had when saved
        base = _valid_hex(el.get("lastClr")) or {"window": "#FFFFFF"}.get(
            el.get("val", ""), "#000000")
    elif tag == "schemeClr":
        slot = el.get("val", "")
        slot = clrmap.get(slot, slot)
        base = scheme.get(slot)
    elif tag == "prstClr":
        base = PRESET_COLOURS.get(el.get("val", ""))
    elif tag == "scrgbClr":
        try:
            lin = [int(el.get(k, "0")) / 100000 for k in ("r", "g", "b")]
        except ValueError:
            return None
        base = _hex(*(c ** (1 / 2.2) for c in lin))
    elif tag == "hslClr":
        try:
            h = int(el.get("hue", "0")) / 21600000
            s = int(el.get("sat", "0")) / 100000
            lum = int(el.get("lum", "0")) / 100000
        except ValueError:
            return None
        base = _hex(*colorsys.hls_to_rgb(h, lum, s))
    return _modified(base, el) if base else None


def _valid_hex(v: str | None) -> str | None:
    if v and len(v) == 6 and all(c in "0123456789abcdefABCDEF" for c in v):
        return "#" + v.upper()
    return None


# --- the theme part ----------------------------------------------------------------


@dataclass(frozen=True)
class ThemeData:
    name: str
    scheme: dict[str, str]
    major: str
    minor: str
    missing: tuple[str, ...]  # colour slots the theme left out (filled from Office's)


def read_theme(master_part: Any) -> ThemeData | None:
    """The master's theme: colour scheme (sysClr resolved via lastClr) and Latin fonts."""
    try:
        part = master_part.part_related_by(RT_THEME)
    except KeyError:
        return None
    root = parse(part.blob)
    scheme: dict[str, str] = {}
    missing = []
    clr = root.find(f"{_A}themeElements/{_A}clrScheme")
    for slot in OFFICE_SCHEME:
        el = clr.find(f"{_A}{slot}") if clr is not None else None
        found = colour_of(el, {}, {}) if el is not None else None
        if found is None:
            missing.append(slot)
        scheme[slot] = found or OFFICE_SCHEME[slot]
    fonts = root.find(f"{_A}themeElements/{_A}fontScheme")

    def latin(which: str) -> str:
        el = fonts.find(f"{_A}{which}/{_A}latin") if fonts is not None else None
        return (el.get("typeface") or "").strip() if el is not None else ""

    return ThemeData(root.get("name", ""), scheme, latin("majorFont"), latin("minorFont"),
                     tuple(missing))


def clrmap(master_el: Any) -> dict[str, str]:
    """The master's colour map (``bg1`` → ``lt1`` or, in dark templates, ``dk1``…)."""
    out = dict(DEFAULT_CLRMAP)
    el = master_el.find(f"{_P}clrMap")
    if el is not None:
        out.update({k: v for k, v in el.attrib.items() if v in OFFICE_SCHEME})
    return out


def layout_clrmap(layout_el: Any, master_map: dict[str, str]) -> dict[str, str]:
    """A layout's colour map: the master's unless the layout overrides it."""
    el = layout_el.find(f"{_P}clrMapOvr/{_A}overrideClrMapping")
    if el is None:
        return master_map
    out = dict(master_map)
    out.update({k: v for k, v in el.attrib.items() if v in OFFICE_SCHEME})
    return out


@dataclass(frozen=True)
class Background:
    colour: str | None  # None: a picture or pattern whose colour is not known
    picture: bool


def background(part_el: Any, scheme: dict[str, str], cmap: dict[str, str]) -> Background | None:
    """The slide background a master or layout declares, or None when it declares none."""
    bg = part_el.find(f"{_P}cSld/{_P}bg")
    if bg is None:
        return None
    pr = bg.find(f"{_P}bgPr")
    if pr is not None:
        if pr.find(f"{_A}blipFill") is not None:
            return Background(None, True)
        grad = pr.find(f"{_A}gradFill")
        if grad is not None:
            stops = [colour_of(gs, scheme, cmap) for gs in grad.iter(f"{_A}gs")]
            known = [s for s in stops if s]
            return Background(_average(known) if known else None, False)
        return Background(colour_of(pr.find(f"{_A}solidFill"), scheme, cmap), False)
    ref = bg.find(f"{_P}bgRef")
    if ref is not None:
        return Background(colour_of(ref, scheme, cmap), False)
    return None


def _average(colours: list[str]) -> str:
    rgb = [_rgb(c) for c in colours]
    return _hex(*(sum(c[i] for c in rgb) / len(rgb) for i in range(3)))


# --- shapes ------------------------------------------------------------------------


@dataclass(frozen=True)
class ShapeData:
    """One top-level shape of a master or layout, in EMU."""

    tag: str  # sp, pic, cxnSp, grpSp, graphicFrame
    name: str
    ph_type: str | None  # None: not a placeholder
    ph_idx: int
    box: tuple[int, int, int, int] | None  # x, y, cx, cy (None: inherits its position)
    embed: str | None  # a picture's relationship id
    line_width: int  # EMU, for lines


def shapes(part_el: Any) -> Iterator[ShapeData]:
    """The top-level shapes of a master's or layout's shape tree."""
    tree = part_el.find(f"{_P}cSld/{_P}spTree")
    if tree is None:
        return
    for el in tree:
        tag = _local(el)
        if tag == "AlternateContent":  # mc:AlternateContent: take its fallback
            el = next(iter(el.iterfind(".//{*}Fallback/*")), None)
            if el is None:
                continue
            tag = _local(el)
        if tag not in ("sp", "pic", "cxnSp", "grpSp", "graphicFrame"):
            continue
        nv = next((c for c in el if _local(c).startswith("nv")), None)
        c_nv = nv.find(f"{_P}cNvPr") if nv is not None else None
        name = c_nv.get("name", "") if c_nv is not None else ""
        if c_nv is not None and c_nv.get("hidden") in ("1", "true"):
            continue
        ph = nv.find(f"{_P}nvPr/{_P}ph") if nv is not None else None
        ph_type = None
        idx = 0
        if ph is not None:
            ph_type = ph.get("type", "obj")
            try:
                idx = int(ph.get("idx", "0"))
            except ValueError:
                idx = 0
        embed = None
        if tag == "pic":
            blip = el.find(f"{_P}blipFill/{_A}blip")
            embed = blip.get(f"{_R}embed") if blip is not None else None
        ln = el.find(f"{_P}spPr/{_A}ln")
        try:
            lw = int(ln.get("w", "12700")) if ln is not None else 12700
        except ValueError:
            lw = 12700
        yield ShapeData(tag, name, ph_type, idx, _box(el, tag), embed, lw)


def _box(el: Any, tag: str) -> tuple[int, int, int, int] | None:
    if tag == "graphicFrame":
        xfrm = el.find(f"{_P}xfrm")
    elif tag == "grpSp":
        xfrm = el.find(f"{_P}grpSpPr/{_A}xfrm")
    else:
        xfrm = el.find(f"{_P}spPr/{_A}xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    if off is None or ext is None:
        return None
    try:
        x, y = int(off.get("x", "0")), int(off.get("y", "0"))
        cx, cy = int(ext.get("cx", "0")), int(ext.get("cy", "0"))
        rot = int(xfrm.get("rot", "0")) / 60000
    except ValueError:
        return None
    if rot % 180 and abs((rot % 180) - 90) < 45:  # turned on its side: its box turns too
        mx, my = x + cx / 2, y + cy / 2
        x, y, cx, cy = round(mx - cy / 2), round(my - cx / 2), cy, cx
    return x, y, cx, cy


def fill_colours(part_el: Any, scheme: dict[str, str], cmap: dict[str, str]
                 ) -> dict[str, float]:
    """The solid fill colours of a master's or layout's own shapes, by area in EMU².

    Shapes inside groups count too (their own extents; a group's scaling is ignored:
    only the order of the weights matters). Placeholders are left out: their fills
    are the slide's text boxes, not the design.
    """
    out: dict[str, float] = {}
    tree = part_el.find(f"{_P}cSld/{_P}spTree")
    if tree is None:
        return out
    for sp in tree.iter(f"{_P}sp"):
        if sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph") is not None:
            continue
        pr = sp.find(f"{_P}spPr")
        fill = pr.find(f"{_A}solidFill") if pr is not None else None
        ext = pr.find(f"{_A}xfrm/{_A}ext") if pr is not None else None
        if fill is None or ext is None:
            continue
        colour = colour_of(fill, scheme, cmap)
        try:
            area = float(int(ext.get("cx", "0")) * int(ext.get("cy", "0")))
        except ValueError:
            continue
        if colour and area > 0:
            out[colour] = out.get(colour, 0.0) + area
    return out


def slide_size(presentation_el: Any) -> tuple[int, int] | None:
    """``p:sldSz`` in EMU, read without python-pptx's range check (the caller words it)."""
    el = presentation_el.find(f"{_P}sldSz")
    if el is None:
        return None
    try:
        return int(el.get("cx", "")), int(el.get("cy", ""))
    except ValueError:
        return None


def hides_master_shapes(layout_el: Any) -> bool:
    """Whether a layout hides the master's shapes (``showMasterSp="0"``)."""
    return layout_el.get("showMasterSp") in ("0", "false")


def layout_type(layout_el: Any) -> str:
    """The layout's declared type (``title``, ``obj``, ``secHead``…; ``cust`` by default)."""
    return str(layout_el.get("type", "cust"))


def layout_name(layout_el: Any) -> str:
    csld = layout_el.find(f"{_P}cSld")
    return str(csld.get("name", "")) if csld is not None else ""
