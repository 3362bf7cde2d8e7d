"""What the window shows of its pack: counts, the empty preview's words, restoring defaults."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings

from infodeck.gui.pack_view import ALL_BROKEN, NONE_CHOSEN, counts_text

WAIT = 60_000
SECTION = """\
id: {id}
title: Section {id}
summary: About {id}.
notes: Say {id}.
{extra}blocks:
  - type: text
    text: Plants make sugar from light.
    uncited: true
"""

pytestmark = pytest.mark.usefixtures("private_log")


@pytest.fixture
def pack_window(qtbot, tmp_path: Path, make_pack):
    """A window on a pack of three sections (the third not a default), its preview drawn."""
    from infodeck.gui.main_window import MainWindow

    root = make_pack({
        "a.yaml": SECTION.format(id="a", extra=""),
        "b.yaml": SECTION.format(id="b", extra=""),
        "c.yaml": SECTION.format(id="c", extra="default: false\n"),
    })
    errors: list[BaseException] = []
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, error_reporter=errors.append, opener=lambda p: None)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.open_pack(root)
    yield w
    assert errors == []


def _result(pages: int, mode: str, chosen: int) -> object:
    return SimpleNamespace(pages=[None] * pages,
                           spec=SimpleNamespace(mode=mode, section_keys=("x",) * chosen))


def test_counts_say_slides_or_pages_and_how_many_sections() -> None:
    assert counts_text(_result(3, "deck", 2), 5) == "3 slides · 2 of 5 sections"  # type: ignore[arg-type]
    assert counts_text(_result(1, "infographic", 1), 1) == "1 page · 1 of 1 sections"  # type: ignore[arg-type]


def test_the_status_bar_counts_follow_the_preview(qtbot, pack_window) -> None:
    w = pack_window
    n = len(w.preview_result.pages)
    assert w.status_counts.text() == f"{n} slide{'s' if n != 1 else ''} · 2 of 3 sections"
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.set_checked("c", True)
    assert w.status_counts.text().endswith("· 3 of 3 sections")


def test_an_empty_choice_says_what_to_do(qtbot, pack_window) -> None:
    w = pack_window
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.select_none()
    assert w.driver.empty_message == NONE_CHOSEN
    assert w.status_counts.text() == ""


def test_chosen_sections_that_all_have_errors_are_named_as_the_reason(qtbot, pack_window) -> None:
    w = pack_window
    doc = w.workspace.document
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.select_none()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        doc.set_value(doc.section_rel("a"), ("blocks", 0, "type"), "nonsense")  # an error
        w.sections.set_checked("a", True)
    entries = {e.title: e for e in w.workspace.sections()}
    assert entries["Section a"].chosen and entries["Section a"].broken
    assert w.driver.empty_message == ALL_BROKEN
    w.closing.now = True  # never leave a question open at teardown


def test_restore_defaults_brings_back_the_pack_s_order_and_choice(qtbot, pack_window) -> None:
    w = pack_window
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.set_checked("c", True)
        w.sections.set_checked("a", False)
        w.sections.move_section("c", 0)
    assert w.workspace.chosen_ids() == ["c", "b"]
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.defaults_requested.emit()
    assert w.workspace.chosen_ids() == ["a", "b"]
    assert w.sections.order() == ["a", "b", "c"]
