"""Any script, in both backends: ink instead of boxes, measured = drawn, PowerPoint's font slots."""

from __future__ import annotations

import io
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from infodeck.render import mpl
from infodeck.render.pptx import write_pptx
from infodeck.scene import fonts
from infodeck.scene.elements import (
    Box,
    Chart,
    ChartSeries,
    Document,
    Font,
    Page,
    Paragraph,
    Run,
    TextFrame,
)
from infodeck.scene.text import layout_frame, text_width

from conftest import ROOT

FONTS = ROOT / "assets" / "fonts"
REGULAR = str(FONTS / "Carlito-Regular.ttf")
SCRIPTS = {
    "accented": "Crème brûlée, Łódź",
    "greek": "Φωτοσύνθεση",
    "cyrillic": "Фотосинтез",
    "cjk": "光合作用 ひかり 광합성",
    "arabic": "التمثيل الضوئي",
    "hebrew": "פוטוסינתזה",
    "combining": "x\u0301 q\u0303 a\u0308\u0301",
    "emoji": "🌿☀🍎👍",
}
NEEDS_FALLBACK = {"cjk", "arabic", "hebrew", "combining", "emoji"}
DPI = 200
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _font(size: float = 24.0) -> Font:
    return Font("Calibri", REGULAR, size)


def _page(texts: list[str], width: float = 500.0) -> Page:
    frame = TextFrame(
        tuple(Paragraph((Run(t, _font(), "#000000"),)) for t in texts),
        inset_l=0.0,
        inset_r=0.0,
    )
    laid = layout_frame(frame, width)
    return Page(width + 40, 60 + 40 * len(texts), "#FFFFFF", (Box("t", 20, 20, width, 40 * len(texts), text=laid),))


def _ink(page: Page) -> np.ndarray:
    w, h, rgba = mpl.render_rgba(page, DPI)
    gray = np.frombuffer(rgba, np.uint8).reshape(h, w, 4)[..., :3].mean(axis=2)
    return gray < 128


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_draws_ink_not_boxes(script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawn with the fallback chain, and unlike the boxes Carlito alone would draw."""
    page = _page([SCRIPTS[script]])
    ink = _ink(page)
    assert ink.sum() > 500
    monkeypatch.setattr(fonts, "covers", lambda path, text: True)  # no fallback: boxes
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # matplotlib: "Glyph … missing"
        boxes = _ink(page)
    changed = (ink != boxes).sum() / max(ink.sum(), 1)
    if script in NEEDS_FALLBACK:
        assert changed > 0.3, "drawn as the font's missing-glyph boxes"
    else:
        assert changed == 0  # Carlito draws these itself: the fast path


@pytest.mark.parametrize("script", SCRIPTS)
def test_measured_width_is_the_drawn_width(script: str) -> None:
    text = SCRIPTS[script]
    page = _page([text], width=800.0)
    cols = np.flatnonzero(_ink(page).any(axis=0))
    drawn = (cols[-1] - cols[0] + 1) * 72 / DPI
    measured = text_width(text, _font())
    # Ink lacks the first and last side bearings: a little narrower than the advance
    # (ideographs keep a tenth of an em clear on each side).
    assert measured - 0.25 * 24 <= drawn <= measured + 1.0, (drawn, measured)


@pytest.mark.parametrize("script", ["arabic", "hebrew"])
def test_right_to_left_text_ends_at_the_right_edge(script: str) -> None:
    page = _page([SCRIPTS[script]], width=400.0)
    cols = np.flatnonzero(_ink(page).any(axis=0))
    right = (cols[-1] + 1) * 72 / DPI
    assert 420.0 - 3.0 <= right <= 420.0 + 1.0  # the box's right edge (x 20 + width 400)
    assert cols[0] * 72 / DPI > 200.0


def test_arabic_letters_are_joined() -> None:
    """Shaped, an Arabic word is one connected stroke, not letters in their isolated forms."""
    ink = _ink(_page(["ببببب"]))
    cols = ink.any(axis=0)
    start, end = np.flatnonzero(cols)[[0, -1]]
    gaps = int((~cols[start:end]).sum())
    assert gaps <= 2


def test_pdf_and_svg_draw_the_scripts_too(caplog: pytest.LogCaptureFixture) -> None:
    page = _page(list(SCRIPTS.values()))
    pdf = io.BytesIO()
    with caplog.at_level("WARNING"):
        mpl.render_page(page, pdf, "pdf", 72)
    # Nothing for the user's terminal: Carlito's odd creation time made fontTools warn
    # once per embedded subset.
    assert not caplog.records
    data = pdf.getvalue()
    for name in (b"NotoSansArabic", b"NotoSansHebrew", b"DroidSansFallback", b"Symbola"):
        assert name in data
    svg = io.BytesIO()
    mpl.render_page(page, svg, "svg", 72)
    assert svg.getvalue().count(b"<path") > 20


def _near(mask: np.ndarray) -> np.ndarray:
    """``mask`` grown by one pixel each way (anti-aliasing differs between renderers)."""
    out = mask.copy()
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            out |= np.roll(np.roll(mask, dy, 0), dx, 1)
    return out


@pytest.mark.parametrize("script", SCRIPTS)
def test_pdf_draws_what_the_png_draws(script: str, tmp_path: Path) -> None:
    """Glyph for glyph: Type 3 PDFs drew 😀👍 from the emoji font as 👍👍."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils are needed; CI installs them"
    frame = TextFrame((Paragraph((Run(SCRIPTS[script], _font(40), "#000000"),)),))
    page = Page(560, 80, "#FFFFFF", (Box("t", 10, 10, 540, 60, text=layout_frame(frame, 540)),))
    pdf = tmp_path / "page.pdf"
    mpl.render_page(page, pdf, "pdf", 72)
    cmd = [pdftoppm, "-png", "-r", str(DPI // 2), "-singlefile", str(pdf), str(tmp_path / "page")]
    subprocess.run(cmd, check=True, timeout=60)
    printed = np.asarray(Image.open(tmp_path / "page.png").convert("L")) < 128
    w, h, rgba = mpl.render_rgba(page, DPI // 2)
    drawn = np.frombuffer(rgba, np.uint8).reshape(h, w, 4)[..., :3].mean(axis=2) < 128
    rows, cols = min(h, printed.shape[0]), min(w, printed.shape[1])
    printed, drawn = printed[:rows, :cols], drawn[:rows, :cols]
    strays = (printed & ~_near(drawn)).sum() + (drawn & ~_near(printed)).sum()
    assert strays / (printed.sum() + drawn.sum()) < 0.03


# ------------------------------------------------------------------ PowerPoint


@pytest.fixture(scope="module")
def slide_xml(tmp_path_factory: pytest.TempPathFactory) -> etree._Element:
    page = _page([*SCRIPTS.values(), "Plain, then عربي"])
    path = tmp_path_factory.mktemp("scripts") / "scripts.pptx"
    write_pptx(Document((page,), "Scripts", language="en-GB"), path)
    prs = Presentation(str(path))
    return prs.slides[0].shapes[0]._element


def _paragraph(slide_xml: etree._Element, text: str) -> etree._Element:
    for p in slide_xml.iter(f"{A}p"):
        if "".join(t.text or "" for t in p.iter(f"{A}t")) == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


@pytest.mark.parametrize(
    ("script", "slots", "rtl"),
    [
        ("accented", {}, False),
        ("greek", {}, False),
        ("cyrillic", {}, False),
        ("combining", {}, False),
        ("cjk", {"ea": "Malgun Gothic"}, False),
        ("arabic", {"cs": "Arial"}, True),
        ("hebrew", {"cs": "Arial"}, True),
        ("emoji", {"sym": "Segoe UI Emoji"}, False),
    ],
)
def test_pptx_runs_name_a_font_for_their_script(slide_xml, script, slots, rtl) -> None:
    p = _paragraph(slide_xml, SCRIPTS[script])
    (r,) = p.findall(f"{A}r")
    rpr = r.find(f"{A}rPr")
    assert rpr.find(f"{A}latin").get("typeface") == "Calibri"
    found = {k: rpr.find(f"{A}{k}").get("typeface") for k in ("ea", "cs", "sym") if rpr.find(f"{A}{k}") is not None}
    assert found == slots
    ppr = p.find(f"{A}pPr")
    assert (ppr.get("rtl") == "1") is rtl
    assert ppr.get("algn") == ("r" if rtl else "l")
    order = [etree.QName(c).localname for c in rpr]
    assert order == sorted(order, key=["ln", "solidFill", "latin", "ea", "cs", "sym"].index)


def test_pptx_paragraph_direction_follows_its_first_letter(slide_xml) -> None:
    ppr = _paragraph(slide_xml, "Plain, then عربي").find(f"{A}pPr")
    assert ppr.get("rtl") is None and ppr.get("algn") == "l"


@pytest.mark.office
def test_libreoffice_shows_every_script(tmp_path: Path) -> None:
    """LibreOffice converts the deck with every script's text intact (look at the PDF too)."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    assert soffice and pdftotext, "LibreOffice and poppler-utils are needed; CI installs them"
    deck = tmp_path / "scripts.pptx"
    write_pptx(Document((_page(list(SCRIPTS.values())),), "Scripts"), deck)
    profile = tmp_path / "lo-profile"
    user_fonts = profile / "user" / "fonts"  # LibreOffice also loads fonts from its profile
    user_fonts.mkdir(parents=True)
    for f in FONTS.glob("*.[ot]tf"):
        shutil.copy(f, user_fonts)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [pdftotext, str(tmp_path / "scripts.pdf"), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    for word in ("brûlée", "Φωτοσύνθεση", "Фотосинтез", "光合作用", "광합성", "פוטוסינתזה"):
        assert word in text
    assert "التمثيل" in text or "ﺍﻟﺘﻤﺜﻴﻞ" in text or "\u0627\u0644" in text
    pdffonts = shutil.which("pdffonts")
    assert pdffonts, "poppler-utils are needed; CI installs them"
    used = subprocess.run(
        [pdffonts, str(tmp_path / "scripts.pdf")], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert "Symbola" in used  # emoji found a font (ours, through the profile), not boxes


def test_pdf_embeds_truetype_only_where_fallback_text_is() -> None:
    """Plain pages keep Type 3 (faster to write); fallback text gets Type 42 subsets."""
    plain, mixed = io.BytesIO(), io.BytesIO()
    mpl.render_page(_page(["Plain text"]), plain, "pdf", 72)
    mpl.render_page(_page(["Emoji 😀👍"]), mixed, "pdf", 72)
    assert b"/Type3" in plain.getvalue() and b"/FontFile2" not in plain.getvalue()
    assert b"/FontFile2" in mixed.getvalue() and b"/Type3" not in mixed.getvalue()


def test_pptx_chart_names_fonts_for_its_scripts(tmp_path: Path) -> None:
    chart = Chart(
        "c", 20, 20, 400, 200,
        categories=("التمثيل", "光合作用", "Plain"),
        series=(ChartSeries("value", (1.0, 2.0, 3.0), "#336699"),),
        number_format="0",
        value_max=3.0,
        font=_font(12),
        text_color="#000000",
        grid_color="#CCCCCC",
        labels=("1", "2", "3"),
    )
    path = tmp_path / "chart.pptx"
    write_pptx(Document((Page(480, 270, "#FFFFFF", (chart,)),), "Chart"), path)
    with zipfile.ZipFile(path) as z:
        xml = z.read(next(n for n in z.namelist() if n.startswith("ppt/charts/chart")))
    root = etree.fromstring(xml)
    cs = {el.get("typeface") for el in root.iter(f"{A}cs")}
    ea = {el.get("typeface") for el in root.iter(f"{A}ea")}
    assert cs == {"Arial"} and ea == {"Microsoft YaHei"}
    Presentation(str(path))  # python-pptx reads it back
