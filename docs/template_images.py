"""Make the README's before/after picture of a deck built on a school's template.

    python docs/template_images.py        # writes docs/template-before-after.png

The same slides of the built-in pack, exported twice (Infodeck's own layout, then
``--template`` with the school template the tests make: a crest on the master, a dark
theme, 28 × 15.75 cm), as LibreOffice draws the decks (soffice → PDF → pdftoppm).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
SECTIONS = "title,postbiotic-metabolites,neuroinflammation"
# The title slide, a text slide with a statistic, the pathway (found by their titles).
SLIDES = ("Gut Health and Migraines", "Postbiotic metabolites and SCFAs",
          "From a leaky gut to a migraine")
WIDTH = 560  # pixels per slide in the picture


def _run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def _slides(deck: Path, tmp: Path) -> list[Image.Image]:
    _run("soffice", f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp), str(deck))
    pdf = tmp / (deck.stem + ".pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    out = []
    for want in SLIDES:
        n = next(i for i, text in enumerate(pages, start=1) if want in text)
        stem = tmp / f"{deck.parent.name}-{n}"
        _run("pdftoppm", "-r", "110", "-png", "-singlefile", "-f", str(n), "-l", str(n),
             str(pdf), str(stem))
        im = Image.open(f"{stem}.png").convert("RGB")
        out.append(im.resize((WIDTH, round(im.height * WIDTH / im.width)), Image.LANCZOS))
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from school_template import make_school_template

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        school = make_school_template(tmp / "school.pptx")
        rows = []
        for name, extra in (("before", ["--template", "none"]),
                            ("after", ["--template", str(school)])):
            _run(sys.executable, "-m", "infodeck", "export", "--quiet", "--out",
                 str(tmp / name), "--formats", "pptx", "--sections", SECTIONS, *extra)
            rows.append(_slides(tmp / name / "gut-health-migraines.pptx", tmp))
        font = ImageFont.truetype(str(ROOT / "assets" / "fonts" / "Carlito-Bold.ttf"), 22)
        gap, label = 12, 36
        height = max(im.height for im in rows[0])
        sheet = Image.new("RGB", (gap + len(SLIDES) * (WIDTH + gap),
                                  2 * (label + height + gap)), "white")
        draw = ImageDraw.Draw(sheet)
        for r, (title, slides) in enumerate(zip(
                ("Infodeck's own layout and theme",
                 "--template school.pptx: its masters, size, colours, fonts and crest"),
                rows, strict=True)):
            top = r * (label + height + gap)
            draw.text((gap, top + 6), title, fill="#1F2933", font=font)
            for i, im in enumerate(slides):
                sheet.paste(im, (gap + i * (WIDTH + gap), top + label))
        sheet.save(DOCS / "template-before-after.png", optimize=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
