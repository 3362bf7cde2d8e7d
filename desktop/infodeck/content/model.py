"""The content-pack schema (pydantic v2): what a teacher writes in YAML.

A pack is a folder: ``pack.yaml`` (metadata and the ordered list of section files),
``references.yaml`` and ``sections/*.yaml``. Every model forbids unknown fields, so
a misspelling is reported (with a suggestion) instead of silently ignored.
Numbers must be finite. Text is kept exactly as written.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]
MAX_CHOICES = 6  # a multiple-choice quiz's choices: as many as a slide shows legibly
IconName = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        min_length=1,
        max_length=64,
        description=(
            "An icon by name: a built-in one (Infodeck's own, such as brain or gut, "
            "and the school-subject library, such as sun, leaf, water or planet: "
            "'infodeck icons WORD' finds them) or the pack's own icons/<name>.svg."
        ),
    ),
]


Language = Annotated[
    str,
    Field(
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="A language tag such as en, fr, de-CH or pt-BR (spell checking, voices, "
        "hyphenation and Infodeck's own words follow it).",
    ),
]


class Strict(BaseModel):
    """Base: unknown fields are errors; values are validated on assignment too."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Cited(Strict):
    """Anything that can cite references by key, or be marked as an uncited claim."""

    cite: list[Id] = Field(default_factory=list, description="Reference keys, e.g. [zang2024]")
    uncited: bool = Field(
        default=False,
        description="True when the source gives no reference for this claim; shown as such.",
    )

    @model_validator(mode="after")
    def _cite_or_uncited(self) -> Cited:
        if self.cite and self.uncited:
            raise ValueError("a block with citations cannot also be marked uncited")
        return self


class BlockBase(Cited):
    """What every block has: citations, and a language of its own where it differs."""

    language: Language | None = Field(
        default=None, description="The block's language when it differs from its section's."
    )


class TextBlock(BlockBase):
    """A paragraph of prose."""

    type: Literal["text"]
    text: Text


class BulletsBlock(BlockBase):
    """A bullet list; each item is one short point."""

    type: Literal["bullets"]
    items: list[Text] = Field(min_length=1, max_length=500)


def _check_value_range(value: float, high: float | None, *, percent: bool) -> None:
    """A value, or a range value–high, that reads sensibly (percentages within 0–100)."""
    if percent:
        for name, v in (("value", value), ("value_high", high)):
            if v is not None and not 0 <= v <= 100:
                raise ValueError(f"{name}: must be a number from 0 to 100 (got {v:g})")
    if high is not None and high < value:
        raise ValueError("value_high: must not be smaller than value")


class StatBlock(BlockBase):
    """A key statistic: a big number with a unit and a label.

    ``value_high`` makes a range (80–95 %). Percentages must lie in 0–100.
    """

    type: Literal["stat"]
    value: FiniteNumber
    value_high: FiniteNumber | None = None
    unit: Annotated[str, Field(max_length=12)] = ""
    prefix: Annotated[str, Field(max_length=12)] = Field(
        default="", description="Text before the number, e.g. 'up to' or 'over'."
    )
    label: ShortText
    icon: IconName | None = None

    @model_validator(mode="after")
    def _check_range(self) -> StatBlock:
        _check_value_range(self.value, self.value_high, percent=self.unit == "%")
        return self


class QuoteBlock(BlockBase):
    """A quotation with its attribution."""

    type: Literal["quote"]
    text: Text
    attribution: ShortText


class PictureBlock(BlockBase):
    """A picture from the pack folder; alt text is required."""

    type: Literal["picture"]
    path: ShortText = Field(description="Path inside the pack folder, e.g. images/gut.png")
    alt: ShortText = Field(description="What the picture shows, for screen readers.")
    caption: ShortText | None = None
    credit: ShortText | None = Field(
        default=None, description="Who made the picture, e.g. 'Photo: A. Smith'; shown with it."
    )
    licence: ShortText | None = Field(
        default=None, description="The picture's licence, e.g. 'CC BY 4.0'; shown with it."
    )


class Hub(Strict):
    """One end of an axis diagram."""

    label: ShortText
    detail: ShortText | None = None
    icon: IconName | None = None


class Channel(Strict):
    """A labelled link between the two hubs of an axis diagram."""

    label: ShortText
    direction: Literal["both", "to-right", "to-left"] = "both"


class Step(Strict):
    """One step of a pathway diagram."""

    label: ShortText
    detail: ShortText | None = None
    icon: IconName | None = None
    highlight: bool = Field(
        default=False, description="Emphasise this step (e.g. the turning point)."
    )


class ChartItem(Cited):
    """One bar of a statistics chart."""

    label: ShortText
    value: FiniteNumber
    value_high: FiniteNumber | None = None
    prefix: Annotated[str, Field(max_length=12)] = Field(
        default="", description="Text before the bar's number, e.g. 'up to' or 'over'."
    )

    @model_validator(mode="after")
    def _check_range(self) -> ChartItem:
        _check_value_range(self.value, self.value_high, percent=False)
        return self


class ClusterItem(Strict):
    """A member of a cluster diagram."""

    label: ShortText
    detail: ShortText | None = None
    icon: IconName | None = None


class DiagramBase(BlockBase):
    """Fields common to all diagrams."""

    type: Literal["diagram"]
    title: ShortText
    alt: ShortText | None = Field(
        default=None, description="Alt text; generated from the data when omitted."
    )
    caption: ShortText | None = Field(
        default=None,
        description="Words under the diagram about what it shows; without one, none "
        "(the section's takeaway is never put under a diagram).",
    )


class AxisDiagram(DiagramBase):
    """Two hubs with labelled channels between them, each with its direction."""

    kind: Literal["axis"]
    left: Hub
    right: Hub
    channels: list[Channel] = Field(min_length=1, max_length=8)


class Stage(Strict):
    """A labelled group of consecutive steps of a pathway (light reactions | Calvin cycle)."""

    label: ShortText
    steps: Annotated[int, Field(ge=1, le=12)] = Field(
        description="How many consecutive steps the stage takes, from where the last one ended."
    )


class PathwayDiagram(DiagramBase):
    """A chain of cause and effect, step by step, optionally grouped into 2–4 stages."""

    kind: Literal["pathway"]
    steps: list[Step] = Field(min_length=2, max_length=12)
    stages: list[Stage] | None = Field(
        default=None, min_length=2, max_length=4,
        description="Labelled groups of consecutive steps, in order; their step counts add "
        "up to the number of steps.",
    )

    @model_validator(mode="after")
    def _stages_cover_the_steps(self) -> PathwayDiagram:
        if self.stages is not None:
            total = sum(st.steps for st in self.stages)
            if total != len(self.steps):
                raise ValueError(
                    f"stages: their steps add up to {total}, but the pathway has "
                    f"{len(self.steps)} steps; give each stage the number of steps it groups"
                )
        return self


class CycleDiagram(DiagramBase):
    """Stages that come round again (the water cycle, the Calvin cycle, a life cycle).

    The ``steps`` stand around a circle, read clockwise from the top, each joined to
    the next by an arrow, the last back to the first.
    """

    kind: Literal["cycle"]
    steps: list[Step] = Field(min_length=3, max_length=8)
    centre: ShortText | None = Field(
        default=None, description="A label in the middle, e.g. 'The water cycle'."
    )
    centre_icon: IconName | None = Field(default=None, description="An icon for the centre.")


class ChartDiagram(DiagramBase):
    """A chart of statistics that share one unit.

    ``style``: ``bar`` (horizontal bars, the default), ``column`` (vertical bars),
    ``line`` (values in order, e.g. over time: the labels are the times) or ``donut``
    (parts of a whole). The value axis runs from the data with round steps, or from
    ``axis_min`` to ``axis_max`` when given. A range (``value_high``) is drawn as a
    lighter extension of its bar, explained in a legend; lines and donuts take single
    values only.
    """

    kind: Literal["chart"]
    style: Literal["bar", "column", "line", "donut"] = Field(
        default="bar",
        description="bar (horizontal), column (vertical), line (in order, e.g. over time) "
        "or donut (parts of a whole).",
    )
    unit: Annotated[str, Field(max_length=12)] = "%"
    axis_min: FiniteNumber | None = Field(
        default=None, description="Where the value axis starts (default: 0, or below the data)."
    )
    axis_max: FiniteNumber | None = Field(
        default=None, description="Where the value axis ends (default: a round number above "
        "the data)."
    )
    items: list[ChartItem] = Field(min_length=1, max_length=12)

    @model_validator(mode="after")
    def _check(self) -> ChartDiagram:
        if self.unit == "%":
            for i, item in enumerate(self.items):
                for v in (item.value, item.value_high):
                    if v is not None and not 0 <= v <= 100:
                        raise ValueError(f"items[{i}]: must be a number from 0 to 100 (got {v:g})")
        if self.style in ("line", "donut"):
            for i, item in enumerate(self.items):
                if item.value_high is not None:
                    raise ValueError(
                        f"items[{i}].value_high: a {self.style} chart shows single values; "
                        "use style: bar or column for ranges"
                    )
        if self.style == "donut":
            if any(item.value < 0 for item in self.items):
                raise ValueError("a donut shows parts of a whole: values must not be negative")
            if not any(item.value > 0 for item in self.items):
                raise ValueError("a donut needs at least one value above 0")
            if self.axis_min is not None or self.axis_max is not None:
                raise ValueError("a donut has no value axis: remove axis_min and axis_max")
        lo, hi = self.axis_min, self.axis_max
        if lo is not None and hi is not None and lo >= hi:
            raise ValueError(f"axis_min ({lo:g}) must be smaller than axis_max ({hi:g})")
        for i, item in enumerate(self.items):
            top = item.value if item.value_high is None else item.value_high
            if hi is not None and top > hi:
                raise ValueError(f"items[{i}]: {top:g} lies above axis_max ({hi:g})")
            if lo is not None and item.value < lo:
                raise ValueError(f"items[{i}]: {item.value:g} lies below axis_min ({lo:g})")
        if self.style in ("bar", "column") and lo is not None and lo > 0:
            raise ValueError(
                "axis_min: bars start at zero, so that their lengths compare honestly; "
                "use style: line to show values on an axis that does not start at 0"
            )
        return self


class PictogramDiagram(DiagramBase):
    """A share of people as figures ("8 to 9.5 in 10"), its big number called out.

    ``value`` (and ``value_high`` for a range) are percentages; each of the ``figures``
    stands for an equal share, so choose 10 or 20 to show halves or twentieths.
    """

    kind: Literal["pictogram"]
    value: FiniteNumber
    value_high: FiniteNumber | None = None
    prefix: Annotated[str, Field(max_length=12)] = Field(
        default="", description="Text before the number, e.g. 'up to'."
    )
    label: ShortText = Field(description="What the share is of, e.g. 'of adults do not…'.")
    figures: Annotated[int, Field(ge=4, le=40)] = Field(
        default=20, description="How many figures make the whole (each is 100 / figures %)."
    )

    @model_validator(mode="after")
    def _check(self) -> PictogramDiagram:
        _check_value_range(self.value, self.value_high, percent=True)
        return self


class ClusterDiagram(DiagramBase):
    """Related items around a centre."""

    kind: Literal["cluster"]
    centre: ShortText
    centre_icon: IconName | None = Field(default=None, description="An icon for the centre.")
    items: list[ClusterItem] = Field(min_length=1, max_length=8)


Diagram = Annotated[
    AxisDiagram
    | PathwayDiagram
    | CycleDiagram
    | ChartDiagram
    | ClusterDiagram
    | PictogramDiagram,
    Field(discriminator="kind"),
]

def _same_words(text: str) -> str:
    """Text as compared for duplicates: case and runs of spaces do not count."""
    return " ".join(text.casefold().split())


class Choice(Strict):
    """One answer of a multiple-choice quiz; the right ones are marked ``correct: true``."""

    text: ShortText = Field(description="The answer as students read it.")
    correct: bool = Field(
        default=False, description="A right answer (mark one or more of the choices)."
    )


class QuizBase(BlockBase):
    """Fields common to both kinds of quiz."""

    type: Literal["quiz"]
    explanation: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        default=None,
        description="Why the answer is right: the speaker notes after the reveal, the "
        "feedback in Moodle and the answer key.",
    )


class ChoiceQuiz(QuizBase):
    """A multiple-choice question: two to six choices, one or more of them right.

    On a slide the choices show first and the right ones are revealed on a click.
    """

    kind: Literal["multiple-choice"]
    question: ShortText = Field(description="The question students answer.")
    choices: list[Choice] = Field(
        min_length=2, max_length=MAX_CHOICES,
        description="The answers to choose from, in the order shown; mark the right ones.",
    )

    @model_validator(mode="after")
    def _check_choices(self) -> ChoiceQuiz:
        seen: dict[str, int] = {}
        for i, c in enumerate(self.choices):
            key = _same_words(c.text)
            if key in seen:
                raise ValueError(
                    f"choices[{i}]: '{c.text}' is the same as choice {seen[key] + 1}; "
                    "give each choice its own answer"
                )
            seen[key] = i
        right = sum(c.correct for c in self.choices)
        if right == 0:
            raise ValueError(
                "choices: none is marked correct; add 'correct: true' to the right answer "
                "(or answers)"
            )
        if right == len(self.choices):
            raise ValueError(
                "choices: every choice is marked correct; a question needs at least one "
                "wrong answer to choose against"
            )
        return self


class TrueFalseQuiz(QuizBase):
    """A statement students judge true or false: the misconception block.

    Write a common misconception as the statement with ``answer: false``, and say
    why in the explanation.
    """

    kind: Literal["true-false"]
    statement: ShortText = Field(description="The claim students judge.")
    answer: bool = Field(
        description="True when the statement is right; false (unticked) when it is a "
        "misconception."
    )


Quiz = Annotated[ChoiceQuiz | TrueFalseQuiz, Field(discriminator="kind")]

Block = Annotated[
    TextBlock | BulletsBlock | StatBlock | QuoteBlock | PictureBlock | Diagram | Quiz,
    Field(discriminator="type"),
]


InfographicPart = Literal["takeaway", "stat", "diagram", "picture", "quote"]
INFOGRAPHIC_PARTS: tuple[InfographicPart, ...] = ("takeaway", "stat", "diagram", "picture", "quote")


class InfographicChoice(Strict):
    """What a section shows on the one-page infographic, and how much it matters there.

    The planner fits every chosen section on one page: when room runs out, sections
    with a larger ``priority`` number give up parts first, each from the end of its
    ``show`` list, so a teacher says what to keep without placing anything by hand.
    """

    show: list[InfographicPart] = Field(
        default_factory=lambda: list(INFOGRAPHIC_PARTS),
        min_length=1,
        max_length=len(INFOGRAPHIC_PARTS),
        description="What the section shows on the infographic, the most important first: "
        "takeaway, stat (its first key statistic), diagram (its first diagram), picture, "
        "quote. When the page is full, parts are given up from the end of this list.",
    )
    priority: Annotated[int, Field(ge=1, le=5)] = Field(
        default=3,
        description="1 (keep longest) to 5: when the page is full, sections with a larger "
        "number give up their parts first, and are the first left out.",
    )

    @field_validator("show")
    @classmethod
    def _once(cls, v: list[InfographicPart]) -> list[InfographicPart]:
        twice = sorted({p for p in v if v.count(p) > 1})
        if twice:
            raise ValueError(f"lists {', '.join(repr(p) for p in twice)} more than once")
        return v


class Section(Strict):
    """One section: becomes one or more slides and a part of the infographic."""

    id: Id
    title: ShortText
    summary: ShortText = Field(description="One line: what this section says.")
    kind: Literal["title", "content", "manufacturer"] = Field(
        default="content",
        description="'title' for the opening slide; 'manufacturer' for a maker's own claims.",
    )
    subtitle: ShortText | None = Field(
        default=None,
        description="A title section's subtitle, shown under its title on the title slide "
        "(the pack's subtitle when omitted). Only a title section has one.",
    )
    default: bool = Field(default=True, description="Chosen when the pack opens.")
    takeaway: ShortText | None = Field(
        default=None, description="A short takeaway for the infographic."
    )
    icon: IconName | None = Field(
        default=None,
        description="An icon beside the section's takeaway on the infographic (and on the "
        "title slide for a title section).",
    )
    infographic: InfographicChoice | None = Field(
        default=None,
        description="What the section shows on the infographic and how much it matters "
        "there, e.g. {show: [takeaway, stat, diagram], priority: 2} (all parts, priority 3 "
        "when omitted).",
    )
    blocks: list[Block] = Field(default_factory=list, max_length=500)
    notes: Text = Field(description="Speaker notes for the slides of this section.")
    language: Language | None = Field(
        default=None, description="The section's language when it differs from the pack's."
    )

    @model_validator(mode="after")
    def _subtitle_on_title_only(self) -> Section:
        if self.subtitle is not None and self.kind != "title":
            raise ValueError(
                "subtitle: only a title section (kind: title) has a subtitle; "
                "put this line in 'summary' or 'takeaway' instead"
            )
        return self


class Reference(Strict):
    """A source, cited by its key."""

    key: Id
    authors: ShortText
    title: ShortText
    container: ShortText | None = Field(default=None, description="Journal or publisher.")
    year: Annotated[int, Field(ge=1400, le=2100)]
    date: ShortText | None = Field(default=None, description="Publication date as given.")
    volume: ShortText | None = None
    issue: ShortText | None = None
    pages: ShortText | None = None
    doi: ShortText | None = None
    url: ShortText | None = None
    accessed: ShortText | None = Field(
        default=None, description="When a web page was read, e.g. 2024 Jun 16 (shown as cited)."
    )

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("https://", "http://")):
            raise ValueError("must start with https:// or http://")
        return v


class PackMeta(Strict):
    """pack.yaml: the pack's metadata and the ordered list of its section files."""

    id: Id
    title: ShortText
    subtitle: ShortText | None = None
    author: ShortText
    audience: ShortText
    language: Language = "en"
    sections: list[ShortText] = Field(
        min_length=1, max_length=500, description="Section files, in order, e.g. sections/diet.yaml"
    )
    references: ShortText = "references.yaml"
    uncited_note: ShortText | None = Field(
        default=None,
        description="The note shown beside claims without a source (default: 'no source "
        "given for this claim'), e.g. 'the original article gives no reference for this "
        "claim' for a pack that retells an article.",
    )
    template: ShortText | None = Field(
        default=None,
        description="A school's PowerPoint template (.pptx or .potx) the deck is built on, "
        "relative to the pack folder, e.g. templates/school.potx; its colours, fonts and "
        "logo are also used for the infographic and the diagram pictures.",
    )


class ReferencesFile(Strict):
    """references.yaml."""

    references: list[Reference] = Field(default_factory=list, max_length=2000)


class Pack(Strict):
    """A loaded, validated pack."""

    meta: PackMeta
    sections: list[Section]
    references: list[Reference]
    root: str = Field(description="The pack folder (absolute path).")
    icons: dict[str, Any] = Field(
        default_factory=dict,
        description="The pack's own icons (icons/<name>.svg) by name, read and checked "
        "(compose.scene.VectorIcon); built-in icons are not listed here.",
    )
    pictures: dict[str, Any] = Field(
        default_factory=dict,
        description="The pictures the sections use, by path as written, each read once "
        "at load from inside the pack (scene.elements.PictureData): nothing reads them again.",
    )

    places: dict[str, Any] = Field(
        default_factory=dict,
        description="Where each section is written, by id: (its index in pack.yaml, its "
        "parsed file, content.yamlread.YamlDoc), so that an export refusing a value "
        "(Kahoot's length limits) names its file, line and column.",
    )

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def default_section_ids(self) -> list[str]:
        return [s.id for s in self.sections if s.default]

    def reference_numbers(self) -> dict[str, int]:
        """Reference key → its number (1-based, in references.yaml order)."""
        return {r.key: i + 1 for i, r in enumerate(self.references)}
