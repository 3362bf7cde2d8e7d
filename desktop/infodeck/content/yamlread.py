"""Read YAML the way a teacher means it, and remember where every value came from.

Why not ``yaml.safe_load``: it turns ``NO`` into False and ``1.10`` into 1.1, keeps
the last of two duplicate keys silently, expands aliases without bound, and forgets
positions. Here every scalar stays the text that was written (in Unicode's composed
form, NFC, which looks the same; the schema converts
numbers and booleans where a field asks for them), only ``null``/``~``/empty mean
nothing, duplicate keys and aliases are errors, and size, depth, node count and
text length are bounded before any object is built. Characters that YAML forbids
(pasted control characters) are removed with a warning instead of failing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from infodeck.content.problems import ContentError, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000
MAX_SCALAR_CHARS = 50_000

PathKey = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}
# Spaces and line breaks the bundled fonts have no glyph for, as the ones they have:
# a tab pasted from a web page would otherwise draw as a box. No-break spaces (U+00A0,
# U+202F) are kept: they keep "80 %" or "6 H₂O" on one line, in the deck too.
_SPACES = str.maketrans(
    {
        "\t": " ",
        "\u1680": " ",
        "\u3000": " ",
        "\r": "\n",
        "\x85": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)
# Characters YAML does not accept in a stream (see PyYAML's Reader.NON_PRINTABLE).
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class YamlDoc:
    """A parsed file: plain data plus the position of every value and key."""

    data: Any
    file: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    text: str = ""  # the (cleaned) source, to place a character inside a value
    spans: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # scalar offsets

    def pos(self, path: PathKey) -> tuple[int, int] | None:
        """Position of the value at ``path``, or of its nearest ancestor."""
        p = tuple(path)
        while True:
            if p in self.values:
                return self.values[p]
            if not p:
                return None
            p = p[:-1]

    def char_pos(self, path: PathKey, ch: str) -> tuple[int, int] | None:
        """Where ``ch`` (a character or a word) first appears in the value at ``path``.

        Characters written as escapes in double quotes are not found in the source;
        then the position of the value itself is the best answer.
        """
        span = self.spans.get(tuple(path))
        if span is not None:
            i = self.text.find(ch, span[0], span[1])
            if i >= 0:
                line = self.text.count("\n", 0, i) + 1
                return line, i - (self.text.rfind("\n", 0, i) + 1) + 1
        return self.pos(path)


class YamlError(ContentError):
    """A file that could not be read; carries its problems."""


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError([Problem(file, 1, 1, "", "the file is saved as UTF-16; save it as UTF-8")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        bad = raw[e.start : e.start + 1].hex()
        raise YamlError(
            [
                Problem(
                    file,
                    line,
                    col,
                    "",
                    f"not UTF-8 text (byte 0x{bad}); save the file as UTF-8 "
                    "(in most editors: Save As… → Encoding: UTF-8)",
                )
            ]
        ) from None


def _clean(text: str, file: str) -> tuple[str, list[Problem]]:
    """Remove characters YAML forbids, warning once per line with the column."""
    warnings: list[Problem] = []
    if not _FORBIDDEN.search(text):
        return text, warnings
    out_lines = []
    for n, line in enumerate(text.split("\n"), start=1):
        m = _FORBIDDEN.search(line)
        if m:
            chars = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(line)})
            warnings.append(
                Problem(
                    file,
                    n,
                    m.start() + 1,
                    "",
                    f"removed invisible control characters ({', '.join(chars)}), "
                    "probably pasted from another program",
                    "warning",
                )
            )
            line = _FORBIDDEN.sub("", line)
        out_lines.append(line)
    return "\n".join(out_lines), warnings


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _unclosed(text: str) -> tuple[str, int, int] | None:
    """The last '[' or '{' left open in ``text`` (char, line, col), quotes and comments aside."""
    stack: list[tuple[str, int, int]] = []
    pairs = {"]": "[", "}": "{"}
    for ln, line in enumerate(text.splitlines(), start=1):
        quote = ""
        for col, ch in enumerate(line, start=1):
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and (col == 1 or line[col - 2] in " [{,:"):
                quote = ch
            elif ch == "#" and (col == 1 or line[col - 2] == " "):
                break
            elif ch in "[{":
                stack.append((ch, ln, col))
            elif ch in "]}" and stack and stack[-1][0] == pairs[ch]:
                stack.pop()
    return stack[-1] if stack else None


def _quoted_scalars(text: str) -> list[yaml.ScalarToken]:
    """The quoted scalars the scanner reads before it stops (at the error, or the end)."""
    out: list[yaml.ScalarToken] = []
    try:
        for tok in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(tok, yaml.ScalarToken) and tok.style in ('"', "'"):
                out.append(tok)
    except yaml.YAMLError:
        pass
    return out


# Inside quoted text, a line that looks like YAML's own structure ('key: ' or '- '):
# the quote was meant to end on the line before.
_STRUCTURE_LINE = re.compile(r"\n[ \t]*(?:- |[A-Za-z_][\w -]*:(?:[ \t]|$))", re.M)


def _runaway_quote(text: str, line: int) -> yaml.ScalarToken | None:
    """A quoted text that ran on from an earlier line to ``line`` (1-based), swallowing keys.

    A quote never closed on its own line goes on to the next quote in the file, which
    opened another text: the parser then fails there, far from the mistake.
    """
    for tok in _quoted_scalars(text):
        if (
            tok.start_mark.line < tok.end_mark.line
            and tok.end_mark.line + 1 == line
            and _STRUCTURE_LINE.search(text, tok.start_mark.index, tok.end_mark.index)
        ):
            return tok
    return None


def _text_after_quote(text: str, index: int) -> yaml.ScalarToken | None:
    """The quoted text that ends just before ``index`` on the same line ('"Photo" synthesis')."""
    for tok in _quoted_scalars(text):
        between = text[tok.end_mark.index : index]
        if tok.end_mark.index <= index and between.strip(" \t") == "" and "\n" not in between:
            return tok
    return None


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """A YAML syntax error, placed where the teacher must look and said plainly."""
    mark = e.problem_mark or e.context_mark
    what = e.problem or "not valid YAML"
    context = e.context or ""
    hint = ""
    ln, col = _mark(mark) if mark else (None, None)
    runaway = _runaway_quote(text, ln) if ln is not None and "expected" in what else None
    after = (
        _text_after_quote(text, mark.index)
        if mark is not None and runaway is None and "expected <block end>" in what
        else None
    )
    if runaway is not None:
        q = runaway.style
        ln, col = _mark(runaway.start_mark)
        end = runaway.end_mark.line + 1
        what = (
            f"this quoted text is never closed on its line: it runs on to the {q} on "
            f"line {end}"
        )
        hint = f"; end it with {q} on this line"
    elif after is not None:
        ln, col = _mark(after.start_mark)
        q = after.style
        other = "'" if q == '"' else '"'
        what = "text goes on after the closing quote"
        hint = (
            f"; put the whole text in quotes (inside {q}…{q}, write a {q} as "
            + ('\\"' if q == '"' else "''")
            + f", or quote the text with {other} instead)"
        )
    elif "end of stream" in what or "<stream end>" in what:
        # Something opened runs to the end of the file: point at where it was opened,
        # not at the file's end. A quote swallows any bracket after it: it comes first.
        opened = _unclosed(text)
        if e.context_mark is not None and "quoted" in context:
            ln, col = _mark(e.context_mark)
            q = text[e.context_mark.index : e.context_mark.index + 1]
            what = "this quoted text is never closed (the file ends first)"
            hint = f"; end it with {q}" if q in "\"'" else ""
        elif opened is not None:
            ch, ln, col = opened
            what = f"this '{ch}' is never closed (the file ends first)"
            hint = f"; close it with '{_CLOSING[ch]}', or put the text in quotes"
    elif context.startswith("while parsing a flow") and e.context_mark is not None:
        # "[a, b" followed by more lines: the list was never closed where it opened.
        end = ln
        ln, col = _mark(e.context_mark)
        ch = text.splitlines()[ln - 1][col - 1 : col] or "["
        what = f"this '{ch}' is not closed before line {end}"
        hint = (
            f"; close it with '{_CLOSING.get(ch, ']')}', or put text that starts with "
            f"'{ch}' in quotes"
        )
    if "found character '\\t'" in str(e):
        hint = "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in what and _indented_key(text, ln, col):
        assert ln is not None
        line = text.splitlines()[ln - 1]
        col = len(line) - len(line.lstrip(" ")) + 1
        what = "this field is indented more than the one above it"
        hint = "; line up the fields of one mapping at the same column"
    elif "mapping values are not allowed" in what:
        what = "a ': ' inside a text makes it look like a new field"
        hint = "; put text containing ': ' in quotes" + _quoted_example(text, ln)
    elif m := re.match(r"found character '(.)' that cannot start any token", what):
        what = f"text cannot start with '{m.group(1)}' unless it is in quotes"
        hint = _quoted_example(text, ln, "; write it as")
    elif m := re.match(r"found unknown escape character '([*~^])'", what):
        what = f"in double quotes, a backslash starts an escape and \\{m.group(1)} is not one"
        hint = (
            f"; for a literal {m.group(1)} in text write it in single quotes "
            f"('2 \\{m.group(1)} 3') or double the backslash (\"2 \\\\{m.group(1)} 3\")"
        )
    elif "scanning an alias" in context or "scanning an anchor" in context:
        ch = "*" if "alias" in context else "&"
        if e.context_mark is not None:
            ln, col = _mark(e.context_mark)
        what = f"text cannot start with '{ch}' unless it is in quotes"
        hint = _quoted_example(text, ln, "; write it as")
    elif "scanning a block scalar" in context:
        what = "text after '|' or '>' must start on the next line, indented"
        hint = "; or put text that starts with '|' or '>' in quotes"
    elif "could not find expected ':'" in what and e.context_mark is not None:
        ln, col = _mark(e.context_mark)
        what = "this line is neither 'field: value' nor a list item ('- …')"
        hint = (
            "; add the missing ':' or '- ', or indent it to go on with the text above"
        )
    elif (
        what.startswith("expected <block end>")
        and mark is not None
        and (opening := _flow_before(text, mark.index)) is not None
    ):
        ln, col = opening
        ch = text.splitlines()[ln - 1][col - 1]
        what = (
            f"text that starts with '{ch}' is read as a "
            f"{'list' if ch == '[' else 'mapping'}, and more text follows it"
        )
        hint = "; put the whole text in quotes" + _quoted_example(text, ln)
    elif what.startswith("expected <block end>") or "did not find expected" in what:
        what = "this line is not lined up with the lines above it"
        hint = (
            "; check its indentation (the fields of one mapping, and the items of one "
            "list, start at the same column)"
        )
    return Problem(file, ln, col, "", f"not valid YAML: {what}{hint}")


def _flow_before(text: str, index: int) -> tuple[int, int] | None:
    """Where the '[' or '{' opens whose closing bracket ends just before ``index``, same line."""
    start = text.rfind("\n", 0, index) + 1
    before = text[start:index].rstrip(" \t")
    if not before.endswith(("]", "}")):
        return None
    close = before[-1]
    depth = 0
    for i in range(len(before) - 1, -1, -1):
        c = before[i]
        if c == close:
            depth += 1
        elif c == {"]": "[", "}": "{"}[close]:
            depth -= 1
            if depth == 0:
                line = text.count("\n", 0, start) + 1
                return line, i + 1
    return None


def _indented_key(text: str, line: int | None, col: int | None) -> bool:
    """Whether the ': ' at ``line``:``col`` ends a field name indented past the field above."""
    lines = text.splitlines()
    if line is None or col is None or not 1 < line <= len(lines):
        return False
    here = lines[line - 1]
    m = re.match(r"^( *)[A-Za-z_][\w-]*:", here)
    if m is None or m.end() != col:
        return False
    above = next((x for x in reversed(lines[: line - 1]) if x.strip()), "")
    above_key = re.match(r"^( *)(?:- )?[A-Za-z_][\w-]*:( |$)", above)
    return above_key is not None and len(m.group(1)) > len(above_key.group(1)) and bool(
        above[above_key.end() :].strip()
    )


_CLOSING = {"[": "]", "{": "}"}


def _quoted_example(text: str, line: int | None, lead: str = ", e.g.") -> str:
    """``, e.g. text: "Note: this"`` for the line at fault, when it is one 'key: value' line."""
    if line is None:
        return ""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    m = re.match(r"^(\s*[A-Za-z_][\w-]*: )(.*?)\s*(?:#.*)?$", lines[line - 1])
    if m is None or '"' in m.group(2) or not m.group(2):
        return ""
    if "\\" in m.group(2) and "'" not in m.group(2):  # a backslash escapes in "…": not in '…'
        return f"{lead} {m.group(1).strip()} '{m.group(2)}'"
    return f"{lead} {m.group(1).strip()} \"{m.group(2)}\""


def _prescan(text: str, file: str) -> None:
    """Walk the event stream (no objects built): refuse aliases, depth, node floods."""
    depth = 0
    nodes = 0
    docs = 0
    for ev in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(ev, yaml.DocumentStartEvent):
            docs += 1
            if docs > 1:
                ln, col = _mark(ev.start_mark)
                raise YamlError(
                    [Problem(file, ln, col, "", "more than one YAML document ('---'); keep one")]
                )
        if isinstance(ev, yaml.AliasEvent):
            ln, col = _mark(ev.start_mark)
            raise YamlError(
                [
                    Problem(
                        file,
                        ln,
                        col,
                        "",
                        f"aliases (*{ev.anchor}) are not supported; write the value out in full",
                    )
                ]
            )
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                ln, col = _mark(ev.start_mark)
                raise YamlError(
                    [Problem(file, ln, col, "", f"nested more than {MAX_DEPTH} levels deep")]
                )
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if isinstance(ev, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            nodes += 1
            if nodes > MAX_NODES:
                ln, col = _mark(ev.start_mark)
                raise YamlError([Problem(file, ln, col, "", f"more than {MAX_NODES} values")])
        if isinstance(ev, yaml.ScalarEvent) and len(ev.value) > MAX_SCALAR_CHARS:
            ln, col = _mark(ev.start_mark)
            raise YamlError(
                [
                    Problem(
                        file,
                        ln,
                        col,
                        "",
                        f"a text of {len(ev.value):,} characters; the limit is "
                        f"{MAX_SCALAR_CHARS:,} — split it into several blocks",
                    )
                ]
            )


def _build(
    node: yaml.Node,
    path: PathKey,
    doc: YamlDoc,
    problems: list[Problem],
    warnings: list[Problem],
) -> Any:
    doc.values[path] = _mark(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                ln, col = _mark(knode.start_mark)
                problems.append(Problem(doc.file, ln, col, _fmt(path), "a key must be plain text"))
                continue
            key = knode.value
            if key == "<<" and knode.tag == "tag:yaml.org,2002:merge":
                ln, col = _mark(knode.start_mark)
                problems.append(
                    Problem(doc.file, ln, col, _fmt(path), "merge keys (<<) are not supported")
                )
                continue
            if key in out:
                ln, col = _mark(knode.start_mark)
                first = doc.keys[(*path, key)]
                problems.append(
                    Problem(
                        doc.file,
                        ln,
                        col,
                        _fmt((*path, key)),
                        f"duplicate key '{key}' (first given on line {first[0]}); keep one",
                    )
                )
                continue
            doc.keys[(*path, key)] = _mark(knode.start_mark)
            out[key] = _build(vnode, (*path, key), doc, problems, warnings)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(v, (*path, i), doc, problems, warnings) for i, v in enumerate(node.value)
        ]
    assert isinstance(node, yaml.ScalarNode)
    value: str = node.value
    doc.spans[path] = (node.start_mark.index, node.end_mark.index)
    if node.style is None and value in _NULLS:
        return None
    if _FORBIDDEN.search(value):
        # Escapes in double quotes ("\v", "\0", "\ud800", "\uFFFE") make characters the
        # stream itself may not hold; no file format can store them either.
        chars = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(value)})
        ln, col = _mark(node.start_mark)
        warnings.append(
            Problem(
                doc.file,
                ln,
                col,
                _fmt(path),
                f"removed characters that cannot be shown or saved ({', '.join(chars)}), "
                "written as escapes in quotes",
                "warning",
            )
        )
        value = _FORBIDDEN.sub("", value)
    if path and path[-1] == "path":
        return value  # a file name must match the disk's spelling, byte for byte
    # One spelling per character: "e" + combining acute becomes "é", which the fonts
    # have, instead of a letter followed by a mark they may not draw.
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").translate(_SPACES))


def _fmt(path: PathKey) -> str:
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + p
    return out


format_path = _fmt


def read_yaml(path: Path, shown_as: str | None = None) -> tuple[YamlDoc, list[Problem]]:
    """Parse ``path``; returns the document and warnings, or raises YamlError.

    ``shown_as`` is how the file is named in messages (defaults to the path given).
    """
    file = shown_as or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlError(
                [
                    Problem(
                        file,
                        None,
                        None,
                        "",
                        f"the file is {size / 1e6:.1f} MB; the limit is "
                        f"{MAX_FILE_BYTES / 1e6:.0f} MB — split it into several sections",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlError([Problem(file, None, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise YamlError([Problem(file, None, None, "", "is a folder, not a YAML file")]) from None
    except OSError as e:
        raise YamlError([Problem(file, None, None, "", f"cannot read: {e.strerror}")]) from None
    return parse_yaml(raw, file)


def parse_yaml(raw: bytes, file: str) -> tuple[YamlDoc, list[Problem]]:
    """Parse a file's bytes as :func:`read_yaml` does (the editor checks unsaved text)."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            [
                Problem(
                    file,
                    None,
                    None,
                    "",
                    f"the file is {len(raw) / 1e6:.1f} MB; the limit is "
                    f"{MAX_FILE_BYTES / 1e6:.0f} MB — split it into several sections",
                )
            ]
        )
    text, warnings = _clean(_decode(raw, file), file)
    if not text.strip():
        raise YamlError([Problem(file, 1, 1, "", "the file is empty")])
    try:
        _prescan(text, file)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        raise YamlError([_syntax_problem(e, text, file)]) from None
    except yaml.YAMLError as e:
        raise YamlError([Problem(file, None, None, "", f"not valid YAML: {e}")]) from None
    if node is None:
        raise YamlError([Problem(file, 1, 1, "", "the file is empty")])
    doc = YamlDoc(None, file, text=text)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems, warnings)
    if problems:
        raise YamlError(warnings + problems)
    return doc, warnings
