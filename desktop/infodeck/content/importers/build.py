"""Turn an :class:`Outline` into a pack with the document model's edit commands.

The rules of what becomes what live here, once for every reader. The pack is made in
a hidden folder beside the target, saved by :meth:`PackDocument.save` like any edit,
checked with the loader's checks, and only then moved into place: a failure leaves
nothing behind, and a folder already there is never replaced without ``force`` (and
then kept under a new name, never deleted).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infodeck.content.edit.commands import EditError
from infodeck.content.edit.document import PackDocument, slug
from infodeck.content.importers.outline import (
    Element,
    Heading,
    Image,
    ImportRefused,
    ListBlock,
    Other,
    Outline,
    PageBreak,
    Paragraph,
    Quote,
    Table,
)
from infodeck.content.importers.report import ImportReport
from infodeck.content.load import PACK_FILE
from infodeck.scene.markup import Span, cut, plain, render, restyle

MAX_SHORT = 300
MAX_TEXT = 20_000
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_SOURCE_LINE = re.compile(
    r"^\s*(sources?|quelle|quellen|fuente|fuentes|source des données)\s*:\s*(.+)$", re.IGNORECASE
)
_SPACES = re.compile(r"[ \t\r\n]+")
_YEAR = re.compile(r"\b(1[4-9]\d\d|20\d\d)\b")
_URL = re.compile(r"https?://\S+[^\s.,;)]")
_NUMBER = re.compile(r"^\s*([-−]?\d[\d\s,\u00a0\u202f]*(?:[.,]\d+)?)\s*(%|‰)?\s*$")
_UNIT = re.compile(r"\(([^()]{1,12})\)\s*$")
_DASH_ATTRIBUTION = re.compile(r"^(.*\S)\s*(?:—|―|--|–)\s*(\S.*)$", re.DOTALL)


def _short(text: str) -> str:
    """Text cut to a title's limit at a word, with an ellipsis when it was cut.

    The cut is made in the words, never inside the markup (an open ``**`` would show).
    """
    text = _SPACES.sub(" ", text).strip(" ")  # no-break spaces are kept
    if len(text) <= MAX_SHORT:
        return text
    words = plain(text)
    room = max(MAX_SHORT - 1 - (len(text) - len(words)), MAX_SHORT // 2)
    out = cut(text, len(words[:room].rsplit(" ", 1)[0])) + "…"
    if len(out) > MAX_SHORT:  # markup on nearly every word: the words alone
        out = render([Span(words[: MAX_SHORT - 1].rsplit(" ", 1)[0])]) + "…"
    return out


def _literal(text: str) -> str:
    """Plain words as pack text: asterisks that would read as markup are escaped."""
    return render([Span(text)])


def _items(n: int) -> str:
    return f"{n} item{'s' * (n != 1)}"


def _first_sentence(text: str) -> str:
    m = re.match(r"^(.+?[.!?。！？])(\s|$)", text)
    return _short(m.group(1) if m else text)


def normalise_language(tag: str | None) -> str | None:
    """A language tag as packs write it (``de_DE`` → ``de-DE``), or None when it is not one."""
    if not tag:
        return None
    parts = tag.strip().replace("_", "-").split("-")
    norm = "-".join([parts[0].lower(), *parts[1:]])
    return norm if _LANG.match(norm) else None


@dataclass
class _Section:
    title: str
    where: str
    elements: list[Element] = field(default_factory=list)
    heading: bool = False  # made from a heading (else: text before the first, or a page)


def _parse_number(cell: str) -> tuple[float, str] | None:
    m = _NUMBER.match(cell)
    if not m:
        return None
    raw = m.group(1).replace("−", "-")
    for space in (" ", "\u00a0", "\u202f"):
        raw = raw.replace(space, "")
    if "," in raw and "." not in raw and re.fullmatch(r"-?\d+,\d{1,2}", raw):
        raw = raw.replace(",", ".")  # a decimal comma (12,5)
    else:
        raw = raw.replace(",", "")
    try:
        return float(raw), m.group(2) or ""
    except ValueError:
        return None


def table_chart(
    rows: list[list[str]], fallback_title: str = "Chart"
) -> tuple[dict[str, Any] | None, str]:
    """A chart block from a table with one label and one number column, or (None, why not)."""
    rows = [[plain(c) for c in r] for r in rows if any(c.strip() for c in r)]  # words
    if len(rows) < 2:
        return None, "it has no rows below its header"
    if any(len(r) != 2 for r in rows):
        return None, f"it has {max(len(r) for r in rows)} columns, not a label and a number"
    header, body = rows[0], rows[1:]
    if len(body) > 12:
        return None, f"it has {len(body)} rows; a chart shows at most 12"
    items: list[dict[str, Any]] = []
    units: set[str] = set()
    for label, cell in body:
        got = _parse_number(cell)
        if got is None or not label.strip():
            return None, f"'{cell}' in the row '{label}' is not a number" if label.strip() \
                else "a row has no label"
        value, unit = got
        units.add(unit)
        items.append({"label": _short(_literal(label)),
                      "value": int(value) if value.is_integer() else value})
    m = _UNIT.search(header[1])
    unit = m.group(1).strip() if m else (units.pop() if len(units) == 1 else "")
    # A one-word header ("Share (%)") says too little for a slide: the section's title
    named = _UNIT.sub("", header[1]).strip()
    title = named if len(named.split()) > 1 else fallback_title
    chart: dict[str, Any] = {
        "type": "diagram",
        "kind": "chart",
        "title": _short(_literal(title) if title is not fallback_title else title),
        "unit": unit,
        "items": items,
    }
    return chart, ""


def reference_from(text: str, key_hint: str, used: set[str]) -> dict[str, Any] | None:
    """A reference from a note's text ("Authors. Title. Where. Year."); None without a year."""
    year = _YEAR.search(text)
    if year is None:
        return None
    url = _URL.search(text)
    body = _URL.sub("", text).strip().rstrip(".").strip()
    body = re.sub(r"\s*(Available (from|at)|URL)\s*:?\s*$", "", body, flags=re.IGNORECASE)
    parts = [p.strip().rstrip(".") for p in re.split(r"(?<=[.?!])\s+", body) if p.strip()]
    parts = [p for p in parts if not re.fullmatch(r"\(?(1[4-9]\d\d|20\d\d)\)?[;:,\s\d()-]*", p)]
    plain = _YEAR.sub("", body).strip(" .,;()") or body
    authors, title, container = plain, plain, None  # one part only: reported, to check
    if len(parts) >= 2:
        authors, rest = parts[0], parts[1:]
        # initials written with full stops ("Smith J. A."), abbreviations ("U.S. Survey")
        while len(rest) > 1 and (len(rest[0]) <= 3 or "." in authors.split()[-1]):
            authors, rest = f"{authors}. {rest[0]}", rest[1:]
        title = rest[0]
        container = rest[1] if len(rest) >= 2 else None
    title = re.sub(r"\b(1[4-9]\d\d|20\d\d)\b[;:,.\s\d()-]*$", "", title).strip(" .;,") or title
    words = re.findall(r"[^\W\d_]{2,}", authors)
    base = slug(f"{words[0] if words else 'source'}{year.group(1)}", "source")
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key)
    ref: dict[str, Any] = {
        "key": key,
        "authors": _short(authors),
        "title": _short(title),
        "year": int(year.group(1)),
    }
    if container and not _YEAR.fullmatch(container.strip()):
        ref["container"] = _short(container)
    if url:
        ref["url"] = url.group(0)
    return ref


class PackFolderExists(ImportRefused):
    """The pack folder already holds files: perhaps the teacher's edits of an earlier import."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            f"{folder}: the folder already exists and holds files (perhaps your edits of an "
            "earlier import); choose another folder, or import anyway: the old folder is then "
            "kept beside it under a new name"
        )


class _Builder:
    def __init__(self, outline: Outline, doc: PackDocument, report: ImportReport) -> None:
        self.o = outline
        self.doc = doc
        self.report = report
        self.refs: dict[str, str | None] = {}  # footnote label → reference key (None: unusable)
        self.used: set[str] = set()
        self.pictures_dir = Path(tempfile.mkdtemp(prefix="infodeck-import-"))

    def close(self) -> None:
        shutil.rmtree(self.pictures_dir, ignore_errors=True)

    # -- references --------------------------------------------------------------------

    def cite_keys(self, labels: list[str], where: str) -> list[str]:
        keys: list[str] = []
        for label in labels:
            if label not in self.refs:
                text = self.o.footnotes.get(label)
                if text is None:
                    self.report.attend(where, f"citation [{label}]",
                                       "no footnote says what it cites: add the reference "
                                       "in the app (References) and cite it")
                    self.refs[label] = None
                    continue
                self.refs[label] = self.add_reference(plain(text), f"footnote [{label}]")
            key = self.refs[label]
            if key is not None and key not in keys:
                keys.append(key)
        return keys

    def add_reference(self, text: str, what: str) -> str | None:
        ref = reference_from(text, what, self.used)
        if ref is None:
            self.report.attend(what, f"source '{_short(text)[:60]}'",
                               "has no year, so it cannot be a reference: add it in the app")
            return None
        self.doc.add_reference(ref)
        if ref["authors"] == ref["title"]:
            self.report.attend(what, f"reference {ref['key']}",
                               "the note does not say authors and title apart: check them")
        self.report.references += 1
        self.report.add(what, f"source '{_short(text)[:60]}'", f"reference {ref['key']}")
        return str(ref["key"])

    # -- sections ----------------------------------------------------------------------

    def split(self) -> tuple[str, list[_Section]]:
        els = list(self.o.elements)
        title = restyle(self.o.title, bold=False) if self.o.title else None
        heads = [e for e in els if isinstance(e, Heading)]
        if title is None and heads and els and isinstance(els[0], Heading):
            first = els[0]
            alone = sum(1 for h in heads if h.level <= first.level) == 1
            if alone:  # one heading above all others (or the only one): the document's title
                title = restyle(first.text, bold=False)  # a title is bold anyway
                els = els[1:]
                self.report.add(first.where, f"heading '{_short(first.text)}'", "the pack's title")
        if title is None:
            title = self.o.source.stem.replace("_", " ").replace("-", " ").strip().capitalize()
            self.report.add("-", "file name", f"the pack's title '{title}' (the document has none)")
        elif self.o.title is not None:
            self.report.add("-", "document title", f"the pack's title '{_short(title)}'")
        title = _short(title) or "Notes"
        levels = [e.level for e in els if isinstance(e, Heading)]
        top = min(levels) if levels else None
        sections: list[_Section] = []
        current: _Section | None = None
        if top is None and any(isinstance(e, PageBreak) for e in els):
            n = 1
            current = _Section(f"{title} ({n})", "page 1")
            for e in els:
                if isinstance(e, PageBreak):
                    if current.elements:
                        sections.append(current)
                        n += 1
                        current = _Section(f"{title} ({n})", e.where)
                    continue
                current.elements.append(e)
            sections.append(current)
            return title, [s for s in sections if s.elements] or sections[:1]
        for e in els:
            if isinstance(e, Heading) and e.level == top:
                current = _Section(_short(restyle(e.text, bold=False)) or title, e.where,
                                   heading=True)
                sections.append(current)
                continue
            if isinstance(e, PageBreak):
                continue
            if current is None:
                current = _Section(title, e.where)
                sections.append(current)
            current.elements.append(e)
        if not sections:
            sections.append(_Section(title, "-"))
        return title, sections

    def build(self) -> None:
        title, sections = self.split()
        self.doc.set_value(PACK_FILE, ("title",), title, typing=False)
        self.doc.set_value("sections/title.yaml", ("title",), title, typing=False)
        names = ", ".join(s.title for s in sections)
        self.doc.set_value("sections/title.yaml", ("summary",), _short(names), typing=False)
        self.doc.set_value("sections/title.yaml", ("notes",),
                           f"Imported from {self.o.source.name}.", typing=False)
        for s in sections:
            self.section(s)

    def section(self, s: _Section) -> None:
        rel = self.doc.add_section({
            "id": slug(s.title),
            "title": s.title,
            "summary": s.title,
            "notes": f"Imported from {self.o.source.name} ({s.where}).",
            "blocks": [],
        })
        self.report.sections += 1
        what = f"heading '{s.title}'" if s.heading else "text without a heading above it"
        self.report.add(s.where, what, f"section {rel} ('{s.title}')")
        lead: Heading | None = None
        summary: str | None = None
        for e in s.elements:
            if isinstance(e, Heading):
                if lead is not None:
                    self.lead_block(rel, lead)
                lead = e
                continue
            if isinstance(e, Paragraph):
                src = _SOURCE_LINE.match(plain(e.text))
                if src is not None:
                    self.source_line(rel, src.group(2), e.where)
                    continue
                text = e.text
                if lead is not None:
                    sep = "" if plain(lead.text).rstrip()[-1:] in ".:!?" else "."
                    text = f"{restyle(lead.text + sep, bold=True)} {text}"
                    self.report.add(lead.where, f"heading '{_short(plain(lead.text))}'",
                                    "bold lead-in of the next text")
                    lead = None
                if summary is None:
                    summary = _first_sentence(e.text)
                if e.formatting_lost:
                    self.report.formatting_lost.append(e.where)
                self.text_block(rel, text, e.notes, e.where)
                self.report.add(e.where, "paragraph", "text")
                continue
            if lead is not None:
                self.lead_block(rel, lead)
                lead = None
            self.element(rel, e, s)
        if lead is not None:
            self.lead_block(rel, lead)
        if summary:
            self.doc.set_value(rel, ("summary",), summary, typing=False)

    def lead_block(self, rel: str, lead: Heading) -> None:
        """A heading deeper than a section with no paragraph after it: bold text of its own."""
        self.text_block(rel, restyle(lead.text, bold=True), [], lead.where)
        self.report.add(lead.where, f"heading '{_short(plain(lead.text))}'", "bold text")

    def blocks(self, rel: str) -> list[Any]:
        got = self.doc.get(rel, ("blocks",), [])
        return got if isinstance(got, list) else []

    def add(self, rel: str, block: dict[str, Any], notes: list[str], where: str) -> None:
        keys = self.cite_keys(notes, where)
        if keys:
            block["cite"] = keys
        self.doc.add_block(rel, block)

    def text_block(self, rel: str, text: str, notes: list[str], where: str) -> None:
        self.add(rel, {"type": "text", "text": text[:MAX_TEXT]}, notes, where)

    def source_line(self, rel: str, text: str, where: str) -> None:
        key = self.add_reference(text, where)
        if key is None:
            return
        for i, b in enumerate(self.blocks(rel)):
            citable = isinstance(b, dict) and b.get("type") not in ("picture", "quote")
            if citable and not b.get("cite"):
                self.doc.set_value(rel, ("blocks", i, "cite"), [key], typing=False)

    def element(self, rel: str, e: Element, s: _Section) -> None:
        if isinstance(e, ListBlock):
            self.list_block(rel, e, s)
        elif isinstance(e, Quote):
            m = _DASH_ATTRIBUTION.match(e.text)
            if m and len(m.group(2)) <= MAX_SHORT and len(m.group(2)) < len(m.group(1)):
                text = m.group(1).strip()
                self.add(rel, {"type": "quote", "text": text, "attribution": m.group(2).strip()},
                         e.notes, e.where)
                self.report.add(e.where, "block quote", "quote")
            else:
                self.text_block(rel, e.text, e.notes, e.where)
                self.report.add(e.where, "block quote", "text (no attribution after '—')")
        elif isinstance(e, Image):
            self.picture(rel, e)
        elif isinstance(e, Table):
            self.table(rel, e)
        elif isinstance(e, Other):
            if e.text.strip():
                self.text_block(rel, e.text, [], e.where)
                self.report.add(e.where, e.what, "text")
            else:
                self.report.leave_out(e.where, e.what, "a pack has nothing like it")

    def list_block(self, rel: str, e: ListBlock, s: _Section) -> None:
        if e.formatting_lost:
            self.report.formatting_lost.append(e.where)
        base = min(it.depth for it in e.items)
        top = [it for it in e.items if it.depth == base]
        notes = [n for it in e.items for n in it.notes]
        if e.ordered and 2 <= len(top) <= 12 and all(len(it.text) <= MAX_SHORT for it in top):
            steps: list[dict[str, Any]] = []
            for it in e.items:
                if it.depth == base:
                    steps.append({"label": it.text})
                else:
                    detail = steps[-1].get("detail")
                    steps[-1]["detail"] = _short(f"{detail}; {it.text}" if detail else it.text)
            self.add(rel, {"type": "diagram", "kind": "pathway", "title": s.title,
                           "steps": steps}, notes, e.where)
            self.report.add(e.where, f"numbered list of {_items(len(top))}", "pathway steps")
            return
        items = [("– " * (it.depth - base)) + it.text for it in e.items]
        self.add(rel, {"type": "bullets", "items": items[:500]}, notes, e.where)
        kind = "numbered list" if e.ordered else "bulleted list"
        why = "" if not e.ordered else " (a pathway takes 2–12 short steps)"
        nested = " (nested items marked '–')" if len(top) != len(e.items) else ""
        self.report.add(e.where, f"{kind} of {_items(len(e.items))}", f"bullets{why}{nested}")

    def picture(self, rel: str, e: Image) -> None:
        what = f"picture '{e.name}'"
        if e.skipped:
            self.report.leave_out(e.where, what, e.skipped)
            return
        if e.path is not None:
            if not e.path.is_file():
                self.report.attend(e.where, what, "the file was not found next to the document; "
                                   "add the picture in the app")
                return
            src = e.path
        else:
            src = self.pictures_dir / f"{len(os.listdir(self.pictures_dir))}-{e.name}"
            src.write_bytes(e.data or b"")
        if not e.alt.strip():
            self.report.attend(e.where, what, "it has no alt text, so it was not placed: add it "
                               "in the app (Add picture) with a few words saying what it shows")
            return
        try:
            path = self.doc.add_picture(rel, src, alt=_short(e.alt))
        except EditError as err:
            self.report.leave_out(e.where, what, str(err))
            return
        self.report.pictures += 1
        self.report.add(e.where, what, f"picture {path}")

    def table(self, rel: str, e: Table) -> None:
        chart, why = table_chart(e.rows, self.doc.get(rel, ("title",), "Chart"))
        if chart is not None:
            self.doc.add_block(rel, chart)
            self.report.add(e.where, "table", f"chart of {len(chart['items'])} bars")
        elif e.rows:
            header = e.rows[0]
            items = []
            for row in e.rows[1:] or e.rows:
                cells = [f"{h}: {c}" if h and len(e.rows) > 1 else c
                         for h, c in zip(header, row, strict=False) if c.strip()]
                if cells:
                    items.append("; ".join(cells))
            if items:
                self.add(rel, {"type": "bullets", "items": items[:500]}, [], e.where)
                self.report.add(e.where, "table", "bullets, one per row")
            self.report.attend(e.where, "table", f"not a chart: {why}")
        for img in e.images:
            self.picture(rel, img)


def build_pack(outline: Outline, out: Path, *, force: bool = False) -> ImportReport:
    """Make the pack for ``outline`` in folder ``out``; returns the report.

    Refuses (ImportRefused, nothing written) a folder that exists and holds files
    unless ``force``; with ``force`` the old folder is kept beside it under a new name.
    """
    out = Path(out).expanduser().absolute()
    if not outline.elements and not outline.title:
        raise ImportRefused(f"{outline.source}: the document is empty; there is nothing to import")
    if out.exists() and not out.is_dir():
        raise ImportRefused(f"{out}: a file is there; choose a folder name for the pack")
    busy = out.is_dir() and any(out.iterdir())
    if busy and not force:
        raise PackFolderExists(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=out.parent))
    report = ImportReport(outline.source, out)
    try:
        lang = normalise_language(outline.language)
        if outline.language and lang is None:
            report.attend("-", f"language '{outline.language}'", "not a language tag; 'en' used")
        pack_dir = work / "pack"
        author = _short(outline.author) if outline.author and outline.author.strip() else None
        doc = PackDocument.new(pack_dir, title=outline.title or "Notes", language=lang or "en",
                               author=author)
        doc.set_value(PACK_FILE, ("id",), slug(out.name, "pack"), typing=False)
        if lang:
            report.add("-", f"document language '{outline.language}'", f"pack language {lang}")
        builder = _Builder(outline, doc, report)
        try:
            builder.build()
        finally:
            builder.close()
        if author is None:
            report.attend("pack.yaml", "author", "set to 'Your name': write yours")
        else:
            report.add("-", "document author", f"the pack's author '{author}'")
        errors = doc.validation.errors
        if errors:  # the rules above make valid packs; say what went wrong if one did not
            raise ImportRefused("the imported pack would have errors, so nothing was written:\n"
                                + "\n".join(str(p) for p in errors))
        doc.save()
        if busy:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            backup = out.with_name(f"{out.name}.before-import-{stamp}")
            os.replace(out, backup)
            report.replaced = backup
        elif out.is_dir():
            out.rmdir()
        os.replace(pack_dir, out)
    except OSError as e:
        raise ImportRefused(f"{out}: cannot write the pack: {e.strerror or e}") from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)
    return report
