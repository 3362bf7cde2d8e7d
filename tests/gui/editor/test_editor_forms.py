"""The generated forms: each change is sent as (path, value) edits; problems are shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from infodeck.content import model as schema
from infodeck.gui.editor.forms import (
    CiteEditor,
    LineEditor,
    ModelForm,
    ModelsEditor,
    NumberEditor,
    RefsSource,
    StringsEditor,
    new_item_data,
    parse_number,
)
from infodeck.gui.editor.icons import IconSource


def _form(qtbot: QtBot, model: type, data: dict[str, Any]) -> tuple[ModelForm, list[Any]]:
    refs = RefsSource()
    refs.set_refs([("smith2020", "Smith (2020) A study"), ("lee2021", "Lee (2021) Another")])
    form = ModelForm(model, IconSource(), refs)
    qtbot.addWidget(form)
    form.set_data(data)
    got: list[Any] = []
    form.edited.connect(got.append)
    return form, got


def test_typing_a_label_sends_one_edit(qtbot: QtBot) -> None:
    form, got = _form(qtbot, schema.StatBlock, {"type": "stat", "value": 80, "label": "old"})
    ed = form.editor("label")
    assert isinstance(ed, LineEditor)
    ed.line.setText("of adults")
    ed.line.editingFinished.emit()
    ed.line.editingFinished.emit()  # nothing changed since: nothing sent
    assert got == [[(("label",), "of adults")]]


def test_clearing_an_optional_field_leaves_it_out(qtbot: QtBot) -> None:
    form, got = _form(qtbot, schema.StatBlock,
                      {"type": "stat", "value": 80, "label": "x", "prefix": "up to"})
    ed = form.editor("prefix")
    assert isinstance(ed, LineEditor)
    ed.line.setText("  ")
    ed.commit()
    assert got == [[(("prefix",), None)]]


def test_a_number_that_is_not_one_is_marked_not_sent(qtbot: QtBot) -> None:
    form, got = _form(qtbot, schema.StatBlock, {"type": "stat", "value": 80, "label": "x"})
    ed = form.editor("value")
    assert isinstance(ed, NumberEditor)
    ed.line.setText("eighty")
    ed.commit()
    assert got == []
    assert not ed.problem.isHidden() and "number" in ed.problem.text()
    ed.line.setText("12,5")
    ed.commit()
    assert got == [[(("value",), 12.5)]]
    assert ed.problem.isHidden()
    assert parse_number(" 80 ") == 80 and parse_number("inf") is None


def test_citation_picker_sends_cite_and_uncited_together(qtbot: QtBot) -> None:
    form, got = _form(qtbot, schema.TextBlock,
                      {"type": "text", "text": "t", "uncited": True})
    ed = form.editor("cite")
    assert isinstance(ed, CiteEditor)
    assert ed.list.count() == 2 and ed.uncited_box.isChecked()
    ed.list.item(1).setCheckState(Qt.CheckState.Checked)
    assert got[-1] == [(("cite",), ["lee2021"]), (("uncited",), None)]
    assert not ed.uncited_box.isChecked()
    ed.uncited_box.setChecked(True)
    assert got[-1] == [(("cite",), None), (("uncited",), True)]
    assert all(ed.list.item(i).checkState() == Qt.CheckState.Unchecked for i in range(2))


def test_a_cited_key_missing_from_the_references_is_shown(qtbot: QtBot) -> None:
    form, _ = _form(qtbot, schema.TextBlock, {"type": "text", "text": "t", "cite": ["gone"]})
    ed = form.editor("cite")
    assert isinstance(ed, CiteEditor)
    assert any("not in the references" in ed.list.item(i).text() for i in range(ed.list.count()))


def test_steps_add_move_remove_and_edit_inside(qtbot: QtBot) -> None:
    steps = [{"label": "A"}, {"label": "B", "highlight": True}]
    form, got = _form(qtbot, schema.PathwayDiagram,
                      {"type": "diagram", "kind": "pathway", "title": "T", "steps": steps})
    ed = form.editor("steps")
    assert isinstance(ed, ModelsEditor)
    assert [ed.list.item(i).text() for i in range(2)] == ["A", "B ★"]
    ed.list.setCurrentRow(0)
    assert not ed.controls.buttons["remove"].isEnabled()  # a pathway needs 2 steps
    ed.add_item()
    assert got[-1][0][0] == ("steps",)
    assert [s["label"] for s in got[-1][0][1]] == ["A", "Step 3", "B"]
    ed.move_item(1)
    assert [s["label"] for s in got[-1][0][1]] == ["A", "B", "Step 3"]
    ed.remove_item()
    assert [s["label"] for s in got[-1][0][1]] == ["A", "B"]
    ed.list.setCurrentRow(1)
    inner = ed.form.editor("label")
    assert isinstance(inner, LineEditor)
    inner.line.setText("Barrier opens")
    inner.commit()
    assert got[-1] == [(("steps", 1, "label"), "Barrier opens")]
    assert ed.list.item(1).text() == "Barrier opens ★"


def test_bullets_edit_in_place(qtbot: QtBot) -> None:
    form, got = _form(qtbot, schema.BulletsBlock, {"type": "bullets", "items": ["one", "two"]})
    ed = form.editor("items")
    assert isinstance(ed, StringsEditor)
    ed.list.item(1).setText("second")
    assert got[-1] == [(("items", 1), "second")]
    ed.list.setCurrentRow(0)
    ed.duplicate_item()
    assert got[-1] == [(("items",), ["one", "one", "second"])]


def test_problems_are_shown_at_their_fields(qtbot: QtBot) -> None:
    steps = [{"label": "A"}, {"label": ""}]
    form, _ = _form(qtbot, schema.PathwayDiagram,
                    {"type": "diagram", "kind": "pathway", "title": "T", "steps": steps})
    form.set_problems({"title": "must not be empty", "steps[1].label": "must not be empty"})
    title = form.editor("title")
    assert not title.problem.isHidden() and title.problem.text() == "must not be empty"
    ed = form.editor("steps")
    assert isinstance(ed, ModelsEditor)
    assert "Step 2" in ed.problem.text()
    ed.list.setCurrentRow(1)
    assert ed.form.editor("label").problem.text() == "must not be empty"
    form.set_problems({})
    assert title.problem.isHidden()


def test_new_list_items_are_valid_on_their_own() -> None:
    for model in (schema.Step, schema.Channel, schema.ChartItem, schema.ClusterItem):
        data = new_item_data(model, 3)
        model.model_validate(data)
    assert new_item_data(schema.Step, 3)["label"] == "Step 3"


def test_a_pause_in_typing_a_number_sends_it(qtbot: QtBot) -> None:
    form, got = _form(qtbot, schema.StatBlock, {"type": "stat", "value": 80, "label": "x"})
    ed = form.editor("value")
    assert isinstance(ed, NumberEditor)
    ed.line.setText("7")
    ed.line.textEdited.emit("7")
    qtbot.waitUntil(lambda: got == [[(("value",), 7)]])
    ed.line.setText("7-")
    ed.line.textEdited.emit("7-")
    qtbot.wait(700)
    assert len(got) == 1 and ed.problem.isHidden()  # not a number yet: nothing said


def test_quiz_choices_read_as_their_text_and_tick_right_ones(qtbot: QtBot) -> None:
    choices = [{"text": "Water", "correct": True}, {"text": "Soil"}]
    form, got = _form(qtbot, schema.ChoiceQuiz, {"type": "quiz", "kind": "multiple-choice",
                                                 "question": "Q?", "choices": choices})
    from infodeck.gui.editor.fields import form_fields

    assert [f.name for f in form_fields(schema.ChoiceQuiz)] == [
        "question", "choices", "explanation", "language", "cite"]
    ed = form.editor("choices")
    assert isinstance(ed, ModelsEditor)
    assert [ed.list.item(i).text() for i in range(2)] == ["Water ✓", "Soil"]
    ed.list.setCurrentRow(1)
    assert ed.item_box.title() == "Choice 2"
    tick = ed.form.editor("correct")
    assert tick.check.text() == "Right answer"
    tick.check.setChecked(True)
    assert got[-1] == [(("choices", 1, "correct"), True)]
    assert ed.list.item(1).text() == "Soil ✓"
    ed.add_item()
    assert got[-1][0][1][-1] == {"text": "Choice 3"}  # a new choice never repeats another
    schema.Choice.model_validate(new_item_data(schema.Choice, 3))


def test_true_false_answer_is_a_tick_box(qtbot: QtBot) -> None:
    form, got = _form(qtbot, schema.TrueFalseQuiz, {"type": "quiz", "kind": "true-false",
                                                    "statement": "S", "answer": False})
    tick = form.editor("answer")
    assert not tick.check.isChecked()
    tick.check.setChecked(True)
    assert got[-1] == [(("answer",), True)]
    tick.check.setChecked(False)
    assert got[-1] == [(("answer",), False)]  # required: written as false, never left out


def test_the_infographic_setting_has_its_editors(qtbot: QtBot) -> None:
    """``infographic: {show, priority}``: the parts as a list, a new part one not listed yet."""
    form, got = _form(qtbot, schema.InfographicChoice, {"show": ["takeaway", "stat"]})
    show = form.editor("show")
    assert isinstance(show, StringsEditor) and show.spec.choices == schema.INFOGRAPHIC_PARTS
    show.add_item()
    ((path, value),) = got[-1]
    assert path == ("show",) and sorted(value) == ["diagram", "stat", "takeaway"]
    schema.InfographicChoice.model_validate({"show": value})
    assert form.editor("priority").spec.kind == "integer"
    section = ModelForm(schema.Section, IconSource(), RefsSource())
    qtbot.addWidget(section)
    assert section.editor("infographic").spec.model is schema.InfographicChoice
