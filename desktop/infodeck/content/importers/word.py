"""Read a Word document (.docx) into an :class:`Outline` with python-docx.

python-docx reads the package and the body; footnotes, endnotes, numbering and the
language are read from their parts' XML (python-docx has no API for them). The file
is checked before it is opened: a Word document is a zip package, so an encrypted
file (an OLE container), an old .doc, a broken zip or a zip bomb is refused with a
message instead of being unpacked.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

from infodeck.content.importers.outline import (
    MAX_SOURCE_BYTES,
    Element,
    Heading,
    Image,
    ImportRefused,
    ListBlock,
    ListItem,
    Other,
    Outline,
    PageBreak,
    Paragraph,
    Quote,
    Table,
)
from infodeck.scene.markup import Script, Span, render

MAX_UNPACKED = 300 * 1024 * 1024  # all parts together, unpacked
MAX_RATIO = 200  # a part that unpacks to 200× its packed size is a bomb, not a document
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_DEFAULT_AUTHORS = {"python-docx", "", "user", "author"}


def check_package(source: Path) -> None:
    """Refuse what is not a safe, readable .docx, before anything unpacks it."""
    try:
        size = source.stat().st_size
        with source.open("rb") as fh:
            head = fh.read(8)
    except OSError as e:
        raise ImportRefused(f"{source}: cannot read: {e.strerror}") from None
    if size > MAX_SOURCE_BYTES:
        raise ImportRefused(f"{source}: the file is larger than 50 MB; notes are far smaller")
    if head.startswith(_OLE):
        raise ImportRefused(
            f"{source}: this Word file is password-protected (encrypted) or in the old .doc "
            "format; remove the password, or save it as a Word document (.docx), and import again"
        )
    if not head.startswith(b"PK"):
        raise ImportRefused(f"{source}: this is not a Word document (.docx)")
    try:
        with zipfile.ZipFile(source) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if any(i.flag_bits & 0x1 for i in infos):
                raise ImportRefused(f"{source}: the document is encrypted; remove the password")
            total = sum(i.file_size for i in infos)
            bomb = total > MAX_UNPACKED or any(
                i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
                for i in infos
            )
            if bomb:
                raise ImportRefused(
                    f"{source}: the document unpacks to {total // (1024 * 1024)} MB, far more "
                    "than notes hold (a damaged or hostile file); it was not opened"
                )
    except zipfile.BadZipFile:
        raise ImportRefused(f"{source}: the file is damaged (not a readable .docx)") from None
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRefused(f"{source}: this zip file is not a Word document (.docx)")


def read_word(source: Path) -> Outline:
    """The outline of Word document ``source``; ImportRefused when it cannot be read safely."""
    import docx

    check_package(source)
    try:
        document = docx.Document(str(source))
    except Exception as e:  # python-docx raises many kinds for a broken package
        raise ImportRefused(f"{source}: the document is damaged and cannot be read ({e})") from None
    return _Reader(source, document).outline()


def _on(el: Any) -> bool:
    """A w:b / w:i style toggle is on unless its val says 0/false/none."""
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "none")


class _Reader:
    def __init__(self, source: Path, document: Any) -> None:
        self.source = source
        self.doc = document
        self.part = document.part
        self.elements: list[Element] = []
        self.title: str | None = None
        self.langs: Counter[str] = Counter()
        self.paragraphs = 0
        self.tables = 0
        self.numfmt = self._numbering()

    # -- parts python-docx has no API for ---------------------------------------------

    def _part_xml(self, name: str) -> Any:
        from docx.oxml.parser import parse_xml  # python-docx's parser: no entities resolved

        for rel in self.part.rels.values():
            if not rel.is_external and str(rel.target_part.partname) == f"/word/{name}":
                return parse_xml(rel.target_part.blob)
        return None

    def _numbering(self) -> dict[tuple[str, str], str]:
        """(numId, ilvl) → number format ("bullet", "decimal", …)."""
        root = self._part_xml("numbering.xml")
        if root is None:
            return {}
        abstract: dict[str, dict[str, str]] = {}
        for a in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                levels[lvl.get(f"{W}ilvl", "0")] = fmt.get(f"{W}val") if fmt is not None else ""
            abstract[a.get(f"{W}abstractNumId", "")] = levels
        out: dict[tuple[str, str], str] = {}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            for ilvl, fmt in abstract.get(ref.get(f"{W}val", ""), {}).items():
                out[(num.get(f"{W}numId", ""), ilvl)] = fmt
        return out

    def _notes(self, name: str, tag: str, prefix: str) -> dict[str, str]:
        root = self._part_xml(name)
        out: dict[str, str] = {}
        if root is None:
            return out
        for note in root.iter(f"{W}{tag}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t"))
                            for p in note.iter(f"{W}p")).strip()
            if text:
                out[f"{prefix}{note.get(f'{W}id')}"] = text
        return out

    def _language(self) -> str | None:
        lang = (self.doc.core_properties.language or "").strip()
        if lang:
            return lang
        if self.langs:
            return self.langs.most_common(1)[0][0]
        styles = self._part_xml("styles.xml")
        if styles is not None:
            for el in styles.iter(f"{W}docDefaults"):
                for la in el.iter(f"{W}lang"):
                    got = la.get(f"{W}val")
                    if got:
                        return str(got)
        return None

    # -- the body ---------------------------------------------------------------------

    def outline(self) -> Outline:
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        def walk(parent: Any) -> None:
            for child in parent.iterchildren():
                if child.tag == f"{W}p":
                    self.paragraphs += 1
                    self._paragraph(DocxParagraph(child, self.doc))
                elif child.tag == f"{W}tbl":
                    self.tables += 1
                    self._table(DocxTable(child, self.doc))
                elif child.tag == f"{W}sdt":  # a content control: a table of contents, a box
                    gallery = next(child.iter(f"{W}docPartGallery"), None)
                    kind = gallery.get(f"{W}val", "") if gallery is not None else ""
                    content = child.find(f"{W}sdtContent")
                    if "contents" in kind.lower():
                        where = f"after paragraph {self.paragraphs}"
                        self.elements.append(Other("table of contents", "", where))
                    elif content is not None:
                        walk(content)

        walk(self.doc.element.body)
        footnotes = self._notes("footnotes.xml", "footnote", "f")
        footnotes.update(self._notes("endnotes.xml", "endnote", "e"))
        props = self.doc.core_properties
        title = self.title or (props.title or "").strip() or None
        author = (props.author or "").strip()
        return Outline(
            self.source,
            title,
            self._language(),
            self.elements,
            footnotes,
            author if author.lower() not in _DEFAULT_AUTHORS else None,
        )

    def _runs(self, p: Any, where: str) -> tuple[str, list[str], list[Image], bool, bool]:
        """Text (as pack markup), note labels, pictures, formatting lost, page break after.

        Bold, italic (direct or the Strong and Emphasis styles) and sub/superscripts
        become the pack's markup; underline, and a sub/superscript with a space, are lost.
        """
        spans: list[Span] = []
        notes: list[str] = []
        images: list[Image] = []
        lost = False
        brk = False
        for r in p.iter(f"{W}r"):
            if any(a.tag == f"{W}del" for a in r.iterancestors()):
                continue  # a tracked deletion
            rpr = r.find(f"{W}rPr")
            script = None
            rtl = False
            bold = italic = False
            if rpr is not None:
                style = rpr.find(f"{W}rStyle")
                style_id = (style.get(f"{W}val") or "").lower() if style is not None else ""
                bold = _on(rpr.find(f"{W}b")) or style_id in ("strong", "bold")
                italic = _on(rpr.find(f"{W}i")) or style_id in ("emphasis", "italic")
                if _on(rpr.find(f"{W}u")):
                    lost = True
                va = rpr.find(f"{W}vertAlign")
                if va is not None:
                    script = va.get(f"{W}val")
                rtl = _on(rpr.find(f"{W}rtl"))
                la = rpr.find(f"{W}lang")
                if la is not None:
                    got = la.get(f"{W}bidi") if rtl else la.get(f"{W}val")
                    if got:
                        self.langs[got] += 1
            piece: list[str] = []
            for c in r:
                if c.tag == f"{W}t":
                    piece.append(c.text or "")
                elif c.tag in (f"{W}tab", f"{W}cr"):
                    piece.append(" ")
                elif c.tag == f"{W}br":
                    if c.get(f"{W}type") == "page":
                        brk = True
                    else:
                        piece.append(" ")
                elif c.tag == f"{W}noBreakHyphen":
                    piece.append("\u2011")
                elif c.tag == f"{W}footnoteReference":
                    notes.append(f"f{c.get(f'{W}id')}")
                elif c.tag == f"{W}endnoteReference":
                    notes.append(f"e{c.get(f'{W}id')}")
                elif c.tag in (f"{W}drawing", f"{W}pict"):
                    images += self._images(c, where)
            # Only ordinary white space is folded: no-break spaces (str.split's too) are kept.
            text = re.sub(r"[ \t\r\n]+", " ", "".join(piece))
            kind: Script = (
                "sub" if script == "subscript" else "super" if script == "superscript" else ""
            )
            if kind and text.strip(" ") != text:  # spaces around a subscript are plain
                core = text.strip(" ")
                lead = text[: len(text) - len(text.lstrip(" "))]
                spans.append(Span(lead, bold, italic))
                spans.append(Span(core, bold, italic, kind))
                text, kind = text[len(lead) + len(core) :], ""
            elif kind and " " in text:
                lost = True  # a sub- or superscript cannot hold a space: kept as plain text
            spans.append(Span(text, bold, italic, kind))
        text = re.sub(r" +", " ", render(spans)).strip(" ")
        return text, notes, images, lost, brk

    def _images(self, drawing: Any, where: str) -> list[Image]:
        found: list[Image] = []
        pr = next(drawing.iter(f"{WP}docPr"), None)
        alt = ""
        if pr is not None:
            alt = (pr.get("descr") or pr.get("title") or "").strip()
        for blip in drawing.iter(f"{A}blip"):
            rid = blip.get(f"{R}embed")
            link = blip.get(f"{R}link")
            if rid and rid in self.part.rels and not self.part.rels[rid].is_external:
                target = self.part.rels[rid].target_part
                name = PurePosixPath(str(target.partname)).name
                found.append(Image(name, alt, where, data=target.blob))
            elif link:
                ref = self.part.rels[link].target_ref if link in self.part.rels else link
                raise ImportRefused(
                    f"{self.source}: {where}: the picture is linked to '{ref}', outside the "
                    "document; insert it into the document (not as a link) and import again"
                )
        return found

    def _paragraph(self, para: Any) -> None:
        where = f"paragraph {self.paragraphs}"
        p = para._p
        ppr = p.pPr
        if ppr is not None and _on(ppr.find(f"{W}pageBreakBefore")):
            self.elements.append(PageBreak(where))
        text, notes, images, lost, brk = self._runs(p, where)
        style = (para.style.name if para.style is not None else "") or ""
        low = style.lower()
        if text:
            if low == "title":
                if self.title is None:
                    self.title = text
                else:
                    self.elements.append(Heading(1, text, where))
            elif low.startswith("heading") and low[7:].strip().isdigit():
                self.elements.append(Heading(int(low[7:].strip()), text, where))
            elif low in ("quote", "intense quote"):
                self.elements.append(Quote(text, where, notes))
            elif (item := self._list_level(p, low)) is not None:
                ordered, depth = item
                last = self.elements[-1] if self.elements else None
                if isinstance(last, ListBlock) and (depth > 0 or last.ordered == ordered):
                    last.items.append(ListItem(text, depth, notes))
                    last.formatting_lost |= lost
                else:
                    self.elements.append(
                        ListBlock(ordered, [ListItem(text, depth, notes)], where, lost)
                    )
            else:
                self.elements.append(Paragraph(text, where, notes, lost))
        self.elements.extend(images)
        sect = ppr is not None and ppr.find(f"{W}sectPr") is not None
        if brk or sect:
            self.elements.append(PageBreak(where))

    def _list_level(self, p: Any, style: str) -> tuple[bool, int] | None:
        """(ordered, depth) when the paragraph is a list item, else None."""
        ppr = p.pPr
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        if num is not None:
            ilvl_el = num.find(f"{W}ilvl")
            id_el = num.find(f"{W}numId")
            ilvl = ilvl_el.get(f"{W}val", "0") if ilvl_el is not None else "0"
            num_id = id_el.get(f"{W}val", "") if id_el is not None else ""
            if num_id == "0":
                return None  # numbering switched off
            fmt = self.numfmt.get((num_id, ilvl))
            ordered = fmt not in (None, "bullet", "none") if fmt is not None else "number" in style
            return ordered, int(ilvl) if ilvl.isdigit() else 0
        if style.startswith("list bullet") or style.startswith("list number"):
            depth = int(style[-1]) - 1 if style[-1].isdigit() else 0
            return style.startswith("list number"), depth
        return None

    def _table(self, table: Any) -> None:
        where = f"table {self.tables}"
        rows: list[list[str]] = []
        images: list[Image] = []
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue  # a merged cell is listed once per column it spans
                seen.add(id(cell._tc))
                parts = []
                for p in cell.paragraphs:
                    text, _, imgs, _, _ = self._runs(p._p, where)
                    parts.append(text)
                    images += imgs
                cells.append(" ".join(x for x in parts if x))
            rows.append(cells)
        self.elements.append(Table(rows, where, images))
