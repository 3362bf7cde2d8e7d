"""Round-trip YAML: the teacher's lines survive, edits are written in the file's style."""

from __future__ import annotations

import math

import pytest
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from infodeck.content.edit.roundtrip import (
    dump_tree,
    load_tree,
    make_yaml,
    merge_lines,
    styled,
    to_plain,
    to_tree,
)


def test_merge_is_the_new_dump_when_ruamel_wrote_the_file_as_read() -> None:
    assert merge_lines("a: 1\n", "a: 1\n", "a: 2\n") == "a: 2\n"
    assert merge_lines("a:  1\n", "a: 1\n", "a: 1\n") == "a:  1\n"


def test_merge_keeps_lines_ruamel_would_write_differently() -> None:
    original = "a:   1   # spaced\nb: two\nc: x\n  y\n"
    base = "a: 1   # spaced\nb: two\nc: x y\n"
    new = "a: 1   # spaced\nb: three\nc: x y\n"
    assert merge_lines(original, base, new) == "a:   1   # spaced\nb: three\nc: x\n  y\n"


def test_merge_inserts_and_deletes_between_kept_lines() -> None:
    original = "x:   1\nitems:\n  - a\n  - b\nz:   2\n"
    base = "x: 1\nitems:\n  - a\n  - b\nz: 2\n"
    assert merge_lines(original, base, "x: 1\nitems:\n  - a\n  - new\n  - b\nz: 2\n") == (
        "x:   1\nitems:\n  - a\n  - new\n  - b\nz:   2\n"
    )
    assert merge_lines(original, base, "x: 1\nitems:\n  - b\nz: 2\n") == (
        "x:   1\nitems:\n  - b\nz:   2\n"
    )


def test_a_change_that_cannot_be_placed_gives_the_whole_new_dump() -> None:
    original = "a:  1\nb:  2\n"
    base = "a: 1\nb: 2\n"
    new = "a: 9\nb: 2\n"
    assert merge_lines(original, base, new) == new


@pytest.mark.parametrize(
    ("text", "dump_again"),
    [
        ("a:\n  b: 1\n  c:\n    - x\n    - y\n", True),
        ("a:\n    b: 1\n    c:\n    - x\n", True),
        ("list:\n- a\n- b\n", True),
        ("k: 'single'\nd: \"double\"\nn: NO\nv: 1.10\n", True),
    ],
)
def test_files_dump_as_they_were_written(text: str, dump_again: bool) -> None:
    yaml = make_yaml(text)
    assert (dump_tree(load_tree(text, yaml), yaml) == text) is dump_again


def test_yaml_1_2_keeps_text_as_text() -> None:
    yaml = make_yaml()
    assert to_plain(load_tree("a: NO\nb: yes\nc: 1.10\n", yaml)) == {
        "a": "NO",
        "b": "yes",
        "c": 1.1,
    }


def test_values_from_forms() -> None:
    assert to_tree(80.0) == 80 and isinstance(to_tree(80.0), int)
    assert to_tree(2.5) == 2.5
    with pytest.raises(ValueError, match="finite"):
        to_tree(math.nan)
    with pytest.raises(TypeError):
        to_tree(object())
    assert isinstance(to_tree("two\nlines"), LiteralScalarString)
    assert isinstance(to_tree("x", DoubleQuotedScalarString("old")), DoubleQuotedScalarString)
    assert to_plain(to_tree({"a": [1, "b", None, True]})) == {"a": [1, "b", None, True]}


def test_a_folded_text_keeps_its_breaks_up_to_the_change() -> None:
    yaml = make_yaml()
    text = "notes: >-\n  one two three four\n  five six seven eight\n  nine ten\n"
    tree = load_tree(text, yaml)
    tree["notes"] = styled(str(tree["notes"]) + " eleven twelve thirteen", tree["notes"])
    assert isinstance(tree["notes"], FoldedScalarString)
    out = dump_tree(tree, yaml)
    assert out.startswith("notes: >-\n  one two three four\n  five six seven eight\n")
    assert to_plain(load_tree(out, yaml))["notes"] == (
        "one two three four five six seven eight nine ten eleven twelve thirteen"
    )


_ODD = (
    "id: odd\n"
    "title:   Spaced   # a comment\n"
    "summary: a plain text\n  written over two lines\n"
    "blocks:\n"
    "- type: bullets\n"
    "  items: [one,   two, 'three']\n"
    "- {type: text, text: flow style}\n"
    "-   type: stat\n"
    "    value: 5\n"
    "    label:    wide\n"
    "notes: |\n  kept\n  as is\n"
)


def _scalar_paths(node: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _scalar_paths(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _scalar_paths(v, (*path, i))]
    return [path]


def test_merged_text_always_says_what_the_tree_says() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    yaml = make_yaml(_ODD)
    paths = _scalar_paths(to_plain(load_tree(_ODD, yaml)))

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from(paths), st.text("abc xyz:#-'\"", min_size=1, max_size=12)),
            min_size=1,
            max_size=3,
        )
    )
    def check(edits: list[tuple[tuple[str | int, ...], str]]) -> None:
        tree = load_tree(_ODD, yaml)
        base = dump_tree(tree, yaml)
        for path, value in edits:
            parent = tree
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = to_tree(value.strip() or "x", parent[path[-1]])
        new = dump_tree(tree, yaml)
        merged = merge_lines(_ODD, base, new)
        assert to_plain(load_tree(merged, yaml)) == to_plain(tree)

    check()


def test_text_that_starts_with_a_colon_is_quoted_in_a_flow_list() -> None:
    """Hypothesis found it: ruamel.yaml wrote '[: a, two]', which does not parse."""
    yaml = make_yaml(_ODD)
    tree = load_tree(_ODD, yaml)
    base = dump_tree(tree, yaml)
    tree["blocks"][0]["items"][0] = to_tree(": a", tree["blocks"][0]["items"][0])
    merged = merge_lines(_ODD, base, dump_tree(tree, yaml))
    assert "items: [': a', two, 'three']" in merged
    assert to_plain(load_tree(merged, yaml))["blocks"][0]["items"] == [": a", "two", "three"]
