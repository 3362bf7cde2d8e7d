"""`infodeck check-template`: the report, Save as theme, and bad files (exit 2, nothing written)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infodeck.cli import main
from infodeck.compose.layouts import themes

from template_kit import DEFAULT_TEMPLATE, build_crest_template


@pytest.fixture
def themes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "themes"
    monkeypatch.setenv("INFODECK_THEMES_DIR", str(folder))
    themes.cache_clear()
    yield folder
    themes.cache_clear()


def test_report_of_a_good_template(capsys: pytest.CaptureFixture[str], themes_dir: Path) -> None:
    assert main(["check-template", str(DEFAULT_TEMPLATE)]) == 0
    out = capsys.readouterr().out
    assert "template: default.pptx (11 layouts, slides 25.4 × 19.05 cm, 4:3)" in out
    assert "title slide                'Title Slide' (master 1, layout 1)" in out
    assert "'Title Only' (master 1, layout 6): title, dt, ftr, sldNum  ← diagram and chart" in out
    assert "accent (accent1 #4F81BD)" in out
    assert not themes_dir.exists()  # a report writes nothing


def test_save_theme_then_use_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                themes_dir: Path) -> None:
    crest = build_crest_template(tmp_path / "crest.potx", potx=True)
    assert main(["check-template", str(crest), "--save-theme", "Crest School"]) == 0
    out = capsys.readouterr().out
    assert "saved the theme 'crest-school'" in out and "--theme crest-school" in out
    assert sorted(p.name for p in themes_dir.iterdir()) == ["crest-school-logo.png",
                                                            "crest-school.yaml"]
    assert main(["themes"]) == 0
    assert "crest-school" in capsys.readouterr().out
    assert main(["check-template", str(crest), "--save-theme", "Crest School"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["check-template", str(crest), "--save-theme", "Crest School", "--force"]) == 0


def test_export_with_a_saved_theme(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   themes_dir: Path) -> None:
    crest = build_crest_template(tmp_path / "crest.pptx")
    assert main(["check-template", str(crest), "--save-theme", "crest"]) == 0
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--theme", "crest", "--formats", "png",
                 "--sections", "title", "--quiet"]) == 0, capsys.readouterr().err
    assert any(out.rglob("*.png"))


@pytest.mark.parametrize(("name", "data", "words"), [
    ("macro.pptm", DEFAULT_TEMPLATE.read_bytes(), "macro-enabled"),
    ("text.pptx", b"hello", "not a PowerPoint"),
    ("cut.potx", DEFAULT_TEMPLATE.read_bytes()[:5000], "damaged"),
    ("locked.pptx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
     "password-protected"),
])
def test_bad_files_exit_2_and_write_nothing(
    name: str, data: bytes, words: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], themes_dir: Path,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    assert main(["check-template", str(bad), "--save-theme", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"infodeck: {bad}: ") and words in err
    assert "Traceback" not in err
    assert not themes_dir.exists()
