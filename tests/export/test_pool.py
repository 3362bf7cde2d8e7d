"""An export written by a process pool: the same files, and the same guarantees.

The faces ask ``pool.strategy()``; these tests ask for each start method directly, so
they run whatever threads the test process has. Tests that patch the drawing in this
process use ``fork`` (a forkserver's writers never see the patch).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from infodeck.content.load import load_pack
from infodeck.errors import Cancelled, ExportError
from infodeck.export import files, formats, plan, pool, write
from infodeck.export.plan import ExportRequest
from infodeck.export.pool import Strategy, Writers
from infodeck.export.write import run_export

from conftest import BUILTIN

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="writer processes are started on Linux and macOS only"
)

SECTIONS = ("gut-brain-axis", "diet-statistics")
FORMATS = ("pptx", "png", "svg", "pdf")
FORK = Strategy(2, "fork")


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(BUILTIN).pack


def _request(pack, out: Path, **kw) -> ExportRequest:  # type: ignore[no-untyped-def]
    return ExportRequest(pack, out, SECTIONS, FORMATS, **kw)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _no_children() -> bool:
    import multiprocessing

    return not multiprocessing.active_children()


def _gone(pids: set[int]) -> bool:
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        return False
    return True


@pytest.mark.parametrize("start", ["fork", "forkserver"])
def test_writer_processes_write_the_same_files(pack, tmp_path, start):
    serial = run_export(_request(pack, tmp_path / "serial"))
    steps: list[tuple[int, int, str]] = []
    parallel = run_export(
        _request(pack, tmp_path / start),
        progress=lambda i, n, what: steps.append((i, n, what)),
        how=Strategy(2, start),  # type: ignore[arg-type]
    )
    assert [p.relative_to(tmp_path / start) for p in parallel.written] == [
        p.relative_to(tmp_path / "serial") for p in serial.written
    ]
    a, b = _files(tmp_path / "serial"), _files(tmp_path / start)
    assert a.keys() == b.keys()
    # The deck holds its creation time; every other file is the same byte for byte.
    assert {k for k in a if a[k] != b[k]} <= {"gut-health-migraines.pptx"}
    total = len(serial.written) + 1
    assert steps[-1] == (total, total, "Done")
    done = [i for i, _, _ in steps]
    assert done == sorted(done) and all(n == total for _, n, _ in steps)
    assert not [p for p in (tmp_path / start).rglob("*.tmp")]
    assert _no_children()


def test_the_deck_is_written_here_everything_drawn_goes_to_the_writers(pack, tmp_path):
    jobs = plan.plan(_request(pack, tmp_path))
    modules = formats.drawing_modules(FORMATS)
    assert modules == (
        "infodeck.render.mpl",
        "matplotlib.backends.backend_svg",
        "matplotlib.backends.backend_pdf",
    )
    here, there = pool.schedule(jobs, modules)
    assert [jobs[i].label for i in here] == ["deck"]
    assert sorted(here + there) == list(range(len(jobs)))
    costs = [jobs[i].cost for i in there]
    assert costs == sorted(costs, reverse=True)
    assert formats.drawing_modules(("pptx",)) == ()  # nothing to draw: no writers
    deck_only = Writers.start(("pptx",), FORK)
    assert not deck_only.parallel
    deck_only.stop()


def test_the_writers_start_before_composing(pack, tmp_path, monkeypatch):
    """They import matplotlib while this process composes: they exist when plan runs."""
    real, seen = write.plan, []

    def plan_spy(*args, **kw):  # type: ignore[no-untyped-def]
        seen.append(_no_children())
        return real(*args, **kw)

    monkeypatch.setattr(write, "plan", plan_spy)
    run_export(_request(pack, tmp_path / "out"), how=FORK)
    assert seen == [False]
    assert _no_children()


def test_the_writers_unpickle_their_jobs_without_the_composer(pack, tmp_path):
    """The writers import only drawing: the jobs they get must not pull in more."""
    import pickle

    jobs = plan.plan(_request(pack, tmp_path))
    _, there = pool.schedule(jobs, formats.drawing_modules(FORMATS))
    data = pickle.dumps((files.write_job, [(i, jobs[i], tmp_path / "t") for i in there]))
    (tmp_path / "work.pkl").write_bytes(data)
    code = (
        "import pickle, sys\n"
        + "".join(f"import {m}\n" for m in formats.drawing_modules(FORMATS))
        + "before = set(sys.modules)\n"
        f"pickle.loads(open({str(tmp_path / 'work.pkl')!r}, 'rb').read())\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(files.__file__).parents[2])},
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(["infodeck.export", "infodeck.export.files", "infodeck.export.formats"])


@pytest.mark.parametrize("start", ["fork", "forkserver"])
def test_writers_stopped_while_importing_leave_nothing_running(start) -> None:
    started = Writers.start(FORMATS, Strategy(3, start))  # type: ignore[arg-type]
    assert started.parallel
    started.stop()
    started.stop()  # twice is harmless
    assert _no_children()


def test_a_failure_of_the_deck_here_stops_the_writers(pack, tmp_path, monkeypatch):
    from infodeck.render import pptx

    def write_pptx(*args, **kw):  # type: ignore[no-untyped-def]
        _disk_full()

    monkeypatch.setattr(pptx, "write_pptx", write_pptx)
    out = tmp_path / "out"
    with pytest.raises(ExportError, match=r"could not write gut-health-migraines\.pptx"):
        run_export(_request(pack, out), how=Strategy(3, "fork"))
    assert not [p for p in out.rglob("*") if p.is_file()]
    assert _no_children()


def test_every_writer_is_gone_before_the_temporary_files_are_removed(pack, tmp_path, monkeypatch):
    """A writer failing stops the others, which never write after the cleanup."""
    from infodeck.render import mpl

    log = tmp_path / "writers.txt"
    parent, real = os.getpid(), mpl.render_page

    def render_page(*args, **kw):  # type: ignore[no-untyped-def]
        with log.open("a") as f:
            f.write(f"{os.getpid()}\n")
        if os.getpid() != parent and len(log.read_text().split()) > 4:
            _disk_full()
        return real(*args, **kw)

    monkeypatch.setattr(mpl, "render_page", render_page)
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="the drive is full"):
        run_export(_request(pack, out), how=Strategy(3, "fork"))
    pids = {int(p) for p in log.read_text().split()}
    assert len(pids) >= 2  # the work was shared
    assert _gone(pids)
    assert not [p for p in out.rglob("*") if p.is_file()]


def _in_writer_only(action):  # type: ignore[no-untyped-def]
    """Patch the page writer so that it does ``action`` in a writer process only."""
    from infodeck.render import mpl

    parent, real = os.getpid(), mpl.render_page

    def render_page(*args, **kw):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            action()
        return real(*args, **kw)

    return render_page


def _disk_full() -> None:
    raise OSError(28, "No space left on device")


def test_a_failure_in_a_writer_is_reported_and_nothing_is_written(pack, tmp_path, monkeypatch):
    from infodeck.render import mpl

    monkeypatch.setattr(mpl, "render_page", _in_writer_only(_disk_full))
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="the drive is full"):
        run_export(_request(pack, out), how=FORK)
    assert not [p for p in out.rglob("*") if p.is_file()]  # no file, no temporary file
    assert _no_children()


def test_a_writer_that_dies_is_reported_and_nothing_is_written(pack, tmp_path, monkeypatch):
    from infodeck.render import mpl

    monkeypatch.setattr(
        mpl, "render_page", _in_writer_only(lambda: os.kill(os.getpid(), signal.SIGKILL))
    )
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="a process writing the export's files was stopped"):
        run_export(_request(pack, out), how=FORK)
    assert not [p for p in out.rglob("*") if p.is_file()]
    assert _no_children()


@pytest.mark.parametrize("start", ["fork", "forkserver"])
def test_cancel_stops_every_writer_and_keeps_the_old_files(pack, tmp_path, start):
    out = tmp_path / "out"
    run_export(_request(pack, out))
    before = _files(out)
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(Cancelled):
        run_export(_request(pack, out, force=True), cancel=cancel, how=Strategy(2, start))  # type: ignore[arg-type]
    assert _files(out) == before
    assert _no_children()


def test_writers_end_when_the_export_is_killed(tmp_path):
    """A killed command line leaves no writer behind (they watch their parent)."""
    code = textwrap.dedent(
        """
        import multiprocessing, sys, time
        from infodeck.export.pool import Strategy, Writers
        w = Writers.start(("png",), Strategy(2, "fork"))
        time.sleep(0.5)
        print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
        time.sleep(60)
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(files.__file__).parents[2])},
    ) as proc:
        assert proc.stdout is not None
        pids = {int(p) for p in proc.stdout.readline().split()}
        assert len(pids) == 2
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 30
    while not _gone(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(pids)


def test_the_strategy_is_the_one_switch(monkeypatch):
    monkeypatch.setenv("INFODECK_PROCESSES", "3")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert pool.strategy() == pool.HERE  # a frozen bundle writes here
    monkeypatch.delattr(sys, "frozen")
    monkeypatch.setattr(sys, "platform", "win32")
    assert pool.strategy() == pool.HERE
    monkeypatch.setattr(sys, "platform", "darwin")
    assert pool.strategy() == Strategy(3, "forkserver")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(pool.threading, "active_count", lambda: 2)  # the window's threads
    assert pool.strategy() == Strategy(3, "forkserver")
    monkeypatch.setattr(pool.threading, "active_count", lambda: 1)  # the command line
    assert pool.strategy() == Strategy(3, "forkserver")
    monkeypatch.setenv("INFODECK_PROCESSES", "1")
    assert pool.strategy() == pool.HERE
    assert not pool.HERE.parallel


def test_the_faces_setup_runs_in_each_process_that_draws(tmp_path) -> None:
    """``setup`` (a face's configure step) runs in every writer, or here when here draws."""
    here: list[int] = []
    Writers.start(("pptx",), pool.HERE, setup=lambda: here.append(1)).stop()
    assert here == []  # nothing to draw: nothing set up (and matplotlib not needed)
    Writers.start(("png",), pool.HERE, setup=lambda: here.append(1)).stop()
    assert here == [1]

    def mark() -> None:
        (tmp_path / str(os.getpid())).touch()

    writers = Writers.start(FORMATS, FORK, setup=mark)
    assert writers.parallel
    writers.stop()
    pids = {int(p.name) for p in tmp_path.iterdir()}
    assert pids and os.getpid() not in pids
