"""Drive the window as a teacher would: open, choose sections, switch views, fix a pack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from infodeck.content.load import load_pack
from infodeck.gui.app import make_excepthook
from infodeck.gui.jobs import SyncRunner
from infodeck.gui.settings import Settings

from conftest import BUILTIN

TITLE = """\
id: opening
title: Plants and light
summary: The opening slide.
kind: title
notes: Welcome everyone.
blocks:
  - type: text
    text: How green leaves feed the world.
    uncited: true
"""

BASICS = """\
id: basics
title: How photosynthesis works
summary: Light, water and air become sugar.
notes: Walk through the steps.
takeaway: Leaves turn light into food.
blocks:
  - type: text
    text: Plants make sugar from light, water and carbon dioxide.
    cite: [smith2020]
  - type: stat
    value: 70
    unit: "%"
    label: of the oxygen we breathe comes from the sea
    cite: [smith2020]
"""

PATHWAY = """\
id: pathway
title: From light to sugar
summary: The pathway, step by step.
notes: One step at a time.
blocks:
  - type: diagram
    kind: pathway
    title: Light to sugar
    cite: [smith2020]
    steps:
      - label: Light arrives
      - label: Water splits
        highlight: true
      - label: Sugar is made
"""

MAKER = """\
id: maker
title: The GrowBright lamp
summary: What the lamp's maker says.
kind: manufacturer
default: false
notes: This is the maker's claim.
blocks:
  - type: bullets
    uncited: true
    items:
      - Doubles growth in a week
      - Uses little power
"""

CLAIMS = """\
id: claims
title: Popular claims
summary: Things people say without sources.
notes: Be careful with these.
blocks:
  - type: text
    text: Talking to plants makes them grow faster.
    uncited: true
"""

RICH = {
    "opening.yaml": TITLE,
    "basics.yaml": BASICS,
    "pathway.yaml": PATHWAY,
    "maker.yaml": MAKER,
    "claims.yaml": CLAIMS,
}


class Recorder:
    """Collects what the window hands to the system (errors, opened files)."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.opened: list[Path] = []


WAIT = 60_000


@pytest.fixture
def rich_pack(make_pack) -> Path:
    """A small pack with a title, stats, a diagram, a manufacturer and an uncited section."""
    return make_pack(sections=dict(RICH), name="rich")


@pytest.fixture
def settings(tmp_path: Path):
    """A settings file in the test's folder, so tests never touch the user's settings."""
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


pytestmark = pytest.mark.usefixtures("private_log")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def make_window(qtbot, settings, recorder):
    """Build a MainWindow on the test settings, recording errors and opened files."""
    from infodeck.gui.main_window import MainWindow

    def make(runner=None, qsettings=None) -> MainWindow:
        w = MainWindow(
            qsettings if qsettings is not None else settings,
            runner,
            error_reporter=recorder.errors.append,
            opener=recorder.opened.append,
        )
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        return w

    return make


@pytest.fixture
def open_window(qtbot, make_window):
    """A window with ``path`` open and its first preview drawn."""

    def open_(path: Path, **kw):
        w = make_window(**kw)
        with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
            w.open_pack(path)
        return w

    return open_


def section_order(w) -> list[str]:
    """The sections of the previewed pages, in order, without repeats or references."""
    ids = [p.section_id for p in w.preview_result.pages if p.section_id not in ("", "references")]
    return list(dict.fromkeys(ids))


def toggle(qtbot, w, section_id: str, checked: bool):
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.sections.set_checked(section_id, checked)
    return blocker.args[0]


# ------------------------------------------------------------------ built-in pack
@pytest.fixture(scope="module")
def builtin_pack():
    if not (BUILTIN / "pack.yaml").is_file():
        pytest.skip("the built-in pack is not in this checkout")
    r = load_pack(BUILTIN)
    assert r.pack is not None, r.problems
    return r.pack


def test_opens_on_the_builtin_pack(qtbot, make_window, builtin_pack):
    w = make_window()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.open_initial()
    result = blocker.args[0]
    assert w.windowTitle() == f"Infodeck — {builtin_pack.meta.title}"
    assert w.sections.order() == [s.id for s in builtin_pack.sections]
    assert w.sections.chosen_ids() == builtin_pack.default_section_ids()
    assert len(result.pages) >= len(builtin_pack.default_section_ids())
    assert w.preview.canvas.page is result.pages[0]
    assert not w.body.stale_banner.isVisible()
    # Manufacturer content and uncited claims are labelled in the list.
    labels = {i.id: i.labels() for i in w.sections.infos()}
    manu = next(s.id for s in builtin_pack.sections if s.kind == "manufacturer")
    assert "Manufacturer content" in labels[manu]
    assert any("Uncited claims" in v for v in labels.values())


def test_a_toggle_on_the_builtin_pack_draws_nothing_new(qtbot, open_window, builtin_pack):
    """A toggle recomposes from cache and draws nothing new, so the preview is back at once.

    How fast is measured by ``benchmarks/bench.py`` ("window preview, toggle": the same
    toggles through the sections panel until ``preview_ready``, against its target),
    never with a clock here: a shared, busy machine makes any timed assert flaky.
    """
    w = open_window(BUILTIN)
    ids = [s.id for s in builtin_pack.sections][1:6]
    for sid in ids:
        for state in (False, True):
            before = w.driver.pipeline.draw_count
            result = toggle(qtbot, w, sid, state)
            # Every page was drawn before, except the references slide, which lists
            # only what the chosen sections cite: unticking a section may change it.
            assert result.drawn == 0 if state else result.drawn <= 1
            assert w.driver.pipeline.draw_count - before == result.drawn
            assert (sid in section_order(w)) == state


def test_export_the_full_builtin_pack_can_be_cancelled(qtbot, open_window, tmp_path):
    w = open_window(BUILTIN)
    w.sections.select_all()
    qtbot.waitSignal(w.preview_ready, timeout=WAIT).wait()
    dlg = w.show_export()
    dlg.out_dir_edit.setText(str(tmp_path / "out"))
    for box in dlg.format_boxes.values():
        box.setChecked(True)
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as blocker:
        dlg.start()
        assert dlg.running()
        assert dlg.cancel_button.text() == "Cancel"
        dlg.cancel_button.click()
    assert blocker.args == [None]
    assert "Nothing was written" in dlg.status_label.text()
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]
    assert not dlg.running()


# ------------------------------------------------------------------ a small pack
def test_uncheck_reorder_and_recheck(qtbot, open_window, rich_pack):
    w = open_window(rich_pack)
    assert w.windowTitle() == "Infodeck — Test pack"
    assert w.sections.order() == ["opening", "basics", "pathway", "maker", "claims"]
    assert w.sections.chosen_ids() == ["opening", "basics", "pathway", "claims"]
    assert section_order(w) == ["opening", "basics", "pathway", "claims"]
    first_draws = w.driver.pipeline.draw_count

    result = toggle(qtbot, w, "basics", False)
    assert section_order(w) == ["opening", "pathway", "claims"]
    assert result.drawn == 0 and w.driver.pipeline.draw_count == first_draws

    result = toggle(qtbot, w, "maker", True)
    assert "maker" in section_order(w)
    assert result.drawn == 1  # only the new section's slide is drawn

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.move_section("claims", 0)
    assert w.sections.order()[0] == "claims"
    assert section_order(w) == ["claims", "opening", "pathway", "maker"]
    assert w.preview_result.drawn == 0

    # A drag in the list moves rows through the model, like this.
    model = w.sections.list.model()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        model.moveRow(QModelIndex(), 1, QModelIndex(), 0)
    assert section_order(w)[:2] == ["opening", "claims"]

    # Keyboard: select a row, Alt+Down moves it (the buttons do the same).
    w.sections.list.setCurrentRow(0)
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.down_button.click()
    assert w.sections.order()[:2] == ["claims", "opening"]

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.none_button.click()
    assert w.preview_result is None
    assert not w.acts.export.isEnabled()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.all_button.click()
    assert len(w.sections.chosen_ids()) == 5
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.defaults_button.click()
    assert w.sections.order() == ["opening", "basics", "pathway", "maker", "claims"]
    assert w.sections.chosen_ids() == ["opening", "basics", "pathway", "claims"]


def test_labels_for_manufacturer_and_uncited_sections(open_window, rich_pack):
    w = open_window(rich_pack)
    infos = {i.id: i for i in w.sections.infos()}
    assert infos["maker"].labels() == ["Manufacturer content", "Uncited claims"]
    assert infos["claims"].labels() == ["Uncited claims"]
    assert infos["basics"].labels() == []
    item = w.sections.item("maker")
    assert "Manufacturer content" in item.toolTip()


def test_layout_theme_and_mode(qtbot, open_window, rich_pack):
    w = open_window(rich_pack)
    assert w.preview_result.pages[0].width_pt == 960

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.set_layout("deck-4x3")
    assert blocker.args[0].pages[0].width_pt == 720
    assert blocker.args[0].drawn > 0

    assert w.look.contrast_ok
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.set_theme("high-contrast")
    assert blocker.args[0].spec.theme == "high-contrast"
    assert w.look.contrast_chip.text().startswith("✓")
    assert w.look.contrast_min >= 4.5

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.acts.modes["infographic"].trigger()
    assert w.mode == "infographic"
    assert {p.kind for p in blocker.args[0].pages} == {"infographic"}
    assert w.look.layout_combo.currentData() == "a4-portrait"

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.sections.set_checked("pathway", False)
    assert blocker.args[0].drawn == 1  # the infographic page is composed again

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.set_mode("deck")
    assert w.look.layout_combo.currentData() == "deck-4x3"  # remembered per mode
    assert blocker.args[0].drawn == 0  # the slides were drawn before


def test_zoom(qtbot, open_window, rich_pack):
    w = open_window(rich_pack)
    w.preview.set_zoom(2.0)
    assert w.preview.zoom == 2.0
    assert w.preview.canvas.width() > w.preview.page_scroll.viewport().width()
    w.preview.step_zoom(-1)
    assert w.preview.zoom == 1.5
    w.acts.zoom_fit.trigger()
    assert w.preview.zoom is None
    w.preview.show_page(1)
    assert w.preview.canvas.page is w.preview_result.pages[1]


def test_export_writes_files_and_refuses_to_overwrite(
    qtbot, open_window, rich_pack, tmp_path, recorder
):
    w = open_window(rich_pack)
    out = tmp_path / "exported"
    dlg = w.show_export()
    assert dlg.isVisible()
    dlg.out_dir_edit.setText(str(out))
    for name, box in dlg.format_boxes.items():
        box.setChecked(name in ("pptx", "png", "svg"))
    dlg.overwrite_box.setChecked(False)
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as blocker:
        dlg.export_button.click()
    result = blocker.args[0]
    assert not isinstance(result, BaseException), dlg.error_text
    assert (out / "test-pack.pptx").is_file()
    assert (out / "test-pack.png").is_file()
    assert (out / "diagrams" / "pathway-1.svg").is_file()
    assert not list(out.rglob(".*.tmp"))
    assert "written" in dlg.status_label.text()
    assert dlg.open_deck_button.isVisible() and dlg.open_folder_button.isVisible()
    dlg.open_deck_button.click()
    dlg.open_folder_button.click()
    assert recorder.opened == [out / "test-pack.pptx", out]
    before = (out / "test-pack.pptx").stat().st_mtime_ns

    # The folder is remembered for next time.
    assert Settings(w.settings.q).out_dir == str(out)

    # Again without "replace": a plain message, nothing touched.
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as blocker:
        dlg.export_button.click()
    assert isinstance(blocker.args[0], Exception)
    assert "Replace existing files" in dlg.error_text
    assert "--force" not in dlg.error_text
    assert (out / "test-pack.pptx").stat().st_mtime_ns == before

    dlg.overwrite_box.setChecked(True)
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as blocker:
        dlg.export_button.click()
    assert not isinstance(blocker.args[0], BaseException), dlg.error_text
    dlg.cancel_button.click()
    assert not dlg.isVisible()

    # Replacing is chosen for each export, never remembered.
    again = w.show_export()
    assert again is not dlg
    assert not again.overwrite_box.isChecked()
    assert again.out_dir_edit.text() == str(out)
    again.close()


def test_every_format_box_reads_whole_in_the_export_dialog(qtbot, open_window):
    """A box's words are never cut at the dialog's edge (a teacher reads what it makes)."""
    w = open_window(BUILTIN)
    dlg = w.show_export()
    qtbot.waitExposed(dlg)
    for name, box in dlg.format_boxes.items():
        assert box.sizeHint().width() <= box.width(), (
            f"'{name}': '{box.text()}' needs {box.sizeHint().width()} px, has {box.width()}")
    dlg.close()


def test_export_handout_frames(qtbot, open_window, rich_pack, tmp_path):
    """The "Diagrams step by step" box writes one numbered PNG per click of each reveal."""
    w = open_window(rich_pack)
    out = tmp_path / "handouts"
    dlg = w.show_export()
    dlg.out_dir_edit.setText(str(out))
    for name, box in dlg.format_boxes.items():
        box.setChecked(name == "frames")
    assert "step by step" in dlg.format_boxes["frames"].text()
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as blocker:
        dlg.export_button.click()
    assert not isinstance(blocker.args[0], BaseException), dlg.error_text
    frames = sorted(p.name for p in (out / "diagrams" / "frames").iterdir())
    assert frames and all(f.startswith("pathway-1-step-") for f in frames)
    assert frames[0].endswith("-1.png") and len(frames) >= 2
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == frames


def test_export_classroom_materials(qtbot, open_window, rich_pack, tmp_path):
    """The handout, worksheet and answer key boxes write the printable materials."""
    w = open_window(rich_pack)
    out = tmp_path / "class"
    dlg = w.show_export()
    dlg.out_dir_edit.setText(str(out))
    for name, box in dlg.format_boxes.items():
        box.setChecked(name in ("handout", "worksheet", "answers"))
    assert "Worksheet" in dlg.format_boxes["worksheet"].text()
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as blocker:
        dlg.export_button.click()
    assert not isinstance(blocker.args[0], BaseException), dlg.error_text
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == [
        "test-pack-answers.pdf", "test-pack-handout.pdf", "test-pack-worksheet.docx",
        "test-pack-worksheet.pdf"]


def test_export_to_a_file_path_fails_plainly(qtbot, open_window, rich_pack, tmp_path):
    w = open_window(rich_pack)
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    dlg = w.show_export()
    dlg.out_dir_edit.setText(str(blocker_file))
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT):
        dlg.start()
    assert "is a file, not a folder" in dlg.error_text
    assert "Nothing was written" in dlg.error_text
    assert not dlg.open_folder_button.isVisible()


def test_export_needs_a_format(open_window, rich_pack):
    w = open_window(rich_pack)
    dlg = w.show_export()
    for box in dlg.format_boxes.values():
        box.setChecked(False)
    assert not dlg.export_button.isEnabled()
    assert "at least one" in dlg.status_label.text()


# ------------------------------------------------------------------ broken packs
BAD_YAML = """\
id: broken
title: Broken
summary: [this list is never closed
notes: n
"""


def _open_broken(qtbot, make_window, make_pack, sections: dict[str, str], name: str):
    """A window that has opened a pack with a broken section: listed, marked, left out."""
    root = make_pack(sections=sections, name=name)
    w = make_window()
    with qtbot.waitSignals([w.pack_loaded, w.preview_ready], timeout=WAIT):
        w.open_pack(root)
    assert w.workspace is not None and w.workspace.root == root
    return w, root


def test_broken_pack_lists_problems_with_line_and_column(qtbot, make_window, make_pack, recorder):
    w, root = _open_broken(qtbot, make_window, make_pack, {"bad.yaml": BAD_YAML}, "broken")
    assert w.windowTitle() == "Infodeck — Test pack"
    rows = w.problems.row_texts()
    assert rows, "no problems listed"
    where, _message = rows[0]
    assert "bad.yaml:" in where
    _file, line, col = where.rsplit(":", 2)
    assert int(line) >= 3 and int(col) >= 1
    assert w.preview.canvas.page is None and "errors" in w.preview.canvas.message
    assert not w.acts.export.isEnabled()
    assert "error" in w.problems.summary.text()
    # The broken section is in the list, marked, with its problem.
    (info,) = w.sections.infos()  # its YAML cannot be read: named by its file
    assert info.broken and info.id == info.title == "sections/bad.yaml"
    assert any("error" in label for label in info.labels())
    assert "bad.yaml:3" in w.sections.item("sections/bad.yaml").toolTip()

    # Double-clicking the problem opens its file.
    tree = w.problems.tree
    rect = tree.visualItemRect(tree.topLevelItem(0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert recorder.opened == [root / "sections" / "bad.yaml"]


def test_a_partial_pack_shows_previews_and_exports_its_good_sections(
    qtbot, make_window, make_pack, tmp_path
):
    sections = dict(RICH)
    sections["bad.yaml"] = BAD_YAML.replace("summary: [this list is never closed", "summary: 5")
    sections["bad.yaml"] += "blocks:\n  - type: stat\n    label: no value\n    uncited: true\n"
    root = make_pack(sections=sections, name="partial")
    w = make_window()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.open_pack(root)
    result = blocker.args[0]
    assert result is not None
    shown = {p.section_id for p in result.pages}
    assert {"opening", "basics", "pathway", "claims"} <= shown and "broken" not in shown
    assert w.sections.order()[-1] == "broken"
    assert w.sections.infos()[-1].broken
    assert w.acts.export.isEnabled()
    dlg = w.show_export()
    assert "Broken" in dlg.summary_label.text()  # says what is left out
    dlg.out_dir_edit.setText(str(tmp_path / "out"))
    for name, box in dlg.format_boxes.items():
        box.setChecked(name == "pptx")
    with qtbot.waitSignal(dlg.export_finished, timeout=WAIT) as done:
        dlg.export_button.click()
    assert not isinstance(done.args[0], BaseException), dlg.error_text
    assert (tmp_path / "out" / "test-pack.pptx").is_file()
    dlg.close()


def test_an_unreadable_pack_yaml_stops_the_pack_with_a_way_out(
    qtbot, make_window, make_pack, rich_pack
):
    root = make_pack(name="unreadable")
    (root / "pack.yaml").write_text("id: [oops\ntitle: x\n", encoding="utf-8")
    w = make_window()
    with qtbot.waitSignal(w.pack_loaded, timeout=WAIT) as blocker:
        w.open_pack(root)
    assert blocker.args[0].pack is None
    assert w.body.stack.currentWidget() is w.body.page
    assert "cannot be opened" in w.body.page.heading.text()
    buttons = {b.text() for b in w.body.page.findChildren(QAbstractButton)}
    assert {"Open another pack…", "Open the built-in pack", "New pack…"} <= buttons
    assert any("pack.yaml:" in where for where, _ in w.problems.row_texts())
    assert not w.acts.export.isEnabled()
    w.ask_pack_folder = lambda: str(rich_pack)
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.body.page.open_button.click()
    assert w.body.stack.currentWidget() is w.preview
    assert w.pack_root == rich_pack


ICON_SECTION = """\
id: intro
title: Introduction
summary: What this is about.
notes: Say hello.
blocks:
  - type: stat
    value: 5
    label: Things
    icon: brian
    uncited: true
"""


def test_unknown_icon_is_listed_with_its_position(qtbot, make_window, make_pack, recorder):
    w, _ = _open_broken(qtbot, make_window, make_pack, {"intro.yaml": ICON_SECTION}, "icons")
    where, message = w.problems.row_texts()[0]  # then a warning: smith2020 is not cited
    assert where.endswith("intro.yaml:9:11")
    assert "unknown icon 'brian'; did you mean 'brain'?" in message


def test_missing_folder_is_a_page_not_a_crash(qtbot, make_window, tmp_path, recorder):
    w = make_window()
    with qtbot.waitSignal(w.pack_loaded, timeout=WAIT) as blocker:
        w.open_pack(tmp_path / "nowhere")
    assert blocker.args[0] is None
    assert w.body.stack.currentWidget() is w.body.page
    assert "no such folder" in w.body.page.text.text()
    assert recorder.errors == []


# ------------------------------------------------------------------ watching files
def _title_of(w, sid: str) -> str:
    return w.sections.item(sid).text()


def test_edits_on_disk_reload_the_pack(qtbot, open_window, rich_pack):
    w = open_window(rich_pack)
    w.sections.set_checked("maker", True)
    qtbot.waitSignal(w.preview_ready, timeout=WAIT).wait()
    f = rich_pack / "sections" / "basics.yaml"
    text = f.read_text(encoding="utf-8")

    # 1. An editor that writes in place.
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        f.write_text(text.replace("How photosynthesis works", "Photosynthesis"), encoding="utf-8")
    assert _title_of(w, "basics") == "Photosynthesis"
    assert blocker.args[0].drawn == 1  # only the edited section is drawn again
    assert "maker" in w.sections.chosen_ids()  # the teacher's choice survives a reload

    # 2. An editor that saves by rename (write a temporary file, then replace).
    tmp = f.with_name(".basics.yaml.swp")
    tmp.write_text(text.replace("How photosynthesis works", "Light into sugar"), encoding="utf-8")
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        os.replace(tmp, f)
    assert _title_of(w, "basics") == "Light into sugar"
    assert str(f) in w.watcher.watched()

    # 3. A broken save: that section is marked and left out, the others stay.
    tmp.write_text(text.replace("summary: Light", "summary: [Light"), encoding="utf-8")
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        os.replace(tmp, f)
    assert "basics" not in {p.section_id for p in blocker.args[0].pages}
    assert "pathway" in {p.section_id for p in blocker.args[0].pages}
    assert next(i for i in w.sections.infos() if i.id == "sections/basics.yaml").broken
    assert any("basics.yaml:" in where for where, _ in w.problems.row_texts())
    assert w.windowTitle() == "Infodeck — Test pack"

    # 4. Fixed again: the section is back, the problems clear.
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        f.write_text(text, encoding="utf-8")
    assert "basics" in {p.section_id for p in blocker.args[0].pages}
    assert w.problems.count() == 0
    assert _title_of(w, "basics") == "How photosynthesis works"


def test_reload_shortcut_action(qtbot, open_window, rich_pack):
    w = open_window(rich_pack)
    assert {s.toString() for s in w.acts.reload.shortcuts()} == {"F5", "Ctrl+R"}
    w.watcher.clear()  # F5 alone reads the change
    f = rich_pack / "sections" / "basics.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("How photosynthesis", "How it"), "utf-8")
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.acts.reload.trigger()
    assert _title_of(w, "basics") == "How it works"


# ------------------------------------------------------------------ settings
def test_settings_round_trip(qtbot, make_window, rich_pack, settings):
    w = make_window()
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.open_pack(rich_pack)
    w.sections.set_checked("basics", False)
    w.sections.set_checked("maker", True)
    w.sections.move_section("claims", 0)
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.set_theme("grayscale")
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.set_mode("infographic")
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.set_layout("letter-portrait")
    w.resize(1100, 700)
    order, chosen = w.sections.order(), w.sections.chosen_ids()
    w.close()

    settings.sync()
    w2 = make_window()
    with qtbot.waitSignal(w2.preview_ready, timeout=WAIT):
        w2.open_initial()  # the last pack
    assert w2.pack_root == rich_pack
    assert w2.sections.order() == order
    assert w2.sections.chosen_ids() == chosen
    assert w2.theme_name == "grayscale" and w2.look.theme_combo.currentData() == "grayscale"
    assert w2.mode == "infographic" and w2.look.layout_combo.currentData() == "letter-portrait"
    assert w2.acts.modes["infographic"].isChecked()
    assert w2.settings.recent_packs() == [str(rich_pack)]
    assert w2.acts.recent_menu.actions()[0].text() == str(rich_pack)


def test_settings_typed_reads(settings):
    s = Settings(settings)
    settings.setValue("some/flag", "true")
    assert s.get_bool("some/flag") is True
    settings.setValue("some/flag", "false")
    assert s.get_bool("some/flag") is False
    settings.setValue("some/flag", 1)
    assert s.get_bool("some/flag") is True
    settings.setValue("view/mode", "nonsense")
    assert s.mode == "deck"
    settings.setValue("pack/recent", "/one/pack")  # what a one-item list can come back as
    assert s.recent_packs() == ["/one/pack"]
    settings.setValue("sections/x", "{not json")
    assert s.section_choice("x") is None
    assert s.export_formats(("pptx",)) == ["pptx"]
    s.set_export_formats([])
    assert s.export_formats(("pptx",)) == []
    for i in range(12):
        s.add_recent(f"/p{i}")
    assert len(s.recent_packs()) == 8 and s.recent_packs()[0] == "/p11"
    settings.sync()
    s2 = Settings(type(settings)(settings.fileName(), settings.format()))
    assert s2.recent_packs()[0] == "/p11"


# ------------------------------------------------------------------ the window itself
def _inside_combo(widget: QWidget) -> bool:
    p = widget.parentWidget()
    while p is not None:
        if isinstance(p, QComboBox):
            return True
        p = p.parentWidget()
    return False


def test_every_control_has_an_accessible_name(open_window, rich_pack):
    w = open_window(rich_pack)
    dlg = w.show_export()
    about = w.acts.show_about()
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QProgressBar)
    missing = []
    editor = set(w.editor.findChildren(QWidget))  # the Edit panel's own tests check its names
    for root in (w, dlg, about):
        for child in root.findChildren(QWidget):
            if not isinstance(child, kinds) or child.objectName().startswith("qt_"):
                continue
            if child in editor:
                continue
            if _inside_combo(child):  # the combo's own popup list
                continue
            if not child.accessibleName():
                missing.append(
                    f"{type(child).__name__} {child.objectName()!r} {getattr(child, 'text', lambda: '')()!r}"
                )
    assert missing == []
    about.close()
    dlg.close()


def test_shortcuts(make_window):
    w = make_window()
    keys = {
        w.acts.open: "Ctrl+O",
        w.acts.export: "Ctrl+E",
        w.acts.reload: "F5",
        w.acts.quit: "Ctrl+Q",
    }
    for action, key in keys.items():
        assert key in [s.toString() for s in action.shortcuts()], action.text()


def test_about_shows_version_and_font_licence(make_window):
    from infodeck import __version__

    w = make_window()
    about = w.acts.show_about()
    assert __version__ in about.title.text()
    licences = about.licence.toPlainText()
    assert "Open Font License" in licences
    for name in ("Noto-LICENSE.txt", "DroidSansFallback-LICENSE.txt", "Symbola-LICENSE.txt"):
        assert name in licences  # every bundled font's licence
    assert "Apache License" in licences
    about.close()


def test_excepthook_shows_a_dialog_and_the_app_keeps_running(
    qtbot, open_window, rich_pack, tmp_path
):
    w = open_window(rich_pack)
    hook = make_excepthook(lambda: w)
    try:
        raise ValueError("a slot went wrong")
    except ValueError as e:
        hook(type(e), e, e.__traceback__)
    boxes = [b for b in w.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert "a slot went wrong" in box.informativeText()
    log = tmp_path / "state" / "infodeck" / "log" / "infodeck.log"
    assert str(log) in box.informativeText()
    assert "ValueError: a slot went wrong" in log.read_text(encoding="utf-8")
    box.close()
    # Still working.
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.set_checked("basics", False)


def test_drop_a_pack_folder_opens_it(qtbot, open_window, rich_pack, make_pack):
    other = make_pack(name="other")
    w = open_window(rich_pack)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert w._dropped_pack(event) == other
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.dropEvent(event)
    assert w.pack_root == other
    mime2 = QMimeData()
    mime2.setUrls([QUrl.fromLocalFile(str(other / "sections"))])
    assert (
        w._dropped_pack(
            QDropEvent(
                QPointF(1, 1),
                Qt.DropAction.CopyAction,
                mime2,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
        )
        is None
    )


def test_open_dialog_is_injectable(qtbot, make_window, rich_pack):
    w = make_window()
    w.ask_pack_folder = lambda: str(rich_pack / "pack.yaml")
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.acts.open.trigger()
    assert w.pack_root == rich_pack


def test_synchronous_runner_drives_the_same_window(qtbot, make_window, rich_pack):
    w = make_window(runner=SyncRunner())
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.open_pack(rich_pack)
    assert w.pack is not None  # loaded before open_pack returned
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.sections.set_checked("opening", False)
    assert section_order(w)[0] == "basics"


def test_closing_while_drawing_delivers_nothing_afterwards(qtbot, make_window, rich_pack):
    w = make_window()
    seen = []
    w.preview_ready.connect(seen.append)
    with qtbot.waitSignal(w.pack_loaded, timeout=WAIT):
        w.open_pack(rich_pack)
    w.set_theme("grayscale")  # a new preview is queued
    w.close()  # waits for the worker; its result is dropped
    qtbot.wait(50)
    assert seen == []


# ------------------------------------------------------------------ fitting a small screen
def test_default_size_fits_the_screen(qtbot, settings):
    from infodeck.gui.main_window import MainWindow

    w = MainWindow(settings, error_reporter=lambda e: None)
    qtbot.addWidget(w)
    avail = w.screen().availableGeometry()
    assert w.width() <= min(1280, avail.width()) and w.height() <= min(820, avail.height())


@pytest.mark.parametrize("size", [(1366, 768), (1280, 820), (1100, 700)])
def test_export_never_leaves_the_toolbar(qtbot, open_window, rich_pack, size):
    w = open_window(rich_pack)
    w.resize(*size)
    qtbot.waitUntil(lambda: w.width() == size[0])
    button = w.export_toolbar.widgetForAction(w.acts.export)
    assert button is not None and button.isVisible()
    right = button.mapTo(w, button.rect().topRight()).x()
    assert 0 < right <= w.width()
    # What does not fit folds into the main toolbar's » menu, whole: every picker shows
    # its longest entry.
    for combo in (w.look.layout_combo, w.look.theme_combo):
        longest = max(
            combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())
        )
        assert combo.minimumWidth() > longest
        assert combo.view().minimumWidth() > longest


def test_problems_name_files_from_the_pack_folder(qtbot, make_window, make_pack):
    w, root = _open_broken(qtbot, make_window, make_pack, {"bad.yaml": BAD_YAML}, "a" * 80)
    tree = w.problems.tree
    item = tree.topLevelItem(0)
    assert item.text(1).startswith("sections/bad.yaml:")
    assert item.toolTip(1).startswith(str(root / "sections" / "bad.yaml"))
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle  # file and line stay visible
    assert tree.columnWidth(1) <= max(160, tree.viewport().width() * 0.4) + 1


def test_a_folder_that_is_not_a_pack_keeps_the_open_pack(qtbot, open_window, rich_pack, tmp_path):
    w = open_window(rich_pack)
    plain = tmp_path / "holiday-photos"
    plain.mkdir()
    w.ask_pack_folder = lambda: str(plain)
    w.acts.open.trigger()
    assert w.pack_root == rich_pack and w.pack is not None
    assert w.sections.order()[0] == "opening"
    assert w.body.notice_banner.isVisible()
    text = w.body.notice_banner.text()
    assert "holiday-photos" in text and "no pack.yaml" in text and "stays open" in text
    # The next pack that opens clears the notice.
    with qtbot.waitSignal(w.pack_loaded, timeout=WAIT):
        w.open_pack(rich_pack)
    assert not w.body.notice_banner.isVisible()


def test_contrast_tooltip_names_what_teachers_see(open_window, rich_pack):
    from infodeck.compose.layouts import themes

    w = open_window(rich_pack)
    for name, theme in themes().items():
        w.set_theme(name)
        tip = w.look.contrast_chip.toolTip()
        assert theme.title in tip
        for role in ("on_card", "on_accent", "on_band", "background", "muted"):
            assert role not in tip, (name, role)


def test_the_guide_lists_the_windows_own_shortcuts(make_window):
    w = make_window()
    guide = w.acts.show_guide()
    text = guide.browser.toPlainText()
    for title in ("Pick, preview, export", "Edit", "Import", "Keys"):
        assert title in text
    for action in (w.acts.open, w.acts.export, w.acts.reload, w.acts.guide):
        for key in action.shortcuts():
            assert key.toString() in text
    assert w.acts.show_guide() is guide  # one guide at a time
    guide.close()


def test_the_window_shows_when_a_section_continues_on_more_slides(qtbot, open_window, make_pack):
    long = "A sentence that goes on and on about leaves and light and water. " * 60
    root = make_pack(
        {
            "long.yaml": "id: long\ntitle: A long one\nsummary: Long.\nnotes: N.\n"
            f"blocks:\n  - type: text\n    text: {long}\n    cite: [smith2020]\n"
        },
        name="long",
    )
    w = open_window(root)
    notices = [m for where, m in w.problems.row_texts() if not where]
    assert any("continues on" in m for m in notices), w.problems.row_texts()
    assert "notice" in w.problems.summary.text()


def test_fit_on_one_page_names_what_did_not_fit_and_more_pages_take_it(
    qtbot, open_window, make_pack
):
    long = "A takeaway a teacher wrote, long enough to need two or three lines. " * 2
    root = make_pack(
        {f"p{n:02d}.yaml": f"id: p{n:02d}\ntitle: Part {n}\nsummary: Part {n}.\n"
         f"takeaway: {long}\nnotes: N.\n" for n in range(1, 31)},
        name="many",
    )
    w = open_window(root)
    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        w.set_mode("infographic")
    spin = w.look.pages_spin
    assert spin.value() == 1 and spin.text() == "Fit on one page" and spin.isEnabled()
    assert len(blocker.args[0].pages) == 1
    notices = [m for where, m in w.problems.row_texts() if not where]
    assert any("no room on one page for " in m and "'Part 30'" in m for m in notices), notices

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT) as blocker:
        spin.setValue(4)
    assert w.workspace.infographic_pages == 4 and w.settings.infographic_pages == 4
    assert 1 < len(blocker.args[0].pages) <= 4
    notices = [m for where, m in w.problems.row_texts() if not where]
    assert not any("no room" in m for m in notices), notices

    with qtbot.waitSignal(w.preview_ready, timeout=WAIT):
        w.set_mode("deck")
    assert not spin.isEnabled()  # slides have no pages to fit
