"""Printer paper, print type and the words on the sheets.

Classroom sheets go through a school printer, so they are A4 or US Letter, never
the infographic's own page: Letter when the chosen infographic layout is Letter
(the teacher prints on Letter), A4 when it is an ISO size (A4, A3), and for the
screen layouts (square, web) by the pack's region: Letter for the countries that
use it, A4 everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from infodeck.compose.layouts import Layout
from infodeck.scene.contrast import contrast_ratio

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
# Where Letter is the usual paper (language tags' regions).
LETTER_REGIONS = frozenset({"us", "ca", "mx", "ph", "cl", "co", "ve", "gt", "cr", "pa", "sv",
                            "do", "pr", "ni", "hn", "bo"})

# Print palette: near-black on white saves ink and copies well on any machine.
INK = "#1A1A1A"
MUTED = "#505050"
RULE = "#8C8C8C"
PAPER = "#FFFFFF"

# The sheets' own words (assets/words), handed to writers that cannot look them up.
SHEET_WORDS = (
    "worksheet", "answer_key", "handout", "page_of", "name", "class", "date",
    "fill_blanks", "fill_blanks_how", "word_bank", "order_steps", "order_steps_how",
    "label_diagram", "label_diagram_how", "labels", "questions", "choose_one", "choose_all",
    "true_false_how", "correct_order", "why", "sources",
)


@dataclass(frozen=True)
class Paper:
    """A sheet of printer paper and the type set on it (points)."""

    name: str  # "A4" or "Letter"
    width: float
    height: float
    margin: float = 42.0  # about 15 mm: inside every printer's unprintable edge
    title: float = 18.0
    heading: float = 13.5
    body: float = 11.0
    small: float = 9.0

    @property
    def text_w(self) -> float:
        return self.width - 2 * self.margin


def choose_paper(layout: Layout, lang: str) -> Paper:
    """A4 or Letter for the infographic layout ``layout`` and the pack's language tag."""
    w, h = sorted((layout.width, layout.height))
    if abs(w - LETTER[0]) < 2 and abs(h - LETTER[1]) < 2:
        return Paper("Letter", *LETTER)
    iso = abs(h / w - 2**0.5) < 0.01
    region = lang.lower().replace("_", "-").split("-")[1:2]
    if not iso and region and region[0] in LETTER_REGIONS:
        return Paper("Letter", *LETTER)
    return Paper("A4", *A4)


def accent_on_paper(accent: str) -> str:
    """The theme's accent where it reads on white paper (WCAG AA), else ink."""
    return accent if contrast_ratio(accent, PAPER) >= 4.5 else INK
