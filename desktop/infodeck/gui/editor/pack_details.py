"""Pack details: the title, subtitle, author, audience and language of pack.yaml.

The form is generated from ``PackMeta`` like every other; the list of section
files and the references file are left to the panel and the references manager.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from infodeck.content.model import PackMeta
from infodeck.gui.editor.fields import edit_label
from infodeck.gui.editor.forms import Edit, ModelForm, RefsSource
from infodeck.gui.editor.icons import IconSource

if TYPE_CHECKING:
    from infodeck.content.edit.document import DocumentChange, PackDocument

PACK_FILE = "pack.yaml"
HIDDEN = ("sections", "references")


class PackDetailsDialog(QDialog):
    """Edit pack.yaml's own fields (non-modal; follows the document, Undo included)."""

    def __init__(self, document: PackDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pack details")
        self.doc = document
        heading = QLabel("Pack details")
        heading.setObjectName("dialogTitle")
        hint = QLabel("Shown on the title slide and in the files' properties.")
        hint.setObjectName("panelHint")
        self.form = ModelForm(PackMeta, IconSource(), RefsSource(), skip=HIDDEN)
        self.form.edited.connect(self._edited)
        self.error = QLabel("")
        self.error.setObjectName("panelHint")
        self.error.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(hint)
        lay.addWidget(self.form)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(close)
        self.setMinimumWidth(480)
        self._unsubscribe = document.subscribe(self._document_changed)
        self.finished.connect(lambda _r: self._unsubscribe())
        self.refresh()

    def _document_changed(self, _change: DocumentChange) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show pack.yaml as the document has it, with its problems."""
        if not self.doc.editable(PACK_FILE):
            self.form.setEnabled(False)
            self.error.setText("pack.yaml cannot be read; fix it in a text editor (see Problems).")
            return
        data = self.doc.get(PACK_FILE)
        self.form.set_data(data if isinstance(data, dict) else {})
        problems: dict[str, str] = {}
        for p in self.doc.validation.problems:
            if p.file.replace("\\", "/").endswith(PACK_FILE) and p.where:
                problems.setdefault(p.where, p.message)
        self.form.set_problems(problems)

    def _edited(self, edits: list[Edit]) -> None:
        from infodeck.content.edit.document import EditError

        for path, value in edits:
            try:
                self.doc.set_value(PACK_FILE, path, value, label=edit_label(path))
            except EditError as e:
                self.error.setText(str(e))
