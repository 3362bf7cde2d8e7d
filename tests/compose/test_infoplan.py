"""The one-page planner's decisions, from block heights alone (nothing drawn)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infodeck.compose.infoplan import Entry, Planner, columns, scales

ALL = ("takeaway", "stat", "diagram", "picture", "quote")
SIZES = {"heading": 20.0, "takeaway": 30.0, "stat": 60.0, "diagram": 150.0,
         "picture": 100.0, "quote": 40.0}


def _measure(entries: list[Entry], factors: tuple[float, ...]):  # type: ignore[no-untyped-def]
    def measure(i: int, parts: tuple[str, ...], compact: bool, scale: int) -> float:
        h = SIZES["heading"] + sum(SIZES[p] for p in parts)
        if compact and "diagram" in parts:
            h -= 100
        return h * factors[scale] + 5 * len(parts)

    return measure


def _planner(entries: list[Entry], room: float = 600, pages: int = 1, ncols: int = 2) -> Planner:
    f = scales(11, 9)
    return Planner(entries, _measure(entries, f), (room, room + 50), ncols, 10, f, pages)


def _entries(n: int, **kw: object) -> list[Entry]:
    return [Entry(f"s{i}", f"S{i}", kw.get("wanted", ALL), kw.get("priority", 3),  # type: ignore[arg-type]
                  bool(kw.get("pathway", False))) for i in range(n)]


def test_scales_end_at_the_floor() -> None:
    f = scales(11, 9)
    assert f[0] == 1.0 and f[-1] == pytest.approx(9 / 11, abs=1e-4)
    assert list(f) == sorted(f, reverse=True)
    assert scales(9, 9) == (1.0,)


def test_columns_keep_order_and_balance() -> None:
    tallest, cuts = columns([100, 100, 100, 100], 2, 10)
    assert cuts == [2] and tallest == 210
    tallest, cuts = columns([300, 50, 50], 2, 10)
    assert cuts == [1] and tallest == 300
    assert columns([], 2, 10) == (0.0, [])


def test_a_roomy_page_keeps_everything() -> None:
    plan = _planner(_entries(2), room=2000).plan()
    assert plan.state.parts == (ALL, ALL) and plan.scale == 1.0 and not plan.given_up
    assert len(plan.pages) == 1


def test_extras_go_first_then_pathways_compact_then_text_shrinks() -> None:
    entries = _entries(4, pathway=True)
    # Two blocks a column: 2 × 425 + 10 with everything, 2 × 275 + 10 without extras.
    plan = _planner(entries, room=700).plan()
    assert {p for _, p in plan.given_up} <= {"picture", "quote"} and plan.given_up
    assert plan.scale == 1.0 and not plan.state.compact
    # Tighter: the pathways become compact flows (100 less each) before text shrinks.
    plan = _planner(entries, room=500).plan()
    assert {p for _, p in plan.given_up} <= {"picture", "quote"}
    assert plan.state.compact and plan.scale == 1.0
    # Tighter still: text shrinks (not below the floor) before a diagram or stat goes.
    plan = _planner(entries, room=330).plan()
    assert {p for _, p in plan.given_up} <= {"picture", "quote"}
    assert 9 / 11 - 1e-4 <= plan.scale < 1.0


def test_the_least_important_section_gives_up_first() -> None:
    entries = _entries(6, wanted=("takeaway", "stat", "diagram"))
    entries[0] = Entry("s0", "S0", ("takeaway", "stat", "diagram"), 1)
    entries[5] = Entry("s5", "S5", ("takeaway", "stat", "diagram"), 5)
    plan = _planner(entries, room=650).plan()
    assert plan.state.parts[0] == ("takeaway", "stat", "diagram")
    assert "diagram" not in plan.state.parts[5]
    # Parts go from the end of the show list: the stat outlives the diagram.
    for parts in plan.state.parts:
        assert parts == ("takeaway", "stat", "diagram")[: len(parts)]


def test_what_cannot_fit_is_left_out_and_the_rest_keep_their_order() -> None:
    plan = _planner(_entries(40, wanted=("takeaway",)), room=300).plan()
    assert plan.state.left_out
    shown = [i for p in plan.pages for c in p.columns for i in c]
    assert shown == sorted(shown) and not set(shown) & plan.state.left_out
    assert max(plan.state.left_out) == 39  # the last sections go first, at equal priority


def test_more_pages_give_room_back() -> None:
    entries = _entries(8)
    one = _planner(entries, room=700).plan()
    two = _planner(entries, room=700, pages=3).plan()
    assert len(one.given_up) > len(two.given_up)
    assert 1 < len(two.pages) <= 3
    assert all(p.fill >= 0.5 for p in two.pages[:-1])


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.sampled_from([("takeaway",), ("takeaway", "stat"), ALL,
                                    ("diagram", "takeaway"), ("takeaway", "picture")]),
                   min_size=1, max_size=16),
    priorities=st.lists(st.integers(1, 5), min_size=16, max_size=16),
    pages=st.integers(1, 4),
    ncols=st.integers(1, 3),
    room=st.floats(150, 1200),
)
def test_any_plan_keeps_order_fits_and_is_repeatable(sizes, priorities, pages, ncols, room):  # type: ignore[no-untyped-def]
    entries = [Entry(f"s{i}", f"S{i}", w, priorities[i], "diagram" in w)
               for i, w in enumerate(sizes)]
    planner = _planner(entries, room=room, pages=pages, ncols=ncols)
    plan = planner.plan()
    assert plan == _planner(entries, room=room, pages=pages, ncols=ncols).plan()
    shown = [i for p in plan.pages for c in p.columns for i in c]
    assert shown == sorted(shown)  # the pack's order is the reading order
    assert set(shown) | plan.state.left_out == set(range(len(entries)))
    assert len(plan.pages) <= pages
    for k, p in enumerate(plan.pages):
        assert len(p.columns) == ncols
        assert all(h <= p.room + 1e-6 for h in p.heights)
        if k < len(plan.pages) - 1:
            assert p.fill >= 0.5
    for i, parts in enumerate(plan.state.parts):
        assert parts == entries[i].wanted[: len(parts)] or set(parts) <= set(entries[i].wanted)
        assert parts  # a section shown shows something
