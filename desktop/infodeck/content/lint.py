"""Checks across files that the schema alone cannot make.

Errors: a citation of an unknown reference, a picture path that leaves the pack or
does not exist or is not an accepted image. Warnings: characters
no bundled font can draw, references nobody cites.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from infodeck.content.model import PictureBlock, Reference, Section
from infodeck.content.problems import Problem
from infodeck.content.yamlread import PathKey, YamlDoc, format_path

PICTURE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PICTURE_PIXELS = 40_000_000


def _walk_cites(data: Any, path: PathKey) -> list[tuple[PathKey, str]]:
    out: list[tuple[PathKey, str]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "cite" and isinstance(v, list):
                out += [((*path, k, i), key) for i, key in enumerate(v) if isinstance(key, str)]
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
        return f"unsupported picture type '{path.suffix}'; use {', '.join(PICTURE_FORMATS)}"
    if not path.is_file():
        return "picture not found"
    size = path.stat().st_size
    if size == 0:
        return "the picture file is empty (0 bytes)"
    if size > MAX_PICTURE_BYTES:
        return f"the picture is {size / 1e6:.0f} MB; the limit is {MAX_PICTURE_BYTES / 1e6:.0f} MB"
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


def check_pack(
    root: Path,
    sections: list[Section],
    docs: list[YamlDoc],
    references: list[Reference],
) -> list[Problem]:
    """Every cross-file problem of a pack whose files each validated."""
    from infodeck.compose.text import missing_glyphs
    from infodeck.content.load import resolve_inside
    from infodeck.resources import font_path

    problems: list[Problem] = []
    keys = {r.key for r in references}
    used: set[str] = set()
    font = str(font_path("Carlito-Regular.ttf"))
    for i, (section, doc) in enumerate(zip(sections, docs, strict=True)):
        prefix: PathKey = ("sections", i)
        for path, key in _walk_cites(doc.data, ()):
            used.add(key)
            if key not in keys:
                ln, col = doc.pos(path) or (None, None)
                hint = f"; known keys: {', '.join(sorted(keys))}" if keys else ""
                problems.append(
                    Problem(
                        doc.file,
                        ln,
                        col,
                        format_path((*prefix, *path)),
                        f"cites '{key}', which is not in the references{hint}",
                    )
                )
        for b, block in enumerate(section.blocks):
            bpath: PathKey = ("blocks", b)
            if isinstance(block, PictureBlock):
                target = resolve_inside(root, block.path)
                why = target if isinstance(target, str) else check_picture(target)
                if why:
                    ln, col = doc.pos((*bpath, "path")) or (None, None)
                    problems.append(
                        Problem(doc.file, ln, col, format_path((*prefix, *bpath, "path")), why)
                    )
        for path, value in _strings(doc.data, ()):
            if path and path[-1] in ("icon", "path", "cite", "type", "kind", "id"):
                continue
            missing = missing_glyphs(value, font)
            if missing:
                ln, col = doc.pos(path) or (None, None)
                chars = " ".join(sorted(missing)[:12])
                problems.append(
                    Problem(
                        doc.file,
                        ln,
                        col,
                        format_path((*prefix, *path)),
                        f"the deck font cannot draw {chars}: these characters will show "
                        "as empty boxes; replace them or choose another font",
                        "warning",
                    )
                )
    unused = [r.key for r in references if r.key not in used]
    if unused and sections:
        problems.append(
            Problem(
                "references.yaml",
                None,
                None,
                "references",
                f"not cited by any section: {', '.join(unused)}",
                "warning",
            )
        )
    return problems
