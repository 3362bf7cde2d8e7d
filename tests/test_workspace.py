"""The workspace: the state of an open pack, driven without Qt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from infodeck.compose.layouts import UnknownName
from infodeck.content.starters import section_starter
from infodeck.errors import UsageError
from infodeck.export.plan import ExportRequest, plan
from infodeck.workspace import ExportChoice, Workspace, WorkspaceChange

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = ROOT / "content" / "gut-health-migraines"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "pack"
    shutil.copytree(BUILTIN, root)
    return Workspace.open(root)


def test_opens_with_the_pack_order_and_defaults(ws: Workspace) -> None:
    pack = ws.pack
    assert pack is not None, [str(p) for p in ws.problems]
    assert [e.id for e in ws.sections()] == [s.id for s in pack.sections]
    assert ws.chosen_ids() == pack.default_section_ids()
    assert ws.current == ws.document.section_files()[0]
    assert not ws.dirty and ws.problems == []
    assert ws.title == "Gut Health and Migraines"


def test_choosing_and_ordering(ws: Workspace) -> None:
    seen: list[WorkspaceChange] = []
    ws.subscribe(seen.append)
    ws.choose("none")
    assert ws.chosen_ids() == []
    ws.set_chosen("diet-statistics", True)
    ws.set_chosen("title", True)
    ws.move("diet-statistics", 0)
    assert ws.chosen_ids() == ["diet-statistics", "title"]
    order, chosen = ws.choice_ids()
    assert order[0] == "diet-statistics" and chosen == ["diet-statistics", "title"]
    assert all(c.what == {"sections"} for c in seen) and len(seen) == 4
    fresh = Workspace(ws.document, order=order, chosen=chosen)
    assert fresh.chosen_ids() == ["diet-statistics", "title"]


def test_sections_follow_the_document(ws: Workspace) -> None:
    seen: list[WorkspaceChange] = []
    ws.subscribe(seen.append)
    rel = ws.document.add_section(section_starter("pathway"), 1)
    assert {"content", "problems", "sections"} <= seen[-1].what
    entries = ws.sections()
    assert entries[1].file == rel and entries[1].chosen and not entries[1].broken
    assert ws.chosen_ids()[1] == entries[1].id
    ws.document.set_value(rel, ("blocks", 0, "steps"), [{"label": "Only one"}])
    broken = next(e for e in ws.sections() if e.file == rel)
    assert broken.broken and broken.problems and broken.chosen
    assert broken.id not in ws.chosen_ids()  # left out of preview and export
    assert ws.compose() is not None
    ws.undo()
    ws.undo()
    assert rel not in [e.file for e in ws.sections()]
    assert not ws.dirty


def test_the_section_being_edited(ws: Workspace) -> None:
    ws.select("diet-statistics")
    assert ws.current == "sections/diet-statistics.yaml"
    ws.document.delete_section("sections/diet-statistics.yaml")
    assert ws.current == ws.sections()[0].file


def test_look_and_mode(ws: Workspace) -> None:
    ws.set_theme("high-contrast")
    ws.set_mode("infographic")
    assert ws.layout == "a4-portrait"
    with pytest.raises(UnknownName):
        ws.set_theme("no-such-theme")
    with pytest.raises(UnknownName):
        ws.set_deck_layout("a4-portrait")  # an infographic layout is not a deck layout
    with pytest.raises(ValueError):
        ws.set_mode("poster")  # type: ignore[arg-type]


def test_replace_existing_files_is_never_remembered(ws: Workspace, tmp_path: Path) -> None:
    assert "force" not in ExportChoice.__dataclass_fields__
    ws.set_export(formats=["pptx"], folder=tmp_path / "out")
    req = ws.export_request(force=True)
    assert req.force and req.formats == ("pptx",)
    assert not ws.export_request().force
    with pytest.raises(ValueError, match="unknown format"):
        ws.set_export(formats=["docx"])


def test_the_preview_is_what_the_export_composes(ws: Workspace, tmp_path: Path) -> None:
    ws.set_export(formats=["pptx", "png"], folder=tmp_path / "out")
    notices: list[str] = []
    plan(ws.export_request(), notices)
    deck = ws.compose("slides")
    info = ws.compose("infographic")
    assert deck is not None and info is not None
    assert list(deck.notices) + list(info.notices) == notices
    assert isinstance(ws.export_request(), ExportRequest)


def test_a_pack_with_a_broken_pack_yaml_opens_with_its_problems(tmp_path: Path) -> None:
    root = tmp_path / "broken"
    shutil.copytree(BUILTIN, root)
    (root / "pack.yaml").write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    ws = Workspace.open(root)
    assert ws.pack is None and ws.sections() == [] and ws.chosen_ids() == []
    assert ws.problems and ws.problems[0].file.endswith("pack.yaml")
    assert ws.compose() is None
    assert ws.title == "broken"


def test_a_folder_that_is_not_a_pack_is_refused(tmp_path: Path) -> None:
    from infodeck.content.edit.document import NotAPack
    from infodeck.errors import UserError

    with pytest.raises(NotAPack, match=r"no pack\.yaml here") as e:
        Workspace.open(tmp_path)
    assert isinstance(e.value, UserError)


def test_the_infographic_pages_reach_the_preview_and_the_export(ws: Workspace,
                                                                  tmp_path: Path) -> None:
    changes: list[WorkspaceChange] = []
    ws.subscribe(changes.append)
    assert ws.infographic_pages == 1  # fit on one page unless the teacher says otherwise
    ws.set_infographic_pages(3)
    assert changes and "look" in changes[-1].what
    ws.set_export(folder=tmp_path / "out")
    assert ws.export_request().infographic_pages == 3
    info = ws.compose("infographic")
    assert info is not None and len(info.pages) <= 3
    with pytest.raises(UsageError, match="at least one page"):
        ws.set_infographic_pages(0)
