"""Save as theme: the template's look as a theme file (and logo) the app then lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infodeck.compose.layouts import get_theme, themes, user_theme_problems
from infodeck.compose.templates import template_theme
from infodeck.errors import TargetsExist, UsageError
from infodeck.export.theme_file import save_theme
from infodeck.template import read_template

from template_kit import DEFAULT_TEMPLATE, build_crest_template, crest_png


@pytest.fixture
def themes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "themes"
    monkeypatch.setenv("INFODECK_THEMES_DIR", str(folder))
    themes.cache_clear()
    yield folder
    themes.cache_clear()


def test_saved_theme_is_listed_with_its_logo_and_fonts(tmp_path: Path, themes_dir: Path) -> None:
    t = read_template(build_crest_template(tmp_path / "School.potx", potx=True))
    tt = template_theme(t)
    saved = save_theme(tt, t, "St Mary's High")
    assert saved.name == "st-mary-s-high"
    assert saved.path == themes_dir / "st-mary-s-high.yaml"
    assert saved.logo == themes_dir / "st-mary-s-high-logo.png"
    assert saved.logo.read_bytes() == crest_png()
    text = saved.path.read_text()
    assert text.startswith("# Saved from the template School.potx")
    assert "logo: st-mary-s-high-logo.png" in text and "family: Cambria" in text
    theme = get_theme("st-mary-s-high")  # found where the app looks for themes
    assert theme.title == "St Mary's High"
    assert theme.colors == tt.theme.colors
    assert theme.logo is not None and theme.logo.data == crest_png()
    assert theme.heading_font is not None and theme.heading_font.family == "Cambria"
    assert not [p.name for p in themes_dir.iterdir() if p.name.startswith(".")]  # no temp files


def test_a_theme_is_replaced_only_when_asked(tmp_path: Path, themes_dir: Path) -> None:
    t = read_template(DEFAULT_TEMPLATE)
    tt = template_theme(t)
    first = save_theme(tt, t, "office")
    assert first.logo is None
    with pytest.raises(TargetsExist):
        save_theme(tt, t, "office")
    save_theme(tt, t, "office", title="Office again", force=True)
    assert get_theme("office").title == "Office again"


def test_a_built_in_name_is_refused(themes_dir: Path) -> None:
    t = read_template(DEFAULT_TEMPLATE)
    with pytest.raises(UsageError, match="built-in"):
        save_theme(template_theme(t), t, "Default")
    assert not themes_dir.exists()


def test_a_broken_user_theme_is_left_out_and_named(themes_dir: Path) -> None:
    themes_dir.mkdir()
    (themes_dir / "broken.yaml").write_text("name: broken\ntitle: [unclosed\n")
    (themes_dir / "clash.yaml").write_text((Path(__file__).resolve().parents[2] / "layouts"
                                            / "themes" / "default.yaml").read_text())
    (themes_dir / "badlogo.yaml").write_text(
        (Path(__file__).resolve().parents[2] / "layouts" / "themes" / "default.yaml")
        .read_text().replace("name: default", "name: badlogo") + "logo: ../../etc/passwd.png\n")
    assert set(themes()) == {"default", "colour-blind-safe", "grayscale", "high-contrast"}
    problems = "\n".join(str(p) for p in user_theme_problems())
    assert "broken.yaml" in problems and "clash.yaml" in problems and "badlogo.yaml" in problems
    assert "exists already" in problems
