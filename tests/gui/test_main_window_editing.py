"""The window as an editor: menus, undo and redo, saving, closing, files changed on disk."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from infodeck.gui.conflicts import ConflictDialog
from infodeck.gui.jobs import SyncRunner

from conftest import BUILTIN

WAIT = 60_000

pytestmark = pytest.mark.usefixtures("private_log")


def _rel(w, sid: str) -> str:
    return w.workspace.document.section_rel(sid)


def _edit_title(qtbot, w, sid: str, title: str):
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.workspace.document.set_value(_rel(w, sid), ("title",), title)
    return blocker.args[0]


def _visible(cls, w) -> list:
    return [d for d in w.findChildren(cls) if d.isVisible()]


def test_menus_and_keys(window):
    w = window
    keys = {
        w.acts.new_pack: {"Ctrl+N"},
        w.acts.open: {"Ctrl+O"},
        w.acts.save: {"Ctrl+S"},
        w.acts.undo: {"Ctrl+Z"},
        w.acts.redo: {"Ctrl+Shift+Z", "Ctrl+Y"},
        w.acts.guide: {"F1"},
    }
    for action, expected in keys.items():
        assert {k.toString() for k in action.shortcuts()} == expected, action.text()
    titles = [m.title() for m in (w.menus["file"], w.menus["edit"], w.menus["help"])]
    assert titles == ["&File", "&Edit", "&Help"]
    edit_texts = [a.text() for a in w.menus["edit"].actions()]
    assert any("New section" in t for t in edit_texts)
    assert any("picture" in t for t in edit_texts)
    file_texts = [a.text() for a in w.menus["file"].actions()]
    assert "&Import notes…" in file_texts
    assert w.edit_dock.isVisible() and w.editor.current_section() is not None


def test_an_edit_redraws_its_section_undo_and_redo(qtbot, window):
    w = window
    assert not w.acts.save.isEnabled() and not w.acts.undo.isEnabled()
    result = _edit_title(qtbot, w, "gut-brain-axis", "The gut and the brain")
    assert 0 < result.drawn <= 2  # that section's slides, nothing else
    assert any(p.title == "The gut and the brain" for p in result.pages)
    assert w.windowTitle().endswith("unsaved changes")
    assert w.acts.save.isEnabled() and w.acts.undo.isEnabled()
    assert "title" in w.acts.undo.text().lower()  # says what it undoes
    assert w.sections.item("gut-brain-axis").text() == "The gut and the brain"
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.acts.undo.trigger()
    assert not any(p.title == "The gut and the brain" for p in blocker.args[0].pages)
    assert not w.windowTitle().endswith("unsaved changes")
    assert w.acts.redo.isEnabled()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.acts.redo.trigger()
    assert any(p.title == "The gut and the brain" for p in blocker.args[0].pages)


def test_typing_makes_one_preview_per_pause(qtbot, window):
    w = window
    rel = _rel(w, "gut-brain-axis")
    ready: list[object] = []
    w.preview_ready.connect(ready.append)
    for i in range(1, 8):  # seven keys in one burst
        w.workspace.document.set_value(rel, ("title",), "The gut"[:i])
    qtbot.waitUntil(lambda: len(ready) >= 1, timeout=WAIT)
    qtbot.wait(200)
    assert len(ready) == 1
    assert any(p.title == "The gut" for p in ready[0].pages)


def test_save_writes_the_change_and_the_title_says_so(qtbot, window):
    w = window
    _edit_title(qtbot, w, "gut-brain-axis", "The gut and the brain")
    f = w.workspace.root / _rel(w, "gut-brain-axis")
    w.acts.save.trigger()
    assert "title: The gut and the brain" in f.read_text(encoding="utf-8")
    assert w.windowTitle() == f"Infodeck — {w.workspace.title}"
    assert not w.acts.save.isEnabled()


def test_closing_with_unsaved_changes_asks(qtbot, window):
    w = window
    _edit_title(qtbot, w, "gut-brain-axis", "Changed")
    f = w.workspace.root / _rel(w, "gut-brain-axis")
    w.close()
    assert w.isVisible()  # asked first
    (box,) = _visible(QMessageBox, w)
    assert "sections/" in box.informativeText()
    cancel = next(b for b in box.buttons() if b.text() == "Cancel")
    with qtbot.waitSignal(box.finished, timeout=5000):
        cancel.click()
    assert w.isVisible() and w.workspace.dirty
    w.close()
    (box,) = _visible(QMessageBox, w)
    save = next(b for b in box.buttons() if b.text() == "Save")
    with qtbot.waitSignal(box.finished, timeout=5000):
        save.click()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    assert "title: Changed" in f.read_text(encoding="utf-8")


def test_closing_without_saving_keeps_the_file(qtbot, window):
    w = window
    f = w.workspace.root / _rel(w, "gut-brain-axis")
    before = f.read_bytes()
    _edit_title(qtbot, w, "gut-brain-axis", "Changed")
    w.close()
    (box,) = _visible(QMessageBox, w)
    discard = next(b for b in box.buttons() if b.text() == "Don't save")
    with qtbot.waitSignal(box.finished, timeout=5000):
        discard.click()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    assert f.read_bytes() == before


@pytest.mark.parametrize("choice", ["reload", "keep"])
def test_a_file_changed_on_disk_under_unsaved_edits_asks(qtbot, window, choice):
    w = window
    rel = _rel(w, "gut-brain-axis")
    f = w.workspace.root / rel
    _edit_title(qtbot, w, "gut-brain-axis", "Mine")
    theirs = f.read_text(encoding="utf-8").replace("summary:", "summary: Theirs.", 1)
    f.write_text(theirs, encoding="utf-8")
    qtbot.waitUntil(lambda: bool(_visible(ConflictDialog, w)), timeout=WAIT)
    (dlg,) = _visible(ConflictDialog, w)
    assert dlg.file == rel
    dlg.both_button.click()  # see both: mine and theirs, side by side
    assert "title: Mine" in dlg.mine_view.toPlainText()
    assert "Theirs." in dlg.disk_view.toPlainText()
    if choice == "reload":
        with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
            dlg.reload_button.click()
        assert not w.workspace.dirty
        assert w.sections.item("gut-brain-axis").text() != "Mine"
        assert f.read_text(encoding="utf-8") == theirs
    else:
        dlg.keep_button.click()
        assert w.workspace.dirty
        w.acts.save.trigger()  # no second question: mine was chosen
        assert not _visible(ConflictDialog, w)
        assert "title: Mine" in f.read_text(encoding="utf-8")


def test_new_pack_opens_the_new_pack(qtbot, tmp_path, window):
    w = window
    dlg = w.new_pack()
    dlg.title.setText("Photosynthesis")
    dlg.audience.setText("Year 9")
    dlg.author.setText("Ms Rivera")  # never guessed from the OS login name
    dlg.parent_dir.setText(str(tmp_path))
    with qtbot.waitSignal(w.pack_loaded, timeout=WAIT) as blocker:
        dlg.accept()
    ws = blocker.args[0]
    assert ws.root == tmp_path / "photosynthesis"
    assert w.windowTitle() == "Infodeck — Photosynthesis"
    assert len(w.sections.order()) == 1
    # The author is remembered in the window's settings, not the app's default store.
    assert dlg.settings is w.settings
    assert w.settings.get_str("pack/author") == "Ms Rivera"


def test_the_window_runs_on_a_synchronous_runner_too(qtbot, tmp_path):
    from infodeck.gui.main_window import MainWindow

    root = tmp_path / "pack"
    shutil.copytree(BUILTIN, root)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, SyncRunner(), error_reporter=lambda e: None)
    qtbot.addWidget(w)
    w.open_pack(root)
    qtbot.waitUntil(lambda: w.preview_result is not None, timeout=WAIT)
    w.workspace.document.set_value(_rel(w, "gut-brain-axis"), ("title",), "Sync")
    qtbot.waitUntil(
        lambda: any(p.title == "Sync" for p in w.preview_result.pages), timeout=WAIT
    )
