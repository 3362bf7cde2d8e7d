"""The matplotlib backend: hand-built pages → PNG/SVG/PDF/RGBA, inspected and compared."""

from __future__ import annotations

import io
import os
import re
import shutil
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image, ImageDraw

from infodeck.render import Cancelled, pngmeta
from infodeck.render.mpl import (
    pixel_size,
    render_page,
    render_pages_pdf,
    render_rgba,
)
from infodeck.scene.chartaxis import format_number, grid_step
from infodeck.scene.elements import (
    Box,
    Chart,
    ChartSeries,
    Connector,
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

FONTS = ROOT / "assets" / "fonts"
BASELINE = Path(__file__).parent / "baseline" / "sample_page.png"
REGEN = os.environ.get("INFODECK_REGEN_GOLDEN") == "1"


def font(size: float = 20, bold: bool = False) -> Font:
    name = "Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"
    return Font(family="Calibri", file=str((FONTS / name).resolve()), size=size, bold=bold)


def text_box(
    box_id: str,
    x: float,
    y: float,
    w: float,
    h: float,
    pars: list[Paragraph],
    *,
    valign: str = "top",
    **kw: object,
) -> Box:
    frame = layout_frame(TextFrame(tuple(pars), valign=valign), w)  # type: ignore[arg-type]
    return Box(box_id, x, y, w, h, text=frame, **kw)  # type: ignore[arg-type]


def para(text: str, size: float = 20, color: str = "#222222", **kw: object) -> Paragraph:
    return Paragraph((Run(text, font(size), color),), **kw)  # type: ignore[arg-type]


def make_picture(path: Path, size: tuple[int, int] = (200, 100)) -> Path:
    """Top half red, bottom half blue: shows aspect, centring and orientation."""
    im = Image.new("RGB", size, "#FF0000")
    ImageDraw.Draw(im).rectangle((0, size[1] // 2, size[0], size[1]), fill="#0000FF")
    im.save(path)
    return path


def sample_page(tmp_path: Path) -> Page:
    """Every element type once: the page of the golden image."""
    pic = make_picture(tmp_path / "pic.png")
    a = text_box(
        "a",
        20,
        60,
        140,
        60,
        [para("Gut microbiome", 16, "#1F3864", align="center")],
        valign="middle",
        geometry="roundrect",
        fill="#DEEAF6",
        line="#2F5597",
        line_width=1.5,
    )
    b = text_box(
        "b",
        220,
        60,
        140,
        60,
        [para("Inflammation", 16, "#843C0C", align="center")],
        valign="middle",
        geometry="rect",
        fill="#FBE5D6",
        line="#C55A11",
        line_width=1.5,
    )
    c = text_box(
        "c",
        400,
        55,
        120,
        70,
        [
            Paragraph(
                (
                    Run("Migraine", font(16, True), "#385723"),
                    Run("2", font(16), "#385723", superscript=True),
                ),
                align="center",
            )
        ],
        valign="bottom",
        geometry="ellipse",
        fill="#E2F0D9",
        line="#548235",
        line_width=2,
    )
    bullets = text_box(
        "l",
        20,
        140,
        250,
        110,
        [
            para(t, 12, bullet="•", bullet_color="#2F5597", indent=12, space_before=3 if i else 0)
            for i, t in enumerate(
                [
                    "Fibre feeds bacteria that make short-chain fatty acids.",
                    "It costs $5 and $x$ stays literal.",
                    "Sleep",
                ]
            )
        ],
        geometry="rect",
        line="#7F7F7F",
        line_width=0.75,
    )
    chart = Chart(
        "ch",
        290,
        140,
        250,
        110,
        categories=("Migraine [1]", "Nausea, a long name [2]"),
        series=(
            ChartSeries("value", (36.0, 80.0), "#2F5597"),
            ChartSeries("range", (0.0, 15.0), "#9DC3E6"),
        ),
        number_format='0"%"',
        value_max=100.0,
        font=font(10),
        text_color="#262626",
        grid_color="#D9D9D9",
        labels=("36%", "80–95%"),
    )
    group = Group(
        "g",
        (
            Picture("p", 20, 260, 120, 50, picture_data(pic), "Red over blue"),
            Connector("c3", 160, 285, 260, 285, "#C00000", 1.0, tail="arrow"),
        ),
        alt="A picture and an arrow",
    )
    return Page(
        560,
        320,
        "#FFFFFF",
        (
            text_box("t", 20, 10, 520, 40, [para("Gut health & migraines", 24, "#1F3864")]),
            a,
            b,
            c,
            Connector("c1", 160, 90, 220, 90, "#404040", 1.5, start=("a", 3), end=("b", 1)),
            Connector("c2", 360, 90, 400, 90, "#404040", 2.0, tail="arrow"),
            bullets,
            chart,
            group,
        ),
        title="Sample",
        alt="A sample page",
        sources=("Smith 2020",),
    )


def pixels(page: Page, dpi: float) -> np.ndarray:
    w, h, buf = render_rgba(page, dpi)
    return np.frombuffer(buf, np.uint8).reshape(h, w, 4)


# ------------------------------------------------------------------- PNG


@pytest.mark.parametrize("dpi", [72, 96, 150, 200.5])
def test_png_has_exact_pixel_size_and_dpi(tmp_path: Path, dpi: float) -> None:
    page = sample_page(tmp_path)
    out = tmp_path / "p.png"
    render_page(page, out, "png", dpi)
    with Image.open(out) as im:
        assert im.size == (round(560 / 72 * dpi), round(320 / 72 * dpi))
        assert im.info["dpi"] == pytest.approx((dpi, dpi), abs=0.02)


def test_png_text_chunks_including_non_ascii(tmp_path: Path) -> None:
    out = tmp_path / "p.png"
    meta = {
        "Title": "Darm & Migräne — 头痛 ✓",
        "Description": "Alt text",
        "Source": "Smith 2020",
        "Author": "",
    }
    render_page(sample_page(tmp_path), out, "png", 72, metadata=meta)
    with Image.open(out) as im:
        text = dict(im.text)
    assert text["Title"] == meta["Title"]
    assert text["Description"] == "Alt text"
    assert text["Source"] == "Smith 2020"
    assert text["Software"] == "Infodeck"
    assert "Author" not in text  # empty values are left out


def test_png_to_a_binary_stream(tmp_path: Path) -> None:
    buf = io.BytesIO()
    render_page(sample_page(tmp_path), buf, "png", 72)
    assert buf.getvalue().startswith(b"\x89PNG\r\n\x1a\n")


def test_rgba_has_four_bytes_a_pixel(tmp_path: Path) -> None:
    w, h, data = render_rgba(sample_page(tmp_path), 100)
    assert (w, h) == pixel_size(sample_page(tmp_path), 100) == (778, 444)
    assert len(data) == w * h * 4


def test_rgba_is_the_same_from_several_threads(tmp_path: Path) -> None:
    page = sample_page(tmp_path)
    expected = render_rgba(page, 72)
    results: list[tuple[int, int, bytes]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(render_rgba(page, 72))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(r == expected for r in results) and len(results) == 4


# ----------------------------------------------------------------- vectors


def test_svg_is_xml_dateless_deterministic_and_literal_dollars(tmp_path: Path) -> None:
    page = sample_page(tmp_path)
    meta = {
        "Title": "Darm & Migräne",
        "Software": "Infodeck",
        "Author": "Tester",
        "Description": "Alt",
        "Source": "Smith 2020",
    }
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    render_page(page, first, "svg", 72, metadata=meta)
    render_page(page, second, "svg", 72, metadata=meta)
    data = first.read_bytes()
    assert data == second.read_bytes()
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    assert b"dc:date" not in data
    assert "<dc:title>Darm &amp; Migräne</dc:title>" in data.decode()
    # "$x$" stayed text in Carlito: mathtext would have drawn x with DejaVu glyphs.
    assert b"<!-- It costs $5 and $x$ stays literal. -->" in data
    glyphs = re.findall(rb'<path id="([^"]+)" d=', data)
    assert glyphs and all(g.startswith(b"Carlito") for g in glyphs)


def test_pdf_single_page_is_dateless_and_deterministic(tmp_path: Path) -> None:
    page = sample_page(tmp_path)
    meta = {"Title": "Migräne", "Software": "Infodeck", "Description": "Alt", "Source": "S"}
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_page(page, a, "pdf", 150, metadata=meta)
    render_page(page, b, "pdf", 150, metadata=meta)
    data = a.read_bytes()
    assert data.startswith(b"%PDF")
    assert data == b.read_bytes()
    assert b"/CreationDate" not in data and b"/ModDate" not in data
    assert len(re.findall(rb"/Type /Page\b", data)) == 1


def test_multi_page_pdf(tmp_path: Path) -> None:
    page = sample_page(tmp_path)
    small = Page(200, 100, "#FFEEDD", (text_box("x", 10, 10, 180, 80, [para("$x$ second")]),))
    out = tmp_path / "all.pdf"
    render_pages_pdf([page, small, page], out, metadata={"Title": "Deck", "Author": "T"})
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", data)) == 3
    assert b"/CreationDate" not in data
    assert b"[ 0 0 200 100 ]" in data  # every page keeps its own size


def test_multi_page_pdf_refuses_nothing_and_can_be_cancelled(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one page"):
        render_pages_pdf([], tmp_path / "x.pdf")
    with pytest.raises(Cancelled):
        render_pages_pdf([sample_page(tmp_path)], tmp_path / "y.pdf", cancel=lambda: True)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown image format"):
        render_page(sample_page(tmp_path), tmp_path / "x.gif", "gif", 72)  # type: ignore[arg-type]


# -------------------------------------------------------------- size guard


@pytest.mark.parametrize("dpi", [0, -5, 1201, float("nan"), float("inf")])
def test_size_guard_refuses_bad_dpi(tmp_path: Path, dpi: float) -> None:
    with pytest.raises(ValueError, match="resolution"):
        render_page(sample_page(tmp_path), tmp_path / "x.png", "png", dpi)
    with pytest.raises(ValueError, match="resolution"):
        render_rgba(sample_page(tmp_path), dpi)


def test_size_guard_refuses_huge_images(tmp_path: Path) -> None:
    page = Page(72 * 100, 72, "#FFFFFF", ())  # 100 inches wide
    with pytest.raises(ValueError, match=r"at most 16000 pixels.*at most 160 dpi"):
        render_page(page, tmp_path / "x.png", "png", 200)
    assert not (tmp_path / "x.png").exists()
    assert pixel_size(page, 160) == (16000, 160)
    with pytest.raises(ValueError, match="page size"):
        render_rgba(Page(0, 100, "#FFFFFF", ()), 72)


# --------------------------------------------------------- what is drawn


def test_picture_keeps_aspect_centred_and_upright(tmp_path: Path) -> None:
    pic = make_picture(tmp_path / "pic.png", (200, 100))
    page = Page(100, 100, "#FFFFFF", (Picture("p", 0, 0, 100, 100, picture_data(pic), "alt"),))
    px = pixels(page, 72)
    assert tuple(px[10, 50, :3]) == (255, 255, 255)  # above the 100×50 picture
    assert tuple(px[35, 50, :3]) == (255, 0, 0)  # its top half is red
    assert tuple(px[65, 50, :3]) == (0, 0, 255)  # its bottom half blue
    assert tuple(px[90, 50, :3]) == (255, 255, 255)


def test_connector_tips_touch_their_end_points() -> None:
    page = Page(60, 20, "#FFFFFF", (Connector("c", 10, 10, 50, 10, "#000000", 1.5, tail="arrow"),))
    px = pixels(page, 1200)
    ink = np.where((px[..., 0] < 128).any(axis=0))[0]
    scale = 1200 / 72
    assert ink[0] / scale == pytest.approx(10, abs=0.1)
    assert (ink[-1] + 1) / scale == pytest.approx(50, abs=0.1)
    rows = np.where((px[..., 0] < 128).any(axis=1))[0]
    assert (rows[-1] + 1 - rows[0]) / scale == pytest.approx(7.5, abs=0.2)  # 5 × width ("lg")


def test_chart_draws_first_category_on_top_and_stacks(tmp_path: Path) -> None:
    chart = Chart(
        "ch",
        0,
        0,
        200,
        100,
        categories=("Long", "Short"),
        series=(
            ChartSeries("v", (80.0, 10.0), "#FF0000"),
            ChartSeries("r", (15.0, 0.0), "#0000FF"),
        ),
        number_format='0"%"',
        value_max=100.0,
        font=font(10),
        text_color="#000000",
        grid_color="#CCCCCC",
        labels=("80–95%", "10%"),
    )
    px = pixels(Page(200, 100, "#FFFFFF", (chart,)), 72)
    red = (px[..., 0] > 200) & (px[..., 1] < 50) & (px[..., 2] < 50)
    blue = (px[..., 2] > 200) & (px[..., 0] < 50) & (px[..., 1] < 50)
    red_rows = np.where(red.any(axis=1))[0]
    top_row = red_rows[red_rows < 50]
    assert red[top_row].sum(axis=1).max() > 4 * red[red_rows[red_rows > 50]].sum(axis=1).max()
    blue_cols = np.where(blue.any(axis=0))[0]
    assert blue_cols.min() >= np.where(red[top_row].any(axis=0))[0].max()  # range after value


def test_every_box_geometry_and_empty_boxes_render(tmp_path: Path) -> None:
    boxes = tuple(
        Box(f"b{i}", 10 + 50 * i, 10, 40, 40, geometry=g, fill=fill, line=line, line_width=lw)
        for i, (g, fill, line, lw) in enumerate(
            [
                ("rect", "#FF0000", None, 0.0),
                ("roundrect", None, "#00FF00", 2.0),
                ("ellipse", "#0000FF", "#000000", 1.0),
                ("none", "#FF00FF", None, 0.0),
            ]
        )
    )
    empty_text = text_box(
        "e", 10, 60, 100, 30, [para("")], geometry="rect", line="#000000", line_width=1.0
    )
    page = Page(300, 100, "#FFFFFF", (*boxes, empty_text, Group("g", ())))
    px = pixels(page, 72)
    assert tuple(px[30, 30, :3]) == (255, 0, 0)
    assert tuple(px[30, 80, :3]) == (255, 255, 255)  # an outline only
    assert tuple(px[30, 130, :3]) == (0, 0, 255)
    assert tuple(px[30, 180, :3]) == (255, 255, 255)  # geometry "none" draws no shape


def test_number_formats_and_grid_steps() -> None:
    assert format_number(20, '0"%"') == "20%"
    assert format_number(2.5, "0.0") == "2.5"
    assert format_number(12345, "#,##0") == "12,345"
    assert format_number(0.25, "0%") == "25%"
    assert format_number(3, "General") == "3"
    assert grid_step(100, 5, 0) == 20
    assert grid_step(50, 4, 0) == 25  # not 12.5; a step that ends at the axis's end
    assert grid_step(10, 4, 0) == 5  # not 2.5, which "0" would show as "3"
    assert grid_step(2.5, 5, 1) == 0.5


# ----------------------------------------------------------------- pngmeta


def test_write_png_text_keeps_pixels_and_dpi(tmp_path: Path) -> None:
    out = tmp_path / "p.png"
    render_page(sample_page(tmp_path), out, "png", 150, metadata={"Title": "Old"})
    with Image.open(out) as im:
        before = im.tobytes()
    pngmeta.write_png_text(out, {"Title": "Nouveau — 新", "Rights": "CC BY"})
    with Image.open(out) as im:
        assert im.tobytes() == before
        assert im.info["dpi"] == pytest.approx((150, 150), abs=0.02)
        assert im.text["Title"] == "Nouveau — 新"
        assert im.text["Rights"] == "CC BY"
        assert im.text["Software"] == "Infodeck"
    with pytest.raises(ValueError, match="keyword"):
        pngmeta.write_png_text(out, {"Titel ✓": "x"})


def test_thumbnail_from_rgba_and_file(tmp_path: Path) -> None:
    page = sample_page(tmp_path)
    thumb = pngmeta.thumbnail(render_rgba(page, 72), 100)
    assert thumb.mode == "RGBA" and max(thumb.size) == 100
    pic = make_picture(tmp_path / "pic.png", (200, 100))
    assert pngmeta.thumbnail(pic, 50).size == (50, 25)
    assert pngmeta.thumbnail(pic, 1000).size == (200, 100)  # never enlarged


def test_decompression_bombs_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pic = make_picture(tmp_path / "pic.png", (200, 100))
    page = Page(100, 100, "#FFFFFF", (Picture("p", 0, 0, 100, 100, picture_data(pic), "alt"),))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 15_000)  # warns between 15k and 30k px
    with pytest.raises(Image.DecompressionBombWarning):
        pngmeta.open_image(pic)
    with pytest.raises(Image.DecompressionBombWarning):
        render_rgba(page, 72)


# ------------------------------------------------------------------ golden


def test_golden_sample_page(tmp_path: Path) -> None:
    """The sample page at 72 dpi matches the reviewed baseline (tolerance as matplotlib's)."""
    actual = tmp_path / "sample_page.png"
    render_page(sample_page(tmp_path), actual, "png", 72)
    if REGEN:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(actual, BASELINE)
        pytest.fail(
            f"baseline regenerated at {BASELINE}; look at it, then rerun without "
            "INFODECK_REGEN_GOLDEN"
        )
    if not BASELINE.exists():
        pytest.fail(f"no baseline at {BASELINE}; create it with INFODECK_REGEN_GOLDEN=1")
    expected = tmp_path / "sample_page-expected.png"
    shutil.copyfile(BASELINE, expected)
    failure = compare_images(str(expected), str(actual), tol=2)
    assert failure is None, f"{failure} (diff image: {tmp_path / 'sample_page-failed-diff.png'})"


def _ink_over_advance(size: float) -> float:
    from infodeck.scene.text import text_width

    text = "[6] Arzani M, et al. The Journal of Headache and Pain. 2020."
    page = Page(900, 60, "#FFFFFF", (text_box("t", 0, 0, 900, 60, [para(text, size)]),))
    px = pixels(page, 300)
    ink = np.where((px[..., 0] < 160).any(axis=0))[0]
    return (ink[-1] + 1 - ink[0]) * 72 / 300 / text_width(text, font(size))


@pytest.mark.parametrize("size", [9.0, 11.0, 14.0])
def test_small_text_is_drawn_as_wide_as_measured(size: float) -> None:
    """Hinting off: small print keeps the proportions of large type (hinted 9 pt ran 2 %
    wider than measured and ate the spaces between runs)."""
    assert _ink_over_advance(size) == pytest.approx(_ink_over_advance(28.0), abs=0.003)


def test_mixed_runs_draw_bold_italic_and_scripts_on_one_line() -> None:
    """Bold ink is heavier; a subscript is drawn lower and smaller; runs share the line."""
    from infodeck.compose.kit import Kit
    from infodeck.compose.layouts import get_layout, get_theme

    kit = Kit(get_layout("deck-16x9"), get_theme("default"))

    def ink(markup: str) -> np.ndarray:
        par = Paragraph(tuple(kit.marked(markup, 40, "#000000")))
        page = Page(400, 100, "#FFFFFF", (text_box("t", 0, 0, 400, 100, [par]),))
        w, h, rgba = render_rgba(page, 72)
        return np.frombuffer(rgba, np.uint8).reshape(h, w, 4)[:, :, 0] < 128

    regular, bold = ink("Leaf Leaf"), ink("Leaf **Leaf**")
    assert bold.sum() > regular.sum() * 1.1
    assert ink("Leaf *Leaf*").sum() != regular.sum()
    co, co2 = ink("CO"), ink("CO~2~")
    below = co2.any(axis=1).nonzero()[0].max()
    assert below > co.any(axis=1).nonzero()[0].max()  # the 2 hangs below the baseline
    assert co2.any(axis=0).nonzero()[0].max() > co.any(axis=0).nonzero()[0].max()
    assert (ink("x^2^").any(axis=1).nonzero()[0].min() < ink("x").any(axis=1).nonzero()[0].min())
