"""File ▸ Import notes: a Markdown or Word document becomes a pack, and the report is read first.

The engine does the import (``content.importers``), the same call ``infodeck import``
makes; this dialog asks for the document and the new pack's folder, shows why a
document was refused (nothing is written then), and shows the import report, what
became what and what needs the teacher, before the pack opens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.content.edit.document import slug

NOTES_FILTER = "Notes (*.md *.markdown *.txt *.docx);;Markdown (*.md *.markdown);;Word (*.docx)"


class ImportDialog(QDialog):
    """Choose notes and a folder, import, read the report, then open the pack.

    ``created`` is the pack's folder once the import succeeded (the window opens it
    when the dialog closes with Open).
    """

    def __init__(self, parent: QWidget | None = None, start_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import notes")
        self.created: Path | None = None
        self.start_dir = start_dir or Path.home()
        self.source = QLineEdit()
        self.source.setAccessibleName("Notes file")
        self.source.setPlaceholderText("A Markdown (.md) or Word (.docx) file")
        pick_source = QPushButton("Choose…")
        pick_source.clicked.connect(self._choose_source)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("New pack folder")
        pick_folder = QPushButton("Choose…")
        pick_folder.clicked.connect(self._choose_folder)
        self.force = QCheckBox("If the folder holds files, import anyway (the old folder is kept "
                               "beside it under a new name)")
        form = QFormLayout()
        form.addRow("Notes:", _row(self.source, pick_source))
        form.addRow("New pack folder:", _row(self.folder, pick_folder))
        form.addRow("", self.force)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Import report")
        self.report.setFont(QFont("monospace"))
        self.report.setPlaceholderText("What became what will be shown here after the import.")
        self.buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.import_button = self.buttons.addButton("Import", role.ActionRole)
        self.open_button = self.buttons.addButton(
            "Open the pack", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.source.textChanged.connect(self._suggest_folder)
        self.resize(760, 520)

    def _choose_source(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import notes", str(self.start_dir), NOTES_FILTER
        )
        if name:
            self.source.setText(name)

    def _choose_folder(self) -> None:
        start = self.folder.text() or str(self.start_dir)
        name = QFileDialog.getExistingDirectory(self, "Where the new pack goes", start)
        if name:
            stem = Path(self.source.text()).stem or "notes"
            self.folder.setText(str(Path(name) / slug(stem, "pack")))

    def _suggest_folder(self, text: str) -> None:
        """A new folder beside the notes, named after them, until the teacher picks one."""
        if not text.strip() or self.created is not None:
            return
        src = Path(text.strip())
        self.folder.setText(str(src.parent / slug(src.stem, "pack")))

    def run_import(self) -> bool:
        """Import now; True when the pack was made (the report is shown either way)."""
        from infodeck.content.importers.run import import_document
        from infodeck.errors import UserError

        source, folder = self.source.text().strip(), self.folder.text().strip()
        if not source or not folder:
            self.problem.setText("Choose the notes and the new pack's folder first.")
            return False
        self.problem.setText("")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = import_document(source, folder, force=self.force.isChecked())
        except UserError as e:
            self.problem.setText(f"Nothing was written. {e}")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.created = Path(report.pack)
        self.report.setPlainText(report.text())
        self.import_button.setEnabled(False)
        self.open_button.setEnabled(True)
        self.open_button.setDefault(True)
        return True


def _row(edit: QLineEdit, button: QPushButton) -> QWidget:
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(edit, 1)
    lay.addWidget(button)
    return box
