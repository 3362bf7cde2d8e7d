"""Fidelity: what Infodeck draws is what LibreOffice shows from the exported deck.

Each slide of the built-in deck is drawn by our matplotlib backend and, from the .pptx,
by LibreOffice (soffice → PDF → pdftoppm), both at 960 × 540 px, in grayscale, softened by
a 3 px box blur so anti-aliasing does not count, then compared with SSIM (structural
similarity; 1.0 is identical). The floors below were measured on this deck; a slide that
drifts below its floor fails. ``python tests/render/test_fidelity.py`` prints the figures
and writes the side-by-side picture in docs/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.render.mpl import render_page
from infodeck.render.pptx import write_pptx
from infodeck.resources import builtin_pack_dir
from infodeck.scene.elements import Document

SIZE = (960, 540)
# Lowest SSIM accepted for any slide, and for the deck's mean. Text-heavy slides score
# lower than diagrams (a bullet glyph or a line break a word apart moves many pixels);
# measured 2026-11-25: min 0.78, mean 0.87.
SLIDE_FLOOR = 0.75
MEAN_FLOOR = 0.84


def _blur(a: np.ndarray, k: int = 3) -> np.ndarray:
    padded = np.pad(a, k // 2, mode="edge")
    return sliding_window_view(padded, (k, k)).mean(axis=(-1, -2))


def _gray(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return _blur(np.asarray(im.convert("L").resize(SIZE), dtype=float) / 255)


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Global SSIM of two grayscale images in 0..1."""
    ma, mb = a.mean(), b.mean()
    cov = ((a - ma) * (b - mb)).mean()
    c1, c2 = 0.01**2, 0.03**2
    num = (2 * ma * mb + c1) * (2 * cov + c2)
    return float(num / ((ma**2 + mb**2 + c1) * (a.var() + b.var() + c2)))


def _deck() -> Document:
    pack = load_pack(builtin_pack_dir()).pack
    assert pack is not None
    ids = [s.id for s in pack.sections if s.default]
    return compose_deck(pack, ids, get_layout("deck-16x9"), get_theme("default"))


def render_both(out: Path) -> list[tuple[str, Path, Path]]:
    """(slide title, our PNG, LibreOffice's PNG) for every slide of the built-in deck."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    assert soffice and pdftoppm, "LibreOffice and poppler-utils are needed; CI installs them"
    doc = _deck()
    write_pptx(doc, out / "deck.pptx")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(out / "deck.pptx")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    subprocess.run(
        [pdftoppm, "-png", "-scale-to-x", str(SIZE[0]), "-scale-to-y", str(SIZE[1]),
         str(out / "deck.pdf"), str(out / "lo")],
        check=True,
        timeout=300,
    )
    theirs = sorted(out.glob("lo-*.png"))
    assert len(theirs) == len(doc.pages), "LibreOffice must show one page per slide"
    rows = []
    for i, page in enumerate(doc.pages):
        ours = out / f"ours-{i + 1:02d}.png"
        render_page(page, ours, "png", 72 * SIZE[0] / page.width)
        rows.append((page.title, ours, theirs[i]))
    return rows


@pytest.mark.office
@pytest.mark.slow
def test_libreoffice_shows_what_we_draw(tmp_path: Path) -> None:
    scores = {title: ssim(_gray(a), _gray(b)) for title, a, b in render_both(tmp_path)}
    low = {t: round(s, 3) for t, s in scores.items() if s < SLIDE_FLOOR}
    assert not low, f"slides drifted from what LibreOffice shows: {low}"
    mean = sum(scores.values()) / len(scores)
    assert mean >= MEAN_FLOOR, f"mean SSIM {mean:.3f} < {MEAN_FLOOR}"


if __name__ == "__main__":  # each slide's score (docs/make_images.py draws docs/fidelity.png)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        rows = render_both(Path(tmp))
        for n, (title, a, b) in enumerate(rows, start=1):
            print(f"{n:2d}  {ssim(_gray(a), _gray(b)):.3f}  {title}")
    sys.exit(0)
