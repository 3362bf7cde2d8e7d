"""Decks built on a school's template: its package opened, emptied and put right.

The deck keeps the template's masters, layouts and theme; its sample slides go
(slide list, relationships, custom shows and sections, so nothing is left pointing
at them and their parts are not written). Each slide sits on the layout that
``infodeck.template`` chose for its kind by placeholder types. Templates saved by
other suites carry small schema faults in their masters and layouts (LibreOffice
writes bullet sizes as plain numbers, duplicate or zero shape ids, connections to
site -1, zero-height line paths); they are repaired here so the deck validates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn

# Roles a slide's boxes fill → the slide kind whose layout offers those placeholders.
SECTION_LIST_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # p14:sectionLst's extension
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


@dataclass(frozen=True)
class DeckTemplate:
    """What the deck writer needs of a template (picklable for the writer processes).

    ``package``: the checked file's bytes, opened as a presentation; ``layouts``: slide
    kind (``title``, ``content``, ``title_only``, ``section``) → (master index, layout
    index) as ``infodeck.template`` chose them.
    """

    package: bytes = field(repr=False)
    layouts: dict[str, tuple[int, int]]
    name: str = ""


def open_template(template: DeckTemplate) -> Any:
    """The template as an empty presentation: no sample slides, masters repaired."""
    prs = Presentation(BytesIO(template.package))
    drop_slides(prs)
    for master in prs.slide_masters:
        repair(master.element)
        for layout in master.slide_layouts:
            repair(layout.element)
    return prs


def drop_slides(prs: Any) -> None:
    """Remove every slide the template came with, and everything that names them."""
    pres = prs.element  # p:presentation
    id_list = pres.find(qn("p:sldIdLst"))
    if id_list is not None:
        for sld_id in list(id_list):
            r_id = sld_id.get(qn("r:id"))
            id_list.remove(sld_id)
            if r_id:
                prs.part.drop_rel(r_id)
    # Custom shows and sections list slides by id: with the slides gone they would
    # point at nothing (PowerPoint then repairs the file).
    for lst in pres.findall(qn("p:custShowLst")):
        pres.remove(lst)
    ext_list = pres.find(qn("p:extLst"))
    if ext_list is not None:
        for ext in list(ext_list):
            if ext.get("uri") == SECTION_LIST_URI:
                ext_list.remove(ext)
        if not len(ext_list):
            pres.remove(ext_list)


_PERCENT = re.compile(r"^-?\d+$")


def repair(root: Any) -> None:
    """Put right, in a master or layout, what other suites write against the schema.

    Bullet sizes as thousandths (``45000``) become percentages (``45%``); duplicate
    and zero shape ids get fresh ones; connectors lose their glue (a master's art is
    not rerouted, and glue to the wrong site makes PowerPoint move it); line paths of
    zero width or height get a unit extent (their points lie on the zero edge);
    freeforms whose points leave their path box, and groups whose children leave
    theirs, get boxes that hold them, drawn exactly where they were.
    """
    for el in root.iter(qn("a:buSzPct")):
        val = el.get("val", "")
        if _PERCENT.match(val):
            pct = min(400, max(25, round(int(val) / 1000)))
            el.set("val", f"{pct}%")
    seen: set[int] = set()
    fix: list[Any] = []
    for cnv in root.iter(qn("p:cNvPr")):
        try:
            sid = int(cnv.get("id", "0"))
        except ValueError:
            sid = 0
        if sid <= 0 or sid in seen:
            fix.append(cnv)
        else:
            seen.add(sid)
    top = max(seen, default=0)
    for cnv in fix:
        top += 1
        cnv.set("id", str(top))
    for tag in ("a:stCxn", "a:endCxn"):
        for cxn in list(root.iter(qn(tag))):
            cxn.getparent().remove(cxn)
    for path in root.iter(qn("a:path")):
        for side in ("w", "h"):
            if path.get(side) == "0":
                path.set(side, "1")
    for geom in root.iter(qn("a:custGeom")):
        _hold_points(geom)
    for grp in reversed(list(root.iter(qn("p:grpSp")))):  # inner groups first
        _hold_children(grp)


def _ints(*values: str | None) -> list[int] | None:
    try:
        return [int(v) for v in values]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _xfrm_of(shape: Any) -> Any | None:
    """A shape's (group's, frame's) ``a:xfrm``, if it states one."""
    for path in ("p:spPr/a:xfrm", "p:grpSpPr/a:xfrm", "p:xfrm"):
        got = shape.find("/".join(qn(t) for t in path.split("/")))
        if got is not None:
            return got
    return None


def _hold_points(geom: Any) -> None:
    """Grow a freeform's frame to hold points past its path box, keeping the drawing.

    Every path is remapped into the larger box and the shape's frame grows by the
    same share, so each point lands where it was drawn (a rotated or flipped shape's
    new centre is turned as the shape is). Paths using guides are left as they are.
    """
    shape = geom.getparent().getparent()
    xfrm = _xfrm_of(shape)
    if xfrm is None:
        return
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return
    box = _ints(off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy"))
    paths = geom.findall(f"{qn('a:pathLst')}/{qn('a:path')}")
    lo_x = lo_y = 0.0
    hi_x = hi_y = 1.0
    for path in paths:
        size = _ints(path.get("w"), path.get("h"))
        if size is None or not all(size):
            return
        for pt in path.iter(qn("a:pt")):
            xy = _ints(pt.get("x"), pt.get("y"))
            if xy is None:
                return
            lo_x, hi_x = min(lo_x, xy[0] / size[0]), max(hi_x, xy[0] / size[0])
            lo_y, hi_y = min(lo_y, xy[1] / size[1]), max(hi_y, xy[1] / size[1])
    if box is None or (lo_x, lo_y, hi_x, hi_y) == (0.0, 0.0, 1.0, 1.0):
        return
    for path in paths:
        w, h = int(path.get("w")), int(path.get("h"))
        for pt in path.iter(qn("a:pt")):
            x, y = int(pt.get("x")), int(pt.get("y"))
            pt.set("x", str(round((x / w - lo_x) / (hi_x - lo_x) * w)))
            pt.set("y", str(round((y / h - lo_y) / (hi_y - lo_y) * h)))
    x, y, cx, cy = box
    new_cx, new_cy = (hi_x - lo_x) * cx, (hi_y - lo_y) * cy
    # The new box's centre, from the old one, in the shape's own (unturned) frame…
    dx, dy = ((lo_x + hi_x) / 2 - 0.5) * cx, ((lo_y + hi_y) / 2 - 0.5) * cy
    if xfrm.get("flipH") in ("1", "true"):
        dx = -dx
    if xfrm.get("flipV") in ("1", "true"):
        dy = -dy
    # …turned as the shape is drawn: it turns about its centre.
    turn = math.radians(int(xfrm.get("rot", "0") or 0) / 60000)
    dx, dy = dx * math.cos(turn) - dy * math.sin(turn), dx * math.sin(turn) + dy * math.cos(turn)
    off.set("x", str(round(x + cx / 2 + dx - new_cx / 2)))
    off.set("y", str(round(y + cy / 2 + dy - new_cy / 2)))
    ext.set("cx", str(round(new_cx)))
    ext.set("cy", str(round(new_cy)))


def _hold_children(grp: Any) -> None:
    """Make a group's child box the bounding box of its children, drawn where it was."""
    xfrm = _xfrm_of(grp)
    if xfrm is None or xfrm.get("rot") not in (None, "0"):
        return
    parts = [xfrm.find(qn(f"a:{t}")) for t in ("off", "ext", "chOff", "chExt")]
    if any(p is None for p in parts):
        return
    off, ext, ch_off, ch_ext = parts
    nums = _ints(off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy"), ch_off.get("x"),
                 ch_off.get("y"), ch_ext.get("cx"), ch_ext.get("cy"))
    if nums is None or not nums[6] or not nums[7]:
        return
    x, y, cx, cy, cox, coy, ccx, ccy = nums
    boxes = []
    for child in grp:
        if child is xfrm or child.tag == qn("p:grpSpPr") or child.tag == qn("p:nvGrpSpPr"):
            continue
        cxf = _xfrm_of(child)
        if cxf is None:
            continue
        o, e = cxf.find(qn("a:off")), cxf.find(qn("a:ext"))
        got = _ints(o.get("x"), o.get("y"), e.get("cx"), e.get("cy")) if o is not None \
            and e is not None else None
        if got is not None:
            boxes.append(got)
    if not boxes:
        return
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    if (x0, y0, x1 - x0, y1 - y0) == (cox, coy, ccx, ccy):
        return
    sx, sy = cx / ccx, cy / ccy
    off.set("x", str(round(x + (x0 - cox) * sx)))
    off.set("y", str(round(y + (y0 - coy) * sy)))
    ext.set("cx", str(x1 - x0 if cx == ccx else round((x1 - x0) * sx)))
    ext.set("cy", str(y1 - y0 if cy == ccy else round((y1 - y0) * sy)))
    ch_off.set("x", str(x0))
    ch_off.set("y", str(y0))
    ch_ext.set("cx", str(x1 - x0))
    ch_ext.set("cy", str(y1 - y0))


def kind_of(roles: frozenset[str]) -> str:
    """The slide kind whose layout fits a slide with these placeholder roles."""
    if "subtitle" in roles:
        return "title"
    if "body" in roles:
        return "content"
    return "title_only"


def layout_of(prs: Any, template: DeckTemplate, roles: frozenset[str]) -> Any | None:
    """The template's layout for a slide with ``roles`` (None: the template has none listed)."""
    kind = kind_of(roles)
    order = {"title": ("title", "section", "content", "title_only"),
             "content": ("content", "title_only", "section", "title"),
             "title_only": ("title_only", "content", "section", "title")}[kind]
    masters = list(prs.slide_masters)
    for k in order:
        if k in template.layouts:
            mi, li = template.layouts[k]
            if 0 <= mi < len(masters):
                layouts = list(masters[mi].slide_layouts)
                if 0 <= li < len(layouts):
                    return layouts[li]
    return None


def inherit_text_colour(shape: Any) -> None:
    """Let a title's (subtitle's) runs take the colour the template's layout gives them.

    The template's designer chose it for the layout's own background (a light title
    on a dark title slide); sizes and fonts stay, as the composer measured them.
    """
    body = shape.element.find(qn("p:txBody"))
    if body is None:
        return
    for tag in ("a:rPr", "a:endParaRPr"):
        for rpr in body.iter(qn(tag)):
            for fill in rpr.findall(qn("a:solidFill")):
                rpr.remove(fill)
