"""Make the README's pictures with the project's own export, as a user would see them.

    python docs/make_images.py            # writes docs/infographic.png, docs/infographic-web.png,
                                          # docs/slide-*.png, docs/icons.png, docs/water-*.png,
                                          # docs/fidelity.png, docs/classroom.png

The infographic is Infodeck's PNG, scaled for the web. The slides are what LibreOffice
shows when it opens the exported .pptx (soffice → PDF → pdftoppm), not our own drawing,
so the README shows the deck as a teacher's office suite renders it. The fidelity
figure sets three drawings of the same slides side by side: Infodeck's own, LibreOffice's
with Carlito (Calibri's metric twin), and LibreOffice's with Carlito hidden, as on a
machine without Calibri (its fonts.conf rejects Carlito; a wider font replaces it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# (slide title in the built-in deck, file name): the pathway, the chart, the pictogram.
SLIDES = {"From a leaky gut to a migraine": "slide-pathway.png",
          "Two numbers from the article": "slide-statistics.png",
          "Out of every 20 Americans": "slide-pictogram.png"}


def _run(*cmd: str, cwd: Path | None = None) -> None:
    subprocess.run(cmd, check=True, cwd=cwd, stdout=subprocess.DEVNULL)


# A sample of the icon library, a row per subject.
ICON_ROWS = (
    ("biology", ("leaf", "plant", "seedling", "tree", "flower", "dna", "cell", "microscope",
                 "butterfly", "fish", "lungs", "heart")),
    ("chemistry and physics", ("molecule", "atom", "flask", "test-tube", "flame", "magnet",
                               "bolt", "battery", "bulb", "pendulum", "wave-sine", "rocket")),
    ("earth and space", ("sun", "moon", "planet", "comet", "telescope", "cloud-rain", "water",
                         "snowflake", "wind", "volcano", "mountain", "world")),
    ("maths, data, people, school", ("calculator", "ruler", "percentage", "chart-bar",
                                     "chart-line", "chart-pie", "person", "users",
                                     "stethoscope", "apple", "school", "book")),
)


# The water-cycle test pack (built-in icons only): slide number → file name.
WATER_PACK = ROOT / "tests" / "data" / "water-cycle"
WATER_SLIDES = {1: "water-title.png", 2: "water-cycle.png", 3: "water-donut.png",
                4: "water-column.png", 5: "water-bars.png", 6: "water-line.png"}


def water_pictures(out: Path) -> None:
    """The water-cycle pack's slides as LibreOffice draws the exported deck."""
    _run(sys.executable, "-m", "infodeck", "export", str(WATER_PACK), "--out", str(out),
         "--formats", "pptx")
    _run("soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
         str(out / "water-cycle.pptx"))
    for n, name in WATER_SLIDES.items():
        stem = out / f"water{n}"
        _run("pdftoppm", "-png", "-r", "72", "-f", str(n), "-l", str(n), "-singlefile",
             str(out / "water-cycle.pdf"), str(stem))
        shutil.copyfile(stem.with_suffix(".png"), DOCS / name)


def icons_picture(path: Path) -> None:
    """docs/icons.png: library icons in the default theme's accent, each with its name."""
    from infodeck.compose.kit import Kit, frame, icon, text_box
    from infodeck.compose.layouts import get_layout, get_theme
    from infodeck.render.mpl import render_page
    from infodeck.scene.elements import Element, Page

    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    c = kit.theme.colors
    cell, top = 78.0, 16.0
    els: list[Element] = []
    for r, (subject, names) in enumerate(ICON_ROWS):
        y = top + r * (cell + 26)
        els.append(text_box(kit, 12, y, 400, None,
                            frame([kit.para(kit.run(subject, 10, c.muted, bold=True))])))
        for k, name in enumerate(names):
            x = 12 + k * cell
            mark = icon(kit, name, x + cell / 2 - 18, y + 18, 36, on=c.background, text=c.text)
            assert mark is not None, name
            els.append(mark)
            els.append(text_box(kit, x, y + 58, cell, None,
                                frame([kit.para(kit.run(name, 9, c.text), align="center")])))
    page = Page(12 * cell + 24, top + len(ICON_ROWS) * (cell + 26), c.background, tuple(els),
                title="Icons")
    render_page(page, path, "png", 144)


# (pack folder, slide number) of the slides the fidelity figure shows.
FIDELITY = ((ROOT / "content" / "gut-health-migraines", 2),
            (ROOT / "tests" / "data" / "linebreaks", 2),
            (ROOT / "tests" / "data" / "linebreaks", 4))


def _lo_page(deck: Path, n: int, out: Path, env: dict[str, str] | None) -> Image.Image:
    profile = out / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(deck)],
                   check=True, stdout=subprocess.DEVNULL, env=env)
    stem = out / f"page{n}"
    _run("pdftoppm", "-png", "-r", "48", "-f", str(n), "-l", str(n), "-singlefile",
         str(out / deck.with_suffix(".pdf").name), str(stem))
    return Image.open(stem.with_suffix(".png")).convert("RGB")


def fidelity_picture(path: Path, tmp: Path) -> None:
    """Infodeck | LibreOffice with Carlito | LibreOffice without it, a row per slide."""
    import os

    from infodeck.compose.deck import compose_deck
    from infodeck.compose.layouts import get_layout, get_theme
    from infodeck.content.load import load_pack
    from infodeck.render.mpl import render_page
    from infodeck.render.pptx import write_pptx

    fonts_conf = tmp / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="no">/etc/fonts/fonts.conf</include>'
        "<selectfont><rejectfont><pattern><patelt name=\"family\"><string>Carlito</string>"
        "</patelt></pattern></rejectfont></selectfont></fontconfig>", encoding="utf-8")
    no_carlito = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf)}
    rows: list[list[Image.Image]] = []
    for folder, n in FIDELITY:
        pack = load_pack(folder).pack
        assert pack is not None
        doc = compose_deck(pack, [s.id for s in pack.sections if s.default],
                           get_layout("deck-16x9"), get_theme("default"))
        work = tmp / f"{folder.name}-{n}"
        work.mkdir()
        deck = work / f"{folder.name}.pptx"
        write_pptx(doc, deck)
        ours = work / "ours.png"
        render_page(doc.pages[n - 1], ours, "png", 48)
        rows.append([Image.open(ours).convert("RGB"),
                     _lo_page(deck, n, work / "carlito", None),
                     _lo_page(deck, n, work / "dejavu", no_carlito)])
    w, h = 480, 270
    head = 28
    sheet = Image.new("RGB", (3 * w + 40, head + len(rows) * (h + 10) + 10), "white")
    from PIL import ImageDraw

    draw = ImageDraw.Draw(sheet)
    for c, label in enumerate(("Infodeck's drawing", "LibreOffice, Carlito",
                               "LibreOffice, Carlito hidden")):
        draw.text((10 + c * (w + 10), 8), label, fill="#1F2933")
    for r, row in enumerate(rows):
        for c, im in enumerate(row):
            sheet.paste(im.resize((w, h), Image.Resampling.LANCZOS),
                        (10 + c * (w + 10), head + r * (h + 10)))
    sheet.save(path, optimize=True)


def web_picture(path: Path) -> None:
    """docs/infographic-web.png: the built-in pack as a tall web infographic, half size."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        _run(sys.executable, "-m", "infodeck", "export", "--out", str(out), "--formats", "png",
             "--infographic", "web-tall-1080")
        info = Image.open(out / "gut-health-migraines.png")
        info.thumbnail((540, 4000), Image.Resampling.LANCZOS)
        info.save(path, optimize=True)


def classroom_picture(path: Path) -> None:
    """docs/classroom.png: a worksheet's first and last pages, its answer key, a handout page."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        _run(sys.executable, "-m", "infodeck", "export", "--out", str(out), "--formats",
             "handout,worksheet,answers")
        pages = []
        for name, page in (("worksheet", "1"), ("worksheet", "last"), ("answers", "1"),
                           ("handout", "1")):
            pdf = out / "classroom" / f"gut-health-migraines-{name}.pdf"
            if page == "last":
                info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                      check=True).stdout
                page = next(ln.split()[-1] for ln in info.splitlines()
                            if ln.startswith("Pages:"))
            stem = out / f"{name}-{page}"
            _run("pdftoppm", "-png", "-r", "50", "-f", page, "-l", page, "-singlefile",
                 str(pdf), str(stem))
            pages.append(Image.open(stem.with_suffix(".png")).convert("RGB"))
        gap = 16
        w = sum(p.width for p in pages) + gap * (len(pages) + 1)
        h = max(p.height for p in pages) + 2 * gap
        sheet = Image.new("RGB", (w, h), "#D9DEE2")
        x = gap
        for p in pages:
            sheet.paste(p, (x, gap))
            x += p.width + gap
        sheet.save(path, optimize=True)


def main() -> int:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"make_images: '{tool}' is needed (LibreOffice, poppler-utils)", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        _run(sys.executable, "-m", "infodeck", "export", "--out", str(out),
             "--formats", "pptx,png")
        info = Image.open(out / "gut-health-migraines.png")
        info.thumbnail((1240, 1754), Image.Resampling.LANCZOS)
        info.save(DOCS / "infographic.png", optimize=True)

        _run("soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
             str(out / "gut-health-migraines.pptx"))
        from pptx import Presentation

        deck = Presentation(str(out / "gut-health-migraines.pptx"))
        titles = [
            next((s.text_frame.text for s in slide.shapes
                  if s.has_text_frame and s.text_frame.text in SLIDES), "")
            for slide in deck.slides
        ]
        for title, name in SLIDES.items():
            n = titles.index(title) + 1
            stem = out / f"slide{n}"
            _run("pdftoppm", "-png", "-r", "96", "-f", str(n), "-l", str(n), "-singlefile",
                 str(out / "gut-health-migraines.pdf"), str(stem))
            shutil.copyfile(stem.with_suffix(".png"), DOCS / name)
        fidelity_picture(DOCS / "fidelity.png", out)
    icons_picture(DOCS / "icons.png")
    web_picture(DOCS / "infographic-web.png")
    classroom_picture(DOCS / "classroom.png")
    with tempfile.TemporaryDirectory() as tmp:
        water_pictures(Path(tmp))
    for name in ("infographic.png", "infographic-web.png", "icons.png", "fidelity.png",
                 "classroom.png",
                 *SLIDES.values(), *WATER_SLIDES.values()):
        print(f"wrote {DOCS / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
