"""Checks across files that the schema alone cannot make.

Errors: a citation of an unknown reference, a picture path that leaves the pack or
does not exist or is not an accepted image. Warnings: characters
no bundled font can draw, words too long for a line, references nobody cites.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from infodeck.content.model import Reference
from infodeck.content.problems import Problem, close_name
from infodeck.content.yamlread import PathKey, YamlDoc, format_path

if TYPE_CHECKING:
    from infodeck.content.load import PackContext

PICTURE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PICTURE_PIXELS = 40_000_000

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


def _mislabelled(path: Path, fmt: str) -> str | None:
    """A message for a file whose content is not the format its name says, or None."""
    with path.open("rb") as f:
        actual = sniff(f.read(64))
    if actual is None or actual == fmt:
        return None
    if actual in ("text", "HTML"):
        return (
            f"not a valid {fmt} picture: the file holds "
            f"{'a web page' if actual == 'HTML' else 'text'}, though its name ends in "
            f"'{path.suffix}' (saved from a browser instead of the image itself?)"
        )
    accepted: dict[str, str] = {}
    for ext, name in PICTURE_FORMATS.items():
        accepted.setdefault(name, ext)  # the usual extension: '.jpg', not '.jpeg'
    if actual in accepted:
        return (
            f"the file is a {actual} picture named '{path.suffix}'; rename it to end in "
            f"'{accepted[actual]}'"
        )
    return (
        f"the file is a {actual} picture named '{path.suffix}'; only "
        f"{' and '.join(dict.fromkeys(PICTURE_FORMATS.values()))} are accepted: "
        "convert it (e.g. export as PNG)"
    )


def _walk_cites(data: Any, path: PathKey) -> list[tuple[PathKey, str | None]]:
    """Every citation in a file's data: (its path, its key, None when it is not text)."""
    out: list[tuple[PathKey, str | None]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "cite" and isinstance(v, list):
                out += [((*path, k, i), key if isinstance(key, str) else None)
                        for i, key in enumerate(v)]
            elif k == "cite" and v is not None:
                out.append(((*path, k), None))
            else:
                out += _walk_cites(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _walk_cites(v, (*path, i))
    return out


def _strings(data: Any, path: PathKey) -> list[tuple[PathKey, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in _strings(v, (*path, k))]
    if isinstance(data, list):
        return [x for i, v in enumerate(data) for x in _strings(v, (*path, i))]
    return []


def check_picture(path: Path) -> str | None:
    """Why the picture at ``path`` cannot be used, or None when it is fine."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    fmt = PICTURE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        return (
            f"unsupported picture type '{path.suffix}'; only PNG and JPEG are accepted "
            f"(file names ending in {', '.join(PICTURE_FORMATS)})"
        )
    if not path.is_file():
        return "picture not found" if not path.exists() else "not a picture file (a folder?)"
    size = path.stat().st_size
    if size == 0:
        return "the picture file is empty (0 bytes)"
    if size > MAX_PICTURE_BYTES:
        return f"the picture is {size / 1e6:.0f} MB; the limit is {MAX_PICTURE_BYTES / 1e6:.0f} MB"
    try:
        wrong = _mislabelled(path, fmt)
    except OSError as e:
        return f"cannot read the picture: {e.strerror}"
    if wrong:
        return wrong
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[fmt]) as im:
                if im.width * im.height > MAX_PICTURE_PIXELS:
                    return (
                        f"the picture is {im.width}×{im.height} pixels; the limit is "
                        f"{MAX_PICTURE_PIXELS / 1e6:.0f} megapixels"
                    )
                im.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "the picture is far too large (a decompression bomb?)"
    except UnidentifiedImageError:
        return f"not a valid {fmt} picture (is the file's extension right?)"
    except (OSError, SyntaxError, ValueError) as e:
        return f"the picture is damaged or truncated ({e})"
    return None


# Values that are never drawn (ids, keys, paths, links), by field name.
_NOT_DRAWN = {"icon", "path", "cite", "type", "kind", "id", "key", "language", "doi", "url"}


def _char_name(ch: str) -> str:
    """``中 (U+4E2D)``; a combining mark is shown on a dotted circle, as fonts do."""
    import unicodedata

    shown = "\u25cc" + ch if unicodedata.combining(ch) else ch
    return f"{shown} (U+{ord(ch):04X})"


def glyph_warnings(
    doc: YamlDoc, font: str, prefix: PathKey = (), skip: tuple[str, ...] = ()
) -> list[Problem]:
    """A warning for each drawn text of ``doc`` with characters no bundled font can draw.

    ``font`` is the deck font; its fallbacks (scene/fonts.py) count too. Each names
    the characters (with their code points: a placeholder box says nothing)
    and points at the first of them in the file. ``skip`` names top-level fields
    that are not drawn text (pack.yaml's list of section files).
    """
    from infodeck.scene.text import missing_glyphs

    out: list[Problem] = []
    for path, value in _strings(doc.data, ()):
        if path and (path[-1] in _NOT_DRAWN or path[0] in skip):
            continue
        missing = missing_glyphs(value, font)
        if not missing:
            continue
        ordered = sorted(missing, key=value.index)  # in reading order
        ln, col = doc.char_pos(path, ordered[0]) or (None, None)
        chars = ", ".join(_char_name(c) for c in ordered[:8])
        more = f" and {len(ordered) - 8} more" if len(ordered) > 8 else ""
        out.append(
            Problem(
                doc.file,
                ln,
                col,
                format_path((*prefix, *path)),
                f"no bundled font can draw {chars}{more} (a private-use or unassigned "
                "character, or a script Infodeck has no font for): the pictures and the PDF "
                "show a placeholder box instead; replace it or leave it out",
                "warning",
            )
        )
    return out


LONG_WORD = 50  # characters; longer words are broken across lines, wherever they fall
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def long_word_warnings(
    doc: YamlDoc, prefix: PathKey = (), skip: tuple[str, ...] = ()
) -> list[Problem]:
    """A warning for each drawn text with a word too long for any line: it will be split."""
    out: list[Problem] = []
    for path, value in _strings(doc.data, ()):
        if path and (path[-1] in _NOT_DRAWN or path[0] in skip):
            continue
        m = _LONG_WORD.search(value)
        if m is None:
            continue
        ln, col = doc.char_pos(path, m.group()) or (None, None)
        out.append(
            Problem(
                doc.file,
                ln,
                col,
                format_path((*prefix, *path)),
                f"a word of {len(m.group()):,} characters ('{m.group()[:20]}…') is longer than "
                "a line; it will be broken across lines wherever the line ends",
                "warning",
            )
        )
    return out


def _listed(names: list[str], limit: int = 20) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" … ({len(names):,} in all)" if len(names) > limit else "")


def citation_problems(
    doc: YamlDoc, prefix: PathKey, ctx: PackContext, skip: list[PathKey]
) -> tuple[list[Problem], list[Problem], set[str] | None]:
    """Citations of a section file: (its own errors, errors owed to references.yaml, keys cited).

    The keys cited are None when some citation has the wrong form (nobody can tell
    which reference it meant, so none may be called unused).

    A key that references.yaml lacks is the section's mistake, with the close key
    suggested. A key whose entry has errors, or any key while references.yaml
    cannot be read, is references.yaml's: reported there, and here only as the
    reason the section cannot be used (once per section when the file is unreadable).
    """
    from infodeck.content.load import reported

    own: list[Problem] = []
    derived: list[Problem] = []
    cited: set[str] = set()
    keys = ctx.reference_keys
    complete = True
    for path, key in _walk_cites(doc.data, ()):
        if key is None or reported(path, skip):
            complete = False  # a citation of the wrong form: who knows what it meant
            continue
        cited.add(key)
        ln, col = doc.pos(path) or (None, None)
        where = format_path((*prefix, *path))
        if keys is None:
            if not derived:
                derived.append(Problem(doc.file, ln, col, where,
                                       f"cites '{key}', but {ctx.references_file} cannot be "
                                       "read; fix its errors first"))
        elif key in ctx.broken_references:
            derived.append(Problem(doc.file, ln, col, where,
                                   f"cites '{key}', whose entry in {ctx.references_file} has "
                                   "errors; fix it there"))
        elif key not in keys:
            close = close_name(key, keys)
            hint = f"; did you mean '{close}'?" if close else ""
            known = (
                f" Keys in {ctx.references_file}: {_listed(sorted(keys))}"
                if keys
                else f" {ctx.references_file} has no references yet: add this one there"
            )
            own.append(Problem(doc.file, ln, col, where,
                               f"cites '{key}', which is not in the references{hint}.{known}"))
    return own, derived, cited if complete else None


def missing_picture(target: Path, written: str) -> str:
    """Why a picture path finds no file: the path looked for, and a near spelling on disk.

    The first part of the path that does not exist is compared with what its folder
    holds: a name that differs only in capitals (which works on Windows and macOS but
    not on Linux, or in a zip) or a close one (another extension, a typo).
    """
    import difflib
    import itertools
    import os

    from infodeck.content.load import shown_path

    parts = PurePosixPath(written).parts
    cur = target.parents[len(parts) - 1] if len(parts) <= len(target.parents) else target
    msg = f"picture not found: looked for '{written}' ({shown_path(target)})"
    for i, part in enumerate(parts):
        nxt = cur / part
        if nxt.exists():
            cur = nxt
            continue
        if not cur.is_dir():
            break
        with os.scandir(cur) as it:
            names = [e.name for e in itertools.islice(it, 5000) if not e.name.startswith(".")]
        same = [n for n in names if n.lower() == part.lower()]
        what = "folder" if i < len(parts) - 1 else "file"
        if same:
            fixed = "/".join((*parts[:i], same[0], *parts[i + 1 :]))
            return msg + (f"; the {what} is named '{same[0]}': write '{fixed}' (capitals "
                          "must match exactly)")
        close = difflib.get_close_matches(part, names, n=1, cutoff=0.75)
        if close:
            fixed = "/".join((*parts[:i], close[0], *parts[i + 1 :]))
            return msg + f"; did you mean '{fixed}'?"
        inside = "/".join(parts[:i]) or "the pack folder"
        return msg + f"; there is no {what} '{part}' in {inside}"
    return msg


def picture_problems(
    doc: YamlDoc, prefix: PathKey, root: Path, skip: list[PathKey]
) -> list[Problem]:
    """Each picture block's file: inside the pack, present, PNG or JPEG, within the limits.

    Read from the file's data, so a picture is checked even when another field of
    the section has an error; a path with a schema error of its own is not.
    """
    from infodeck.content.load import reported, resolve_inside

    out: list[Problem] = []
    blocks = doc.data.get("blocks") if isinstance(doc.data, dict) else None
    if not isinstance(blocks, list):
        return out
    for b, block in enumerate(blocks):
        path: PathKey = ("blocks", b, "path")
        if not isinstance(block, dict) or block.get("type") != "picture":
            continue
        written = block.get("path")
        if not isinstance(written, str) or not written.strip() or reported(path, skip):
            continue
        written = written.strip()
        target = resolve_inside(root, written)
        if isinstance(target, str):
            why: str | None = target
        elif not target.exists() and PICTURE_FORMATS.get(target.suffix.lower()):
            why = missing_picture(target, written)
        else:
            why = check_picture(target)
        if why:
            ln, col = doc.pos(path) or (None, None)
            out.append(Problem(doc.file, ln, col, format_path((*prefix, *path)), why))
    return out


def text_warnings(doc: YamlDoc, prefix: PathKey = ()) -> list[Problem]:
    """Warnings about a file's drawn text: characters no font draws, words longer than a line."""
    from infodeck.resources import font_path

    font = str(font_path("Carlito-Regular.ttf"))
    return glyph_warnings(doc, font, prefix) + long_word_warnings(doc, prefix)


def unused_references(references: list[Reference], cited: set[str], file: str) -> list[Problem]:
    """A warning naming the references no section cites (a leftover, or a missing citation)."""
    unused = [r.key for r in references if r.key not in cited]
    if not unused:
        return []
    return [
        Problem(
            file,
            None,
            None,
            "references",
            f"not cited by any section: {_listed(unused)}; cite them (cite: [key]) or "
            "remove them",
            "warning",
        )
    ]
