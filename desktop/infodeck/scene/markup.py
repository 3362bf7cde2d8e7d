r"""The small inline markup of a teacher's text: bold, italic, sub- and superscript.

    **bold**   *italic*   ***both***   CO~2~ (subscript)   x^2^ (superscript)
    \*  \~  \^  \\   a literal asterisk, tilde, caret, backslash

It is the Markdown most teachers know, and what pandoc writes, so a document
imported from Markdown or Word reads the same in the pack. The rules, kept small:

* ``*`` and ``**`` open where the next character is not a space and close where
  the one before is not a space (as in CommonMark), so ``2 * 3`` and a bullet's
  ``* `` are text. A marker that is never closed is text too, never an error
  (``lint`` warns about it, with its line and column).
* ``~x~`` and ``^x^`` hold no space and are not empty, so ``~5 min`` and ``2^10``
  are text. Unicode ₂ and ² always work as well.
* ``_`` is not a marker (``snake_case`` and ``__init__`` stay as typed).

Text is parsed once (cached) into spans; composers turn spans into scene runs,
and everything that wants words without ink (alt text, notes, search, spelling,
chart labels) takes :func:`plain`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Script = Literal["", "sub", "super"]
ESCAPABLE = frozenset("\\*~^")
_MAX_DELIMITERS = 2000  # more markers than this in one text: the rest are text (bounded work)


@dataclass(frozen=True)
class Span:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    script: Script = ""


@dataclass
class _Delim:
    """A run of asterisks: where it sits in the pieces, and what it can do."""

    piece: int
    count: int
    can_open: bool
    can_close: bool
    opens: list[int]  # emphasis widths (1 italic, 2 bold) opened here, outermost first
    closes: list[int]  # widths closed here, innermost first
    offset: int  # its position in the source text (for lint)


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _script_end(text: str, i: int, mark: str) -> int:
    """Where the ``~…~`` or ``^…^`` starting at ``i`` closes, or -1 when it is text."""
    j = i + 1
    while j < len(text):
        ch = text[j]
        if ch == "\\" and j + 1 < len(text) and text[j + 1] in ESCAPABLE:
            j += 2
            continue
        if ch == mark:
            return j if j > i + 1 else -1
        if ch.isspace() or ch == "*":
            return -1
        j += 1
    return -1


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# A piece is literal text with its script, or an asterisk run (index into delims).
_Piece = tuple[str, Script] | int


def _scan(text: str) -> tuple[list[_Piece], list[_Delim]]:
    pieces: list[_Piece] = []
    delims: list[_Delim] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            pieces.append(("".join(buf), ""))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
        elif ch in "~^":
            end = _script_end(text, i, ch)
            if end < 0:
                buf.append(ch)
                i += 1
            else:
                flush()
                pieces.append((_unescape(text[i + 1 : end]), "sub" if ch == "~" else "super"))
                i = end + 1
        elif ch == "*":
            j = i
            while j < n and text[j] == "*":
                j += 1
            before = text[i - 1] if i else ""
            after = text[j] if j < n else ""
            if len(delims) >= _MAX_DELIMITERS:
                buf.append(text[i:j])
            else:
                flush()
                pieces.append(len(delims))
                delims.append(
                    _Delim(len(pieces) - 1, j - i, not _is_space(after), not _is_space(before),
                           [], [], i)
                )
            i = j
        else:
            buf.append(ch)
            i += 1
    flush()
    return pieces, delims


def _match(delims: list[_Delim]) -> None:
    """Pair openers with closers (CommonMark's delimiter stack, without its rule of 3)."""
    left = [d.count for d in delims]
    stack: list[int] = []  # delimiters that may still open
    for k, d in enumerate(delims):
        if d.can_close:
            while left[k] and stack:
                o = stack[-1]
                use = 2 if left[o] >= 2 and left[k] >= 2 else 1
                delims[o].opens.insert(0, use)
                d.closes.append(use)
                left[o] -= use
                left[k] -= use
                if not left[o]:
                    stack.pop()
        if d.can_open and left[k]:
            stack.append(k)
    for k, d in enumerate(delims):
        d.count = left[k]  # what is left is literal asterisks


@lru_cache(maxsize=16384)
def parse(text: str) -> tuple[Span, ...]:
    """``text`` as styled spans; any string parses (unmatched markers are text)."""
    if not any(c in text for c in "*~^\\"):
        return (Span(text),) if text else ()
    pieces, delims = _scan(text)
    _match(delims)
    spans: list[Span] = []
    bold = italic = 0

    def emit(s: str, script: Script = "") -> None:
        if not s:
            return
        span = Span(s, bold > 0, italic > 0, script)
        if spans and not script and not spans[-1].script and spans[-1].bold == span.bold \
                and spans[-1].italic == span.italic:
            spans[-1] = Span(spans[-1].text + s, span.bold, span.italic)
        else:
            spans.append(span)

    for p in pieces:
        if isinstance(p, tuple):
            emit(*p)
            continue
        d = delims[p]
        for use in d.closes:
            if use == 2:
                bold -= 1
            else:
                italic -= 1
        if d.closes:
            emit("*" * d.count)  # a closer's leftover asterisks follow what it closed
        for use in d.opens:
            if use == 2:
                bold += 1
            else:
                italic += 1
        if not d.closes:
            # An opener's leftover asterisks stand before what it opens; add them first.
            if d.opens:
                for use in d.opens:
                    if use == 2:
                        bold -= 1
                    else:
                        italic -= 1
                emit("*" * d.count)
                for use in d.opens:
                    if use == 2:
                        bold += 1
                    else:
                        italic += 1
            else:
                emit("*" * d.count)
    return tuple(spans)


@lru_cache(maxsize=16384)
def plain(text: str) -> str:
    """The words of ``text`` without markers: for alt text, notes, search and spelling."""
    return "".join(s.text for s in parse(text))


def escape(text: str) -> str:
    """Literal ``text`` written so that it parses back to itself (importers use this)."""
    return "".join("\\" + c if c in ESCAPABLE else c for c in text)


def render(spans: tuple[Span, ...] | list[Span]) -> str:
    """Spans written as markup that parses back to them.

    Literal asterisks, tildes and carets are escaped only where they would otherwise
    be read as markers (``2 * 3`` stays as it is). Emphasis hugs the words (spaces at
    its edges are written outside it: a marker next to a space would not open or
    close), and a sub- or superscript with a space in it is written as plain text.
    """
    full = _render(spans, escape)
    bare = _render(spans, str)
    return bare if bare == full or parse(bare) == parse(full) else full


def _render(spans: tuple[Span, ...] | list[Span], esc: Callable[[str], str]) -> str:
    groups: list[tuple[bool, bool, list[str]]] = []
    for s in spans:
        if not s.text:
            continue
        body = esc(s.text)
        if s.script and not any(c.isspace() for c in s.text):
            mark = "~" if s.script == "sub" else "^"
            body = mark + body + mark
        if groups and groups[-1][:2] == (s.bold, s.italic):
            groups[-1][2].append(body)
        else:
            groups.append((s.bold, s.italic, [body]))
    out: list[str] = []
    for bold, italic, bodies in groups:
        text = "".join(bodies)
        core = text.strip()
        marks = ("**" if bold else "") + ("*" if italic else "")
        if not core or not marks:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(lead + marks + core + marks[::-1] + trail)
    return "".join(out)


def unclosed(text: str) -> list[int]:
    r"""Offsets in ``text`` of asterisks that look like bold or italic but are never closed.

    They are drawn as asterisks; lint warns so that a teacher either closes them or
    writes ``\*``. An asterisk that cannot open (``2 * 3``, ``note*``) is not reported;
    ``**`` closed by a single ``*`` is (one asterisk of it shows).
    """
    if "*" not in text:
        return []
    _, delims = _scan(text)
    _match(delims)
    return [d.offset for d in delims if d.count and d.can_open and not d.closes]


def cut(text: str, n: int) -> str:
    """The first ``n`` characters of ``text``'s words, its markup kept and closed.

    For labels shortened to fit (diagrams): cutting the markup itself could leave a
    ``**`` open, drawn as asterisks.
    """
    out: list[Span] = []
    left = n
    for s in parse(text):
        if left <= 0:
            break
        out.append(Span(s.text[:left], s.bold, s.italic, s.script))
        left -= len(s.text)
    return render(out)


def restyle(text: str, *, bold: bool | None = None, italic: bool | None = None) -> str:
    """``text`` with all of it made bold (or not) or italic (or not), the rest kept.

    Importers use it: a heading's own bold is dropped (a title is bold anyway), a
    heading deeper than a section becomes the bold lead-in of the text after it.
    """
    return render(
        [
            Span(
                s.text,
                s.bold if bold is None else bold,
                s.italic if italic is None else italic,
                s.script,
            )
            for s in parse(text)
        ]
    )
