"""Checks across files: pictures that are not found get the path looked for and a near name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from infodeck.content.load import load_pack

from conftest import SECTION


def _pic(path: str) -> str:
    return SECTION + f"  - type: picture\n    path: {path}\n    alt: A leaf\n    uncited: true\n"


@pytest.fixture
def pack_with_leaf(make_pack):
    def make(written: str) -> Path:
        root = make_pack({"intro.yaml": _pic(written)})
        (root / "images").mkdir()
        Image.new("RGB", (4, 4), "green").save(root / "images" / "leaf.png")
        return root

    return make


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("images/Leaf.png", "the file is named 'leaf.png': write 'images/leaf.png' (capitals "
                            "must match exactly)"),
        ("Images/leaf.png", "the folder is named 'images': write 'images/leaf.png' (capitals "
                            "must match exactly)"),
        ("images/leaf.jpg", "did you mean 'images/leaf.png'?"),
        ("images/lef.png", "did you mean 'images/leaf.png'?"),
        ("images/tree.png", "there is no file 'tree.png' in images"),
        ("pictures/tree.png", "there is no folder 'pictures' in the pack folder"),
    ],
)
def test_a_picture_not_found_names_the_path_and_a_near_match(pack_with_leaf, written, hint):
    (err,) = load_pack(pack_with_leaf(written)).errors
    assert err.where == "sections[0].blocks[1].path"
    assert err.message.startswith(f"picture not found: looked for '{written}' (")
    assert err.message.endswith("; " + hint), err.message
    assert str(Path(*written.split("/"))) in err.message  # the full path looked for


def test_unclosed_bold_is_a_warning_at_its_line_and_column(make_pack):
    sec = (
        "id: s\ntitle: S\nsummary: s\nnotes: n\nblocks:\n"
        "  - type: text\n    text: Plants need **light and 2 * 3 and note*\n    uncited: true\n"
        "  - type: bullets\n    uncited: true\n    items:\n      - \"**closed** fine, \\\\* a star\"\n"
    )
    result = load_pack(make_pack({"s.yaml": sec}))
    assert result.pack is not None and not result.errors
    found = [p for p in result.problems if "never closed" in p.message]
    assert len(found) == 1, [str(p) for p in result.problems]
    (w,) = found
    assert (w.line, w.col, w.severity) == (7, 23, "warning")
    assert "'**' starts bold text that is never closed" in w.message
    assert "write \\* for an asterisk" in w.message


def test_a_long_word_is_measured_without_its_markers(make_pack):
    word = "a" * 49
    sec = (
        "id: s\ntitle: S\nsummary: s\nnotes: n\nblocks:\n"
        f"  - type: text\n    text: 'The **{word}** word and *{word}b*'\n    uncited: true\n"
    )
    result = load_pack(make_pack({"s.yaml": sec}))
    assert not [p for p in result.problems if "longer than a line" in p.message]
    sec = sec.replace(f"*{word}b*", f"*{word}bc*")
    (w,) = [p for p in load_pack(make_pack({"t.yaml": sec}, name="t")).problems
            if "longer than a line" in p.message]
    assert "a word of 51 characters" in w.message
