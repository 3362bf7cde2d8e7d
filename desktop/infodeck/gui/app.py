"""Start the app: QApplication, style, logging, the error hook, the window.

``run_app`` is what ``python -m infodeck`` calls with no arguments (or a lone pack
path). Only Qt and the light parts of the engine are imported before the window
shows; matplotlib and python-pptx load later, in worker threads, when first needed.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from infodeck import __version__
from infodeck.gui.errorbox import show_error
from infodeck.gui.main_window import MainWindow
from infodeck.logs import log_exception, setup_logging

_LOG = logging.getLogger("infodeck.gui")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


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
    from infodeck.gui.style import apply_app_style

    QApplication.setApplicationName("Infodeck")
    QApplication.setOrganizationName("Infodeck")
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_app_style(app)
    setup_logging()
    _set_icon(app)
    window = MainWindow()
    smoke = os.environ.get("INFODECK_SMOKE_QUIT") == "1"
    failures: list[str] = []
    report: Callable[[BaseException, QWidget | None], object] = show_error
    if smoke:  # errors end the smoke start with a failure instead of a dialog

        def report(exc: BaseException, _parent: QWidget | None) -> None:
            log_exception(exc)
            failures.append(f"{type(exc).__name__}: {exc}")
            window.close()

    sys.excepthook = make_excepthook(lambda: window, report)
    threading.excepthook = _thread_hook
    if smoke:
        _arm_smoke_quit(window, failures)
    window.show()
    window.open_initial(Path(pack) if pack else None)
    status = app.exec()
    if smoke:
        if failures:
            print(f"infodeck: smoke start failed: {failures[0]}", flush=True)
            return 1
        print("infodeck: smoke start ok", flush=True)
    return status


def _set_icon(app: QApplication) -> None:
    """The window icon (on Linux the only place the window gets one)."""
    from PySide6.QtGui import QIcon

    from infodeck.resources import ResourceError, resource_path

    try:
        icon = resource_path("assets", "icons", "infodeck-256.png")
    except ResourceError:
        return
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def _arm_smoke_quit(window: MainWindow, failures: list[str], timeout_ms: int = 60_000) -> None:
    """INFODECK_SMOKE_QUIT=1: quit cleanly once the first preview is drawn.

    Used by the frozen app's test to see a real start reach its main window; the window
    is closed the normal way, so settings are saved and jobs end.
    """
    def done(_result: object) -> None:
        QTimer.singleShot(0, window.close)

    def failed(exc: object) -> None:
        failures.append(f"the preview failed: {exc}")
        QTimer.singleShot(0, window.close)

    def too_slow() -> None:
        if window.isVisible():
            failures.append(f"no preview within {timeout_ms // 1000} s")
            window.close()

    window.preview_ready.connect(done)
    window.preview_failed.connect(failed)
    QTimer.singleShot(timeout_ms, too_slow)
