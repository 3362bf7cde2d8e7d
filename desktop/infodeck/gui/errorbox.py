"""The dialog that tells a teacher about an unexpected error.

Apart from the app's start-up (``app.py``) so that the window can report errors
without importing the module that creates it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from infodeck.logs import log_exception

_open_dialogs: list[QMessageBox] = []  # parentless error dialogs, kept alive while shown


def show_error(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """Log ``exc`` and show a non-modal dialog that says what happened and where the log is.

    Non-modal on purpose: the app keeps running (and tests are never blocked).
    """
    path = log_exception(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Something went wrong")
    box.setText("Infodeck ran into an unexpected problem, but your work is safe.")
    box.setInformativeText(
        f"{type(exc).__name__}: {exc}\n\nThe details were written to the log file:\n{path}"
    )
    box.setAccessibleName("Unexpected error")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _open_dialogs.append(box)
        box.finished.connect(lambda _r: _open_dialogs.remove(box) if box in _open_dialogs else None)
    box.show()
    return box
