"""PNG helpers: a fast writer for rendered pages, text chunks, DPI, thumbnails, safe opening.

They live apart from the matplotlib backend so that callers which only touch
finished files (export, the GUI's thumbnails) need not import matplotlib.

``write_png`` writes what matplotlib's ``savefig`` writes through Pillow (the same
pixels, text chunks and DPI) several times faster: an A4 page at 300 dpi is 35 MB
of RGBA, and Pillow spends most of its time choosing a filter for every row and
deflating on one core. Rendered pages are flat colour and anti-aliased edges,
which deflate best unfiltered, so rows are stored unfiltered and deflated in
slices on every core (zlib releases the GIL), as ``pigz`` does: each slice is
primed with the 32 KB before it, so the file is as small as one stream would make it.
The deflater is zlib-ng (python-zlib-ng: zlib's API and streams, with SIMD match
finding), which deflates these pages three times as fast as the system's zlib.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import warnings
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from PIL import Image, PngImagePlugin
from zlib_ng import zlib_ng as zlib

if TYPE_CHECKING:  # numpy is imported when a PNG is written, not with this module
    import numpy as np
    import numpy.typing as npt

    Rows = npt.NDArray[np.uint8]

RgbaBuffer = tuple[int, int, bytes]  # width, height, RGBA bytes, as render.mpl.render_rgba returns
BytesLike = bytes | bytearray | memoryview

# Unfiltered rows and zlib-ng's level 6: files within 7 % of zlib's level 4 (used
# before) in a sixth of its time; level 7 would make them 9 % smaller than level 6, in
# twice the time (0.25 s of a cold full export's 2.8 s of work).
PNG_LEVEL = 6
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_WINDOW = 32768  # deflate's window: how far back a slice may refer into the previous one
_SLICE_BYTES = 2 << 20  # raw bytes per slice deflated in parallel
_ADLER_BASE = 65521
_pool: Executor | None = None
_pool_lock = threading.Lock()


def _forget_pool() -> None:
    # A forked child (the export writes files in several processes) has none of the
    # pool's threads: a pool inherited from its parent would never run a task.
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def open_image(path: str | Path | BinaryIO) -> Image.Image:
    """Open and fully load an image, refusing decompression bombs.

    Pillow only warns for images between its pixel limit and twice that; pictures
    come from content packs, i.e. from anyone, so a warning is treated as refusal.

    Raises:
        PIL.Image.DecompressionBombWarning: the image is suspiciously large.
        OSError: the file is missing or not an image Pillow can read.

    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as im:
            im.load()
            # copy() detaches the pixels from the file, which the ``with`` closes.
            return im.copy()


def write_png_text(path: str | Path, items: dict[str, str]) -> None:
    """Add or replace text chunks of a PNG, keeping its pixels, DPI and colour profile.

    Values that Latin-1 cannot hold are written as iTXt (UTF-8), which Pillow picks
    by itself. The file is read fully before it is rewritten, so this also works on
    Windows, where an open file cannot be replaced.

    Raises:
        ValueError: ``path`` is not a PNG, or a key is not a valid PNG keyword.

    """
    p = Path(path)
    for key in items:
        if not 1 <= len(key) <= 79 or not key.isprintable() or not _latin1(key):
            raise ValueError(f"{key!r} is not a valid PNG text keyword (1-79 Latin-1 characters)")
    data = p.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as im:
            if im.format != "PNG":
                raise ValueError(f"{p} is not a PNG file")
            im.load()
            text: dict[str, str] = dict(getattr(im, "text", {}))
            text.update({k: v.replace("\x00", "") for k, v in items.items()})
            info = PngImagePlugin.PngInfo()
            for k, v in text.items():
                info.add_text(k, v)
            kwargs: dict[str, object] = {"pnginfo": info}
            if "dpi" in im.info:
                kwargs["dpi"] = im.info["dpi"]
            if im.info.get("icc_profile"):
                kwargs["icc_profile"] = im.info["icc_profile"]
            im.save(p, format="PNG", **kwargs)


def thumbnail(source: str | Path | RgbaBuffer | Image.Image, max_side: int) -> Image.Image:
    """An RGBA copy of ``source`` at most ``max_side`` pixels on its longer side.

    ``source`` is a file, an already open image, or ``render_rgba``'s
    ``(width, height, bytes)``, so the GUI can make page thumbnails straight from
    the preview buffer without encoding a PNG. Never enlarges.
    """
    if max_side < 1:
        raise ValueError(f"a thumbnail needs a positive size, not {max_side}")
    if isinstance(source, Image.Image):
        im = source.convert("RGBA")
    elif isinstance(source, tuple):
        w, h, buf = source
        im = Image.frombytes("RGBA", (w, h), buf)
    else:
        im = open_image(source).convert("RGBA")
    im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return im


def _latin1(s: str) -> bool:
    try:
        s.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


# ---------------------------------------------------------------- fast writer


def write_png(
    out: str | Path | BinaryIO,
    rgba: BytesLike,
    width: int,
    height: int,
    *,
    dpi: float | None = None,
    text: dict[str, str] | None = None,
    level: int = PNG_LEVEL,
) -> None:
    """Write 8-bit RGBA pixels (rows top to bottom) as a PNG file or into a binary stream.

    The chunks are those Pillow writes for ``Image.save(format="png", dpi=...,
    pnginfo=...)``: IHDR, one text chunk per ``text`` item in order (tEXt, or iTXt
    when Latin-1 cannot hold the value), pHYs, the image data, IEND.

    Raises:
        ValueError: the buffer does not hold ``width`` × ``height`` RGBA pixels.

    """
    import numpy as np

    view = memoryview(rgba).cast("B")
    if width < 1 or height < 1 or view.nbytes != width * height * 4:
        raise ValueError(f"{view.nbytes} bytes are not {width} × {height} RGBA pixels")
    rows = np.frombuffer(view, dtype=np.uint8).reshape(height, width * 4)
    parts = [_SIGNATURE, _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))]
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    parts += [_chunk(cid, data) for cid, data, *_ in info.chunks]
    if dpi is not None:
        ppm = int(dpi / 0.0254 + 0.5)
        parts.append(_chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)))
    parts += [_chunk(b"IDAT", data) for data in _deflate_rows(rows, level)]
    parts.append(_chunk(b"IEND", b""))
    if isinstance(out, (str, Path)):
        with open(out, "wb") as f:
            f.writelines(parts)
    else:
        out.writelines(parts)


def _chunk(cid: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(cid))
    return b"".join((struct.pack(">I", len(data)), cid, data, struct.pack(">I", crc)))


def _filtered(rows: Rows) -> Rows:
    """The rows as PNG stores them unfiltered: a 0 (filter "none") before each row."""
    import numpy as np

    out = np.empty((rows.shape[0], rows.shape[1] + 1), dtype=np.uint8)
    out[:, 0] = 0
    out[:, 1:] = rows
    return out


def _deflate_rows(rows: Rows, level: int) -> list[bytes]:
    """The zlib stream of the unfiltered rows, in pieces (one IDAT chunk each)."""
    n_rows, row_bytes = rows.shape
    per_slice = max(1, _SLICE_BYTES // (row_bytes + 1))
    starts = list(range(0, n_rows, per_slice))
    if len(starts) == 1 or _workers() == 1:
        return [zlib.compress(_filtered(rows).data, level)]

    def work(i: int) -> tuple[bytes, int, int]:
        r0, r1 = starts[i], min(n_rows, starts[i] + per_slice)
        data = _filtered(rows[r0:r1]).data
        if r0:
            back = -(-_WINDOW // (row_bytes + 1))  # whole rows covering the window
            prev = _filtered(rows[max(0, r0 - back) : r0]).tobytes()[-_WINDOW:]
            z = zlib.compressobj(level, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, prev)
        else:
            z = zlib.compressobj(level, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY)
        last = r1 == n_rows
        body = z.compress(data) + z.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
        return body, zlib.adler32(data), data.nbytes

    pieces = list(_executor().map(work, range(len(starts))))
    adler = 1
    for _, a, n in pieces:
        adler = _adler32_combine(adler, a, n)
    flevel = 0 if level < 2 else 1 if level < 6 else 2 if level == 6 else 3
    cmf, flg = 0x78, flevel << 6
    flg |= 31 - (cmf * 256 + flg) % 31
    out = [bytes((cmf, flg)) + pieces[0][0]]
    out += [p for p, _, _ in pieces[1:]]
    out[-1] += struct.pack(">I", adler)
    return out


def _adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """The Adler-32 of A + B from those of A and B and the length of B (zlib's own formula)."""
    base = _ADLER_BASE
    rem = len2 % base
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (adler2 & 0xFFFF) + base - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + base - rem
    if sum1 >= base:
        sum1 -= base
    if sum1 >= base:
        sum1 -= base
    if sum2 >= base << 1:
        sum2 -= base << 1
    if sum2 >= base:
        sum2 -= base
    return sum1 | (sum2 << 16)


def _workers() -> int:
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on macOS or Windows
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def _executor() -> Executor:
    """Threads shared by every PNG being written (from any thread); made on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(_workers(), thread_name_prefix="infodeck-png")
        return _pool
