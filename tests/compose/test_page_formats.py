"""Page formats as data: a tall web infographic sized to its content, and an A3 poster.

A layout with ``max_height`` makes pages as tall as their content (never shorter than
``height``, never taller than ``max_height``); more content runs to another page. The
tests use the built-in pack and the test packs, and a pack far longer than any page.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from pydantic import ValidationError

from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import Layout, get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.content.model import Pack
from infodeck.export.plan import ExportRequest
from infodeck.export.write import run_export
from infodeck.scene.elements import Box, Page, iter_elements

from checks import check_page
from conftest import BUILTIN, ROOT

PACKS = [BUILTIN, ROOT / "tests" / "data" / "photosynthesis", ROOT / "tests" / "data" / "water-cycle"]
TALL = "web-tall-1080"


def _load(path: Path) -> Pack:
    r = load_pack(path)
    assert r.pack is not None, r.problems
    return r.pack


def _named(page: Page, name: str) -> list[Box]:
    return [e for e in iter_elements(page.elements) if isinstance(e, Box) and e.name == name]


def _content_bottom(page: Page) -> float:
    """The lowest edge of anything above the sources."""
    rule = _named(page, "Sources rule")[0]
    return max(e.y + e.h for e in iter_elements(page.elements)
               if isinstance(e, Box) and e.y + e.h <= rule.y + 0.01 and e.name != "Sources rule")


def test_the_tall_layout_is_1080_px_wide_and_at_most_8000_px_tall() -> None:
    lay = get_layout(TALL, "infographic")
    assert lay.pixel_size() == (1080, 8000)
    assert lay.max_height is not None and lay.height <= lay.max_height


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_tall_pages_are_as_tall_as_their_content(path: Path) -> None:
    pack = _load(path)
    lay = get_layout(TALL)
    doc = compose_infographic(pack, pack.default_section_ids(), lay, get_theme("default"))
    for page in doc.pages:
        check_page(page, lay.type.body_floor)
        assert lay.height <= page.height <= lay.tallest
        rule = _named(page, "Sources rule")[0]
        (sources,) = _named(page, "Sources")
        # The footer sits at the page's foot, and the content ends just above it:
        # no blank tail (at most the usual gap and a little rounding).
        assert page.height - (sources.y + sources.h) == pytest.approx(lay.margin * 0.7, abs=0.5)
        if page.height > lay.height:
            assert rule.y - _content_bottom(page) <= lay.gap * 2 + 6 + 0.5
    # These packs fit one tall page, unlike A4, where two of them take two.
    assert len(doc.pages) == 1


def test_a_pack_longer_than_the_tallest_page_runs_to_more_pages(make_pack) -> None:  # type: ignore[no-untyped-def]
    steps = "".join(f"      - {{label: Step {k} of a long way}}\n" for k in range(1, 13))
    section = (
        "id: s{n}\ntitle: Section {n}\nsummary: Part {n}.\ntakeaway: Takeaway {n}.\n"
        "notes: Notes.\nblocks:\n  - type: diagram\n    kind: pathway\n    title: Way {n}\n"
        "    steps:\n" + steps + "    uncited: true\n"
    )
    path = make_pack(sections={f"s{n}.yaml": section.replace("{n}", str(n)) for n in range(1, 41)})
    pack = _load(path)
    lay = get_layout(TALL)
    ids = [s.id for s in pack.sections]
    doc = compose_infographic(pack, ids, lay, get_theme("default"), pages=5)
    assert len(doc.pages) >= 2
    for page in doc.pages:
        check_page(page, lay.type.body_floor)
        assert page.height <= lay.tallest
    assert all(p.height > lay.tallest * 0.5 for p in doc.pages[:-1])  # pages are filled first
    # One page (the default) holds them all by giving up what it must, and says so.
    (page,) = compose_infographic(pack, ids, lay, get_theme("default")).pages
    assert page.height <= lay.tallest


def test_a_short_pack_keeps_the_shortest_page(make_pack) -> None:  # type: ignore[no-untyped-def]
    pack = _load(make_pack())
    lay = get_layout(TALL)
    (page,) = compose_infographic(pack, ["intro"], lay, get_theme("default")).pages
    assert page.height == lay.height


def test_the_tall_png_has_the_page_s_height(tmp_path: Path) -> None:
    pack = _load(ROOT / "tests" / "data" / "photosynthesis")
    req = ExportRequest(pack, tmp_path, formats=("png",), infographic_layout=TALL)
    run_export(req)
    head = (tmp_path / "photosynthesis.png").read_bytes()[16:24]
    w, h = struct.unpack(">II", head)
    doc = compose_infographic(pack, pack.default_section_ids(), get_layout(TALL),
                              get_theme("default"))
    assert (w, h) == (1080, round(doc.pages[0].height / 72 * 144))
    assert 1080 < h <= 8000


def test_the_a3_poster_is_a3_at_300_dpi_with_larger_type() -> None:
    a3, a4 = get_layout("a3-poster", "infographic"), get_layout("a4-portrait", "infographic")
    assert a3.pixel_size() == (3508, 4961)
    assert a3.type.body > a4.type.body and a3.type.body_floor > a4.type.body_floor
    pack = _load(BUILTIN)
    doc = compose_infographic(pack, pack.default_section_ids(), a3, get_theme("default"))
    for page in doc.pages:
        assert (page.width, page.height) == (a3.width, a3.height)
        check_page(page, a3.type.body_floor)


BASE = dict(name="x", title="X", kind="infographic", width=540, height=540, dpi=144, margin=24,
            gap=10, type=dict(title=24, heading=13, body=10, body_floor=9, stat=24, small=9,
                              caption=9))


@pytest.mark.parametrize(("change", "message"), [
    ({"max_height": 500}, "max_height: 500 points is less than height"),
    ({"kind": "deck", "max_height": 900}, "only an infographic's pages grow to their content"),
    ({"max_height": 5600, "dpi": 300}, "a page side of 5600 points is 23,333 pixels"),
])
def test_bad_max_heights_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Layout.model_validate({**BASE, **change})
