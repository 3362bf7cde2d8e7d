"""Reading templates: layouts and placeholders by type, room, decorations, theme, logo."""

from __future__ import annotations

import io
from pathlib import Path

import pptx
import pytest

from infodeck.template import Rect, read_template
from infodeck.template.model import CONTENT_TYPES, TITLE_TYPES

from template_kit import CREST_BOX, DEFAULT_TEMPLATE, build_crest_template, crest_png


@pytest.fixture(scope="module")
def crest_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crest_template(tmp_path_factory.mktemp("tpl") / "School crest.pptx")


@pytest.fixture(scope="module")
def crest_potx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crest_template(tmp_path_factory.mktemp("tpl") / "School crest.potx", potx=True)


def test_python_pptx_default_template_layouts_by_type() -> None:
    t = read_template(DEFAULT_TEMPLATE)
    assert (t.width, t.height) == (720.0, 540.0)
    assert len(t.layouts) == 11
    names = {k: c.layout.name for k, c in t.choices.items()}
    assert names == {"title": "Title Slide", "section": "Section Header",
                     "content": "Title and Content", "title_only": "Title Only"}
    assert all(c.exact for c in t.choices.values())
    assert t.fonts.major == t.fonts.minor == "Calibri"
    assert t.colours.accent1 == "#4F81BD" and t.colours.dk2 == "#1F497D"
    assert (t.background, t.text) == ("#FFFFFF", "#000000")
    assert t.logo is None
    assert t.theme_name == "Office Theme"


def test_inherited_placeholder_positions_come_from_the_master() -> None:
    t = read_template(DEFAULT_TEMPLATE)
    content = t.layout_for("content").layout
    title, body = content.title, content.bodies[0]
    assert title is not None and title.inherited and body.inherited
    # The master's title and body boxes (python-pptx's default master).
    assert title.rect.rounded() == (36.0, 21.6, 648.0, 90.0)
    assert body.rect.rounded() == (36.0, 126.0, 648.0, 356.4)
    assert content.content_area == body.rect
    assert {p.type for p in content.placeholders} == {"title", "obj", "dt", "ftr", "sldNum"}


def test_a_potx_reads_as_the_same_template(crest_template: Path, crest_potx: Path) -> None:
    a, b = read_template(crest_template), read_template(crest_potx)
    assert [lay.name for lay in a.layouts] == [lay.name for lay in b.layouts]
    assert a.colours == b.colours and a.logo == b.logo
    # The package is handed on with a presentation content type: python-pptx opens it.
    prs = pptx.Presentation(io.BytesIO(b.package))
    assert len(prs.slide_layouts) == 11


def test_dark_theme_through_the_colour_map_and_system_colours(crest_template: Path) -> None:
    t = read_template(crest_template)
    assert t.colours.dk1 == "#0E1A2B"  # a sysClr: its lastClr
    assert t.background == "#0E1A2B" and t.text == "#F4F1E8"  # bg1 → dk1, tx1 → lt1
    assert t.layout_for("content").layout.background == "#0E1A2B"
    assert (t.fonts.major, t.fonts.minor) == ("Cambria", "Georgia")
    assert t.theme_name == "School Theme"


def test_crest_on_the_master_is_the_logo_and_the_photo_is_not(crest_template: Path) -> None:
    t = read_template(crest_template)
    assert t.logo is not None
    assert t.logo.name == "School crest" and t.logo.ext == "png"
    assert t.logo.pixels == (200, 240)
    assert t.logo.data == crest_png()
    x, y, w, h = (v / 12700 for v in CREST_BOX)
    assert t.logo.rect.rounded() == Rect(x, y, w, h).rounded()
    title = t.layout_for("title").layout
    assert title.backdrop  # the full-slide photo is its background…
    assert "Photo" not in {d.name for d in title.decorations}  # …not a decoration


def test_content_areas_avoid_decorations(crest_template: Path) -> None:
    t = read_template(crest_template)
    for lay in t.layouts:
        names = {d.name for d in lay.decorations}
        assert {"School crest", "Band"} <= names, lay.name
        for d in lay.decorations:
            assert lay.content_area.overlap(d.rect) == 0, (lay.name, d.name)
        area = lay.content_area
        assert area.x >= 0 and area.right <= t.width and area.y >= 0 and area.bottom <= t.height
    # Title only: the room between the title and the band, clear of the crest.
    only = t.layout_for("title_only").layout
    title = only.title
    assert title is not None and only.content_area.y >= title.rect.bottom
    assert only.content_area.bottom <= 510
    assert only.content_area.area > 0.5 * 648 * 356


def test_a_layout_that_hides_the_master_shapes_has_no_master_decorations(
    tmp_path: Path, crest_template: Path
) -> None:
    prs = pptx.Presentation(str(crest_template))
    prs.slide_layouts[5].element.set("showMasterSp", "0")
    path = tmp_path / "hidden.pptx"
    prs.save(str(path))
    t = read_template(path)
    assert t.layouts[5].decorations == ()
    assert t.layouts[1].decorations  # the others still show the crest and band


def test_placeholder_types_are_the_xml_types() -> None:
    t = read_template(DEFAULT_TEMPLATE)
    seen = {p.type for lay in t.layouts for p in lay.placeholders}
    assert seen == {"ctrTitle", "subTitle", "title", "body", "obj", "pic", "dt", "ftr",
                    "sldNum"}
    for lay in t.layouts:
        assert all(p.rect.w > 0 and p.rect.h > 0 for p in lay.placeholders)
        assert lay.bodies == tuple(p for p in lay.placeholders if p.type in CONTENT_TYPES)
        assert (lay.title is not None) == bool(lay.types() & TITLE_TYPES)


@pytest.mark.parametrize("kind", ["title", "section", "content", "title_only"])
def test_every_kind_has_a_layout_with_a_title(kind: str, crest_template: Path) -> None:
    choice = read_template(crest_template).layout_for(kind)  # type: ignore[arg-type]
    assert choice.layout.title is not None
    assert choice.kind == kind


def test_title_area_is_clear_of_the_crest(crest_template: Path) -> None:
    t = read_template(crest_template)
    content = t.layout_for("content").layout
    assert [d.name for d in content.title_hits] == ["School crest"]
    assert content.title_area is not None and content.title is not None
    assert content.title_area.overlap(t.logo.rect if t.logo else Rect(0, 0, 0, 0)) == 0
    assert content.title_area.w < content.title.rect.w
    title_slide = t.layout_for("title").layout
    assert title_slide.title_hits == () and title_slide.title_area == title_slide.title.rect
