"""Background jobs: engine work off the GUI thread, results back on it.

A job is a plain function ``fn(ctx) -> result``. It reports through ``ctx.progress``
and ``ctx.emit`` (plain callbacks, as the engine expects) and checks
``ctx.is_cancelled()``; it never touches a widget. The runner turns those calls
into Qt signals delivered on the GUI thread, so slots can update widgets safely.

Two runners share one interface: :class:`ThreadRunner` (a ``QThreadPool``) for
the app and :class:`SyncRunner`, which runs jobs at once on the calling thread, for
tests that want no threads at all. After :meth:`ThreadRunner.shutdown` (the window
closed) nothing is delivered any more, so no slot runs on a deleted widget.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from infodeck.errors import Cancelled

_LOG = logging.getLogger("infodeck.gui")

Progress = Callable[[int, int, str], None]
T = TypeVar("T")


class JobContext:
    """What a job function gets: progress and partial-result callbacks, a cancel flag.

    ``progress`` and ``is_cancelled`` have the signatures the engine's ``run_export``
    takes, so they can be passed straight through.
    """

    def __init__(self, job: Job, post: Callable[[Callable[[], None]], None]) -> None:
        self._job = job
        self._post = post
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, message: str) -> None:
        """Report progress (any thread)."""
        job = self._job
        self._post(lambda: job.progressed.emit(done, total, message))

    def emit(self, value: object) -> None:
        """Hand a partial result to the GUI thread (any thread)."""
        job = self._job
        self._post(lambda: job.partial.emit(value))

    def is_cancelled(self) -> bool:
        """True once the GUI asked this job to stop."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when a cancel was requested."""
        if self._cancel.is_set():
            raise Cancelled()


class Job(QObject):
    """A handle on one submitted job, living on the GUI thread.

    Signals:
        progressed(int, int, str): done, total, message.
        partial(object): a partial result from ``ctx.emit``.
        succeeded(object): the function's return value.
        failed(object): the exception the function raised.
        cancelled(): the job stopped after a cancel request.
        finished(): after any of the three outcomes.
    """

    progressed = Signal(int, int, str)
    partial = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.ctx: JobContext | None = None
        self.done = False

    def cancel(self) -> None:
        """Ask the job to stop; it stops at its next check."""
        if self.ctx is not None:
            self.ctx._cancel.set()

    def is_cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self.ctx is not None and self.ctx.is_cancelled()


class Runner(Protocol):
    """What the window needs from a runner (thread pool or synchronous)."""

    def submit(
        self,
        fn: Callable[[JobContext], T],
        *,
        name: str = "",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Progress | None = None,
        on_partial: Callable[[Any], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        """Start ``fn`` and return its handle; callbacks run on the GUI thread."""
        ...

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Cancel everything and deliver nothing more."""
        ...


def _connect(
    job: Job,
    on_done: Callable[[T], None] | None,
    on_error: Callable[[BaseException], None] | None,
    on_progress: Progress | None,
    on_partial: Callable[[Any], None] | None,
    on_cancelled: Callable[[], None] | None,
) -> None:
    if on_done:
        job.succeeded.connect(on_done)
    if on_error:
        job.failed.connect(on_error)
    if on_progress:
        job.progressed.connect(on_progress)
    if on_partial:
        job.partial.connect(on_partial)
    if on_cancelled:
        job.cancelled.connect(on_cancelled)


def _outcome(job: Job, fn: Callable[[JobContext], object], ctx: JobContext) -> Callable[[], None]:
    """Run ``fn`` and return the closure that reports its outcome on the GUI thread."""
    try:
        result = fn(ctx)
    except Cancelled:  # the one cancellation (errors.py), raised by the engine or the job
        return lambda: _finish(job, job.cancelled.emit)
    except Exception as e:  # reported to the GUI, which decides what to tell the user
        _LOG.debug("job %s failed", job.name, exc_info=True)
        error = e  # ``e`` is unbound when the except block ends
        return lambda: _finish(job, lambda: job.failed.emit(error))
    if ctx.is_cancelled():
        return lambda: _finish(job, job.cancelled.emit)
    return lambda: _finish(job, lambda: job.succeeded.emit(result))


def _finish(job: Job, emit: Callable[[], None]) -> None:
    job.done = True
    emit()
    job.finished.emit()


class _Dispatcher(QObject):
    """Lives on the GUI thread; queued signal that carries closures across threads.

    Signals:
        post(object): a zero-argument callable to run on the GUI thread.
    """

    post = Signal(object)


class _Task(QRunnable):
    def __init__(self, run: Callable[[], None]) -> None:
        super().__init__()
        self._run = run

    def run(self) -> None:
        self._run()


class _RunnerBase:
    """What both runners share: a job and its context made, callbacks connected.

    Subclasses say how a context posts a callback to the GUI thread (``_post``) and
    how the work is started (``_start``).
    """

    _closed = False

    def _post(self, fn: Callable[[], None]) -> None:
        raise NotImplementedError

    def _start(self, job: Job, fn: Callable[[JobContext], object], ctx: JobContext) -> None:
        raise NotImplementedError

    def submit(
        self,
        fn: Callable[[JobContext], T],
        *,
        name: str = "",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Progress | None = None,
        on_partial: Callable[[Any], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        """Start ``fn``; its callbacks run on the GUI thread (a closed runner cancels it)."""
        job = Job(name)
        ctx = JobContext(job, self._post)
        job.ctx = ctx
        _connect(job, on_done, on_error, on_progress, on_partial, on_cancelled)
        if self._closed:
            ctx._cancel.set()
            return job
        self._start(job, fn, ctx)
        return job


class ThreadRunner(_RunnerBase):
    """Runs jobs on a private ``QThreadPool``; outcomes arrive on the GUI thread.

    The dispatcher has no Qt parent and is kept alive by this object (and by every
    running task), so a worker never emits on a deleted object; after
    :meth:`shutdown` the dispatcher drops whatever still arrives.
    """

    def __init__(self, max_threads: int = 3) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._dispatcher = _Dispatcher()
        self._dispatcher.post.connect(self._deliver)
        self._closed = False
        self._jobs: set[Job] = set()

    @Slot(object)
    def _deliver(self, fn: Callable[[], None]) -> None:
        if not self._closed:
            fn()

    def _post(self, fn: Callable[[], None]) -> None:
        if self._closed:
            return
        with contextlib.suppress(RuntimeError):  # the app is being torn down
            self._dispatcher.post.emit(fn)

    def _start(self, job: Job, fn: Callable[[JobContext], object], ctx: JobContext) -> None:
        """Queue ``fn`` on the pool; its outcome is posted to the GUI thread."""
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))

        def run() -> None:
            report = _outcome(job, fn, ctx)
            self._post(report)

        self._pool.start(_Task(run))

    def active(self) -> int:
        """Jobs submitted and not yet delivered."""
        return len(self._jobs)

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Cancel every job, wait briefly for the threads, deliver nothing more."""
        self._closed = True
        for job in list(self._jobs):
            job.cancel()
        self._jobs.clear()
        self._pool.waitForDone(wait_ms)


class SyncRunner(_RunnerBase):
    """Runs each job immediately on the calling thread (deterministic tests).

    Callbacks are connected before the job runs, so they fire before ``submit``
    returns; callers must not rely on the returned handle being stored first.
    """

    def __init__(self) -> None:
        self._closed = False

    def _start(self, job: Job, fn: Callable[[JobContext], object], ctx: JobContext) -> None:
        """Run ``fn`` now; its outcome is reported before ``submit`` returns."""
        _outcome(job, fn, ctx)()

    def _post(self, fn: Callable[[], None]) -> None:
        if not self._closed:
            fn()

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Deliver nothing more."""
        self._closed = True
