"""Fonts for Agg read from memory maps instead of through Python file objects.

matplotlib opens a font file by path as a Python file object and FreeType reads
it through that object: a seek and a read for each table a glyph needs, a dozen
system calls per character shaped or drawn (three quarters of FreeType's time in
an export). The same font opened from a memory map of the file reads it in
place: shaping and drawing text take a quarter of the time, and the pixels are
the same bit for bit, since FreeType is given the same bytes.

Only our Agg canvas uses these fonts (``use_mapped_fonts``); the PDF and SVG
backends embed fonts by file name and keep matplotlib's own. A font object is
not thread-safe and a map has one read position, so each thread keeps its own
fonts and maps, as matplotlib keys its font cache by thread. A forked child
inherits its parent's main-thread fonts with their maps, which stay valid.
"""

from __future__ import annotations

import mmap
import re
import threading
import types
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

_IDENTITY = [[0x10000, 0], [0, 0x10000]]
_local = threading.local()
# matplotlib's private helpers this module builds on (see ``supported``).
_GET_FONT: Any = getattr(getattr(font_manager, "_get_font", None), "__wrapped__", None)
_REALPATH: Any = getattr(font_manager, "_cached_realpath", None)


class _FontMap(mmap.mmap):
    """A read-only map of a font file that remembers the file's path."""

    path: str


def matplotlib_version() -> tuple[int, ...]:
    """The (major, minor) version of matplotlib, whose private steps we repeat per version."""
    return tuple(int(p) for p in re.findall(r"\d+", matplotlib.__version__)[:2])


def supported() -> bool:
    """Whether this matplotlib builds fonts the way ``_font`` repeats it (3.11)."""
    return (
        matplotlib_version() == (3, 11)
        and _GET_FONT is not None
        and _REALPATH is not None
        and hasattr(font_manager.fontManager, "_find_fonts_by_props")
        and hasattr(RendererAgg, "_prepare_font")
    )


SUPPORTED = supported()


def use_mapped_fonts(renderer: RendererAgg) -> None:
    """Have ``renderer`` shape and draw text with this thread's mapped fonts."""
    if SUPPORTED:
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


__all__ = ["SUPPORTED", "font_path", "forget", "use_mapped_fonts"]
