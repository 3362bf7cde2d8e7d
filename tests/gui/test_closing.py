"""Closing the window: asked about unsaved changes once, then everything stops in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QCloseEvent

from infodeck.gui.closing import Closing


@dataclass
class FakeWorkspace:
    dirty: bool


@dataclass
class FakeDialog:
    busy: bool
    cancelled: bool = False

    def running(self) -> bool:
        return self.busy

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class FakeKeeper:
    asked: list[Callable[[], object]] = field(default_factory=list)

    def ask_to_save(self, ws: object, then: Callable[[], object]) -> None:
        self.asked.append(then)


@dataclass
class FakeWindow:
    workspace: FakeWorkspace | None
    export_dialog: FakeDialog | None = None
    log: list[str] = field(default_factory=list)
    closing: Closing | None = None

    def close(self) -> bool:
        assert self.closing is not None
        if self.closing.accept(QCloseEvent()):
            self.log.append("closed")
        return True

    def save_settings(self) -> None:
        self.log.append("settings")


def _closing(w: FakeWindow, keeper: FakeKeeper) -> Closing:
    stops = [lambda: w.log.append("loader"), lambda: w.log.append("jobs")]
    w.closing = Closing(w, keeper, stops)  # type: ignore[arg-type]
    return w.closing


def test_a_clean_pack_closes_at_once_and_stops_everything_in_order() -> None:
    w, keeper = FakeWindow(FakeWorkspace(dirty=False), FakeDialog(busy=True)), FakeKeeper()
    closing = _closing(w, keeper)
    event = QCloseEvent()
    assert closing.accept(event)
    assert event.isAccepted() and not keeper.asked
    assert w.export_dialog is not None and w.export_dialog.cancelled
    assert w.log == ["settings", "loader", "jobs"]


def test_unsaved_changes_are_asked_about_and_the_answer_closes_for_good() -> None:
    w, keeper = FakeWindow(FakeWorkspace(dirty=True)), FakeKeeper()
    closing = _closing(w, keeper)
    event = QCloseEvent()
    assert not closing.accept(event)
    assert not event.isAccepted() and w.log == [] and len(keeper.asked) == 1
    keeper.asked[0]()  # "Don't save" (or saved): the window closes without asking again
    assert w.log == ["settings", "loader", "jobs", "closed"]
    assert closing.closed and len(keeper.asked) == 1


def test_a_second_close_writes_the_settings_only_once() -> None:
    w, keeper = FakeWindow(None, FakeDialog(busy=False)), FakeKeeper()
    closing = _closing(w, keeper)
    assert closing.accept(QCloseEvent()) and closing.accept(QCloseEvent())
    assert w.log.count("settings") == 1
    assert w.export_dialog is not None and not w.export_dialog.cancelled
