"""The issue's "Done means", in the window's editing widgets: a teacher who has never
seen YAML makes a four-section pack with a picture, a statistic with its source and a
pathway, fixes a mistake with Undo, saves, and the YAML on disk says what they made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pictures_for_tests import downloaded_picture
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from infodeck.content.edit.document import PackDocument
from infodeck.content.load import load_pack
from infodeck.gui.editor import (
    EditorPanel,
    NewPackDialog,
    NewSectionDialog,
    ReferencesDialog,
)
from infodeck.gui.editor.forms import CiteEditor, LineEditor, ModelsEditor, NumberEditor
from infodeck.gui.settings import Settings

pytestmark = pytest.mark.gui_heavy  # whole editing flows, start to finish


def _type(editor: Any, text: str) -> None:
    """Type into a line editor and leave it, as a teacher would."""
    editor.line.setFocus()
    editor.line.selectAll()
    editor.line.insert(text)
    editor.commit()


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    return downloaded_picture(tmp_path)


def test_a_pack_from_nothing(qtbot: QtBot, tmp_path: Path, picture: Path) -> None:
    # File → New pack
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    dlg = NewPackDialog(start_dir=tmp_path, settings=settings)
    qtbot.addWidget(dlg)
    dlg.title.setText("Photosynthesis")
    dlg.subtitle.setText("How plants feed the world")
    dlg.audience.setText("Year 9 biology")
    dlg.author.setText("Ms Rivera")
    assert dlg.folder() == tmp_path / "photosynthesis"
    dlg.accept()
    assert dlg.result() == NewPackDialog.DialogCode.Accepted
    root = dlg.created
    assert root is not None and (root / "pack.yaml").is_file()

    doc = PackDocument.open(root)
    panel = EditorPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    assert panel.sections() == ["sections/title.yaml"]

    # The source, in the references manager.
    refs = ReferencesDialog(doc, panel)
    qtbot.addWidget(refs)
    refs.start_new()
    _type(refs.form.editor("authors"), "Field CB, et al.")
    _type(refs.form.editor("title"), "Primary production of the biosphere")
    refs.form.editor("year").spin.setValue(1998)  # type: ignore[attr-defined]
    _type(refs.form.editor("container"), "Science")
    _type(refs.form.editor("doi"), "https://doi.org/10.1126/science.281.5374.237")
    refs.finish_new()
    assert [r["key"] for r in doc.references()] == ["field1998"]
    assert doc.references()[0]["doi"] == "10.1126/science.281.5374.237"  # cleaned
    refs.close()

    # A statistic with its source.
    new = NewSectionDialog(doc, None, panel)
    qtbot.addWidget(new)
    new.title.setText("Oxygen from the sea")
    new.set_kind("statistic")
    new.accept()
    assert new.created is not None
    panel.show_section(new.created)
    panel.tabs.setCurrentIndex(1)
    panel.block_list.set_current(0)
    form = panel.block_form()
    assert form is not None and form.model.__name__ == "StatBlock"
    value = form.editor("value")
    assert isinstance(value, NumberEditor)
    value.line.setText("70")
    value.commit()
    _type(form.editor("label"), "of the oxygen we breathe comes from the sea")
    cite = form.editor("cite")
    assert isinstance(cite, CiteEditor) and cite.list.count() == 1
    cite.list.item(0).setCheckState(Qt.CheckState.Checked)

    # A pathway, and a mistake undone.
    new = NewSectionDialog(doc, None, panel)
    qtbot.addWidget(new)
    new.title.setText("From light to sugar")
    new.set_kind("pathway")
    new.accept()
    assert new.created is not None
    panel.show_section(new.created)
    panel.block_list.set_current(0)
    form = panel.block_form()
    assert form is not None
    steps = form.editor("steps")
    assert isinstance(steps, ModelsEditor)
    steps.list.setCurrentRow(0)
    label = steps.form.editor("label")
    assert isinstance(label, LineEditor)
    _type(label, "Light is absorbed")
    panel.delete_block(0)  # the mistake: the whole diagram is gone
    assert doc.get(new.created).get("blocks") in (None, [])
    doc.undo()
    assert panel.block_list.list.count() == 1
    assert doc.get(new.created, ("blocks", 0, "steps", 0, "label")) == "Light is absorbed"

    # A picture, with its alt text and credit.
    new = NewSectionDialog(doc, None, panel)
    qtbot.addWidget(new)
    new.title.setText("A leaf up close")
    new.set_kind("picture")
    new.picture.set_file(picture)
    new.accept()
    assert new.created is None  # alt text is required
    assert "required" in new.picture.alt_problem.text()
    new.picture.alt.setText("A green leaf, seen from above")
    new.accept()
    assert new.created is not None
    assert (root / "images" / "leaf-photo.png").is_file()

    assert len(panel.sections()) == 4
    assert not doc.validation.errors, doc.validation.errors
    doc.save()

    # What the teacher made, as YAML on disk.
    meta = yaml.safe_load((root / "pack.yaml").read_text(encoding="utf-8"))
    assert meta["title"] == "Photosynthesis" and meta["audience"] == "Year 9 biology"
    assert len(meta["sections"]) == 4
    files = {f: yaml.safe_load((root / f).read_text(encoding="utf-8")) for f in meta["sections"]}
    stat = next(d for d in files.values() if d["title"] == "Oxygen from the sea")["blocks"][0]
    assert stat["value"] == 70 and stat["cite"] == ["field1998"]
    assert stat["label"] == "of the oxygen we breathe comes from the sea"
    path = next(d for d in files.values() if d["title"] == "From light to sugar")["blocks"][0]
    assert path["kind"] == "pathway" and path["steps"][0]["label"] == "Light is absorbed"
    pic = next(d for d in files.values() if d["title"] == "A leaf up close")["blocks"][0]
    assert pic == {"type": "picture", "path": "images/leaf-photo.png",
                   "alt": "A green leaf, seen from above"}
    result = load_pack(root)
    assert result.pack is not None, [str(p) for p in result.errors]
    assert [s.title for s in result.pack.sections][1:] == [
        "Oxygen from the sea", "From light to sugar", "A leaf up close"]

    # And it makes slides: the window's preview and export compose the same way.
    from infodeck.workspace import Workspace

    ws = Workspace(PackDocument.open(root))
    deck = ws.compose("slides")
    assert deck is not None and len(deck.pages) >= 4
    assert not [n for n in deck.notices if "error" in str(n).lower()]
