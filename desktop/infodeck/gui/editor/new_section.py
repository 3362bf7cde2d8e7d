"""New section: pick a starter (text and bullets, statistic, pathway…) and a title.

Each starter is the engine's (``content.starters``): a section that already
validates and looks right, with example words plainly meant to be replaced. The
picture starter asks for the picture and its alt text at once, so the new
section is never an empty frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.editor.blocks import SUMMARY_ROLE, TITLE_ROLE, BlockDelegate
from infodeck.gui.editor.forms import PROBLEM_STYLE
from infodeck.gui.editor.picture import PictureForm

if TYPE_CHECKING:
    from infodeck.content.edit.document import PackDocument

# What each starter gives, in a teacher's words.
STARTER_HINTS = {
    "text": "A paragraph and a bullet list.",
    "statistic": "One big number with what it counts, and a paragraph.",
    "pathway": "Steps of a process, one leading to the next.",
    "axis": "Two things and the links between them.",
    "cluster": "An idea in the middle with its parts around it.",
    "chart": "Bars that compare numbers with one unit.",
    "pictogram": "A share of people shown as figures (e.g. 1 in 4).",
    "quote": "Someone's words, with who said them.",
    "picture": "A picture of yours, with its alt text.",
    "quiz": "A true-or-false misconception and a multiple-choice question; each slide "
    "reveals its answer on a click.",
}


class NewSectionDialog(QDialog):
    """Add a section from a starter, at ``index`` of the pack's order.

    After ``exec()``, :attr:`created` is the new section's file, or None.
    """

    def __init__(
        self, document: PackDocument, index: int | None = None, parent: QWidget | None = None
    ) -> None:
        from infodeck.content.starters import SECTION_KINDS, SECTION_LABELS

        super().__init__(parent)
        self.setWindowTitle("New section")
        self.doc = document
        self.index = index
        self.created: str | None = None
        heading = QLabel("A new section")
        heading.setObjectName("dialogTitle")
        self.starters = QListWidget()
        self.starters.setAccessibleName("Starter")
        self.starters.setItemDelegate(BlockDelegate(self.starters))
        self.starters.setAccessibleDescription("What the new section starts with")
        for kind in SECTION_KINDS:
            label = SECTION_LABELS.get(kind, kind)
            hint = STARTER_HINTS.get(kind, "")
            it = QListWidgetItem(f"{label}: {hint}")
            it.setData(Qt.ItemDataRole.UserRole, kind)
            it.setData(TITLE_ROLE, label)
            it.setData(SUMMARY_ROLE, hint)
            self.starters.addItem(it)
        self.starters.setCurrentRow(0)
        self.starters.currentRowChanged.connect(self._starter_changed)
        self.starters.itemDoubleClicked.connect(lambda _i: self.accept())
        self.title = QLineEdit()
        self.title.setMaxLength(300)
        self.title.setPlaceholderText("e.g. How leaves make sugar")
        self.title.setAccessibleName("Title")
        self.title_problem = QLabel("")
        self.title_problem.setStyleSheet(PROBLEM_STYLE)
        self.title_problem.setVisible(False)
        self.picture = PictureForm()
        self.picture.setVisible(False)
        self.error = QLabel("")
        self.error.setStyleSheet(PROBLEM_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        form = QFormLayout()
        title_label = QLabel("&Title *")
        title_label.setBuddy(self.title)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(self.title)
        box.addWidget(self.title_problem)
        form.addRow(title_label, box)
        start_label = QLabel("&Starts with")
        start_label.setBuddy(self.starters)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add section")
        ok.setObjectName("primaryButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addLayout(form)
        lay.addWidget(start_label)
        lay.addWidget(self.starters, 1)
        lay.addWidget(self.picture)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setMinimumWidth(520)
        self.resize(540, 560)
        self.title.installEventFilter(self)
        self.title.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up and Down in the title choose the starter, so typing a title, ↓ and Enter works.

        Without this the arrows do nothing in a one-line field, and Enter silently
        makes the first starter while the teacher believes another is chosen.
        """
        if (
            watched is self.title
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = self.starters.currentRow() + step
            self.starters.setCurrentRow(max(0, min(self.starters.count() - 1, row)))
            return True
        return super().eventFilter(watched, event)

    def kind(self) -> str:
        """The starter chosen (``text``, ``statistic``, … ``picture``)."""
        it = self.starters.currentItem()
        return str(it.data(Qt.ItemDataRole.UserRole)) if it is not None else "text"

    def set_kind(self, kind: str) -> None:
        """Choose a starter by name."""
        for i in range(self.starters.count()):
            if self.starters.item(i).data(Qt.ItemDataRole.UserRole) == kind:
                self.starters.setCurrentRow(i)
                return
        raise KeyError(kind)

    def _starter_changed(self, _row: int) -> None:
        self.picture.setVisible(self.kind() == "picture")
        self.adjustSize()

    def accept(self) -> None:
        """Add the section (and its picture); or show what to fix."""
        from infodeck.content.edit.document import EditError
        from infodeck.content.starters import section_starter

        title = self.title.text().strip()
        ok = True
        if not title:
            self.title_problem.setText("required: the section's title, shown on its slide")
            self.title_problem.setVisible(True)
            self.title.setFocus()
            ok = False
        else:
            self.title_problem.setVisible(False)
        kind = self.kind()
        if kind == "picture" and not self.picture.check():
            ok = False
        if not ok:
            return
        try:
            if kind == "picture":
                assert self.picture.path is not None
                v = self.picture.values()
                rel = self.doc.add_picture_section(
                    self.picture.path, alt=v["alt"], title=title, caption=v.get("caption"),
                    credit=v.get("credit"), licence=v.get("licence"), index=self.index,
                )
            else:
                # Without the starter's placeholder id, the id and file name come
                # from the title (sections/how-leaves-make-sugar.yaml).
                data = {k: v for k, v in section_starter(kind, title).items() if k != "id"}
                rel = self.doc.add_section(data, self.index)
        except (EditError, OSError) as e:
            self.error.setText(str(e))
            self.error.setVisible(True)
            return
        self.created = rel
        super().accept()
