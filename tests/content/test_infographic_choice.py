"""A section's say on the infographic: ``infographic: {show, priority}``, checked on load."""

from __future__ import annotations

import pytest

from infodeck.content.load import load_pack

SECTION = """\
id: intro
title: Introduction
summary: What this is about.
notes: Say hello.
{line}
blocks:
  - type: stat
    value: 5
    label: things
    uncited: true
"""


def test_a_section_says_what_it_shows_and_how_much_it_matters(make_pack):  # type: ignore[no-untyped-def]
    line = "infographic: {show: [stat, takeaway], priority: 1}"
    r = load_pack(make_pack({"intro.yaml": SECTION.format(line=line)}))
    assert r.pack is not None, r.problems
    choice = r.pack.sections[0].infographic
    assert choice is not None and choice.show == ["stat", "takeaway"] and choice.priority == 1


def test_without_it_a_section_shows_everything_at_priority_3(make_pack):  # type: ignore[no-untyped-def]
    r = load_pack(make_pack({"intro.yaml": SECTION.format(line="")}))
    assert r.pack is not None and r.pack.sections[0].infographic is None


@pytest.mark.parametrize(("line", "col", "where", "message"), [
    ("infographic: {show: [takeaway, chart]}", 32, "infographic.show[1]",
     "must be one of 'takeaway', 'stat', 'diagram', 'picture', 'quote' (got 'chart')"),
    ("infographic: {priority: 9}", 25, "infographic.priority", "5"),
    ("infographic: {show: [stat, stat]}", 21, "infographic.show", "'stat' more than once"),
    ("infographic: {shows: [stat]}", 15, "infographic.shows", "unknown field 'shows'"),
    ("infographic: {show: []}", 21, "infographic.show", "at least 1"),
])
def test_mistakes_are_reported_where_they_are(make_pack, line, col, where, message):  # type: ignore[no-untyped-def]
    r = load_pack(make_pack({"intro.yaml": SECTION.format(line=line)}))
    assert r.pack is None
    (err,) = r.errors
    assert (err.line, err.col) == (5, col), str(err)
    assert err.where == f"sections[0].{where}"
    assert message in err.message, err.message
