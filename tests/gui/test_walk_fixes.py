"""Defects found by walking issue #13 as a teacher in the real window at 1366x768."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QToolButton

from conftest import BUILTIN

WAIT = 60_000

pytestmark = pytest.mark.usefixtures("private_log")


def test_undo_button_keeps_its_width_so_theme_stays_on_the_toolbar(qtbot, window):
    w = window
    button = w.toolbar.widgetForAction(w.acts.undo)
    assert isinstance(button, QToolButton)
    width = button.sizeHint().width()
    assert w.look.theme_combo.isVisible()
    doc = w.workspace.document
    rel = doc.section_rel("gut-brain-axis")
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        doc.set_value(rel, ("title",), "Gut and brain")
    qtbot.wait(50)
    assert w.acts.undo.isEnabled()
    assert w.acts.undo.text().replace("&", "") != "Undo"  # the menu says what it undoes
    assert w.acts.undo.text().replace("&", "").lower() in w.acts.undo.toolTip().lower()
    assert button.text() == "Undo"
    assert button.sizeHint().width() == width
    assert w.look.theme_combo.isVisible()


def test_ticking_a_source_right_after_typing_counts_in_the_window(qtbot, window):
    """Leaving a field for a source's tick box: the first, quick click ticks it.

    Leaving the field commits it and the form is shown again; that used to resize the
    form for a moment, so the click's release landed beside the box and was lost.
    """
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from infodeck.gui.editor.forms import CiteEditor, LineEditor

    w = window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    panel = w.editor
    doc = w.workspace.document
    rel = doc.section_rel("diet-statistics")
    panel.show_section(rel)
    panel.tabs.setCurrentIndex(1)
    panel.block_list.set_current(2)  # "over 10000×", uncited
    qtbot.wait(50)
    form = panel.block_form()
    label, cite = form.editor("label"), form.editor("cite")
    assert isinstance(label, LineEditor) and isinstance(cite, CiteEditor)
    label.line.setFocus()
    label.line.end(False)
    QTest.keyClicks(label.line, " today")
    view = cite.list
    rect = view.visualItemRect(view.item(0))
    opt = QStyleOptionViewItem()
    opt.rect = rect
    opt.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view)
    at = box.center() if box.isValid() else QPoint(rect.left() + 10, rect.center().y())
    where = view.viewport().mapTo(w, QPoint(0, 0))
    label.commit()  # what leaving the field does, as the click's press arrives
    assert view.viewport().mapTo(w, QPoint(0, 0)) == where  # nothing moved under the mouse
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert doc.get(rel, ("blocks", 2, "label")).endswith(" today")
    assert doc.get(rel, ("blocks", 2, "cite")) == [view.item(0).data(Qt.ItemDataRole.UserRole)]
    # let the redraw these edits asked for finish before the window goes
    qtbot.waitUntil(lambda: w.driver._job is None and not w.driver._timer.isActive(), timeout=WAIT)


def test_problem_messages_wrap_whole_and_paths_keep_their_line(qtbot, tmp_path):
    """At 1366x768 the message column is narrow: a message wraps, it is not cut in half."""
    from infodeck.content.problems import Problem
    from infodeck.gui.model import ProblemRow
    from infodeck.gui.problems_panel import ProblemsPanel

    long = (
        "section 'where-our-water-comes-from': its text did not fit one slide "
        "and continues on 1 more slide"
    )
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.resize(520, 240)
    panel.show()
    path = tmp_path / "sections" / ("a-rather-long-section-file-name-" * 3 + ".yaml")
    problem = Problem(file=str(path), line=7, col=11, where="", message=long)
    row = ProblemRow(problem, path)
    panel.set_problems([row], notices=("short",), root=tmp_path)
    qtbot.wait(20)
    tree = panel.tree
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    tall = tree.visualItemRect(first).height()
    assert tall >= 2 * tree.visualItemRect(second).height() - 2  # two lines or more
    assert first.text(1).endswith(":7:11")
    panel.resize(1900, 240)
    qtbot.wait(20)
    assert tree.visualItemRect(first).height() < tall  # one line again when it fits


def test_new_pack_does_not_start_inside_the_apps_own_files(qtbot, tmp_path, monkeypatch):
    """With the built-in pack open, File ▸ New pack starts in the home folder."""
    from infodeck.gui.main_window import MainWindow
    from infodeck.resources import builtin_pack_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, error_reporter=lambda e: None, opener=lambda p: None)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.open_pack(builtin_pack_dir())
    dlg = w.new_pack()
    assert dlg.parent_dir.text() == str(tmp_path)
    dlg.reject()
    other = tmp_path / "packs" / "mine"
    shutil.copytree(BUILTIN, other)
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.open_pack(other)
    dlg = w.new_pack()
    assert dlg.parent_dir.text() == str(tmp_path / "packs")  # beside the teacher's own pack
    dlg.reject()


def test_right_click_on_the_sections_list_offers_the_section_menu(qtbot, window):
    """The list teachers look at has the same Section menu as the Edit panel."""
    from PySide6.QtCore import Qt

    w = window
    lst = w.sections.list
    assert lst.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    item = w.sections.item("gut-brain-axis")
    pos = lst.visualItemRect(item).center()
    lst.setCurrentItem(item)  # a right press selects the row under the mouse
    lst.customContextMenuRequested.emit(pos)
    menu = w.editor.section_menu
    qtbot.waitUntil(menu.isVisible)
    texts = [a.text() for a in menu.actions()]
    assert any("New section" in t for t in texts) and any("Delete section" in t for t in texts)
    assert w.editor.current_section() == w.workspace.document.section_rel("gut-brain-axis")
    menu.close()


def test_the_large_preview_shows_the_section_picked_and_a_new_one(qtbot, window):
    w = window
    ws = w.workspace
    assert w.preview.current_index() == 0
    ws.select("diet-statistics")
    page = w.preview.pages[w.preview.current_index()]
    assert page.section_id == "diet-statistics"
    # a section just added is shown once it is drawn
    from infodeck.content.starters import section_starter

    doc = ws.document
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        rel = doc.add_section(section_starter("statistic", "Water at home"))
        ws.select(rel)
    sid = doc.section_id(rel)
    qtbot.waitUntil(
        lambda: w.preview.pages[w.preview.current_index()].section_id == sid, timeout=WAIT
    )
    # then the teacher's own choice of thumbnail stays while they edit
    w.preview.show_page(0)
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        doc.set_value(rel, ("title",), "Water in the home")
    assert w.preview.current_index() == 0
