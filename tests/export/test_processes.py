"""An export written by several processes: the same files, and the same guarantees.

The command line forks writers where that is safe (``processes.fork_processes``); these
tests ask for them directly, so they run whatever threads the test process has.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from infodeck.content.load import load_pack
from infodeck.errors import ExportError
from infodeck.export import files, formats, plan, write
from infodeck.export import processes as writers
from infodeck.export.plan import ExportRequest
from infodeck.export.write import run_export
from infodeck.render import Cancelled

from conftest import BUILTIN

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the export forks writers on Linux only"
)

SECTIONS = ("gut-brain-axis", "diet-statistics")
FORMATS = ("pptx", "png", "svg", "pdf")


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(BUILTIN).pack


def _request(pack, out: Path, **kw) -> ExportRequest:  # type: ignore[no-untyped-def]
    return ExportRequest(pack, out, SECTIONS, FORMATS, **kw)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_forked_writers_write_the_same_files(pack, tmp_path):
    serial = run_export(_request(pack, tmp_path / "serial"))
    steps: list[tuple[int, int, str]] = []
    forked = run_export(
        _request(pack, tmp_path / "forked"),
        progress=lambda i, n, what: steps.append((i, n, what)),
        processes=2,
    )
    assert [p.relative_to(tmp_path / "forked") for p in forked.written] == [
        p.relative_to(tmp_path / "serial") for p in serial.written
    ]
    a, b = _files(tmp_path / "serial"), _files(tmp_path / "forked")
    assert a.keys() == b.keys()
    # The deck holds its creation time; every other file is the same byte for byte.
    assert {k for k in a if a[k] != b[k]} <= {"gut-health-migraines.pptx"}
    total = len(serial.written) + 1
    assert steps[-1] == (total, total, "Done")
    done = [i for i, _, _ in steps]
    assert done == sorted(done) and all(n == total for _, n, _ in steps)
    assert not [p for p in (tmp_path / "forked").rglob("*.tmp")]


def test_the_deck_is_written_here_everything_drawn_goes_to_the_writers(pack, tmp_path):
    jobs = plan.plan(_request(pack, tmp_path))
    modules = formats.drawing_modules(FORMATS)
    assert modules == (
        "infodeck.render.mpl",
        "matplotlib.backends.backend_svg",
        "matplotlib.backends.backend_pdf",
    )
    here, there = writers.schedule(jobs, modules)
    assert [jobs[i].label for i in here] == ["deck"]
    assert sorted(here + there) == list(range(len(jobs)))
    costs = [jobs[i].cost for i in there]
    assert costs == sorted(costs, reverse=True)
    assert formats.drawing_modules(("pptx",)) == ()  # nothing to import early: no writers
    assert writers.start_writers(("pptx",), 2) is None
    assert formats.drawing_modules(("png", "frames")) == ("infodeck.render.mpl",)


def _no_children() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_first_writer_is_forked_before_composing(pack, tmp_path, monkeypatch):
    """It imports matplotlib while this process composes: it exists when plan runs."""
    real, seen = write.plan, []

    def plan_spy(*args, **kw):  # type: ignore[no-untyped-def]
        seen.append(_no_children())
        return real(*args, **kw)

    monkeypatch.setattr(write, "plan", plan_spy)
    run_export(_request(pack, tmp_path / "out"), processes=2)
    assert seen == [False]
    assert _no_children()


def test_the_writers_unpickle_their_jobs_without_the_composer(pack, tmp_path):
    """The first writer imports only drawing: the jobs it gets must not pull in more."""
    import pickle
    import subprocess

    jobs = plan.plan(_request(pack, tmp_path))
    _, there = writers.schedule(jobs, formats.drawing_modules(FORMATS))
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


def test_no_temporary_folder_means_one_process(pack, tmp_path, monkeypatch):
    def no_space(*args, **kw):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers.tempfile, "TemporaryFile", no_space)
    assert writers.Writers.start(formats.drawing_modules(FORMATS), 2) is None
    result = run_export(_request(pack, tmp_path / "out"), processes=2)
    assert len(result.written) > 10
    assert _no_children()


def test_writers_stopped_while_importing_leave_nothing_running() -> None:
    started = writers.Writers.start(formats.drawing_modules(FORMATS), 3)
    assert started is not None
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
        run_export(_request(pack, out), processes=3)
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
    with pytest.raises(ExportError, match="No space left on device"):
        run_export(_request(pack, out), processes=3)
    pids = {int(p) for p in log.read_text().split()}
    assert len(pids) >= 2  # the work was shared
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert not [p for p in out.rglob("*") if p.is_file()]


def _in_writer_only(action):  # type: ignore[no-untyped-def]
    """Patch the page writer so that it does ``action`` in a forked writer only."""
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
    with pytest.raises(ExportError, match="No space left on device"):
        run_export(_request(pack, out), processes=2)
    assert not [p for p in out.rglob("*") if p.is_file()]  # no file, no temporary file


def test_a_writer_that_dies_is_reported_and_nothing_is_written(pack, tmp_path, monkeypatch):
    from infodeck.render import mpl

    monkeypatch.setattr(
        mpl, "render_page", _in_writer_only(lambda: os.kill(os.getpid(), signal.SIGKILL))
    )
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="signal 9"):
        run_export(_request(pack, out), processes=2)
    assert not [p for p in out.rglob("*") if p.is_file()]


def test_cancel_stops_every_writer_and_keeps_the_old_files(pack, tmp_path):
    out = tmp_path / "out"
    run_export(_request(pack, out))
    before = _files(out)
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(Cancelled):
        run_export(_request(pack, out, force=True), cancel=cancel, processes=2)
    assert _files(out) == before
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no writer left running or unreaped


def test_fork_processes_is_one_where_forking_is_unsafe(monkeypatch):
    monkeypatch.setenv("INFODECK_PROCESSES", "3")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert writers.fork_processes() == 1
    monkeypatch.delattr(sys, "frozen")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert writers.fork_processes() == 1
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(writers.threading, "active_count", lambda: 2)
    assert writers.fork_processes() == 1
    monkeypatch.setattr(writers.threading, "active_count", lambda: 1)
    assert writers.fork_processes() == 3
    monkeypatch.setenv("INFODECK_PROCESSES", "1")
    assert writers.fork_processes() == 1
