"""Checks across files that the schema alone cannot make.

Errors: a citation of an unknown reference (pictures are checked as they are read,
in ``content/pictures.py``). Warnings: characters
no bundled font can draw, words too long for a line, references nobody cites.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from infodeck.content.model import Reference, Section
from infodeck.content.problems import Problem
from infodeck.content.yamlread import PathKey, YamlDoc, format_path


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


def check_pack(
    root: Path,
    sections: list[Section],
    docs: list[YamlDoc],
    references: list[Reference],
    *,
    meta_doc: YamlDoc | None = None,
    refs_doc: YamlDoc | None = None,
    refs_read: bool = True,
) -> list[Problem]:
    """Every cross-file problem of a pack whose files each validated.

    ``meta_doc`` and ``refs_doc`` (pack.yaml and references.yaml) are checked for
    characters no font can draw too: their titles and sources are drawn.
    ``refs_read`` False (references.yaml has errors of its own) skips the check of
    citations, which would only repeat those errors once per citation.
    """
    from infodeck.resources import font_path

    problems: list[Problem] = []
    keys = {r.key for r in references}
    used: set[str] = set()
    font = str(font_path("Carlito-Regular.ttf"))
    for i, doc in enumerate(docs):
        prefix: PathKey = ("sections", i)
        for path, key in _walk_cites(doc.data, ()):
            used.add(key)
            if key not in keys and refs_read:
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
        problems += glyph_warnings(doc, font, prefix)
        problems += long_word_warnings(doc, prefix)
    if meta_doc is not None:
        problems += glyph_warnings(meta_doc, font, skip=("sections", "references"))
    if refs_doc is not None:
        problems += glyph_warnings(refs_doc, font)
    unused = [r.key for r in references if r.key not in used]
    if unused and sections:
        problems.append(
            Problem(
                refs_doc.file if refs_doc is not None else "references.yaml",
                None,
                None,
                "references",
                f"not cited by any section: {', '.join(unused)}",
                "warning",
            )
        )
    return problems
