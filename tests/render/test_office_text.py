"""What LibreOffice makes of our decks' text: the same lines, and no overlaps without Calibri.

Each deck is converted once per font setup and every assertion reads that PDF:

- with Carlito (Calibri's metric twin), LibreOffice breaks every text box's lines
  where we did (the packs in tests/data, made to stress it: words within points of
  a box's edge, long words, both deck layouts, every diagram kind), never needs
  more lines than we laid out, and never breaks a word except at a hyphen;
- with Carlito hidden (a fontconfig file rejecting it, as on a machine without
  Calibri), LibreOffice substitutes a wider font and no word is drawn over another.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.render.pptx import write_pptx
from infodeck.scene.elements import Icon, Page, Picture, PictureData
from infodeck.scene.icons import builtin_icon
from render.office import (
    Word,
    assign,
    convert,
    fontconfig_without,
    latin_only,
    line_differences,
    lines_of,
    marks,
    our_lines,
    overlaps,
    text_boxes,
    tools_or_fail,
    words,
    words_over_marks,
)

from conftest import BUILTIN, ROOT

pytestmark = pytest.mark.office

DATA = {p.name: p for p in sorted((ROOT / "tests" / "data").iterdir()) if (p / "pack.yaml").is_file()}
LAYOUTS = ("deck-16x9", "deck-4x3")
# Packs whose every Latin text box must break exactly as LibreOffice breaks it. The
# built-in pack is held to "never more lines, never inside a word" and a bound on
# boxes (8 %) where LibreOffice fits a last word within our safety margin (0.2 %) of
# the edge: it then has fewer lines than we laid out, never more.
EXACT = ("photosynthesis", "linebreaks")
BUILTIN_SHARE = 0.08


def _deck(pack_dir: Path, layout: str, out: Path) -> tuple[list[Page], Path]:
    loaded = load_pack(pack_dir)
    assert loaded.pack is not None, loaded.errors
    doc = compose_deck(loaded.pack, [s.id for s in loaded.pack.sections], get_layout(layout),
                       get_theme("default"))
    out.mkdir(parents=True, exist_ok=True)
    deck = out / f"{pack_dir.name}-{layout}.pptx"
    write_pptx(doc, deck)
    return list(doc.pages), deck


@pytest.fixture(scope="module", params=[
    (name, layout) for name in ("builtin", *EXACT) for layout in LAYOUTS
], ids=lambda p: f"{p[0]}-{p[1]}")
def with_carlito(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Page], list[list[Word]]]:
    tools_or_fail()
    name, layout = request.param
    out = tmp_path_factory.mktemp("lines")
    pages, deck = _deck(BUILTIN if name == "builtin" else DATA[name], layout, out)
    return name, pages, words(convert(deck, out))


def test_lines_break_where_ours_do(with_carlito: tuple[str, list[Page], list[list[Word]]]) -> None:
    name, pages, pdf_words = with_carlito
    diffs = line_differences(pages, pdf_words)
    boxes = sum(len(text_boxes(p)) for p in pages)
    if name in EXACT:
        assert not diffs, "\n".join(diffs)
    else:
        assert len(diffs) <= BUILTIN_SHARE * boxes, "\n".join(diffs)


def test_libreoffice_never_needs_more_lines_nor_breaks_a_word(
    with_carlito: tuple[str, list[Page], list[list[Word]]],
) -> None:
    _, pages, pdf_words = with_carlito
    for n, (page, ws) in enumerate(zip(pages, pdf_words, strict=True), 1):
        boxes = text_boxes(page)
        got = assign(ws, boxes)
        for i, b in enumerate(boxes):
            if not latin_only(b):
                continue
            theirs = lines_of([w for w in got.get(i, []) if w.text != "•"])
            ours = our_lines(b)
            assert len(theirs) <= len(ours), f"slide {n} '{b.name}': {len(theirs)} > {len(ours)}"
            whole = {w for line in ours for w in line.replace("\xad", "").split()}
            whole |= {w.rstrip("-") for w in whole}
            # a word of several runs (CO and a subscript 2) is several words in the PDF
            assert b.text is not None
            whole |= {w for p in b.text.paragraphs for ln in p.lines for s in ln.segments
                      for w in s.text.split()}
            for line in theirs[:-1]:
                last = line[-1].text.replace("\xad", "-")
                assert last.endswith(("-", "–", "—")) or last in whole, (
                    f"slide {n} '{b.name}': LibreOffice broke inside '{last}'"
                )


def _pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True, timeout=60).stdout


@pytest.fixture(scope="module", params=[
    (name, layout) for name in ("builtin", *DATA) for layout in LAYOUTS
], ids=lambda p: f"{p[0]}-{p[1]}")
def without_carlito(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory,
                    ) -> tuple[Path, list[Page], list[list[Word]]]:
    tools_or_fail()
    name, layout = request.param
    out = tmp_path_factory.mktemp("nocarlito")
    pages, deck = _deck(BUILTIN if name == "builtin" else DATA[name], layout, out)
    fc = fontconfig_without("Carlito", tmp_path_factory.getbasetemp() / "fontconfig")
    pdf = convert(deck, out, fontconfig=fc)
    return pdf, pages, words(pdf)


def test_no_text_overlaps_when_calibri_and_carlito_are_missing(
    without_carlito: tuple[Path, list[Page], list[list[Word]]],
) -> None:
    """No word over another word, nor over an icon or a picture, in the substitute font."""
    pdf, pages, pdf_words = without_carlito
    assert "Carlito" not in _pdf_fonts(pdf), "Carlito was not hidden: the check proves nothing"
    found = {n: overlaps(ws) for n, ws in enumerate(pdf_words, 1)}
    bad = {n: [(a.text, b.text) for a, b in pairs[:5]] for n, pairs in found.items() if pairs}
    assert not bad, f"words drawn over each other, by slide: {bad}"
    over = {n: words_over_marks(ws, marks(p))
            for n, (p, ws) in enumerate(zip(pages, pdf_words, strict=True), 1)}
    bad_marks = {n: [(w.text, m) for w, m in hits[:5]] for n, hits in over.items() if hits}
    assert not bad_marks, f"words drawn over icons or pictures, by slide: {bad_marks}"


def test_the_overlap_check_finds_overlaps() -> None:
    a = Word("over", 10, 10, 60, 22)
    assert overlaps([a, Word("lapping", 40, 12, 90, 24)])
    assert not overlaps([a, Word("below", 10, 20, 60, 32)])  # the next line of a paragraph


def test_the_overlap_check_finds_words_over_icons_and_pictures() -> None:
    bulb = builtin_icon("water")
    page = Page(960, 540, "#ffffff", (
        Icon("i", 100, 100, 40, 40, bulb, "#000000", name="Stat icon"),
        Picture("p", 300, 100, 200, 100, PictureData("a.png", "PNG", 100, 100, "d", b""), "alt"),
    ))
    found = marks(page)
    assert [n for n, _ in found] == ["Stat icon", "a.png"]
    # The picture is square in a wide box: drawn 100 wide, centred (350-450).
    assert found[1][1] == (350.0, 100.0, 450.0, 200.0)
    assert words_over_marks([Word("10,000×", 60, 105, 125, 135)], found)
    assert not words_over_marks([Word("10,000×", 40, 105, 95, 135)], found)  # ends before it
    assert words_over_marks([Word("caption", 360, 150, 420, 170)], found)
    assert not words_over_marks([Word("beside", 310, 150, 345, 170)], found)  # in the margin
