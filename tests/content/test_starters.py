"""Starters validate, and a pack made only of starters composes without a problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.edit.document import PackDocument
from infodeck.content.load import load_pack
from infodeck.content.problems import Problem
from infodeck.content.starters import (
    BLOCK_TYPES,
    DIAGRAM_KINDS,
    QUIZ_KINDS,
    SECTION_KINDS,
    StarterError,
    block_starter,
    section_starter,
)

import checks  # tests/checks.py: the geometric checks every composed page must pass


def _picture(path: Path) -> Path:
    Image.new("RGB", (400, 300), (90, 160, 90)).save(path)
    return path


def _not_example_text(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if "replace the example text" not in p.message]


@pytest.fixture
def starters_pack(tmp_path: Path) -> Path:
    root = tmp_path / "starters"
    doc = PackDocument.new(root, title="Every starter", subtitle="Made by the tests")
    for kind in SECTION_KINDS:
        if kind == "picture":
            doc.add_picture_section(
                _picture(tmp_path / "leaf.png"),
                alt="A green square standing in for a photo",
                credit="Photo: the test suite",
                licence="CC BY 4.0",
            )
        else:
            doc.add_section(section_starter(kind))
    mixed = doc.add_section(section_starter("text", "Every block"))
    for name in BLOCK_TYPES + DIAGRAM_KINDS + QUIZ_KINDS:
        if name != "picture":
            doc.add_block(mixed, block_starter(name))
    assert _not_example_text(doc.problems) == []
    doc.save()
    return root


def test_a_pack_of_starters_loads_and_composes_cleanly(starters_pack: Path) -> None:
    result = load_pack(starters_pack)
    assert _not_example_text(result.problems) == [] and result.pack is not None
    pack = result.pack
    assert len(pack.sections) == len(SECTION_KINDS) + 2
    ids = [s.id for s in pack.sections]
    theme = get_theme("default")
    deck_layout = get_layout("deck-16x9", "deck")
    deck = compose_deck(pack, ids, deck_layout, theme)
    info_layout = get_layout("a4-portrait", "infographic")
    info = compose_infographic(pack, ids, info_layout, theme)
    for page in deck.pages:
        checks.check_page(page, min(deck_layout.type.body_floor, 9))
    for page in info.pages:
        checks.check_page(page, min(info_layout.type.body_floor, 9))
    # One section of each kind fits its slide: only the section with every block runs on.
    assert all("every-block" in n or "references" in n for n in deck.notices), deck.notices


def test_every_starter_is_valid_alone() -> None:
    from pydantic import TypeAdapter

    from infodeck.content.model import Block, Section

    adapter: TypeAdapter[object] = TypeAdapter(Block)
    for name in BLOCK_TYPES + DIAGRAM_KINDS + QUIZ_KINDS:
        if name == "picture":
            with pytest.raises(StarterError, match="needs a picture"):
                block_starter(name)
            continue
        adapter.validate_python(block_starter(name))
    for kind in SECTION_KINDS:
        Section.model_validate(section_starter(kind))
    with pytest.raises(StarterError, match="choose from"):
        section_starter("timeline")


def test_no_starter_text_reaches_the_output_unannounced(tmp_path: Path) -> None:
    """Optional text starts empty; required example text is a warning until replaced."""
    doc = PackDocument.new(tmp_path / "p", title="Plants", audience="Year 7", author="Ms Rivera")
    rel = doc.add_section(section_starter("pathway", "How plants grow"))
    assert "takeaway" not in doc.get(rel)  # nothing under Takeaways on the infographic
    doc.save()
    warned = {
        (Path(p.file).name, p.where): p
        for p in load_pack(tmp_path / "p").warnings
        if "replace the example text" in p.message
    }
    summary = warned[(Path(rel).name, "sections[1].summary")]
    assert (summary.line, summary.col) == (3, 10)
    assert summary.message.startswith("'One line that says what this section is about.' is a")
    assert (Path(rel).name, "sections[1].blocks[0].title") in warned
    assert (Path(rel).name, "sections[1].notes") in warned
    # Replaced, the warnings go.
    doc.set_value(rel, ("summary",), "Seeds need water, warmth and air.", typing=False)
    doc.set_value(rel, ("notes",), "Ask who has grown a bean.", typing=False)
    doc.set_value(rel, ("blocks", 0, "title"), "From seed to plant", typing=False)
    doc.set_value("sections/title.yaml", ("notes",), "Welcome.", typing=False)
    doc.set_value("sections/title.yaml", ("summary",), "How plants grow.", typing=False)
    doc.save()
    assert not [p for p in load_pack(tmp_path / "p").problems
                if "replace the example text" in p.message]
