"""A picture for the editor's tests (not a conftest: that name is the top one's)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def downloaded_picture(tmp_path: Path) -> Path:
    """A small PNG outside any pack, as a teacher's download would be."""
    path = tmp_path / "downloads" / "Leaf Photo.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (30, 140, 60)).save(path)
    return path
