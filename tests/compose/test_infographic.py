"""Composing infographics: one page by default, in the pack's order, never below the floor."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infodeck.compose.infographic import compose_infographic, plan_infographic
from infodeck.compose.layouts import get_layout, get_theme, layouts, themes
from infodeck.content.load import load_pack
from infodeck.content.model import Pack, PathwayDiagram
from infodeck.scene.elements import Box, Group, Page, iter_elements
from teacher_pack import write_teacher_pack

from checks import check_page
from conftest import BUILTIN, ROOT

INFOGRAPHICS = [n for n, lay in layouts().items() if lay.kind == "infographic"]
DATA = [ROOT / "tests" / "data" / "water-cycle", ROOT / "tests" / "data" / "photosynthesis"]


def _load(path: Path) -> Pack:
    r = load_pack(path)
    assert r.pack is not None, r.problems
    return r.pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    return _load(BUILTIN)


@pytest.fixture(scope="module")
def teacher(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return _load(write_teacher_pack(tmp_path_factory.mktemp("t") / "heart"))


@pytest.fixture(scope="module")
def teacher12(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return _load(write_teacher_pack(tmp_path_factory.mktemp("t") / "heart", extra=True))


def _boxes(page: Page, name: str) -> list[Box]:
    return [e for e in iter_elements(page.elements) if isinstance(e, Box) and e.name == name]


def _reading_order(page: Page) -> list[str]:
    """The section headings as a reader meets them: down each column, left to right."""
    heads = _boxes(page, "Section heading")
    return ["".join(r.text for r in h.text.paragraphs[0].runs)  # type: ignore[union-attr]
            for h in sorted(heads, key=lambda b: (round(b.x), b.y))]


def _check_floor(page: Page, layout: str) -> None:
    lay = get_layout(layout)
    check_page(page, lay.type.body_floor)
    for el in iter_elements(page.elements):  # no text at all below the 9 pt print floor
        if isinstance(el, Box) and el.text is not None:
            for par in el.text.paragraphs:
                assert all(r.font.size >= 9.0 - 0.01 for r in par.runs), (el.name, par)


@pytest.mark.parametrize("layout", INFOGRAPHICS)
@pytest.mark.parametrize("theme", list(themes()))
def test_the_builtin_pack_is_one_page_on_every_layout(pack, layout, theme):  # type: ignore[no-untyped-def]
    doc = compose_infographic(pack, pack.default_section_ids(), get_layout(layout),
                              get_theme(theme))
    (page,) = doc.pages
    _check_floor(page, layout)
    assert page.alt
    assert not any("no room" in n for n in doc.notices)


@pytest.mark.parametrize("layout", INFOGRAPHICS)
@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_the_test_packs_are_one_page_with_everything_in_order(path, layout):  # type: ignore[no-untyped-def]
    p = _load(path)
    ids = [s.id for s in p.sections]
    doc = compose_infographic(p, ids, get_layout(layout), get_theme("default"))
    (page,) = doc.pages
    _check_floor(page, layout)
    titles = [s.title for s in p.sections if s.kind != "title"]
    assert _reading_order(page) == titles  # every section, in the pack's order


@pytest.mark.parametrize("layout", INFOGRAPHICS)
def test_a_teachers_nine_sections_fit_one_page(teacher, layout):  # type: ignore[no-untyped-def]
    ids = teacher.default_section_ids()
    doc = compose_infographic(teacher, ids, get_layout(layout), get_theme("default"))
    (page,) = doc.pages
    _check_floor(page, layout)
    assert _reading_order(page) == [s.title for s in teacher.sections if s.kind != "title"]
    assert not any("no room" in n for n in doc.notices)


def test_the_builtin_pack_keeps_its_diagrams_and_numbers_on_a4(pack):  # type: ignore[no-untyped-def]
    """Designed, not squeezed: one A4 page with diagrams, numbers and every takeaway."""
    doc = compose_infographic(pack, pack.default_section_ids(), get_layout("a4-portrait"),
                              get_theme("default"))
    (page,) = doc.pages
    groups = [e for e in page.elements if isinstance(e, Group)]
    assert len(groups) >= 2 and len(_boxes(page, "Key statistic")) >= 2
    # The long pathway is a numbered flow with every step's label, whole.
    (flow,) = _boxes(page, "Compact pathway")
    text = "".join(r.text for p in flow.text.paragraphs for r in p.runs)  # type: ignore[union-attr]
    d = next(b for b in pack.section("neuroinflammation").blocks
             if isinstance(b, PathwayDiagram))
    for n, s in enumerate(d.steps, start=1):
        assert f"{n}\u00a0" in text and s.label.replace(" ", "\u00a0") in text.replace(" ", "\u00a0")
    assert "…" not in text
    assert {"Title band", "Sources", "Takeaway", "Section heading"} <= {
        e.name for e in iter_elements(page.elements) if isinstance(e, Box)}


def test_no_statistic_jumps_above_its_section(pack):  # type: ignore[no-untyped-def]
    page = compose_infographic(pack, pack.default_section_ids(), get_layout("a4-portrait"),
                               get_theme("default")).pages[0]
    heads = sorted(_boxes(page, "Section heading"), key=lambda b: (round(b.x), b.y))
    for card in _boxes(page, "Key statistic"):
        above = [h for h in heads if round(h.x) == round(card.x) and h.y < card.y]
        assert above, "a statistic above every heading of its column"


def test_text_scales_down_to_the_floor_and_no_further(teacher):  # type: ignore[no-untyped-def]
    lay = get_layout("letter-portrait")
    plan, _, _ = plan_infographic(teacher, teacher.default_section_ids(), lay,
                                  get_theme("default"))
    assert lay.type.body_floor / lay.type.body - 1e-4 <= plan.scale <= 1.0
    page = compose_infographic(teacher, teacher.default_section_ids(), lay,
                               get_theme("default")).pages[0]
    sizes = {r.font.size for b in _boxes(page, "Takeaway") for p in b.text.paragraphs  # type: ignore[union-attr]
             for r in p.runs}
    assert min(sizes) >= lay.type.body_floor - 0.01


def test_what_cannot_fit_is_named_and_more_pages_take_it(make_pack):  # type: ignore[no-untyped-def]
    long = " ".join(["A long takeaway that a teacher wrote about this part of the topic."] * 3)
    sections = {
        f"s{n:02d}.yaml": f"id: s{n:02d}\ntitle: Part {n}\nsummary: Part {n}.\n"
        f"takeaway: {long}\nnotes: N.\n" for n in range(1, 41)
    }
    p = _load(make_pack(sections=sections))
    ids = [s.id for s in p.sections]
    lay = get_layout("square-1080")
    doc = compose_infographic(p, ids, lay, get_theme("default"))
    assert len(doc.pages) == 1
    (note,) = [n for n in doc.notices if "no room" in n]
    assert note.startswith("the infographic has no room on one page for ")
    assert "'Part 11'" in note and " and 18 more; " in note  # the last ones, at equal priority
    assert "--pages 2" in note and "Fit on one page" in note
    shown = _reading_order(doc.pages[0])
    assert shown == [f"Part {n}" for n in range(1, len(shown) + 1)]
    # More pages: everything, pages each at least half full except the last.
    plan, _, _ = plan_infographic(p, ids, lay, get_theme("default"), pages=20)
    assert not plan.state.left_out
    assert all(pp.fill >= 0.5 for pp in plan.pages[:-1])
    doc = compose_infographic(p, ids, lay, get_theme("default"), pages=20)
    assert len(doc.pages) == len(plan.pages) > 1
    order = [t for page in doc.pages for t in _reading_order(page)]
    assert order == [f"Part {n}" for n in range(1, 41)]
    for page in doc.pages:
        _check_floor(page, "square-1080")


@pytest.mark.parametrize("layout", ["a4-portrait", "square-1080"])
def test_two_pages_are_each_at_least_half_full_but_the_last(teacher12, layout):  # type: ignore[no-untyped-def]
    ids = teacher12.default_section_ids()
    plan, content, _ = plan_infographic(teacher12, ids, get_layout(layout),
                                        get_theme("default"), pages=2)
    one, _, _ = plan_infographic(teacher12, ids, get_layout(layout), get_theme("default"))
    assert len(plan.pages) <= 2
    assert all(pp.fill >= 0.5 for pp in plan.pages[:-1])
    assert len(plan.given_up) <= len(one.given_up)  # more room, no less shown
    doc = compose_infographic(teacher12, ids, get_layout(layout), get_theme("default"), pages=2)
    order = [t for page in doc.pages for t in _reading_order(page)]
    assert order == [s.title for s in content if content.index(s) not in plan.state.left_out]
    for page in doc.pages:
        _check_floor(page, layout)


def test_priority_and_show_decide_what_goes(teacher12):  # type: ignore[no-untyped-def]
    ids = teacher12.default_section_ids()
    plan, content, _ = plan_infographic(teacher12, ids, get_layout("square-1080"),
                                        get_theme("default"))
    parts = {content[i].id: p for i, p in enumerate(plan.state.parts)}
    # numbers: show [takeaway, diagram, stat], priority 2: the stat (it has none) is not
    # asked for, the diagram outlives every priority-3 section's diagram.
    assert "stat" not in parts["numbers"]
    kept = {content[i].id for i, p in enumerate(plan.state.parts) if "diagram" in p}
    weaker = {s.id for s in content if (s.infographic.priority if s.infographic else 3) > 2}
    if kept & weaker:
        assert "numbers" in kept
    # habits shows a picture only: never a stat or a quote it did not list.
    assert set(parts["habits"]) <= {"takeaway", "picture"}


def test_a_picture_and_a_quote_are_shown_when_there_is_room(teacher):  # type: ignore[no-untyped-def]
    lay = get_layout("web-tall-1080")  # room to spare: everything asked for is shown
    page = compose_infographic(teacher, teacher.default_section_ids(), lay,
                               get_theme("default")).pages[0]
    pics = [e for e in iter_elements(page.elements) if e.__class__.__name__ == "Picture"]
    assert len(pics) == 1 and pics[0].alt == "A drawing of a runner"  # type: ignore[attr-defined]
    (quote,) = _boxes(page, "Quote")
    assert "capillaries" in "".join(r.text for r in quote.text.paragraphs[0].runs)  # type: ignore[union-attr]
    _check_floor(page, "web-tall-1080")


def test_a_takeaway_that_restates_the_statistic_is_not_said_twice(make_pack):  # type: ignore[no-untyped-def]
    section = """\
id: fruit
title: Fruit
summary: Few eat enough.
takeaway: 80–95% of children do not eat enough fruit.
notes: N.
blocks:
  - type: stat
    value: 80
    value_high: 95
    unit: "%"
    label: of children do not eat enough fruit
    uncited: true
"""
    p = _load(make_pack(sections={"fruit.yaml": section}))
    page = compose_infographic(p, ["fruit"], get_layout("a4-portrait"),
                               get_theme("default")).pages[0]
    assert _boxes(page, "Key statistic") and not _boxes(page, "Takeaway")


def test_the_same_inputs_make_the_same_pages(teacher12):  # type: ignore[no-untyped-def]
    ids = teacher12.default_section_ids()
    a = compose_infographic(teacher12, ids, get_layout("a4-portrait"), get_theme("default"))
    b = compose_infographic(teacher12, ids, get_layout("a4-portrait"), get_theme("default"))
    assert a == b


def test_single_section(pack):  # type: ignore[no-untyped-def]
    doc = compose_infographic(
        pack, ["neuroinflammation"], get_layout("square-1080"), get_theme("high-contrast")
    )
    assert len(doc.pages) == 1
    check_page(doc.pages[0], 9.0)


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_any_choice_of_sections_is_one_page_in_order(pack, data):  # type: ignore[no-untyped-def]
    ids = [s.id for s in pack.sections]
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids),
                                unique=True))
    chosen = [i for i in ids if i in chosen]  # the pack's order
    layout = data.draw(st.sampled_from(INFOGRAPHICS))
    doc = compose_infographic(pack, chosen, get_layout(layout), get_theme("default"))
    (page,) = doc.pages
    _check_floor(page, layout)
    content = [pack.section(i).title for i in chosen if pack.section(i).kind != "title"]
    assert _reading_order(page) == content
