"""The worksheet as data: exercises with their answers, for every writer alike.

The PDF sheets, the Word file (``render/docx.py``) and the answer key are all made
from one ``Worksheet``, so the answer key always answers the sheet the class got.
Only plain values and scene pages live here: the writer processes unpickle it
without importing the composer. Texts keep the teacher's inline markup (CO~2~,
*italic*); every writer draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from infodeck.scene.elements import Page
from infodeck.scene.markup import plain

BLANK = "_" * 20  # the line a pupil writes on: room for a long word in handwriting


def _sort_key(text: str) -> str:
    return plain(text).casefold()


@dataclass(frozen=True)
class Blank:
    """A sentence with one gap: ``before`` + a blank + ``after``; ``answer`` fills it."""

    before: str
    answer: str
    after: str
    lang: str = ""


@dataclass(frozen=True)
class OrderTask:
    """A pathway's steps, shuffled: ``shuffled[i]`` is the step at ``order[i]`` (1-based)."""

    title: str
    shuffled: tuple[str, ...]
    order: tuple[int, ...]  # for each shuffled step, its place in the pathway
    lang: str = ""

    @property
    def in_order(self) -> tuple[str, ...]:
        """The steps as the pathway has them."""
        by_place = sorted(zip(self.order, self.shuffled, strict=True))
        return tuple(text for _, text in by_place)


@dataclass(frozen=True)
class LabelTask:
    """A diagram whose labels are numbered blanks, drawn on ``page``; ``answers[n-1]`` is n."""

    title: str
    page: Page  # the diagram alone, composed with the blanks (a picture for the Word file)
    answers: tuple[str, ...]
    key: Page  # the same diagram with each number beside its label, for the answer key
    lang: str = ""

    @property
    def bank(self) -> tuple[str, ...]:
        """The labels in alphabetical order (their order on the diagram is the answer)."""
        return tuple(sorted(self.answers, key=_sort_key))


@dataclass(frozen=True)
class Question:
    """A quiz question: a multiple choice (``choices``) or a true/false statement.

    ``correct`` holds the indices of the correct choices (one or more); a true/false
    question has the choices True and False in the sheet's language.
    """

    text: str
    choices: tuple[str, ...]
    correct: tuple[int, ...]
    explanation: str = ""
    true_false: bool = False
    lang: str = ""


@dataclass(frozen=True)
class Worksheet:
    """Everything a worksheet asks, in the order it asks it, with every answer."""

    title: str
    lang: str
    blanks: tuple[Blank, ...] = ()
    orders: tuple[OrderTask, ...] = ()
    labels: tuple[LabelTask, ...] = ()
    questions: tuple[Question, ...] = ()
    words: dict[str, str] = field(default_factory=dict)  # the sheet's own words, translated
    paper: tuple[float, float] = (595.28, 841.89)  # the page size in points (A4 or Letter)

    @property
    def bank(self) -> tuple[str, ...]:
        """The fill-in answers for the word bank, each once, alphabetically."""
        return tuple(sorted(dict.fromkeys(b.answer for b in self.blanks), key=_sort_key))

    @property
    def empty(self) -> bool:
        return not (self.blanks or self.orders or self.labels or self.questions)
