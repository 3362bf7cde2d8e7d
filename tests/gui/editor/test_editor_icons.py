"""The icon picker: search by name or meaning, previews drawn, the pack's own icons too."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from infodeck.gui.editor.icons import IconField, IconPickerDialog, IconSource, icon_pixmap
from infodeck.scene.icons import builtin_icon, builtin_names
from infodeck.scene.svg import read_svg

LEAF = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><title>A leaf</title>
<path d="M8 40 C8 16 24 8 40 8 C40 24 32 40 8 40 Z"/></svg>"""


def test_every_builtin_icon_draws(qtbot: QtBot) -> None:
    assert len(builtin_names()) > 300  # the library is offered, not only Infodeck's own
    for name in builtin_names():
        img = icon_pixmap(builtin_icon(name), 32).toImage()
        painted = sum(
            img.pixelColor(x, y).alpha() > 0 for x in range(0, 32, 2) for y in range(0, 32, 2)
        )
        assert painted > 10, name


def test_search_finds_by_name_and_title(tmp_path: Path) -> None:
    (tmp_path / "leaf.svg").write_text(LEAF, encoding="utf-8")
    src = IconSource({"leaf": read_svg(tmp_path / "leaf.svg", "leaf")})
    assert "leaf" in src.names()
    assert sorted(src.search("")) == src.names()
    assert src.search("brain")[0] == "brain"
    assert "leaf" in src.search("LEAF")
    assert "droplet" in src.search("water")  # by keyword
    assert "this pack" in src.tooltip("leaf")
    assert src.search("zzzz-nothing") == []
    assert src.title("leaf") == "A leaf"


def test_picker_filters_and_chooses(qtbot: QtBot) -> None:
    dlg = IconPickerDialog(IconSource(), "gut")
    qtbot.addWidget(dlg)
    assert dlg.current_name() == "gut"
    dlg.search_box.setText("brain")
    assert dlg.model.names[0] == "brain"
    assert dlg.current_name() == "brain"
    dlg.accept()
    assert dlg.chosen == "brain"
    dlg2 = IconPickerDialog(IconSource(), "gut")
    qtbot.addWidget(dlg2)
    dlg2.search_box.setText("qqqqq")
    assert "No icon matches" in dlg2.count.text()
    dlg2.none_button.click()
    assert dlg2.cleared and dlg2.chosen is None


def test_icon_field_emits_choice_and_removal(qtbot: QtBot) -> None:
    field = IconField(IconSource())
    qtbot.addWidget(field)
    got: list[object] = []
    field.changed.connect(got.append)
    field.ask = lambda current: (True, "shield")
    field.pick()
    field.ask = lambda current: (False, current)
    field.pick()
    field.clear_button.click()
    assert got == ["shield", None]
    field.set_value("no-such-icon")
    assert "unknown" in field.label.text()
