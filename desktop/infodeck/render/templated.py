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
    and zero shape ids get fresh ones; connections to no site are dropped; line paths
    of zero width or height get a unit extent (their points lie on the zero edge).
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
            if not cxn.get("idx", "0").isdigit() or not cxn.get("id", "0").isdigit():
                cxn.getparent().remove(cxn)
    for path in root.iter(qn("a:path")):
        for side in ("w", "h"):
            if path.get(side) == "0":
                path.set(side, "1")


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
