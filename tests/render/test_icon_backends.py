"""Icons in both backends: vectors in SVG and PDF, native freeforms in PowerPoint."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from infodeck.render.mpl import render_page
from infodeck.render.pptx import write_pptx
from infodeck.scene.elements import Document, Icon, Page, VectorIcon, VectorPath
from infodeck.scene.icons import builtin_icon
from infodeck.scene.svg import read_svg_bytes

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
COLOR = "#B4461B"
W, H = 960.0, 540.0
# A filled disc with a square hole, and two strokes of different widths.
TEST_ICON = read_svg_bytes(
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24"><title>Test icon</title>'
    b'<path fill-rule="evenodd" d="M2 12a10 10 0 1 0 20 0a10 10 0 1 0-20 0zM9 9h6v6H9z"/>'
    b'<path d="M26 4H46" stroke="#000" stroke-width="2" stroke-linecap="round" fill="none"/>'
    b'<path d="M26 20H46" stroke="#000" stroke-width="4" fill="none"/></svg>',
    "test-icon",
)


def page(*icons: Icon) -> Page:
    return Page(W, H, "#FFFFFF", tuple(icons), title="Icons")


def icon(vi: VectorIcon, x: float = 100, y: float = 100, w: float = 480, h: float = 240,
         **kw: object) -> Icon:
    return Icon("i1", x, y, w, h, vi, COLOR, name=f"Icon: {vi.name}", alt=vi.title, **kw)  # type: ignore[arg-type]


def test_placement_keeps_the_aspect_and_centres() -> None:
    ic = Icon("i", 0, 0, 100, 100, TEST_ICON, COLOR)  # a 2:1 icon in a square
    assert ic.placement() == (100 / 48, 0.0, 25.0)


def test_svg_output_draws_icons_as_vector_paths(tmp_path: Path) -> None:
    out = tmp_path / "icon.svg"
    render_page(page(icon(TEST_ICON)), out, "svg", 72)
    text = out.read_text(encoding="utf-8")
    assert "<image" not in text
    root = etree.fromstring(text.encode())
    paths = root.findall(".//{http://www.w3.org/2000/svg}path")
    coloured = [p for p in paths if COLOR.lower() in (p.get("style") or "").lower()]
    assert len(coloured) >= 3  # the disc, then each stroke
    assert any(" C " in (p.get("d") or "") for p in coloured)  # the disc's curves stay curves


def test_pdf_output_has_no_pictures(tmp_path: Path) -> None:
    out = tmp_path / "icon.pdf"
    render_page(page(icon(builtin_icon("brain"))), out, "pdf", 72)
    data = out.read_bytes()
    assert b"/Subtype /Image" not in data


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def test_png_fills_the_disc_and_leaves_the_hole(tmp_path: Path) -> None:
    out = tmp_path / "icon.png"
    render_page(page(icon(TEST_ICON)), out, "png", 72)
    px = np.asarray(Image.open(out).convert("RGB")).astype(int)
    s = 10.0  # 480 / 48 points per icon unit
    ring = px[int(100 + 12 * s), int(100 + 4 * s)]  # inside the disc, outside the hole
    hole = px[int(100 + 12 * s), int(100 + 12 * s)]
    assert np.abs(ring - _rgb(COLOR)).max() < 10
    assert (hole > 245).all()


def _shapes(pptx: Path) -> list[etree._Element]:
    prs = Presentation(str(pptx))
    tree = prs.slides[0].shapes._spTree
    return list(tree)


def test_pptx_icon_is_a_freeform_with_name_and_alt_text(tmp_path: Path) -> None:
    out = tmp_path / "icon.pptx"
    vi = builtin_icon("warning")
    write_pptx(Document((page(icon(vi, 100, 100, 48, 48)),), "t"), out)
    [sp] = [s for s in _shapes(out) if s.tag == f"{{{NS['p']}}}sp"]
    c_nv = sp.find("p:nvSpPr/p:cNvPr", NS)
    assert c_nv.get("name") == "Icon: warning"
    assert c_nv.get("descr") == "Warning"
    geom = sp.find("p:spPr/a:custGeom", NS)
    assert geom is not None and sp.find("p:spPr/a:prstGeom", NS) is None
    paths = geom.findall("a:pathLst/a:path", NS)
    assert {p.get("w") for p in paths} == {"48000"}
    tags = {etree.QName(c).localname for p in paths for c in p}
    assert tags == {"moveTo", "lnTo", "cubicBezTo", "close"}
    # The dot is filled, not stroked; the outline is stroked, not filled.
    assert [p.get("stroke") for p in paths if p.get("stroke")] == ["0"]
    assert sum(p.get("fill") == "none" for p in paths) == 2
    fill = sp.find("p:spPr/a:solidFill/a:srgbClr", NS)
    assert fill is not None and fill.get("val") == COLOR[1:]
    ln = sp.find("p:spPr/a:ln", NS)
    assert ln.get("cap") == "rnd" and ln.find("a:round", NS) is not None
    assert int(ln.get("w")) == round(3 * 1.0 * 12700)  # 3 units at 1 pt per unit
    assert ln.find("a:solidFill/a:srgbClr", NS).get("val") == COLOR[1:]
    xfrm = sp.find("p:spPr/a:xfrm", NS)
    assert xfrm.find("a:off", NS).get("x") == str(100 * 12700)
    assert xfrm.find("a:ext", NS).get("cx") == str(48 * 12700)


def test_pptx_icon_with_two_stroke_widths_is_a_group(tmp_path: Path) -> None:
    out = tmp_path / "icon.pptx"
    write_pptx(Document((page(icon(TEST_ICON)),), "t"), out)
    [grp] = [s for s in _shapes(out) if s.tag == f"{{{NS['p']}}}grpSp"]
    assert grp.find("p:nvGrpSpPr/p:cNvPr", NS).get("descr") == "Test icon"
    parts = grp.findall("p:sp", NS)
    assert len(parts) == 2
    widths = [int(p.find("p:spPr/a:ln", NS).get("w")) for p in parts]
    assert widths == [(2 * 10 * 12700), (4 * 10 * 12700)]
    assert parts[0].find("p:spPr/a:solidFill", NS) is not None  # the disc rides in the first
    assert parts[1].find("p:spPr/a:noFill", NS) is not None
    assert parts[1].find("p:spPr/a:ln", NS).get("cap") == "flat"


def test_pptx_icon_reveals_with_its_step(tmp_path: Path) -> None:
    out = tmp_path / "icon.pptx"
    write_pptx(Document((page(icon(builtin_icon("brain"), reveal=1)),), "t"), out)
    xml = (Presentation(str(out)).slides[0]._element.xml)
    [spid] = re.findall(r'<p:spTgt spid="(\d+)"', xml)
    assert f'id="{spid}" name="Icon: brain"' in xml


def _libreoffice_and_ours(doc: Document, tmp_path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The page as LibreOffice draws the deck and as we draw it, greyscale at 72 dpi."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    assert soffice and pdftoppm, "LibreOffice and poppler-utils are needed; CI installs them"
    write_pptx(doc, tmp_path / "deck.pptx")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(tmp_path / "deck.pptx")],
        check=True, capture_output=True, timeout=180,
    )
    subprocess.run([pdftoppm, "-png", "-r", "72", "-singlefile", str(tmp_path / "deck.pdf"),
                    str(tmp_path / "lo")], check=True, timeout=60)
    render_page(doc.pages[0], tmp_path / "ours.png", "png", 72)
    lo = np.asarray(Image.open(tmp_path / "lo.png").convert("L")).astype(float)
    ours = np.asarray(Image.open(tmp_path / "ours.png").convert("L")).astype(float)
    h, w = min(lo.shape[0], ours.shape[0]), min(lo.shape[1], ours.shape[1])  # ±1 px rounding
    return lo[:h, :w], ours[:h, :w]


@pytest.mark.office
def test_libreoffice_draws_the_icon_where_we_do(tmp_path: Path) -> None:
    lo, ours = _libreoffice_and_ours(Document((page(icon(TEST_ICON)),), "t"), tmp_path)
    ink_lo, ink_ours = lo < 200, ours < 200
    overlap = (ink_lo & ink_ours).sum() / (ink_lo | ink_ours).sum()
    assert ink_ours.sum() > 10_000 and overlap > 0.9, overlap
    # The hole stays a hole in PowerPoint's even-odd fill too.
    assert lo[(100 + 120), (100 + 120)] > 245


def test_unparsed_paint_defaults_are_fill() -> None:
    assert VectorPath(()).paint == "fill"


LIBRARY_SAMPLE = ("sun", "leaf", "water", "molecule", "planet", "person", "volcano",
                  "calculator", "cloud-rain", "dna", "microscope", "chart-bar")


@pytest.mark.office
def test_libreoffice_draws_library_stroke_icons_where_we_do(tmp_path: Path) -> None:
    """Stroke-only icons (dots drawn as 0.01-unit strokes included) agree in both."""
    icons = tuple(
        Icon(f"i{k}", 40 + (k % 6) * 150, 60 + (k // 6) * 220, 110, 110,
             builtin_icon(n), COLOR, name=f"Icon: {n}", alt=n)
        for k, n in enumerate(LIBRARY_SAMPLE)
    )
    lo, ours = _libreoffice_and_ours(Document((page(*icons),), "t"), tmp_path)
    for k, ic in enumerate(icons):
        x0, y0 = int(ic.x), int(ic.y)
        a, b = lo[y0 : y0 + 111, x0 : x0 + 111] < 200, ours[y0 : y0 + 111, x0 : x0 + 111] < 200
        overlap = (a & b).sum() / max(1, (a | b).sum())
        assert b.sum() > 150 and overlap > 0.75, (LIBRARY_SAMPLE[k], overlap)
    # The calculator's keys are dots: both draw them.
    calc = icons[LIBRARY_SAMPLE.index("calculator")]
    s, left, top = calc.placement()
    dot = (int(top + 14 * s), int(left + 8 * s))
    assert lo[dot] < 200 and ours[dot] < 200
