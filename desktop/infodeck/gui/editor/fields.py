"""What each form shows, read from the content schema (``content/model.py``).

Forms are generated from the pydantic models rather than written by hand, so a
field added to the schema appears in the editor without anyone remembering to add
it. This module is Qt-free: it turns a model class into a list of
:class:`FieldSpec` (which widget, which label, which limits), and the form
widgets build themselves from that list.
"""

from __future__ import annotations

import builtins
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from infodeck.content import model as schema

Kind = Literal[
    "line", "text", "number", "integer", "bool", "choice", "icon", "cite", "strings",
    "model", "models",
]

# Fields that name an icon (the schema's IconName); they get the icon picker.
ICON_FIELDS = frozenset({"icon", "centre_icon"})
# Texts longer than this get a multi-line box.
MULTILINE_FROM = 1000

# The names teachers see, where the field's own name would not do.
LABELS: dict[str, str] = {
    "value_high": "Up to (range)",
    "centre_icon": "Centre icon",
    "alt": "Alt text",
    "cite": "Sources",
    "left": "Left hub",
    "right": "Right hub",
    "default": "Chosen when the pack opens",
    "highlight": "Highlight",
    "doi": "DOI",
    "url": "Web address (URL)",
    "container": "Journal or publisher",
    "figures": "Figures",
    "correct": "Right answer",
    "answer": "The statement is true",
}

# Hints shown under a field where the schema has no description of its own.
# Fields whose text is drawn with its inline markup (scene/markup.py); their tooltip
# says how to write it. References, notes, alt text, ids and units are words only.
MARKUP_FIELDS = frozenset({
    "title", "subtitle", "summary", "takeaway", "text", "items", "label", "detail",
    "caption", "attribution", "centre", "credit",
})
MARKUP_HINT = "Write **bold**, *italic*, CO~2~ (subscript), x^2^ (superscript); \\* is a star."

HINTS: dict[str, str] = {
    "value_high": "Optional: the top of a range (80–95).",
    "summary": "One line: what this section says.",
    "notes": "Speaker notes for this section's slides.",
    "alt": "What the picture or diagram shows, for screen readers.",
    "caption": "Optional: a line shown under it.",
    "detail": "Optional: a second, smaller line.",
}

# Section fields in the order a teacher fills them in.
SECTION_ORDER = (
    "title", "summary", "takeaway", "icon", "kind", "default", "infographic", "notes", "id"
)
# Diagram fields that follow the kind's own fields.
TRAILING = ("title", "alt", "caption", "cite")


@dataclass(frozen=True)
class FieldSpec:
    """How one field of a model is edited.

    ``optional`` means the field may be left out (an empty box removes it from the
    file); ``required`` means the file is invalid without it.
    """

    name: str
    kind: Kind
    label: str
    required: bool
    optional: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    model: type[BaseModel] | None = None
    hint: str = ""
    cited: bool = field(default=False)  # "cite" also stands for "uncited"


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """(inner type, None allowed, metadata of Annotated layers) of an annotation."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            args = get_args(annotation)
            annotation = args[0]
            for extra in args[1:]:
                if isinstance(extra, FieldInfo):
                    metadata.extend(extra.metadata)
                else:
                    metadata.append(extra)
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) < len(get_args(annotation)):
                optional = True
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation, optional, metadata


def _limits(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in metadata:
        if isinstance(m, MinLen):
            out["min_length"] = m.min_length
        elif isinstance(m, MaxLen):
            out["max_length"] = m.max_length
        elif isinstance(m, Ge):
            out["minimum"] = float(m.ge)  # type: ignore[arg-type]
        elif isinstance(m, Le):
            out["maximum"] = float(m.le)  # type: ignore[arg-type]
    return out


def label_for(name: str) -> str:
    """A field's name as a teacher reads it: ``value_high`` → "Up to"."""
    return LABELS.get(name, name.replace("_", " ").capitalize())


def edit_label(path: Sequence[str | int]) -> str:
    """The undo step's name for an edit at ``path``, with the label the form shows.

    "Undo edit Sources", not "Undo edit cite": teachers never see the schema's names.
    """
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    if name == "uncited":  # ticked in the Sources list
        name = "cite"
    return f"Edit {label_for(name)}" if name else "Edit"


def spec_for(name: str, info: FieldInfo) -> FieldSpec | None:
    """The spec of one field; None for fields that are not edited (``type``, a fixed ``kind``)."""
    inner, optional, metadata = _unwrap(info.annotation)
    metadata = [*metadata, *info.metadata]
    limits = _limits(metadata)
    required = info.is_required()
    default = None if required else info.get_default(call_default_factory=True)
    hint = info.description or HINTS.get(name, "")
    if name in ICON_FIELDS:
        hint = HINTS.get(name, "")  # the schema's text lists names; the picker shows them
    common: dict[str, Any] = {
        "name": name,
        "label": label_for(name),
        "required": required,
        "optional": optional,
        "default": default,
        "hint": hint,
    }
    if get_origin(inner) is Literal:
        choices = tuple(str(a) for a in get_args(inner))
        if len(choices) == 1:
            return None  # a discriminator: fixed when the block is made
        return FieldSpec(kind="choice", choices=choices, **common)
    if name == "cite":
        return FieldSpec(kind="cite", cited=True, **common)
    if name in ICON_FIELDS:
        return FieldSpec(kind="icon", **common)
    if inner is bool:
        return FieldSpec(kind="bool", **common)
    if inner is int:
        return FieldSpec(kind="integer", **common, **limits)
    if inner is float:
        return FieldSpec(kind="number", **common, **limits)
    if inner is str:
        limits.setdefault("max_length", None)
        big = (limits["max_length"] or 0) >= MULTILINE_FROM
        return FieldSpec(kind="text" if big else "line", **common, **limits)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return FieldSpec(kind="model", model=inner, **common)
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        item_type, _, _ = _unwrap(item)
        if item_type is str:
            return FieldSpec(kind="strings", **common, **limits)
        if get_origin(item_type) is Literal:  # names from a fixed set (infographic.show)
            names = tuple(str(a) for a in get_args(item_type))
            return FieldSpec(kind="strings", choices=names, **common, **limits)
        if isinstance(item_type, type) and issubclass(item_type, BaseModel):
            return FieldSpec(kind="models", model=item_type, **common, **limits)
    raise TypeError(f"no editor for field '{name}' ({info.annotation!r})")


@cache
def form_fields(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields a form for ``model`` shows, in a sensible order.

    Section fields follow the order a teacher fills them in; ``blocks`` is left out
    (the block list edits it). Block fields keep the schema's order, except that a
    diagram's common fields (title, alt text, caption) and the sources come last.
    ``uncited`` is edited together with ``cite`` by the citation picker.
    """
    specs: list[FieldSpec] = []
    for name, info in model.model_fields.items():
        if name == "uncited" and "cite" in model.model_fields:
            continue
        if name == "blocks" and model is schema.Section:
            continue
        spec = spec_for(name, info)
        if spec is not None:
            if (name in MARKUP_FIELDS and spec.kind in ("text", "line", "strings")
                    and model is not schema.Reference):
                spec = replace(spec, hint=f"{spec.hint} {MARKUP_HINT}".strip())
            specs.append(spec)
    if model is schema.Section:
        rank = {n: i for i, n in enumerate(SECTION_ORDER)}
        specs.sort(key=lambda s: rank.get(s.name, len(rank)))
    elif issubclass(model, schema.DiagramBase):
        trailing = [s for n in TRAILING for s in specs if s.name == n]
        leading = [s for s in specs if s.name not in TRAILING]
        specs = trailing[:1] + leading + trailing[1:]
    elif issubclass(model, schema.QuizBase):  # the question and its answers, then why
        last = ("explanation", "language", "cite")
        specs = [s for s in specs if s.name not in last] + [
            s for n in last for s in specs if s.name == n
        ]
    else:
        specs = [s for s in specs if s.name != "cite"] + [s for s in specs if s.name == "cite"]
    return tuple(specs)


@dataclass(frozen=True)
class BlockType:
    """One kind of block a teacher can add: its model and how it is named."""

    type: str
    kind: str | None
    model: builtins.type[BaseModel]
    title: str
    description: str

    @property
    def key(self) -> str:
        """``stat`` or ``diagram:pathway``."""
        return f"{self.type}:{self.kind}" if self.kind else self.type


BLOCK_TITLES: dict[str, str] = {
    "text": "Text",
    "bullets": "Bullet list",
    "stat": "Statistic",
    "quote": "Quote",
    "picture": "Picture",
    "diagram:pathway": "Pathway diagram",
    "diagram:axis": "Axis diagram",
    "diagram:cluster": "Cluster diagram",
    "diagram:chart": "Bar chart",
    "diagram:pictogram": "Pictogram",
    "diagram:cycle": "Cycle diagram",
    "quiz:multiple-choice": "Quiz: multiple choice",
    "quiz:true-false": "Quiz: true or false",
}


def _literal_value(model: type[BaseModel], name: str) -> str | None:
    info = model.model_fields.get(name)
    if info is None:
        return None
    inner, _, _ = _unwrap(info.annotation)
    if get_origin(inner) is Literal and len(get_args(inner)) == 1:
        return str(get_args(inner)[0])
    return None


def _union_members(annotation: Any) -> list[type[BaseModel]]:
    inner, _, _ = _unwrap(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return [inner]
    out: list[type[BaseModel]] = []
    for arg in get_args(inner):
        out += _union_members(arg)
    return out


@cache
def block_types() -> tuple[BlockType, ...]:
    """Every block type and diagram kind the schema allows, read from ``Block``."""
    out: list[BlockType] = []
    for m in _union_members(schema.Block):
        btype = _literal_value(m, "type")
        if btype is None:
            continue
        kind = _literal_value(m, "kind")
        key = f"{btype}:{kind}" if kind else btype
        doc = (m.__doc__ or "").strip().splitlines()[0] if m.__doc__ else ""
        fallback = f"{kind.capitalize()} diagram" if kind else btype.capitalize()
        out.append(BlockType(btype, kind, m, BLOCK_TITLES.get(key, fallback), doc))
    return tuple(out)


def schema_starter(model: builtins.type[BaseModel], n: int = 1) -> dict[str, Any]:
    """A value of ``model`` that validates, made from the schema alone.

    For a block kind the engine has no starter for yet (a kind added to the schema
    since): required texts say what they are ("Step 2", "Title"), lists get the
    items they need (at least three for a diagram's parts), numbers are 10.
    """
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        inner, _, _ = _unwrap(info.annotation)
        if get_origin(inner) is Literal and len(get_args(inner)) == 1:
            out[name] = get_args(inner)[0]
            continue
        if not info.is_required():
            continue
        spec = spec_for(name, info)
        if spec is None:
            continue
        noun = model.__name__.removesuffix("Item").removesuffix("Diagram") or "Item"
        if spec.kind in ("line", "text"):
            out[name] = f"{noun} {n}" if name == "label" else spec.label
        elif spec.kind in ("number", "integer"):
            out[name] = int(spec.minimum) if spec.minimum is not None else 10
        elif spec.kind == "strings":
            out[name] = [f"Point {i}" for i in range(1, max(spec.min_length or 1, 2) + 1)]
        elif spec.kind == "model" and spec.model is not None:
            out[name] = schema_starter(spec.model, n)
        elif spec.kind == "models" and spec.model is not None:
            count = max(spec.min_length or 1, 3)
            if spec.max_length is not None:
                count = min(count, spec.max_length)
            out[name] = [schema_starter(spec.model, i) for i in range(1, count + 1)]
        elif spec.kind == "choice":
            out[name] = spec.choices[0]
    model.model_validate(out)  # a starter that does not validate is a bug here
    return out


def block_type_of(data: Any) -> BlockType | None:
    """The block type of a block's data (a mapping with ``type``, maybe ``kind``)."""
    if not isinstance(data, dict):
        return None
    for bt in block_types():
        if data.get("type") == bt.type and (bt.kind is None or data.get("kind") == bt.kind):
            return bt
    return None


def path_text(path: tuple[str | int, ...]) -> str:
    """``("blocks", 2, "steps", 0, "label")`` → ``blocks[2].steps[0].label`` (as problems say)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
