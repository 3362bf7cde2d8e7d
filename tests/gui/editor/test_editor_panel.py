"""The Edit panel over a real document: every action by keyboard and by menu, problems
shown at their fields, and the panel following changes made elsewhere (Undo)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pictures_for_tests import downloaded_picture
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from infodeck.content.edit.document import PackDocument
from infodeck.content.model import PictureBlock
from infodeck.gui.editor import EditorPanel
from infodeck.gui.editor.fields import block_types
from infodeck.gui.editor.forms import CiteEditor, LineEditor, NumberEditor
from infodeck.gui.editor.picture import AddPictureDialog

SECTION = """\
id: basics
title: How photosynthesis works   # the teacher's comment stays
summary: Light, water and air become sugar.
notes: Walk through the steps.
blocks:
  - type: text
    text: Plants make sugar from light.
    cite: [smith2020]
  - type: stat
    value: 70
    unit: "%"
    label: of the oxygen we breathe comes from the sea
    uncited: true
  - type: bullets
    items: [Water is split, Oxygen is released]
    uncited: true
"""


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    return downloaded_picture(tmp_path)


@pytest.fixture
def panel(qtbot: QtBot, make_pack: Callable[..., Path]) -> EditorPanel:
    root = make_pack({"basics.yaml": SECTION})
    doc = PackDocument.open(root)
    p = EditorPanel(doc)
    qtbot.addWidget(p)
    p.resize(420, 720)
    p.show()
    p.tabs.setCurrentIndex(1)
    return p


def _doc(p: EditorPanel) -> PackDocument:
    assert p.doc is not None
    return p.doc


def _blocks(p: EditorPanel) -> list[Any]:
    return list(_doc(p).get("sections/basics.yaml", ("blocks",)))


def test_shows_the_section_and_its_blocks(panel: EditorPanel) -> None:
    assert panel.current_section() == "sections/basics.yaml"
    assert panel.section_combo.currentText() == "1. How photosynthesis works"
    title = panel.section_form.editor("title")
    assert isinstance(title, LineEditor) and title.line.text() == "How photosynthesis works"
    assert panel.block_list.list.count() == 3
    assert panel.tabs.tabText(1) == "Blocks (3)"
    panel.block_list.set_current(1)
    form = panel.block_form()
    assert form is not None and form.model.__name__ == "StatBlock"


def test_every_block_type_can_be_added_from_its_starter(panel: EditorPanel) -> None:
    doc = _doc(panel)
    for bt in block_types():
        if bt.key == "picture":
            continue
        panel.add_block(bt.key)
    added = _blocks(panel)[3:]
    assert [(b["type"], b.get("kind")) for b in added] == [
        (bt.type, bt.kind) for bt in block_types() if bt.key != "picture"]
    assert not doc.validation.errors, [str(p) for p in doc.validation.errors]
    assert panel.block_list.current() == len(_blocks(panel)) - 1  # the new block is selected


def test_keyboard_moves_duplicates_and_deletes(panel: EditorPanel, qtbot: QtBot) -> None:
    lst = panel.block_list.list
    lst.setFocus()
    panel.block_list.set_current(0)
    qtbot.keyClick(lst, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [b["type"] for b in _blocks(panel)] == ["stat", "text", "bullets"]
    assert panel.block_list.current() == 1
    qtbot.keyClick(lst, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [b["type"] for b in _blocks(panel)] == ["text", "stat", "bullets"]
    qtbot.keyClick(lst, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [b["type"] for b in _blocks(panel)] == ["text", "text", "stat", "bullets"]
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    assert [b["type"] for b in _blocks(panel)] == ["text", "stat", "bullets"]
    _doc(panel).undo()
    assert len(_blocks(panel)) == 4 and panel.block_list.list.count() == 4


def test_drag_moves_a_block(panel: EditorPanel, qtbot: QtBot) -> None:
    lst = panel.block_list.list
    lst.model().moveRow(lst.rootIndex(), 0, lst.rootIndex(), 3)  # as a drop does
    qtbot.waitUntil(lambda: [b["type"] for b in _blocks(panel)] == ["stat", "bullets", "text"])
    assert [lst.item(i).text().split(":")[0] for i in range(3)] == [
        "Statistic", "Bullet list", "Text"]


def test_right_click_menu_has_every_block_action(panel: EditorPanel) -> None:
    panel.block_list.set_current(1)
    menu = panel.block_list.context_menu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert texts[0] == "Add block"
    assert {"Duplicate", "Delete", "Move up", "Move down"} <= set(texts)
    add = menu.actions()[0].menu()
    assert add is not None
    titles = [a.text() for a in add.actions() if a.text()]
    assert {bt.title for bt in block_types()} <= set(titles)
    section_menu = [a.text().replace("&", "") for a in panel.section_menu.actions() if a.text()]
    assert {"New section…", "Duplicate section", "Delete section…", "References…",
            "Add picture…"} <= set(section_menu)
    assert panel.section_combo.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in panel.actions()}
    assert shortcuts["New section…"] == "Ctrl+Shift+N"
    assert shortcuts["References…"] == "Ctrl+Shift+R"
    assert shortcuts["Add picture…"] == "Ctrl+Shift+P"


def test_typing_merges_into_one_undo_step_and_undo_shows(panel: EditorPanel) -> None:
    doc = _doc(panel)
    title = panel.section_form.editor("title")
    assert isinstance(title, LineEditor)
    for text in ("How", "How plants", "How plants eat light"):
        title.line.setText(text)
        title.commit()
    assert doc.get("sections/basics.yaml", ("title",)) == "How plants eat light"
    doc.undo()
    assert doc.get("sections/basics.yaml", ("title",)) == "How photosynthesis works"
    assert title.line.text() == "How photosynthesis works"
    assert panel.section_combo.currentText() == "1. How photosynthesis works"


def test_a_field_with_a_problem_is_marked_with_its_message(panel: EditorPanel) -> None:
    panel.block_list.set_current(1)
    form = panel.block_form()
    assert form is not None
    value = form.editor("value")
    assert isinstance(value, NumberEditor)
    value.line.setText("120")  # a percentage over 100
    value.commit()
    assert _doc(panel).validation.errors
    form = panel.block_form()
    assert form is not None
    shown = form.editor("value").problem
    assert not shown.isHidden() and "0 to 100" in shown.text()
    assert "⚠" in panel.tabs.tabText(1)
    item = panel.block_list.list.item(1)
    assert "0 to 100" in item.toolTip()
    _doc(panel).undo()
    form = panel.block_form()
    assert form is not None and form.editor("value").problem.isHidden()


def test_a_required_field_left_empty_is_marked(panel: EditorPanel) -> None:
    summary = panel.section_form.editor("summary")
    assert isinstance(summary, LineEditor)
    summary.line.setText("")
    summary.commit()
    assert not summary.problem.isHidden()
    assert summary.problem.text()


def test_sections_are_added_moved_duplicated_and_deleted(panel: EditorPanel) -> None:
    doc = _doc(panel)
    panel.duplicate_section()
    assert len(panel.sections()) == 2
    assert panel.current_section() == panel.sections()[1]
    panel.section_up_action.trigger()
    assert panel.sections()[0] != "sections/basics.yaml"
    panel.ask = lambda box: next(b for b in box.buttons() if b.text() == "Delete section").click()
    panel.delete_section()
    assert panel.sections() == ["sections/basics.yaml"]
    doc.undo()
    assert len(panel.sections()) == 2


def test_add_picture_from_a_drop(panel: EditorPanel, picture: Path) -> None:
    seen: list[AddPictureDialog] = []

    def ask(dlg: Any) -> bool:
        seen.append(dlg)
        assert dlg.form.path == picture
        dlg.form.alt.setText("A leaf")
        if "credit" in PictureBlock.model_fields:
            dlg.form.credit.setText("Photo: A. Gardener")
        dlg.accept()
        return True

    panel.ask = ask
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(picture))])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, md,
                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(ev)
    assert seen
    blocks = _blocks(panel)
    pic = next(b for b in blocks if b["type"] == "picture")
    assert pic["path"] == "images/leaf-photo.png" and pic["alt"] == "A leaf"
    if "credit" in PictureBlock.model_fields:
        assert pic.get("credit") == "Photo: A. Gardener"
    assert not _doc(panel).validation.errors, _doc(panel).validation.errors
    assert (Path(_doc(panel).root) / "images" / "leaf-photo.png").is_file()


def test_the_panel_without_a_document(qtbot: QtBot) -> None:
    p = EditorPanel()
    qtbot.addWidget(p)
    assert not p.empty.isHidden() or not p.isVisible()
    assert not p.new_section_action.isEnabled()
    assert not p.references_action.isEnabled()


def test_comments_survive_an_edit_from_the_panel(panel: EditorPanel) -> None:
    doc = _doc(panel)
    summary = panel.section_form.editor("summary")
    assert isinstance(summary, LineEditor)
    summary.line.setText("Light becomes sugar.")
    summary.commit()
    doc.save()
    text = (Path(doc.root) / "sections" / "basics.yaml").read_text(encoding="utf-8")
    assert "# the teacher's comment stays" in text
    assert "summary: Light becomes sugar." in text


LEAF = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><title>A leaf</title>
<path d="M8 40 C8 16 24 8 40 8 C40 24 32 40 8 40 Z"/></svg>"""


def test_an_svg_becomes_one_of_the_packs_icons(panel: EditorPanel, tmp_path: Path) -> None:
    from infodeck.gui.editor.icons import IconPickerDialog

    svg = tmp_path / "Leaf.svg"
    svg.write_text(LEAF, encoding="utf-8")
    panel.ask_svg = lambda parent: str(svg)
    dlg = IconPickerDialog(panel.icons, None, panel)
    assert not dlg.import_button.isHidden()
    dlg.import_icon()
    assert dlg.current_name() == "leaf"
    assert (Path(_doc(panel).root) / "icons" / "leaf.svg").is_file()
    assert "leaf" in panel.icons.names()
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    panel.ask_svg = lambda parent: str(bad)
    said: list[str] = []
    panel.ask = lambda box: said.append(box.text())
    assert panel.import_icon(panel) is None
    assert said and "bad.svg" in said[0]


def test_undo_names_the_field_as_the_form_shows_it(panel: EditorPanel) -> None:
    # "Undo edit Sources", never the schema's "cite" or "uncited".
    doc = _doc(panel)
    panel.block_list.set_current(0)
    form = panel.block_form()
    assert form is not None
    sources = form.editor("cite")
    assert isinstance(sources, CiteEditor)
    sources.uncited_box.setChecked(True)
    assert doc.undo_label == "Edit Sources"


def test_pack_details_edit_pack_yaml(panel: EditorPanel) -> None:
    dlg = panel.show_pack_details()
    assert dlg is not None
    title = dlg.form.editor("title")
    assert isinstance(title, LineEditor) and title.line.text() == "Test pack"
    assert "sections" not in dlg.form.editors
    title.line.setText("Plants and light")
    title.commit()
    assert _doc(panel).get("pack.yaml", ("title",)) == "Plants and light"
    lang = dlg.form.editor("language")
    assert isinstance(lang, LineEditor)
    lang.line.setText("English")
    lang.commit()
    assert dlg.form.editor("language").problem.text()
    dlg.close()


def test_follows_the_workspace_both_ways(
    qtbot: QtBot, make_pack: Callable[..., Path]
) -> None:
    from infodeck.workspace import Workspace

    second = SECTION.replace("id: basics", "id: more").replace(
        "How photosynthesis works", "More about leaves")
    root = make_pack({"basics.yaml": SECTION, "more.yaml": second})
    ws = Workspace.open(root)
    p = EditorPanel(ws)
    qtbot.addWidget(p)
    assert p.current_section() == ws.current == "sections/basics.yaml"
    ws.select("more")
    assert p.current_section() == "sections/more.yaml"
    assert p.section_combo.currentText() == "2. More about leaves"
    p.section_combo.setCurrentIndex(0)
    p.section_combo.activated.emit(0)
    assert ws.current == "sections/basics.yaml"
    ws.document.delete_section("sections/basics.yaml")
    assert p.current_section() == ws.current == "sections/more.yaml"
