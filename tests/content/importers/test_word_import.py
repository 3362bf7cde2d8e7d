"""Word notes (made here with python-docx) become packs that pass `infodeck check`."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from PIL import Image as PILImage

from infodeck.cli import main
from infodeck.content.importers.outline import ImportRefused
from infodeck.content.importers.run import import_document
from infodeck.content.load import load_pack

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _valid(pack: Path) -> Any:
    result = load_pack(pack)
    assert result.pack is not None, [str(p) for p in result.problems]
    assert not result.errors
    return result.pack


def _png(path: Path) -> Path:
    PILImage.new("RGB", (60, 40), "blue").save(path)
    return path


def _add_footnotes(document: Any, notes: dict[int, str], kind: str = "footnote") -> None:
    """Give the document a footnotes (or endnotes) part: python-docx cannot write one."""
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}>'
        for i, text in notes.items()
    )
    xml = (
        f'<w:{kind}s xmlns:w="{W_NS}"><w:{kind} w:type="separator" w:id="-1"><w:p><w:r>'
        f"<w:separator/></w:r></w:p></w:{kind}>{body}</w:{kind}s>"
    ).encode()
    part = Part(
        PackURI(f"/word/{kind}s.xml"),
        f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
        xml,
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def _footnote_mark(paragraph: Any, note_id: int, kind: str = "footnote") -> None:
    run = parse_xml(
        f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:{kind}Reference w:id="{note_id}"/></w:r>'
    )
    paragraph._p.append(run)


def _notes(tmp_path: Path) -> Path:
    d = docx.Document()
    d.core_properties.author = "Ms Rivera"
    d.add_heading("Photosynthesis", 0)  # the Title style
    d.add_heading("Light", 1)
    p = d.add_paragraph("Plants take in CO")
    p.add_run("2").font.subscript = True
    p.add_run(" and ")
    p.add_run("water").bold = True
    p.add_run(".")
    _footnote_mark(p, 1)
    d.add_paragraph("Light is absorbed", style="List Number")
    d.add_paragraph("Water is split", style="List Number")
    d.add_paragraph("Sugar is made", style="List Number")
    d.add_paragraph("Leaves", style="List Bullet")
    d.add_paragraph("stomata", style="List Bullet 2")
    d.add_paragraph("Roots", style="List Bullet")
    d.add_paragraph("The sun is the source — A. Gardener", style="Quote")
    d.add_heading("Where it happens", 2)
    d.add_paragraph("In the chloroplasts.")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Region", "Share (%)"), ("Ice caps", "68.7"), ("Ground", "30,1")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    d.add_paragraph("10\u00a0km of “roots”, H")
    d.paragraphs[-1].add_run("2").font.superscript = True
    d.add_heading("Pictures", 1)
    d.add_picture(str(_png(tmp_path / "leaf.png")))
    pr = d.element.body.findall(".//" + qn("wp:docPr"))[-1]
    pr.set("descr", "A blue leaf")
    d.add_picture(str(_png(tmp_path / "noalt.png")))
    t2 = d.add_table(rows=2, cols=2)
    t2.cell(0, 0).text, t2.cell(0, 1).text = "Part", "Picture"
    t2.cell(1, 0).text = "Leaf"
    t2.cell(1, 1).paragraphs[0].add_run().add_picture(str(tmp_path / "leaf.png"))
    _add_footnotes(d, {1: "Taiz L, Zeiger E. Plant physiology. Sinauer Associates. 2015."})
    path = tmp_path / "notes.docx"
    d.save(str(path))
    return path


def test_rules(tmp_path: Path) -> None:
    report = import_document(_notes(tmp_path), tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.meta.title == "Photosynthesis" and pack.meta.author == "Ms Rivera"
    light, pics = pack.sections[1], pack.sections[2]
    b = light.blocks
    assert pack.sections[1].title == "Light"
    saved = yaml.safe_load((tmp_path / "pack" / "sections" / "light.yaml").read_text("utf-8"))
    assert saved["blocks"][6]["text"] == "10\u00a0km of “roots”, H^2^"  # kept in the file
    assert b[0].text == "Plants take in CO~2~ and **water**." and b[0].cite == ["taiz2015"]
    assert b[1].kind == "pathway" and [s.label for s in b[1].steps] == [
        "Light is absorbed", "Water is split", "Sugar is made"]
    assert b[2].items == ["Leaves", "– stomata", "Roots"]
    assert b[3].type == "quote" and b[3].attribution == "A. Gardener"
    assert b[4].text == "**Where it happens.** In the chloroplasts."  # bold lead-in
    assert b[5].kind == "chart" and b[5].unit == "%"
    assert [i.value for i in b[5].items] == [68.7, 30.1]
    assert [x.type for x in pics.blocks] == ["picture", "bullets"]
    assert pics.blocks[0].alt == "A blue leaf"
    text = report.text()
    assert "no alt text" in text  # the second picture, and the one in the table
    assert re.search(r"table 2 +table → not a chart: .*'Leaf'", text)
    assert not report.formatting_lost  # bold, subscripts and the heading all kept


def test_language_and_right_to_left(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("مقدمة", 1)
    p = d.add_paragraph()
    run = p.add_run("النبات يصنع الغذاء.")
    rpr = run._r.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:rtl xmlns:w="{W_NS}"/>'))
    rpr.append(parse_xml(f'<w:lang xmlns:w="{W_NS}" w:val="en-US" w:bidi="ar-SA"/>'))
    path = tmp_path / "arabic.docx"
    d.save(str(path))
    import_document(path, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.meta.language == "ar-SA"
    assert pack.sections[1].blocks[0].text == "النبات يصنع الغذاء."


def test_core_language_no_headings_page_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.language = "de-DE"
    d.core_properties.title = "Die Zelle"
    d.add_paragraph("Erste Seite.")
    d.add_page_break()
    d.add_paragraph("Zweite Seite.")
    path = tmp_path / "zelle.docx"
    d.save(str(path))
    import_document(path, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.meta.language == "de-DE" and pack.meta.title == "Die Zelle"
    assert [s.title for s in pack.sections[1:]] == ["Die Zelle (1)", "Die Zelle (2)"]


def test_headings_only(tmp_path: Path) -> None:
    d = docx.Document()
    for h in ("One", "Two"):
        d.add_heading(h, 1)
    path = tmp_path / "h.docx"
    d.save(str(path))
    import_document(path, tmp_path / "pack")
    assert [s.title for s in _valid(tmp_path / "pack").sections[1:]] == ["One", "Two"]


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def test_bad_documents(tmp_path: Path, capsys: Any) -> None:
    cases: dict[str, tuple[bytes | None, str]] = {}
    (tmp_path / "text.docx").write_text("hello", encoding="utf-8")
    cases["text.docx"] = (None, "not a Word document")
    (tmp_path / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    cases["locked.docx"] = (None, "password-protected")
    good = _notes(tmp_path).read_bytes()
    (tmp_path / "cut.docx").write_bytes(good[: len(good) // 2])
    cases["cut.docx"] = (None, "damaged")
    _zip(tmp_path / "bomb.docx", {"[Content_Types].xml": b"<x/>",
                                  "word/document.xml": b"\0" * (20 * 1024 * 1024)})
    cases["bomb.docx"] = (None, "unpacks to")
    _zip(tmp_path / "other.docx", {"a.txt": b"x"})
    cases["other.docx"] = (None, "not a Word document")
    with (tmp_path / "huge.docx").open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)
    cases["huge.docx"] = (None, "larger than 50 MB")
    for name, (_, message) in cases.items():
        out = tmp_path / f"pack-{name}"
        assert main(["import", str(tmp_path / name), "--out", str(out)]) == 2, name
        err = capsys.readouterr().err
        assert message in err and name in err, (name, err)
        assert "Traceback" not in err
        assert not out.exists()


def test_linked_picture_refused(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x")
    d.add_picture(str(_png(tmp_path / "p.png")))
    blip = d.element.body.findall(".//" + qn("a:blip"))[0]
    rid = d.part.relate_to("file:///etc/secret.png", RT.IMAGE, is_external=True)
    del blip.attrib[qn("r:embed")]
    blip.set(qn("r:link"), rid)
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "linked.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ImportRefused, match="outside the document"):
        import_document(path, tmp_path / "pack")
    assert not (tmp_path / "pack").exists()


def test_exports(tmp_path: Path) -> None:
    import_document(_notes(tmp_path), tmp_path / "pack")
    out = tmp_path / "out"
    assert main(["export", str(tmp_path / "pack"), "--out", str(out), "--formats", "pptx"]) == 0
    assert (out / "pack.pptx").stat().st_size > 0


def test_endnotes_and_missing_note(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Cells", 1)
    p = d.add_paragraph("Cells divide.")
    _footnote_mark(p, 2, "endnote")
    q = d.add_paragraph("Cells grow.")
    _footnote_mark(q, 7)  # a footnote mark with no footnote part at all
    _add_footnotes(d, {2: "Alberts B. Molecular biology of the cell. Garland. 2014."}, "endnote")
    path = tmp_path / "cells.docx"
    d.save(str(path))
    report = import_document(path, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.sections[1].blocks[0].cite == ["alberts2014"]
    assert pack.sections[1].blocks[1].cite == []
    assert any(e.what == "citation [f7]" for e in report.attention)


def test_table_of_contents_left_out_content_control_kept(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Cells", 1)
    toc = parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr><w:docPartObj><w:docPartGallery '
        'w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r>'
        "<w:t>Cells 1</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    box = parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>In a box.</w:t>'
        "</w:r></w:p></w:sdtContent></w:sdt>"
    )
    d.element.body.insert(1, toc)
    d.element.body.insert(2, box)
    path = tmp_path / "toc.docx"
    d.save(str(path))
    report = import_document(path, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert [b.text for b in pack.sections[1].blocks] == ["In a box."]
    assert [e.what for e in report.left_out] == ["table of contents"]


def test_faithful_runs(tmp_path: Path) -> None:
    """Word's bold, italic, Strong/Emphasis styles and sub/superscripts become markup."""
    d = docx.Document()
    d.add_heading("Gases", 1)
    p = d.add_paragraph("Leaves take in CO")
    p.add_run("2").font.subscript = True
    p.add_run(" and ")
    p.add_run("light").bold = True
    p.add_run(", ")
    r = p.add_run("E")
    r.italic = True
    p.add_run(" = mc")
    p.add_run("2").font.superscript = True
    p.add_run("; a literal * star, 10\u00a0km, “quotes”, ")
    both = p.add_run("both")
    both.bold = both.italic = True
    p.add_run(" and ")
    p.add_run("strong", style="Strong")
    p.add_run(" ")
    p.add_run("emphasis", style="Emphasis")
    p.add_run(" ")
    p.add_run("under").underline = True
    p.add_run(", مرحبا.")
    path = tmp_path / "runs.docx"
    d.save(str(path))
    report = import_document(path, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    text = pack.sections[1].blocks[0].text
    assert text == (
        "Leaves take in CO~2~ and **light**, *E* = mc^2^; a literal * star, 10\u00a0km, "
        "“quotes”, ***both*** and **strong** *emphasis* under, مرحبا."
    )
    assert report.formatting_lost  # the underline: packs have no underline
