"""Runs the preview: asks the window what to show, draws it in a worker, shows the result.

Requests are merged: several changes in one turn of the event loop make one
preview, and while the teacher types, at most one preview starts every 40 ms. A
newer request cancels the older job, and results of superseded jobs are
recognised by a generation number and dropped, so a slow old preview never
replaces a newer one. While a new preview is
drawn, the last good one stays on screen with a quiet "Updating…" note.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from infodeck.gui.jobs import Job, Runner
from infodeck.gui.model import pack_key, section_keys
from infodeck.gui.pipeline import PreviewPage, PreviewPipeline, PreviewResult, PreviewSpec
from infodeck.gui.preview import PreviewPanel

if TYPE_CHECKING:
    from infodeck.workspace import Workspace

BUSY_DELAY_MS = 150  # a quick preview never flashes the progress note
TYPING_PAUSE_MS = 40  # while typing: at most one preview this often, not one per key


class PreviewDriver(QObject):
    """Draws what ``spec()`` asks for into ``panel``.

    Signals:
        ready(object): a new preview is on screen (a ``PreviewResult``), or None when
            there is nothing to show.
        failed(object): drawing raised this exception.
    """

    ready = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        panel: PreviewPanel,
        runner: Runner,
        spec: Callable[[], PreviewSpec | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self.runner = runner
        self.pipeline = PreviewPipeline()
        self.result: PreviewResult | None = None
        self.empty_message = ""
        self._spec = spec
        self._gen = 0
        self._job: Job | None = None
        self._stopped = False
        self._started = 0.0  # when the last preview job started (time.monotonic)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        self._busy = QTimer(self)
        self._busy.setSingleShot(True)
        self._busy.setInterval(BUSY_DELAY_MS)
        self._busy.timeout.connect(lambda: self.panel.set_busy(True))

    def request(self, delay_ms: int = 0) -> None:
        """Redraw at the end of this turn, or within ``delay_ms`` while edits keep coming.

        The first edit after a pause is drawn at once (the teacher sees it soonest);
        edits that follow within ``delay_ms`` of a redraw wait for the end of that
        pause, so a burst of typing makes a preview every ``delay_ms``, not per key.
        """
        if self._stopped:
            return
        since = (time.monotonic() - self._started) * 1000
        delay_ms = 0 if since >= delay_ms else round(delay_ms - since)
        if self._timer.isActive() and delay_ms >= self._timer.remainingTime():
            return  # an earlier redraw is already due and will see this change
        self._timer.start(delay_ms)

    def reset(self) -> None:
        """Another pack opened: the last one's pages and pictures are of no more use."""
        self.pipeline.clear()
        self.result = None

    def forget(self, message: str) -> None:
        """Nothing to show (no pack): drop the preview and say ``message``."""
        self._gen += 1
        self._cancel_job()
        self._timer.stop()
        self.result = None
        self.panel.set_busy(False)
        self.panel.set_message(message)

    def stop(self) -> None:
        """The window is closing: no more jobs, nothing delivered afterwards."""
        self._stopped = True
        self._gen += 1
        self._timer.stop()
        self._busy.stop()
        self._cancel_job()

    def _cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _start(self) -> None:
        if self._stopped:
            return
        spec = self._spec()
        self._gen += 1
        gen = self._gen
        self._cancel_job()
        if spec is None:
            self._busy.stop()
            self.panel.set_busy(False)
            self.result = None
            if self.empty_message:
                self.panel.set_message(self.empty_message)
            self.ready.emit(None)
            return
        self._busy.start()
        self._started = time.monotonic()
        pipeline = self.pipeline
        job = self.runner.submit(
            lambda ctx: pipeline.build(spec, ctx),
            name="preview",
            on_done=partial(self._done, gen),
            on_error=partial(self._error, gen),
            on_progress=partial(self._progress, gen),
            on_partial=partial(self._partial, gen),
        )
        if gen == self._gen and not job.done:
            self._job = job

    def _progress(self, gen: int, done: int, total: int, _msg: str) -> None:
        if gen == self._gen and self.panel.busy.isVisible():
            self.panel.set_busy(True, done, total)

    def _partial(self, gen: int, pages: list[PreviewPage]) -> None:
        # Only when nothing is on screen yet: otherwise the last good preview stays
        # until the new one is complete.
        if gen == self._gen and self.result is None and len(pages) > len(self.panel.pages):
            self.panel.set_pages(pages, "Drawing…")

    def _done(self, gen: int, result: PreviewResult) -> None:
        if gen != self._gen or self._stopped:
            return
        self._job = None
        self._busy.stop()
        self.panel.set_busy(False)
        self.result = result
        n = len(result.pages)
        what = "slide" if result.spec.mode == "deck" else "page"
        self.panel.set_pages(result.pages, f"{n} {what}{'s' if n != 1 else ''}")
        self.ready.emit(result)

    def _error(self, gen: int, exc: BaseException) -> None:
        if gen != self._gen or self._stopped:
            return
        self._job = None
        self._busy.stop()
        self.panel.set_busy(False)
        self.failed.emit(exc)


def spec_for(
    ws: Workspace | None, mode: str, dpi: float, thumb_width: int
) -> PreviewSpec | None:
    """What the preview of ``ws`` should show now (None: nothing to show)."""
    pack = ws.pack if ws is not None else None
    ids = ws.chosen_ids() if ws is not None else []
    if ws is None or pack is None or not ids:
        return None
    keys = section_keys(pack)
    return PreviewSpec(
        pack=pack,
        pack_key=pack_key(pack),
        section_keys=tuple((sid, keys.get(sid, "")) for sid in ids),
        mode=mode,
        layout=ws.layout,
        theme=ws.theme,
        dpi=dpi,
        thumb_width=thumb_width,
        pages=ws.infographic_pages,
    )
