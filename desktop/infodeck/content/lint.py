"""Checks across files that the schema alone cannot make.

Errors: a citation of an unknown reference (pictures are checked as they are read,
in ``content/pictures.py``). Warnings: characters
no bundled font can draw, words too long for a line, references nobody cites, bold
or italic markup never closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from infodeck.content.model import Reference
from infodeck.content.paths import resolve_inside, shown_path
from infodeck.content.problems import Problem, close_name
from infodeck.content.starters import EXAMPLE_TEXTS
from infodeck.content.yamlread import PathKey, YamlDoc, format_path
from infodeck.scene.markup import plain, unclosed

if TYPE_CHECKING:
    from infodeck.scene.elements import PictureData, VectorIcon


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
        m = _LONG_WORD.search(plain(value))  # the word as drawn: markers are not letters
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


# Unicode's stream-safe limit (UAX #15): no more than 30 combining marks in a row.
# One letter with thousands of them is one cluster that shaping engines lay out in
# time and memory that grow with the square of its length (1.7 GB for 20,000).
MAX_MARKS = 30


@lru_cache(maxsize=1)
def _marks_run() -> re.Pattern[str]:
    """Runs of more than ``MAX_MARKS`` combining marks (categories Mn, Mc, Me)."""
    import unicodedata

    ranges: list[tuple[int, int]] = []
    for cp in (*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    cls = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{cls}]{{{MAX_MARKS + 1},}}")


def mark_errors(doc: YamlDoc, prefix: PathKey = (), skip: tuple[str, ...] = ()) -> list[Problem]:
    """An error for each drawn text with more than ``MAX_MARKS`` combining marks in a row."""
    out: list[Problem] = []
    for path, value in _strings(doc.data, ()):
        if path and (path[-1] in _NOT_DRAWN or path[0] in skip):
            continue
        if value.isascii():
            continue
        m = _marks_run().search(value)
        if m is None:
            continue
        ln, col = doc.char_pos(path, value[max(0, m.start() - 1) : m.end()]) or (None, None)
        out.append(
            Problem(
                doc.file,
                ln,
                col,
                format_path((*prefix, *path)),
                f"{len(m.group()):,} combining marks in a row (accents on one letter); "
                f"at most {MAX_MARKS} are allowed (Unicode's stream-safe limit)",
            )
        )
    return out


def markup_warnings(
    doc: YamlDoc, prefix: PathKey = (), skip: tuple[str, ...] = ()
) -> list[Problem]:
    r"""A warning for each ``*`` or ``**`` that opens bold or italic and is never closed.

    It is drawn as an asterisk (never an error: ``*`` is also just a star); the
    warning points at it, so a teacher closes it or writes ``\*`` for a star.
    """
    out: list[Problem] = []
    for path, value in _strings(doc.data, ()):
        if path and (path[-1] in _NOT_DRAWN or path[0] in skip):
            continue
        for off in unclosed(value):
            word = re.match(r"\S+", value[off:])
            ln, col = doc.char_pos(path, word.group() if word else "*") or (None, None)
            stars = "**" if value.startswith("**", off) else "*"
            what = "bold" if stars == "**" else "italic"
            out.append(
                Problem(
                    doc.file,
                    ln,
                    col,
                    format_path((*prefix, *path)),
                    f"'{stars}' starts {what} text that is never closed, so it shows as "
                    f"{'asterisks' if stars == '**' else 'an asterisk'}; close it with "
                    f"'{stars}', or write \\{stars[0]} for an asterisk",
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


class PictureReads:
    """The pictures of one pack as they are read: each once, all bounded together.

    Sections are checked one by one; a picture two sections use is read once, and
    the bytes kept are what every backend draws (``content/pictures.py``).
    """

    def __init__(self) -> None:
        self.pictures: dict[str, PictureData] = {}
        self.refused: dict[str, str] = {}
        self.total = 0
        self.files: list[Path] = []  # watched for changes, found or not

    def read_file(self, root: Path, rel: str) -> PictureData | str:
        """Read and check one picture file (the editor's subclass keeps what it read)."""
        from infodeck.content import pictures as mod

        return mod.read_picture(root, rel)

    def read(self, root: Path, rel: str) -> PictureData | str:
        """The picture at ``rel`` (as written), or why it cannot be used."""
        from infodeck.content import pictures as mod

        if rel in self.pictures:
            return self.pictures[rel]
        if rel in self.refused:
            return self.refused[rel]
        got = self.read_file(root, rel)
        target = resolve_inside(root, rel)
        if isinstance(target, Path):
            self.files.append(target)
            if got == "picture not found":
                got = missing_picture(target, rel)
        if isinstance(got, str):
            self.refused[rel] = got
        elif self.total + len(got.data) > mod.MAX_PACK_PICTURE_BYTES:
            self.refused[rel] = got = (
                f"the pack's pictures take more than "
                f"{mod.megabytes(mod.MAX_PACK_PICTURE_BYTES)} together; make them smaller (a "
                "picture need not have more pixels than it is drawn with: about 2,500 "
                "across for a full slide)"
            )
        else:
            self.total += len(got.data)
            self.pictures[rel] = got
        return got


def picture_problems(
    doc: YamlDoc, prefix: PathKey, ctx: PackContext, skip: list[PathKey]
) -> list[Problem]:
    """Each picture block's file: inside the pack, present, PNG or JPEG, within the limits.

    Read from the file's data, so a picture is checked even when another field of
    the section has an error; a path with a schema error of its own is not.
    """
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
        got = ctx.pictures.read(ctx.root, written.strip())
        if isinstance(got, str):
            ln, col = doc.pos(path) or (None, None)
            out.append(Problem(doc.file, ln, col, format_path((*prefix, *path)), got))
    return out


def example_text_warnings(doc: YamlDoc, prefix: PathKey = ()) -> list[Problem]:
    """A warning for each starter's example text left unchanged.

    A section or block added from a starter validates and looks finished; its
    example sentences would reach the teacher's slides and infographic unnoticed.
    """
    out: list[Problem] = []
    for path, value in _strings(doc.data, ()):
        if path and path[-1] in _NOT_DRAWN:
            continue
        if value.strip() in EXAMPLE_TEXTS:
            ln, col = doc.pos(path) or (None, None)
            out.append(
                Problem(
                    doc.file,
                    ln,
                    col,
                    format_path((*prefix, *path)),
                    f"'{value.strip()}' is a starter's example text; replace the example "
                    "text with your own (or delete it)",
                    "warning",
                )
            )
    return out


def text_warnings(doc: YamlDoc, prefix: PathKey = ()) -> list[Problem]:
    """Problems of a file's drawn text, warnings but one.

    Characters no font draws, words longer than a line and a starter's example text
    left unchanged are warnings; a letter
    under more accents than can be laid out is an error.
    """
    from infodeck.resources import font_path

    font = str(font_path("Carlito-Regular.ttf"))
    return (
        glyph_warnings(doc, font, prefix)
        + long_word_warnings(doc, prefix)
        + mark_errors(doc, prefix)
        + example_text_warnings(doc, prefix)
        + markup_warnings(doc, prefix)
    )


def unused_references(
    references: list[Reference], cited: set[str], file: str, doc: YamlDoc | None = None
) -> list[Problem]:
    """A warning for each reference no section cites (a leftover, or a missing citation).

    Worded for a teacher who edits in the window (no YAML), and placed at the
    reference's key in ``doc`` so file:line:col leads to it.
    """
    entries = doc.data.get("references") if doc is not None and isinstance(doc.data, dict) else None
    index: dict[str, int] = {}
    if isinstance(entries, list):
        for n, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                index.setdefault(entry["key"], n)
    out: list[Problem] = []
    for r in references:
        if r.key in cited:
            continue
        i = index.get(r.key)
        path: PathKey = ("references", i, "key") if i is not None else ("references",)
        pos = doc.pos(path) if doc is not None else None
        out.append(
            Problem(
                file,
                pos[0] if pos else None,
                pos[1] if pos else None,
                format_path(path),
                f"reference '{r.key}' is not used: no section cites it; cite it from a "
                "claim or remove it",
                "warning",
            )
        )
    return out


def reported(path: PathKey, error_paths: list[PathKey]) -> bool:
    """Whether the value at ``path`` already has an error (or lies in a value of a wrong shape)."""
    for e in error_paths:
        if e and e[-1] == "*":
            if path[: len(e) - 1] == e[:-1]:
                return True
        elif e == path:
            return True
    return False


@dataclass
class PackContext:
    """What a section is checked against: the pack's folder, references and icons.

    ``reference_keys`` None means references.yaml could not be read at all;
    ``broken_references`` are keys whose entries have errors of their own (likewise
    ``broken_icons`` for icon files): using them is a problem of the section, but
    one that goes away when the other file is fixed, so it is not reported twice.
    """

    root: Path
    reference_keys: set[str] | None = field(default_factory=set)
    broken_references: set[str] = field(default_factory=set)
    icons: dict[str, VectorIcon] = field(default_factory=dict)
    broken_icons: set[str] = field(default_factory=set)
    references_file: str = "references.yaml"
    pictures: PictureReads = field(default_factory=PictureReads)
