"""Compose a slide deck: a title slide, content slides, diagram slides, references.

Each content section becomes one slide (more when its text does not fit even at
the floor size), each diagram gets a slide of its own, and the references close
the deck. Every slide that cites carries a sources line; every slide has notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from infodeck.compose import cite
from infodeck.compose.diagrams import (
    DiagramBlock,
    caption_of,
    compose_diagram,
    described,
    lost_words,
)
from infodeck.compose.flow import Item, Placed, best_size, paginate
from infodeck.compose.kit import Kit, document, fitted_box, frame, icon, text_box
from infodeck.compose.layouts import Layout, Theme
from infodeck.compose.numbers import number, with_unit
from infodeck.compose.quiz import QuizBlock, quiz_alt, quiz_body, quiz_notes, quiz_title
from infodeck.compose.room import DeckRoom, SlideKind
from infodeck.compose.words import words
from infodeck.content.model import (
    BulletsBlock,
    ChoiceQuiz,
    DiagramBase,
    Pack,
    PathwayDiagram,
    PictureBlock,
    QuoteBlock,
    Reference,
    Section,
    StatBlock,
    TextBlock,
    TrueFalseQuiz,
)
from infodeck.scene.elements import (
    Box,
    Document,
    Element,
    Icon,
    Page,
    Picture,
    PictureData,
    TextFrame,
)
from infodeck.scene.geometry import Rect
from infodeck.scene.markup import plain
from infodeck.scene.text import fit_text, frame_height, layout_frame, line_height, text_width

BULLET = "•"
PRINT_FLOOR = 9.0  # no text, however secondary, is set smaller than this


@dataclass
class SlideBuilder:
    """Collects one slide's elements, citations and notes."""

    kit: Kit
    pack: Pack
    title: str
    notes: str
    section_id: str = ""
    kicker: str = ""
    badge: str = ""
    badge_color: str = ""  # default: the theme's warning colour
    elements: list[Element] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)
    uncited: bool = False
    # The template layout the slide is composed for (only a template's room differs).
    kind: SlideKind = "content"

    @property
    def body_top(self) -> float:
        return self._body_top

    @property
    def left(self) -> float:
        """Where the slide's content starts: the margin, or the template's content area."""
        return content_area(self.kit, self.kind)[0]

    @property
    def width(self) -> float:
        """How wide the slide's content may be."""
        return content_area(self.kit, self.kind)[2]

    def __post_init__(self) -> None:
        if self.kit.room is not None:
            self._title_elements, self._body_top = _title_in_room(
                self.kit, self.kind, self.title, self.kicker, self.badge, self.badge_color
            )
            return
        self._title_elements, title_bottom = _title(
            self.kit, self.title, self.kicker, self.badge, self.badge_color
        )
        self._body_top = title_bottom + 22

    def cite(self, block: object) -> None:
        """Remember what a block cites (or that it is an uncited claim)."""
        self.cited.update(getattr(block, "cite", ()))
        self.uncited |= bool(getattr(block, "uncited", False))
        for sub in getattr(block, "items", ()) or ():
            if not isinstance(sub, str):
                self.cite(sub)

    def footer(self) -> tuple[list[Element], float]:
        """The sources line (when the slide cites) and the slide's bottom limit."""
        k = self.kit
        lay, col = k.layout, k.theme.colors
        text = cite.sources_line(self.cited, self.pack, uncited=self.uncited,
                                 label=k.say("sources"), mark=k.say("no_source"))
        x, _, w, bottom = content_area(k, self.kind)
        if not text:
            return [], bottom
        fitted = fit_text(
            lambda s: frame([k.para(k.run(text, s, col.muted), spacing=1.1)]),
            w,
            lay.height * 0.16,
            lay.type.small,
            min(9.0, lay.type.small),
            step=0.5,
        )
        if fitted is None:  # a very long list of sources: give it the room it needs
            laid = layout_frame(frame([k.para(k.run(text, 9.0, col.muted), spacing=1.1)]), w)
        else:
            laid = fitted[0]
        h = frame_height(laid)
        y = bottom - h
        box = text_box(k, x, y, w, h, laid, name="Sources")
        rule = Box(k.new_id(), x, y - 8, w, 0.75, "rect", col.muted, None, 0, name="Sources rule")
        return [rule, box], y - 16

    def page(self) -> Page:
        lay = self.kit.layout
        foot, _ = self.footer()
        return Page(
            lay.width,
            lay.height,
            self.kit.theme.colors.background,
            tuple(self._title_elements + _with_body(self.elements) + foot),
            kind="slide",
            title=plain(self.title),  # the words, without the markup the slide draws
            notes=plain(self.notes),
            sources=tuple(sorted(self.cited)),
            section_id=self.section_id,
        )


def _with_body(elements: list[Element]) -> list[Element]:
    """The slide's text as its body placeholder, when one text box holds all of it.

    The slide then sits on the Title and Content layout: its body is where
    PowerPoint's outline and a new layout look for it. Slides with text in several
    boxes (a quote, pictures, cards between them) keep them as boxes.
    """
    texts = [i for i, el in enumerate(elements) if isinstance(el, Box) and el.name == "Text"]
    if len(texts) != 1:
        return elements
    out = list(elements)
    box = out[texts[0]]
    assert isinstance(box, Box)
    out[texts[0]] = replace(box, role="body")
    return out


def content_area(kit: Kit, kind: SlideKind = "content") -> tuple[float, float, float, float]:
    """(left, top, width, bottom) of a slide's content, in points.

    The built-in layouts' margins (the top is where the title starts), or, on a
    school's template, the content area of the layout ``kind`` uses, which keeps
    clear of the template's logos, bands and pictures.
    """
    lay = kit.layout
    if kit.room is None:
        m = lay.margin
        return m, m * 0.75, lay.width - 2 * m, lay.height - m * 0.6
    c = kit.room.room(kind).content
    return c.x, c.y, c.w, c.bottom


BADGE_ICON = 0.95  # the room a badge keeps at its left for the warning sign, in its heights


def badge_icon(kit: Kit, badge: Box) -> list[Element]:
    """The warning sign at the left of a manufacturer badge, in the warning colour."""
    s = badge.h * 0.58
    mark = icon(kit, "warning", badge.x + (badge.h * BADGE_ICON - s) / 2 + 3,
                badge.y + (badge.h - s) / 2, s, on=badge.fill or kit.theme.colors.card,
                text=kit.theme.colors.on_card)
    return [mark] if mark is not None else []


def _title(
    kit: Kit, title: str, kicker: str, badge: str, badge_color: str = ""
) -> tuple[list[Element], float]:
    """Slide title (shrunk to fit two lines), optional kicker and badge, accent rule.

    A badge is a warning (the sign, in the warning colour) unless ``badge_color``
    says otherwise: a step number is not a warning.
    """
    lay, col = kit.layout, kit.theme.colors
    x, w = lay.margin, lay.width - 2 * lay.margin
    y = lay.margin * 0.75
    sign = not badge_color  # a warning badge carries the warning sign
    sign_room = BADGE_ICON if sign else 0.0
    out: list[Element] = []
    if badge:
        bsize = lay.type.small
        bh = bsize * 2.2
        # As wide as the sign and the text need (a little more, so it never wraps).
        bw = min(w * 0.6, text_width(badge, kit.theme.font_for(bsize, bold=True)) * 1.03
                 + bh * sign_room + 12)
        b = fitted_box(
            kit,
            lay.width - lay.margin - bw,
            y - 4,
            bw,
            bh,
            lambda s: frame(
                [kit.para(kit.run(badge, s, badge_color or col.warning, bold=True),
                          align="left" if sign else "center")],  # after the sign
                valign="middle",
                inset=(bh * sign_room, 0, 4, 0) if sign else 0.0,
            ),
            bsize,
            8,
            geometry="roundrect",
            fill=col.card,
            name="Badge",
        )
        if b:
            out += [b, *(badge_icon(kit, b) if sign else [])]
            y = b.bottom + 8
    if kicker:
        kb = text_box(
            kit,
            x,
            y,
            w,
            None,
            frame([kit.para(kit.run(kicker.upper(), lay.type.small + 1, col.accent, bold=True))]),
            name="Kicker",
        )
        out.append(kb)
        y = kb.bottom + 2
    tsize = lay.type.title
    max_h = tsize * 1.1 * 2 + 1
    fitted = fit_text(
        lambda s: frame([kit.para(kit.marked(title, s, col.text, bold=True), spacing=1.05)]),
        w,
        max_h,
        tsize,
        lay.type.heading,
    )
    laid = (
        fitted[0]
        if fitted
        else layout_frame(
            frame(
                [kit.para(kit.marked(title, lay.type.heading, col.text, bold=True), spacing=1.05)]
            ),
            w,
        )
    )
    tb = text_box(kit, x, y, w, None, laid, name="Title", role="title")
    rule = Box(
        kit.new_id(), x, tb.bottom + 8, 56, 4, "rect", col.accent, None, 0, name="Title rule"
    )
    # The title is read first (it is the slide's title placeholder); nothing overlaps
    # it, so the kicker and badge can follow it in the shape order.
    return [tb, *out, rule], rule.bottom


def _badge_box(kit: Kit, badge: str, badge_color: str, right: float, y: float,
               max_w: float) -> list[Element]:
    """A badge (and its warning sign) whose right edge is at ``right``; [] if it cannot fit."""
    lay, col = kit.layout, kit.theme.colors
    sign = not badge_color
    sign_room = BADGE_ICON if sign else 0.0
    bsize = lay.type.small
    bh = bsize * 2.2
    bw = min(max_w, text_width(badge, kit.theme.font_for(bsize, bold=True)) * 1.03
             + bh * sign_room + 12)
    b = fitted_box(
        kit, right - bw, y, bw, bh,
        lambda s: frame(
            [kit.para(kit.run(badge, s, badge_color or col.warning, bold=True),
                      align="left" if sign else "center")],
            valign="middle",
            inset=(bh * sign_room, 0, 4, 0) if sign else 0.0,
        ),
        bsize, 8, geometry="roundrect", fill=col.card, name="Badge",
    )
    if b is None:
        return []
    return [b, *(badge_icon(kit, b) if sign else [])]


def _title_in_room(
    kit: Kit, kind: SlideKind, title: str, kicker: str, badge: str, badge_color: str = ""
) -> tuple[list[Element], float]:
    """The title in the template layout's title placeholder; kicker and badge open the content.

    The title box is the placeholder's rectangle exactly, so the title stands where
    the template's designer put titles (and PowerPoint's "Reset slide" leaves it
    there); its text shrinks to fit, down to the body floor. No accent rule: the
    template draws its own. Returns the elements and where the body starts.
    """
    assert kit.room is not None
    lay, col = kit.layout, kit.theme.colors
    room = kit.room.room(kind)
    x, top, w, _ = content_area(kit, kind)
    place = room.title
    if place is None:  # a layout without a title placeholder: the title opens the content
        place = Rect(x, top, w, lay.type.title * 2.4)
        top = place.bottom + lay.gap * 0.5

    def build(s: float) -> TextFrame:
        return frame([kit.para(kit.marked(title, s, col.text, bold=True, heading=True),
                               spacing=1.05, align=room.align)], valign="middle")

    fitted = fit_text(build, place.w, place.h, lay.type.title, lay.type.body_floor)
    laid = fitted[0] if fitted else layout_frame(build(lay.type.body_floor), place.w)
    tb = text_box(kit, place.x, place.y, place.w, place.h, laid, name="Title", role="title")
    out: list[Element] = [tb]
    row = 0.0
    badge_w = 0.0
    if badge:
        made = _badge_box(kit, badge, badge_color, x + w, top, w * 0.6)
        if made:
            out += made
            first = made[0]
            assert isinstance(first, Box)
            row, badge_w = first.h, first.w + lay.gap
    if kicker:
        kb = text_box(
            kit, x, top, w - badge_w, None,
            frame([kit.para(kit.run(kicker.upper(), lay.type.small + 1, col.accent, bold=True))]),
            name="Kicker",
        )
        out.append(kb)
        row = max(row, kb.h)
    return out, top + (row + lay.gap * 0.75 if row else 0.0)


# ----------------------------------------------------------------- text blocks
def _mark_runs(kit: Kit, block: object, size: float, numbers: dict[str, int]) -> list:  # type: ignore[type-arg]
    col = kit.theme.colors
    m = cite.marker(getattr(block, "cite", ()), numbers)
    if m:
        return [kit.run(" " + m, max(size * 0.8, PRINT_FLOOR), col.muted)]
    if getattr(block, "uncited", False):
        return [
            kit.run(" " + kit.say("no_source"), max(size * 0.8, PRINT_FLOOR), col.warning,
                    italic=True)
        ]
    return []


def text_item(
    kit: Kit,
    block: TextBlock | BulletsBlock | QuoteBlock,
    numbers: dict[str, int],
    color: str | None = None,
) -> Item:
    """A flow item for a prose, bullet or quote block."""
    kit = kit.speaking(block.language)
    col = kit.theme.colors
    fg = color or col.text

    if isinstance(block, TextBlock):

        def build(s: float) -> TextFrame:
            texts = [p for p in block.text.split("\n\n") if p.strip()]
            last = len(texts) - 1
            marks = _mark_runs(kit, block, s, numbers)
            return frame(
                [
                    kit.para([*kit.marked(t, s, fg), *(marks if i == last else [])], before=s * 0.5)
                    for i, t in enumerate(texts)
                ]
            )

        return Item(build)
    if isinstance(block, BulletsBlock):

        def build_b(s: float) -> TextFrame:
            n = len(block.items)
            return frame(
                [
                    kit.para(
                        kit.marked(t, s, fg)
                        + (_mark_runs(kit, block, s, numbers) if i == n - 1 else []),
                        bullet=BULLET,
                        before=s * 0.45,
                    )
                    for i, t in enumerate(block.items)
                ]
            )

        return Item(build_b)

    def build_q(s: float) -> TextFrame:
        q = s * 1.1
        return frame(
            [
                kit.para(kit.marked(f"“{block.text}”", q, col.accent, italic=True), spacing=1.15),
                kit.para(
                    [
                        *kit.marked(f"— {block.attribution}", s * 0.8, col.muted),
                        *_mark_runs(kit, block, s * 0.8, numbers),
                    ],
                    before=s * 0.4,
                ),
            ],
            inset=(18, 4, 0, 4),
        )

    return Item(build_q, style="quote", keep_whole=True)


def place_items(
    kit: Kit,
    placed: list[Placed],
    x: float,
    y0: float,
    w: float,
    pictures: Mapping[str, PictureData],
) -> list[Element]:
    """Turn placed flow items into elements."""
    col = kit.theme.colors
    out: list[Element] = []
    for p in placed:
        y = y0 + p.y
        if p.frame is not None:
            out.append(
                text_box(
                    kit,
                    x,
                    y,
                    w,
                    p.height,
                    p.frame,
                    name="Quote" if p.item.style == "quote" else "Text",
                )
            )
            if p.item.style == "quote":
                out.append(
                    Box(
                        kit.new_id(),
                        x,
                        y + 4,
                        4,
                        p.height - 8,
                        "rect",
                        col.accent,
                        None,
                        0,
                        name="Quote bar",
                    )
                )
        elif isinstance(p.item.payload, PictureBlock):
            out += _picture(kit, p.item.payload, x, y, w, p.height, pictures)
    return out


def _picture(
    kit: Kit,
    block: PictureBlock,
    x: float,
    y: float,
    w: float,
    h: float,
    pictures: Mapping[str, PictureData],
) -> list[Element]:
    kit = kit.speaking(block.language)
    out: list[Element] = []
    cap_h = 0.0
    words = picture_caption(kit, block)
    if words is not None:
        cap = text_box(kit, x, y, w, None, words, name="Caption")
        cap_h = cap.h + 4
        out.append(Box(cap.id, x, y + h - cap.h, w, cap.h, "none", text=cap.text, name="Caption"))
    out.insert(
        0,
        Picture(
            kit.new_id(),
            x,
            y,
            w,
            h - cap_h,
            pictures[block.path],
            block.alt,
            name="Picture",
        ),
    )
    return out


def credit_line(block: PictureBlock) -> str | None:
    """Who made a picture and its licence, as shown beside it ("Photo: A. Smith · CC BY 4.0")."""
    parts = [p for p in (block.credit, block.licence) if p]
    return " · ".join(parts) if parts else None


def picture_caption(kit: Kit, block: PictureBlock) -> TextFrame | None:
    """The words under a picture: its caption (italic), then its credit and licence."""
    kit = kit.speaking(block.language)
    col = kit.theme.colors
    size = kit.layout.type.caption
    pars = []
    if block.caption:
        pars.append(kit.para(kit.marked(block.caption, size, col.muted, italic=True)))
    credit = credit_line(block)
    if credit:
        pars.append(kit.para(kit.marked(credit, size, col.muted)))
    return frame(pars) if pars else None


def picture_item(
    kit: Kit, block: PictureBlock, width: float, max_h: float, pictures: Mapping[str, PictureData]
) -> Item:
    """A flow item for a picture, as tall as its aspect ratio asks (bounded).

    The size comes from the picture read at load (``pack.pictures``): composing
    never opens a file.
    """
    pic = pictures[block.path]
    aspect = pic.height / max(1, pic.width)
    words = picture_caption(kit, block)
    cap = text_box(kit, 0, 0, width, None, words).h + 4 if words is not None else 0.0
    return Item(None, fixed_height=min(width * aspect, max_h) + cap, payload=block)


# ----------------------------------------------------------------- stat cards
def stat_card(
    kit: Kit,
    block: StatBlock,
    x: float,
    y: float,
    w: float,
    numbers: dict[str, int],
    *,
    size: float | None = None,
    label_size: float | None = None,
    icon_above: bool | None = None,
) -> Box:
    """A callout: the big number, its label, and where it comes from.

    A stat's icon sits at the end of the number's line when both fit there at full
    size, even in a much wider substitute font, else above the number (``icon_above``
    decides for a row of cards that should look alike); ``stat_icon`` places it in the
    room kept here.
    """
    kit = kit.speaking(block.language)
    lay, col = kit.layout, kit.theme.colors
    big = size or lay.type.stat
    ls = label_size or max(lay.type.body * 0.72, lay.type.body_floor)
    # The number in the language's marks, its unit spaced as a unit is ("5 litres",
    # "20 °C", "36%", "36 %" in French): the loader strips the unit's own spaces.
    value = number(block.value, kit.say, _decimals(block.value))
    if block.value_high is not None:
        value += "–" + number(block.value_high, kit.say, _decimals(block.value_high))
    value = with_unit(value, block.unit, kit.say)
    # The number is never broken across lines: in a narrow card it shrinks to fit.
    inner = w - 28  # the card's insets
    bold1 = kit.theme.font_for(1.0, bold=True)
    per_pt = text_width(value, bold1)
    if block.prefix:
        per_pt += 0.45 * text_width(block.prefix + " ", bold1)
    top = STAT_TOP
    if block.icon:
        beside = _stat_icon_size(big, w) * (1 + STAT_ICON_GAP)
        if icon_above is None:
            # The icon is a shape of its own at the line's end: a wider font drawing the
            # number (LibreOffice without Calibri) would run it under the icon.
            icon_above = per_pt > 0 and (inner - beside) * 0.97 / per_pt < big * STAT_WIDER_FONT
        if icon_above:
            top += big * STAT_ICON_ABOVE + STAT_ICON_ABOVE_GAP
        else:
            inner -= beside
    big = min(big, inner * 0.97 / per_pt) if per_pt > 0 else big
    prefix_size = max(big * 0.45, lay.type.body_floor)
    if block.prefix and prefix_size > big * 0.45:
        # A long number in a narrow card: "up to" stays readable, the number gives way.
        rest = inner * 0.97 - prefix_size * text_width(block.prefix + " ", bold1)
        # (never larger than asked: a card shrunk to fit a short area stays small)
        big = max(min(big, rest / text_width(value, bold1)), lay.type.body_floor)
    runs = []
    if block.prefix:
        runs.append(kit.run(block.prefix + " ", prefix_size, col.accent, bold=True))
    runs.append(kit.run(value, big, col.accent, bold=True))
    m = cite.marker(block.cite, numbers)
    source = kit.say("source", refs=m) if m else kit.say("no_source_stat")
    pars = [
        kit.para(runs, spacing=1.0),
        kit.para(kit.marked(block.label, ls, col.on_card), before=4, spacing=1.1),
        kit.para(
            kit.run(
                source, max(ls * 0.8, min(9.0, ls)), col.muted if m else col.warning, italic=not m
            ),
            before=4,
        ),
    ]
    return text_box(
        kit,
        x,
        y,
        w,
        None,
        frame(pars, inset=(14, top, 14, 12)),
        geometry="roundrect",
        fill=col.card,
        name="Key statistic",
        alt=f"{block.prefix + ' ' if block.prefix else ''}{value}: "
        + plain(block.label),
    )


STAT_TOP = 12.0  # a stat card's top inset
STAT_ICON_RATIO = 0.8  # icon size relative to the big number's size
STAT_ICON_GAP = 0.25  # between the number and the icon, in icon sizes
STAT_ICON_ABOVE = 0.75  # an icon above the number, relative to the number's full size
STAT_ICON_ABOVE_GAP = 6.0  # points between that icon and the number
# The number stays beside its icon only if it would fit there this much wider: DejaVu
# Sans Bold, which LibreOffice draws for Calibri where neither Calibri nor Carlito is
# installed, sets figures 1.32-1.43 times as wide as Carlito Bold (Arial 1.10-1.17).
STAT_WIDER_FONT = 1.45


def _stat_icon_size(big: float, w: float) -> float:
    """The icon size of a stat card ``w`` wide whose number is ``big`` points at most."""
    return min(big * STAT_ICON_RATIO, (w - 28) * 0.3)


def icons_above(
    kit: Kit, stats: list[StatBlock], w: float, numbers: dict[str, int], **kw: float
) -> bool:
    """Whether cards ``w`` wide that are shown together carry their icons above the number.

    One card whose number leaves no room for its icon beside it decides for all, so a
    column or a row of cards looks alike.
    """
    for st in stats:
        if st.icon:
            card = stat_card(kit, st, 0, 0, w, numbers, **kw)  # type: ignore[arg-type]
            if card.text is not None and card.text.inset_t > STAT_TOP + 0.5:
                return True
    return False


def stat_icon(kit: Kit, block: StatBlock, card: Box) -> Icon | None:
    """The stat's icon, at the end of its number's line or above the number.

    At the line's end its foot stands on the baseline; above, it starts at the
    card's left edge, in the room ``stat_card`` kept there.

    Its size follows the number's (which shrinks in a narrow card), so a row of cards
    has icons of one size wherever their numbers are one size.
    """
    tf = card.text
    if not block.icon or tf is None or not tf.paragraphs or not tf.paragraphs[0].lines:
        return None
    col = kit.theme.colors
    above = tf.inset_t - STAT_TOP - STAT_ICON_ABOVE_GAP
    if above > 1:
        return icon(kit, block.icon, card.x + tf.inset_l, card.y + STAT_TOP, above,
                    on=card.fill or col.card, text=col.on_card)
    first = tf.paragraphs[0]
    big = max(r.font.size for r in first.runs)
    baseline = first.lines[0].baseline
    size = min(_stat_icon_size(big, card.w), baseline)
    top = card.y + tf.inset_t + baseline - size
    return icon(kit, block.icon, card.right - tf.inset_r - size, top, size,
                on=card.fill or col.card, text=col.on_card)


def _decimals(v: float) -> int:
    return 0 if float(v).is_integer() else min(2, len(f"{v:g}".split(".")[-1]))


# ------------------------------------------------------------------- sections
def _section_slides(kit: Kit, pack: Pack, section: Section) -> list[Page]:
    numbers = pack.reference_numbers()
    badge = kit.say("manufacturer_badge") if section.kind == "manufacturer" else ""
    flow_blocks = [
        b
        for b in section.blocks
        if isinstance(b, (TextBlock, BulletsBlock, QuoteBlock, PictureBlock))
    ]
    stats = [b for b in section.blocks if isinstance(b, StatBlock)]
    diagrams = [
        b
        for b in section.blocks
        if isinstance(b, DiagramBase)
    ]
    # Each quiz gets a slide of its own, after what the section teaches.
    quizzes = [quiz_slide(kit, pack, section, b) for b in section.blocks
               if isinstance(b, (ChoiceQuiz, TrueFalseQuiz))]
    pages: list[Page] = []

    if (flow_blocks or stats) and diagrams and section.kind != "title":
        # A short text beside (or above) its diagram makes one slide, not a lonely line
        # of text followed by a diagram slide.
        combined = _combined_slide(kit, pack, section, flow_blocks, stats, diagrams[0], badge)
        if combined is not None:
            return [combined] + [diagram_slide(kit, pack, section, d) for d in diagrams[1:]] + (
                quizzes
            )
    if flow_blocks or stats or not (diagrams or quizzes):
        pages += _content_slides(kit, pack, section, flow_blocks, stats, badge, numbers)
    for d in diagrams:
        pages.append(diagram_slide(kit, pack, section, d))
    return pages + quizzes


def quiz_slide(kit: Kit, pack: Pack, section: Section, block: QuizBlock) -> Page:
    """A quiz on a slide of its own: the question, the answer on a click, why in the notes."""
    kit = kit.speaking(block.language)
    badge = kit.say("manufacturer_badge") if section.kind == "manufacturer" else ""
    sb = SlideBuilder(kit, pack, quiz_title(kit, block, section), quiz_notes(kit, block),
                      section.id, badge=badge, kind="title_only")  # its cards are no body text
    sb.cite(block)
    _, foot_top = sb.footer()
    top = sb.body_top
    sb.elements += quiz_body(kit, block, sb.left, top, sb.width, foot_top - top)
    return replace(sb.page(), alt=plain(quiz_alt(kit, block)))


def _combined_slide(
    kit: Kit,
    pack: Pack,
    section: Section,
    flow_blocks: list,  # type: ignore[type-arg]
    stats: list[StatBlock],
    d: DiagramBlock,
    badge: str,
) -> Page | None:
    """Text and stats in a column beside the diagram (above it, for long pathways).

    Returns None when the text would not fit at the body size without shrinking much, or
    the diagram beside it would lose words: then the text gets its own slides and the
    diagram a slide of its own.
    """
    if any(isinstance(b, PictureBlock) for b in flow_blocks):
        return None
    lay, col = kit.layout, kit.theme.colors
    numbers = pack.reference_numbers()
    sb = SlideBuilder(
        kit,
        pack,
        section.title,
        section.notes + f"\n\n{kit.say('on_this_slide')} " + described(kit, d),
        section.id,
        badge=badge,
    )
    for b in [*flow_blocks, *stats, d]:
        sb.cite(b)
    _, foot_top = sb.footer()
    top = sb.body_top
    body_h = foot_top - top
    left, full_w = sb.left, sb.width
    gap = lay.gap
    items = [text_item(kit, b, numbers) for b in flow_blocks]
    least = max(lay.type.body_floor, lay.type.body * 0.8)  # shrink a little, never much
    on_top = isinstance(d, PathwayDiagram) and len(d.steps) > 4 and lay.width > lay.height
    if on_top:
        if stats:
            return None
        text_w, text_h = full_w, body_h * 0.3
    else:
        text_w, text_h = full_w * 0.36, body_h
    cards: list[Box] = []
    y = top
    if not on_top:
        above = icons_above(kit, stats, text_w, numbers)
        for st in stats:
            card = stat_card(kit, st, left, y, text_w, numbers, icon_above=above)
            cards.append(card)
            y = card.bottom + gap
        text_h = foot_top - y
    if text_h <= 0:
        return None
    used = 0.0
    # In reading order: the cards stand above the text in its column.
    for st, c in zip(stats, cards, strict=False):
        sb.elements.append(c)
        if (m := stat_icon(kit, st, c)) is not None:
            sb.elements.append(m)
    if items:
        size = best_size(items, text_w, text_h, gap, lay.type.body, least)
        if size is None:
            return None
        placed = paginate(items, text_w, text_h, gap, size)[0]
        sb.elements += place_items(kit, placed, left, y, text_w, pack.pictures)
        used = max((p.y + p.height for p in placed), default=0.0)

    label_size = lay.type.body_floor
    if on_top:
        dx, dy, dw = left, y + used + gap * 1.5, full_w
    else:
        dx, dy, dw = left + text_w + gap * 2, top, full_w - text_w - gap * 2
    label = text_box(
        kit,
        dx,
        dy,
        dw,
        None,
        frame([kit.para(kit.marked(d.title, label_size, col.accent, bold=True))]),
        name="Diagram title",
    )
    dy = label.bottom + gap * 0.5
    cap_h = 0.0
    caption = caption_of(d, pack.reference_numbers(), say=kit.say)
    if caption:
        cap = text_box(
            kit,
            dx,
            0,
            dw,
            None,
            frame([kit.para(kit.marked(caption, lay.type.caption, col.muted, italic=True))]),
        )
        cap_h = cap.h + gap * 0.5
        under = [Box(cap.id, dx, foot_top - cap.h, dw, cap.h, "none", text=cap.text,
                     name="Caption")]
    else:
        under = []
    dh = foot_top - cap_h - dy
    if dh < body_h * 0.45:
        return None
    group = compose_diagram(
        d,
        dx,
        dy,
        dw,
        dh,
        kit,
        ref_numbers=numbers,
        label_size=lay.type.body * 0.8,
        label_floor=lay.type.body_floor,
    )
    if lost_words(group.children, d):
        # Beside the text the diagram's labels would lose words (or all of them, in a
        # template's short content area): it gets a slide of its own instead.
        return None
    sb.elements += [label, group, *under]  # in reading order: the caption under it
    return replace(sb.page(), alt=plain(f"{section.title}: {section.summary} {described(kit, d)}"))


def diagram_slide(
    kit: Kit,
    pack: Pack,
    section: Section,
    d: DiagramBlock,
    kind: Literal["slide", "diagram"] = "slide",
    *,
    step_badge: str = "",
) -> Page:
    """A page holding one diagram, its title, caption and sources.

    Slides number the diagram's parts for click reveals; a ``step_badge`` (a frame
    of a step-by-step handout) numbers them too and shows in the badge corner.
    """
    lay = kit.layout
    numbers = pack.reference_numbers()
    badge = kit.say("manufacturer_badge") if section.kind == "manufacturer" else ""
    sb = SlideBuilder(
        kit,
        pack,
        d.title,
        section.notes + f"\n\n{kit.say('on_this_slide')} " + described(kit, d),
        section.id,
        kicker=section.title,
        badge=" · ".join(b for b in (step_badge, badge) if b),
        # A step number is not a warning; a manufacturer's claim stays one.
        badge_color="" if badge else kit.theme.colors.accent if step_badge else "",
        kind="title_only",
    )
    sb.cite(d)
    _, foot_top = sb.footer()
    top = sb.body_top
    cap_h = 0.0
    caption = caption_of(d, pack.reference_numbers(), say=kit.say)
    if caption:
        cap = text_box(
            kit,
            sb.left,
            0,
            sb.width,
            None,
            frame(
                [
                    kit.para(
                        kit.marked(caption, lay.type.caption, kit.theme.colors.muted, italic=True)
                    )
                ]
            ),
        )
        cap_h = cap.h + lay.gap
        sb.elements.append(
            Box(
                cap.id, cap.x, foot_top - cap.h, cap.w, cap.h, "none", text=cap.text, name="Caption"
            )
        )
    group = compose_diagram(
        d,
        sb.left,
        top,
        sb.width,
        foot_top - cap_h - top,
        kit,
        ref_numbers=numbers,
        label_size=lay.type.body * 0.85,
        label_floor=lay.type.body_floor,
        reveal=kind == "slide" or bool(step_badge),
    )
    sb.elements.insert(0, group)
    return replace(sb.page(), kind=kind, alt=plain(described(kit, d)))


def _content_slides(
    kit: Kit,
    pack: Pack,
    section: Section,
    flow_blocks: list,  # type: ignore[type-arg]
    stats: list[StatBlock],
    badge: str,
    numbers: dict[str, int],
    parts: int = 1,
) -> list[Page]:
    """The section's text and statistics on as many slides as they need.

    Slides of one section get unique titles ("Digestion (2 of 3)"). The title's room
    is measured with the numbered title, so a longer title never pushes the text
    over the footer: when the text needs more than one slide, the slides are laid
    out again for the numbered title (``parts`` is the count it assumes).
    """
    lay = kit.layout
    say = kit.say
    probe_title = say("part", title=section.title, k=parts, n=parts) if parts > 1 else section.title
    probe = SlideBuilder(kit, pack, probe_title, section.notes, section.id, badge=badge)
    for b in flow_blocks + stats:
        probe.cite(b)
    _, foot_top = probe.footer()
    top = probe.body_top
    body_h = foot_top - top
    left, full_w = probe.left, probe.width
    beside = bool(stats and flow_blocks) and _cards_fit_beside(kit, stats, full_w, body_h,
                                                               numbers)
    text_w = full_w * 0.6 if beside else full_w
    stat_x = left + text_w + lay.gap * 2
    stat_w = full_w - text_w - lay.gap * 2

    items = [
        picture_item(kit, b, text_w, body_h * 0.7, pack.pictures)
        if isinstance(b, PictureBlock)
        else text_item(kit, b, numbers)
        for b in flow_blocks
    ]
    gap = lay.gap
    size = best_size(items, text_w, body_h, gap, lay.type.body, lay.type.body_floor)
    columns = (
        (
            [paginate(items, text_w, body_h, gap, size)[0]]
            if size is not None
            else paginate(items, text_w, body_h, gap, lay.type.body_floor)
        )
        if items
        else []
    )

    # Stat cards: a column beside the text, or a row when the slide has no text (or
    # when a template's content area is too short for them beside it: then they
    # follow the text, in rows on slides of their own).
    card_pages: list[list[Box]] = []
    if stats:
        if beside:
            cur: list[Box] = []
            y = top
            above = icons_above(kit, stats, stat_w, numbers)
            for st in stats:
                card = _card_within(kit, st, stat_x, y, stat_w, numbers, body_h, above)
                if card.bottom > foot_top and cur:
                    card_pages.append(cur)
                    cur, y = [], top
                    card = _card_within(kit, st, stat_x, y, stat_w, numbers, body_h, above)
                cur.append(card)
                y = card.bottom + gap
            card_pages.append(cur)
        else:
            per_row = min(3, len(stats))
            cw = (full_w - gap * (per_row - 1)) / per_row
            above = icons_above(kit, stats, cw, numbers)
            for i in range(0, len(stats), per_row):
                row = [
                    _card_within(kit, st, left + j * (cw + gap), top, cw, numbers, body_h,
                                 above)
                    for j, st in enumerate(stats[i : i + per_row])
                ]
                h = max(c.h for c in row)
                card_pages.append([replace(c, h=h) for c in row])
            if flow_blocks:
                card_pages[:0] = [[] for _ in columns]

    if section.kind == "title":
        first = _title_slide(kit, pack, section, flow_blocks)
        if first is not None:
            return [first]
        # More text than a title slide holds at the floor size: the title slide keeps
        # the byline and the text continues on slides of its own, never dropped.
        plain = section.model_copy(update={"kind": "content"})
        rest = _content_slides(kit, pack, plain, flow_blocks, stats, badge, numbers)
        return [_title_slide(kit, pack, section, []) or rest[0], *rest]
    n_pages = max(len(columns), len(card_pages), 1)
    if n_pages > 1 and parts < n_pages:
        # Laid out again under the numbered title; its count only grows, so this ends.
        return _content_slides(kit, pack, section, flow_blocks, stats, badge, numbers, n_pages)
    pages = []
    for i in range(n_pages):
        title = (
            say("part", title=section.title, k=i + 1, n=n_pages) if n_pages > 1 else section.title
        )
        notes = section.notes if i == 0 else f"({i + 1}/{n_pages}) " + section.notes
        sb = SlideBuilder(kit, pack, title, notes, section.id, badge=badge)
        if i < len(columns):
            for p in columns[i]:
                block = flow_blocks[items.index(p.item)]
                sb.cite(block)
            sb.elements += place_items(kit, columns[i], left, top, text_w, pack.pictures)
        if i < len(card_pages):
            sb.elements += card_pages[i]
            for st, card in zip(_stats_on(card_pages, i, stats), card_pages[i], strict=True):
                sb.cite(st)
                mark = stat_icon(kit, st, card)
                if mark is not None:
                    sb.elements.append(mark)
        if not sb.elements and i == 0:
            sb.elements.append(
                text_box(
                    kit,
                    left,
                    top,
                    full_w,
                    None,
                    frame(
                        [
                            kit.para(
                                kit.marked(section.summary, lay.type.body, kit.theme.colors.muted)
                            )
                        ]
                    ),
                )
            )
        pages.append(sb.page())
    return pages


def _cards_fit_beside(
    kit: Kit, stats: list[StatBlock], full_w: float, body_h: float, numbers: dict[str, int]
) -> bool:
    """Whether each stat card fits the height of a column beside the text.

    Always so on Infodeck's own layouts; a school template's content area can be too
    short for a narrow card, whose label then runs to many lines.
    """
    if kit.room is None:
        return True
    w = full_w * 0.4 - kit.layout.gap * 2
    above = icons_above(kit, stats, w, numbers)
    return all(_card_within(kit, st, 0, 0, w, numbers, body_h, above).h <= body_h
               for st in stats)


def _card_within(
    kit: Kit, block: StatBlock, x: float, y: float, w: float, numbers: dict[str, int],
    max_h: float, above: bool,
) -> Box:
    """A stat card no taller than ``max_h`` (a template's short content area).

    Its number and label shrink, down to the body floor, until it fits.
    """
    lay = kit.layout
    card = stat_card(kit, block, x, y, w, numbers, icon_above=above)
    big, label = lay.type.stat, max(lay.type.body * 0.72, lay.type.body_floor)
    while card.h > max_h and big > lay.type.body_floor:
        big, label = big * 0.85, max(label * 0.9, lay.type.body_floor)
        card = stat_card(kit, block, x, y, w, numbers, size=big, label_size=label,
                         icon_above=above)
    return card


def _stats_on(card_pages: list[list[Box]], i: int, stats: list[StatBlock]) -> list[StatBlock]:
    start = sum(len(p) for p in card_pages[:i])
    return stats[start : start + len(card_pages[i])]


def _title_slide(kit: Kit, pack: Pack, section: Section, blocks: list) -> Page | None:  # type: ignore[type-arg]
    """The opening slide: the title section's own title, subtitle and icon on the band.

    The section's title is the slide's (a pack may open on a narrower question than
    its own title); its subtitle, else the pack's; its icon at the band's right.
    """
    if kit.room is not None:
        return _title_slide_in_room(kit, pack, section, blocks)
    lay, col = kit.layout, kit.theme.colors
    meta = pack.meta
    band_h = lay.height * 0.62
    w = lay.width - 2 * lay.margin
    els: list[Element] = []
    title = section.title or meta.title
    subtitle = section.subtitle or meta.subtitle
    text_w = w
    marks: list[Element] = []
    if section.icon:
        side = min(band_h - lay.margin * 1.6, w * 0.22)
        mark = icon(kit, section.icon, lay.margin + w - side, band_h - lay.margin * 0.8 - side,
                    side, on=col.band, text=col.on_band)
        if mark is not None:
            marks.append(mark)  # drawn on the band, after the title
            text_w = w - side - lay.gap * 1.5

    def title_frame(s: float) -> TextFrame:
        pars = [kit.para(kit.marked(title, s, col.on_band, bold=True), spacing=1.05)]
        if subtitle:
            pars.append(kit.para(kit.marked(subtitle, s * 0.5, col.on_band), before=s * 0.4))
        return frame(pars, valign="bottom")

    fitted = fit_text(title_frame, text_w, band_h - lay.margin * 1.6, lay.type.title * 1.45,
                      lay.type.heading)
    band = Box(kit.new_id(), 0, 0, lay.width, band_h, "rect", col.band, None, 0,
               name="Title band")
    # A title too long for the band even at the floor size still is the slide's title.
    laid = fitted[0] if fitted else layout_frame(title_frame(lay.type.heading), text_w)
    els += _title_slide_heading(kit, band, laid, lay.margin, band_h - lay.margin * 0.6, text_w)
    els += marks
    els.append(
        Box(
            kit.new_id(),
            lay.margin,
            band_h - lay.margin * 0.45,
            80,
            5,
            "rect",
            col.on_band,
            None,
            0,
            name="Title rule",
        )
    )
    info = f"{meta.author}\n{kit.say('for')} {meta.audience}"
    y = band_h + lay.gap * 1.5
    numbers = pack.reference_numbers()
    items = [
        text_item(kit, b, numbers, col.text)
        for b in blocks
        if isinstance(b, (TextBlock, BulletsBlock, QuoteBlock))
    ]
    info_item = Item(lambda s: frame([kit.para(kit.run(info, s, col.muted))]))
    all_items = [*items, info_item]
    body_h = lay.height - lay.margin * 0.6 - y
    size = best_size(
        all_items, w, body_h, lay.gap * 0.6, lay.type.body * 0.8, lay.type.body_floor
    )
    if size is None:
        return None
    placed = paginate(all_items, w, body_h, lay.gap * 0.6, size)[0]
    els += place_items(kit, placed, lay.margin, y, w, pack.pictures)
    return Page(
        lay.width,
        lay.height,
        col.background,
        tuple(els),
        "slide",
        plain(title),
        plain(section.notes),
        section_id=section.id,
    )


def _title_slide_in_room(
    kit: Kit, pack: Pack, section: Section, blocks: list  # type: ignore[type-arg]
) -> Page | None:
    """The opening slide on a template's title layout: title, then subtitle and byline.

    Both go into the layout's placeholders, set as its designer set them (a centred
    title stays centred). The title section's own text does not fit a title layout:
    None then, and it continues on content slides.
    """
    if any(isinstance(b, (TextBlock, BulletsBlock, QuoteBlock, PictureBlock)) for b in blocks):
        return None
    assert kit.room is not None
    lay, col = kit.layout, kit.theme.colors
    meta = pack.meta
    room = kit.room.room("title")
    x, top, w, bottom = content_area(kit, "title")
    title = section.title or meta.title
    subtitle = section.subtitle or meta.subtitle
    place = room.title or Rect(x, top, w, (bottom - top) * 0.5)
    under = room.subtitle or Rect(place.x, place.bottom + lay.gap, place.w,
                                  max(lay.type.body * 3, bottom - place.bottom - lay.gap))

    def title_frame(s: float) -> TextFrame:
        return frame([kit.para(kit.marked(title, s, col.text, bold=True, heading=True),
                               spacing=1.05, align=room.align)], valign="middle")

    fitted = fit_text(title_frame, place.w, place.h, lay.type.title * 1.45, lay.type.body_floor)
    laid = fitted[0] if fitted else layout_frame(title_frame(lay.type.body_floor), place.w)
    els: list[Element] = [
        text_box(kit, place.x, place.y, place.w, place.h, laid, name="Title", role="title")
    ]
    info = f"{meta.author}\n{kit.say('for')} {meta.audience}"

    def sub_frame(s: float) -> TextFrame:
        pars = [kit.para(kit.marked(subtitle, s, col.text), align=room.align)] if subtitle else []
        pars.append(kit.para(kit.run(info, max(s * 0.8, PRINT_FLOOR), col.muted),
                             align=room.align, before=s * 0.5))
        return frame(pars, valign="top")

    fitted = fit_text(sub_frame, under.w, under.h, lay.type.body, PRINT_FLOOR)
    sub = fitted[0] if fitted else layout_frame(sub_frame(PRINT_FLOOR), under.w)
    els.append(text_box(kit, under.x, under.y, under.w, under.h, sub, name="Subtitle",
                        role="subtitle"))
    return Page(lay.width, lay.height, col.background, tuple(els), "slide", title,
                section.notes, section_id=section.id)


def _title_slide_heading(
    kit: Kit, band: Box, laid: TextFrame, margin: float, text_bottom: float, text_w: float
) -> list[Box]:
    """The title slide's band as its title placeholder, and the subtitle beneath its title.

    The band *is* the title box (its text inset to where the title stands), so the
    title is the first shape read and no shape is drawn over it; the subtitle is a
    box of its own (the subtitle placeholder), drawn on the band.
    """
    title, *rest = laid.paragraphs
    sub_h = sum(p.space_before + len(p.lines) * line_height(p) for p in rest)
    title_bottom = text_bottom - sub_h
    heading = Box(
        band.id, band.x, band.y, band.w, band.h, "rect", band.fill, None, 0,
        layout_frame(frame([replace(title, lines=())], valign="bottom",
                           inset=(margin, margin, band.w - margin - text_w,
                                  band.h - title_bottom)), band.w),
        name="Title", role="title",
    )
    out = [heading]
    if rest:
        first, *more = rest
        sub = frame([replace(first, lines=(), space_before=0.0),
                     *(replace(p, lines=()) for p in more)])
        out.append(text_box(kit, margin, title_bottom + first.space_before,
                            text_w, None, sub, name="Subtitle", role="subtitle"))
    return out


def _references_slides(kit: Kit, pack: Pack, section_ids: Sequence[str] | None) -> list[Page]:
    lay, col = kit.layout, kit.theme.colors
    numbered = list(enumerate(pack.references, start=1))
    if section_ids is not None:
        keys = cite.cited_keys(b for sid in section_ids for b in pack.section(sid).blocks)
        numbered = [(n, r) for n, r in numbered if r.key in keys]
    if not numbered:
        return []
    def entry(n: int, r: Reference) -> Item:
        def build(s: float) -> TextFrame:
            runs = [
                kit.run(f"[{n}] ", s, col.accent, bold=True),
                kit.run(cite.full_ref(r), s, col.text),
            ]
            return frame([kit.para(runs, spacing=1.1)])

        return Item(build, keep_whole=True)

    items = [entry(n, r) for n, r in numbered]
    say = kit.say
    heading = say("references")
    # Room for the longest title the slides can get ("References (2 of 3)").
    probe = SlideBuilder(kit, pack, say("part", title=heading, k=9, n=9), "")
    top = probe.body_top
    x, _, w, bottom = content_area(kit)
    body_h = bottom - top
    size = best_size(items, w, body_h, lay.gap * 0.5, lay.type.body * 0.7, 12)
    cols = (
        paginate(items, w, body_h, lay.gap * 0.5, size)
        if size is not None
        else paginate(items, w, body_h, lay.gap * 0.5, 12)
    )
    pages = []
    for i, placed in enumerate(cols):
        title = heading if len(cols) == 1 else say("part", title=heading, k=i + 1, n=len(cols))
        notes = say("references_notes")
        sb = SlideBuilder(kit, pack, title, notes, "references")
        sb.elements += place_items(kit, placed, x, top, w, pack.pictures)
        pages.append(sb.page())
    return pages


def references_pages(pack: Pack, layout: Layout, theme: Theme,
                     section_ids: Sequence[str] | None = None,
                     room: DeckRoom | None = None) -> list[Page]:
    """The references slides that end every deck (none when nothing is cited).

    Only the references ``section_ids`` cite are listed (all of the pack's when
    None), under the numbers the slides' markers use. ``compose_deck`` is always the
    ``section_pages`` of each chosen section followed by these, so the preview can
    cache them apart from the sections.
    """
    return _references_slides(Kit.for_pack(layout, theme, pack, room=room), pack, section_ids)


def compose_deck(
    pack: Pack, section_ids: list[str], layout: Layout, theme: Theme,
    room: DeckRoom | None = None,
) -> Document:
    """Compose the deck of the chosen sections, in the order given.

    The document's ``notices`` tell the user which sections ran over several slides
    (their text was split, not shrunk further or cut). With a school template's
    ``room`` (and a ``layout`` of its slide size: ``room.deck_layout``), every slide
    is composed inside the template's content areas and placeholders.
    """
    parts = [
        (pack.section(sid), section_pages(pack, pack.section(sid), layout, theme, room))
        for sid in section_ids
    ]
    refs = references_pages(pack, layout, theme, section_ids, room)
    return deck_document(pack, parts, refs, layout)


def deck_document(
    pack: Pack,
    parts: Sequence[tuple[Section, Sequence[Page]]],
    refs: Sequence[Page],
    layout: Layout,
) -> Document:
    """The deck from each section's slides and the references slides, with its notices.

    The export (``compose_deck``) and the window's preview, which caches the slides
    per section, both assemble the deck here, so the preview says what the export says.
    """
    pages: list[Page] = []
    notices: list[str] = []
    for section, got in parts:
        pages += got
        more = _split_count(pack, section, got) - 1
        if more:
            notices.append(
                f"section '{section.id}': its text did not fit one slide and continues on "
                f"{more} more slide{'s' * (more != 1)}"
            )
    if len(refs) > 1:
        notices.append(f"the references take {len(refs)} slides")
    langs = [section.language or pack.meta.language for section, got in parts for _ in got]
    langs += [pack.meta.language] * len(refs)
    pages += refs
    return document(pack, _unique_titles(pack, pages, langs), layout, notices)


def _unique_titles(pack: Pack, pages: list[Page], langs: list[str]) -> list[Page]:
    """Each slide's title told apart from every earlier one with the same words.

    Screen readers, Outline view and the slide list name slides by title alone, so two
    sections both called "Summary" would be two indistinguishable slides: the second
    is "Summary (2)", numbered in the order a listener meets them. Titles that differ
    in case only are left as written (a title slide "Gut Health" and a section "Gut
    health" are the teacher's choice, and the file's titles are unique).
    """
    taken = {" ".join(p.title.split()) for p in pages}
    seen: set[str] = set()
    out = []
    for page, lang in zip(pages, langs, strict=True):
        key = " ".join(page.title.split())
        if key in seen and page.title:
            say = words(lang, pack.root)
            k = 2
            while (title := say("repeat", title=page.title, k=k)) in taken:
                k += 1
            taken.add(title)
            page = _retitled(page, title)
            key = title
        seen.add(key)
        out.append(page)
    return out


def _retitled(page: Page, title: str) -> Page:
    """``page`` with ``title`` in its title box, shrunk to the box's height if longer."""
    elements = list(page.elements)
    for i, el in enumerate(elements):
        if not (isinstance(el, Box) and el.role == "title" and el.text is not None):
            continue
        par = el.text.paragraphs[0]
        run = par.runs[0]
        size = run.font.size
        while True:
            new_run = replace(run, text=title, font=replace(run.font, size=size))
            new_par = replace(par, runs=(new_run,), lines=())
            laid = layout_frame(replace(el.text, paragraphs=(new_par,)), el.w)
            if frame_height(laid) <= el.h + 0.5 or size <= run.font.size * 0.7:
                break
            size -= 0.5
        elements[i] = replace(el, text=laid)
        break
    return replace(page, elements=tuple(elements), title=title)


def _split_count(pack: Pack, section: Section, pages: Sequence[Page]) -> int:
    """Over how many slides the section's text runs (its "(k of n)" titles), at least 1."""
    say = words(section.language or pack.meta.language, pack.root)
    titles = {p.title for p in pages}
    for n in range(len(pages), 1, -1):
        if say("part", title=section.title, k=n, n=n) in titles:
            return n
    return 1


def section_pages(
    pack: Pack, section: Section, layout: Layout, theme: Theme, room: DeckRoom | None = None
) -> list[Page]:
    """The slides of one section alone (the preview caches these per section)."""
    return _section_slides(Kit.for_pack(layout, theme, pack, section, room=room), pack, section)
