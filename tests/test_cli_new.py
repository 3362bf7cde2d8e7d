"""`infodeck new`: a valid pack made through the document model, or a clear refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from infodeck.cli import main
from infodeck.content.load import load_pack


def test_new_makes_a_valid_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "My Plants"
    status = main(
        [
            "new",
            str(root),
            "--title",
            "How plants make food",
            "--subtitle",
            "Photosynthesis",
            "--audience",
            "Year 8",
            "--language",
            "en-GB",
        ]
    )
    assert status == 0
    assert "made" in capsys.readouterr().out
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "pack.yaml",
        "references.yaml",
        "sections/title.yaml",
    ]
    result = load_pack(root)
    assert result.errors == [] and result.pack is not None
    meta = result.pack.meta
    assert (meta.id, meta.title, meta.subtitle, meta.audience, meta.language) == (
        "my-plants",
        "How plants make food",
        "Photosynthesis",
        "Year 8",
        "en-GB",
    )
    (title,) = result.pack.sections
    assert title.kind == "title" and title.title == "How plants make food"
    assert main(["check", str(root)]) == 0
    out = tmp_path / "out"
    assert main(["export", str(root), "--out", str(out), "--formats", "pptx,png"]) == 0
    assert (out / "my-plants.pptx").is_file() and (out / "my-plants.png").is_file()


def test_new_refuses_a_folder_with_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "taken"
    root.mkdir()
    (root / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(root), "--title", "T"]) == 2
    err = capsys.readouterr().err
    assert "already exists and is not empty" in err and "Traceback" not in err
    assert [p.name for p in root.iterdir()] == ["notes.txt"]


def test_new_into_an_empty_folder(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path), "--title", "T"]) == 0
    assert load_pack(tmp_path).pack is not None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--language", "English"], "--language:"),
        (["--title", "x" * 400], "--title: too long"),
        (["--title", ""], "--title: must not be empty"),
    ],
)
def test_new_with_a_bad_option_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    root = tmp_path / "p"
    assert main(["new", str(root), "--title", "T", *args]) == 2
    assert said in capsys.readouterr().err
    assert not root.exists()
