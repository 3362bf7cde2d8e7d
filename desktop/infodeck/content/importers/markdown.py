"""Read a Markdown file into an :class:`Outline` (markdown-it-py, with footnotes and tables).

markdown-it-py follows CommonMark exactly, so what a teacher's editor shows is what is
read; its plugins add footnotes (``[^1]``), tables and front matter (``title:``,
``lang:``). Pictures are read relative to the file's folder and must stay inside it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

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
    Paragraph,
    Quote,
    Table,
)
from infodeck.scene.markup import Script, Span, parse, render

_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def read_markdown(source: Path) -> Outline:
    """The outline of Markdown file ``source``; ImportRefused when it cannot be read safely."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    try:
        size = source.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ImportRefused(f"{source}: the file is larger than 50 MB; notes are far smaller")
        raw = source.read_bytes()
    except OSError as e:
        raise ImportRefused(f"{source}: cannot read: {e.strerror}") from None
    if b"\0" in raw[:8192]:
        raise ImportRefused(f"{source}: this is not a text file (Markdown is plain text)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ImportRefused(
            f"{source}:{line}: the file is not UTF-8 text; save it as UTF-8 and import again"
        ) from None
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(front_matter_plugin)
    return _Reader(source, md.parse(text)).outline()


class _Reader:
    def __init__(self, source: Path, tokens: list[Any]) -> None:
        self.source = source
        self.folder = source.parent.resolve()
        self.tokens = tokens
        self.i = 0
        self.elements: list[Element] = []
        self.footnotes: dict[str, str] = {}
        self.title: str | None = None
        self.language: str | None = None

    def where(self, tok: Any) -> str:
        return f"line {tok.map[0] + 1}" if tok.map else "?"

    def outline(self) -> Outline:
        toks = self.tokens
        while self.i < len(toks):
            tok = toks[self.i]
            t = tok.type
            if t == "front_matter":
                self._front_matter(tok.content)
                self.i += 1
            elif t == "heading_open":
                text, _, _, _ = self._inline(toks[self.i + 1])
                self.elements.append(Heading(int(tok.tag[1]), text, self.where(tok)))
                self.i += 3
            elif t == "paragraph_open":
                self._paragraph(tok)
            elif t in ("bullet_list_open", "ordered_list_open"):
                self._list(tok)
            elif t == "blockquote_open":
                self._quote(tok)
            elif t == "table_open":
                self._table(tok)
            elif t == "footnote_block_open":
                self._footnotes()
            elif t in ("fence", "code_block"):
                self.elements.append(Other("code", tok.content.rstrip("\n"), self.where(tok)))
                self.i += 1
            elif t == "html_block":
                self.elements.append(Other("HTML", "", self.where(tok)))
                self.i += 1
            elif t == "hr":
                self.elements.append(Other("horizontal rule", "", self.where(tok)))
                self.i += 1
            else:
                self.i += 1
        return Outline(self.source, self.title, self.language, self.elements, self.footnotes)

    def _front_matter(self, content: str) -> None:
        import yaml

        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError:
            return
        if isinstance(data, dict):
            title = data.get("title")
            lang = data.get("lang") or data.get("language")
            self.title = str(title).strip() if title else None
            self.language = str(lang).strip() if lang else None

    def _inline(self, tok: Any) -> tuple[str, list[str], list[Image], bool]:
        """Text (as pack markup), footnote labels, pictures, whether formatting was dropped.

        Bold, italic and sub/superscripts become the pack's markup (scene/markup.py).
        """
        spans: list[Span] = []
        notes: list[str] = []
        images: list[Image] = []
        lost = False
        bold = italic = 0
        script: Script = ""  # while inside <sub>…</sub> or <sup>…</sup>
        for c in tok.children or []:
            kind = c.type
            if kind == "html_inline" and (m := re.fullmatch(r"<(/?)(sub|sup)>", c.content.lower())):
                script = "" if m.group(1) else ("sub" if m.group(2) == "sub" else "super")
                continue
            if kind == "text":
                # Literal asterisks and backslashes stay literal (CommonMark has read the
                # emphasis already); pandoc's CO~2~ and x^2^ are the pack's markup too.
                for sp in parse(re.sub(r"([*\\])", r"\\\1", c.content)):
                    spans.append(
                        Span(sp.text, bold > 0 or sp.bold, italic > 0 or sp.italic,
                             script or sp.script)
                    )
            elif kind == "code_inline":
                spans.append(Span(c.content, bold > 0, italic > 0, script))
            elif kind in ("softbreak", "hardbreak"):
                spans.append(Span(" "))
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "s_open":
                lost = True
            elif kind == "footnote_ref":
                notes.append(str(c.meta.get("label", c.meta.get("id"))))
            elif kind == "image":
                images.append(self._image(c, tok))
            elif kind == "html_inline":
                lost = True
        if any(s.script and any(ch.isspace() for ch in s.text) for s in spans):
            lost = True  # a sub- or superscript cannot hold a space: kept as plain text
        folded = [Span(re.sub(r"[ \t\n]+", " ", s.text), s.bold, s.italic, s.script)
                  for s in spans]
        text = re.sub(r" +", " ", render(folded)).strip()
        # A footnote mark with no footnote stays literal text in CommonMark: a citation
        # without a reference, reported as such and taken out of the text.
        for m in _UNDEFINED_NOTE.finditer(text):
            notes.append(m.group(1))
        text = _UNDEFINED_NOTE.sub("", text).strip()
        return text, notes, images, lost

    def _image(self, c: Any, tok: Any) -> Image:
        src = str(c.attrGet("src") or "")
        alt = c.content.strip()
        where = self.where(tok)
        name = Path(unquote(src.split("?")[0].split("#")[0])).name or "picture"
        if _SCHEME.match(src) and not re.match(r"^[a-zA-Z]:[\\/]", src):
            return Image(name, alt, where, skipped=f"a web address ({src[:60]}), not fetched")
        rel = unquote(src)
        path = Path(rel)
        if path.is_absolute() or rel.startswith(("/", "\\")):
            raise ImportRefused(
                f"{self.source}:{where[5:]}: the picture '{src}' is outside the document's "
                "folder; copy it next to the document and use a relative path"
            )
        target = (self.folder / path).resolve()
        try:
            target.relative_to(self.folder)
        except ValueError:
            raise ImportRefused(
                f"{self.source}:{where[5:]}: the picture '{src}' is outside the document's "
                "folder; copy it next to the document and use a relative path"
            ) from None
        return Image(target.name, alt, where, path=target)

    def _paragraph(self, tok: Any) -> None:
        inline = self.tokens[self.i + 1]
        text, notes, images, lost = self._inline(inline)
        self.i += 3
        if text:
            self.elements.append(Paragraph(text, self.where(tok), notes, lost))
        self.elements.extend(images)

    def _until_close(self, open_type: str, close_type: str) -> int:
        depth, j = 0, self.i
        while j < len(self.tokens):
            t = self.tokens[j].type
            if t == open_type:
                depth += 1
            elif t == close_type:
                depth -= 1
                if depth == 0:
                    return j
            j += 1
        return j

    def _list(self, tok: Any) -> None:
        end = self._until_close(tok.type, tok.type.replace("_open", "_close"))
        items: list[ListItem] = []
        lost = False
        depth = -1
        images: list[Image] = []
        j = self.i
        while j < end:
            t = self.tokens[j]
            if t.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif t.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            elif t.type == "list_item_open":
                items.append(ListItem("", depth))
            elif t.type == "inline" and items:
                text, notes, imgs, lo = self._inline(t)
                lost |= lo
                images += imgs
                item = items[-1]
                item.text = f"{item.text} {text}".strip()
                item.notes += notes
            j += 1
        self.i = end + 1
        items = [it for it in items if it.text]
        if items:
            self.elements.append(
                ListBlock(tok.type == "ordered_list_open", items, self.where(tok), lost)
            )
        self.elements.extend(images)

    def _quote(self, tok: Any) -> None:
        end = self._until_close("blockquote_open", "blockquote_close")
        parts: list[str] = []
        notes: list[str] = []
        for t in self.tokens[self.i : end]:
            if t.type == "inline":
                text, n, _, _ = self._inline(t)
                parts.append(text)
                notes += n
        self.i = end + 1
        text = " ".join(p for p in parts if p)
        if text:
            self.elements.append(Quote(text, self.where(tok), notes))

    def _table(self, tok: Any) -> None:
        end = self._until_close("table_open", "table_close")
        rows: list[list[str]] = []
        images: list[Image] = []
        for t in self.tokens[self.i : end]:
            if t.type == "tr_open":
                rows.append([])
            elif t.type == "inline" and rows:
                text, _, imgs, _ = self._inline(t)
                rows[-1].append(text)
                images += imgs
        self.i = end + 1
        self.elements.append(Table(rows, self.where(tok), images))

    def _footnotes(self) -> None:
        end = self._until_close("footnote_block_open", "footnote_block_close")
        label: str | None = None
        for t in self.tokens[self.i : end]:
            if t.type == "footnote_open":
                label = str(t.meta.get("label", t.meta.get("id")))
                self.footnotes[label] = ""
            elif t.type == "inline" and label is not None:
                text, _, _, _ = self._inline(t)
                self.footnotes[label] = f"{self.footnotes[label]} {text}".strip()
        self.i = end + 1
