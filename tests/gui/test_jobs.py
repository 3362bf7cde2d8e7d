"""The job runners: results on the GUI thread, cancel honoured, nothing after shutdown."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from infodeck.gui.jobs import JobContext, SyncRunner, ThreadRunner

from conftest import ROOT


@pytest.fixture
def runner():
    r = ThreadRunner()
    yield r
    r.shutdown()


def test_results_and_progress_arrive_on_the_gui_thread(qtbot, runner):
    gui = QThread.currentThread()
    seen: list[tuple[str, bool]] = []
    worker_threads: list[threading.Thread] = []

    def work(ctx: JobContext) -> int:
        worker_threads.append(threading.current_thread())
        ctx.progress(1, 2, "half")
        ctx.emit("partial")
        return 42

    job = runner.submit(
        work,
        on_progress=lambda d, t, m: seen.append((m, QThread.currentThread() is gui)),
        on_partial=lambda v: seen.append((v, QThread.currentThread() is gui)),
        on_done=lambda v: seen.append((str(v), QThread.currentThread() is gui)),
    )
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert seen == [("half", True), ("partial", True), ("42", True)]
    assert worker_threads[0] is not threading.main_thread()
    assert job.done and runner.active() == 0


def test_cancel_is_honoured(qtbot, runner):
    started = threading.Event()

    def work(ctx: JobContext) -> str:
        started.set()
        while True:
            ctx.check()
            threading.Event().wait(0.005)

    outcomes: list[str] = []
    job = runner.submit(work, on_cancelled=lambda: outcomes.append("cancelled"))
    assert started.wait(10)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert outcomes == ["cancelled"]


def test_failure_is_reported_not_raised(qtbot, runner):
    def work(_ctx: JobContext) -> None:
        raise RuntimeError("engine trouble")

    errors: list[BaseException] = []
    job = runner.submit(work, on_error=errors.append)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert [str(e) for e in errors] == ["engine trouble"]


def test_nothing_is_delivered_after_shutdown(qtbot):
    r = ThreadRunner()
    release = threading.Event()
    got: list[object] = []

    def work(ctx: JobContext) -> str:
        release.wait(10)
        ctx.progress(1, 1, "late")
        return "late"

    r.submit(work, on_done=got.append, on_progress=lambda *a: got.append(a))
    release.set()
    r.shutdown()  # waits for the worker; whatever it posts is dropped
    qtbot.wait(20)
    assert got == []
    job = r.submit(lambda _ctx: "never", on_done=got.append)
    assert job.is_cancelled() and got == []


def test_sync_runner_reports_before_returning():
    r = SyncRunner()
    got: list[object] = []
    job = r.submit(
        lambda ctx: (ctx.progress(1, 1, "p"), "done")[1],
        on_done=got.append,
        on_progress=lambda *a: got.append(a),
    )
    assert job.done and got == [(1, 1, "p"), "done"]


def test_the_window_starts_without_matplotlib_or_pptx(tmp_path: Path):
    """The heavy backends stay off the start-up path until a preview or export needs them."""
    code = f"""
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from infodeck.gui.main_window import MainWindow
w = MainWindow(QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
w.show()
app.processEvents()
print(sorted(m for m in ("matplotlib", "pptx") if m in sys.modules))
w.close()
"""
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT / "desktop"),
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
