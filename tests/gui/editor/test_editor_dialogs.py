"""References manager, Add picture, New pack and New section, each on its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pictures_for_tests import downloaded_picture
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from infodeck.content.edit.document import PackDocument
from infodeck.gui.editor import AddPictureDialog, NewPackDialog, NewSectionDialog, ReferencesDialog
from infodeck.gui.editor.forms import LineEditor
from infodeck.gui.editor.new_pack import NewPackRequest, slug
from infodeck.gui.editor.refcheck import doi_problem, url_problem
from infodeck.gui.editor.references import suggest_key
from infodeck.gui.settings import Settings

REFS = """\
references:
  - key: smith2020
    authors: Smith A, et al.
    title: A study of things
    container: Journal of Things
    year: 2020
  - key: unused2019
    authors: Nobody N
    title: Never cited
    year: 2019
    doi: doi.org/10.1000/xyz
    url: www.example.org
"""


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    return downloaded_picture(tmp_path)


@pytest.fixture
def doc(make_pack: Callable[..., Path]) -> PackDocument:
    return PackDocument.open(make_pack(refs=REFS))


def _refs(qtbot: QtBot, doc: PackDocument) -> ReferencesDialog:
    dlg = ReferencesDialog(doc)
    qtbot.addWidget(dlg)
    return dlg


def test_doi_and_url_checks() -> None:
    assert doi_problem("10.1038/s41586-020-2649-2") == ""
    assert "without" in doi_problem("https://doi.org/10.1038/x")
    assert "10." in doi_problem("1038/x")
    assert url_problem("https://www.example.org/a") == ""
    assert "https://" in url_problem("www.example.org")
    assert "site name" in url_problem("https://example")
    assert "spaces" in url_problem("https://ex ample.org")
    assert suggest_key("Smith A, Jones B", 2020, {"smith2020"}) == "smith2020b"
    assert suggest_key("García-Márquez G", 2019, set()) == "garciamarquez2019"


def test_table_flags_unused_references_and_bad_links(qtbot: QtBot, doc: PackDocument) -> None:
    dlg = _refs(qtbot, doc)
    assert dlg.table.rowCount() == 2
    assert dlg.table.item(0, 4).text() == "1×"
    assert dlg.table.item(1, 4).text() == "not cited"
    check = dlg.table.item(1, 5).text()
    assert "doi:" in check and "url:" in check
    assert "1 not cited" in dlg.count.text()
    dlg.table.selectRow(1)
    assert "without" in dlg.form.editor("doi").problem.text()
    assert "https://" in dlg.form.editor("url").problem.text()


def test_renaming_a_key_carries_into_citations(qtbot: QtBot, doc: PackDocument) -> None:
    dlg = _refs(qtbot, doc)
    dlg.table.selectRow(0)
    key = dlg.form.editor("key")
    assert isinstance(key, LineEditor)
    key.line.setText("smith2020a")
    key.commit()
    assert doc.references()[0]["key"] == "smith2020a"
    assert doc.get("sections/intro.yaml", ("blocks", 0, "cite")) == ["smith2020a"]
    assert not [p for p in doc.validation.errors if p.where != "references[1].url"]


def test_removing_a_cited_reference_asks(qtbot: QtBot, doc: PackDocument) -> None:
    dlg = _refs(qtbot, doc)
    dlg.table.selectRow(0)
    asked: list[str] = []

    def cancel(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    dlg.ask = cancel
    dlg.remove_current()
    assert "cited 1 time" in asked[0]
    assert len(doc.references()) == 2

    def mark_uncited(box: QMessageBox) -> None:
        next(b for b in box.buttons() if "uncited" in b.text()).click()

    dlg.ask = mark_uncited
    dlg.remove_current()
    assert [r["key"] for r in doc.references()] == ["unused2019"]
    block = doc.get("sections/intro.yaml", ("blocks", 0))
    assert "cite" not in block and block["uncited"] is True
    doc.undo()
    assert len(doc.references()) == 2


def test_removing_an_unused_reference_does_not_ask(qtbot: QtBot, doc: PackDocument) -> None:
    dlg = _refs(qtbot, doc)
    dlg.table.selectRow(1)
    dlg.ask = lambda box: pytest.fail("asked")
    dlg.remove_current()
    assert [r["key"] for r in doc.references()] == ["smith2020"]


def test_a_new_reference_is_added_only_when_complete(qtbot: QtBot, doc: PackDocument) -> None:
    dlg = _refs(qtbot, doc)
    dlg.start_new()
    dlg.finish_new()
    assert len(doc.references()) == 2
    assert dlg.form.editor("authors").problem.text()
    assert dlg.form.editor("title").problem.text()
    authors = dlg.form.editor("authors")
    assert isinstance(authors, LineEditor)
    authors.line.setText("Lee K")
    authors.commit()
    title = dlg.form.editor("title")
    assert isinstance(title, LineEditor)
    title.line.setText("Another study")
    title.commit()
    url = dlg.form.editor("url")
    assert isinstance(url, LineEditor)
    url.line.setText("example.org")
    url.commit()
    dlg.finish_new()
    assert len(doc.references()) == 2  # the web address is wrong
    assert dlg.form.editor("url").problem.text()
    url.line.setText("https://example.org/study")
    url.commit()
    dlg.finish_new()
    assert doc.references()[-1]["key"].startswith("lee")
    assert doc.references()[-1]["url"] == "https://example.org/study"


def test_the_new_reference_form_fits_a_1366x768_screen(qtbot: QtBot, doc: PackDocument) -> None:
    dlg = _refs(qtbot, doc)
    # 768 px less a taskbar (40) and the dialog's margin from the screen's edge (40).
    dlg.resize(760, 688)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.start_new()
    QApplication.processEvents()
    assert dlg.form_scroll.verticalScrollBar().maximum() == 0  # nothing to scroll to
    button = dlg.confirm_new
    assert button.visibleRegion().boundingRect() == button.rect()  # wholly in view
    assert dlg.table.height() >= 120  # the table keeps a few rows


def test_enter_in_the_picture_file_field_does_not_add_the_picture(
    qtbot: QtBot, doc: PackDocument, picture: Path
) -> None:
    dlg = AddPictureDialog(doc, "sections/intro.yaml")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.form.file.setFocus()
    dlg.form.file.setText(str(picture))
    qtbot.keyClick(dlg.form.file, Qt.Key.Key_Return)
    assert dlg.isVisible() and dlg.added is None
    assert dlg.result() != AddPictureDialog.DialogCode.Accepted
    assert dlg.form.alt_problem.isHidden()  # no "alt text required" before it is asked for
    assert dlg.form.path == picture and "64×48" in dlg.form.info.text()
    assert dlg.focusWidget() is dlg.form.alt  # on to the alt text


def test_add_picture_refuses_a_bad_file_and_needs_alt_text(
    qtbot: QtBot, doc: PackDocument, tmp_path: Path, picture: Path
) -> None:
    dlg = AddPictureDialog(doc, "sections/intro.yaml")
    qtbot.addWidget(dlg)
    fake = tmp_path / "photo.png"
    fake.write_bytes(b"GIF89a" + b"\x00" * 40)
    dlg.set_file(fake)
    assert "GIF" in dlg.form.file_problem.text()
    dlg.accept()
    assert dlg.added is None
    dlg.set_file(picture)
    assert dlg.form.file_problem.isHidden()
    assert "64×48" in dlg.form.info.text()
    dlg.accept()
    assert dlg.added is None and "required" in dlg.form.alt_problem.text()
    dlg.form.alt.setText("A green square")
    dlg.accept()
    assert dlg.added == "images/leaf-photo.png"
    assert doc.get("sections/intro.yaml", ("blocks", 1, "alt")) == "A green square"
    doc.undo()
    assert not (doc.root / "images" / "leaf-photo.png").exists()


def test_new_pack_checks_before_making(qtbot: QtBot, tmp_path: Path) -> None:
    made: list[NewPackRequest] = []

    def create(req: NewPackRequest) -> Path:
        made.append(req)
        return req.folder

    dlg = NewPackDialog(create, start_dir=tmp_path, settings=_settings(tmp_path))
    qtbot.addWidget(dlg)
    dlg.accept()
    assert not made
    assert dlg.problems["title"].text() and dlg.problems["audience"].text()
    assert dlg.problems["author"].text()
    dlg.author.setText("Ms Rivera")
    (tmp_path / "plants").mkdir()
    (tmp_path / "plants" / "notes.txt").write_text("x")
    dlg.title.setText("Plants")
    dlg.audience.setText("Year 7")
    dlg.language.setEditText("not a tag")
    dlg.accept()
    assert not made
    assert "not empty" in dlg.problems["folder"].text()
    assert dlg.problems["language"].text()
    dlg.folder_name.setText("plants-2")
    dlg.language.setEditText("pt-BR")
    dlg.accept()
    assert made and made[0].folder == tmp_path / "plants-2" and made[0].language == "pt-BR"
    assert slug("Light & Life!") == "light-life"


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_new_pack_author_is_only_what_the_teacher_typed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The OS login name ("root" on a shared lab machine) must never reach a title slide.
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    monkeypatch.setenv("USER", "root")
    settings = _settings(tmp_path)
    made: list[NewPackRequest] = []

    def create(req: NewPackRequest) -> Path:
        made.append(req)
        return req.folder

    dlg = NewPackDialog(create, start_dir=tmp_path, settings=settings)
    qtbot.addWidget(dlg)
    assert dlg.author.text() == ""
    dlg.title.setText("Plants")
    dlg.audience.setText("Year 7")
    dlg.accept()
    assert not made and dlg.problems["author"].text()
    dlg.author.setText("Ms Rivera")
    dlg.accept()
    assert made and made[0].author == "Ms Rivera"
    # The next new pack offers what the teacher typed last time.
    again = NewPackDialog(create, start_dir=tmp_path, settings=settings)
    qtbot.addWidget(again)
    assert again.author.text() == "Ms Rivera"


def test_new_section_from_each_starter(qtbot: QtBot, doc: PackDocument) -> None:
    from infodeck.content.starters import SECTION_KINDS

    for kind in SECTION_KINDS:
        if kind == "picture":
            continue
        dlg = NewSectionDialog(doc, None)
        qtbot.addWidget(dlg)
        dlg.title.setText(f"About {kind}")
        dlg.set_kind(kind)
        assert dlg.picture.isHidden()
        dlg.accept()
        assert dlg.created is not None
    assert len(doc.section_files()) == len(SECTION_KINDS)
    assert "sections/about-pathway.yaml" in doc.section_files()  # named from the title
    assert not [p for p in doc.validation.errors if p.where != "references[1].url"]
    dlg = NewSectionDialog(doc, 0)
    qtbot.addWidget(dlg)
    dlg.accept()
    assert dlg.created is None and dlg.title_problem.text()
    dlg.set_kind("picture")
    assert not dlg.picture.isHidden()
    assert dlg.starters.currentItem().data(Qt.ItemDataRole.UserRole) == "picture"
