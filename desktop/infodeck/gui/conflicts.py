"""The questions about unsaved changes: save before closing, and which version wins.

A file that changed on disk under unsaved edits to it is never overwritten silently:
the teacher reloads it, keeps theirs, or looks at both first.

Both dialogs are window-modal and answer through a callback (``open()``, never
``exec()``), so the window keeps repainting and tests can answer them without a
nested event loop.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from infodeck.content.edit.document import FileConflict
    from infodeck.workspace import Workspace


CHANGED_LINE = "#FFF1DC"  # the lines one version has and the other has not


class CloseChoice(Enum):
    """What to do with unsaved changes before the pack closes."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ConflictChoice(Enum):
    """Which version of a file changed on disk under unsaved edits wins."""

    RELOAD = "reload"  # take the file on disk; the unsaved edits to it are dropped
    KEEP_MINE = "keep-mine"  # keep the edits; saving overwrites the file on disk
    CANCEL = "cancel"  # decide later (nothing changes)


def ask_unsaved(
    parent: QWidget, pack_title: str, files: list[str], answer: Callable[[CloseChoice], None]
) -> QMessageBox:
    """Ask whether to save ``files`` before the pack closes; ``answer`` gets the choice."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setAccessibleName("Unsaved changes")
    box.setText(f"Save the changes to “{pack_title}”?")
    listing = "\n".join(f"• {f}" for f in files[:8])
    more = f"\n… and {len(files) - 8} more" if len(files) > 8 else ""
    box.setInformativeText(
        f"These files have changes that are not saved yet:\n{listing}{more}\n\n"
        "If you don't save, the changes are lost."
    )
    save = box.addButton("Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Don't save", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    for b, name in ((save, "Save"), (discard, "Don't save"), (cancel, "Cancel")):
        b.setAccessibleName(name)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    def done(_result: int) -> None:
        clicked = box.clickedButton()
        if clicked is save:
            answer(CloseChoice.SAVE)
        elif clicked is discard:
            answer(CloseChoice.DISCARD)
        else:
            answer(CloseChoice.CANCEL)

    box.finished.connect(done)
    box.open()
    return box


def changed_lines(mine: str | None, theirs: str | None) -> tuple[set[int], set[int]]:
    """The 0-based lines of each text that the other does not have (for marking them)."""
    a = (mine or "").splitlines()
    b = (theirs or "").splitlines()
    left: set[int] = set()
    right: set[int] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            left.update(range(i1, i2))
            right.update(range(j1, j2))
    return left, right


def _version_view(
    name: str, text: str | None, missing: str, marked: set[int]
) -> tuple[QWidget, QPlainTextEdit]:
    """One version under its heading, its differing lines tinted."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(f"<b>{name}</b>" + (f" <i>({missing})</i>" if text is None else ""))
    view = QPlainTextEdit(text or "")
    view.setReadOnly(True)
    view.setAccessibleName(name)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    tint = QTextCharFormat()
    tint.setBackground(QColor(CHANGED_LINE))
    tint.setProperty(QTextFormat.Property.FullWidthSelection, True)
    selections = []
    for n in sorted(marked):
        sel = QTextEdit.ExtraSelection()
        sel.cursor = QTextCursor(view.document().findBlockByNumber(n))
        sel.format = tint
        selections.append(sel)
    view.setExtraSelections(selections)
    lay.addWidget(heading)
    lay.addWidget(view, 1)
    return box, view


class ConflictDialog(QDialog):
    """A file changed on disk while it has unsaved edits: reload, keep mine, or see both.

    "See both" opens the two texts side by side in the same dialog, with the lines that
    differ marked; the teacher then picks one of the two.
    """

    def __init__(
        self,
        parent: QWidget | None,
        file: str,
        mine: str | None,
        theirs: str | None,
        answer: Callable[[ConflictChoice], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("File changed on disk")
        self.setAccessibleName("File changed on disk")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.file = file
        self._answer = answer
        self._answered = False
        head = QLabel(
            f"<b>{html.escape(file)}</b> was changed outside Infodeck, and you have "
            "changes to it that are not saved yet. Which version do you want to keep?"
        )
        head.setWordWrap(True)
        head.setTextFormat(Qt.TextFormat.RichText)
        left, right = changed_lines(mine, theirs)
        self.both = QSplitter(Qt.Orientation.Horizontal)
        self.both.setObjectName("bothVersions")
        self.both.setAccessibleName("Both versions side by side")
        mine_box, self.mine_view = _version_view(
            "Your version", mine, "you deleted this file", left
        )
        disk_box, self.disk_view = _version_view("On disk now", theirs, "deleted on disk", right)
        self.both.addWidget(mine_box)
        self.both.addWidget(disk_box)
        for a, b in ((self.mine_view, self.disk_view), (self.disk_view, self.mine_view)):
            a.verticalScrollBar().valueChanged.connect(b.verticalScrollBar().setValue)
        self.both.setVisible(False)
        self.reload_button = QPushButton("Reload from disk")
        self.reload_button.setAccessibleName("Reload from disk")
        self.reload_button.setToolTip("Take the version on disk; your unsaved changes to it go")
        self.keep_button = QPushButton("Keep mine")
        self.keep_button.setAccessibleName("Keep mine")
        self.keep_button.setToolTip("Keep your changes; saving replaces the version on disk")
        self.both_button = QPushButton("See both")
        self.both_button.setAccessibleName("See both versions")
        self.both_button.setCheckable(True)
        self.both_button.toggled.connect(self._show_both)
        buttons = QDialogButtonBox()
        buttons.addButton(self.both_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.reload_button.clicked.connect(lambda: self._choose(ConflictChoice.RELOAD))
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.keep_button.setDefault(True)  # nothing is lost by default
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addWidget(head)
        lay.addWidget(self.both, 1)
        row = QHBoxLayout()
        row.addWidget(buttons)
        lay.addLayout(row)
        self.setMinimumWidth(520)

    def _show_both(self, on: bool) -> None:
        self.both.setVisible(on)
        if on:
            self.resize(max(self.width(), 900), max(self.height(), 560))

    def _choose(self, choice: ConflictChoice) -> None:
        if not self._answered:
            self._answered = True
            self._answer(choice)
        self.accept()

    def reject(self) -> None:
        """Escape or the close box: decide later, nothing changes."""
        if not self._answered:
            self._answered = True
            self._answer(ConflictChoice.CANCEL)
        super().reject()


class ChangeKeeper:
    """Saves the workspace and asks the two questions, for the window.

    ``commit`` sends what is being typed (the Edit panel's field) before a save;
    ``say`` puts a short message in the status bar.
    """

    def __init__(
        self, parent: QWidget, commit: Callable[[], None], say: Callable[[str], None]
    ) -> None:
        self.parent = parent
        self.commit = commit
        self.say = say
        self.dialog: ConflictDialog | None = None

    def save(self, ws: Workspace | None) -> bool:
        """Write the changed files, all or none; True when nothing is left unsaved.

        A file changed on disk meanwhile is asked about first; the save goes on once
        each is answered (and stops when one is put off).
        """
        from infodeck.content.edit.document import SaveConflict
        from infodeck.errors import UserError

        if ws is not None:
            self.commit()
        if ws is None or not ws.dirty:
            return True
        try:
            written = ws.save()
        except SaveConflict as e:
            self.resolve(ws, e.conflicts, then=lambda: self.save(ws))
            return False
        except UserError as e:
            QMessageBox.warning(self.parent, "Not saved", f"The pack was not saved: {e}")
            return False
        n = len(written)
        self.say(f"Saved {n} file{'s' if n != 1 else ''}.")
        return True

    def resolve(
        self,
        ws: Workspace,
        conflicts: list[FileConflict],
        then: Callable[[], object] | None = None,
    ) -> None:
        """Ask about each file changed on disk under unsaved edits, one at a time."""
        if not conflicts or self.dialog is not None:
            return
        first, rest = conflicts[0], conflicts[1:]

        def answered(choice: ConflictChoice) -> None:
            self.dialog = None
            if choice is ConflictChoice.CANCEL:
                return
            if choice is ConflictChoice.RELOAD:
                ws.document.reload(first.file)
            else:
                ws.document.keep_mine(first.file)
            if rest:
                self.resolve(ws, rest, then)
            elif then is not None:
                then()

        self.dialog = ConflictDialog(self.parent, first.file, first.mine, first.theirs, answered)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def ask_to_save(self, ws: Workspace | None, then: Callable[[], object]) -> None:
        """Unsaved changes: save, discard or cancel before ``then`` (closing, another pack)."""
        if ws is None or not ws.dirty:
            then()
            return

        def answered(choice: CloseChoice) -> None:
            if choice is CloseChoice.DISCARD or (choice is CloseChoice.SAVE and self.save(ws)):
                then()

        ask_unsaved(self.parent, ws.title, ws.document.dirty_files(), answered)
