"""The app as a process: a real start reaches its window and quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _start(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "INFODECK_SMOKE_QUIT": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),  # settings and logs go to a fresh user folder
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PYTHONPATH": str(ROOT / "desktop"),
    }
    return subprocess.run(
        [sys.executable, "-m", "infodeck", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


@pytest.mark.gui_heavy  # a whole app process starts and quits
def test_smoke_start_opens_the_builtin_pack_and_quits(tmp_path: Path) -> None:
    done = _start(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "smoke start ok" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.gui_heavy  # a whole app process starts and quits
def test_smoke_start_on_a_pack_given_on_the_command_line(tmp_path: Path) -> None:
    done = _start(tmp_path, str(ROOT / "tests" / "data" / "photosynthesis"))
    assert done.returncode == 0, done.stderr
    assert "smoke start ok" in done.stdout
