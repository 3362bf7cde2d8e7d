"""The matplotlib backend: a composed ``Page`` → PNG, SVG or PDF, or RGBA for the preview.

Nothing is laid out here. The composer measured and broke every line with the
font's real metrics, so this backend only puts the given segments at the given
baselines; that is what keeps print output, preview and PowerPoint alike.

One figure per page, one axes filling it, data coordinates in points with y down
(the scene's own units), so every coordinate is drawn exactly as composed and line
widths and font sizes, which matplotlib takes in points, need no conversion.

Only ``Figure`` and the Agg/PDF canvases are used, never pyplot, and rcParams are
not changed while drawing (the one scoped exception is the SVG id salt), so pages can
be rendered from worker threads while the GUI renders its preview. The settings that
are process-wide (glyph hinting off) are made once by ``configure``, which the faces
call at start; nothing changes at import. Speed code on matplotlib's private names
lives in ``fastpaths``, behind its one switch.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Literal

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import (
    BoxStyle,
    Ellipse,
    FancyArrowPatch,
    FancyBboxPatch,
    Patch,
    PathPatch,
    Rectangle,
    Wedge,
)
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox, TransformedBbox
from PIL import Image

from infodeck.render import Cancelled, fastpaths
from infodeck.render.pngmeta import open_image, write_png
from infodeck.scene import fonts
from infodeck.scene.chartaxis import format_number, value_axis, vertical_axis
from infodeck.scene.elements import (
    Align,
    Box,
    Chart,
    Connector,
    Element,
    Font,
    Icon,
    Page,
    Paragraph,
    Picture,
    Run,
    TextFrame,
    iter_elements,
)
from infodeck.scene.text import (
    BASELINE_RATIO,
    SCRIPT_SCALE,
    SUBSCRIPT_DROP,
    SUPERSCRIPT_RISE,
    is_rtl,
    paragraph_align,
    text_width,
    wrap_paragraph,
)

Format = Literal["png", "svg", "pdf"]
Output = str | Path | BinaryIO

MAX_SIDE_PX = 16000  # Agg refuses 2^16 px; far below that memory runs out first
MAX_DPI = 1200.0
PDF_IMAGE_DPI = 300.0  # resolution of pictures embedded in multi-page PDFs
# mutation_scale per point of line width. The stroked head is a mitred triangle
# 0.4 * scale + 1.56 * width wide; 8.6 makes it 5 widths wide and long, the size
# of PowerPoint's "lg" triangle end that the .pptx asks for (readable from the back row).
ARROW_SCALE = 8.6
GRID_WIDTH = 0.75  # chart gridlines, as the PowerPoint backend sets them
BAR_GAP = 0.6  # gap between bars as a fraction of a bar's thickness (gap width 60 %)
CHART_LINE_SPACING = 1.15
LABEL_GAP = 0.6  # between a bar's end and its value label, in label sizes: never touching
LINE_WIDTH = 2.25  # a line chart's line, in points
MARKER_SIZE = 6.0  # a line chart's point markers, in points
DONUT_HOLE = 0.45  # the ring's width as a share of its radius (PowerPoint's hole size 55 %)
DONUT_EDGE = "#FFFFFF"  # a thin white line between a donut's parts, as PowerPoint's default
DONUT_LEGEND = 0.45  # share of a donut chart's width given to its legend
SVG_SALT = "infodeck"
SOFTWARE = "Infodeck"

_SVG_LOCK = threading.Lock()  # rc_context is process-wide: one SVG save at a time
_ARROWSTYLE = {
    (False, False): "-",
    (True, False): "-|>",
    (False, True): "<|-",
    (True, True): "<|-|>",
}
_HA: dict[Align, str] = {"left": "left", "center": "center", "right": "right"}
# PNG keys map to the nearest field of the vector formats; others are dropped there.
_PDF_KEYS = {
    "Title": "Title",
    "Author": "Author",
    "Subject": "Subject",
    "Description": "Subject",
    "Keywords": "Keywords",
    "Source": "Keywords",
    "Creator": "Creator",
    "Software": "Creator",
}
_SVG_KEYS = {
    "Title": "Title",
    "Author": "Creator",
    "Creator": "Creator",
    "Description": "Description",
    "Subject": "Description",
    "Source": "Source",
    "Keywords": "Keywords",
    "Language": "Language",
    "Rights": "Rights",
    "Publisher": "Publisher",
}


# ------------------------------------------------------------------ public API

_configured = False


def configure() -> None:
    """Set the process-wide settings Infodeck draws with; the faces call it at start.

    Glyph hinting off (read by Agg when fonts are loaded and drawn, so it is set
    before any figure exists): hinted advances at print sizes run up to 2 % wider
    than the font's metrics, which ate the spaces between runs the composer
    measured. Importing this module changes nothing; drawing calls this too, so a
    caller that forgot still draws right. Idempotent.
    """
    global _configured
    if _configured:
        return
    matplotlib.rcParams["text.hinting"] = "no_hinting"
    # Carlito's head table gives its creation time in Unix seconds, not Mac ones; fontTools
    # reads it right but warns on the terminal each time a PDF embeds a subset of it.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    _configured = True



def pixel_size(page: Page, dpi: float) -> tuple[int, int]:
    """The raster size of ``page`` at ``dpi``, refusing what cannot or should not be drawn.

    Checked before any figure exists, because Agg fails late (and with a less
    helpful message) on sides of 2^16 px, and a huge bitmap can exhaust memory.

    Raises:
        ValueError: bad page size or DPI, or a side longer than ``MAX_SIDE_PX``.

    """
    if not (math.isfinite(dpi) and 0 < dpi <= MAX_DPI):
        raise ValueError(f"the resolution must be above 0 and at most {MAX_DPI:g} dpi, not {dpi}")
    if (
        not (math.isfinite(page.width) and math.isfinite(page.height))
        or min(page.width, page.height) <= 0
    ):
        raise ValueError(f"the page size must be positive, not {page.width} × {page.height} pt")
    w, h = round(page.width / 72 * dpi), round(page.height / 72 * dpi)
    if max(w, h) > MAX_SIDE_PX:
        raise ValueError(
            f"the image would be {w} × {h} pixels; at most {MAX_SIDE_PX} pixels a side are "
            f"allowed, so choose a resolution of at most "
            f"{math.floor(MAX_SIDE_PX * 72 / max(page.width, page.height))} dpi"
        )
    return max(1, w), max(1, h)


def render_page(
    page: Page,
    out: Output,
    fmt: Format,
    dpi: float,
    *,
    metadata: dict[str, str] | None = None,
) -> None:
    """Draw one page to a PNG (with its DPI and text chunks), SVG or PDF.

    ``metadata`` uses PNG's keys (Title, Author, Description, Source, Software);
    for SVG and PDF they are mapped to those formats' nearest fields. Vector files
    carry no dates, so the same page always gives the same bytes.
    """
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"unknown image format {fmt!r}; choose png, svg or pdf")
    pixel_size(page, dpi)
    if fmt == "png":
        # What savefig would write (the same pixels, text chunks and DPI), encoded
        # by pngmeta.write_png, which is several times faster than Pillow's writer.
        w, h, rgba = _draw_rgba(page, dpi)
        write_png(out, rgba, w, h, dpi=dpi, text=_png_metadata(metadata))
        return
    fig = _draw_figure(page, dpi, snap_to_pixels=False)
    common: dict[str, Any] = {"format": fmt, "dpi": dpi, "facecolor": page.background}
    if fmt == "pdf":
        with _pdf_fonts([page]), _opened(out) as f:
            fig.savefig(f, metadata=_pdf_metadata(metadata), **common)
    else:
        with _SVG_LOCK, matplotlib.rc_context({"svg.hashsalt": SVG_SALT}), _opened(out) as f:
            fig.savefig(f, metadata=_svg_metadata(metadata), **common)


@contextlib.contextmanager
def _opened(out: Output) -> Iterator[BinaryIO]:
    """``out`` as a binary file that is closed whatever happens.

    matplotlib's vector writers leave the file they opened open when writing fails
    (a full drive): a file still open cannot be removed on Windows, and warns.
    """
    if isinstance(out, (str, Path)):
        with open(out, "wb") as f:
            yield f
    else:
        yield out


def render_rgba(page: Page, dpi: float) -> tuple[int, int, bytes]:
    """Draw ``page`` into memory: ``(width, height, RGBA bytes)`` for the GUI preview.

    Skips PNG encoding, which costs more than drawing at screen resolutions.
    """
    pixel_size(page, dpi)
    w, h, rgba = _draw_rgba(page, dpi)
    return w, h, bytes(rgba)


def _draw_rgba(page: Page, dpi: float) -> tuple[int, int, memoryview]:
    """Draw ``page`` with Agg; the pixels stay in the canvas's buffer (no copy)."""
    fig = _draw_figure(page, dpi, snap_to_pixels=True)
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()  # type: ignore[no-untyped-call]
    w, h = canvas.get_width_height(physical=True)
    buf: memoryview = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    return w, h, buf


def render_pages_pdf(
    pages: Sequence[Page],
    out: Output,
    *,
    metadata: dict[str, str] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> None:
    """Draw ``pages`` as one PDF, one page each at its own size.

    Raises:
        ValueError: no pages, or a page with an impossible size.
        Cancelled: ``cancel()`` returned true between two pages.

    """
    if not pages:
        raise ValueError("a PDF needs at least one page")
    # Imported here: the PDF backend (and fontTools, which it loads) costs a fifth
    # of a second that PNG exports and the preview need not pay.
    from matplotlib.backends.backend_pdf import PdfPages

    for page in pages:
        pixel_size(page, 72.0)
    with (
        _pdf_fonts(pages),
        _opened(out) as f,
        PdfPages(f, metadata=_pdf_metadata(metadata)) as pdf,
    ):
        for page in pages:
            if cancel is not None and cancel():
                raise Cancelled()
            fig = _draw_figure(page, 72.0, snap_to_pixels=False)
            pdf.savefig(fig, dpi=PDF_IMAGE_DPI, facecolor=page.background)


def _needs_fallback(page: Page) -> bool:
    """Whether any text of ``page`` is drawn with the fallback fonts."""
    for el in iter_elements(page.elements):
        if isinstance(el, Box) and el.text is not None:
            for par in el.text.paragraphs:
                for run in par.runs:
                    if not fonts.covers(run.font.file, run.text + (par.bullet or "")):
                        return True
        elif isinstance(el, Chart):
            texts = (*el.categories, *el.labels)
            if any(not fonts.covers(el.font.file, t) for t in texts):
                return True
    return False


@contextlib.contextmanager
def _pdf_fonts(pages: Sequence[Page]) -> Iterator[None]:
    """PDFs with fallback text embed TrueType subsets (Type 42), not Type 3 procedures.

    With Type 3, matplotlib 3.11 drew 😀👍 from the emoji font as 👍👍. Type 42 costs
    more time, so plain pages keep the default; rc_context is process-wide, hence the lock.
    """
    if not any(_needs_fallback(p) for p in pages):
        yield
        return
    with _SVG_LOCK, matplotlib.rc_context({"pdf.fonttype": 42}):
        yield


# -------------------------------------------------------------------- metadata


def _clean_meta(metadata: dict[str, str] | None) -> dict[str, str]:
    """Non-empty values without NULs, which no format can hold."""
    return {k: v.replace("\x00", "") for k, v in (metadata or {}).items() if v and v.strip()}


def _png_metadata(metadata: dict[str, str] | None) -> dict[str, str]:
    # Pillow writes a value Latin-1 cannot encode as iTXt (UTF-8) by itself.
    return {"Software": SOFTWARE, **_clean_meta(metadata)}


def _mapped(metadata: dict[str, str] | None, keys: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    meta = _clean_meta(metadata)
    for pass_direct in (False, True):  # a format's own key wins over an alias of it
        for k, v in meta.items():
            target = keys.get(k)
            if target is not None and (target == k) == pass_direct:
                out[target] = v
    return out


def _pdf_metadata(metadata: dict[str, str] | None) -> dict[str, Any]:
    return {
        "Creator": SOFTWARE,
        **_mapped(metadata, _PDF_KEYS),
        "CreationDate": None,
        "ModDate": None,
    }


def _svg_metadata(metadata: dict[str, str] | None) -> dict[str, Any]:
    return {"Creator": SOFTWARE, **_mapped(metadata, _SVG_KEYS), "Date": None}


# --------------------------------------------------------------------- drawing


def _draw_figure(
    page: Page, dpi: float, *, snap_to_pixels: bool, agg_text: bool | None = None
) -> Figure:
    """A figure of the page's size with every element drawn, not yet rendered.

    For raster output the figure is sized to the whole pixel count, so the file
    is exactly ``round(width / 72 * dpi)`` wide (Agg would truncate otherwise).
    Raster pages, which only Agg draws, get ``fastpaths.AggText`` for their text (when on) unless
    ``agg_text`` is false (the tests compare both).
    """
    configure()
    if snap_to_pixels:
        w_px, h_px = pixel_size(page, dpi)
        figsize = (w_px / dpi, h_px / dpi)
    else:
        figsize = (page.width / 72, page.height / 72)
    fig = Figure(figsize=figsize, dpi=dpi, facecolor=page.background)
    (fastpaths.Canvas if fastpaths.enabled() else FigureCanvasAgg)(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.set_autoscale_on(False)
    ax.set_xlim(0, page.width)
    ax.set_ylim(page.height, 0)  # y grows downwards, as in the scene
    if agg_text is None:
        agg_text = snap_to_pixels and fastpaths.enabled()
    painter = _Painter(ax, dpi, agg_text=agg_text)
    for el in page.elements:
        painter.element(el)
    return fig


def release_buffers() -> None:
    """Let this thread's kept pixel buffer go (after an export, say)."""
    fastpaths.release_buffers()


def clear_caches() -> None:
    """Forget kept text layouts and glyphs and this thread's pixel buffer (memory, benchmarks)."""
    fastpaths.clear_caches()
    release_buffers()


class _Painter:
    """Draws scene elements onto one axes, in scene order.

    matplotlib sorts artists by zorder (images below patches below text by
    default), so every artist gets the next zorder to keep the scene's stacking.
    """

    def __init__(self, ax: Axes, dpi: float, *, agg_text: bool = False) -> None:
        self.ax = ax
        self.dpi = dpi
        self.agg_text = agg_text
        self._z = 0
        # What Axes.add_artist gives every artist as its clip box (the axes patch's
        # extent), made once: add_artist computes the patch's transform afresh for
        # each artist, which was half the cost of building a page. Nothing here is
        # clipped (clip_on is off), so the box is only kept for likeness.
        self._clip_box = TransformedBbox(Bbox.unit(), ax.patch.get_transform())

    def _add(self, artist: Artist) -> None:
        """``Axes.add_artist`` (with a shared clip box on the fast path)."""
        fastpaths.add_artist(self.ax, artist, self._clip_box)

    def _next_z(self) -> int:
        self._z += 1
        return self._z

    def _patch(self, patch: Patch) -> None:
        patch.set_zorder(self._next_z())
        patch.set_clip_on(False)  # the axes is the page; clip paths would only bloat SVG
        # add_artist, not add_patch: the limits are fixed, so the data limits that
        # add_patch computes (costly for rounded boxes and arrows) would go unused.
        self._add(patch)

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        font: Font,
        color: str,
        ha: str = "left",
        size: float | None = None,
    ) -> None:
        """One piece of text with its baseline at ``baseline``; math and TeX stay off.

        Text the font cannot draw alone gets the fallback chain, as it was measured.
        """
        text = fonts.as_drawn(text)
        prop = _font_properties(
            font.file, font.size if size is None else size, not fonts.covers(font.file, text)
        )
        if self.agg_text:
            self._add(fastpaths.AggText(x, baseline, text, prop, color, ha, self._next_z()))
            return
        self.ax.text(
            x,
            baseline,
            text,
            fontproperties=prop,
            color=color,
            ha=ha,
            va="baseline",
            parse_math=False,
            usetex=False,
            clip_on=False,
            zorder=self._next_z(),
        )

    # ---------------------------------------------------------------- elements

    def element(self, el: Element) -> None:
        if isinstance(el, Box):
            self.box(el)
        elif isinstance(el, Connector):
            self.connector(el)
        elif isinstance(el, Chart):
            self.chart(el)
        elif isinstance(el, Picture):
            self.picture(el)
        elif isinstance(el, Icon):
            self.icon(el)
        elif not el.answer:  # a quiz's answer waits for a click: pictures show the question
            for child in el.children:  # a group's alt text is metadata, not ink
                self.element(child)

    def box(self, b: Box) -> None:
        if b.geometry != "none" and (b.fill or (b.line and b.line_width > 0)):
            style: dict[str, Any] = {
                "facecolor": b.fill or "none",
                "edgecolor": b.line if b.line and b.line_width > 0 else "none",
                "linewidth": b.line_width if b.line and b.line_width > 0 else 0.0,
                "joinstyle": "miter",
            }
            patch: Patch
            if b.geometry == "rect":
                patch = Rectangle((b.x, b.y), b.w, b.h, **style)
            elif b.geometry == "ellipse":
                patch = Ellipse((b.x + b.w / 2, b.y + b.h / 2), b.w, b.h, **style)
            else:
                radius = min(0.5, max(0.0, b.corner)) * min(b.w, b.h)
                patch = FancyBboxPatch(
                    (b.x, b.y),
                    b.w,
                    b.h,
                    boxstyle=BoxStyle.Round(pad=0.0, rounding_size=radius),
                    **style,
                )
            self._patch(patch)
        if b.text is not None:
            self.text_frame(b.text, b)

    def text_frame(self, frame: TextFrame, b: Box) -> None:
        """The composer's lines, anchored in the box as PowerPoint anchors them."""
        top = b.y + frame.inset_t
        spare = b.h - frame.inset_t - frame.inset_b - frame.content_height
        if frame.valign == "middle":
            top += spare / 2
        elif frame.valign == "bottom":
            top += spare
        left = b.x + frame.inset_l
        width = b.w - frame.inset_l - frame.inset_r
        for par in frame.paragraphs:
            self.paragraph(par, left, top, width)

    def paragraph(self, par: Paragraph, left: float, top: float, width: float) -> None:
        align = paragraph_align(par)
        rtl = is_rtl(par)  # a right-to-left paragraph: its bullet hangs on the right
        for i, line in enumerate(par.lines):
            baseline = top + line.baseline
            if i == 0 and par.bullet and par.runs and line.segments:
                first = par.runs[0]
                bx, bha = (left + width, "right") if rtl else (left, "left")
                color = par.bullet_color or first.color
                self.text(bx, baseline, par.bullet, first.font, color, bha)
            for seg in line.segments:
                if seg.run.scripted:
                    # Drawn smaller and raised (or lowered), hugging the text before it.
                    size = seg.run.font.size
                    shift = -SUPERSCRIPT_RISE if seg.run.superscript else SUBSCRIPT_DROP
                    self.text(
                        left + seg.x,
                        baseline + shift * size,
                        seg.text,
                        seg.run.font,
                        seg.run.color,
                        size=size * SCRIPT_SCALE,
                    )
                    continue
                # Anchor each piece by the paragraph's alignment, so the few percent
                # by which matplotlib's hinted widths differ from the measured ones
                # never make a left, centred or right edge ragged.
                x = left + seg.x + {"left": 0.0, "center": 0.5, "right": 1.0}[align] * seg.width
                self.text(x, baseline, seg.text, seg.run.font, seg.run.color, _HA[align])

    def connector(self, c: Connector) -> None:
        """A straight line whose arrow tips touch the end points, like PowerPoint's.

        matplotlib shortens the line so a mitred head's tip, stroke included, ends
        exactly at the end point; round joins (its default) would fall short.
        """
        if c.width <= 0 or (c.x1 == c.x2 and c.y1 == c.y2):
            return
        self._patch(
            FancyArrowPatch(
                posA=(c.x1, c.y1),
                posB=(c.x2, c.y2),
                arrowstyle=_ARROWSTYLE[(c.head == "arrow", c.tail == "arrow")],
                mutation_scale=ARROW_SCALE * c.width,
                shrinkA=0.0,
                shrinkB=0.0,
                linewidth=c.width,
                color=c.color,
                joinstyle="miter",
                capstyle="butt",
            )
        )

    def picture(self, p: Picture) -> None:
        """The picture as large as fits its box, keeping its aspect, centred."""
        from io import BytesIO

        im = open_image(BytesIO(p.picture.data)).convert("RGBA")  # read at load, once
        pw, ph = im.size
        scale = min(p.w / max(1, pw), p.h / max(1, ph))
        w, h = pw * scale, ph * scale
        # A photo far larger than it is drawn would only slow the resampling down
        # and swell vector files: reduce it to the pixels it covers (at >= 300 dpi).
        px = max(self.dpi, PDF_IMAGE_DPI) / 72
        tw, th = max(1, math.ceil(w * px)), max(1, math.ceil(h * px))
        if pw > tw and ph > th:
            im = im.resize((tw, th), Image.Resampling.LANCZOS, reducing_gap=3.0)
        left, top = p.x + (p.w - w) / 2, p.y + (p.h - h) / 2
        self.ax.imshow(
            np.asarray(im),
            extent=(left, left + w, top + h, top),
            origin="upper",
            interpolation="antialiased",
            aspect="auto",
            clip_on=False,
            zorder=self._next_z(),
        )

    def icon(self, ic: Icon) -> None:
        """Each path of the icon as a vector ``PathPatch``, scaled into its box."""
        scale, left, top = ic.placement()
        for vp in ic.icon.paths:
            path = icon_path(vp.ops, scale, left, top)
            if path is None:
                continue
            if vp.paint == "fill":
                patch = PathPatch(path, facecolor=ic.color, edgecolor="none", linewidth=0.0)
            else:
                patch = PathPatch(
                    path,
                    facecolor="none",
                    edgecolor=ic.color,
                    linewidth=vp.width * scale,
                    capstyle={"butt": "butt", "round": "round", "square": "projecting"}[vp.cap],
                    joinstyle=vp.join,
                )
                # Snapping would pull a dot (a stroke 0.01 units long, as icon sets draw
                # dots) onto one pixel and Agg would drop it; PowerPoint draws it.
                patch.set_snap(False)
            self._patch(patch)

    # ------------------------------------------------------------------- chart

    def chart(self, c: Chart) -> None:
        """A chart as PowerPoint draws the native one: bars, columns, a line or a donut."""
        if not c.categories:
            return
        if c.style == "donut":
            self._donut(c)
        elif c.style in ("column", "line"):
            self._columns_or_line(c)
        else:
            self._bars(c)

    def _legend_height(self, c: Chart) -> float:
        """Room the legend row takes at the chart's bottom (none without a legend)."""
        return c.font.size * CHART_LINE_SPACING * 1.6 if c.legend and len(c.series) > 1 else 0.0

    def _legend(self, c: Chart, bottom: float) -> None:
        """The series' names with their colour swatches, centred in a row above ``bottom``."""
        if not self._legend_height(c):
            return
        font, fs = c.font, c.font.size
        lh = fs * CHART_LINE_SPACING
        sw = fs * 0.8
        parts = [(s.color, s.name) for s in c.series]
        widths = [sw + 0.4 * fs + text_width(name, font) for _, name in parts]
        total = sum(widths) + 1.5 * fs * (len(parts) - 1)
        x = c.x + (c.w - total) / 2
        mid = bottom - lh / 2
        for (color, name), wd in zip(parts, widths, strict=True):
            self._patch(Rectangle((x, mid - sw / 2), sw, sw, facecolor=color, edgecolor="none",
                                  linewidth=0.0))
            self.text(x + sw + 0.4 * fs, _centred_baseline(mid, lh), name, font, c.text_color)
            x += wd + 1.5 * fs

    def _gridline(self, c: Chart, xs: tuple[float, float], ys: tuple[float, float]) -> None:
        self._add(Line2D(list(xs), list(ys), color=c.grid_color, linewidth=GRID_WIDTH,
                         solid_capstyle="butt", clip_on=False, zorder=self._next_z()))

    def _bars(self, c: Chart) -> None:
        """Horizontal bars, as PowerPoint draws the native bar chart.

        First category on top, labels in the left 38 %, wrapped and right-aligned
        against the axis; series stacked (a value, then the rest of its range); light
        gridlines at a readable step with values below; each bar's data label just
        past its end, a gap away, with room kept for it inside the chart.
        """
        n = len(c.categories)
        font, color, fs = c.font, c.text_color, c.font.size
        lh = fs * CHART_LINE_SPACING
        axis = value_axis(c)
        vmin, vmax, x0, x1 = axis.vmin, axis.vmax, axis.x0, axis.x1
        y0 = c.y + 0.3 * fs
        legend_h = self._legend_height(c)
        y1 = max(y0 + 1.0, c.y + c.h - 1.6 * fs - legend_h)
        sx = (x1 - x0) / (vmax - vmin)

        def at(v: float) -> float:
            return x0 + (min(max(v, vmin), vmax) - vmin) * sx

        for v in axis.ticks():  # gridlines and their values
            self._gridline(c, (at(v), at(v)), (y0, y1))
            self.text(at(v), y1 + 0.3 * fs + BASELINE_RATIO * lh,
                      format_number(v, c.number_format, c.marks), font, color, "center")
        row = (y1 - y0) / n
        bar = row / (1 + BAR_GAP)
        base = min(max(0.0, vmin), vmax)
        for i, cat in enumerate(c.categories):
            mid = y0 + (i + 0.5) * row
            self._category_label(cat, font, color, c.x, x0 - 0.5 * fs, mid, lh)
            end = base
            for s in c.series:
                v = s.values[i] if i < len(s.values) else 0.0
                a, b = sorted((at(end), at(end + v)))
                if b > a:
                    self._patch(Rectangle((a, mid - bar / 2), b - a, bar, facecolor=s.color,
                                          edgecolor="none", linewidth=0.0))
                end += v
            if i < len(c.labels) and c.labels[i]:
                self.text(at(max(end, base)) + LABEL_GAP * fs, _centred_baseline(mid, lh),
                          c.labels[i], font, color)
        self._legend(c, c.y + c.h)

    def _columns_or_line(self, c: Chart) -> None:
        """Columns (stacked for ranges) or a line with markers, over wrapped category labels.

        The value axis stands at the left with gridlines across; each data label sits
        above its column or point, a gap away from it.
        """
        n = len(c.categories)
        font, color, fs = c.font, c.text_color, c.font.size
        lh = fs * CHART_LINE_SPACING
        legend_h = self._legend_height(c)
        wrap_w = max(1.0, c.w * 0.92 / max(1, n))
        wrapped = [
            wrap_paragraph(Paragraph((Run(cat, font, color),), align="center",
                                     line_spacing=CHART_LINE_SPACING), wrap_w)
            for cat in c.categories
        ]
        cat_h = max(len(lines) for lines in wrapped) * lh
        y0 = c.y + lh * 1.3  # room for the top value's label
        y1 = max(y0 + 1.0, c.y + c.h - cat_h - 0.5 * fs - legend_h)
        axis = vertical_axis(c, y0, y1)
        vmin, vmax, x0, x1 = axis.vmin, axis.vmax, axis.x0, axis.x1
        sy = (y1 - y0) / (vmax - vmin)

        def at(v: float) -> float:
            return y1 - (min(max(v, vmin), vmax) - vmin) * sy

        for v in axis.ticks():
            self._gridline(c, (x0, x1), (at(v), at(v)))
            self.text(x0 - 0.4 * fs, _centred_baseline(at(v), lh),
                      format_number(v, c.number_format, c.marks), font, color, "right")
        slot = (x1 - x0) / n
        col_w = slot / (1 + BAR_GAP)
        base = min(max(0.0, vmin), vmax)
        points: list[tuple[float, float]] = []
        for i, lines in enumerate(wrapped):
            mid = x0 + (i + 0.5) * slot
            top = y1 + 0.4 * fs
            for line in lines:
                for seg in line.segments:
                    # Centred lines: each segment's x already counts the centring.
                    self.text(mid - wrap_w / 2 + seg.x, top + line.baseline, seg.text,
                              font, color)
            end = base
            if c.style == "line":
                end = c.series[0].values[i] if c.series[0].values else 0.0
                points.append((mid, at(end)))
            else:
                for s in c.series:
                    v = s.values[i] if i < len(s.values) else 0.0
                    a, b = sorted((at(end), at(end + v)))
                    if b > a:
                        self._patch(Rectangle((mid - col_w / 2, a), col_w, b - a,
                                              facecolor=s.color, edgecolor="none", linewidth=0.0))
                    end += v
            if i < len(c.labels) and c.labels[i]:
                gap = LABEL_GAP * fs + (MARKER_SIZE / 2 if c.style == "line" else 0.0)
                self.text(mid, at(max(end, base)) - gap - (lh - BASELINE_RATIO * lh),
                          c.labels[i], font, color, "center")
        if points:
            s0 = c.series[0]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            self._add(Line2D(xs, ys, color=s0.color, linewidth=LINE_WIDTH, marker="o",
                             markersize=MARKER_SIZE, markerfacecolor=s0.color,
                             markeredgecolor=s0.color, solid_joinstyle="round",
                             clip_on=False, zorder=self._next_z()))
        self._legend(c, c.y + c.h)

    def _donut(self, c: Chart) -> None:
        """Parts of a whole as a ring, clockwise from the top, with a legend at the right.

        The legend names each part with its colour and data label, so no label has
        to squeeze into a thin slice.
        """
        font, color, fs = c.font, c.text_color, c.font.size
        lh = fs * CHART_LINE_SPACING
        values = [max(0.0, v) for v in c.series[0].values] if c.series else []
        total = sum(values)
        if total <= 0:
            return
        legend_w = c.w * DONUT_LEGEND
        r = max(1.0, min(c.w - legend_w, c.h) / 2 - fs * 0.5)
        cx, cy = c.x + (c.w - legend_w) / 2, c.y + c.h / 2
        angle = -90.0  # the top: y grows downwards, so growing angles run clockwise
        for i, v in enumerate(values):
            sweep = 360.0 * v / total
            if sweep > 0:
                col = c.colors[i] if i < len(c.colors) else c.series[0].color
                self._patch(Wedge((cx, cy), r, angle, angle + sweep, width=r * DONUT_HOLE,
                                  facecolor=col, edgecolor=DONUT_EDGE, linewidth=1.0))
            angle += sweep
        rows = len(c.categories)
        top = cy - rows * lh * 1.3 / 2
        lx = c.x + c.w - legend_w + fs
        sw = fs * 0.8
        for i, cat in enumerate(c.categories):
            mid = top + (i + 0.5) * lh * 1.3
            col = c.colors[i] if i < len(c.colors) else c.series[0].color
            self._patch(Rectangle((lx, mid - sw / 2), sw, sw, facecolor=col, edgecolor="none",
                                  linewidth=0.0))
            label = f"{cat}: {c.labels[i]}" if i < len(c.labels) and c.labels[i] else cat
            self.text(lx + sw + 0.4 * fs, _centred_baseline(mid, lh), label, font, color)

    def _category_label(
        self, text: str, font: Font, color: str, left: float, right: float, mid: float, lh: float
    ) -> None:
        """A category name wrapped to the label column, right-aligned, centred on its row."""
        par = Paragraph((Run(text, font, color),), align="right", line_spacing=CHART_LINE_SPACING)
        lines = wrap_paragraph(par, max(1.0, right - left))
        top = mid - len(lines) * lh / 2
        for line in lines:
            for seg in line.segments:
                self.text(
                    left + seg.x + seg.width, top + line.baseline, seg.text, font, color, "right"
                )


def icon_path(
    ops: Sequence[tuple[str, tuple[float, ...]]], scale: float, left: float, top: float
) -> MplPath | None:
    """Scene path commands (icon units) as a matplotlib ``Path`` in page points."""
    verts: list[tuple[float, float]] = []
    codes: list[Any] = []  # MplPath's code constants are numpy integers
    start = (left, top)
    for op, a in ops:
        pts = [(left + a[k] * scale, top + a[k + 1] * scale) for k in range(0, len(a), 2)]
        if op == "M":
            start = pts[0]
            verts.append(pts[0])
            codes.append(MplPath.MOVETO)
        elif op == "L":
            verts.append(pts[0])
            codes.append(MplPath.LINETO)
        elif op == "C":
            verts += pts
            codes += [MplPath.CURVE4] * 3
        elif op == "Z" and codes:
            verts.append(start)
            codes.append(MplPath.CLOSEPOLY)
    return MplPath(verts, codes) if codes else None


def _centred_baseline(mid: float, lh: float) -> float:
    """The baseline that centres one line of height ``lh`` on ``mid``, as the composer would."""
    return mid - lh / 2 + BASELINE_RATIO * lh


# ------------------------------------------------------------- text on Agg


class _ChainProperties(FontProperties):
    """Font properties for a font file and its fallbacks (see scene/fonts.py).

    matplotlib looks up each family of a ``FontProperties`` on its own (a copy
    with that one family) and falls back through the fonts found, shaping with
    libraqm. Here the families are the font files themselves, so that lookup
    needs no font list: a one-family copy names its file.
    """

    def get_file(self) -> str | None:
        family = self.get_family()
        return family[0] if len(family) == 1 else None

    def __copy__(self) -> _ChainProperties:  # FontProperties' own copy drops the subclass
        new = _ChainProperties.__new__(_ChainProperties)
        new.__dict__.update(self.__dict__)
        return new


@functools.lru_cache(maxsize=256)
def _font_properties(path: str, size: float, chain: bool = False) -> FontProperties:
    """Shared per font file and size: artists copy it (Text) or only read it (AggText).

    ``chain``: with the bundled fallback fonts after ``path``, for text it cannot draw alone.
    """
    if chain:
        return _ChainProperties(family=list(fonts.chain(path)), size=size)
    return FontProperties(fname=path, size=size)
