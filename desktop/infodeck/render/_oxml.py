"""The DrawingML/PresentationML that python-pptx has no API for, in one place.

python-pptx covers shapes, text and charts, but not alt text, arrowheads, connector
glue that keeps our coordinates, bullets, run languages, chart-area fills or
animations. Everything here edits the XML of objects python-pptx created, always
inserting children in the order the schema requires: PowerPoint rejects (and
"repairs") a file whose children are out of order, even where LibreOffice does not.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

# Children of a:pPr that come after the bullet elements (CT_TextParagraphProperties).
_PPR_AFTER_BULLET = ("a:tabLst", "a:defRPr", "a:extLst")
_BULLET_TAGS = (
    "a:buClrTx",
    "a:buClr",
    "a:buSzTx",
    "a:buSzPct",
    "a:buSzPts",
    "a:buFontTx",
    "a:buFont",
    "a:buNone",
    "a:buAutoNum",
    "a:buChar",
    "a:buBlip",
)
# Children of a:ln that come after a:headEnd / a:tailEnd (CT_LineProperties).
_LN_AFTER_TAIL = ("a:extLst",)


def _element(obj: Any) -> Any:
    """The lxml element behind a python-pptx shape, slide, paragraph (``_p``) or run (``_r``)."""
    for attr in ("_element", "_p", "_r"):
        el = getattr(obj, attr, None)
        if el is not None:
            return el
    raise TypeError(f"no XML element behind {obj!r}")


def _c_nv_pr(shape: Any) -> Any:
    """The shape's ``p:cNvPr`` (non-visual properties: id, name, descr)."""
    found = _element(shape).xpath("./*[1]/p:cNvPr")
    if not found:
        raise ValueError(f"no p:cNvPr on {shape!r}")
    return found[0]


def _remove(parent: Any, *tags: str) -> None:
    for tag in tags:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


def _srgb(color: str) -> str:
    """``#RRGGBB`` → ``<a:srgbClr val="RRGGBB"/>``."""
    return f'<a:srgbClr {nsdecls("a")} val="{color.lstrip("#").upper()}"/>'


# ------------------------------------------------------------------ shapes


def remove_style(shape: Any) -> None:
    """Drop the shape's ``p:style`` theme references.

    python-pptx gives autoshapes and connectors a style that pulls in a theme
    colour line, fill, white text and, in the default theme, a drop shadow. We
    set every visible property explicitly, so the style could only leak effects.
    """
    _remove(_element(shape), "p:style")


def remove_placeholders(slide: Any) -> None:
    """Remove every placeholder the layout put on a new slide."""
    for ph in list(slide.placeholders):
        el = _element(ph)
        el.getparent().remove(el)


def set_alt_text(shape: Any, text: str) -> None:
    """Write ``descr`` (the alt text screen readers announce) on the shape."""
    if text:
        _c_nv_pr(shape).set("descr", text)


def set_arrowheads(shape: Any, *, at_start: bool, at_end: bool) -> None:
    """Triangle arrowheads on a line: ``a:headEnd`` sits at the start, ``a:tailEnd`` at the end.

    The shape's line must already have its fill (colour) and width set, so that
    ``a:ln`` exists and its fill precedes the ends as the schema wants.
    """
    ln = _element(shape).spPr.get_or_add_ln()
    _remove(ln, "a:headEnd", "a:tailEnd")
    for tag, on in (("a:headEnd", at_start), ("a:tailEnd", at_end)):
        if on:
            end = parse_xml(f'<{tag} {nsdecls("a")} type="triangle" w="lg" len="lg"/>')
            ln.insert_element_before(
                end, *(("a:tailEnd",) if tag == "a:headEnd" else ()), *_LN_AFTER_TAIL
            )


def glue_connector(
    connector: Any, *, begin: tuple[int, int] | None, end: tuple[int, int] | None
) -> None:
    """Record which shape sites a connector is glued to, without moving its end points.

    ``begin``/``end`` are ``(shape id, connection site index)``. python-pptx's
    ``begin_connect`` would also move the end point to where it computes the site;
    ours are already exactly on the sites, so only ``a:stCxn``/``a:endCxn`` are written.
    """
    c_nv = _element(connector).xpath("./p:nvCxnSpPr/p:cNvCxnSpPr")[0]
    _remove(c_nv, "a:stCxn", "a:endCxn")
    for tag, target in (("a:stCxn", begin), ("a:endCxn", end)):
        if target is not None:
            cxn = parse_xml(f'<{tag} {nsdecls("a")} id="{int(target[0])}" idx="{int(target[1])}"/>')
            c_nv.insert_element_before(
                cxn, *(("a:endCxn",) if tag == "a:stCxn" else ()), "a:extLst"
            )


_CAPS = {"butt": "flat", "round": "rnd", "square": "sq"}
_JOINS = {"round": "a:round", "bevel": "a:bevel", "miter": "a:miter"}
PATH_UNITS = 1000  # custGeom coordinates are integers: icon units × 1000


def _pt(x: float, y: float) -> str:
    return f'<a:pt x="{round(x * PATH_UNITS)}" y="{round(y * PATH_UNITS)}"/>'


def set_custom_geometry(
    shape: Any,
    width: float,
    height: float,
    paths: Iterable[tuple[Iterable[tuple[str, tuple[float, ...]]], bool]],
) -> None:
    """Replace the shape's preset geometry with a freeform (``a:custGeom``).

    ``paths`` are (commands, filled): absolute M/L/C/Z commands in units of a
    ``width`` × ``height`` box, which DrawingML scales into the shape's extents. A
    filled path is not stroked; a stroked one is not filled (``fill="none"``).
    """
    body = []
    w, h = round(width * PATH_UNITS), round(height * PATH_UNITS)
    for ops, filled in paths:
        attrs = 'stroke="0"' if filled else 'fill="none"'
        parts = []
        for op, a in ops:
            if op == "M":
                parts.append(f"<a:moveTo>{_pt(a[0], a[1])}</a:moveTo>")
            elif op == "L":
                parts.append(f"<a:lnTo>{_pt(a[0], a[1])}</a:lnTo>")
            elif op == "C":
                pts = _pt(a[0], a[1]) + _pt(a[2], a[3]) + _pt(a[4], a[5])
                parts.append(f"<a:cubicBezTo>{pts}</a:cubicBezTo>")
            elif op == "Z":
                parts.append("<a:close/>")
        body.append(f'<a:path w="{w}" h="{h}" {attrs}>{"".join(parts)}</a:path>')
    geom = parse_xml(
        f"<a:custGeom {nsdecls('a')}><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
        '<a:rect l="0" t="0" r="r" b="b"/>'
        f"<a:pathLst>{''.join(body)}</a:pathLst></a:custGeom>"
    )
    sp_pr = _element(shape).spPr
    old = sp_pr.find(qn("a:prstGeom"))
    if old is None:
        old = sp_pr.find(qn("a:custGeom"))
    if old is None:
        raise ValueError(f"no geometry on {shape!r}")
    old.addprevious(geom)
    sp_pr.remove(old)


def set_line_ends(shape: Any, *, cap: str, join: str) -> None:
    """Round, square or flat line caps and the join of the shape's outline.

    The line's fill and width must be set first, so that ``a:ln`` holds its fill
    before the join, as the schema orders them.
    """
    ln = _element(shape).spPr.get_or_add_ln()
    ln.set("cap", _CAPS[cap])
    _remove(ln, "a:round", "a:bevel", "a:miter")
    el = parse_xml(f"<{_JOINS[join]} {nsdecls('a')}/>")
    ln.insert_element_before(el, "a:headEnd", "a:tailEnd", "a:extLst")


@contextlib.contextmanager
def filling(group: Any) -> Iterator[Any]:
    """The group's shapes, to add to; its frame is fitted once, when they are added.

    python-pptx fits a group's frame to all its children after every shape added
    to it: quadratic in the size of a diagram's group (a third of writing a large
    deck). The result is the same, computed once.
    """
    shapes = group.shapes
    shapes._recalculate_extents = _nothing  # the instance's, not python-pptx's class
    try:
        yield shapes
    finally:
        del shapes._recalculate_extents
    fit_group(group)


def _nothing() -> None:
    pass


def fit_group(group: Any) -> None:
    """Make a group's frame (``off/ext`` = ``chOff/chExt``) cover all its children.

    python-pptx recalculates this as shapes are added; calling it once more after
    a group is filled guards against any child changed after it was added.
    """
    _element(group).recalculate_extents()


# -------------------------------------------------------------------- text


def set_run_props(run: Any, *, lang: str, superscript: bool, subscript: bool = False) -> None:
    """Set the run's language (spell checking, hyphenation) and sub/superscript baseline.

    The baseline is a percentage of the size (thousandths): PowerPoint's own values
    for its Superscript and Subscript buttons, which office suites also set smaller.
    """
    rpr = _element(run).get_or_add_rPr()
    if lang:
        rpr.set("lang", lang)
    if superscript:
        rpr.set("baseline", "30000")
    elif subscript:
        rpr.set("baseline", "-25000")


# Children of a:rPr after each script's font (CT_TextCharacterProperties).
_RPR_AFTER = {
    "a:ea": ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"),
    "a:cs": ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"),
    "a:sym": ("a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"),
}


def set_script_fonts(run: Any, fonts: dict[str, str]) -> None:
    """Name a run's (or a chart font's) fonts for other scripts: ``{"ea": …, "cs": …}``.

    PowerPoint draws each character with the font of its kind: ``a:latin`` (which
    python-pptx writes as the font name), ``a:ea`` East Asian, ``a:cs`` complex
    scripts (Arabic, Hebrew), ``a:sym`` symbols.
    """
    el = _element(run)  # a run, or a font (whose element is its rPr or defRPr)
    rpr = el.get_or_add_rPr() if hasattr(el, "get_or_add_rPr") else el
    for kind in ("ea", "cs", "sym"):
        tag = f"a:{kind}"
        _remove(rpr, tag)
        if kind in fonts:
            face = parse_xml(f"<{tag} {nsdecls('a')}/>")
            face.set("typeface", fonts[kind])  # set through lxml: escaped properly
            rpr.insert_element_before(face, *_RPR_AFTER[tag])


def set_rtl(paragraph: Any) -> None:
    """Mark a paragraph right to left: its runs go from the right, its bullet hangs there."""
    _element(paragraph).get_or_add_pPr().set("rtl", "1")


def add_line_break(paragraph: Any, like_run: Any) -> None:
    """Append an ``a:br`` that carries ``like_run``'s properties.

    A break without properties takes the default size (18 pt), which can make the
    broken line taller than the exact spacing we set in some applications.
    """
    br = _element(paragraph).add_br()  # inserted before any a:endParaRPr
    rpr = _element(like_run).rPr
    if rpr is not None:
        br.append(copy.deepcopy(rpr))


def set_end_para_props(paragraph: Any, *, size: float, lang: str) -> None:
    """Size the end-of-paragraph mark like the text, so empty paragraphs keep their height."""
    end = _element(paragraph).get_or_add_endParaRPr()
    end.set("sz", str(round(size * 100)))
    if lang:
        end.set("lang", lang)


def set_bullet(
    paragraph: Any, *, char: str, font: str | None, color: str | None, indent_emu: int
) -> None:
    """A character bullet hanging ``indent_emu`` left of the text (``marL`` = −``indent``)."""
    ppr = _element(paragraph).get_or_add_pPr()
    ppr.set("marL", str(indent_emu))
    ppr.set("indent", str(-indent_emu))
    _remove(ppr, *_BULLET_TAGS)
    parts: list[str] = []
    if color:
        parts.append(f"<a:buClr {nsdecls('a')}>{_srgb(color)}</a:buClr>")
    if font:
        parts.append(f"<a:buFont {nsdecls('a')}/>")
    parts.append(f"<a:buChar {nsdecls('a')}/>")
    for xml in parts:
        ppr.insert_element_before(parse_xml(xml), *_PPR_AFTER_BULLET)
    # Attribute values set through lxml are escaped properly (quotes, ampersands).
    if font:
        ppr.find(qn("a:buFont")).set("typeface", font)
    ppr.find(qn("a:buChar")).set("char", char)


def set_no_bullet(paragraph: Any, *, margin_emu: int) -> None:
    """An explicit ``a:buNone``, so no master or layout list style adds a bullet."""
    ppr = _element(paragraph).get_or_add_pPr()
    ppr.set("marL", str(margin_emu))
    ppr.set("indent", "0")
    _remove(ppr, *_BULLET_TAGS)
    ppr.insert_element_before(parse_xml(f"<a:buNone {nsdecls('a')}/>"), *_PPR_AFTER_BULLET)


# ------------------------------------------------------------------ charts


def clear_chart_background(chart: Any) -> None:
    """No fill and no border on the chart area and plot area (the slide shows through)."""
    space = chart._chartSpace
    plot_area = space.chart.plotArea
    none = f"<c:spPr {nsdecls('c', 'a')}><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
    for parent, successors in (
        (space, ("c:txPr", "c:externalData", "c:printSettings", "c:userShapes", "c:extLst")),
        (plot_area, ("c:extLst",)),
    ):
        _remove(parent, "c:spPr")
        parent.insert_element_before(parse_xml(none), *successors)


def value_axis_at_last_category(chart: Any) -> None:
    """Let the value axis cross the category axis at its last category.

    With the category axis reversed (first category on top) the value axis would
    otherwise move to the top of the plot; ``crosses="max"`` keeps it at the bottom.
    """
    val_ax = chart._chartSpace.chart.plotArea.valAx_lst[0]
    _remove(val_ax, "c:crosses", "c:crossesAt")
    val_ax.insert_element_before(
        parse_xml(f'<c:crosses {nsdecls("c")} val="max"/>'),
        "c:crossBetween",
        "c:majorUnit",
        "c:minorUnit",
        "c:dispUnits",
        "c:extLst",
    )


def add_literal_series(chart: Any, name: str, values: Sequence[float]) -> None:
    """A last series whose name and values live in the chart, not in its workbook.

    It draws like any series but is no column of the data sheet PowerPoint's "Edit data"
    opens (a stacked chart's label carrier would show there as an empty column).
    """
    plot = chart._chartSpace.chart.plotArea.find(qn("c:barChart"))
    sers = [] if plot is None else plot.findall(qn("c:ser"))
    if not sers:
        return
    ser = copy.deepcopy(sers[-1])
    n = len(list(chart._chartSpace.iter(qn("c:ser"))))  # idx and order run 0..n-1
    ser.find(qn("c:idx")).set("val", str(n))
    ser.find(qn("c:order")).set("val", str(n))
    tx = parse_xml(f'<c:tx {nsdecls("c")}><c:v/></c:tx>')
    tx[0].text = name
    ser.replace(ser.find(qn("c:tx")), tx)
    pts = "".join(f'<c:pt idx="{i}"><c:v>{v!r}</c:v></c:pt>' for i, v in enumerate(values))
    ser.replace(ser.find(qn("c:val")), parse_xml(
        f'<c:val {nsdecls("c")}><c:numLit><c:formatCode>General</c:formatCode>'
        f'<c:ptCount val="{len(values)}"/>{pts}</c:numLit></c:val>'
    ))
    sers[-1].addnext(ser)


def set_doughnut_hole(chart: Any, percent: int) -> None:
    """A doughnut's hole size (10-90 % of its diameter; python-pptx leaves the default)."""
    plot = chart._chartSpace.chart.plotArea.find(qn("c:doughnutChart"))
    if plot is None:
        return
    hole = plot.find(qn("c:holeSize"))
    if hole is None:
        hole = parse_xml(f'<c:holeSize {nsdecls("c")} val="{percent}"/>')
        first = plot.find(qn("c:firstSliceAng"))
        if first is not None:
            first.addnext(hole)
        else:
            plot.append(hole)
    else:
        hole.set("val", str(percent))


def set_data_label_number_format(label: Any, code: str) -> None:
    """A point's data label writes its value with ``code`` (python-pptx has no setter)."""
    dlbl = label._get_or_add_dLbl()
    _remove(dlbl, "c:numFmt")
    fmt = parse_xml(f'<c:numFmt {nsdecls("c")} sourceLinked="0"/>')
    fmt.set("formatCode", code)
    # Schema order: idx, layout?, tx?, numFmt?, spPr?, txPr?, dLblPos?, show...
    after = [dlbl.find(qn(t)) for t in ("c:tx", "c:layout", "c:idx")]
    next(e for e in after if e is not None).addnext(fmt)


def set_data_label_no_wrap(label: Any) -> None:
    """A point's value label on one line (its text properties' ``bodyPr wrap="none"``).

    python-pptx sets wrapping only on a label with its own text; a label that writes its
    value through a number format keeps its body properties in ``c:txPr``.
    """
    dlbl = label._get_or_add_dLbl()
    body = dlbl.get_or_add_txPr().find(qn("a:bodyPr"))
    body.set("wrap", "none")


def set_data_label_fill(label: Any, color: str) -> None:
    """A point's data label on a solid patch of ``color`` (python-pptx has no setter)."""
    dlbl = label._get_or_add_dLbl()
    sp = dlbl.get_or_add_spPr()
    _remove(sp, "a:noFill", "a:solidFill")
    hex_ = color.lstrip("#").upper()
    sp.insert(0, parse_xml(f'<a:solidFill {nsdecls("a")}><a:srgbClr val="{hex_}"/></a:solidFill>'))


# -------------------------------------------------------------- animations


def add_click_reveals(slide: Any, reveals: Iterable[tuple[int, int]]) -> None:
    """Make shapes appear on mouse clicks when presenting: ``(click number, shape id)``.

    Writes a ``p:timing`` main sequence with one click group per distinct click
    number (in ascending order); every shape of a group gets PowerPoint's "Appear"
    entrance effect (presetClass="entr", presetID="1"), the first on the click and
    the others with it. Shapes with a text body also get a ``p:bldP`` build entry,
    as PowerPoint writes it for shapes animated as one object.
    """
    by_click: dict[int, list[int]] = {}
    for click, spid in reveals:
        if click > 0:
            by_click.setdefault(click, []).append(spid)
    sld = _element(slide)
    _remove(sld, "p:timing")
    if not by_click:
        return
    ids = itertools.count(3)
    groups: list[str] = []
    for click in sorted(by_click):
        outer, inner = next(ids), next(ids)  # cTn ids in document order
        effects: list[str] = []
        for i, spid in enumerate(by_click[click]):
            node = "clickEffect" if i == 0 else "withEffect"
            effects.append(
                f'<p:par><p:cTn id="{next(ids)}" presetID="1" presetClass="entr"'
                f' presetSubtype="0" fill="hold" grpId="0" nodeType="{node}">'
                '<p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
                f'<p:set><p:cBhvr><p:cTn id="{next(ids)}" dur="1" fill="hold">'
                '<p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn>'
                f'<p:tgtEl><p:spTgt spid="{int(spid)}"/></p:tgtEl>'
                "<p:attrNameLst><p:attrName>style.visibility</p:attrName></p:attrNameLst>"
                '</p:cBhvr><p:to><p:strVal val="visible"/></p:to></p:set>'
                "</p:childTnLst></p:cTn></p:par>"
            )
        groups.append(
            f'<p:par><p:cTn id="{outer}" fill="hold">'
            '<p:stCondLst><p:cond delay="indefinite"/></p:stCondLst><p:childTnLst>'
            f'<p:par><p:cTn id="{inner}" fill="hold">'
            '<p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
            + "".join(effects)
            + "</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
        )
    text_shapes = {int(v) for v in sld.xpath(".//p:sp[p:txBody]/p:nvSpPr/p:cNvPr/@id")}
    builds = "".join(
        f'<p:bldP spid="{spid}" grpId="0" animBg="1"/>'
        for spid in dict.fromkeys(s for c in sorted(by_click) for s in by_click[c])
        if spid in text_shapes
    )
    timing = parse_xml(
        f"<p:timing {nsdecls('p')}><p:tnLst><p:par>"
        '<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>'
        '<p:seq concurrent="1" nextAc="seek">'
        '<p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>'
        + "".join(groups)
        + "</p:childTnLst></p:cTn>"
        '<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl>'
        "</p:cond></p:prevCondLst>"
        '<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl>'
        "</p:cond></p:nextCondLst>"
        "</p:seq></p:childTnLst></p:cTn></p:par></p:tnLst>"
        + (f"<p:bldLst>{builds}</p:bldLst>" if builds else "")
        + "</p:timing>"
    )
    ext = sld.find(qn("p:extLst"))
    if ext is not None:
        ext.addprevious(timing)
    else:
        sld.append(timing)


# ----------------------------------------------------------------- package

# The first axis id we write; python-pptx's chart template uses negative ones, which
# the schema (xsd:unsignedInt) rejects. Office caps ids at 2**31 - 1.
_FIRST_AXIS_ID = 50_000_001


def positive_axis_ids(chart: Any) -> None:
    """Renumber a chart's axes with positive ids, keeping which axis crosses which."""
    plot_area = chart._chartSpace.chart.plotArea
    ids: dict[str, str] = {}
    for el in plot_area.iter(qn("c:axId"), qn("c:crossAx")):
        old = el.get("val")
        if old not in ids:
            ids[old] = str(_FIRST_AXIS_ID + len(ids))
        el.set("val", ids[old])


# Slide sizes with a name of their own in ``p:sldSz/@type`` (EMU); any other is custom.
_SLIDE_SIZE_TYPES = {
    (9144000, 6858000): "screen4x3",
    (9144000, 5143500): "screen16x9",
    (9144000, 5715000): "screen16x10",
}


def set_slide_size_type(presentation: Any) -> None:
    """Name the slide size truthfully (``p:sldSz/@type``).

    The template's "screen4x3" on a 16:9 deck misleads Keynote; sizes without a
    name are ``custom`` (the attribute left out).
    """
    sld_sz = _element(presentation).find(qn("p:sldSz"))
    if sld_sz is None:
        return
    kind = _SLIDE_SIZE_TYPES.get((int(sld_sz.get("cx")), int(sld_sz.get("cy"))))
    if kind:
        sld_sz.set("type", kind)
    elif "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]


def list_notes_master(presentation: Any, r_id: str) -> None:
    """Reference the notes master from ``p:notesMasterIdLst`` (ECMA-376 §13.3.4).

    python-pptx relates the notes master to the presentation but never lists it;
    Keynote refuses such a deck.
    """
    pres = _element(presentation)
    _remove(pres, "p:notesMasterIdLst")
    lst = parse_xml(
        f'<p:notesMasterIdLst {nsdecls("p", "r")}><p:notesMasterId r:id="{r_id}"/>'
        "</p:notesMasterIdLst>"
    )
    pres.insert_element_before(
        lst,
        "p:handoutMasterIdLst",
        "p:sldIdLst",
        "p:sldSz",
        "p:notesSz",
        "p:smartTags",
        "p:embeddedFontLst",
        "p:custShowLst",
        "p:photoAlbum",
        "p:custDataLst",
        "p:kinsoku",
        "p:defaultTextStyle",
        "p:modifyVerifier",
        "p:extLst",
    )


def app_properties_xml(
    *, slides: int, notes: int, words: int, paragraphs: int, titles: list[str], theme: str
) -> bytes:
    """``docProps/app.xml`` that tells the truth about the deck (file browsers show it)."""
    from xml.sax.saxutils import escape

    parts = [theme, *titles]
    lpstrs = "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in parts)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Words>{words}</Words><Application>Infodeck</Application>"
        f"<PresentationFormat>Custom</PresentationFormat><Paragraphs>{paragraphs}</Paragraphs>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="4" baseType="variant">'
        "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>"
        "</vt:variant><vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(parts)}" baseType="lpstr">{lpstrs}'
        "</vt:vector></TitlesOfParts>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion>"
        "</Properties>"
    ).encode()


# ------------------------------------------------------ master and layouts


def move_to_end(shape: Any) -> None:
    """Put the shape last in its slide's shape tree (last read, drawn on top).

    A slide's placeholders are created first; each is moved when its turn in the
    reading order comes, so the tree's order is the scene's.
    """
    el = _element(shape)
    tree = el.getparent()
    tree.remove(el)
    tree.insert_element_before(el, "p:extLst")


def remove_shape(shape: Any) -> None:
    """Remove a shape (an unused placeholder) from its slide."""
    el = _element(shape)
    el.getparent().remove(el)


def has_xfrm(shape: Any) -> bool:
    """Whether a placeholder states its own position (else it inherits its master's)."""
    return _element(shape).spPr.find(qn("a:xfrm")) is not None


def set_xfrm(shape: Any, x: int, y: int, cx: int, cy: int) -> None:
    """Give a master's or layout's placeholder an explicit position and size (EMU)."""
    sp_pr = _element(shape).spPr
    _remove(sp_pr, "a:xfrm")
    xfrm = parse_xml(
        f'<a:xfrm {nsdecls("a")}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    )
    sp_pr.insert(0, xfrm)


def set_master_name(master: Any, name: str) -> None:
    """Name the slide master (``p:cSld/@name``), as PowerPoint's Slide Master view shows."""
    _element(master).find(qn("p:cSld")).set("name", name)


def set_master_background(master: Any, color: str) -> None:
    """A solid background on the master, so new slides a teacher adds match the deck."""
    c_sld = _element(master).find(qn("p:cSld"))
    _remove(c_sld, "p:bg")
    bg = parse_xml(
        f"<p:bg {nsdecls('p', 'a')}><p:bgPr><a:solidFill>{_srgb(color)}</a:solidFill>"
        "<a:effectLst/></p:bgPr></p:bg>"
    )
    c_sld.insert(0, bg)


def set_master_text_style(
    master: Any, which: str, *, family: str, size: float, color: str, bold: bool
) -> None:
    """The first level of the master's title or body style (``which``: "title", "body").

    Slides carry their own formatting; this is what text a teacher types into a new
    slide's placeholder looks like: the deck's font, size and colour, left-aligned.
    """
    style = _element(master).find(qn("p:txStyles")).find(qn(f"p:{which}Style"))
    lvl = style.find(qn("a:lvl1pPr"))
    lvl.set("algn", "l")
    d = lvl.find(qn("a:defRPr"))
    d.set("sz", str(round(size * 100)))
    d.set("b", "1" if bold else "0")
    _remove(d, "a:solidFill", "a:latin")
    d.insert(0, parse_xml(f"<a:solidFill {nsdecls('a')}>{_srgb(color)}</a:solidFill>"))
    latin = parse_xml(f"<a:latin {nsdecls('a')}/>")
    latin.set("typeface", family)
    d.insert_element_before(latin, "a:ea", "a:cs", "a:sym", "a:hlinkClick", "a:extLst")
