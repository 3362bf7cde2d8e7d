"""The one table of export formats: what each is, what it composes, how it is written.

The command line's help, the export dialog and the planner all read ``FORMATS``: a
new format is one row here plus, if it composes something new, one branch in
``plan``. This module imports nothing heavy (the writer processes read it too).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# What a format needs composed: the deck's slides, the infographic's pages, one page
# per diagram of the chosen sections, or each step-by-step diagram's frames; the
# classroom materials: the handout, the worksheet, its answer key; or the chosen
# sections' quiz questions.
Composition = Literal["deck", "infographic", "diagrams", "frames", "handout", "worksheet",
                      "answers", "quiz"]

_MPL = ("infodeck.render.mpl",)


@dataclass(frozen=True)
class Writer:
    """How a file is written: its file suffix and what writing it imports.

    ``modules`` lets a writer process import them before its first file arrives.
    """

    suffix: str
    modules: tuple[str, ...]

    @property
    def draws(self) -> bool:
        """Whether files are drawn with matplotlib (the deck is not)."""
        return self.modules[0] == _MPL[0]


PPTX = Writer("pptx", ("infodeck.render.pptx",))
PNG = Writer("png", _MPL)
SVG = Writer("svg", (*_MPL, "matplotlib.backends.backend_svg"))
PDF = Writer("pdf", (*_MPL, "matplotlib.backends.backend_pdf"))
# A Word file; its diagrams are pictures drawn with matplotlib.
DOCX = Writer("docx", ("infodeck.render.docx", *_MPL))
# Made while planning (export/quiz.py) and written as they are: nothing to draw.
GIFT = Writer("txt", ("infodeck.export.quiz",))
XLSX = Writer("xlsx", ("infodeck.export.quiz", "openpyxl"))


@dataclass(frozen=True)
class Format:
    """One export format, as the user names it."""

    name: str  # what ``--formats`` and the settings spell
    description: str  # what it gives a teacher (the dialog's label, the CLI's help)
    composes: tuple[Composition, ...]
    writer: Writer
    default: bool = False  # exported when no formats are named
    also: tuple[Writer, ...] = ()  # more files of the same composition (the worksheet's .docx)


FORMATS: tuple[Format, ...] = (
    Format(
        "pptx",
        "Slide deck for PowerPoint (.pptx) — editable, with speaker notes",
        ("deck",),
        PPTX,
        default=True,
    ),
    Format(
        "png",
        "Infographic as a picture (PNG), and each diagram as PNG",
        ("infographic", "diagrams"),
        PNG,
        default=True,
    ),
    Format("svg", "Each diagram as SVG (sharp at any size)", ("diagrams",), SVG, default=True),
    Format(
        "pdf",
        "Infographic as a PDF for printing, and each diagram as PDF",
        ("infographic", "diagrams"),
        PDF,
        default=True,
    ),
    Format("slides-png", "Every slide as a picture (PNG)", ("deck",), PNG),
    Format(
        "frames",
        "Diagrams step by step, one numbered PNG per step",
        ("frames",),
        PNG,
    ),
    Format(
        "handout",
        "Handout (PDF): slides three to a page, lines for notes, the sources",
        ("handout",),
        PDF,
    ),
    Format(
        "worksheet",
        "Worksheet (PDF and Word .docx): blanks, steps to order, labels, questions",
        ("worksheet",),
        PDF,
        also=(DOCX,),
    ),
    Format("answers", "Answer key for the worksheet (PDF)", ("answers",), PDF),
    Format(
        "quiz-gift",
        "Quiz questions for Moodle and other learning platforms (GIFT text)",
        ("quiz",),
        GIFT,
    ),
    Format(
        "quiz-xlsx",
        "Quiz for Kahoot (its spreadsheet to import: up to 4 answers a question)",
        ("quiz",),
        XLSX,
    ),
)

BY_NAME = {f.name: f for f in FORMATS}
NAMES = tuple(BY_NAME)
DEFAULTS = tuple(f.name for f in FORMATS if f.default)


def unknown(names: Iterable[str]) -> list[str]:
    """The names that are no format, in the order given."""
    return [n for n in names if n not in BY_NAME]


def chosen(names: Iterable[str]) -> list[Format]:
    """The formats named, in the table's order (unknown names are left out)."""
    wanted = set(names)
    return [f for f in FORMATS if f.name in wanted]


def drawing_modules(names: Iterable[str]) -> tuple[str, ...]:
    """What writing the formats ``names`` with matplotlib imports (none for a deck alone)."""
    modules = (m for f in chosen(names) for w in (f.writer, *f.also) if w.draws
               for m in w.modules)
    return tuple(dict.fromkeys(modules))
