"""Where an export's files are written: in this process, or in a warmed process pool.

One code path with one switch. ``strategy()`` decides, from where we run, how many
processes write and how they start; ``Writers`` runs the jobs through a
``concurrent.futures`` executor either way (a ``ProcessPoolExecutor``, or one that
runs each job here), so progress, cancel and errors are handled once.

Starting: drawing needs 0.4 s of imports (matplotlib) before its first file, so the
pool is started as the export starts and its processes import while this process
reads and composes. It starts them with ``forkserver``: one clean server process
imports once and forks the writers from it, so they share that import, and forking
it is safe whatever threads this process runs (the window's, the executor's own).
``fork`` would copy this process and have each writer import for itself: 5 % more
CPU and slower under load (benchmarks/README.md, fourth round); tests use it to see
their patches in the writers. A frozen bundle or Windows writes here: no start
method is both safe and cheap there.

Guarantees: this process alone makes, moves and removes the temporary files; a
failure or a cancel cancels the jobs not started and waits for the running ones
(each is one file), so no writer is left writing when the caller removes them.
Writers ignore Ctrl-C (the terminal sends it to the whole group: this process
decides) and end when this process dies, a kill included.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, Literal, TypeVar

from infodeck.errors import Cancelled, ExportError
from infodeck.export.files import Job, write_job
from infodeck.export.formats import NAMES, drawing_modules

# The collector while one export runs in a process that ends with it (the command line
# and its writers): gen-0 collections every 20,000 allocations instead of 700, after
# gc.freeze() has taken the imported modules out of its scans.
ONE_EXPORT_GC = (20_000, 20, 100)
MAX_PROCESSES = 16
_POLL_S = 0.1  # how often a cancel is looked at while writers work

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
Start = Literal["here", "fork", "forkserver"]
T = TypeVar("T")


@dataclass(frozen=True)
class Strategy:
    """How an export's files are written: how many processes, started how."""

    processes: int
    start: Start

    @property
    def parallel(self) -> bool:
        """Whether other processes write (else everything is written here)."""
        return self.processes > 1 and self.start != "here"


HERE = Strategy(1, "here")


def strategy() -> Strategy:
    """The way to write here and now: the one switch.

    ``INFODECK_PROCESSES`` may lower or raise the count (``1``: always here).
    """
    if getattr(sys, "frozen", False) or sys.platform == "win32":
        return HERE
    wanted = os.environ.get("INFODECK_PROCESSES", "").strip()
    if wanted.isdigit():
        n = max(1, min(int(wanted), MAX_PROCESSES))
    else:
        n = max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                       else os.cpu_count() or 1, 4))
    if n == 1:
        return HERE
    return Strategy(n, "forkserver")


def schedule(jobs: Sequence[Job], imported: Sequence[str]) -> tuple[list[int], list[int]]:
    """(jobs needing none of ``imported``: written here, the others), costliest first."""
    order = sorted(range(len(jobs)), key=lambda i: -jobs[i].cost)
    here = [i for i in order if not set(imported).intersection(jobs[i].modules)]
    return here, [i for i in order if i not in here]


class _Here(Executor):
    """An executor that runs each call at once, in this process."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as e:  # delivered as a pool delivers it: by result()
            future.set_exception(e)
        return future


class Writers:
    """The processes (or this one) writing one export's files; see the module's docstring."""

    def __init__(
        self, how: Strategy, modules: Sequence[str], setup: Callable[[], None] | None = None
    ) -> None:
        self.strategy = how
        self.modules = tuple(modules)
        self._executor: Executor
        if how.parallel and self.modules:
            context = _context(how.start, self.modules)
            self._executor = ProcessPoolExecutor(
                how.processes, context, initializer=_warm, initargs=(self.modules, setup)
            )
            # Start the writers now: they import while this process composes. A fork
            # is quick; a forkserver answers once it has imported, so ask from a thread.
            warm = self._warm_up
            if how.start == "fork":
                warm()
            else:
                threading.Thread(target=warm, name="infodeck-writers", daemon=True).start()
        else:
            self._executor = _Here()
            self.modules = ()
            if setup is not None and modules:  # this process draws: set it up here
                setup()

    def _warm_up(self) -> None:
        with contextlib.suppress(RuntimeError):  # stopped before it began: nothing to warm
            for _ in range(self.strategy.processes):
                self._executor.submit(os.getpid)

    @classmethod
    def start(
        cls,
        formats: Sequence[str],
        how: Strategy | None = None,
        setup: Callable[[], None] | None = None,
    ) -> Writers:
        """Writers for an export of ``formats``, started now (``strategy()`` by default).

        ``setup`` is the face's configure step (``render.mpl.configure``, say), run by
        whichever process draws: each writer as it starts, or this one when it writes.
        """
        return cls(how or strategy(), drawing_modules(formats), setup)

    @property
    def parallel(self) -> bool:
        """Whether other processes write the drawn files."""
        return isinstance(self._executor, ProcessPoolExecutor)

    def run(
        self,
        jobs: Sequence[Job],
        tmps: Sequence[Path],
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        total: int = 0,
    ) -> None:
        """Write every job's file to its temporary path: drawn ones by the writers.

        Jobs that need none of the writers' imports (the deck) are written here
        meanwhile. Raises what a job raised, ``Cancelled``, or ``ExportError`` when a
        writer was killed; in each case after ``stop()``.
        """
        total = total or len(jobs)
        here, there = schedule(jobs, self.modules)
        done = 0
        try:
            pending: dict[Future[None], int] = {}
            for i in there:  # costliest first
                if cancel and cancel():
                    raise Cancelled()
                pending[self._executor.submit(write_job, jobs[i], tmps[i])] = i

            def collect(finished: set[Future[None]]) -> None:
                nonlocal done
                for future in finished:
                    i = pending.pop(future)
                    future.result()  # raises what the writer raised
                    done += 1
                    if progress:
                        progress(done, total, f"Wrote {jobs[i].label}")

            collect({f for f in pending if f.done()})
            for i in here:
                if cancel and cancel():
                    raise Cancelled()
                if progress:
                    progress(done, total, f"Writing {jobs[i].label}")
                write_job(jobs[i], tmps[i])
                done += 1
                collect({f for f in pending if f.done()})
            while pending:
                if cancel and cancel():
                    raise Cancelled()
                finished, _ = wait(pending, timeout=_POLL_S, return_when=FIRST_COMPLETED)
                collect(finished)
        except BrokenProcessPool:
            self.stop()
            # Killed from outside (most often by the system when memory runs out):
            # not a fault in the files or in Infodeck's code, and nothing was written.
            raise ExportError(
                "a process writing the export's files was stopped from outside (by the "
                "system when memory runs short, or by another program); nothing was "
                "written: export again, perhaps fewer formats or sections at a time"
            ) from None
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Cancel what has not started, wait for what runs, end the writers.

        Safe to call more than once; after it no writer writes any more.
        """
        self._executor.shutdown(wait=True, cancel_futures=True)


def _context(start: Start, modules: Sequence[str]) -> BaseContext:
    context = multiprocessing.get_context(start)
    if start == "forkserver":
        # The server imports once; every writer is forked from it with that import.
        # It stays for the next export (the window's second export starts at once).
        context.set_forkserver_preload([*drawing_modules(NAMES), "infodeck.export.files"])
    return context


# ------------------------------------------------------------------ in the writers


def _warm(modules: Sequence[str], setup: Callable[[], None] | None = None) -> None:
    """A writer's start: import what drawing needs; ignore Ctrl-C; die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for module in modules:
        importlib.import_module(module)
    # A writer lives for one export: what it imported stays, so the collector need not
    # scan it, and drawing's many short-lived objects need fewer collections.
    gc.freeze()
    gc.set_threshold(*ONE_EXPORT_GC)
    if setup is not None:  # the face's process-wide drawing settings, once
        setup()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: multiprocessing.process.BaseProcess) -> None:
    """Wait until ``parent`` is gone (killed, say), then end this orphaned writer."""
    parent.join()
    os._exit(1)  # no clean-up to run: the parent owns every file
