"""The questions about unsaved changes answer through callbacks, never a nested loop."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from infodeck.gui.conflicts import (
    CloseChoice,
    ConflictChoice,
    ConflictDialog,
    ask_unsaved,
    changed_lines,
)


def test_changed_lines_are_marked_on_both_sides() -> None:
    left, right = changed_lines("id: a\ntitle: Mine\n", "id: a\ntitle: Theirs\nextra: 1\n")
    assert left == {1} and right == {1, 2}
    assert changed_lines("a", None) == ({0}, set())


def test_conflict_dialog_choices(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    for button, expected in (("reload_button", ConflictChoice.RELOAD), ("keep_button", ConflictChoice.KEEP_MINE)):
        got: list[ConflictChoice] = []
        dlg = ConflictDialog(parent, "sections/a.yaml", "mine\n", "theirs\n", got.append)
        dlg.show()
        assert not dlg.both.isVisible()
        dlg.both_button.click()
        assert dlg.both.isVisible()
        assert dlg.mine_view.toPlainText() == "mine\n"
        assert dlg.disk_view.toPlainText() == "theirs\n"
        getattr(dlg, button).click()
        assert got == [expected]
        assert not dlg.isVisible()
    got = []
    dlg = ConflictDialog(parent, "sections/a.yaml", "mine\n", "theirs\n", got.append)
    dlg.show()
    dlg.reject()
    assert got == [ConflictChoice.CANCEL]


def test_ask_unsaved_answers_each_button(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    for text, expected in (("Save", CloseChoice.SAVE), ("Don't save", CloseChoice.DISCARD), ("Cancel", CloseChoice.CANCEL)):
        got: list[CloseChoice] = []
        box = ask_unsaved(parent, "My pack", ["sections/a.yaml", "pack.yaml"], got.append)
        assert "sections/a.yaml" in box.informativeText()
        button = next(b for b in box.buttons() if b.text() == text)
        with qtbot.waitSignal(box.finished, timeout=5000):
            button.click()
        assert got == [expected]
    assert not [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
