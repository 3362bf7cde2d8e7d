"""File ▸ Import notes: the report is shown before the pack opens; a refusal writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from infodeck.gui.import_dialog import ImportDialog

pytestmark = pytest.mark.usefixtures("private_log")


def test_import_shows_report_then_opens(qtbot: Any, tmp_path: Path) -> None:
    src = tmp_path / "cells.md"
    src.write_text("# Cells\n\n## Parts\n\n1. Membrane\n2. Nucleus\n\n![](x.png)\n",
                   encoding="utf-8")
    dlg = ImportDialog(start_dir=tmp_path)
    qtbot.addWidget(dlg)
    assert not dlg.run_import()  # nothing chosen yet
    dlg.source.setText(str(src))
    assert dlg.folder.text() == str(tmp_path / "cells")
    assert not dlg.open_button.isEnabled()
    assert dlg.run_import()
    assert dlg.created == tmp_path / "cells" and (tmp_path / "cells" / "pack.yaml").is_file()
    shown = dlg.report.toPlainText()
    assert "numbered list of 2 items → pathway steps" in shown
    assert "x.png" in shown  # the picture that was not found is named
    assert dlg.open_button.isEnabled() and not dlg.import_button.isEnabled()


def test_refused_import_says_why(qtbot: Any, tmp_path: Path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("not a docx", encoding="utf-8")
    dlg = ImportDialog(start_dir=tmp_path)
    qtbot.addWidget(dlg)
    dlg.source.setText(str(bad))
    assert not dlg.run_import()
    assert "not a Word document" in dlg.problem.text()
    assert "Nothing was written" in dlg.problem.text()
    assert dlg.created is None and not (tmp_path / "notes").exists()


def test_window_imports_then_opens_the_pack(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QSettings

    from infodeck.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, error_reporter=lambda e: None)
    qtbot.addWidget(w)
    assert w.acts.import_notes in w.menus["file"].actions()
    opened: list[Path] = []
    monkeypatch.setattr(w, "open_pack", opened.append)
    src = tmp_path / "notes.md"
    src.write_text("# Notes\n\nA paragraph.\n", encoding="utf-8")
    dlg = w.import_notes()
    dlg.source.setText(str(src))
    assert dlg.run_import()
    dlg.accept()
    assert opened == [tmp_path / "notes"]
