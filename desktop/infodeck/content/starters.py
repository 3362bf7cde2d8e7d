"""Starters: blocks, sections and packs that already validate and export well.

A teacher adds a pathway and sees a pathway, not an empty form or an error. The text
is short and plainly an example to replace ("Step 1", "Write your point here"), so
it is never mistaken for content; ``check`` and the Problems panel warn about any
left unchanged (:data:`EXAMPLE_TEXTS`), and optional fields such as the takeaway
start empty, so nothing unfinished reaches the infographic unannounced. Every
starter passes the schema and exports without errors (``tests/content/test_starters.py``
composes a pack made only of starters).
"""

from __future__ import annotations

import copy
from typing import Any

BLOCK_TYPES = ("text", "bullets", "stat", "quote", "picture")
DIAGRAM_KINDS = ("pathway", "axis", "cluster", "chart", "pictogram")
QUIZ_KINDS = ("multiple-choice", "true-false")

_BLOCKS: dict[str, dict[str, Any]] = {
    "text": {
        "type": "text",
        "text": "Write your paragraph here: one idea, in two or three short sentences.",
    },
    "bullets": {
        "type": "bullets",
        "items": ["Write your first point here", "Write your second point here",
                  "Write your third point here"],
    },
    "stat": {
        "type": "stat",
        "value": 50,
        "unit": "%",
        "label": "of people: say here what the number counts",
    },
    "quote": {
        "type": "quote",
        "text": "Write the words you quote here, exactly as they were said or written.",
        "attribution": "Who said it, and where",
    },
    "multiple-choice": {
        "type": "quiz",
        "kind": "multiple-choice",
        "question": "Write your question here: what should students be able to answer?",
        "choices": [
            {"text": "The right answer", "correct": True},
            {"text": "A wrong answer that sounds right"},
            {"text": "Another wrong answer"},
        ],
        "explanation": "Say here why the right answer is right: it goes in the speaker notes.",
    },
    "true-false": {
        "type": "quiz",
        "kind": "true-false",
        "statement": "Write here a claim many students believe that is not true.",
        "answer": False,
        "explanation": "Say here what is true instead, and how we know it.",
    },
    "pathway": {
        "type": "diagram",
        "kind": "pathway",
        "title": "What happens, step by step",
        "steps": [
            {"label": "Step 1"},
            {"label": "Step 2", "highlight": True},
            {"label": "Step 3"},
            {"label": "Step 4"},
        ],
    },
    "axis": {
        "type": "diagram",
        "kind": "axis",
        "title": "How two things are connected",
        "left": {"label": "Thing A", "detail": "What A is"},
        "right": {"label": "Thing B", "detail": "What B is"},
        "channels": [
            {"label": "Link 1", "direction": "both"},
            {"label": "Link 2", "direction": "to-right"},
        ],
    },
    "cluster": {
        "type": "diagram",
        "kind": "cluster",
        "title": "The parts of one idea",
        "centre": "Main idea",
        "items": [
            {"label": "Part 1"},
            {"label": "Part 2"},
            {"label": "Part 3"},
            {"label": "Part 4"},
        ],
    },
    "chart": {
        "type": "diagram",
        "kind": "chart",
        "title": "Numbers to compare",
        "unit": "%",
        "items": [
            {"label": "Group A", "value": 60},
            {"label": "Group B", "value": 40},
            {"label": "Group C", "value": 25},
        ],
    },
    "pictogram": {
        "type": "diagram",
        "kind": "pictogram",
        "title": "A share of people",
        "value": 25,
        "label": "of people: say here who",
        "figures": 20,
    },
}

SECTION_KINDS = (
    "text",
    "statistic",
    "pathway",
    "axis",
    "cluster",
    "chart",
    "pictogram",
    "quote",
    "picture",
    "quiz",
)
SECTION_LABELS = {
    "text": "Text and bullets",
    "statistic": "Statistic",
    "pathway": "Pathway (steps)",
    "axis": "Axis (two things linked)",
    "cluster": "Cluster (parts of an idea)",
    "chart": "Chart (bars)",
    "pictogram": "Pictogram (a share of people)",
    "quote": "Quote",
    "picture": "Picture",
    "quiz": "Quiz (check understanding)",
}
_SECTION_BLOCKS: dict[str, tuple[str, ...]] = {
    "text": ("text", "bullets"),
    "statistic": ("stat", "text"),
    "pathway": ("pathway",),
    "axis": ("axis",),
    "cluster": ("cluster",),
    "chart": ("chart",),
    "pictogram": ("pictogram",),
    "quote": ("quote",),
    "picture": (),
    "quiz": ("true-false", "multiple-choice"),
}


class StarterError(ValueError):
    """A starter asked for that does not exist (or needs more, like a picture)."""


def block_starter(name: str) -> dict[str, Any]:
    """A new block: ``name`` is a block type, a diagram kind or a quiz kind.

    Block types: text, bullets, stat, quote; quiz kinds: multiple-choice, true-false.

    A picture block needs a picture: use ``PackDocument.add_picture``.
    """
    if name == "picture":
        raise StarterError("a picture block needs a picture: add it with add_picture")
    if name not in _BLOCKS:
        raise StarterError(f"no starter '{name}'; choose from {', '.join(n for n in _BLOCKS)}")
    return copy.deepcopy(_BLOCKS[name])


def section_starter(kind: str, title: str | None = None) -> dict[str, Any]:
    """A new section of ``kind`` (see SECTION_KINDS), titled ``title`` when given.

    The ``picture`` starter has no blocks: ``PackDocument.add_picture_section`` adds
    the teacher's picture with it.
    """
    if kind not in _SECTION_BLOCKS:
        raise StarterError(f"no section starter '{kind}'; choose from {', '.join(SECTION_KINDS)}")
    label = SECTION_LABELS[kind].split(" (")[0].lower()
    return {
        "id": "new-section",
        "title": title or f"New section: {label}",
        "summary": "One line that says what this section is about.",
        "notes": "Speaker notes: what to say while this slide is shown.",
        "blocks": [block_starter(b) for b in _SECTION_BLOCKS[kind]],
    }


def new_pack_files(
    *,
    title: str,
    subtitle: str | None,
    audience: str | None,
    language: str,
    author: str | None,
    pack_id: str,
) -> dict[str, dict[str, Any]]:
    """The files of a new pack: pack.yaml, references.yaml and a title section."""
    meta: dict[str, Any] = {"id": pack_id, "title": title}
    if subtitle:
        meta["subtitle"] = subtitle
    meta["author"] = author or "Your name"
    meta["audience"] = audience or "Students"
    meta["language"] = language
    meta["sections"] = ["sections/title.yaml"]
    meta["references"] = "references.yaml"
    section = {
        "id": "title",
        "kind": "title",
        "title": title,
        "summary": subtitle or "One line that says what this pack is about.",
        "notes": "Speaker notes: welcome the class and say what the lesson is about.",
    }
    return {
        "pack.yaml": meta,
        "references.yaml": {"references": []},
        "sections/title.yaml": section,
    }


def _texts(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for v in data.values() for t in _texts(v)]
    if isinstance(data, list):
        return [t for v in data for t in _texts(v)]
    return []


def _example_texts() -> frozenset[str]:
    """Every sentence a starter writes for the teacher to replace.

    Short labels ("Step 1", "Group A") are left out: a teacher's own pathway may
    well say "Step 1". Each starter block also has a sentence (its title or text),
    so an untouched starter is still found.
    """
    starters: list[Any] = [*_BLOCKS.values()]
    starters += [section_starter(kind) for kind in SECTION_KINDS]
    starters.append(
        new_pack_files(title="", subtitle=None, audience=None, language="en", author=None,
                       pack_id="x")
    )
    texts = {t.strip() for t in _texts(starters) if len(t.split()) >= 3}
    return frozenset(texts | {"Your name"})


# The starters' example text: a value still equal to one of these was never replaced.
EXAMPLE_TEXTS = _example_texts()
