"""YAML that keeps the teacher's writing: comments, key order, quoting, untouched lines.

The editor changes a file's *tree* (ruamel.yaml's round-trip objects, which carry
comments and the quoting of every scalar) and saves its *text*. Two guards keep
untouched lines byte for byte:

- each file is dumped with the indentation it was written with (guessed per file);
- the saved text is a line merge: the lines ruamel.yaml changed between its dump of
  the tree as read and its dump of the tree as edited are spliced into the original
  text, so a line ruamel.yaml would write differently (a long plain scalar wrapped
  over two lines, odd spacing) stays as written unless that value was edited.
  When a change cannot be placed unambiguously the whole new dump is used, which is
  still correct YAML with the same content.

YAML 1.2 (ruamel.yaml's default): ``NO`` stays text. Lines are never re-wrapped
(a very wide emitter width); a value the editor writes into a folded scalar (``>-``)
is folded at word boundaries so the file stays readable.
"""

from __future__ import annotations

import datetime
import difflib
import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from infodeck.errors import UserError

FOLD_WIDTH = 80  # where a folded value the editor writes is broken into lines


class TreeError(UserError):
    """ruamel.yaml could not read a file (the loader reports why, with line and column)."""


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as written in ``text``.

    Defaults are the built-in packs' style: ``key:`` then ``  - item`` (2, 4, 2).
    """
    mapping = sequence = offset = None
    lines = text.splitlines()
    for i, line in enumerate(lines[:-1]):
        stripped = line.strip()
        if not stripped.endswith(":") or stripped.startswith(("#", "- ")):
            continue
        indent = len(line) - len(line.lstrip(" "))
        nxt = lines[i + 1]
        if not nxt.strip() or nxt.lstrip().startswith("#"):
            continue
        n_indent = len(nxt) - len(nxt.lstrip(" "))
        if nxt.lstrip().startswith("- "):
            if offset is None and n_indent >= indent:
                offset = n_indent - indent
                sequence = offset + 2
        elif mapping is None and n_indent > indent:
            mapping = n_indent - indent
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    if offset is None:
        offset = 2
        sequence = 4
    return mapping, max(sequence or 2, offset + 2), offset


def make_yaml(text: str = "") -> YAML:
    """A round-trip reader/writer set up for the style of ``text``."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1_000_000  # never re-wrap a line
    y.allow_duplicate_keys = False
    mapping, sequence, offset = _guess_indent(text)
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def load_tree(text: str, yaml: YAML) -> Any:
    """The round-trip tree of ``text`` (raises TreeError when ruamel.yaml cannot read it)."""
    try:
        return yaml.load(text)
    except (RuamelError, ValueError, TypeError) as e:
        raise TreeError(str(e)) from None
    except Exception as e:  # ruamel raises a few plain exceptions (duplicate keys…)
        raise TreeError(str(e)) from None


def dump_tree(tree: Any, yaml: YAML) -> str:
    """The text ruamel.yaml writes for ``tree``."""
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def merge_lines(original: str, base: str, new: str) -> str:
    """``original`` with the line changes that turn ``base`` into ``new``.

    ``base`` is ruamel.yaml's dump of the tree as read, ``new`` its dump of the tree
    as edited. Where base equals original (the usual case) the answer is ``new``.
    Each changed run of lines is placed where its unchanged neighbours sit in the
    original; when it cannot be placed exactly, ``new`` is returned whole.
    """
    if base == original:
        return new
    if base == new:
        return original
    a = original.splitlines(keepends=True)
    b = base.splitlines(keepends=True)
    c = new.splitlines(keepends=True)
    to_a: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, b, a, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_a[block.a + k] = block.b + k
    out: list[str] = []
    pos = 0  # next line of ``a`` not yet copied
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, c, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        # The original lines that stand for b[i1:i2]: the very lines when each is
        # found in the original, in one run; else found from their neighbours.
        inner = [to_a.get(k) for k in range(i1, i2)]
        found = [k for k in inner if k is not None]
        start: int
        end: int
        if inner and len(found) == len(inner):
            start = found[0]
            end = start + len(found)
            if found != list(range(start, end)):
                return new
        elif i1 == i2 and i1 > 0 and (i1 - 1) in to_a:
            start = end = to_a[i1 - 1] + 1
        elif i1 == i2 and i1 in to_a:
            start = end = to_a[i1]
        else:
            if (i1 > 0 and (i1 - 1) not in to_a) or (i2 < len(b) and i2 not in to_a):
                return new
            start = to_a[i1 - 1] + 1 if i1 > 0 else 0
            end = to_a[i2] if i2 < len(b) else len(a)
            if found:
                return new
        if end < start or start < pos:
            return new
        out += a[pos:start]
        out += c[j1:j2]
        pos = end
    out += a[pos:]
    return "".join(out)


def _fold_positions(text: str, width: int = FOLD_WIDTH) -> list[int]:
    """Spaces where a folded scalar of ``text`` is broken into lines of about ``width``."""
    out: list[int] = []
    line_start = 0
    last_space = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            line_start = i + 1
            last_space = -1
            continue
        if ch == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " ":
            if i - line_start > width and last_space > line_start:
                out.append(last_space)
                line_start = last_space + 1
            last_space = i
    return out


def _can_fold(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i] == " " and text[i - 1] != " " != text[i + 1]


def _refold(new: str, old: FoldedScalarString) -> list[int]:
    """Fold positions for ``new`` replacing the folded ``old``: its lines, where unchanged.

    The lines before the first change keep the teacher's breaks; the rest is folded
    at the width of the teacher's longest line, so an edit at the end of a long
    paragraph changes its last lines only.
    """
    old_pos = [p for p in getattr(old, "fold_pos", None) or [] if 0 < p < len(old)]
    width = FOLD_WIDTH
    if old_pos:
        starts = [0, *(p + 1 for p in old_pos)]
        ends = [*old_pos, len(old)]
        width = max(e - st for st, e in zip(starts, ends, strict=True))
    pairs = enumerate(zip(new, old, strict=False))
    same = next((i for i, (a, b) in pairs if a != b), min(len(new), len(old)))
    kept = []
    for p in old_pos:
        if p >= same - 1 or not _can_fold(new, p):
            break
        kept.append(p)
    start = kept[-1] + 1 if kept else 0
    return kept + [start + p for p in _fold_positions(new[start:], width)]


def styled(new: str, old: Any) -> Any:
    """``new`` written the way the value it replaces was written (quotes, ``>-``, ``|``)."""
    if isinstance(old, FoldedScalarString):
        folded = FoldedScalarString(new)
        folded.fold_pos = _refold(new, old)
        return folded
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(new)
    if "\n" in new:
        return LiteralScalarString(new)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(new)
    if isinstance(old, SingleQuotedScalarString) or new.startswith(":"):
        # ruamel.yaml writes a leading ':' bare inside [flow, lists], which no
        # parser reads back ("[: a]"); quoted, it is the teacher's text again.
        return SingleQuotedScalarString(new)
    return new


def to_tree(value: Any, old: Any = None) -> Any:
    """A plain value (what the editor's forms give) as a round-trip object.

    Mappings and lists become block-style round-trip containers; a whole number
    written as a float (80.0) is written 80; text keeps the style of the value
    it replaces (``old``).
    """
    if isinstance(value, Mapping):
        m = CommentedMap()
        for k, v in value.items():
            m[str(k)] = to_tree(v)
        return m
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq()
        seq.extend(to_tree(v) for v in value)
        return seq
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return styled(value, old) if not isinstance(value, ScalarString) else value
    raise TypeError(f"cannot write a {type(value).__name__} in a content file")


def to_plain(value: Any) -> Any:
    """A round-trip object as plain Python data (dict, list, str, int, float, bool, None)."""
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [to_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value
