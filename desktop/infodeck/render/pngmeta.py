"""Pillow helpers around rendered PNGs: text chunks, DPI, thumbnails, safe opening.

They live apart from the matplotlib backend so that callers which only touch
finished files (export, the GUI's thumbnails) need not import matplotlib.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, PngImagePlugin

RgbaBuffer = tuple[int, int, bytes]  # width, height, RGBA bytes, as render.mpl.render_rgba returns


def open_image(path: str | Path) -> Image.Image:
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
