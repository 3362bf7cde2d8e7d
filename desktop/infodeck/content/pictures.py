"""A pack's pictures, each read once, at load, from a file checked to be inside the pack.

A path checked and then opened again later can point elsewhere by then (a symbolic
link swapped in between: the "time of check, time of use" race). So each picture
is opened once, the opened file is verified to be the one the check resolved (same
device and inode as the path resolved inside the pack, after the open), and its
bytes are read from that descriptor, checked and kept in the ``Pack``; composing,
the preview and every writer draw from those bytes. A pipe, a device or a folder is
never read (the file is opened non-blocking and must be a regular file).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import warnings
from io import BytesIO
from pathlib import Path
from typing import Literal

from infodeck.content.paths import resolve_inside
from infodeck.scene.elements import PictureData

PICTURE_FORMATS: dict[str, Literal["PNG", "JPEG"]] = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
}
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PICTURE_PIXELS = 40_000_000
# Pictures are kept in memory while the pack is open: bound them all together too.
MAX_PACK_PICTURE_BYTES = 200 * 1024 * 1024

# What a file really is, from its first bytes: a picture named wrongly gets a
# message that says what to do, instead of "cannot identify image file".
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"GIF8", 0, "GIF"),
    (b"BM", 0, "BMP"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"WEBP", 8, "WebP"),
    (b"ftypheic", 4, "HEIC"),
    (b"ftypmif1", 4, "HEIF"),
    (b"ftypavif", 4, "AVIF"),
    (b"%PDF", 0, "PDF"),
    (b"\x00\x00\x01\x00", 0, "ICO"),
)

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a pipe put in a picture's place must not block
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def megabytes(n: int) -> str:
    """``n`` bytes in MB (2**20 bytes, as the limits are), with a decimal when it helps.

    "20.5 MB; the limit is 20 MB", never "21 MB; the limit is 21 MB".
    """
    mb = n / 2**20
    return f"{mb:.0f} MB" if mb == round(mb) or mb >= 100 else f"{mb:.1f} MB"


def sniff(head: bytes) -> str | None:
    """The format a file's first bytes announce: "PNG", "GIF", "SVG", "text"… or None."""
    for magic, offset, name in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return name
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return "SVG"
    if start.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text"


def _mislabelled(head: bytes, suffix: str, fmt: str) -> str | None:
    """A message for a file whose content is not the format its name says, or None."""
    actual = sniff(head[:64])
    if actual is None or actual == fmt:
        return None
    if actual in ("text", "HTML"):
        return (
            f"not a valid {fmt} picture: the file holds "
            f"{'a web page' if actual == 'HTML' else 'text'}, though its name ends in "
            f"'{suffix}' (saved from a browser instead of the image itself?)"
        )
    accepted: dict[str, str] = {}
    for ext, name in PICTURE_FORMATS.items():
        accepted.setdefault(name, ext)  # the usual extension: '.jpg', not '.jpeg'
    if actual in accepted:
        return (
            f"the file is a {actual} picture named '{suffix}'; rename it to end in "
            f"'{accepted[actual]}'"
        )
    return (
        f"the file is a {actual} picture named '{suffix}'; only "
        f"{' and '.join(dict.fromkeys(PICTURE_FORMATS.values()))} are accepted: "
        "convert it (e.g. export as PNG)"
    )


def read_inside(root: Path, rel: str, limit: int, what: str = "file") -> bytes | str:
    """The bytes of the regular file ``rel`` inside the pack ``root``, or why not.

    The file is opened once; the open descriptor is then checked to be the file the
    path resolves to inside the pack (a symbolic link swapped in between, to a file
    outside, fails that check), and only that descriptor is read. At most ``limit``
    bytes are accepted.
    """
    target = resolve_inside(root, rel)
    if isinstance(target, str):
        return target
    try:
        fd = os.open(target, _OPEN_FLAGS)
    except FileNotFoundError:
        return f"{what} not found"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a symbolic link loop (a link that leads back to itself)"
        if e.errno == errno.EISDIR:
            return f"not a {what} (a folder?)"
        return f"cannot read the {what}: {e.strerror}"
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return f"not a {what} (a folder?)"
        if not stat.S_ISREG(st.st_mode):
            return f"not a {what} but a pipe, socket or device"
        again = resolve_inside(root, rel)
        if isinstance(again, str):
            return again
        try:
            now = os.stat(again)
        except OSError:
            now = None
        if now is None or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            return f"the {what} was replaced while it was being read; try again"
        if st.st_size == 0:
            return f"the {what} is empty (0 bytes)"
        if st.st_size > limit:
            return f"the {what} is {megabytes(st.st_size)}; the limit is {megabytes(limit)}"
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        data = b"".join(chunks)
    except OSError as e:
        return f"cannot read the {what}: {e.strerror}"
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        return f"the {what} is larger than the limit of {megabytes(limit)}"
    if not data:
        return f"the {what} is empty (0 bytes)"
    return data


def decode_picture(rel: str, data: bytes) -> PictureData | str:
    """The checked picture from a file's bytes, or why they cannot be used."""
    from PIL import Image, UnidentifiedImageError

    suffix = os.path.splitext(rel)[1]
    fmt = PICTURE_FORMATS.get(suffix.lower())
    if fmt is None:
        return (
            f"unsupported picture type '{suffix}'; only PNG and JPEG are accepted "
            f"(file names ending in {', '.join(PICTURE_FORMATS)})"
        )
    wrong = _mislabelled(data, suffix, fmt)
    if wrong:
        return wrong
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=[fmt]) as im:
                if im.width * im.height > MAX_PICTURE_PIXELS:
                    return (
                        f"the picture is {im.width}×{im.height} pixels; the limit is "
                        f"{MAX_PICTURE_PIXELS / 1e6:.0f} megapixels"
                    )
                im.load()
                width, height = im.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "the picture is far too large (a decompression bomb?)"
    except UnidentifiedImageError:
        return f"not a valid {fmt} picture (is the file's extension right?)"
    except (OSError, SyntaxError, ValueError) as e:
        return f"the picture is damaged or truncated ({e})"
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return PictureData(rel, fmt, width, height, digest, data)


def read_picture(root: Path, rel: str) -> PictureData | str:
    """The picture at ``rel`` inside the pack ``root``, read once and checked, or why not."""
    suffix = os.path.splitext(rel)[1]
    if suffix.lower() not in PICTURE_FORMATS:  # refused before anything is opened
        return decode_picture(rel, b"")
    data = read_inside(root, rel, MAX_PICTURE_BYTES, "picture file")
    if isinstance(data, str):
        return data.replace("picture file not found", "picture not found")
    return decode_picture(rel, data)
