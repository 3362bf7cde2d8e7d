"""The preview pipeline's caches stay bounded however long a teacher keeps toggling."""

from __future__ import annotations

import pytest

from infodeck.content.load import load_pack
from infodeck.gui.pipeline import MAX_DOCUMENTS, PreviewPipeline, PreviewSpec

from conftest import BUILTIN

SLIDE_BYTES = 1280 * 720 * 4  # one 16:9 slide at 96 dpi


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(BUILTIN).pack


def _spec(pack, ids: list[str], mode: str = "deck") -> PreviewSpec:  # type: ignore[no-untyped-def]
    layout = "deck-16x9" if mode == "deck" else "a4-portrait"
    keys = tuple((sid, f"key-{sid}") for sid in ids)
    return PreviewSpec(pack, "pack", keys, mode, layout, "default", 96.0)


def _held(pipeline: PreviewPipeline) -> int:
    return sum(im.sizeInBytes() + th.sizeInBytes() for im, th in pipeline._images.values())


def test_images_are_bounded_in_bytes_and_the_preview_on_screen_is_kept(pack):
    ids = pack.default_section_ids()
    pipeline = PreviewPipeline(max_image_bytes=3 * SLIDE_BYTES)
    first = pipeline.build(_spec(pack, ids))
    on_screen = sum(p.image.sizeInBytes() + p.thumb.sizeInBytes() for p in first.pages)
    assert on_screen > 3 * SLIDE_BYTES  # more than the bound: all of it is kept
    assert pipeline._images.nbytes == _held(pipeline) == on_screen
    again = pipeline.build(_spec(pack, ids))
    assert again.drawn == 0

    for n in range(2, len(ids)):  # smaller selections, then the whole again
        pipeline.build(_spec(pack, ids[:n], "infographic"))
        assert pipeline._images.nbytes == _held(pipeline)
        # Beyond the preview just built, at most the bound is kept.
        assert pipeline._images.nbytes <= 3 * SLIDE_BYTES + 2 * 1123 * 794 * 4 * 1.1
    last = pipeline.build(_spec(pack, ids))
    assert last.drawn > 0  # what the bound dropped is drawn again, correctly
    assert [p.title for p in last.pages] == [p.title for p in first.pages]
    assert all(
        a.image == b.image for a, b in zip(first.pages, last.pages, strict=True)
    )  # the same pixels


def test_infographics_composed_for_past_selections_are_bounded(pack):
    ids = pack.default_section_ids()
    pipeline = PreviewPipeline(max_image_bytes=0)
    for i in range(MAX_DOCUMENTS + 5):
        chosen = [sid for j, sid in enumerate(ids) if j == 0 or (i >> (j % 6)) & 1]
        pipeline._pages(_spec(pack, chosen, "infographic"))
    assert len(pipeline._documents) <= MAX_DOCUMENTS


def test_a_page_is_hashed_once_per_preview(pack, monkeypatch):
    from infodeck.scene import elements as scene

    ids = pack.default_section_ids()[:3]
    pipeline = PreviewPipeline()
    result = pipeline.build(_spec(pack, ids))
    calls = 0
    real = scene.Page.__hash__

    def counting(self):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(self)

    monkeypatch.setattr(scene.Page, "__hash__", counting)
    again = pipeline.build(_spec(pack, ids))
    assert again.drawn == 0
    assert calls == len(result.pages)


def test_the_deck_preview_carries_the_exports_notices(make_pack):
    from infodeck.compose.deck import compose_deck
    from infodeck.compose.layouts import get_layout, get_theme

    long = "A sentence that goes on and on about leaves and light and water. " * 60
    root = make_pack(
        {
            "long.yaml": f"id: long\ntitle: A long one\nsummary: Long.\nnotes: N.\n"
            f"blocks:\n  - type: text\n    text: {long}\n    cite: [smith2020]\n"
        }
    )
    long_pack = load_pack(root).pack
    assert long_pack is not None
    result = PreviewPipeline().build(_spec(long_pack, ["long"]))
    expected = compose_deck(
        long_pack, ["long"], get_layout("deck-16x9", "deck"), get_theme("default")
    ).notices
    assert any("continues on" in n for n in expected)
    assert result.notices == tuple(expected)


@pytest.mark.parametrize("harm", ["damaged", "removed", "pipe"])
def test_a_picture_harmed_after_load_is_still_drawn_as_loaded(make_pack, harm):
    """Redraws read the picture again: a damaged one raised "Something went wrong",
    a pipe put in its place blocked the preview worker for good."""
    import os

    from PIL import Image

    from infodeck.gui.model import section_keys

    from conftest import SECTION

    pic = "  - type: picture\n    path: images/x.png\n    alt: A picture\n    cite: [smith2020]\n"
    root = make_pack({"intro.yaml": SECTION + pic})
    (root / "images").mkdir()
    x = root / "images" / "x.png"
    Image.new("RGB", (40, 20), (0, 128, 0)).save(x)
    loaded = load_pack(root).pack
    assert loaded is not None
    x.unlink()
    if harm == "damaged":
        x.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    elif harm == "pipe":
        os.mkfifo(x)
    pipeline = PreviewPipeline()
    keys = tuple(section_keys(loaded).items())
    for theme in ("default", "high-contrast"):  # a redraw after the harm, too
        spec = PreviewSpec(loaded, "pack", keys, "deck", "deck-16x9", theme, 48.0)
        result = pipeline.build(spec)
        assert result.pages
        image = result.pages[0].image
        greens = sum(
            image.pixelColor(px, py).getRgb()[:3] == (0, 128, 0)
            for px in range(0, image.width(), 2)
            for py in range(0, image.height(), 2)
        )
        assert greens > 0
