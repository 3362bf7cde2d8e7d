"""An export's files written by several processes, the first forked early (Linux CLI).

Drawing with matplotlib needs 0.4 s of imports before its first file. So the first
writer is forked as soon as an export starts (the command line: before it even reads
the pack) and imports what drawing needs while this process reads and composes.
When the jobs are composed they reach it pickled, in an unlinked file (a pipe would
block this process until the writer has finished importing); it forks the other
writers, which share its import, and all of them take job numbers from one pipe,
costliest first. This process meanwhile writes the jobs that need none of that
import (the deck) and collects what the writers report on another pipe: ("done", n)
or ("error", exception), the exception carrying the writer's traceback in a note.

Stopping (a failure anywhere, a cancel, an interrupt) asks the first writer to end
with SIGTERM: it kills its own writers and waits for them, so once it is reaped no
writer is left and the caller may remove the temporary files. Writers ignore Ctrl-C,
which the terminal sends to the whole process group: this process decides. Every
writer dies with its parent (PR_SET_PDEATHSIG), a kill included.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import pickle
import select
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, NoReturn

from infodeck.errors import Cancelled
from infodeck.export.files import Job, write_job
from infodeck.export.formats import drawing_modules

# Job numbers (4 bytes each) are written to a pipe in full before the writers start;
# a pipe holds 64 KiB, so at most this many jobs go to writers (more: one process).
MAX_JOBS = 16_384
_STOP_WAIT_S = 5.0
# The collector while one export runs in a process that ends with it (the command line
# and its writers): gen-0 collections every 20,000 allocations instead of 700, after
# gc.freeze() has taken the imported modules out of its scans.
ONE_EXPORT_GC = (20_000, 20, 100)  # after SIGTERM, how long the first writer gets before SIGKILL


Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def fork_processes() -> int:
    """How many processes an export may write its files with, here and now.

    More than one only where forking this process is safe: Linux (macOS's system
    libraries are not fork-safe, Windows has no fork), not in a frozen bundle, and no
    other thread running (a forked child gets one thread and whatever locks the others
    held). ``INFODECK_PROCESSES`` may lower or raise it (``1``: always in this process).
    """
    if sys.platform != "linux" or getattr(sys, "frozen", False) or not hasattr(os, "fork"):
        return 1
    if threading.active_count() > 1:
        return 1
    wanted = os.environ.get("INFODECK_PROCESSES", "").strip()
    if wanted.isdigit():
        return max(1, min(int(wanted), 16))
    return max(1, min(len(os.sched_getaffinity(0)), 4))


def start_writers(formats: Sequence[str], processes: int) -> Writers | None:
    """Fork the first writer of an export of ``formats`` now, to import while it composes.

    None when ``processes`` is 1 or nothing is drawn with matplotlib.
    """
    return Writers.start(drawing_modules(formats), processes)


def schedule(jobs: Sequence[Job], imported: Sequence[str]) -> tuple[list[int], list[int]]:
    """(jobs needing none of ``imported``: written here, the others), costliest first."""
    order = sorted(range(len(jobs)), key=lambda i: -jobs[i].cost)
    here = [i for i in order if not set(imported).intersection(jobs[i].modules)]
    return here, [i for i in order if i not in here]


class Writers:
    """The first writer process, forked early; see the module's docstring."""

    def __init__(
        self,
        pid: int,
        modules: Sequence[str],
        processes: int,
        work: IO[bytes],
        ready: int,
        results: int,
    ) -> None:
        self.pid = pid
        self.modules = tuple(modules)
        self.processes = processes
        self._work = work  # an unlinked file: the pickled jobs
        self._ready = ready  # write end: the work's length in 8 bytes (0: no work)
        self._results = _Messages(results)
        self._reaped = False

    @classmethod
    def start(cls, modules: Sequence[str], processes: int) -> Writers | None:
        """Fork the first writer, which imports ``modules`` now; None when not worth it."""
        if processes < 2 or not modules:
            return None
        try:
            work = tempfile.TemporaryFile()  # noqa: SIM115 - kept open until ``stop``
        except OSError:  # no usable temporary folder: write in this process, as the app does
            return None
        ready_r, ready_w = os.pipe()
        results_r, results_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            os.close(ready_w)
            os.close(results_r)
            _first_writer(modules, processes, work.fileno(), ready_r, results_w, parent)
        os.close(ready_r)
        os.close(results_w)
        return cls(pid, modules, processes, work, ready_w, results_r)

    def run(
        self,
        jobs: Sequence[Job],
        tmps: Sequence[Path],
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        total: int = 0,
    ) -> None:
        """Write every job's file: those needing the import in the writers, the rest here.

        The jobs the writers get must pickle (``files.py``). Raises what a writer
        raised, ``Cancelled``, or RuntimeError when a writer stopped without saying why.
        """
        if len(jobs) > MAX_JOBS:
            raise ValueError(f"{len(jobs)} jobs are more than {MAX_JOBS}")
        here, there = schedule(jobs, self.modules)
        data = b""
        if there:
            work = [(i, jobs[i], tmps[i]) for i in there]
            data = pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.pwrite(self._work.fileno(), view, len(data) - len(view)) :]
        os.write(self._ready, len(data).to_bytes(8, "little"))
        done = 0

        def handle(got: list[tuple[str, object]]) -> None:
            nonlocal done
            for kind, value in got:
                if isinstance(value, BaseException):  # ("error", exception)
                    raise value
                assert kind == "done" and isinstance(value, int)
                done += 1
                if progress:
                    progress(done, total, f"Wrote {jobs[value].label}")

        for i in here:
            if cancel and cancel():
                raise Cancelled()
            handle(self._results.receive(0))
            if progress:
                progress(done, total, f"Writing {jobs[i].label}")
            write_job(jobs[i], tmps[i])
            done += 1
        while not self._results.eof:
            if cancel and cancel():
                raise Cancelled()
            handle(self._results.receive(0.1))
        _, status = os.waitpid(self.pid, 0)
        self._reaped = True
        if status != 0:
            raise RuntimeError(f"a process writing the export's files stopped ({_how(status)})")
        if done != len(jobs):
            raise RuntimeError(f"only {done} of {len(jobs)} files were written")

    def stop(self) -> None:
        """End every writer still running, wait until none is left, close the pipes.

        Safe to call more than once, and after ``run`` (then nothing runs any more).
        """
        if not self._reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            deadline = time.monotonic() + _STOP_WAIT_S
            while not os.waitpid(self.pid, os.WNOHANG)[0]:
                if time.monotonic() > deadline:  # stuck: its writers die with it
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
                    break
                time.sleep(0.002)
            self._reaped = True
        for fd in (self._ready, self._results.fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._ready = self._results.fd = -1
        self._work.close()


# ------------------------------------------------------------------ in the writers


def _first_writer(
    modules: Sequence[str], processes: int, work_fd: int, ready_fd: int, results: int, parent: int
) -> NoReturn:
    """Import, wait for the jobs, fork the other writers, write, wait; never return."""
    kids: list[int] = []
    status = 1

    def on_sigterm(_signum: int, _frame: object) -> None:
        _end(kids, 1)

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, on_sigterm)
        _die_with(parent)
        for module in modules:
            importlib.import_module(module)
        # A writer lives for one export: what it imported stays, so the collector need
        # not scan it, and drawing's many short-lived objects need fewer collections
        # (as the command line does for itself; cycles are still collected).
        gc.freeze()
        gc.set_threshold(*ONE_EXPORT_GC)
        n = int.from_bytes(_read_exactly(ready_fd, 8) or bytes(8), "little")
        if n:
            work = pickle.loads(_pread_exactly(work_fd, n))
            jobs = {i: (job, tmp) for i, job, tmp in work}
            tokens = _feed([i for i, _, _ in work])
            me = os.getpid()
            # No SIGTERM between a fork and noting its child, so none is left running.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            for _ in range(min(processes, len(work)) - 1):
                pid = os.fork()
                if pid == 0:  # pragma: no cover
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
                    _writer(jobs, tokens, results, me)
                kids.append(pid)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            _take_jobs(jobs, tokens, results)
            while kids:
                _, child_status = os.waitpid(kids[0], 0)
                kids.pop(0)
                if child_status != 0:
                    raise RuntimeError(
                        f"a process writing the export's files stopped ({_how(child_status)})"
                    )
        status = 0
    except BaseException as e:  # every failure goes to the parent
        _report(results, e)
    finally:
        _end(kids, status)


def _writer(
    jobs: dict[int, tuple[Job, Path]], tokens: int, results: int, parent: int
) -> NoReturn:
    """One of the other writers: take jobs until none is left; never return."""
    status = 1
    try:
        _die_with(parent)
        _take_jobs(jobs, tokens, results)
        status = 0
    except BaseException as e:
        _report(results, e)
    finally:
        os._exit(status)  # no atexit handlers, no flushing the parent's buffers


def _take_jobs(jobs: dict[int, tuple[Job, Path]], tokens: int, results: int) -> None:
    while (i := _take(tokens)) is not None:
        job, tmp = jobs[i]
        write_job(job, tmp)
        _send(results, ("done", i))


def _end(kids: list[int], status: int) -> NoReturn:
    """Kill the writers this one forked, wait for them, and exit with ``status``."""
    for pid in kids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    for pid in kids:
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)
    os._exit(status)


def _report(results: int, e: BaseException) -> None:
    """Send ``e`` (with this writer's traceback) to the parent, as well as it can travel."""
    e.add_note("(in a process writing the export's files)\n" + traceback.format_exc())
    try:
        pickle.dumps(e)
    except Exception:  # an exception that cannot travel: its text does
        e = RuntimeError(f"{type(e).__name__}: {e}\n{traceback.format_exc()}")
    with contextlib.suppress(BaseException):  # if not, the parent sees the exit status
        _send(results, ("error", e))


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` dies (Linux), a kill included."""
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before that call
        os._exit(1)


# ------------------------------------------------------------------ pipes


def _feed(job_numbers: list[int]) -> int:
    """A pipe holding ``job_numbers`` (4 bytes each), closed for writing; its read end."""
    out, feed = os.pipe()
    os.write(feed, b"".join(i.to_bytes(4, "little") for i in job_numbers))
    os.close(feed)
    return out


def _take(fd: int) -> int | None:
    """The next job's number from the shared pipe, or None when all are taken.

    Reads of 4 bytes from a pipe that only ever holds whole numbers are atomic, so
    every job is taken by exactly one process.
    """
    got = os.read(fd, 4)
    return int.from_bytes(got, "little") if len(got) == 4 else None


def _read_exactly(fd: int, n: int) -> bytes:
    """``n`` bytes from a pipe, or fewer if it is closed first (the parent is gone)."""
    data = b""
    while len(data) < n:
        chunk = os.read(fd, n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _pread_exactly(fd: int, n: int) -> bytes:
    parts, offset = [], 0
    while offset < n:
        chunk = os.pread(fd, n - offset, offset)
        if not chunk:
            raise EOFError(f"the jobs' file ends after {offset} of {n} bytes")
        parts.append(chunk)
        offset += len(chunk)
    return b"".join(parts)


def _send(fd: int, message: tuple[str, object]) -> None:
    data = pickle.dumps(message)
    data = len(data).to_bytes(4, "little") + data
    while data:
        data = data[os.write(fd, data) :]


class _Messages:
    """Messages from the writers: ("done", job) or ("error", exception)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = b""
        self.eof = False

    def receive(self, timeout: float) -> list[tuple[str, object]]:
        """What has arrived within ``timeout`` seconds (0: only what is there now)."""
        if self.eof or not select.select([self.fd], [], [], timeout)[0]:
            return []
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            self.eof = True
        self.buf += chunk
        out = []
        while len(self.buf) >= 4:
            n = int.from_bytes(self.buf[:4], "little")
            if len(self.buf) < 4 + n:
                break
            out.append(pickle.loads(self.buf[4 : 4 + n]))
            self.buf = self.buf[4 + n :]
        return out


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
