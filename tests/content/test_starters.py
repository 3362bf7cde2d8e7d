"""Starters validate, and a pack made only of starters composes without a problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.edit.document import PackDocument
from infodeck.content.edit.starters import (
    BLOCK_TYPES,
    DIAGRAM_KINDS,
    SECTION_KINDS,
    StarterError,
    block_starter,
    section_starter,
)
from infodeck.content.load import load_pack

import checks  # tests/checks.py: the geometric checks every composed page must pass


def _picture(path: Path) -> Path:
    Image.new("RGB", (400, 300), (90, 160, 90)).save(path)
    return path


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
    for name in BLOCK_TYPES + DIAGRAM_KINDS:
        if name != "picture":
            doc.add_block(mixed, block_starter(name))
    assert doc.problems == []
    doc.save()
    return root


def test_a_pack_of_starters_loads_and_composes_cleanly(starters_pack: Path) -> None:
    result = load_pack(starters_pack)
    assert result.problems == [] and result.pack is not None
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
    for name in BLOCK_TYPES + DIAGRAM_KINDS:
        if name == "picture":
            with pytest.raises(StarterError, match="needs a picture"):
                block_starter(name)
            continue
        adapter.validate_python(block_starter(name))
    for kind in SECTION_KINDS:
        Section.model_validate(section_starter(kind))
    with pytest.raises(StarterError, match="choose from"):
        section_starter("timeline")
