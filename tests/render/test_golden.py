"""Golden images of real output, matplotlib's way: one slide, one diagram, the infographic.

The input is a small pack on another subject (tests/data/photosynthesis), so these images
change only when drawing or composition changes, not when the built-in pack is edited.
Regenerate with INFODECK_REGEN_GOLDEN=1, look at the new baselines, then commit them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.content.model import Pack
from infodeck.export.plan import diagram_pages
from infodeck.render import fastpaths
from infodeck.render.mpl import render_page
from infodeck.scene.elements import Page

from conftest import ROOT

PACK = ROOT / "tests" / "data" / "photosynthesis"
BASELINES = Path(__file__).parent / "baseline"
REGEN = os.environ.get("INFODECK_REGEN_GOLDEN") == "1"
DPI = 60  # small files, still enough to see a moved box or a changed glyph


@pytest.fixture(autouse=True, params=["fast-paths", "public-api"])
def switch(request: pytest.FixtureRequest) -> object:
    """Every golden image is drawn twice: with the fast paths and with the public API."""
    fastpaths.set_enabled(request.param == "fast-paths")
    yield request.param
    fastpaths.set_enabled(True)


@pytest.fixture(scope="module")
def pack() -> Pack:
    result = load_pack(PACK)
    assert result.pack is not None, result.problems
    return result.pack


def _compare(page: Page, name: str, tmp_path: Path) -> None:
    actual = tmp_path / f"{name}.png"
    assert fastpaths.enabled() == (fastpaths.SUPPORTED and fastpaths._on)
    render_page(page, actual, "png", DPI)
    baseline = BASELINES / f"{name}.png"
    if REGEN:
        shutil.copyfile(actual, baseline)
        pytest.fail(f"baseline regenerated at {baseline}; look at it, then rerun")
    if not baseline.exists():
        pytest.fail(f"no baseline at {baseline}; create it with INFODECK_REGEN_GOLDEN=1")
    expected = tmp_path / f"{name}-expected.png"
    shutil.copyfile(baseline, expected)
    failure = compare_images(str(expected), str(actual), tol=2)
    assert failure is None, f"{failure} (diff image: {tmp_path / f'{name}-failed-diff.png'})"


def test_golden_slide_text_beside_diagram(pack: Pack, tmp_path: Path) -> None:
    doc = compose_deck(pack, ["leaf-and-air"], get_layout("deck-16x9"), get_theme("default"))
    _compare(doc.pages[0], "slide_leaf_and_air", tmp_path)


def test_golden_pathway_diagram(pack: Pack, tmp_path: Path) -> None:
    [(stem, page)] = diagram_pages(pack, ["light-reactions"], get_layout("deck-16x9"), get_theme("default"))
    assert stem == "light-reactions-1"
    _compare(page, "diagram_pathway", tmp_path)


def test_golden_infographic(pack: Pack, tmp_path: Path) -> None:
    ids = [s.id for s in pack.sections]
    doc = compose_infographic(pack, ids, get_layout("a4-portrait"), get_theme("default"))
    _compare(doc.pages[0], "infographic_a4", tmp_path)


@pytest.mark.parametrize(
    ("section", "kind"),
    [("leaf-and-air", "axis"), ("numbers", "chart"), ("needs", "cluster")],
)
def test_golden_every_diagram_kind(pack: Pack, section: str, kind: str, tmp_path: Path) -> None:
    [(_, page)] = diagram_pages(pack, [section], get_layout("deck-16x9"), get_theme("default"))
    _compare(page, f"diagram_{kind}", tmp_path)


@pytest.mark.parametrize("layout", ["deck-4x3", "letter-portrait", "square-1080"])
def test_golden_every_layout(pack: Pack, layout: str, tmp_path: Path) -> None:
    lay = get_layout(layout)
    ids = [s.id for s in pack.sections]
    if lay.kind == "deck":
        page = compose_deck(pack, ["numbers"], lay, get_theme("default")).pages[0]
    else:
        page = compose_infographic(pack, ids, lay, get_theme("default")).pages[0]
    _compare(page, f"layout_{layout}", tmp_path)


@pytest.mark.parametrize("theme", ["colour-blind-safe", "high-contrast", "grayscale"])
def test_golden_every_theme(pack: Pack, theme: str, tmp_path: Path) -> None:
    ids = [s.id for s in pack.sections]
    doc = compose_infographic(pack, ids, get_layout("square-1080"), get_theme(theme))
    _compare(doc.pages[0], f"theme_{theme}", tmp_path)


def test_golden_slide_with_mixed_scripts(tmp_path: Path) -> None:
    """Accents, Greek, Cyrillic, CJK, Arabic, Hebrew, combining marks and emoji on one slide."""
    result = load_pack(ROOT / "tests" / "data" / "scripts")
    assert result.pack is not None and result.problems == [], result.problems
    doc = compose_deck(result.pack, ["scripts"], get_layout("deck-16x9"), get_theme("default"))
    _compare(doc.pages[0], "slide_mixed_scripts", tmp_path)


WATER = ROOT / "tests" / "data" / "water-cycle"


@pytest.fixture(scope="module")
def water() -> Pack:
    result = load_pack(WATER)
    assert result.pack is not None and result.problems == [], result.problems
    return result.pack


@pytest.mark.parametrize(
    ("section", "index", "name"),
    [("cycle", 0, "diagram_cycle"), ("fresh-water", 0, "diagram_chart_donut"),
     ("surface-water", 0, "diagram_chart_column"), ("surface-water", 1, "diagram_chart_bar"),
     ("warm-air", 0, "diagram_chart_line")],
)
def test_golden_cycle_and_chart_styles(water: Pack, section: str, index: int, name: str,
                                       tmp_path: Path) -> None:
    pages = diagram_pages(water, [section], get_layout("deck-16x9"), get_theme("default"))
    _compare(pages[index][1], name, tmp_path)


def test_golden_title_slide_with_the_section_s_own_title_and_icon(water: Pack,
                                                                 tmp_path: Path) -> None:
    doc = compose_deck(water, ["title"], get_layout("deck-16x9"), get_theme("default"))
    _compare(doc.pages[0], "slide_title", tmp_path)


def test_golden_water_cycle_infographic(water: Pack, tmp_path: Path) -> None:
    ids = [s.id for s in water.sections]
    doc = compose_infographic(water, ids, get_layout("a4-portrait"), get_theme("default"))
    _compare(doc.pages[0], "infographic_water_cycle", tmp_path)
