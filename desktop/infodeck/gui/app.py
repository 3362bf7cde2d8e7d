"""Start the app: QApplication, style, logging, the error hook, the window.

``run_app`` is what ``python -m infodeck`` calls with no arguments (or a lone pack
path). Only Qt and the light parts of the engine are imported before the window
shows; matplotlib and python-pptx load later, in worker threads, when first needed.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from infodeck import __version__
from infodeck.logs import log_exception, setup_logging

_LOG = logging.getLogger("infodeck.gui")
_open_dialogs: list[QMessageBox] = []  # parentless error dialogs, kept alive while shown

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


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


def make_excepthook(
    parent: Callable[[], QWidget | None],
    report: Callable[[BaseException, QWidget | None], object] = show_error,
) -> ExceptHook:
    """An excepthook that reports errors in a dialog instead of ending the app."""

    def hook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            sys.__excepthook__(etype, value, tb)
            return
        if value.__traceback__ is None and tb is not None:
            value = value.with_traceback(tb)
        try:
            report(value, parent())
        except Exception:  # never let the hook itself raise
            _LOG.exception("could not report an error")
            sys.__excepthook__(etype, value, tb)

    return hook


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log_exception(args.exc_value)


def run_app(pack: str | None = None) -> int:
    """Run the desktop app, opening ``pack`` (a folder or pack.yaml) or the last one."""
    from infodeck.gui.main_window import MainWindow
    from infodeck.gui.style import apply_app_style

    QApplication.setApplicationName("Infodeck")
    QApplication.setOrganizationName("Infodeck")
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_app_style(app)
    setup_logging()
    window = MainWindow()
    sys.excepthook = make_excepthook(lambda: window)
    threading.excepthook = _thread_hook
    window.show()
    window.open_initial(Path(pack) if pack else None)
    return app.exec()
