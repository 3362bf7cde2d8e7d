"""The PowerPoint backend: a hand-built Document → .pptx, reopened and inspected."""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Pt

from infodeck.render import Cancelled
from infodeck.render.pptx import clean, label_format, write_pptx
from infodeck.scene.elements import (
    Box,
    Chart,
    ChartSeries,
    Connector,
    Document,
    Font,
    Group,
    Page,
    Paragraph,
    Picture,
    Run,
    TextFrame,
)
from infodeck.scene.text import layout_frame

from conftest import ROOT, picture_data

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
FONT_FILE = str(ROOT / "assets" / "fonts" / "Carlito-Regular.ttf")
INK, ACCENT = "#1F2933", "#2F6FEB"
W, H = 960.0, 540.0


def font(size: float, bold: bool = False, italic: bool = False) -> Font:
    return Font("Calibri", FONT_FILE, size, bold, italic)


def text_box(
    id_: str, x: float, y: float, w: float, h: float, *pars: Paragraph, **kw: object
) -> Box:
    frame = layout_frame(TextFrame(tuple(pars), inset_l=4, inset_t=2, inset_r=4, inset_b=2), w)
    return Box(id_, x, y, w, h, text=frame, **kw)


def make_doc(tmp: Path) -> Document:
    png = tmp / "pic.png"
    Image.new("RGB", (400, 200), "#88C0D0").save(png)
    body = text_box(
        "body",
        40,
        100,
        420,
        300,
        Paragraph(
            (
                Run("Intro ", font(20), INK),
                Run("bold", font(20, bold=True), INK),
                Run("1", font(20), ACCENT, superscript=True),
            )
        ),
        Paragraph(
            (Run("First point", font(18), INK),),
            bullet="•",
            bullet_color=ACCENT,
            indent=20,
            space_before=6,
        ),
        Paragraph(
            (Run("Bad\x0bchar\x00s\ufffe and\nbreak", font(18, italic=True), INK),),
            align="center",
            line_spacing=1.2,
        ),
        name="Body",
        alt="Body text",
    )
    a = text_box(
        "a",
        520,
        120,
        160,
        60,
        Paragraph((Run("Gut", font(18), "#FFFFFF"),)),
        geometry="roundrect",
        fill=ACCENT,
        corner=0.2,
        reveal=1,
        name="Box: Gut",
    )
    b = text_box(
        "b",
        760,
        120,
        160,
        60,
        Paragraph((Run("Brain", font(18), INK),)),
        geometry="rect",
        fill="#E8EEF9",
        line=ACCENT,
        line_width=1.5,
        reveal=2,
    )
    e = text_box(
        "e",
        640,
        260,
        160,
        80,
        Paragraph((Run("Vagus", font(18), INK),)),
        geometry="ellipse",
        fill="#FFF3C4",
        reveal=3,
    )
    # Connectors come before the boxes they glue to: glue must not depend on order.
    ab = Connector(
        "ab",
        680,
        150,
        760,
        150,
        INK,
        2.0,
        start=("a", 3),
        end=("b", 1),
        reveal=2,
        name="Arrow: gut to brain",
    )
    be = Connector(
        "be",
        840,
        180,
        640,
        300,
        INK,
        1.5,
        head="none",
        tail="arrow",
        start=("b", 2),
        end=("e", 1),
        reveal=3,
    )
    diagram = Group("g", (ab, be, a, b, e), name="Diagram: axis", alt="Gut, brain and vagus")
    pic = Picture("pic", 520, 360, 300, 100, picture_data(png), "A blue rectangle", name="Photo")
    empty = Box("empty", 40, 440, 100, 40, geometry="rect", fill="#EEEEEE", text=TextFrame(()))
    page1 = Page(
        W,
        H,
        "#FBFAF7",
        (body, diagram, pic, empty),
        title="Intro",
        notes="Say hello.\r\nThen explain.",
    )

    stacked = Chart(
        "chart2",
        60,
        100,
        840,
        380,
        ("Migraine [1]", "Nausea [2]", "Fatigue †"),
        (
            ChartSeries("value", (36.0, 80.0, 12.0), "#2F6FEB"),
            ChartSeries("range", (0.0, 15.0, 0.0), "#A9C4F5"),
        ),
        '0"%"',
        100.0,
        font(14),
        INK,
        "#D6D6D6",
        labels=("36%", "80–95%", "12%"),
        name="Chart: symptoms",
        alt="Bar chart of symptoms",
    )
    page2 = Page(
        W,
        H,
        "#FFFFFF",
        (Group("g2", (stacked,), name="Diagram: chart", alt="How common symptoms are"),),
        notes="Chart notes",
    )
    single = Chart(
        "chart1",
        60,
        100,
        840,
        380,
        ("A", "B"),
        (ChartSeries("value", (1.5, 3.25), "#2E7D32"),),
        "0.0",
        5.0,
        font(12),
        INK,
        "#CCCCCC",
        labels=("1.5", "3.3"),
        name="Chart: one",
    )
    page3 = Page(W, H, "#FFFFFF", (single,), notes="")
    return Document(
        (page1, page2, page3),
        "Gut & migraines",
        subject="Health",
        author="A Teacher",
        language="en-GB",
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    tmp = tmp_path_factory.mktemp("deck")
    doc = make_doc(tmp)
    path = tmp / "deck.pptx"
    write_pptx(doc, path)
    return doc, path


@pytest.fixture(scope="module")
def prs(written: tuple[Document, Path]):
    return Presentation(str(written[1]))


def shapes_by_name(shapes) -> dict[str, object]:
    out = {}
    for s in shapes:
        out[s.name] = s
        if s.shape_type == MSO_SHAPE_TYPE.GROUP:
            out.update(shapes_by_name(s.shapes))
    return out


def with_text(shapes, text: str):
    return next(s for s in all_shapes(shapes) if s.has_text_frame and s.text_frame.text == text)


def all_shapes(shapes) -> list:
    out = []
    for s in shapes:
        out.append(s)
        if s.shape_type == MSO_SHAPE_TYPE.GROUP:
            out.extend(all_shapes(s.shapes))
    return out


# ------------------------------------------------------------------ slides


def test_slide_count_size_and_background(prs) -> None:
    assert len(prs.slides) == 3
    assert prs.slide_width == Emu(int(W * 12700)) and prs.slide_height == Emu(int(H * 12700))
    s1 = prs.slides[0]
    assert str(s1.background.fill.fore_color.rgb) == "FBFAF7"
    assert not list(s1.placeholders)


def test_no_theme_style_leaks(written) -> None:
    """Autoshapes and connectors lose python-pptx's p:style (theme line, shadow, white text)."""
    prs = Presentation(str(written[1]))
    for slide in prs.slides:
        assert not slide.shapes._spTree.xpath(".//p:style")


def test_text_runs_and_fonts(prs) -> None:
    body = shapes_by_name(prs.slides[0].shapes)["Body"]
    tf = body.text_frame
    assert tf.word_wrap is True
    assert tf.margin_left == Pt(4) and tf.margin_top == Pt(2)
    p0, p1, p2 = tf.paragraphs
    assert [r.text for r in p0.runs] == ["Intro ", "bold", "1"]
    r = p0.runs[1]
    assert r.font.name == "Calibri" and r.font.size == Pt(20) and r.font.bold is True
    assert str(p0.runs[0].font.color.rgb) == "1F2933"
    assert p0.runs[2]._r.rPr.get("baseline") == "30000"
    assert p0.line_spacing == Pt(20 * 1.15)
    assert p1.space_before == Pt(6) and p1.space_after == Pt(0)
    for p in tf.paragraphs:
        for run in p.runs:
            assert run._r.rPr.get("lang") == "en-GB"
    # Control characters are dropped, a newline becomes a line break (a:br).
    assert [r.text for r in p2.runs] == ["Badchars and", "break"]
    assert len(p2._p.findall("a:br", NS)) == 1
    assert p2.runs[1].font.italic is True
    # Shrink on overflow: where a wider font replaces Calibri, text shrinks, never spills.
    assert body._element.xpath("./p:txBody/a:bodyPr/a:normAutofit")


def test_bullets(prs) -> None:
    tf = shapes_by_name(prs.slides[0].shapes)["Body"].text_frame
    ppr = tf.paragraphs[1]._p.pPr
    assert ppr.get("marL") == str(20 * 12700) and ppr.get("indent") == str(-20 * 12700)
    assert ppr.find("a:buChar", NS).get("char") == "•"
    assert ppr.find("a:buFont", NS).get("typeface") == "Calibri"
    assert ppr.find("a:buClr/a:srgbClr", NS).get("val") == "2F6FEB"
    # The schema order: lnSpc, spcBef, spcAft, buClr, buFont, buChar.
    tags = [etree.QName(c).localname for c in ppr]
    assert tags == ["lnSpc", "spcBef", "spcAft", "buClr", "buFont", "buChar"]
    for i in (0, 2):
        assert tf.paragraphs[i]._p.pPr.find("a:buNone", NS) is not None


def test_shapes_fill_line_and_geometry(prs) -> None:
    shapes = shapes_by_name(prs.slides[0].shapes)
    gut = shapes["Box: Gut"]
    assert gut.auto_shape_type.name == "ROUNDED_RECTANGLE"
    assert gut.adjustments[0] == pytest.approx(0.2)
    assert str(gut.fill.fore_color.rgb) == "2F6FEB"
    assert gut._element.spPr.find("a:ln/a:noFill", NS) is not None
    brain = with_text(prs.slides[0].shapes, "Brain")
    assert str(brain.line.color.rgb) == "2F6FEB" and brain.line.width == Pt(1.5)
    assert brain.left == Pt(760) and brain.width == Pt(160)


def test_empty_text_frame_keeps_a_paragraph(prs) -> None:
    rect = [s for s in prs.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert rect and all(len(s.text_frame.paragraphs) == 1 for s in rect)


def test_connectors_glued_with_arrows(prs) -> None:
    shapes = shapes_by_name(prs.slides[0].shapes)
    gut, conn = shapes["Box: Gut"], shapes["Arrow: gut to brain"]
    brain = with_text(prs.slides[0].shapes, "Brain")
    vagus = with_text(prs.slides[0].shapes, "Vagus")
    el = conn._element
    st_ = el.find(".//a:stCxn", NS)
    end = el.find(".//a:endCxn", NS)
    assert (st_.get("id"), st_.get("idx")) == (str(gut.shape_id), "3")
    assert (end.get("id"), end.get("idx")) == (str(brain.shape_id), "1")
    # Coordinates are the scene's, not recomputed by python-pptx.
    assert (conn.begin_x, conn.begin_y) == (Pt(680), Pt(150))
    assert (conn.end_x, conn.end_y) == (Pt(760), Pt(150))
    ln = el.spPr.find("a:ln", NS)
    assert ln.find("a:tailEnd", NS).get("type") == "triangle"  # scene head → end point
    assert ln.find("a:headEnd", NS) is None
    assert ln.get("w") == str(Pt(2))
    # The second connector: arrow at its start only, glued to an ellipse's left site,
    # which is site 2 of the ellipse's eight.
    lines = [s for s in all_shapes(prs.slides[0].shapes) if s.shape_type == MSO_SHAPE_TYPE.LINE]
    assert len(lines) == 2
    other = next(s for s in lines if s.name != "Arrow: gut to brain")
    ln2 = other._element.spPr.find("a:ln", NS)
    assert ln2.find("a:headEnd", NS).get("type") == "triangle"
    assert ln2.find("a:tailEnd", NS) is None
    st2, end2 = other._element.find(".//a:stCxn", NS), other._element.find(".//a:endCxn", NS)
    assert (st2.get("id"), st2.get("idx")) == (str(brain.shape_id), "2")
    assert (end2.get("id"), end2.get("idx")) == (str(vagus.shape_id), "2")
    assert (other.begin_x, other.begin_y, other.end_x, other.end_y) == (
        Pt(840),
        Pt(180),
        Pt(640),
        Pt(300),
    )


def test_revealed_diagram_is_top_level_in_order(prs) -> None:
    """A diagram revealed step by step is written as top-level shapes, in its order."""
    top = list(prs.slides[0].shapes)
    assert not any(s.shape_type == MSO_SHAPE_TYPE.GROUP for s in top)
    names = [s.name for s in top]
    assert names.index("Arrow: gut to brain") < names.index("Box: Gut")
    body = shapes_by_name(prs.slides[0].shapes)["Body"]
    assert body._element.nvSpPr.cNvPr.get("descr") == "Body text"


def test_group_alt_and_extents(prs) -> None:
    group = next(s for s in prs.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
    assert group.name == "Diagram: chart"
    assert group._element.nvGrpSpPr.cNvPr.get("descr") == "How common symptoms are"
    assert len(group.shapes) == 1
    xfrm = group._element.grpSpPr.find("a:xfrm", NS)
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    ch_off, ch_ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
    assert (off.get("x"), off.get("y")) == (ch_off.get("x"), ch_off.get("y"))
    assert (ext.get("cx"), ext.get("cy")) == (ch_ext.get("cx"), ch_ext.get("cy"))
    x0, y0 = int(off.get("x")), int(off.get("y"))
    x1, y1 = x0 + int(ext.get("cx")), y0 + int(ext.get("cy"))
    assert (x0, y0, x1, y1) == (Pt(60), Pt(100), Pt(900), Pt(480))


def test_picture_fits_keeping_aspect(prs) -> None:
    pic = shapes_by_name(prs.slides[0].shapes)["Photo"]
    assert pic.shape_type == MSO_SHAPE_TYPE.PICTURE
    assert pic._element.nvPicPr.cNvPr.get("descr") == "A blue rectangle"
    # 400×200 into 300×100: 200×100, centred horizontally.
    assert (pic.width, pic.height) == (Pt(200), Pt(100))
    assert (pic.left, pic.top) == (Pt(570), Pt(360))


def test_stacked_chart(prs) -> None:
    group = prs.slides[1].shapes[0]
    assert group.shape_type == MSO_SHAPE_TYPE.GROUP
    assert group._element.nvGrpSpPr.cNvPr.get("descr") == "How common symptoms are"
    frame = group.shapes[0]
    assert frame.has_chart and frame.name == "Chart: symptoms"
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == "Bar chart of symptoms"
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    plot = chart.plots[0]
    assert list(plot.categories) == ["Migraine [1]", "Nausea [2]", "Fatigue †"]
    # The value, the rest of its range, and an empty series carrying the labels at the
    # stack's end (so no label covers a range's light part).
    assert [tuple(s.values) for s in plot.series] == [
        (36.0, 80.0, 12.0), (0.0, 15.0, 0.0), (0.0, 0.0, 0.0)]
    assert plot.gap_width == 60 and plot.overlap == 100
    assert [str(s.format.fill.fore_color.rgb) for s in list(plot.series)[:2]] == ["2F6FEB", "A9C4F5"]
    assert chart.has_legend is False
    assert chart.category_axis.reverse_order is True
    val = chart.value_axis
    assert (val.minimum_scale, val.maximum_scale) == (0.0, 100.0)
    assert val.tick_labels.number_format == '0"%"'
    assert str(val.major_gridlines.format.line.color.rgb) == "D6D6D6"
    xml = chart._chartSpace
    assert xml.xpath(".//c:valAx/c:crosses/@val") == ["max"]
    assert xml.xpath(".//c:ser[1]/c:val//c:formatCode/text()") == ['0"%"']
    labels = [p.data_label.text_frame.text for p in plot.series[2].points]
    assert labels == ["\u200236%", "\u200280–95%", "\u200212%"]  # an en space: never touching
    assert xml.xpath(".//c:dLblPos/@val") == ["inBase"] * 3
    assert chart.font.name == "Calibri" and chart.font.size == Pt(14)
    # The label carrier lives in the chart only: "Edit data" shows names and two series.
    assert xml.xpath(".//c:ser/c:idx/@val") == ["0", "1", "2"]
    assert xml.xpath(".//c:ser[3]/c:val/c:numLit/c:ptCount/@val") == ["3"]
    assert not xml.xpath(".//c:ser[3]/c:val/c:numRef | .//c:ser[3]/c:tx/c:strRef")
    blob = chart.part.chart_workbook.xlsx_part.blob
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        [None, "value", "range"], ["Migraine [1]", 36, 0], ["Nausea [2]", 80, 15],
        ["Fatigue †", 12, 0]]


def test_single_series_chart(prs) -> None:
    frame = prs.slides[2].shapes[0]
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert chart.has_legend is False
    assert tuple(chart.plots[0].series[0].values) == (1.5, 3.25)
    assert chart.value_axis.maximum_scale == 5.0
    assert chart._chartSpace.xpath(".//c:dLblPos/@val") == ["outEnd"] * 2


def test_donut_chart_data_sheet_holds_plain_names(tmp_path: Path) -> None:
    """"Edit data" shows the parts' names and numbers; the ring shows each value."""
    donut = Chart(
        "donut", 60, 100, 840, 380,
        ("Ice caps and glaciers", "Groundwater", "Surface and other"),
        (ChartSeries("Value", (68.7, 30.1, 1.2), "#0E6E78"),),
        '0"%"', 100.0, font(14), INK, "#D6D6D6",
        labels=("68.7%", "30.1%", "1.2%"), name="Chart: fresh water", style="donut",
        colors=("#0E6E78", "#B5451B", "#0B2F3F"),
    )
    path = tmp_path / "donut.pptx"
    write_pptx(Document((Page(W, H, "#FFFFFF", (donut,)),), "Water"), path)
    chart = Presentation(str(path)).slides[0].shapes[0].chart
    plot = chart.plots[0]
    assert chart.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert list(plot.categories) == ["Ice caps and glaciers", "Groundwater", "Surface and other"]
    assert tuple(plot.series[0].values) == (68.7, 30.1, 1.2)
    assert chart.has_legend is True
    xml = chart._chartSpace
    # Each value is drawn from the data by a format that writes it as the preview does.
    assert xml.xpath(".//c:dLbl/c:numFmt/@formatCode") == ['0.0"%"'] * 3
    assert xml.xpath(".//c:dLbl/c:showVal/@val") == ["1"] * 3
    assert xml.xpath(".//c:dLbl/c:showCatName/@val") == ["0"] * 3
    assert not xml.xpath(".//c:dLbl/c:tx")  # no fixed text that edited numbers would not change
    # White on the dark parts; the thin part's label on a patch of page colour, in ink.
    colors = xml.xpath(".//c:dLbl/c:txPr//a:defRPr/a:solidFill/a:srgbClr/@val")
    assert colors == ["FFFFFF", "FFFFFF", INK.lstrip("#").upper()]
    assert xml.xpath(".//c:dLbl/c:spPr/a:solidFill/a:srgbClr/@val") == ["FFFFFF"]
    # One line each, however small the ring (LibreOffice wrapped "68.7%" after its number).
    assert xml.xpath(".//c:dLbl/c:txPr/a:bodyPr/@wrap") == ["none"] * 3


@pytest.mark.parametrize(
    ("text", "value", "marks", "code"),
    [
        ("68.7%", 68.7, (".", ","), '0.0"%"'),
        ("36 %", 36.0, (",", "\u202f"), '0" %"'),
        ("6,1 hPa", 6.1, (",", "\u202f"), '0.0" hPa"'),
        ("up to 1,400 t", 1400.0, (".", ","), '"up to "#,##0" t"'),
        ("1.400", 1400.0, (",", "."), "#,##0"),
        ("80–95%", 80.0, (".", ","), None),  # a range: no one number writes it
        ("69%", 68.7, (".", ","), None),  # rounded: the words stay as written
        ("about half", 50.0, (".", ","), None),
    ],
)
def test_label_format(text: str, value: float, marks: tuple[str, str], code: str | None) -> None:
    assert label_format(text, value, marks) == code


def test_notes(prs) -> None:
    assert prs.slides[0].notes_slide.notes_text_frame.text == "Say hello.\nThen explain."
    assert prs.slides[1].notes_slide.notes_text_frame.text == "Chart notes"
    assert not prs.slides[2].has_notes_slide


def test_core_properties(prs) -> None:
    cp = prs.core_properties
    assert (cp.title, cp.subject, cp.author, cp.language) == (
        "Gut & migraines",
        "Health",
        "A Teacher",
        "en-GB",
    )
    assert cp.revision == 1 and cp.last_modified_by == "Infodeck"
    assert cp.comments == "" and cp.created is not None and cp.modified is not None


def test_click_reveals(prs) -> None:
    slide = prs.slides[0]
    sld = slide._element
    timing = sld.find("p:timing", NS)
    assert timing is not None
    assert etree.QName(sld[-1]).localname == "timing"
    ids = {str(s.shape_id): s for s in slide.shapes}  # PowerPoint animates top-level shapes
    main = timing.find(".//p:cTn[@nodeType='mainSeq']", NS)
    clicks = main.findall("p:childTnLst/p:par", NS)
    assert len(clicks) == 3
    per_click = [[t.get("spid") for t in c.iterfind(".//p:spTgt", NS)] for c in clicks]
    for spids in per_click:
        assert spids and all(spid in ids for spid in spids)
    names = [[ids[spid].name for spid in spids] for spids in per_click]
    assert names[0] == ["Box: Gut"]
    assert "Arrow: gut to brain" in names[1] and len(names[1]) == 2
    effects = timing.findall(".//p:cTn[@presetClass='entr']", NS)
    assert {e.get("presetID") for e in effects} == {"1"} and len(effects) == 5
    assert [c.find(".//p:cTn[@presetClass='entr']", NS).get("nodeType") for c in clicks] == [
        "clickEffect"
    ] * 3
    ctn_ids = [int(c.get("id")) for c in timing.iter(f"{{{NS['p']}}}cTn")]
    assert ctn_ids == sorted(ctn_ids) and len(set(ctn_ids)) == len(ctn_ids)
    for bld in timing.iterfind(".//p:bldP", NS):
        assert bld.get("spid") in ids
    assert prs.slides[1]._element.find("p:timing", NS) is None


# --------------------------------------------------------------- structure


def _package_xml(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_no_escaped_control_characters(written) -> None:
    for name, data in _package_xml(written[1]).items():
        if name.endswith(".xml"):
            assert b"_x00" not in data, name


def test_relationships_resolve(written) -> None:
    files = _package_xml(written[1])
    prs = Presentation(str(written[1]))
    parts = list(prs.part.package.iter_parts())
    names = {str(p.partname).lstrip("/") for p in parts}
    assert names <= set(files)
    assert not any("thumbnail" in n for n in files)  # the template's blank preview is dropped
    for rel in prs.part.package.iter_rels():  # every relationship of every part
        if not rel.is_external:
            assert str(rel.target_part.partname).lstrip("/") in files
    # And the raw .rels files agree: every internal target exists in the zip.
    for name, data in files.items():
        if not name.endswith(".rels"):
            continue
        base = posixpath.dirname(posixpath.dirname(name))
        for rel in etree.fromstring(data):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            full = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            assert full in files, (name, target)


def test_every_text_body_has_a_paragraph(written) -> None:
    for name, data in _package_xml(written[1]).items():
        if name.endswith(".xml") and name.startswith("ppt/"):
            root = etree.fromstring(data)
            for body in root.iterfind(".//p:txBody", NS):
                assert body.find("a:p", NS) is not None, name
            for body in root.iterfind(".//a:txBody", NS):
                assert body.find("a:p", NS) is not None, name


def test_progress_and_cancel(tmp_path: Path) -> None:
    doc = make_doc(tmp_path)
    seen: list[tuple[int, int]] = []
    write_pptx(doc, tmp_path / "a.pptx", progress=lambda i, n: seen.append((i, n)))
    assert seen == [(1, 3), (2, 3), (3, 3)]

    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1  # after the first slide

    with pytest.raises(Cancelled):
        write_pptx(doc, tmp_path / "b.pptx", cancel=cancel)
    assert not (tmp_path / "b.pptx").exists()


def test_empty_document(tmp_path: Path) -> None:
    write_pptx(Document((), "Nothing"), tmp_path / "e.pptx")
    assert len(Presentation(str(tmp_path / "e.pptx")).slides) == 0


@given(st.text())
def test_clean_leaves_only_xml_characters(s: str) -> None:
    out = clean(s)
    assert not re.search("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]", out)
    assert "\r" not in out
    t = etree.Element("t")
    t.text = out  # lxml refuses any character XML cannot hold
    assert t.text == out


# ------------------------------------------------------------------ office


@pytest.mark.office
def test_libreoffice_renders_every_slide(written, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed for this test; CI installs it"
    _, path = written
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    assert pdf.exists()
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        info = subprocess.run(
            [pdfinfo, str(pdf)], check=True, capture_output=True, text=True, timeout=60
        ).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    else:
        data = pdf.read_bytes()
        pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages == 3


# ------------------------------------------------------- master and layouts


def test_titles_are_placeholders_on_layouts_chosen_by_role(tmp_path: Path) -> None:
    def box(id_: str, y: float, text: str, role: str, **kw: object) -> Box:
        return text_box(id_, 40, y, 600, 60, Paragraph((Run(text, font(28, bold=True), INK),)),
                        role=role, name=text, **kw)

    opening = Page(W, H, "#FBFAF7", (box("t", 40, "Deck", "title", geometry="rect",
                                         fill="#103040"), box("s", 120, "Sub", "subtitle")))
    content = Page(W, H, "#FBFAF7", (box("t2", 30, "Slide", "title"),
                                     box("x", 200, "Other", "")))
    with_body = Page(W, H, "#FBFAF7", (box("t3", 30, "Body", "title"),
                                       box("b", 120, "Text", "body")))
    bare = Page(W, H, "#FBFAF7", (box("x2", 30, "Free", ""),))
    path = tmp_path / "roles.pptx"
    write_pptx(Document((opening, content, with_body, bare), "t"), path)
    prs = Presentation(str(path))
    assert [lay.name for lay in prs.slide_layouts] == [
        "Title Slide", "Title and Content", "Title Only", "Blank"
    ]
    assert [s.slide_layout.name for s in prs.slides] == [
        "Title Slide", "Title Only", "Title and Content", "Blank"
    ]
    first = prs.slides[0]
    assert [s.name for s in first.shapes] == ["Deck", "Sub"]
    assert first.shapes[0].is_placeholder and first.shapes[0].text_frame.text == "Deck"
    assert str(first.shapes[0].fill.fore_color.rgb) == "103040"
    assert (first.shapes[0].left, first.shapes[0].top) == (Pt(40), Pt(40))
    assert first.shapes[1].placeholder_format.type == 4  # subtitle
    second = prs.slides[1]
    assert second.shapes.title.text_frame.text == "Slide"
    assert [s.is_placeholder for s in second.shapes] == [True, False]
    assert prs.slides[2].shapes[1].placeholder_format.idx == 1
    assert not any(s.is_placeholder for s in prs.slides[3].shapes)
    master = prs.slide_master
    assert master._element.find("p:cSld", NS).get("name") == "Infodeck"
    title_ph = next(p for p in master.placeholders if p.placeholder_format.type == 1)
    assert (title_ph.left, title_ph.top, title_ph.width) == (Pt(40), Pt(30), Pt(600))
    style = master._element.find(".//p:titleStyle/a:lvl1pPr/a:defRPr", NS)
    assert style.get("sz") == "2800" and style.find("a:latin", NS).get("typeface") == "Calibri"


def test_markup_is_written_as_real_runs(tmp_path: Path) -> None:
    """**bold**, *italic*, CO~2~ and x^2^ become b/i runs and baselines PowerPoint shows."""
    from infodeck.compose.kit import Kit
    from infodeck.compose.layouts import get_layout, get_theme

    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    par = Paragraph(tuple(kit.marked("Leaves take in CO~2~ and **light**, *E* = mc^2^.", 20)))
    doc = Document((Page(W, H, "#FFFFFF", (text_box("t", 40, 40, 600, 200, par),)),), "Markup")
    path = tmp_path / "markup.pptx"
    write_pptx(doc, path)
    runs = Presentation(str(path)).slides[0].shapes[0].text_frame.paragraphs[0].runs
    got = [
        (r.text, r.font.bold, r.font.italic, r._r.get_or_add_rPr().get("baseline"))
        for r in runs
    ]
    assert got == [
        ("Leaves take in CO", False, False, None),
        ("2", False, False, "-25000"),
        (" and ", False, False, None),
        ("light", True, False, None),
        (", ", False, False, None),
        ("E", False, True, None),
        (" = mc", False, False, None),
        ("2", False, False, "30000"),
        (".", False, False, None),
    ]
