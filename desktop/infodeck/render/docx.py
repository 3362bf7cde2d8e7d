"""The worksheet as an editable Word file (python-docx): the teacher's own copy to adapt.

Real structure, not a picture of a page: headings, the sentences as a numbered
list, the word bank and the steps as tables, each diagram a picture with its alt
text. The file is the same bytes for the same worksheet: fixed document dates and
fixed times inside the zip package.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from infodeck.compose.materials.model import BLANK, Question, Worksheet
from infodeck.scene.markup import parse, plain

FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)  # the file's dates: the same file every time
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
LETTERS = "ABCDEFGHIJKL"
BOX = "\u2610"  # ☐, a box to tick that Word's fonts draw and a pupil can tick on screen
PICTURE_W = Cm(16)
MUTED = RGBColor(0x50, 0x50, 0x50)


def write_docx(ws: Worksheet, out: Path | BinaryIO, pictures: Mapping[int, bytes]) -> None:
    """Write ``ws`` as a .docx; ``pictures[i]`` is the PNG of ``ws.labels[i]``'s diagram."""
    doc = Document()
    _page(doc, ws)
    s = ws.words
    doc.add_heading(plain(ws.title), level=0)
    doc.add_heading(s["worksheet"], level=1)
    line = "_" * 24
    doc.add_paragraph(f"{s['name']} {line}   {s['class']} {line[:12]}   "
                      f"{s['date']} {line[:12]}")
    if ws.blanks:
        doc.add_heading(s["fill_blanks"], level=1)
        _how(doc, s["fill_blanks_how"])
        _bold(doc, s["word_bank"])
        _grid(doc, ws.bank, 4 if max(len(plain(w)) for w in ws.bank) <= 14 else 3)
        doc.add_paragraph()
        for b in ws.blanks:
            p = doc.add_paragraph(style="List Number")
            for piece in (b.before, BLANK, b.after):
                _marked(p, piece)
    if ws.orders:
        doc.add_heading(s["order_steps"], level=1)
    for order in ws.orders:
        doc.add_heading(plain(order.title), level=2)
        _how(doc, s["order_steps_how"].format(n=len(order.shuffled)))
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for step in order.shuffled:
            cells = table.add_row().cells
            _marked(cells[1].paragraphs[0], step)
        _widths(table, (Cm(1.2), Cm(14.8)))
    if ws.labels:
        doc.add_heading(s["label_diagram"], level=1)
    for i, task in enumerate(ws.labels):
        doc.add_heading(plain(task.title), level=2)
        _how(doc, s["label_diagram_how"])
        if i in pictures:
            doc.add_picture(io.BytesIO(pictures[i]), width=PICTURE_W)
            pic = doc.paragraphs[-1]
            pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _alt(pic, task.page.alt or plain(task.title))
        _bold(doc, s["labels"])
        _grid(doc, task.bank, 3 if max(len(plain(w)) for w in task.bank) <= 24 else 2)
    if ws.questions:
        doc.add_heading(s["questions"], level=1)
    for q in ws.questions:
        _question(doc, q, s)
    doc.core_properties.title = f"{plain(ws.title)} – {s['worksheet']}"
    doc.core_properties.language = ws.lang
    doc.core_properties.author = "Infodeck"
    doc.core_properties.last_modified_by = "Infodeck"
    doc.core_properties.revision = 1
    doc.core_properties.created = FIXED_DATE
    doc.core_properties.modified = FIXED_DATE
    doc.core_properties.last_printed = FIXED_DATE
    raw = io.BytesIO()
    doc.save(raw)
    data = _fixed_zip(raw.getvalue())
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)


def _page(doc: Any, ws: Worksheet) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Pt(ws.paper[0]), Pt(ws.paper[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.8))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    # The text's language, so Word checks the spelling of a French sheet in French.
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), ws.lang)
    rpr.append(lang)


def _how(doc: Any, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.italic = True
    run.font.color.rgb = MUTED


def _bold(doc: Any, text: str) -> None:
    doc.add_paragraph().add_run(text).bold = True


def _grid(doc: Any, words: tuple[str, ...], cols: int) -> None:
    """Words in a ruled table, ``cols`` to a row, centred (a word bank, a label bank)."""
    cols = max(1, min(cols, len(words)))
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r in range(0, len(words), cols):
        cells = table.add_row().cells
        for c, word in enumerate(words[r:r + cols]):
            _marked(cells[c].paragraphs[0], word)
            cells[c].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _widths(table: Any, widths: tuple[Any, ...]) -> None:
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w


def _alt(paragraph: Any, text: str) -> None:
    """The picture's alt text (python-docx has no API for it: ``wp:docPr/@descr``)."""
    for el in paragraph._p.iter():
        if el.tag.endswith("}docPr"):
            el.set("descr", text)


def _question(doc: Any, q: Question, s: Mapping[str, str]) -> None:
    how = s["true_false_how"] if q.true_false else (
        s["choose_all"] if len(q.correct) > 1 else s["choose_one"])
    p = doc.add_paragraph(style="List Number")
    _marked(p, q.text)
    hint = p.add_run(f"  ({how})")
    hint.italic = True
    for j, choice in enumerate(q.choices):
        c = doc.add_paragraph(f"{BOX}  " if q.true_false else f"{BOX}  {LETTERS[j]})  ")
        _marked(c, choice)
        c.paragraph_format.left_indent = Cm(1.2)
        c.paragraph_format.space_after = Pt(2)


def _marked(paragraph: Any, text: str) -> None:
    """``text`` as runs of ``paragraph``, its inline markup (bold, italic, CO~2~) applied."""
    for span in parse(text):
        r = paragraph.add_run(span.text)
        r.bold = span.bold or None
        r.italic = span.italic or None
        if span.script == "sub":
            r.font.subscript = True
        elif span.script == "super":
            r.font.superscript = True


def _fixed_zip(data: bytes) -> bytes:
    """The package with every entry's time fixed (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
