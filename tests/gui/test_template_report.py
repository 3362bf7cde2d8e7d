"""The window's template report: the same report as check-template, and Save as theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from infodeck.compose.layouts import themes
from infodeck.compose.templates import template_report
from infodeck.template import read_template

from template_kit import DEFAULT_TEMPLATE, build_crest_template


@pytest.fixture
def themes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "themes"
    monkeypatch.setenv("INFODECK_THEMES_DIR", str(folder))
    themes.cache_clear()
    yield folder
    themes.cache_clear()


def test_dialog_shows_kinds_layouts_fixes_fonts_and_logo(qtbot: Any, tmp_path: Path) -> None:
    from infodeck.gui.template_report import TemplateReportDialog

    report = template_report(read_template(build_crest_template(tmp_path / "crest.potx",
                                                                potx=True)))
    dlg = TemplateReportDialog(report)
    qtbot.addWidget(dlg)
    assert dlg.kinds.rowCount() == 4
    assert dlg.kinds.item(0, 0).text() == "title slide"
    assert dlg.kinds.item(0, 1).text() == "'Title Slide' (master 1, layout 1)"
    assert dlg.layouts.rowCount() == 11
    assert dlg.layouts.item(5, 2).text() == "diagram and chart slides"
    look = dlg.look.toPlainText()
    assert "#2E4E7E" in look and "WCAG AA" in look  # the accent made readable
    assert "Georgia" in look and "line breaks may differ" in look
    assert not dlg.logo_label.pixmap().isNull()  # the crest is shown


def test_save_as_theme_from_the_dialog(qtbot: Any, themes_dir: Path) -> None:
    from infodeck.gui.template_report import TemplateReportDialog

    dlg = TemplateReportDialog(template_report(read_template(DEFAULT_TEMPLATE)))
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.themeSaved) as sig:
        assert dlg.save_as("Office look") == "office-look"
    assert sig.args == ["office-look"]
    assert (themes_dir / "office-look.yaml").is_file()
    assert "office-look" in themes()
    assert "Saved as 'office-look'" in dlg.save_button.text()


def test_window_menu_opens_the_report_and_lists_the_saved_theme(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, themes_dir: Path
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from infodeck.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, error_reporter=lambda e: None)
    qtbot.addWidget(w)
    assert w.acts.check_template in w.menus["file"].actions()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(DEFAULT_TEMPLATE), ""))
    dlg = w.acts.show_template_report()
    assert dlg is not None and dlg.isVisible()
    qtbot.addWidget(dlg)
    combo = w.look.theme_combo
    before = combo.currentData()
    dlg.save_as("School look")
    assert combo.findData("school-look") >= 0  # selectable at once
    assert combo.currentData() == before  # the current theme is kept
    dlg.close()


def test_a_bad_template_is_explained_not_shown(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from infodeck.gui.template_report import open_template_report

    bad = tmp_path / "school.pptm"
    bad.write_bytes(DEFAULT_TEMPLATE.read_bytes())
    assert open_template_report(None, bad) is None
    boxes = [b for b in QApplication.topLevelWidgets()
             if isinstance(b, QMessageBox) and b.isVisible()]
    assert any("macro-enabled" in b.text() and str(bad) in b.text() for b in boxes)
    for b in boxes:
        b.close()


def test_a_theme_saved_from_any_report_joins_the_windows_list(
    qtbot: Any, tmp_path: Path, themes_dir: Path
) -> None:
    """The export dialog's template row opens the report too: the window still hears it."""
    from PySide6.QtCore import QSettings

    from infodeck.gui.main_window import MainWindow
    from infodeck.gui.template_report import TemplateReportDialog

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, error_reporter=lambda e: None)
    qtbot.addWidget(w)
    dlg = TemplateReportDialog(template_report(read_template(DEFAULT_TEMPLATE)))
    qtbot.addWidget(dlg)
    dlg.save_as("From elsewhere")
    assert w.look.theme_combo.findData("from-elsewhere") >= 0
