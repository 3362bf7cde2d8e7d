"""Pictures are read once, at load, from a file verified to be inside the pack.

The races are made deterministic by hooking the moment between the check and the
open (or the open and the verification), where a swapped symbolic link used to win.
"""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from infodeck.content import pictures
from infodeck.content.load import load_pack
from infodeck.content.pictures import megabytes, read_picture

from conftest import SECTION

PIC = SECTION + "  - type: picture\n    path: images/x.png\n    alt: A picture\n    cite: [smith2020]\n"


def _png(path: Path, colour: str, size: tuple[int, int] = (40, 20)) -> bytes:
    Image.new("RGB", size, colour).save(path)
    return path.read_bytes()


@pytest.fixture
def pack(make_pack, tmp_path: Path) -> tuple[Path, bytes, Path]:
    """A pack with images/x.png (green) and a red picture outside it."""
    root = make_pack({"intro.yaml": PIC})
    (root / "images").mkdir()
    inside = _png(root / "images" / "x.png", "green")
    outside = tmp_path / "outside.png"
    _png(outside, "red")
    return root, inside, outside


def _hook_open(monkeypatch: pytest.MonkeyPatch, before, after=None) -> None:  # type: ignore[no-untyped-def]
    real = os.open

    def hooked(path, flags, *a, **k):  # type: ignore[no-untyped-def]
        before(Path(path))
        fd = real(path, flags, *a, **k)
        if after is not None:
            after(Path(path))
        return fd

    monkeypatch.setattr(pictures.os, "open", hooked)


def test_a_link_swapped_in_between_the_check_and_the_open_is_refused(pack, monkeypatch):
    root, _, outside = pack
    x = root / "images" / "x.png"

    def swap(_: Path) -> None:  # the check has resolved x.png inside the pack
        x.unlink()
        x.symlink_to(outside)

    _hook_open(monkeypatch, swap)
    got = read_picture(root, "images/x.png")
    assert got == "points outside the pack folder (through a symbolic link)"


def test_a_file_swapped_back_after_the_open_is_refused(pack, monkeypatch, tmp_path):
    """Opened through a swapped link, then the link replaced by an inside file again."""
    root, inside, outside = pack
    x = root / "images" / "x.png"
    keep = tmp_path / "keep.png"
    keep.write_bytes(inside)

    def to_link(_: Path) -> None:
        x.unlink()
        x.symlink_to(outside)

    def back(_: Path) -> None:
        x.unlink()
        x.write_bytes(keep.read_bytes())

    _hook_open(monkeypatch, to_link, back)
    got = read_picture(root, "images/x.png")
    assert got == "the picture file was replaced while it was being read; try again"


def test_a_pipe_in_a_pictures_place_is_refused_without_blocking(pack):
    root, _, _ = pack
    x = root / "images" / "x.png"
    x.unlink()
    os.mkfifo(x)
    result: list[object] = []
    t = threading.Thread(target=lambda: result.append(read_picture(root, "images/x.png")))
    t.start()
    t.join(5)
    if t.is_alive():  # unblock the reader so the test run ends
        os.close(os.open(x, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a picture that is a pipe blocked")
    assert result == ["not a picture file but a pipe, socket or device"]


def test_a_picture_used_twice_is_read_once(make_pack, monkeypatch):
    again = "  - type: picture\n    path: images/x.png\n    alt: Again\n    cite: [smith2020]\n"
    root = make_pack({"intro.yaml": PIC + again})
    (root / "images").mkdir()
    _png(root / "images" / "x.png", "green")
    calls: list[str] = []
    real = pictures.read_inside

    def counted(r: Path, rel: str, *a, **k):  # type: ignore[no-untyped-def]
        calls.append(rel)
        return real(r, rel, *a, **k)

    monkeypatch.setattr(pictures, "read_inside", counted)
    result = load_pack(root)
    assert result.errors == []
    assert calls == ["images/x.png"]
    assert result.pack is not None and set(result.pack.pictures) == {"images/x.png"}
    assert root / "images" / "x.png" in result.files  # watched by the window


def test_every_backend_draws_the_bytes_read_at_load(pack, tmp_path):
    """The swap the fault-injection run won 5 times in 16: after the check, before the draw."""
    from pptx import Presentation

    from infodeck.compose.deck import compose_deck
    from infodeck.compose.layouts import layouts, themes
    from infodeck.render.mpl import render_rgba
    from infodeck.render.pptx import write_pptx

    root, inside, outside = pack
    result = load_pack(root)
    assert result.pack is not None, result.problems
    x = root / "images" / "x.png"
    x.unlink()
    x.symlink_to(outside)  # now a link that leads out of the pack
    doc = compose_deck(result.pack, ["intro"], layouts()["deck-16x9"], themes()["default"])
    out = tmp_path / "deck.pptx"
    write_pptx(doc, out)
    with zipfile.ZipFile(out) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("ppt/media/")]
    assert media == [inside]
    assert len(Presentation(str(out)).slides) >= 1
    _, _, rgba = render_rgba(doc.pages[0], 72)
    colours = {rgba[i : i + 3] for i in range(0, len(rgba), 4)}
    assert bytes((0, 128, 0)) in colours and bytes((255, 0, 0)) not in colours


def test_a_bomb_swapped_in_after_load_never_reaches_an_export(pack, tmp_path, monkeypatch, capsys):
    """It gave "internal error" (exit 1); now the export draws what was read and checked."""
    from infodeck import cli
    from infodeck.content import pictures as mod

    root, inside, _ = pack
    real = mod.read_picture

    def then_swap(*a, **k):  # type: ignore[no-untyped-def]
        got = real(*a, **k)
        bomb = tmp_path / "bomb.png"
        Image.new("1", (12_000, 12_000)).save(bomb)  # 144 megapixels, a few KB
        x = root / "images" / "x.png"
        x.unlink()
        x.symlink_to(bomb)
        return got

    monkeypatch.setattr(mod, "read_picture", then_swap)
    monkeypatch.setenv("INFODECK_PROCESSES", "1")
    out = tmp_path / "out"
    assert cli.main(["export", str(root), "--out", str(out), "--formats", "pptx,png"]) == 0
    with zipfile.ZipFile(out / "test-pack.pptx") as z:
        assert [z.read(n) for n in z.namelist() if n.startswith("ppt/media/")] == [inside]


@pytest.mark.parametrize(
    ("n", "text"),
    [(25 * 2**20, "25 MB"), (20 * 2**20, "20 MB"), (int(20.5 * 2**20), "20.5 MB")],
)
def test_sizes_are_named_in_the_unit_of_the_limit(n, text):
    assert megabytes(n) == text
