"""The worksheet as a Word file: editable structure, read back with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from infodeck.compose.layouts import get_layout, get_theme
from infodeck.compose.materials import worksheet as wsm
from infodeck.compose.materials.model import BLANK, Question
from infodeck.compose.materials.paper import choose_paper
from infodeck.content.load import load_pack
from infodeck.render.docx import write_docx

from conftest import ROOT


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    return out.getvalue()


PNG = _png()


@pytest.fixture(scope="module")
def ws() -> wsm.Worksheet:
    from dataclasses import replace

    pack = load_pack(ROOT / "tests" / "data" / "photosynthesis").pack
    lay = get_layout("letter-portrait")
    got = wsm.build(pack, pack.default_section_ids(), lay, get_theme("default"),
                    choose_paper(lay, "en"))
    quiz = (Question("Which gas do leaves take in?", ("Oxygen", "Carbon dioxide"), (1,)),
            Question("Plants need light.", ("True", "False"), (0,), true_false=True))
    return replace(got, questions=quiz)


def write(ws: wsm.Worksheet) -> bytes:
    out = io.BytesIO()
    write_docx(ws, out, {i: PNG for i in range(len(ws.labels))})
    return out.getvalue()


def test_the_word_file_is_editable_text_with_headings_lists_and_tables(ws) -> None:  # type: ignore[no-untyped-def]
    d = docx.Document(io.BytesIO(write(ws)))
    styles = [(p.style.name if p.style is not None else "", p.text) for p in d.paragraphs]
    headings = [t for s, t in styles if s.startswith("Heading")]
    assert headings[:2] == ["Worksheet", "Fill in the blanks"]
    assert "Put the steps in order" in headings and "Label the diagram" in headings
    numbered = [t for s, t in styles if s == "List Number"]
    assert numbered[:len(ws.blanks)] == [f"{b.before}{BLANK}{b.after}" for b in ws.blanks]
    assert numbered[len(ws.blanks)].startswith("Which gas do leaves take in?")
    assert any(t.startswith("Name:") for _, t in styles)
    bank = {c.text for c in d.tables[0]._cells}
    assert set(ws.bank) <= bank  # the word bank is a table
    steps = [row.cells[1].text for row in d.tables[1].rows]
    assert tuple(steps) == ws.orders[0].shuffled
    assert len(d.inline_shapes) == len(ws.labels)  # the diagrams are pictures
    sec = d.sections[0]
    assert sec.page_width is not None and round(sec.page_width.pt) == 612  # Letter
    assert any(t == "☐  B)  Carbon dioxide" for _, t in styles)
    lang = d.styles["Normal"].element.xpath("./w:rPr/w:lang/@w:val")
    assert lang == ["en"]  # Word checks the spelling in the sheet's language


def test_the_same_worksheet_gives_the_same_bytes(ws) -> None:  # type: ignore[no-untyped-def]
    first = write(ws)
    assert first == write(ws)
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2000-01-01" in z.read("docProps/core.xml")
