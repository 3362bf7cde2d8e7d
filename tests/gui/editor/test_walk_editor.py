"""Defects found by walking issue #13 in the real window: the editor's dialogs and forms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from infodeck.content.edit.document import PackDocument
from infodeck.gui.editor import EditorPanel, NewSectionDialog
from infodeck.gui.editor.forms import CiteEditor, LineEditor
from infodeck.gui.editor.picture import PictureForm

REFS = """\
references:
  - key: unicef2023
    authors: UNICEF and WHO
    title: Progress on household drinking water
    year: 2023
"""


@pytest.fixture
def doc(make_pack: Callable[..., Path]) -> PackDocument:
    return PackDocument.open(make_pack(refs=REFS))


def _checkbox_point(cite: CiteEditor, row: int) -> QPoint:
    """Where the tick box of ``row`` is drawn in the list's viewport."""
    view = cite.list
    rect = view.visualItemRect(view.item(row))
    opt = QStyleOptionViewItem()
    opt.rect = rect
    opt.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view)
    return box.center() if box.isValid() else QPoint(rect.left() + 10, rect.center().y())


def test_ticking_a_source_right_after_typing_a_label_counts(
    qtbot: QtBot, doc: PackDocument
) -> None:
    """Typing the label then clicking the source's tick box: the tick must stick.

    Leaving the label commits it and the form is shown again from the document;
    in the window that can land between the click's press and its release. The
    list of sources used to be rebuilt then, and the click was lost.
    """
    new = NewSectionDialog(doc, None)
    qtbot.addWidget(new)
    new.title.setText("Water at home")
    new.set_kind("statistic")
    new.accept()
    assert new.created is not None
    panel = EditorPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(420, 760)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.show_section(new.created)
    panel.tabs.setCurrentIndex(1)
    panel.block_list.set_current(0)
    form = panel.block_form()
    assert form is not None
    label = form.editor("label")
    cite = form.editor("cite")
    assert isinstance(label, LineEditor) and isinstance(cite, CiteEditor)
    label.line.setFocus()
    label.line.selectAll()
    QTest.keyClicks(label.line, "of people have safe water at home")
    at = _checkbox_point(cite, 0)
    QTest.mousePress(cite.list.viewport(), Qt.MouseButton.LeftButton, pos=at)
    label.commit()  # what leaving the field does, arriving mid-click
    panel.refresh()
    QTest.mouseRelease(cite.list.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert doc.get(new.created, ("blocks", 0, "cite")) == ["unicef2023"]
    assert doc.get(new.created, ("blocks", 0, "label")) == "of people have safe water at home"
    # and the list still follows the document: undo unticks it
    doc.undo()
    assert cite.list.item(0).checkState() == Qt.CheckState.Unchecked


def test_arrows_in_the_title_choose_the_starter(qtbot: QtBot, doc: PackDocument) -> None:
    """Title, ↓, Enter makes a statistic: the arrows in the title move the choice."""
    new = NewSectionDialog(doc, None)
    qtbot.addWidget(new)
    new.show()
    new.activateWindow()
    qtbot.waitUntil(new.isActiveWindow)
    new.title.setFocus()
    QTest.keyClicks(new.title, "Water at home")
    assert new.kind() == "text"
    QTest.keyClick(new.title, Qt.Key.Key_Down)
    assert new.kind() == "statistic"
    QTest.keyClick(new.title, Qt.Key.Key_Down)
    QTest.keyClick(new.title, Qt.Key.Key_Up)
    assert new.kind() == "statistic"
    assert new.title.text() == "Water at home"
    QTest.keyClick(new.title, Qt.Key.Key_Up)
    QTest.keyClick(new.title, Qt.Key.Key_Up)  # stays on the first
    assert new.kind() == "text"


def test_alt_text_required_goes_once_there_is_alt_text(qtbot: QtBot) -> None:
    form = PictureForm()
    qtbot.addWidget(form)
    assert not form.check()
    assert form.alt_problem.isVisibleTo(form)
    QTest.keyClicks(form.alt, "Hills and a river")
    assert not form.alt_problem.isVisibleTo(form)
    form.alt.clear()
    assert not form.alt_problem.isVisibleTo(form)  # shown again only on the next try
    assert not form.check()
    assert form.alt_problem.isVisibleTo(form)
