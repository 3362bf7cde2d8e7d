"""Real templates nobody here wrote: LibreOffice's own, converted to .pptx by LibreOffice.

Four of its 23 presentation templates, chosen for variety: panels under the text
(Focus), a backdrop made of groups (Grey_Elegant), a 4:3-like size (Vintage) and
several masters with a title band (Midnightblue). They are converted once per module.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from infodeck.cli import main
from infodeck.compose.layouts import CONTRAST_PAIRS
from infodeck.compose.templates import template_report
from infodeck.scene.contrast import contrast_ratio
from infodeck.template import read_template

pytestmark = pytest.mark.office
CHOSEN = ("Focus", "Grey_Elegant", "Vintage", "Midnightblue")


def _template_folder() -> Path:
    soffice = shutil.which("soffice")
    assert soffice, "the office tests need LibreOffice (soffice): see the README"
    program = Path(soffice).resolve().parent
    folder = program.parent / "share" / "template" / "common" / "presnt"
    assert folder.is_dir(), f"LibreOffice's presentation templates are not in {folder}"
    return folder


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    src = _template_folder()
    out = tmp_path_factory.mktemp("lo-templates")
    files = [str(src / f"{name}.otp") for name in CHOSEN]
    for f in files:
        assert Path(f).is_file(), f"LibreOffice's template {f} is missing"
    profile = (out / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pptx", "--outdir", str(out), *files],
                   check=True, capture_output=True, timeout=300)
    found = {name: out / f"{name}.pptx" for name in CHOSEN}
    for name, path in found.items():
        assert path.is_file(), f"LibreOffice did not convert {name}"
    return found


@pytest.mark.parametrize("name", CHOSEN)
def test_real_template_reads_with_room_clear_of_decorations(
    name: str, converted: dict[str, Path]
) -> None:
    t = read_template(converted[name])
    assert len(t.layouts) >= 12
    for kind, choice in t.choices.items():
        assert choice.layout.title is not None, (name, kind)
    for lay in t.layouts:
        area = lay.content_area
        assert area.w > 0 and area.h > 0, (name, lay.label())
        assert area.x >= 0 and area.y >= 0, (name, lay.label())
        assert area.right <= t.width + 0.01 and area.bottom <= t.height + 0.01
        for d in lay.decorations:
            assert area.overlap(d.rect) == 0, (name, lay.label(), d)
    content = t.layout_for("content").layout
    assert content.content_area.area > 0.15 * t.width * t.height
    assert content.bodies


@pytest.mark.parametrize("name", CHOSEN)
def test_real_template_theme_passes_contrast(name: str, converted: dict[str, Path]) -> None:
    report = template_report(read_template(converted[name]))
    c = report.theme.theme.colors
    for fg, bg in CONTRAST_PAIRS:
        assert contrast_ratio(getattr(c, fg), getattr(c, bg)) >= 4.5, (name, fg, bg)
    assert report.theme.body_font.family  # LibreOffice writes Arial into its themes


def test_focus_panels_are_behind_the_text(converted: dict[str, Path]) -> None:
    t = read_template(converted["Focus"])
    only = t.layout_for("title_only").layout
    assert only.backdrops  # its large translucent shapes carry the title: not obstacles


def test_check_template_on_a_real_template(
    converted: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-template", str(converted["Vintage"])]) == 0
    out = capsys.readouterr().out
    assert "template: Vintage.pptx" in out and "slide kinds:" in out
    assert "28 × 21 cm" in out
