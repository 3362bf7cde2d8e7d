"""What a reader finds in a document, before it becomes a pack.

Both readers (Markdown and Word) produce the same flat list of elements, in reading
order, so the rules of what becomes what (``build.py``) are written once. Each
element keeps ``where`` (a line, or a paragraph number) for the import report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from infodeck.errors import UserError

# Unicode has sub- and superscript forms for digits and a few signs only; other
# characters are kept as they are (and reported: the formatting is not kept).
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUP = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUB_OK = set("0123456789+-=()")
_SUP_OK = set("0123456789+-=()n")

MAX_SOURCE_BYTES = 50 * 1024 * 1024  # a lesson's notes, pictures included, are far smaller


class ImportRefused(UserError):
    """The document cannot be imported (not readable, unsafe, too large); nothing was written."""


def subscript(text: str) -> str | None:
    """``text`` in Unicode subscript characters, or None when one has no such form."""
    return text.translate(_SUB) if text and set(text) <= _SUB_OK else None


def superscript(text: str) -> str | None:
    """``text`` in Unicode superscript characters, or None when one has no such form."""
    return text.translate(_SUP) if text and set(text) <= _SUP_OK else None


@dataclass
class Heading:
    """A heading; its level decides section (the top level) or lead-in text (deeper)."""

    level: int
    text: str
    where: str


@dataclass
class Paragraph:
    """A paragraph of plain text; footnote marks are taken out into ``notes``."""

    text: str
    where: str
    notes: list[str] = field(default_factory=list)  # footnote labels cited here
    formatting_lost: bool = False  # bold, italic or sub/superscript that Unicode cannot hold


@dataclass
class ListItem:
    """One list item; ``depth`` 0 is the outer list."""

    text: str
    depth: int
    notes: list[str] = field(default_factory=list)


@dataclass
class ListBlock:
    """A list, nested items included (each with its depth)."""

    ordered: bool
    items: list[ListItem]
    where: str
    formatting_lost: bool = False


@dataclass
class Quote:
    """A block quote; an attribution after a dash is split off when the pack is built."""

    text: str
    where: str
    notes: list[str] = field(default_factory=list)


@dataclass
class Image:
    """A picture: ``data`` (read from the document) or ``path`` (a file next to it)."""

    name: str
    alt: str
    where: str
    data: bytes | None = None
    path: Path | None = None
    skipped: str | None = None  # why it cannot be used (a web address), for the report


@dataclass
class Table:
    """A table's cell texts, row by row (the first row is its header), and its pictures."""

    rows: list[list[str]]
    where: str
    images: list[Image] = field(default_factory=list)


@dataclass
class PageBreak:
    """A page or section break: sections of a document without headings."""

    where: str


@dataclass
class Other:
    """Something with no counterpart in a pack (code, a rule, HTML), kept as text if it has any."""

    what: str
    text: str
    where: str


Element = Heading | Paragraph | ListBlock | Quote | Image | Table | PageBreak | Other


@dataclass
class Outline:
    """A document as read: its title, language, elements and footnotes (label → text)."""

    source: Path
    title: str | None
    language: str | None
    elements: list[Element]
    footnotes: dict[str, str] = field(default_factory=dict)
    author: str | None = None
