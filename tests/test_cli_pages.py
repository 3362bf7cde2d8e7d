"""``export --pages N``: one infographic page by default, at most N when asked."""

from __future__ import annotations

from pathlib import Path

from infodeck.cli import main
from teacher_pack import write_teacher_pack


def _many(root: Path) -> Path:
    """A pack with more sections than one square page holds."""
    long = "A takeaway a teacher wrote, long enough to need two or three lines. " * 2
    (root / "sections").mkdir(parents=True)
    names = [f"p{n:02d}.yaml" for n in range(1, 31)]
    (root / "pack.yaml").write_text(
        "id: many\ntitle: Many parts\nauthor: T\naudience: S\nsections:\n"
        + "".join(f"  - sections/{n}\n" for n in names), encoding="utf-8")
    for k, n in enumerate(names, start=1):
        (root / "sections" / n).write_text(
            f"id: p{k:02d}\ntitle: Part {k}\nsummary: Part {k}.\ntakeaway: {long}\nnotes: N.\n",
            encoding="utf-8")
    (root / "references.yaml").write_text("references: []\n", encoding="utf-8")
    return root


def _pngs(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.png"))


def test_one_page_by_default_and_the_rest_named(tmp_path, capsys):  # type: ignore[no-untyped-def]
    pack = _many(tmp_path / "many")
    out = tmp_path / "o"
    args = ["export", str(pack), "--out", str(out), "--formats", "png",
            "--infographic", "square-1080"]
    assert main(args) == 0
    assert _pngs(out) == ["many.png"]
    err = capsys.readouterr().err
    assert "note: the infographic has no room on one page for " in err
    assert "'Part 13'" in err and "--pages 2" in err
    assert main([*args, "--pages", "4", "--force"]) == 0
    got = _pngs(out)
    assert 1 < len(got) <= 4 and "many.png" in got and "many-2.png" in got
    assert "no room" not in capsys.readouterr().err


def test_a_teachers_pack_is_one_a4_page(tmp_path, capsys):  # type: ignore[no-untyped-def]
    pack = write_teacher_pack(tmp_path / "heart")
    out = tmp_path / "o"
    assert main(["export", str(pack), "--out", str(out), "--formats", "png"]) == 0
    assert _pngs(out) == ["heart.png"]
    assert "no room" not in capsys.readouterr().err


def test_a_page_count_that_is_not_one_is_the_users_mistake(tmp_path, capsys):  # type: ignore[no-untyped-def]
    for bad, said in (("0", "0 pages: choose from 1 to 20"), ("two", "'two' is not a whole number"),
                      ("21", "21 pages: choose from 1 to 20")):
        try:
            code = main(["export", "--out", str(tmp_path / "o"), "--pages", bad])
        except SystemExit as e:
            code = int(e.code or 0)
        assert code == 2
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()
