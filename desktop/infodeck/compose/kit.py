"""Small builders shared by every composer: ids, runs, paragraphs, text boxes.

They keep the composers short and make every piece of text go through the same
measuring path (``layout_frame``), so nothing reaches a backend unmeasured.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from infodeck.compose.layouts import Layout, Theme
from infodeck.compose.room import DeckRoom
from infodeck.compose.words import words
from infodeck.content.model import Pack, Section
from infodeck.scene.elements import (
    Align,
    Box,
    Document,
    Geometry,
    Icon,
    Page,
    Paragraph,
    Role,
    Run,
    TextFrame,
    VAlign,
    VectorIcon,
)
from infodeck.scene.icons import icon_color, lookup
from infodeck.scene.markup import parse, plain
from infodeck.scene.text import fit_text, frame_height, layout_frame


@dataclass
class Kit:
    """What a composer needs: the layout, the theme, the pack's icons, unique ids."""

    layout: Layout
    theme: Theme
    icons: Mapping[str, VectorIcon] = field(default_factory=dict)  # the pack's own
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    lang: str = ""  # the language of the text being composed ("" for the document's)
    pack_root: str = ""  # where a pack's own translation files are (words/)
    room: DeckRoom | None = None  # a school template's room for content (None: margins)

    @classmethod
    def for_pack(
        cls,
        layout: Layout,
        theme: Theme,
        pack: Pack,
        section: Section | None = None,
        *,
        room: DeckRoom | None = None,
    ) -> Kit:
        """A kit for composing the pack's text (or one section's, in its own language)."""
        lang = (section.language if section is not None else None) or pack.meta.language
        return cls(layout, theme, pack.icons, lang=lang, pack_root=pack.root, room=room)

    def speaking(self, lang: str | None) -> Kit:
        """The kit (same ids) for text in ``lang``; itself when ``lang`` is not given."""
        return replace(self, lang=lang) if lang and lang != self.lang else self

    def say(self, key: str, **values: object) -> str:
        """Infodeck's own words, in the language of the text around them."""
        return words(self.lang, self.pack_root)(key, **values)

    def new_id(self, prefix: str = "e") -> str:
        """A fresh element id, unique within the document."""
        return f"{prefix}{next(self._ids)}"

    def run(
        self,
        text: str,
        size: float,
        color: str | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
        superscript: bool = False,
        heading: bool = False,
    ) -> Run:
        """A run in the theme's font (its heading font for a ``heading``)."""
        font = self.theme.heading_for if heading else self.theme.font_for
        return Run(
            text,
            font(size, bold=bold, italic=italic),
            color or self.theme.colors.text,
            superscript,
            self.lang,
        )

    def marked(
        self,
        text: str,
        size: float,
        color: str | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
        heading: bool = False,
    ) -> list[Run]:
        """A teacher's text as runs, its inline markup (scene/markup.py) applied.

        Markup adds to the style the composer gives: bold stays bold, and ``*…*``
        inside text that is italic already (a quote, a caption) is set upright, as
        typesetters mark emphasis there. Never empty: an empty text is one empty run.
        A ``heading`` is set in the theme's heading font.
        """
        color = color or self.theme.colors.text
        font = self.theme.heading_for if heading else self.theme.font_for
        runs = [
            Run(
                span.text,
                font(size, bold=bold or span.bold, italic=italic != span.italic),
                color,
                span.script == "super",
                self.lang,
                span.script == "sub",
            )
            for span in parse(text)
        ]
        return runs or [self.run(text, size, color, bold=bold, italic=italic, heading=heading)]

    def para(
        self,
        runs: list[Run] | Run,
        *,
        align: Align = "left",
        spacing: float = 1.12,
        before: float = 0.0,
        bullet: str | None = None,
    ) -> Paragraph:
        """A paragraph; bulleted paragraphs get a hanging indent of about one em."""
        rs = (runs,) if isinstance(runs, Run) else tuple(runs)
        size = max(r.font.size for r in rs)
        return Paragraph(
            rs,
            align=align,
            line_spacing=spacing,
            space_before=before,
            bullet=bullet,
            bullet_color=self.theme.colors.accent if bullet else None,
            indent=round(size * 1.1, 2) if bullet else 0.0,
        )


def icon(
    kit: Kit,
    name: str,
    x: float,
    y: float,
    size: float,
    *,
    on: str,
    text: str,
    reveal: int = 0,
) -> Icon | None:
    """The icon ``name`` in a ``size`` square at (x, y), coloured for what is behind it.

    ``on`` is the fill behind the icon and ``text`` the theme's text colour on that
    fill: the icon takes its meaning's colour (the accent, or the warning colour for
    ``warning``) when that stands out from the fill, else the text colour. None when
    the pack has no such icon (packs are checked when loaded, so only hand-made ones).
    """
    found = lookup(name, kit.icons)
    if found is None or size <= 0:
        return None
    c = kit.theme.colors
    color = icon_color(name, on, text, c.accent, {"warning": c.warning})
    return Icon(kit.new_id("i"), x, y, size, size, found, color, name=f"Icon: {name}",
                alt=found.title, reveal=reveal)


def frame(
    paragraphs: list[Paragraph],
    *,
    valign: VAlign = "top",
    inset: float | tuple[float, float, float, float] = 0.0,
) -> TextFrame:
    """An unlaid text frame; the first paragraph never carries space before."""
    pars = list(paragraphs)
    if pars and pars[0].space_before:
        first = pars[0]
        pars[0] = Paragraph(
            first.runs,
            first.align,
            first.line_spacing,
            0.0,
            first.bullet,
            first.bullet_color,
            first.indent,
        )
    li, ti, ri, bi = inset if isinstance(inset, tuple) else (inset,) * 4
    return TextFrame(tuple(pars), valign, li, ti, ri, bi)


def text_box(
    kit: Kit,
    x: float,
    y: float,
    w: float,
    h: float | None,
    text: TextFrame,
    *,
    geometry: Geometry = "none",
    fill: str | None = None,
    line: str | None = None,
    line_width: float = 0.0,
    name: str = "",
    alt: str = "",
    reveal: int = 0,
    role: Role = "",
) -> Box:
    """A box holding ``text`` laid out for width ``w``; ``h=None`` sizes it to the text."""
    laid = layout_frame(text, w) if not text.paragraphs or not text.paragraphs[0].lines else text
    height = frame_height(laid) if h is None else h
    return Box(
        kit.new_id(),
        x,
        y,
        w,
        height,
        geometry,
        fill,
        line,
        line_width,
        laid,
        name,
        alt,
        reveal=reveal,
        role=role,
    )


def fitted_box(
    kit: Kit,
    x: float,
    y: float,
    w: float,
    h: float,
    build: object,
    size: float,
    floor: float,
    **kwargs: object,
) -> Box | None:
    """A box of fixed size whose text shrinks (down to ``floor``) until it fits."""
    fitted = fit_text(build, w, h, size, floor)  # type: ignore[arg-type]
    if fitted is None:
        return None
    return text_box(kit, x, y, w, h, fitted[0], **kwargs)  # type: ignore[arg-type]


def document(
    pack: Pack, pages: Sequence[Page], layout: Layout, notices: Sequence[str] = ()
) -> Document:
    """The finished document: its pages and the pack's metadata for the file's properties."""
    meta = pack.meta
    return Document(
        tuple(pages),
        plain(meta.title),  # file properties hold words, not the markup the pages draw
        plain(meta.subtitle or ""),
        meta.author,
        meta.language,
        layout.dpi,
        notices=tuple(notices),
    )
