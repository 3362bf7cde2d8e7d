"""LibreOffice as a second opinion: convert decks, read where it put every word.

Shared by the tests that compare our lines with LibreOffice's and look for text
that overlaps when fonts are missing. Each deck is converted once per font setup
(the conversion is the slow part); everything else reads the PDF's word boxes
(``pdftotext -bbox-layout``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from infodeck.scene import fonts
from infodeck.scene.elements import Box, Icon, Page, Picture, iter_elements

XHTML = "{http://www.w3.org/1999/xhtml}"


def tools_or_fail() -> None:
    """The office tests need LibreOffice and poppler: without them they fail, never skip."""
    missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
    assert not missing, f"needed for the office tests: {', '.join(missing)} (see README)"


def convert(deck: Path, out: Path, *, fontconfig: Path | None = None) -> Path:
    """``deck`` as a PDF made by LibreOffice (a private profile; optionally other fonts)."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    profile = out / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(deck)],
        check=True, capture_output=True, timeout=300, env=env,
    )
    pdf = out / (deck.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice made no PDF of {deck}"
    return pdf


def fontconfig_without(family: str, folder: Path) -> Path:
    """A fontconfig file: the system's configuration, with ``family`` hidden.

    LibreOffice then substitutes another font for Calibri, as on a machine without
    Calibri or Carlito (Keynote, a Chromebook, a bare Linux).
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <include ignore_missing=\"no\">/etc/fonts/fonts.conf</include>\n"
        f"  <cachedir>{folder / 'cache'}</cachedir>\n"
        "  <selectfont><rejectfont><pattern>"
        f'<patelt name="family"><string>{family}</string></patelt>'
        "</pattern></rejectfont></selectfont>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def words(pdf: Path) -> list[list[Word]]:
    """Every page's words with their boxes (points, from the top-left corner)."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        check=True, capture_output=True, timeout=120,
    ).stdout
    root = etree.fromstring(html, etree.XMLParser(recover=True))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        pages.append([
            Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(f"{XHTML}word")
        ])
    return pages


def text_area(b: Box) -> tuple[float, float, float, float]:
    tf = b.text
    assert tf is not None
    return (b.x + tf.inset_l, b.y + tf.inset_t, b.right - tf.inset_r, b.bottom - tf.inset_b)


def text_boxes(page: Page) -> list[Box]:
    return [
        el for el in iter_elements(page.elements)
        if isinstance(el, Box) and el.text is not None
        and any(r.text.strip() for p in el.text.paragraphs for r in p.runs)
    ]


def signature(text: str) -> str:
    """A line's letters, in any order: bidi and word splitting do not matter, wrapping does."""
    t = unicodedata.normalize("NFKC", text).replace("\xad", "-")
    return "".join(sorted(ch for ch in t if not ch.isspace()))


def our_lines(b: Box) -> list[str]:
    assert b.text is not None
    return [
        "".join(s.text for s in line.segments)
        for par in b.text.paragraphs for line in par.lines if line.segments
    ]


def assign(page_words: list[Word], boxes: list[Box], tol: float = 2.0) -> dict[int, list[Word]]:
    """Each word to the smallest text area holding its centre (index into ``boxes``)."""
    areas = [text_area(b) for b in boxes]
    out: dict[int, list[Word]] = {}
    for w in page_words:
        best = None
        for i, (x0, y0, x1, y1) in enumerate(areas):
            if x0 - tol <= w.cx <= x1 + tol and y0 - tol <= w.cy <= y1 + tol:
                size = (x1 - x0) * (y1 - y0)
                if best is None or size < best[0]:
                    best = (size, i)
        if best is not None:
            out.setdefault(best[1], []).append(w)
    return out


def lines_of(ws: list[Word]) -> list[list[Word]]:
    """Words grouped into lines, top to bottom (a word whose centre is within a line's height).

    A line's height is its tallest word's: a raised superscript or a lowered subscript
    (drawn smaller, its own word in the PDF) belongs to the line it sits on.
    """
    lines: list[list[Word]] = []
    tallest: list[Word] = []
    for w in sorted(ws, key=lambda w: (w.cy, w.x0)):
        if lines and tallest[-1].y0 <= w.cy <= tallest[-1].y1:
            lines[-1].append(w)
            if w.y1 - w.y0 > tallest[-1].y1 - tallest[-1].y0:
                tallest[-1] = w
        else:
            lines.append([w])
            tallest.append(w)
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def latin_only(b: Box) -> bool:
    """Text the deck's font draws (other scripts fall back to fonts we do not measure with)."""
    assert b.text is not None
    return all(fonts.covers(r.font.file, r.text) for p in b.text.paragraphs for r in p.runs)


def line_differences(pages: list[Page], pdf_words: list[list[Word]]) -> list[str]:
    """Every text box whose lines LibreOffice broke differently from ours."""
    diffs = []
    assert len(pages) == len(pdf_words), (len(pages), len(pdf_words))
    for n, (page, ws) in enumerate(zip(pages, pdf_words, strict=True), 1):
        boxes = text_boxes(page)
        bullets = {p.bullet for b in boxes for p in b.text.paragraphs if p.bullet}  # type: ignore[union-attr]
        got = assign([w for w in ws if w.text not in bullets], boxes)
        for i, b in enumerate(boxes):
            if not latin_only(b):
                continue
            ours = [signature(t) for t in our_lines(b)]
            theirs = [signature(" ".join(w.text for w in line)) for line in lines_of(got.get(i, []))]
            if ours != theirs:
                diffs.append(
                    f"slide {n} '{b.name}': ours {our_lines(b)} | LibreOffice "
                    f"{[' '.join(w.text for w in line) for line in lines_of(got.get(i, []))]}"
                )
    return diffs


CORE = 0.2  # of a word box's height, trimmed at its top and at its bottom


def _core(w: Word) -> tuple[float, float]:
    h = w.y1 - w.y0
    return w.y0 + CORE * h, w.y1 - CORE * h


def overlaps(page_words: list[Word], tol: float = 0.5) -> list[tuple[Word, Word]]:
    """Pairs of words drawn over each other (text over text).

    A word's box spans the font's whole ascent and descent, taller than the line
    pitch of tightly set text, so boxes of neighbouring lines touch in any
    well-set paragraph; the middle of the box (without ``CORE`` of its height at
    the top and at the bottom) is where the letters are.
    """
    out = []
    ws = sorted(page_words, key=lambda w: w.x0)
    for i, a in enumerate(ws):
        ay0, ay1 = _core(a)
        for b in ws[i + 1 :]:
            if b.x0 >= a.x1 - tol:
                break
            by0, by1 = _core(b)
            if min(a.x1, b.x1) - max(a.x0, b.x0) > tol and min(ay1, by1) - max(ay0, by0) > tol:
                out.append((a, b))
    return out


Rect = tuple[float, float, float, float]


def _ink(el: Icon) -> Rect:
    """Where an icon's paths reach (their points, and half a stroke around them)."""
    s, left, top = el.placement()
    xs: list[float] = []
    ys: list[float] = []
    pad = 0.0
    for path in el.icon.paths:
        if path.paint == "stroke":
            pad = max(pad, path.width / 2)
        for _, args in path.ops:
            xs += args[0::2]
            ys += args[1::2]
    if not xs:
        return (el.x, el.y, el.x + el.w, el.y + el.h)
    return (left + (min(xs) - pad) * s, top + (min(ys) - pad) * s,
            left + (max(xs) + pad) * s, top + (max(ys) + pad) * s)


def _drawn(el: Picture) -> Rect:
    """Where a picture is drawn in its box (aspect kept, centred)."""
    s = min(el.w / el.picture.width, el.h / el.picture.height)
    w, h = el.picture.width * s, el.picture.height * s
    left, top = el.x + (el.w - w) / 2, el.y + (el.h - h) / 2
    return (left, top, left + w, top + h)


def marks(page: Page) -> list[tuple[str, Rect]]:
    """The page's icons and pictures, named, with the rectangle each one covers."""
    out: list[tuple[str, Rect]] = []
    for el in iter_elements(page.elements):
        if isinstance(el, Icon):
            out.append((el.name or el.icon.name, _ink(el)))
        elif isinstance(el, Picture):
            out.append((el.name or el.picture.source, _drawn(el)))
    return out


def words_over_marks(
    page_words: list[Word], page_marks: list[tuple[str, Rect]], tol: float = 0.5,
) -> list[tuple[Word, str]]:
    """Words drawn over an icon or a picture (the letters' middle band, as in ``overlaps``)."""
    out = []
    for w in page_words:
        wy0, wy1 = _core(w)
        for name, (x0, y0, x1, y1) in page_marks:
            if min(w.x1, x1) - max(w.x0, x0) > tol and min(wy1, y1) - max(wy0, y0) > tol:
                out.append((w, name))
    return out
