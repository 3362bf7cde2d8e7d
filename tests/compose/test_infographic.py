"""Composing infographics: balanced pages that never go below the print floor."""

from __future__ import annotations

import pytest

from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme, layouts, themes
from infodeck.content.load import load_pack
from infodeck.scene.elements import Box, iter_elements

from checks import check_page
from conftest import BUILTIN


@pytest.fixture(scope="module")
def pack():
    r = load_pack(BUILTIN)
    assert r.pack is not None, r.problems
    return r.pack


@pytest.mark.parametrize("layout", [n for n, lay in layouts().items() if lay.kind == "infographic"])
@pytest.mark.parametrize("theme", list(themes()))
def test_builtin_infographic_fits(pack, layout, theme):
    lay = get_layout(layout)
    doc = compose_infographic(pack, pack.default_section_ids(), lay, get_theme(theme))
    assert doc.pages
    for page in doc.pages:
        check_page(page, 9.0)
        assert page.alt


def test_infographic_has_band_stats_diagrams_sources(pack):
    doc = compose_infographic(
        pack, pack.default_section_ids(), get_layout("a4-portrait"), get_theme("default")
    )
    names = {e.name for p in doc.pages for e in iter_elements(p.elements) if isinstance(e, Box)}
    assert {"Title band", "Key statistic", "Sources", "Takeaways"} <= names
    groups = [e for p in doc.pages for e in p.elements if e.__class__.__name__ == "Group"]
    assert len(groups) >= 4


def test_single_section(pack):
    doc = compose_infographic(
        pack, ["neuroinflammation"], get_layout("square-1080"), get_theme("high-contrast")
    )
    assert len(doc.pages) == 1
    check_page(doc.pages[0], 9.0)
