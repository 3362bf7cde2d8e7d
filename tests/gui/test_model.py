"""The window's content keys: what a cached preview depends on."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from infodeck.content.load import load_pack
from infodeck.gui.model import section_keys

from conftest import SECTION

PIC = SECTION + "  - type: picture\n    path: images/x.png\n    alt: A picture\n    cite: [smith2020]\n"


def test_a_picture_saved_anew_changes_its_sections_key(make_pack) -> None:
    """The caches were keyed by YAML alone: F5 kept showing the old picture."""
    root: Path = make_pack({"intro.yaml": PIC, "other.yaml": SECTION.replace("id: intro", "id: other")})
    (root / "images").mkdir()
    Image.new("RGB", (40, 20), "green").save(root / "images" / "x.png")
    first = load_pack(root).pack
    Image.new("RGB", (40, 20), "red").save(root / "images" / "x.png")
    second = load_pack(root).pack
    assert first is not None and second is not None
    a, b = section_keys(first), section_keys(second)
    assert a["intro"] != b["intro"]
    assert a["other"] == b["other"]
