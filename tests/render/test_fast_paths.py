"""The speed-ups of the drawing path give exactly what the plain path gives.

``render.fastpaths`` draws raster text with ``AggText`` (matplotlib's own Agg text
drawing without its per-string overhead), reuses a thread's pixel buffer between
pages, and writes PNGs with ``pngmeta.write_png`` instead of Pillow's encoder.
Each is compared here, pixel for pixel and chunk for chunk, with what matplotlib
and Pillow produce on their own, on real composed pages.
"""

from __future__ import annotations

import io
import random
import threading
import zlib
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.export.plan import diagram_pages
from infodeck.render import fastpaths, mpl, pngmeta
from infodeck.scene.elements import Page
from infodeck.scene.text import layout_frame, wrap_paragraph

from conftest import ROOT

PACK = ROOT / "tests" / "data" / "photosynthesis"


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    pack = load_pack(PACK).pack
    assert pack is not None
    ids = [s.id for s in pack.sections]
    theme = get_theme("high-contrast")
    out = list(compose_deck(pack, ids, get_layout("deck-4x3"), theme).pages[:4])
    out += compose_infographic(pack, ids, get_layout("a4-portrait"), get_theme("default")).pages
    out += [p for _, p in diagram_pages(pack, ids, get_layout("deck-16x9"), get_theme("default"))]
    return out


def stock_rgba(page: Page, dpi: float) -> bytes:
    """The page drawn with matplotlib's own ``Text`` artists and a fresh buffer."""
    fig = mpl._draw_figure(page, dpi, snap_to_pixels=True, agg_text=False)
    canvas = FigureCanvasAgg(fig)  # matplotlib's own canvas: a new buffer every time
    canvas.draw()
    return bytes(canvas.buffer_rgba())


@pytest.mark.parametrize("dpi", [41.5, 96, 150])
def test_agg_text_draws_the_same_pixels_as_text(pages: list[Page], dpi: float) -> None:
    for page in pages:
        _, _, fast = mpl.render_rgba(page, dpi)
        assert fast == stock_rgba(page, dpi)
        _, _, again = mpl.render_rgba(page, dpi)  # now from the kept layouts
        assert again == fast


def test_a_kept_buffer_keeps_nothing_of_the_last_page(pages: list[Page]) -> None:
    a, b = pages[0], pages[1]
    assert mpl.pixel_size(a, 72) == mpl.pixel_size(b, 72)
    mpl.release_buffers()
    fresh = mpl.render_rgba(b, 72)
    mpl.render_rgba(a, 72)
    assert mpl.render_rgba(b, 72) == fresh  # drawn into a's buffer


def test_threads_draw_alike(pages: list[Page]) -> None:
    expected = [mpl.render_rgba(p, 60) for p in pages]
    results: dict[int, list[tuple[int, int, bytes]]] = {}

    def work(k: int) -> None:
        results[k] = [mpl.render_rgba(p, 60) for p in pages]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(3))


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, i = [], 8
    while i < len(data):
        n = int.from_bytes(data[i : i + 4], "big")
        cid, body = data[i + 4 : i + 8], data[i + 8 : i + 8 + n]
        assert zlib.crc32(cid + body) == int.from_bytes(data[i + 8 + n : i + 12 + n], "big")
        out.append((cid, body))
        i += 12 + n
    return out


@pytest.mark.parametrize("dpi", [72, 300])
def test_png_is_what_savefig_writes(pages: list[Page], dpi: float) -> None:
    """Same pixels, mode, DPI and text chunks, in the same order, as matplotlib + Pillow."""
    page = pages[-1]
    meta = {"Title": "Leaf — 葉", "Author": "A. Teacher", "Source": "[1] Campbell"}
    ours = io.BytesIO()
    mpl.render_page(page, ours, "png", dpi, metadata=meta)
    fig = mpl._draw_figure(page, dpi, snap_to_pixels=True, agg_text=False)
    FigureCanvasAgg(fig)
    theirs = io.BytesIO()
    fig.savefig(theirs, format="png", dpi=dpi, metadata=mpl._png_metadata(meta))
    a, b = chunks(ours.getvalue()), chunks(theirs.getvalue())
    assert [c for c in a if c[0] != b"IDAT"] == [c for c in b if c[0] != b"IDAT"]
    with Image.open(ours) as x, Image.open(theirs) as y:
        x.load()
        y.load()
        assert (x.mode, x.size, x.info, x.text) == (y.mode, y.size, y.info, y.text)
        assert np.array_equal(np.asarray(x), np.asarray(y))
    assert len(ours.getvalue()) < 1.1 * len(theirs.getvalue())


@pytest.mark.parametrize("size", [(1, 1), (3, 2), (700, 40), (1200, 900)])
def test_write_png_round_trips_any_pixels(tmp_path: Path, size: tuple[int, int]) -> None:
    w, h = size
    rng = np.random.default_rng(w * h)
    pixels = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
    pixels[h // 2 :] = 255  # flat areas too, as pages have
    out = tmp_path / "p.png"
    pngmeta.write_png(out, pixels.tobytes(), w, h, dpi=96)
    with Image.open(out) as im:
        im.load()
        assert im.mode == "RGBA" and im.size == (w, h)
        assert im.info["dpi"] == pytest.approx((96, 96), abs=0.02)
        assert np.array_equal(np.asarray(im), pixels)


def test_write_png_refuses_a_wrong_buffer() -> None:
    with pytest.raises(ValueError, match="not 4 × 4 RGBA pixels"):
        pngmeta.write_png(io.BytesIO(), bytes(60), 4, 4)


def test_adler32_combine_is_zlibs() -> None:
    rnd = random.Random(7)
    for _ in range(200):
        a = rnd.randbytes(rnd.randint(0, 3000))
        b = rnd.randbytes(rnd.randint(0, 100_000))
        combined = pngmeta._adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b))
        assert combined == zlib.adler32(a + b)


def test_text_caches_answer_as_the_first_layout(pages: list[Page]) -> None:
    """A cached layout equals a fresh one, also for runs that are the same object twice."""
    from infodeck.scene import text

    frames = [
        el.text
        for page in pages
        for el in page.elements
        if getattr(el, "text", None) is not None and el.text.paragraphs
    ]
    assert frames
    for frame in frames:
        unlaid = frame.__class__(
            tuple(
                p.__class__(
                    p.runs,
                    p.align,
                    p.line_spacing,
                    p.space_before,
                    p.bullet,
                    p.bullet_color,
                    p.indent,
                )
                for p in frame.paragraphs
            ),
            frame.valign,
            frame.inset_l,
            frame.inset_t,
            frame.inset_r,
            frame.inset_b,
        )
        cached = layout_frame(unlaid, 300.0)
        assert cached == text._layout_frame(unlaid, 300.0)
        for par in unlaid.paragraphs:
            assert wrap_paragraph(par, 123.0) == text._wrap_paragraph(par, 123.0)
    par = frames[0].paragraphs[0]
    run = par.runs[0]
    twice = par.__class__((run, run), lines=())
    equal = par.__class__((run, run.__class__(run.text, run.font, run.color)), lines=())
    for width in (200.0, 5000.0):
        assert wrap_paragraph(twice, width) == text._wrap_paragraph(twice, width)
        assert wrap_paragraph(equal, width) == text._wrap_paragraph(equal, width)
    assert len(wrap_paragraph(twice, 5000.0)[0].segments) == 1  # one run object: merged
    assert len(wrap_paragraph(equal, 5000.0)[0].segments) == 2


def test_vector_formats_keep_text_as_text(pages: list[Page]) -> None:
    """SVG and PDF never get the Agg-only artist."""
    fig = mpl._draw_figure(pages[0], 72, snap_to_pixels=False)
    assert isinstance(fig, Figure)
    assert not any(isinstance(a, fastpaths.AggText) for a in fig.axes[0].get_children())
    assert fig.axes[0].texts
