"""Add picture: choose or drop a PNG or JPEG, say what it shows, and it joins the section.

The file is checked with the loader's own limits (``pictures.read_picture``: format,
size, megapixels, content matching its name) the moment it is chosen, so a
teacher learns at once why a picture cannot be used. The engine copies it into
the pack's ``images/`` and adds the block, as one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImageReader, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.content.model import PictureBlock
from infodeck.gui.editor.forms import PROBLEM_STYLE

if TYPE_CHECKING:
    from infodeck.content.edit.document import PackDocument

PREVIEW_SIZE = 220
FILTER = "Pictures (*.png *.jpg *.jpeg *.PNG *.JPG *.JPEG)"


class PictureForm(QWidget):
    """The picture's file (with a preview) and its words: alt text, caption, credit, licence.

    Shared by Add picture and the picture starter of New section. Dropping a file
    on the form chooses it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.ask_file: Callable[[], str | None] = self._ask_file
        self.file = QLineEdit()
        self.file.setPlaceholderText("A PNG or JPEG file")
        self.file.setAccessibleName("Picture file")
        self.file.editingFinished.connect(lambda: self.set_file(self.file.text()))
        # Enter in the file field takes the path typed (or pasted) and goes on to the
        # alt text; it must not press "Add picture" before the alt text is written.
        self.file.installEventFilter(self)
        browse = QPushButton("Choose…")
        browse.setToolTip("Choose a picture file")
        browse.clicked.connect(self.browse)
        self.preview = QLabel("Drop a picture here")
        self.preview.setObjectName("picturePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW_SIZE, round(PREVIEW_SIZE * 0.66))
        self.preview.setStyleSheet(
            "QLabel#picturePreview { border: 1px dashed #9AA5B1; border-radius: 6px;"
            " color: #52606D; background: white; }"
        )
        self.info = QLabel("")
        self.info.setObjectName("panelHint")
        self.info.setWordWrap(True)
        self.file_problem = QLabel("")
        self.file_problem.setStyleSheet(PROBLEM_STYLE)
        self.file_problem.setWordWrap(True)
        self.file_problem.setVisible(False)
        self.alt = QLineEdit()
        self.alt.setMaxLength(300)
        self.alt.setPlaceholderText("What the picture shows, e.g. A leaf seen under a microscope")
        self.alt.setAccessibleName("Alt text")
        self.alt.setAccessibleDescription(
            "Required. Read aloud by screen readers and shown where the picture cannot be."
        )
        self.alt_problem = QLabel("")
        self.alt_problem.setStyleSheet(PROBLEM_STYLE)
        self.alt_problem.setVisible(False)
        # "required" goes as soon as there is alt text, not at the next try to add.
        self.alt.textChanged.connect(
            lambda t: self.alt_problem.setVisible(self.alt_problem.isVisible() and not t.strip())
        )
        self.caption = QLineEdit()
        self.caption.setMaxLength(300)
        self.caption.setPlaceholderText("optional: a line shown under the picture")
        self.credit = QLineEdit()
        self.credit.setMaxLength(300)
        self.credit.setPlaceholderText("optional: who made it, e.g. Photo: J. Smith")
        self.licence = QLineEdit()
        self.licence.setMaxLength(300)
        self.licence.setPlaceholderText("optional: e.g. CC BY 4.0")
        for w, name in ((self.caption, "Caption"), (self.credit, "Credit"),
                        (self.licence, "Licence")):
            w.setAccessibleName(name)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        alt_box = QVBoxLayout()
        alt_box.setSpacing(2)
        alt_box.addWidget(self.alt)
        alt_box.addWidget(self.alt_problem)
        alt_label = QLabel("&Alt text *")
        alt_label.setBuddy(self.alt)
        form.addRow(alt_label, alt_box)
        for text, w in (("&Caption", self.caption), ("C&redit", self.credit),
                        ("&Licence", self.licence)):
            lab = QLabel(text)
            lab.setBuddy(w)
            form.addRow(lab, w)
            # Only what the schema lets a picture block say: a field it does not
            # know would make the section invalid.
            known = w.accessibleName().lower() in PictureBlock.model_fields
            lab.setVisible(known)
            w.setVisible(known)
        top = QHBoxLayout()
        top.addWidget(self.preview)
        side = QVBoxLayout()
        side.addLayout(file_row)
        side.addWidget(self.file_problem)
        side.addWidget(self.info)
        side.addStretch(1)
        top.addLayout(side, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addLayout(form)
        self.path: Path | None = None
        self.problem = "choose a picture"

    def browse(self) -> None:
        """Choose the picture with the system's file dialog."""
        got = self.ask_file()
        if got:
            self.set_file(got)

    def _ask_file(self) -> str | None:
        start = str(self.path.parent) if self.path else ""
        got, _ = QFileDialog.getOpenFileName(self, "Choose a picture", start, FILTER)
        return got or None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Enter in the file field chooses the file typed and moves to the alt text."""
        if (
            watched is self.file
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.set_file(self.file.text())
            if self.path is not None:
                self.alt.setFocus()
            return True
        return super().eventFilter(watched, event)

    def set_file(self, path: str | Path) -> None:
        """Use the picture at ``path``: check it, show it, or say why it cannot be used."""
        from infodeck.content.pictures import MAX_PICTURE_PIXELS, read_picture

        text = str(path).strip()
        self.file.setText(text)
        if not text:
            self.path = None
            self.problem = "choose a picture"
            self._show("", QPixmap(), "")
            return
        p = Path(text).expanduser()
        # The engine's own reading and checks of a pack's pictures, on the file as it is.
        got = read_picture(p.parent, p.name) if p.name else "choose a picture file"
        why = got if isinstance(got, str) else None
        self.path = p if why is None else None
        self.problem = why or ""
        if why:
            self._show(why, QPixmap(), "")
            return
        reader = QImageReader(str(p))
        size = reader.size()
        # Large pictures are shrunk while reading: the preview needs few pixels.
        if size.isValid() and size.width() * size.height() <= MAX_PICTURE_PIXELS:
            reader.setScaledSize(size.scaled(PREVIEW_SIZE * 2, PREVIEW_SIZE * 2,
                                             Qt.AspectRatioMode.KeepAspectRatio))
        img = reader.read()
        px = QPixmap.fromImage(img) if not img.isNull() else QPixmap()
        kb = p.stat().st_size / 1024
        dims = f"{size.width()}×{size.height()} pixels, " if size.isValid() else ""
        self._show("", px, f"{p.name}: {dims}{kb:,.0f} KB. It is copied into the pack's "
                           "images/ folder.")
        if not self.alt.text().strip():
            self.alt.setFocus()

    def _show(self, problem: str, px: QPixmap, info: str) -> None:
        self.file_problem.setText(problem)
        self.file_problem.setVisible(bool(problem))
        self.info.setText(info)
        if px.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Drop a picture here" if not problem else "Cannot be used")
        else:
            self.preview.setPixmap(px.scaled(self.preview.size(),
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def check(self) -> bool:
        """Show what is missing; True when the picture can be added."""
        ok = True
        if self.path is None:
            self.file_problem.setText(self.problem or "choose a picture")
            self.file_problem.setVisible(True)
            ok = False
        if not self.alt.text().strip():
            self.alt_problem.setText(
                "required: say in a few words what the picture shows (for screen readers)"
            )
            self.alt_problem.setVisible(True)
            if ok:
                self.alt.setFocus()
            ok = False
        else:
            self.alt_problem.setVisible(False)
        return ok

    def values(self) -> dict[str, Any]:
        """alt, caption, credit, licence (empty ones left out)."""
        out: dict[str, Any] = {"alt": self.alt.text().strip()}
        for k, w in (("caption", self.caption), ("credit", self.credit),
                     ("licence", self.licence)):
            if w.text().strip() and k in PictureBlock.model_fields:
                out[k] = w.text().strip()
        return out

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> str | None:
        md = event.mimeData()
        if md is None or not md.hasUrls():
            return None
        for url in md.urls():
            if url.isLocalFile():
                return str(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept a file dragged from the file manager."""
        if self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Use the dropped file."""
        got = self._dropped(event)
        if got:
            event.acceptProposedAction()
            self.set_file(got)


class AddPictureDialog(QDialog):
    """Add a picture block to one section of a document.

    After ``exec()``, :attr:`added` is the path written in the block
    (``images/leaf.png``), or None when nothing was added.
    """

    def __init__(
        self,
        document: PackDocument,
        section: str,
        index: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add picture")
        self.setAcceptDrops(True)
        self.doc = document
        self.section = section
        self.index = index
        self.added: str | None = None
        heading = QLabel("Add a picture")
        heading.setObjectName("dialogTitle")
        self.form = PictureForm()
        self.error = QLabel("")
        self.error.setStyleSheet(PROBLEM_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add picture")
        ok.setObjectName("primaryButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(self.form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setMinimumWidth(560)

    def set_file(self, path: str | Path) -> None:
        """Choose the picture (as dropping it would)."""
        self.form.set_file(path)

    def accept(self) -> None:
        """Copy the picture in and add its block; or show what to fix."""
        from infodeck.content.edit.document import EditError

        if not self.form.check():
            return
        assert self.form.path is not None
        v = self.form.values()
        try:
            self.added = self.doc.add_picture(
                self.section, self.form.path, alt=v["alt"], caption=v.get("caption"),
                credit=v.get("credit"), licence=v.get("licence"), index=self.index,
            )
        except (EditError, OSError) as e:
            self.error.setText(str(e))
            self.error.setVisible(True)
            return
        super().accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """A file dropped anywhere on the dialog is the picture."""
        self.form.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Use the dropped file."""
        self.form.dropEvent(event)
