"""Exporting on a school template: from the command line, pack.yaml and the request.

The deck, the infographic and the diagrams all take the template's size, colours,
fonts and crest; a pack's ``template:`` is the default; ``none`` turns it off; a file
that is not a template stops the export with its name and nothing written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from infodeck.cli import main
from infodeck.compose.infographic import compose_infographic
from infodeck.content.load import load_pack
from infodeck.export.plan import NO_TEMPLATE, ExportRequest, Look
from infodeck.export.templating import template_look
from infodeck.scene.elements import Box, Picture, iter_elements
from school_template import BACKGROUND, crest_png, make_school_template

from conftest import BUILTIN


@pytest.fixture
def school(tmp_path: Path) -> Path:
    return make_school_template(tmp_path / "school.pptx")


def test_the_look_of_a_template(school: Path) -> None:
    look = template_look(school)
    assert (look.layout.width, look.layout.height) == pytest.approx((793.7, 446.46), abs=0.01)
    assert look.theme.colors.background == BACKGROUND  # dark: its own background
    assert look.theme.logo is not None and look.theme.logo.data == crest_png()
    assert set(look.room.rooms) >= {"title", "content", "title_only"}
    assert look.deck.layouts["content"] == (0, 1)  # "Title and Content"
    assert look.room.rooms["title"].align == "center"


def test_the_infographic_wears_the_crest(school: Path) -> None:
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    look = template_look(school)
    req = ExportRequest(pack, Path("unused"), template=school)
    info = compose_infographic(pack, pack.default_section_ids(), Look.of(req).infographic,
                               look.theme)
    for page in info.pages:
        logos = [e for e in iter_elements(page.elements) if isinstance(e, Picture)
                 and e.name == "Logo"]
        assert len(logos) == 1
        logo = logos[0]
        assert logo.alt == "logo"
        band = next(e for e in page.elements if isinstance(e, Box) and e.name == "Title band")
        assert band.y <= logo.y and logo.y + logo.h <= band.y + band.h  # in the header
        assert logo.x > page.width / 2  # its right-hand corner
        assert 20 <= logo.h <= page.height * 0.1  # sized sensibly
        title = next(e for e in page.elements if isinstance(e, Box) and e.name == "Title")
        assert title.x + title.w < logo.x  # the title keeps clear of it


def test_cli_exports_everything_on_the_template(school: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(["export", "--out", str(out), "--formats", "pptx,svg",
                 "--sections", "title,gut-brain-axis", "--template", str(school)])
    assert code == 0
    deck = Presentation(str(out / "gut-health-migraines.pptx"))
    src = Presentation(str(school))
    assert (deck.slide_width, deck.slide_height) == (src.slide_width, src.slide_height)
    assert deck.slides[0].slide_layout.name == "Title Slide"
    svg = (out / "diagrams" / "gut-brain-axis-1.svg").read_text(encoding="utf-8")
    assert BACKGROUND.lower() in svg.lower()  # the diagram pictures take its colours


def test_pack_yaml_names_the_default_and_none_turns_it_off(
    school: Path, make_pack, tmp_path: Path
) -> None:
    root = make_pack(pack_extra="template: templates/school.pptx\n")
    (root / "templates").mkdir()
    (root / "templates" / "school.pptx").write_bytes(school.read_bytes())
    pack = load_pack(root).pack
    assert pack is not None
    req = ExportRequest(pack, tmp_path / "a")
    assert req.template_path() == root / "templates" / "school.pptx"
    assert Look.of(req).template is not None
    off = ExportRequest(pack, tmp_path / "b", template=NO_TEMPLATE)
    assert off.template_path() is None and Look.of(off).template is None
    assert main(["export", str(root), "--out", str(tmp_path / "c"), "--formats", "pptx"]) == 0
    deck = Presentation(str(tmp_path / "c" / "test-pack.pptx"))
    assert deck.slide_width == Presentation(str(school)).slide_width
    assert main(["export", str(root), "--out", str(tmp_path / "d"), "--formats", "pptx",
                 "--template", "none"]) == 0
    plain = Presentation(str(tmp_path / "d" / "test-pack.pptx"))
    assert plain.slide_width != deck.slide_width


def test_a_file_that_is_not_a_template_stops_the_export(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a presentation", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["export", "--out", str(out), "--formats", "pptx,png", "--template", str(bad)])
    assert code == 2
    assert "notes.pptx" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())
    missing = tmp_path / "gone.potx"
    assert main(["export", "--out", str(out), "--template", str(missing)]) == 2


def test_a_title_that_runs_under_the_crest_is_kept_clear_of_it(tmp_path: Path) -> None:
    from infodeck.compose.room import Rect
    from school_template import crest_rect

    careless = make_school_template(tmp_path / "careless.pptx", clear_title=False)
    look = template_look(careless)
    crest = Rect(*crest_rect())
    for kind, room in look.room.rooms.items():
        if room.title is not None:
            assert not room.title.overlaps(crest), kind
        assert not room.content.overlaps(crest), kind
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--formats", "pptx", "--sections",
                 "gut-brain-axis", "--template", str(careless)]) == 0
    deck = Presentation(str(out / "gut-health-migraines.pptx"))
    x, y, _, h = (round(v * 12700) for v in crest_rect())
    for slide in deck.slides:
        t = slide.shapes.title
        assert t.left + t.width <= x or t.top >= y + h, "the title runs under the crest"
