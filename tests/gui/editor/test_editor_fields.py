"""Forms are generated from the schema: every field of every block has an editor."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from infodeck.content import model as schema
from infodeck.gui.editor.fields import (
    BlockType,
    block_type_of,
    block_types,
    form_fields,
    path_text,
    schema_starter,
    spec_for,
)


def _all_models() -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [bt.model for bt in block_types()]
    todo += [schema.Section, schema.Reference, schema.PackMeta]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        for spec in form_fields(m):
            if spec.model is not None:
                todo.append(spec.model)
    return seen


def test_every_block_type_and_diagram_kind_is_offered() -> None:
    keys = {bt.key for bt in block_types()}
    assert keys >= {
        "text", "bullets", "stat", "quote", "picture",
        "diagram:axis", "diagram:pathway", "diagram:chart", "diagram:cluster",
        "diagram:pictogram", "quiz:multiple-choice", "quiz:true-false",
    }
    assert all(bt.title and bt.title != bt.key for bt in block_types())


@pytest.mark.parametrize("bt", block_types(), ids=lambda bt: bt.key)
def test_a_starter_from_the_schema_validates(bt: BlockType) -> None:
    from infodeck.content.starters import StarterError, block_starter

    try:  # a kind whose rules the schema cannot fill in alone (a right choice) has its own
        data = block_starter(bt.key.split(":")[-1])
        bt.model.model_validate(data)
    except StarterError:
        data = schema_starter(bt.model)  # validates itself; a kind added later gets one too
    assert block_type_of(data) == bt


@pytest.mark.parametrize("model", sorted(_all_models(), key=lambda m: m.__name__))
def test_no_field_is_forgotten(model: type[BaseModel]) -> None:
    shown = {s.name for s in form_fields(model)}
    for name, info in model.model_fields.items():
        if name == "uncited":
            assert "cite" in shown  # edited by the citation picker with cite
        elif name == "blocks" and model is schema.Section:
            continue  # the block list edits them
        elif spec_for(name, info) is None:
            assert name in ("type", "kind")  # discriminators, fixed when made
        else:
            assert name in shown, f"{model.__name__}.{name} has no editor"


def test_kinds_follow_the_schema() -> None:
    stat = {s.name: s for s in form_fields(schema.StatBlock)}
    assert stat["value"].kind == "number" and stat["value"].required
    assert stat["value_high"].kind == "number" and stat["value_high"].optional
    assert stat["icon"].kind == "icon"
    assert stat["label"].kind == "line" and stat["label"].max_length == 300
    assert list(stat)[-1] == "cite"
    picto = {s.name: s for s in form_fields(schema.PictogramDiagram)}
    assert picto["figures"].kind == "integer"
    assert (picto["figures"].minimum, picto["figures"].maximum) == (4, 40)
    path = form_fields(schema.PathwayDiagram)
    assert path[0].name == "title"
    steps = next(s for s in path if s.name == "steps")
    assert steps.kind == "models" and steps.model is schema.Step
    assert (steps.min_length, steps.max_length) == (2, 12)
    sec = [s.name for s in form_fields(schema.Section)]
    assert sec[:4] == ["title", "summary", "takeaway", "icon"]
    assert {s.name: s.kind for s in form_fields(schema.Section)}["notes"] == "text"
    chan = {s.name: s for s in form_fields(schema.Channel)}
    assert chan["direction"].choices == ("both", "to-right", "to-left")
    assert chan["direction"].default == "both"


def test_block_type_of_data() -> None:
    bt = block_type_of({"type": "diagram", "kind": "chart"})
    assert bt is not None and bt.model is schema.ChartDiagram
    assert block_type_of({"type": "stat"}).model is schema.StatBlock  # type: ignore[union-attr]
    assert block_type_of({"type": "diagram", "kind": "nope"}) is None
    assert block_type_of("text") is None


def test_path_text_matches_problem_paths() -> None:
    assert path_text(("blocks", 2, "steps", 0, "label")) == "blocks[2].steps[0].label"
    assert path_text(("title",)) == "title"
    assert path_text(()) == ""


def test_text_fields_say_how_to_write_bold_and_italic() -> None:
    """Drawn text fields carry the markup hint; references, notes, alt text and ids do not."""
    from infodeck.gui.editor.fields import MARKUP_HINT

    def hint(model: type[BaseModel], name: str) -> str:
        return next(s.hint for s in form_fields(model) if s.name == name)

    assert MARKUP_HINT in hint(schema.TextBlock, "text")
    assert MARKUP_HINT in hint(schema.BulletsBlock, "items")
    assert MARKUP_HINT in hint(schema.Step, "label")
    assert MARKUP_HINT in hint(schema.Section, "title")
    assert hint(schema.Section, "summary").startswith("One line")  # its own hint first
    for model, name in ((schema.Section, "notes"), (schema.Reference, "title"),
                        (schema.PictureBlock, "alt"), (schema.Section, "id")):
        assert MARKUP_HINT not in hint(model, name), (model, name)
