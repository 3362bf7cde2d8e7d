"""Test setup: offscreen Qt, a fixed working folder, small pack builders, a window."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# The user's own themes (saved from school templates) never reach the tests: an empty
# folder of the session's own stands in for it (tests that save themes use theirs).
os.environ["INFODECK_THEMES_DIR"] = tempfile.mkdtemp(prefix="infodeck-themes-")

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "content" / "gut-health-migraines"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests under tests/gui are GUI tests: mark them so they can be selected."""
    for item in items:
        if "tests/gui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


REFS = """\
references:
  - key: smith2020
    authors: Smith A, et al.
    title: A study of things
    container: Journal of Things
    year: 2020
"""

SECTION = """\
id: intro
title: Introduction
summary: What this is about.
notes: Say hello.
blocks:
  - type: text
    text: Plants make sugar from light.
    cite: [smith2020]
"""


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack: ``make_pack(sections={"intro.yaml": yaml_text}, refs=yaml_text)``."""

    def make(
        sections: dict[str, str] | None = None,
        refs: str = REFS,
        pack_extra: str = "",
        name: str = "pack",
    ) -> Path:
        root = tmp_path / name
        (root / "sections").mkdir(parents=True)
        secs = sections if sections is not None else {"intro.yaml": SECTION}
        listing = "".join(f"  - sections/{n}\n" for n in secs)
        (root / "pack.yaml").write_text(
            textwrap.dedent(
                """\
                id: test-pack
                title: Test pack
                author: Tester
                audience: Testers
                """
            )
            + pack_extra
            + "sections:\n"
            + listing,
            encoding="utf-8",
        )
        for n, text in secs.items():
            (root / "sections" / n).write_text(text, encoding="utf-8")
        (root / "references.yaml").write_text(refs, encoding="utf-8")
        return root

    return make


def picture_data(path: Path) -> object:
    """A picture file read and checked as a pack's loader does (``PictureData``)."""
    from infodeck.content.pictures import decode_picture

    got = decode_picture(path.name, path.read_bytes())
    assert not isinstance(got, str), got
    return got


WINDOW_WAIT = 60_000  # ms: a first preview on a loaded 2-core machine


@pytest.fixture
def private_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The window's log goes to the test's folder; its file handler is closed after the test."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    yield
    logger = logging.getLogger("infodeck")
    for h in list(logger.handlers):
        if isinstance(h, logging.FileHandler):
            logger.removeHandler(h)
            h.close()


@pytest.fixture
def window(qtbot: object, tmp_path: Path, private_log: None) -> Iterator[object]:
    """A 1366x768 window on a copy of the built-in pack, its first preview drawn.

    It reports no error while the test runs; unsaved edits left at the end are dropped
    without asking, so no question stays open at teardown.
    """
    from PySide6.QtCore import QSettings

    from infodeck.gui.main_window import MainWindow

    root = tmp_path / "pack"
    shutil.copytree(BUILTIN, root)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    errors: list[BaseException] = []
    w = MainWindow(settings, error_reporter=errors.append, opener=lambda p: None)
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.preview_ready, timeout=WINDOW_WAIT):  # type: ignore[attr-defined]
        w.open_pack(root)
    yield w
    assert errors == []
    if w.workspace is not None and w.workspace.dirty:
        w.closing.now = True
