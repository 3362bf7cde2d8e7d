"""The one table of formats: the planner, the command line and the dialog all read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from infodeck.cli import build_parser
from infodeck.content.load import load_pack
from infodeck.errors import UnknownName
from infodeck.export import formats as fmts
from infodeck.export.plan import ExportRequest, plan

from conftest import BUILTIN

SECTIONS = ("gut-brain-axis", "diet-statistics")


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(BUILTIN).pack


def test_the_table_is_consistent() -> None:
    assert tuple(f.name for f in fmts.FORMATS) == fmts.NAMES
    assert len(set(fmts.NAMES)) == len(fmts.NAMES)
    assert fmts.DEFAULTS == ("pptx", "png", "svg", "pdf")
    for f in fmts.FORMATS:
        assert f.description and f.composes
        assert set(f.composes) <= {"deck", "infographic", "diagrams", "frames", "handout",
                                   "worksheet", "answers", "quiz"}
    assert fmts.unknown(["png", "gif", "pptx"]) == ["gif"]
    assert [f.name for f in fmts.chosen(["frames", "pptx"])] == ["pptx", "frames"]
    assert fmts.drawing_modules(["pptx"]) == ()
    assert fmts.drawing_modules(["slides-png", "frames"]) == ("infodeck.render.mpl",)


@pytest.mark.parametrize("fmt", fmts.FORMATS, ids=lambda f: f.name)
def test_each_format_plans_files_its_writer_writes(pack, tmp_path: Path, fmt: fmts.Format) -> None:
    """A format alone plans files with its writer's suffix, in the places it composes."""
    jobs = plan(ExportRequest(pack, tmp_path, SECTIONS, (fmt.name,)))
    assert jobs
    writers = (fmt.writer, *fmt.also)  # the worksheet is a PDF and a Word file
    assert {j.target.suffix for j in jobs} == {f".{w.suffix}" for w in writers}
    assert {j.modules for j in jobs} == {w.modules for w in writers}
    where = {j.target.relative_to(tmp_path).parts[0] for j in jobs}
    top = f"gut-health-migraines.{fmt.writer.suffix}"
    expected = {
        "deck": {top} if fmt.writer is fmts.PPTX else {"slides"},
        "infographic": {top},
        "diagrams": {"diagrams"},
        "frames": {"diagrams"},
        "handout": {"classroom"},
        "worksheet": {"classroom"},
        "answers": {"classroom"},
        "quiz": {"gut-health-migraines-quiz-gift.txt" if fmt.writer is fmts.GIFT
                 else "gut-health-migraines-kahoot.xlsx"},
    }
    assert where == set().union(*(expected[c] for c in fmt.composes))


def test_one_composition_serves_every_format_that_asks(pack, tmp_path: Path, monkeypatch) -> None:
    """The deck is composed once for pptx and slides-png; layouts and theme resolved once."""
    import infodeck.export.plan as p

    calls: dict[str, int] = {}

    def counting(name: str, real):  # type: ignore[no-untyped-def]
        def wrapped(*a, **k):  # type: ignore[no-untyped-def]
            calls[name] = calls.get(name, 0) + 1
            return real(*a, **k)

        return wrapped

    for name in ("compose_deck", "compose_infographic", "get_layout", "get_theme"):
        monkeypatch.setattr(p, name, counting(name, getattr(p, name)))
    plan(ExportRequest(pack, tmp_path, SECTIONS, fmts.NAMES))
    assert calls == {"compose_deck": 1, "compose_infographic": 1, "get_layout": 2, "get_theme": 1}


def test_an_unknown_format_names_the_choices(pack, tmp_path: Path) -> None:
    with pytest.raises(UnknownName, match=r"unknown format .gif.; choose one of: pptx, png") as e:
        plan(ExportRequest(pack, tmp_path, SECTIONS, ("png", "gif")))
    assert (e.value.kind, e.value.names, e.value.choices) == ("format", ("gif",), fmts.NAMES)


def test_the_command_line_help_lists_every_format(capsys) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    out = capsys.readouterr().out
    for f in fmts.FORMATS:
        assert f.name in out and f.description in out
