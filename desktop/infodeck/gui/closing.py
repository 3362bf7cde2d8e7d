"""Closing the window: unsaved changes asked about first, then everything stopped.

A close with unsaved changes is refused and the teacher is asked (save, discard,
cancel); the answer closes the window again, this time for good. A running export is
cancelled, the settings are written once, and every job, watch and open file ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QCloseEvent

from infodeck.gui.conflicts import ChangeKeeper

if TYPE_CHECKING:
    from infodeck.gui.export_dialog import ExportDialog
    from infodeck.workspace import Workspace


class ClosingWindow(Protocol):
    """What closing reads and calls on the window (``MainWindow`` is one).

    Named here, not imported from ``main_window.py``, so that the window imports this
    module one way.
    """

    @property
    def workspace(self) -> Workspace | None: ...
    @property
    def export_dialog(self) -> ExportDialog | None: ...
    def close(self) -> bool: ...
    def save_settings(self) -> None: ...


class Closing:
    """Decides whether a close event goes through, and stops what runs when it does."""

    def __init__(
        self, window: ClosingWindow, keeper: ChangeKeeper, stops: list[Callable[[], object]]
    ) -> None:
        self.window = window
        self.keeper = keeper
        self.stops = stops  # in order, once the window closes
        self.now = False  # the teacher answered: close without asking again
        self.closed = False

    def accept(self, event: QCloseEvent) -> bool:
        """True: the window closes now (everything is stopped); False: it was asked about."""
        w = self.window
        ws = w.workspace
        if ws is not None and ws.dirty and not self.now and not self.closed:
            event.ignore()
            self.keeper.ask_to_save(ws, self._close_now)
            return False
        dialog = w.export_dialog
        if dialog is not None and dialog.running():
            dialog.cancel()
        if not self.closed:
            w.save_settings()
        self.closed = True
        for stop in self.stops:
            stop()
        return True

    def _close_now(self) -> None:
        self.now = True
        self.window.close()
