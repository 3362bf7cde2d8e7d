"""Shared helpers for the editor's tests: pictures to add, a pack made from nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    """A small PNG outside any pack, as a teacher's download would be."""
    path = tmp_path / "downloads" / "Leaf Photo.png"
    path.parent.mkdir(parents=True)
    img = Image.new("RGB", (64, 48), (30, 140, 60))
    img.save(path)
    return path
