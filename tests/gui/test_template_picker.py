"""The export dialog's Template row: choose, remember per pack, export on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from gui.test_main_window import (  # noqa: F401  (fixtures)
    WAIT,
    make_window,
    open_window,
    recorder,
    settings,
)
from infodeck.gui.settings import Settings
from school_template import make_school_template

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("private_log")]


def test_a_template_chosen_in_the_dialog_is_used_and_remembered(
    qtbot, open_window, make_pack, tmp_path: Path  # noqa: F811
):
    school = make_school_template(tmp_path / "school.pptx")
    root = make_pack()
    w = open_window(root)
    dlg = w.show_export()
    picker = dlg.template_picker
    assert picker is not None
    assert picker.path() is None  # the pack names none
    assert not picker.pack_button.isVisible()
    picker.set_choice(str(school))
    assert "school.pptx" in picker.label.text()
    assert Settings(w.settings.q).template_for("test-pack") == str(school)
    out = tmp_path / "out"
    dlg.out_dir_edit.setText(str(out))
    for name, box in dlg.format_boxes.items():
        box.setChecked(name == "pptx")
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as blocker:
        dlg.export_button.click()
    assert not isinstance(blocker.args[0], BaseException), dlg.error_text
    deck = Presentation(str(out / "test-pack.pptx"))
    assert deck.slide_width == Presentation(str(school)).slide_width
    dlg.close()

    again = w.show_export()  # remembered for this pack
    assert again.template_picker is not None
    assert again.template_picker.path() == school
    again.template_picker.none_button.click()
    assert again.template_picker.path() is None
    assert Settings(w.settings.q).template_for("test-pack") == "none"
    again.close()


def test_the_pack_s_own_template_is_the_default(qtbot, open_window, make_pack, tmp_path):  # noqa: F811
    root = make_pack(pack_extra="template: school.pptx\n")
    make_school_template(root / "school.pptx")
    w = open_window(root)
    dlg = w.show_export()
    picker = dlg.template_picker
    assert picker is not None
    assert picker.path() == root / "school.pptx"
    assert "pack's template" in picker.label.text()
    picker.none_button.click()
    assert picker.path() is None and picker.pack_button.isEnabled()
    picker.pack_button.click()
    assert picker.path() == root / "school.pptx"
    dlg.close()


def test_check_opens_the_template_report(qtbot, open_window, make_pack, tmp_path):  # noqa: F811
    from infodeck.gui.template_report import TemplateReportDialog

    school = make_school_template(tmp_path / "school.pptx")
    w = open_window(make_pack())
    dlg = w.show_export()
    picker = dlg.template_picker
    assert picker is not None
    assert not picker.check_button.isEnabled()  # nothing to check yet
    picker.set_choice(str(school))
    assert picker.check_button.isVisible() and picker.check_button.isEnabled()
    picker.check_button.click()
    reports = [d for d in dlg.findChildren(TemplateReportDialog)]
    assert len(reports) == 1 and reports[0].isVisible()
    reports[0].close()
    dlg.close()
