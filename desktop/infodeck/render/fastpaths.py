"""Speed code on matplotlib's private names, in one module behind one switch.

Everything here repeats private steps of matplotlib 3.11 to draw the same pixels in
a fraction of the time; nowhere else in Infodeck touches matplotlib's private names.

* ``AggText``: raster text drawn glyph by glyph with Agg's own calls, each string's
  layout and each glyph's bitmap kept (``Text`` shapes and lays out on every draw).
* Mapped fonts: FreeType reads font files from memory maps instead of through
  Python file objects (a dozen system calls per character otherwise).
* ``add_artist``: ``Axes.add_artist`` with the clip box shared, not made per artist.
* ``Canvas``: an Agg canvas that reuses its thread's last pixel buffer of that size.

The switch: ``enabled()`` is true when this matplotlib is the one these steps were
written for (``supported()``: pinned in pyproject.toml, and a test fails, never
skips, when another is installed) and ``INFODECK_FAST_PATHS`` is not ``0``. Off,
``render.mpl`` draws through the public API; tests/render/test_fast_paths.py and the
golden images compare both, pixel for pixel.
"""

from __future__ import annotations

import mmap
import os
import re
import threading
import types
from typing import Any

import matplotlib
import numpy as np
from matplotlib import font_manager, ft2font
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.transforms import BboxBase

SUPPORTED_VERSIONS = ((3, 11),)  # keep in step with matplotlib's pin in pyproject.toml


def matplotlib_version() -> tuple[int, ...]:
    """The (major, minor) version of matplotlib, whose private steps we repeat per version."""
    return tuple(int(p) for p in re.findall(r"\d+", matplotlib.__version__)[:2])


def supported() -> bool:
    """Whether this matplotlib has the private steps this module repeats, as they were."""
    return (
        matplotlib_version() in SUPPORTED_VERSIONS
        and getattr(getattr(font_manager, "_get_font", None), "__wrapped__", None) is not None
        and hasattr(font_manager, "_cached_realpath")
        and hasattr(font_manager.fontManager, "_find_fonts_by_props")
        and hasattr(RendererAgg, "_prepare_font")
        and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
        and hasattr(ft2font.FT2Font, "_layout")
        and hasattr(ft2font.FT2Font, "_render_glyph")
        and hasattr(ft2font.FT2Font, "_set_transform")
        and hasattr(Text, "_get_layout")
        and hasattr(Axes, "_set_artist_props")
    )


SUPPORTED = supported()
_on = os.environ.get("INFODECK_FAST_PATHS", "").strip() != "0"


def enabled() -> bool:
    """The one switch: whether drawing takes the fast paths."""
    return _on and SUPPORTED


def set_enabled(on: bool) -> None:
    """Turn the fast paths on or off for this process (tests compare both)."""
    global _on
    _on = on
    clear_caches()


# ------------------------------------------------------------------ artists


def add_artist(ax: Axes, artist: Artist, clip_box: BboxBase) -> None:
    """``Axes.add_artist``, with the clip box shared instead of made per artist.

    The same steps in the same order; only ``set_clip_path(ax.patch)``, which for
    the rectangular axes patch sets just this clip box, is replaced by it.
    """
    children: list[Artist] | None = getattr(ax, "_children", None)
    if not enabled() or children is None:
        ax.add_artist(artist)
        return
    artist.axes = ax
    children.append(artist)
    artist._remove_method = children.remove  # type: ignore[attr-defined]
    ax._set_artist_props(artist)  # type: ignore[attr-defined]
    artist.set_clip_box(clip_box)
    ax.stale = True


# ----------------------------------------------------------- pixel buffers


_buffers = threading.local()


class Canvas(FigureCanvasAgg):
    """An Agg canvas that draws into the last pixel buffer of its size in this thread.

    Every page would otherwise get a new buffer (35 MB for A4 at 300 dpi), which the
    system must map and zero page by page, and which lives on until the garbage
    collector breaks the figure's reference cycles. ``draw`` clears the buffer
    first, so reusing it changes no pixel. One thread draws one page at a time,
    and every caller here is done with a page's pixels before it returns.
    """

    def get_renderer(self) -> RendererAgg:
        w, h = self.get_width_height(physical=True)
        key = (w, h, self.figure.dpi)
        kept: tuple[tuple[int, int, float], RendererAgg] | None = getattr(_buffers, "agg", None)
        if kept is not None and kept[0] == key:
            renderer = kept[1]
        else:
            _buffers.agg = None  # let the old buffer go before making the new one
            renderer = RendererAgg(w, h, self.figure.dpi)  # type: ignore[no-untyped-call]
            use_mapped_fonts(renderer)
            _buffers.agg = (key, renderer)
        self.renderer = renderer
        self._lastKey = key
        return renderer


def release_buffers() -> None:
    """Let this thread's kept pixel buffer go."""
    _buffers.agg = None


# ------------------------------------------------------------ mapped fonts


_IDENTITY = [[0x10000, 0], [0, 0x10000]]
_local = threading.local()
# matplotlib's private helpers the mapped fonts build on (see ``supported``).
_GET_FONT: Any = getattr(getattr(font_manager, "_get_font", None), "__wrapped__", None)
_REALPATH: Any = getattr(font_manager, "_cached_realpath", None)


class _FontMap(mmap.mmap):
    """A read-only map of a font file that remembers the file's path."""

    path: str


def use_mapped_fonts(renderer: RendererAgg) -> None:
    """Have ``renderer`` shape and draw text with this thread's mapped fonts (when on)."""
    if enabled():
        renderer._prepare_font = types.MethodType(_prepare_font, renderer)  # type: ignore[method-assign]


def font_path(font: Any) -> str:
    """The file a font object (mapped or matplotlib's own) was opened from."""
    fname = font.fname
    return fname.path if isinstance(fname, _FontMap) else str(fname)


def _prepare_font(renderer: RendererAgg, prop: FontProperties) -> Any:
    """``RendererAgg._prepare_font``, with the font from ``_font`` instead of ``get_font``."""
    font = _font(font_manager.fontManager._find_fonts_by_props(prop))
    font.clear()
    font.set_size(prop.get_size_in_points(), renderer.dpi)
    return font


def _font(found: list[Any]) -> Any:
    """``font_manager.get_font`` of the files found, each read from a map of it.

    matplotlib's own construction (fallback fonts, the Last Resort font and its
    character map) is called with maps in place of paths, so the font falls back
    exactly as matplotlib's does.
    """
    paths = tuple(
        (_REALPATH(f.path), f.face_index)
        if isinstance(f, font_manager.FontPath)
        else (_REALPATH(f), 0)
        for f in found
    )
    fonts: dict[tuple[tuple[str, int], ...], Any] = _local.__dict__.setdefault("fonts", {})
    font = fonts.get(paths)
    if font is None:
        font = _GET_FONT(
            tuple((_map(path), index) for path, index in paths),
            _kerning_factor=matplotlib.rcParams["text.kerning_factor"],
            thread_id=threading.get_ident(),
            enable_last_resort=matplotlib.rcParams["font.enable_last_resort"],
        )
        fonts[paths] = font
    font._set_transform(_IDENTITY, [0, 0])  # as get_font does: always upright
    return font


def _map(path: str) -> _FontMap:
    """A new read-only map of the font file at ``path`` (one per font object)."""
    with open(path, "rb") as f:
        m = _FontMap(f.fileno(), 0, access=mmap.ACCESS_READ)
    m.path = path
    return m


def forget() -> None:
    """Drop this thread's mapped fonts (tests; a font file replaced on disk)."""
    _local.__dict__.pop("fonts", None)


# ------------------------------------------------------------------ text on Agg


def _prop_key(prop: FontProperties) -> str:
    """The font files ``prop`` draws with, as a cache key."""
    return str(prop.get_file() or "|".join(prop.get_family()))


# FreeType's 16.16 transform for upright, unslanted text, as Agg computes it per glyph.
_UPRIGHT = np.array([[0x10000, 0], [0, 0x10000]])
_LAYOUT_CACHE_SIZE = 20000
# (font file, size, dpi, ha, text) → (x offset, y offset, ((glyph, dx, dy), ...)).
# Measuring and shaping a string cost FreeType a glyph load per character, twice;
# the preview draws the same strings again and again, so both are kept.
_Laid = tuple[float, float, tuple[tuple[int, float, float], ...] | None]
_layouts: dict[tuple[str, float, float, str, str], _Laid] = {}


_GLYPH_CACHE_BYTES = 24 << 20
# (font file, (size, dpi, load flags, antialiased), glyph, x and y in 1/64 pixel
# modulo 64) → (bitmap, left and top relative to the whole pixels of the position).
_Glyph = tuple[Any, int, int]
_glyphs: dict[tuple[Any, ...], _Glyph] = {}
_glyph_bytes = 0


def _keep_glyph(key: tuple[Any, ...], glyph: _Glyph) -> None:
    global _glyph_bytes
    if _glyph_bytes > _GLYPH_CACHE_BYTES:
        _glyphs.clear()
        _glyph_bytes = 0
    _glyphs[key] = glyph
    _glyph_bytes += glyph[0].nbytes + 200


class AggText(Artist):
    """One line of text, drawn on Agg exactly as ``Axes.text`` would draw it.

    ``Text`` measures, shapes and lays out its string on every draw and makes a
    FreeType transform with NumPy for every glyph; at the sizes of a print page
    that Python work costs more than the rasterizing. This artist takes the
    alignment offsets from ``Text``'s own layout code and the glyph positions from
    the same FreeType shaping (both kept per string, font, size and DPI), then
    renders each glyph with the very calls Agg's ``draw_text`` makes, so the pixels
    are the same bit for bit (a test holds it to that).
    """

    def __init__(
        self, x: float, y: float, text: str, prop: FontProperties, color: str, ha: str, z: int
    ) -> None:
        super().__init__()
        self._x, self._y, self._text = x, y, text
        self._prop, self._ha = prop, ha
        self._rgba = to_rgba(color)
        self._antialiased = bool(matplotlib.rcParams["text.antialiased"])
        self.set_zorder(z)
        self.set_clip_on(False)

    def draw(self, renderer: Any) -> None:
        if not self.get_visible() or not self._text:
            return
        if not isinstance(renderer, RendererAgg):  # only Agg is ever given this artist
            raise TypeError(f"AggText draws on Agg only, not on {type(renderer).__name__}")
        s, prop = self._text, self._prop
        size = prop.get_size_in_points()
        dpi = renderer.dpi
        key = (_prop_key(prop), size, dpi, self._ha, s)
        laid = _layouts.get(key)
        if laid is None:
            laid = self._lay_out(renderer)
            if len(_layouts) >= _LAYOUT_CACHE_SIZE:
                _layouts.clear()
            _layouts[key] = laid
        x_off, y_off, glyphs = laid
        posx, posy = self.get_transform().transform((float(self._x), float(self._y)))
        height = renderer.height
        x = x_off + posx
        y = height - (y_off + posy)  # Agg's y is downwards
        gc = renderer.new_gc()
        gc.set_foreground(self._rgba, isRGBA=True)
        gc.set_alpha(None)  # type: ignore[arg-type]  # as Text does: no forced alpha
        gc.set_antialiased(self._antialiased)
        gc.set_snap(self.get_snap())
        font = renderer._prepare_font(prop)  # type: ignore[no-untyped-call]
        flags = backend_agg.get_hinting_flag()  # type: ignore[no-untyped-call]
        if glyphs is None:  # glyphs from fallback fonts: not kept, shaped every time
            items = font._layout(s, flags=flags, features=None, language=None)
            files = {id(i.ft_object): font_path(i.ft_object) for i in items}
            glyph_items = [
                (i.ft_object, files[id(i.ft_object)], i.glyph_index, i.x, i.y) for i in items
            ]
        else:
            file = font_path(font)
            glyph_items = [(font, file, g, dx, dy) for g, dx, dy in glyphs]
        mode = ft2font.RenderMode.NORMAL if gc.get_antialiased() else ft2font.RenderMode.MONO
        draw_image = renderer._renderer.draw_text_image
        top = int(height)
        base_y = height - y
        style = (size, dpi, flags.value, mode is ft2font.RenderMode.NORMAL)  # plain, fast keys
        for ft, file, glyph, dx, dy in glyph_items:
            px, py = round(0x40 * (x + dx)), round(0x40 * (base_y + dy))
            # A glyph's bitmap depends on its position only through the fraction of
            # a pixel (FreeType's 1/64); whole pixels only move it. So bitmaps are
            # kept by that fraction and moved, instead of rendered again.
            gkey = (file, style, glyph, px & 63, py & 63)
            kept = _glyphs.get(gkey)
            if kept is None:
                ft.set_size(size, dpi)
                ft._set_transform(_UPRIGHT, [px, py])
                bitmap = ft._render_glyph(glyph, flags, mode)
                buffer = bitmap.buffer
                if mode is ft2font.RenderMode.MONO:
                    buffer *= 0xFF
                left, btop = bitmap.left, bitmap.top
                _keep_glyph(gkey, (buffer, left - (px >> 6), btop - (py >> 6)))
            else:
                buffer, left, btop = kept
                left += px >> 6
                btop += py >> 6
            draw_image(buffer, left, top - btop + buffer.shape[0], 0, gc)
        gc.restore()
        self.stale = False

    def _lay_out(self, renderer: RendererAgg) -> _Laid:
        """The offsets ``Text`` would apply, and the shaped glyphs (None: fallback fonts)."""
        fig = self.get_figure(root=True)
        assert isinstance(fig, Figure)
        t = Text(0.0, 0.0, self._text, fontproperties=self._prop, ha=self._ha, va="baseline")
        t.set_parse_math(False)
        t.set_usetex(False)
        t.set_figure(fig)
        _, info, _ = t._get_layout(renderer)  # type: ignore[attr-defined]
        ((_, _, (x_off, y_off)),) = info
        font = renderer._prepare_font(self._prop)  # type: ignore[no-untyped-call]
        flags = backend_agg.get_hinting_flag()  # type: ignore[no-untyped-call]
        items = font._layout(self._text, flags=flags, features=None, language=None)
        glyphs: tuple[tuple[int, float, float], ...] | None = tuple(
            (item.glyph_index, item.x, item.y) for item in items
        )
        if any(item.ft_object is not font for item in items):
            glyphs = None
        return float(x_off), float(y_off), glyphs


def clear_caches() -> None:
    """Forget kept text layouts and glyphs, and this thread's mapped fonts."""
    global _glyph_bytes
    _layouts.clear()
    _glyphs.clear()
    _glyph_bytes = 0
    forget()
    release_buffers()
