"""PySide6 6.12 on Python 3.11 loses references to None and True; the window survives it.

The first test reproduces the bug without Infodeck (it skips once PySide6 or Python
no longer has it); the second shows the guard that ``infodeck.gui`` installs.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

SESSION = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QListWidget
calls = max(sys.getrefcount(None), sys.getrefcount(True)) + 1000  # enough to use them up
{guard}
class Emitter(QObject):
    ready = Signal(object)

app = QApplication([])
thumbs, emitter = QListWidget(), Emitter()
emitter.ready.connect(lambda result: None)
# What a long preview session does: lists cleared and refilled, signals emitted.
for _ in range(calls):
    thumbs.clear()
for _ in range(calls):
    emitter.ready.emit(1)
print("survived", flush=True)
"""


def _session(guard: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "desktop")}
    return subprocess.run(
        [sys.executable, "-c", SESSION.format(guard=guard)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_bug_without_the_guard() -> None:
    result = _session("")
    if result.returncode == 0:
        pytest.skip("this PySide6 and Python keep None's and True's counts right")
    assert "deallocating" in result.stderr  # none_dealloc or bool_dealloc


def test_the_window_package_guards_against_it() -> None:
    result = _session("import infodeck.gui")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
