"""A template's colours as Infodeck's theme: every pair passes WCAG AA, fixes are told."""

from __future__ import annotations

from pathlib import Path

import pytest

from infodeck.compose.layouts import CONTRAST_PAIRS, contrast_report
from infodeck.compose.templates import nearest_passing, template_report, template_theme
from infodeck.scene.contrast import contrast_ratio
from infodeck.template import read_template

from template_kit import DEFAULT_TEMPLATE, build_crest_template


@pytest.fixture(scope="module")
def crest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crest_template(tmp_path_factory.mktemp("t") / "crest.pptx")


def test_default_template_theme_passes_and_names_each_fix() -> None:
    tt = template_theme(read_template(DEFAULT_TEMPLATE))
    assert min(r for _, _, r in contrast_report(tt.theme)) >= 4.5
    c = tt.theme.colors
    assert c.background == "#FFFFFF" and c.text == "#000000" and c.band == "#1F497D"
    fixed = {f.role: f for f in tt.fixes}
    assert set(fixed) == {"accent", "warning"}  # Office's accent1 is 4.0:1 on white
    f = fixed["accent"]
    assert f.source == "accent1" and f.before == "#4F81BD" and f.ratio_before < 4.5
    assert f.after == c.accent and f.ratio_after >= 4.5
    assert "#4F81BD" in f.text() and c.accent in f.text() and "WCAG AA" in f.text()
    assert c.chart[:2] == ["#4F81BD", "#C0504D"]  # the chart keeps the brand colours
    assert tt.theme.font.family == "Calibri" and tt.theme.font.regular == "Carlito-Regular.ttf"
    assert tt.theme.heading_font is None and tt.theme.logo is None


def test_dark_template_reads_light_on_dark(crest: Path) -> None:
    t = read_template(crest)
    tt = template_theme(t, "school", "School")
    c = tt.theme.colors
    assert c.background == "#0E1A2B" and c.text == "#F4F1E8"
    for fg, bg in CONTRAST_PAIRS:
        assert contrast_ratio(getattr(c, fg), getattr(c, bg)) >= 4.5, (fg, bg)
    fix = next(f for f in tt.fixes if f.role == "accent")
    assert fix.before == "#2E4E7E"  # too dark on the dark slide: lightened
    assert contrast_ratio(fix.after, "#0E1A2B") >= 4.5
    assert tt.theme.font.family == "Georgia" and tt.theme.font.regular.startswith("LiberationSerif")
    assert tt.theme.heading_font is not None and tt.theme.heading_font.family == "Cambria"
    assert tt.theme.heading_font.regular == "Caladea-Regular.ttf"
    assert tt.theme.heading_for(20).file.endswith("Caladea-Regular.ttf")
    assert tt.theme.heading_for(20).family == "Cambria"
    assert any("Georgia" in n for n in tt.font_notices)
    assert tt.theme.logo is not None and tt.theme.logo.width == 200


def test_nearest_passing_shade_changes_as_little_as_it_can() -> None:
    shade = nearest_passing("#4F81BD", "#FFFFFF")
    assert contrast_ratio(shade, "#FFFFFF") >= 4.5
    assert contrast_ratio(shade, "#FFFFFF") < 4.9  # the first passing step, not far beyond
    assert nearest_passing("#000000", "#FFFFFF") == "#000000"
    assert contrast_ratio(nearest_passing("#777777", "#767676"), "#767676") >= 4.5


def test_report_lists_layouts_kinds_fixes_fonts_and_logo(crest: Path) -> None:
    report = template_report(read_template(crest))
    text = "\n".join(report.lines())
    assert "'Title Slide' (master 1, layout 1)" in text
    assert "title slide" in text and "diagram and chart slides" in text
    assert "headings Cambria, text Georgia" in text and "Liberation Serif" in text
    assert "accent (accent1 #2E4E7E)" in text
    assert "logo: 'School crest', 200×240 px PNG" in text
    assert "the title box of 'Title and Content' (master 1, layout 2) runs under 'School crest'" \
        in text
    assert report.usable
    assert report.notices()  # fonts without metrics and the colour fix


def test_unusual_sizes_are_reported(tmp_path: Path) -> None:
    import pptx

    prs = pptx.Presentation(str(DEFAULT_TEMPLATE))
    prs.slide_width, prs.slide_height = 12700 * 794, 12700 * 446  # 28 × 15.75 cm: 16:9
    p = tmp_path / "wide.pptx"
    prs.save(str(p))
    assert template_report(read_template(p)).size_notes == ()
    prs.slide_width, prs.slide_height = 12700 * 540, 12700 * 720  # portrait
    prs.save(str(p))
    assert "portrait" in template_report(read_template(p)).size_notes[0]
    prs.slide_width, prs.slide_height = 12700 * 900, 12700 * 400
    prs.save(str(p))
    assert "unusual slide size" in template_report(read_template(p)).size_notes[0]


def test_a_default_theme_takes_the_colours_of_the_masters_shapes(tmp_path: Path) -> None:
    """LibreOffice writes Office's theme into every file; the design is in the shapes."""
    import pptx
    from pptx.oxml import parse_xml

    from template_kit import rect_xml

    prs = pptx.Presentation(str(DEFAULT_TEMPLATE))
    tree = prs.slide_masters[0].element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}cSld/"
        "{http://schemas.openxmlformats.org/presentationml/2006/main}spTree")
    tree.append(parse_xml(rect_xml(80, "Top band", (0, 0, 9144000, 1200000), "2C3E50")))
    tree.append(parse_xml(rect_xml(81, "Rule", (0, 1200000, 9144000, 100000), "1ABC9C")))
    path = tmp_path / "shapes.pptx"
    prs.save(str(path))
    t = read_template(path)
    assert t.default_scheme and t.shape_colours == ("#2C3E50", "#1ABC9C")
    tt = template_theme(t)
    c = tt.theme.colors
    assert c.band == "#2C3E50"  # the dark design colour carries the bands
    assert c.chart[0] == "#1ABC9C"  # the coloured one leads the accents
    assert any("Office's defaults" in n and "#1ABC9C" in n for n in tt.notices)
    fix = next(f for f in tt.fixes if f.role == "accent")
    assert fix.before == "#1ABC9C" and "master shape" in fix.source
    # A template with a theme of its own keeps its theme's colours.
    assert not read_template(build_crest_template(tmp_path / "crest.pptx")).default_scheme
