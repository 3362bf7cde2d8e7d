"""Compose a print infographic: the chosen sections on one page, in the pack's order.

Each section becomes a block (its heading, takeaway, key statistic, one diagram,
and a picture or quote when there is room); the blocks flow down the page's
columns in the pack's order, which is the reading order. ``infoplan`` decides
what each block shows and where pages end; this module measures the blocks for
it and draws them. Spare room on a page goes to the diagrams first (they grow a
little), then to the gaps, so a page is balanced rather than top-heavy. Text never
goes below the layout's print floor (``type.body_floor``).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from infodeck.compose import cite
from infodeck.compose.deck import (
    BADGE_ICON,
    _mark_runs,
    badge_icon,
    picture_caption,
    stat_card,
    stat_icon,
)
from infodeck.compose.diagrams import (
    DiagramBlock,
    caption_of,
    compose_diagram,
    described,
    lost_words,
)
from infodeck.compose.infoplan import Entry, Plan, Planner, scales
from infodeck.compose.kit import Kit, document, fitted_box, frame, icon, text_box
from infodeck.compose.layouts import Layout, Theme
from infodeck.content.model import (
    INFOGRAPHIC_PARTS,
    AxisDiagram,
    ChartDiagram,
    CycleDiagram,
    DiagramBase,
    Pack,
    PathwayDiagram,
    PictogramDiagram,
    PictureBlock,
    QuoteBlock,
    Section,
    StatBlock,
)
from infodeck.scene.elements import Box, Document, Element, Page, Picture, TextFrame
from infodeck.scene.hyphenate import SOFT_HYPHEN
from infodeck.scene.icons import lookup
from infodeck.scene.markup import plain
from infodeck.scene.text import fit_text, frame_height, layout_frame, text_width

PROBES_KEPT = 4096  # diagram probes remembered (a few hundred bytes each)
_PROBES: dict[tuple[object, ...], bool] = {}
_PROBE_LOCK = threading.Lock()  # the window composes in worker threads
COLUMN_BODIES = 20.0  # a column is at least this many body sizes wide
PART_GAP = 0.55  # between the parts of a block, in gaps
BLOCK_GAP = 1.6  # between blocks in a column, in gaps
PICTURE_SHARE = 0.62  # a picture is at most this tall for its column's width
HEADING_ICON = 1.25  # a section heading's icon, in heading sizes


def _diagram_height(d: DiagramBlock, w: float, body: float) -> float:
    """A first guess at the height a diagram needs at width ``w`` (``_min_height`` checks it)."""
    icon_h = body * 2.1  # an icon above a label takes about two label lines
    if isinstance(d, PathwayDiagram):
        n = len(d.steps)
        cols = max(1, min(n, int(w // (body * 9))))
        rows = -(-n // cols)
        row = body * 6 + (icon_h if any(s.icon for s in d.steps) else 0.0)
        return rows * row + (rows - 1) * body * 2
    if isinstance(d, CycleDiagram):
        rows = min(4, len(d.steps) // 2 + 1)
        return max(rows * (body * 5 + (icon_h if any(s.icon for s in d.steps) else 0.0)),
                   w * 0.85)
    if isinstance(d, ChartDiagram):
        return body * 3.4 * len(d.items) + body * 2
    if isinstance(d, PictogramDiagram):
        return max(body * 10, w * 0.3)
    if isinstance(d, AxisDiagram):
        return max(body * 3.2 * len(d.channels) + body * 2, w * 0.42)
    return max(body * (11 if len(d.items) <= 4 else 16), w * 0.5)


def _grow(d: DiagramBlock, w: float) -> float:
    """How much taller than its need a diagram may become.

    Bars only get fatter, and a pathway's boxes keep their size (its rows would
    float apart): both grow little. A cycle, axis or cluster uses the room.
    """
    if isinstance(d, (ChartDiagram, PathwayDiagram)):
        return 30.0
    return min(120.0, w * 0.4)


def _cites_of(b: object) -> tuple[set[str], bool]:
    """The reference keys a block cites (its chart items included), and if it is uncited."""
    keys, uncited = set(getattr(b, "cite", ())), bool(getattr(b, "uncited", False))
    for it in getattr(b, "items", []) or []:
        keys.update(getattr(it, "cite", []))
        uncited |= bool(getattr(it, "uncited", False))
    return keys, uncited


def _first(sec: Section, kind: type) -> object | None:
    return next((b for b in sec.blocks if isinstance(b, kind)), None)


def _blocks(pack: Pack, sec: Section) -> dict[str, object]:
    """The block behind each part a section can show (the takeaway is its own text)."""
    out: dict[str, object] = {"takeaway": sec}
    for part, kind in (("stat", StatBlock), ("diagram", DiagramBase), ("quote", QuoteBlock)):
        b = _first(sec, kind)
        if b is not None:
            out[part] = b
    pic = next((b for b in sec.blocks
                if isinstance(b, PictureBlock) and b.path in pack.pictures), None)
    if pic is not None:
        out["picture"] = pic
    return out


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def _repeats(sec: Section, stat: object) -> bool:
    """Whether the takeaway only says what the stat card shows (its label, its number).

    "80–95% of American children … do not eat enough fruit" above a card that reads
    "80–95% / of American children … do not eat enough fruit" says it twice: the card
    stays, the takeaway goes.
    """
    if not isinstance(stat, StatBlock) or not sec.takeaway:
        return False
    label, said = _words(stat.label), _words(sec.takeaway)
    return bool(label) and label in said and len(said) <= len(label) + 24


def _hyphenated(children: list[Element]) -> bool:
    """Whether a label of a diagram has a word broken across lines (with a hyphen)."""
    for el in children:
        if not isinstance(el, Box) or el.text is None:
            continue
        for par in el.text.paragraphs:
            if not any(SOFT_HYPHEN in r.text for r in par.runs):
                continue
            if any(ln.segments and ln.segments[-1].text.endswith("-") for ln in par.lines[:-1]):
                return True
    return False


def _entry(pack: Pack, sec: Section) -> Entry:
    have = _blocks(pack, sec)
    choice = sec.infographic
    show = list(choice.show) if choice else list(INFOGRAPHIC_PARTS)
    wanted = tuple(p for p in show if p in have) or ("takeaway",)
    d = have.get("diagram")
    return Entry(sec.id, sec.title, wanted, choice.priority if choice else 3,
                 isinstance(d, PathwayDiagram) and len(d.steps) > 3)


def scaled(layout: Layout, factor: float) -> Layout:
    """The layout with its type scaled by ``factor``, no size below the print floor.

    A size already below the floor (none in the shipped layouts) stays as it is.
    """
    t = layout.type
    if factor >= 1.0:
        return layout

    def s(v: float) -> float:
        return max(round(v * factor, 2), min(v, t.body_floor))

    roles = ("title", "heading", "body", "stat", "small", "caption")
    return layout.model_copy(update={"type": t.model_copy(update={r: s(getattr(t, r))
                                                               for r in roles})})


@dataclass(frozen=True)
class Piece:
    """One part of a block: its natural height, how much it may grow, and how to draw it."""

    kind: str
    height: float
    grow: float
    draw: Callable[[Kit, float, float, float], list[Element]]  # (kit, x, y, h)


class Blocks:
    """Measures and draws section blocks at a column width; diagrams measured once."""

    def __init__(self, kit: Kit, pack: Pack, sections: list[Section], width: float,
                 factors: tuple[float, ...]) -> None:
        self.kit, self.pack, self.sections, self.width = kit, pack, sections, width
        self.numbers = pack.reference_numbers()
        # Measuring kits count their own ids: what they make never reaches a page.
        self.kits = [replace(kit, layout=scaled(kit.layout, f), _ids=itertools.count(1))
                     for f in factors]
        self.floor = kit.layout.type.body_floor
        self.factors = factors
        self._diagram_memo: dict[tuple[int, int, bool], float] = {}

    # ---------------------------------------------------------------- measuring
    def measure(self, i: int, parts: tuple[str, ...], compact: bool, scale: int) -> float:
        """The height of section ``i``'s block showing ``parts``."""
        pieces = self.pieces(self.kits[scale], i, parts, compact, scale)
        gap = self.kit.layout.gap * PART_GAP
        return sum(p.height for p in pieces) + gap * (len(pieces) - 1)

    def _min_height(self, kit: Kit, i: int, d: DiagramBlock, scale: int) -> float:
        """The least height at which the diagram keeps every word of its labels.

        Probed at the layout's own sizes (a few tries around a first guess); at a
        smaller scale the guess shrinks with the text and is checked again (a
        cluster's boxes shrink with its region, and may then cut words).
        """
        key = (i, scale, False)
        if key in self._diagram_memo:
            return self._diagram_memo[key]
        base = self._diagram_memo.get((i, 0, False))
        if base is None:
            base = self._diagram_memo[(i, 0, False)] = self._probe(self.kits[0], d)
        h = base
        if scale:
            h = base * self.factors[scale]
            for _ in range(4):
                if self._whole(self.kits[scale], d, h, strict=True):
                    break
                h = min(base, h * 1.12)
        self._diagram_memo[key] = h
        return h

    def _whole(self, kit: Kit, d: DiagramBlock, h: float, strict: bool = False) -> bool:
        """Whether the diagram drawn ``h`` tall keeps every word (charts and pictograms do).

        ``strict``: and breaks no word across lines (a label hyphenated syllable by
        syllable in a squeezed box is whole, but hard to read).
        """
        if isinstance(d, (ChartDiagram, PictogramDiagram)):
            return True
        t = kit.layout.type
        # The answer depends on the diagram's words, the region and the type, not on the
        # pack around it: kept across compositions (the preview composes on every tick).
        key = (d.model_dump_json(), round(self.width, 2), round(h, 2), t.body, self.floor,
               strict, kit.theme.font, kit.lang, tuple(sorted(kit.icons)))
        with _PROBE_LOCK:
            known = _PROBES.get(key)
        if known is not None:
            return known
        g = compose_diagram(d, 0, 0, self.width, h, kit, ref_numbers=self.numbers,
                            label_size=t.body, label_floor=self.floor, reveal=False)
        children = list(g.children)
        whole = not lost_words(children, d) and not (strict and _hyphenated(children))
        with _PROBE_LOCK:
            if len(_PROBES) >= PROBES_KEPT:
                _PROBES.pop(next(iter(_PROBES)))  # the oldest goes
            _PROBES[key] = whole
        return whole

    def _probe(self, kit: Kit, d: DiagramBlock) -> float:
        """The least of a few heights around a first guess that draws the diagram whole.

        Heights that break no word are preferred; failing those, any that keeps
        every word (a narrow column may leave no other choice).
        """
        est = _diagram_height(d, self.width, kit.layout.type.body)
        if isinstance(d, (ChartDiagram, PictogramDiagram)):
            return est  # drawn to any height: bars and figures scale
        for strict in (True, False):
            if self._whole(kit, d, est, strict):
                best = est
                for f in (0.8, 0.65):
                    if not self._whole(kit, d, est * f, strict):
                        break
                    best = est * f
                return best
            for f in (1.25, 1.6):
                if self._whole(kit, d, est * f, strict):
                    return est * f
        return est * 1.6

    # ------------------------------------------------------------------ pieces
    def pieces(self, kit: Kit, i: int, parts: tuple[str, ...], compact: bool,
               scale: int) -> list[Piece]:
        """The block's pieces, top to bottom: heading, then parts in a fixed reading order."""
        sec = self.sections[i]
        have = _blocks(self.pack, sec)
        w = self.width
        repeated = "stat" in parts and _repeats(sec, have.get("stat"))
        out = [self._heading(kit, sec, w, claim="takeaway" not in parts or repeated)]
        for part in INFOGRAPHIC_PARTS:
            if part not in parts or part not in have or (part == "takeaway" and repeated):
                continue
            b = have[part]
            if part == "takeaway":
                out.append(self._takeaway(kit, sec, w))
            elif part == "stat":
                assert isinstance(b, StatBlock)
                out.append(self._stat(kit, b, w))
            elif part == "diagram":
                out.append(self._diagram(kit, sec, i, b, w, compact, scale))  # type: ignore[arg-type]
            elif part == "picture":
                assert isinstance(b, PictureBlock)
                out.append(self._picture(kit, b, w))
            else:
                assert isinstance(b, QuoteBlock)
                out.append(self._quote(kit, b, w))
        return out

    def _heading(self, kit: Kit, sec: Section, w: float, claim: bool) -> Piece:
        col, t = kit.theme.colors, kit.layout.type
        k = kit.speaking(sec.language)
        mark = bool(sec.icon and lookup(sec.icon, kit.icons))
        runs = k.marked(sec.title, t.heading, col.accent, bold=True, heading=True)
        if claim and sec.kind == "manufacturer":
            runs.insert(0, k.run(kit.say("manufacturer_claim") + " ", t.heading, col.warning,
                                 bold=True))
        par = k.para(runs, spacing=1.05)
        if mark:
            par = replace(par, indent=t.heading * (HEADING_ICON + 0.45))
        laid = layout_frame(frame([par]), w)
        h = frame_height(laid)

        def draw(kit: Kit, x: float, y: float, _h: float) -> list[Element]:
            box = text_box(kit, x, y, w, h, laid, name="Section heading")
            out: list[Element] = [box]
            if mark and sec.icon and laid.paragraphs[0].lines:
                side = t.heading * HEADING_ICON
                mid = y + laid.inset_t + laid.paragraphs[0].lines[0].baseline - t.heading * 0.32
                m = icon(kit, sec.icon, x, mid - side / 2, side, on=col.background,
                         text=col.text)
                if m is not None:
                    out.append(m)
            return out

        return Piece("heading", h, 0.0, draw)

    def _takeaway(self, kit: Kit, sec: Section, w: float) -> Piece:
        col, t = kit.theme.colors, kit.layout.type
        k = kit.speaking(sec.language)
        runs = k.marked(sec.takeaway or sec.summary, t.body, col.text)
        if sec.kind == "manufacturer":
            runs.insert(0, k.run(kit.say("manufacturer_claim") + " ", t.body, col.warning,
                                 bold=True))
        laid = layout_frame(frame([k.para(runs, spacing=1.15)]), w)
        h = frame_height(laid)
        return Piece("takeaway", h, 0.0,
                     lambda kit, x, y, _h: [text_box(kit, x, y, w, h, laid, name="Takeaway")])

    def _stat(self, kit: Kit, st: StatBlock, w: float) -> Piece:
        t = kit.layout.type
        card = stat_card(kit, st, 0, 0, w, self.numbers, label_size=t.body)

        def draw(kit: Kit, x: float, y: float, _h: float) -> list[Element]:
            c = stat_card(kit, st, x, y, w, self.numbers, label_size=t.body)
            mark = stat_icon(kit, st, c)
            return [c] if mark is None else [c, mark]

        return Piece("stat", card.h, 0.0, draw)

    def _diagram_head(self, kit: Kit, d: DiagramBlock, w: float) -> TextFrame:
        col, t = kit.theme.colors, kit.layout.type
        k = kit.speaking(d.language)
        return layout_frame(frame([k.para(k.marked(d.title, t.body, col.text, bold=True),
                                          spacing=1.05)]), w)

    def _caption(self, kit: Kit, sec: Section, d: DiagramBlock, w: float) -> TextFrame | None:
        col, t = kit.theme.colors, kit.layout.type
        text = caption_of(d, self.numbers, kit.speaking(sec.language).say)
        if not text:
            return None
        k = kit.speaking(d.language)
        return layout_frame(frame([k.para(k.marked(text, t.caption, col.muted, italic=True),
                                          spacing=1.1)]), w)

    def _diagram(self, kit: Kit, sec: Section, i: int, d: DiagramBlock, w: float,
                 compact: bool, scale: int) -> Piece:
        head = self._diagram_head(kit, d, w)
        cap = self._caption(kit, sec, d, w)
        head_h = frame_height(head) + 4
        cap_h = frame_height(cap) + 4 if cap is not None else 0.0
        t = kit.layout.type
        if compact and isinstance(d, PathwayDiagram):
            flow = self._flow(kit, d, w)
            body_h, grow = frame_height(flow), 0.0
        else:
            body_h, grow = self._min_height(kit, i, d, scale), _grow(d, w)

        def draw(kit: Kit, x: float, y: float, h: float) -> list[Element]:
            out: list[Element] = [text_box(kit, x, y, w, head_h - 4, head, name="Panel heading")]
            bottom = y + h
            if cap is not None:
                c = text_box(kit, x, y + h - cap_h + 4, w, cap_h - 4, cap, name="Caption")
                out.append(c)
                bottom = c.y - 4
            top = y + head_h
            if compact and isinstance(d, PathwayDiagram):
                out.append(text_box(kit, x, top, w, body_h, self._flow(kit, d, w),
                                    name="Compact pathway", alt=described(kit, d)))
            else:
                out.append(compose_diagram(d, x, top, w, bottom - top, kit,
                                           ref_numbers=self.numbers, label_size=t.body,
                                           label_floor=self.floor, reveal=False))
            return out

        return Piece("diagram", head_h + body_h + cap_h, grow, draw)

    def _flow(self, kit: Kit, d: PathwayDiagram, w: float) -> TextFrame:
        """A pathway as a numbered flow of text: "1 Gut dysbiosis → 2 Inflammation → …".

        Every label is kept whole (the details are left out); a highlighted step is
        bold, as its box is filled in the full diagram.
        """
        col, t = kit.theme.colors, kit.layout.type
        k = kit.speaking(d.language)
        runs = []
        for n, s in enumerate(d.steps, start=1):
            runs.append(k.run(f"{n}\u00a0", t.body, col.accent, bold=True))
            label = s.label.replace(" ", "\u00a0") if len(s.label) <= 18 else s.label
            runs += k.marked(label, t.body, col.text, bold=s.highlight)
            if n < len(d.steps):
                runs.append(k.run("  →  ", t.body, col.muted))
        return layout_frame(frame([k.para(runs, spacing=1.35)], inset=(0, 2, 0, 2)), w)

    def _picture(self, kit: Kit, b: PictureBlock, w: float) -> Piece:
        pic = self.pack.pictures[b.path]
        aspect = pic.height / max(1, pic.width)
        pw = min(w, w * PICTURE_SHARE / aspect) if aspect > 0 else w
        ph = pw * aspect
        words = picture_caption(kit, b)
        cap = layout_frame(words, w) if words is not None else None
        cap_h = frame_height(cap) + 4 if cap is not None else 0.0

        def draw(kit: Kit, x: float, y: float, _h: float) -> list[Element]:
            out: list[Element] = [Picture(kit.new_id(), x + (w - pw) / 2, y, pw, ph, pic, b.alt,
                                          name="Picture")]
            if cap is not None:
                out.append(text_box(kit, x, y + ph + 4, w, cap_h - 4, cap, name="Caption"))
            return out

        return Piece("picture", ph + cap_h, 0.0, draw)

    def _quote(self, kit: Kit, b: QuoteBlock, w: float) -> Piece:
        col, t = kit.theme.colors, kit.layout.type
        k = kit.speaking(b.language)
        small = max(t.body * 0.85, self.floor)  # the attribution: secondary, never below the floor
        laid = layout_frame(frame([
            k.para(k.marked(f"“{b.text}”", t.body, col.accent, italic=True), spacing=1.15),
            k.para([*k.marked(f"— {b.attribution}", small, col.muted),
                    *_mark_runs(k, b, small, self.numbers)], before=t.body * 0.35),
        ], inset=(14, 2, 0, 2)), w)
        h = frame_height(laid)

        def draw(kit: Kit, x: float, y: float, _h: float) -> list[Element]:
            return [text_box(kit, x, y, w, h, laid, name="Quote"),
                    Box(kit.new_id(), x, y + 4, 4, h - 8, "rect", col.accent, None, 0,
                        name="Quote bar")]

        return Piece("quote", h, 0.0, draw)


BADGE_Y = 6.0


def _badge_room(kit: Kit, badge: bool) -> float:
    """How far the title moves down to clear the manufacturer badge above it."""
    if not badge:
        return 0.0
    lay = kit.layout
    return max(0.0, BADGE_Y + lay.type.small * 2.2 + 4 - lay.margin * 0.8)


def _band(kit: Kit, pack: Pack, first: bool, badge: bool = False) -> tuple[list[Element], float]:
    lay, col, t = kit.layout, kit.theme.colors, kit.layout.type
    room = _badge_room(kit, badge and first)
    meta = pack.meta
    w = lay.width - 2 * lay.margin
    title = meta.title if first else kit.say("continued", title=meta.title)
    size = t.title if first else t.heading * 1.3
    logo = _logo_size(kit, w)
    if logo is not None:
        w -= logo[0] + logo[2] * 2 + lay.gap

    def build(s: float) -> TextFrame:
        pars = [kit.para(kit.marked(title, s, col.on_band, bold=True, heading=True),
                         spacing=1.05)]
        if first and meta.subtitle:
            pars.append(
                kit.para(
                    kit.marked(meta.subtitle, max(s * 0.45, t.body), col.on_band), before=s * 0.3
                )
            )
        return frame(pars)

    fitted = fit_text(build, w, lay.height * 0.22, size, t.heading)
    laid = fitted[0] if fitted else layout_frame(build(t.heading), w)
    h = frame_height(laid)
    band_h = max(h, logo[1] + logo[2] * 2 if logo else 0.0) + lay.margin * 1.6 + room
    tb = text_box(kit, lay.margin, lay.margin * 0.8 + room, w, h, laid, name="Title")
    band = Box(kit.new_id(), 0, 0, lay.width, band_h, "rect", col.band, None, 0, name="Title band")
    marks = _logo(kit, logo, lay.margin * 0.8 + room) if logo else []
    rule = Box(
        kit.new_id(),
        lay.margin,
        band_h - lay.margin * 0.45,
        56,
        4,
        "rect",
        col.on_band,
        None,
        0,
        name="Title rule",
    )
    return [band, tb, *marks, rule], band_h + lay.gap * 1.2


def _logo_size(kit: Kit, w: float) -> tuple[float, float, float] | None:
    """(width, height, padding) of a school template's logo in the title band, if any.

    About two title lines high, at most a quarter of the band's width, so a wide
    crest with the school's name stays legible and a square one does not crowd it.
    """
    pic = kit.theme.logo
    if pic is None:
        return None
    lay = kit.layout
    aspect = pic.width / max(1, pic.height)
    h = min(lay.height * 0.08, lay.type.title * 2.0)
    lw = min(h * aspect, w * 0.25)
    h = lw / aspect
    return lw, h, max(3.0, h * 0.12)


def _logo(kit: Kit, size: tuple[float, float, float], y: float) -> list[Element]:
    """The logo at the band's right, on a plate of the page colour.

    Logos are made for a template's light slides: the plate keeps a dark crest
    legible on a dark band.
    """
    logo = kit.theme.logo
    assert logo is not None
    lay = kit.layout
    lw, lh, pad = size
    x = lay.width - lay.margin - lw - pad * 2
    plate = Box(kit.new_id(), x, y, lw + pad * 2, lh + pad * 2, "roundrect",
                kit.theme.colors.background, None, 0, corner=0.12, name="Logo plate")
    pic = Picture(kit.new_id(), x + pad, y + pad, lw, lh, logo, "logo", name="Logo")
    return [plate, pic]


def _footer(kit: Kit, pack: Pack, keys: set[str], uncited: bool) -> tuple[list[Element], float]:
    lay, col, t = kit.layout, kit.theme.colors, kit.layout.type
    numbers = pack.reference_numbers()
    refs = sorted((r for r in pack.references if r.key in keys), key=lambda r: numbers[r.key])
    w = lay.width - 2 * lay.margin
    bottom = lay.height - lay.margin * 0.7
    size = max(t.small, t.body_floor)
    pars = []
    if refs:
        pars.append(
            kit.para(
                [kit.run(kit.say("sources") + "  ", size, col.text, bold=True)]
                + [
                    kit.run(f"[{numbers[r.key]}] {cite.short_ref(r)}.  ", size, col.muted)
                    for r in refs
                ],
                spacing=1.12,
            )
        )
    if uncited:
        note = kit.run(cite.uncited_note(pack, kit.say("no_source")), size, col.warning,
                       italic=True)
        pars.append(kit.para(note, before=2))
    pars.append(
        kit.para(kit.run(kit.say("made_with", author=pack.meta.author), size, col.muted), before=2)
    )
    box = text_box(kit, lay.margin, 0, w, None, frame(pars))
    y = bottom - box.h
    box = Box(box.id, lay.margin, y, w, box.h, "none", text=box.text, name="Sources")
    rule = Box(
        kit.new_id(), lay.margin, y - 6, w, 0.75, "rect", col.muted, None, 0, name="Sources rule"
    )
    return [rule, box], y - 6 - lay.gap


def _column_count(layout: Layout) -> int:
    """As many columns as fit at ``COLUMN_BODIES`` body sizes each (one on narrow pages)."""
    w, gap = layout.width - 2 * layout.margin, layout.gap * 2
    return max(1, int((w + gap) // (layout.type.body * COLUMN_BODIES + gap)))


def plan_infographic(
    pack: Pack, section_ids: list[str], layout: Layout, theme: Theme, pages: int = 1
) -> tuple[Plan, list[Section], Blocks]:
    """What the infographic of these sections shows, page by page (nothing drawn).

    Exposed so that tests (and a curious reader) can see the planner's decisions.
    """
    kit = Kit.for_pack(layout, theme, pack)
    sections = [pack.section(s) for s in section_ids]
    content = [s for s in sections if s.kind != "title"]
    lay = layout
    ncols = _column_count(lay)
    colgap = lay.gap * 2
    width = (lay.width - 2 * lay.margin - colgap * (ncols - 1)) / ncols
    factors = scales(lay.type.body, lay.type.body_floor)
    probe = replace(kit, _ids=itertools.count(1))
    blocks = Blocks(probe, pack, content, width, factors)
    cited: set[str] = set()
    uncited = False
    for s in content:
        for b in _blocks(pack, s).values():
            if b is not s:
                k, u = _cites_of(b)
                cited |= k
                uncited |= u
    _, foot_top = _footer(probe, pack, cited, uncited)
    foot_top = lay.tallest - (lay.height - foot_top)  # a page that fits content: its tallest
    badge = any(s.kind == "manufacturer" for s in sections)
    rooms = (foot_top - _band(probe, pack, True, badge)[1],
             foot_top - _band(probe, pack, False)[1])
    planner = Planner([_entry(pack, s) for s in content], blocks.measure, rooms, ncols,
                      lay.gap * BLOCK_GAP, factors, max(1, pages))
    if not content:
        from infodeck.compose.infoplan import PagePlan, State

        return Plan(State(()), (PagePlan(((),) * ncols, (0.0,) * ncols, rooms[0]),), factors), \
            content, blocks
    return planner.plan(), content, blocks


def compose_infographic(
    pack: Pack, section_ids: list[str], layout: Layout, theme: Theme, pages: int = 1
) -> Document:
    """Compose the infographic of the chosen sections on one page, or at most ``pages``.

    A theme's logo (a school template's crest) stands at the right of every page's
    title band.
    """
    plan, content, blocks = plan_infographic(pack, section_ids, layout, theme, pages)
    kit = Kit.for_pack(layout, theme, pack)
    lay, col = layout, theme.colors
    sections = [pack.section(s) for s in section_ids]
    badge = any(s.kind == "manufacturer" for s in sections)
    skit = replace(kit, layout=scaled(lay, plan.scale))
    colgap = lay.gap * 2
    width, gap = blocks.width, lay.gap * BLOCK_GAP
    part_gap = lay.gap * PART_GAP
    st = plan.state
    out: list[Page] = []
    for pi, pp in enumerate(plan.pages):
        els, top = _band(kit, pack, pi == 0, badge)
        if badge and pi == 0:
            els += _badge(kit)
        keys: set[str] = set()
        unc = False
        page_h, page_kit = lay.height, kit
        if lay.max_height:
            used = max(pp.heights) if pp.heights else 0.0
            page_h, page_kit = _fitted_height(kit, pack, top, used, _page_cites(
                pack, content, pp, st.parts))
        foot_room = lay.height - _footer(kit, pack, *_page_cites(pack, content, pp, st.parts))[1]
        room = page_h - foot_room - top
        shown: list[Section] = []
        for c, ids in enumerate(pp.columns):
            x = lay.margin + c * (width + colgap)
            pieces = [blocks.pieces(skit, i, st.parts[i], i in st.compact, st.scale) for i in ids]
            natural = sum(sum(p.height for p in ps) + part_gap * (len(ps) - 1) for ps in pieces)
            natural += gap * max(0, len(ids) - 1)
            spare = max(0.0, room - natural)
            growers = [p for ps in pieces for p in ps if p.grow]
            each = spare / len(growers) if growers else 0.0
            grown = {id(p): min(each, p.grow) for p in growers}
            spare -= sum(grown.values())
            # What is still spare opens the gaps between blocks a little; the rest stays
            # at the foot, so a short column reads top-down instead of floating.
            extra = min(spare / len(ids), lay.gap * 1.5) if len(ids) > 1 else 0.0
            y = top
            for n, (i, ps) in enumerate(zip(ids, pieces, strict=True)):
                sec = content[i]
                shown.append(sec)
                if n:
                    rule_y = y + (gap + extra) / 2 - 0.4
                    els.append(Box(kit.new_id(), x, rule_y, width, 0.75, "rect", col.line,
                                   None, 0, name="Section rule"))
                    y += gap + extra
                for k, p in enumerate(ps):
                    h = p.height + grown.get(id(p), 0.0)
                    els += p.draw(skit, x, y, h)
                    y += h + (part_gap if k < len(ps) - 1 else 0.0)
                have = _blocks(pack, sec)
                for part in st.parts[i]:
                    if part in have and part != "takeaway":
                        k2, u2 = _cites_of(have[part])
                        keys |= k2
                        unc |= u2
        els += _footer(page_kit, pack, keys, unc)[0]
        alt = _alt(page_kit, pack, shown, pi, len(plan.pages))
        out.append(Page(lay.width, page_h, col.background, tuple(els), "infographic",
                        plain(pack.meta.title), alt=alt,
                        sources=tuple(sorted(keys))))
    return document(pack, out, layout, _notices(plan, content, pages))


def _notices(plan: Plan, content: list[Section], pages: int) -> list[str]:
    """What the teacher should know: sections left out, parts given up, pages used."""
    st = plan.state
    notes: list[str] = []
    room = "one page" if pages <= 1 else f"{pages} pages"
    if st.left_out:
        names = _listed([f"'{content[i].title}'" for i in sorted(st.left_out)])
        more = f"--pages {pages + 1}" if pages >= 1 else "--pages 2"
        notes.append(
            f"the infographic has no room on {room} for {len(st.left_out)} section(s): "
            f"{names}; allow more pages ({more}, or more than 'Fit on one page' under Pages "
            "in the window) or choose fewer sections"
        )
    if plan.given_up:
        said = []
        for part in INFOGRAPHIC_PARTS:
            of = [f"'{content[i].title}'" for i, p in plan.given_up if p == part]
            if of:
                word = {"stat": "key statistic"}.get(part, part)
                said.append(f"the {word}{'s' if len(of) > 1 else ''} of {_listed(of)}")
        notes.append(f"to fit {room}, the infographic leaves out {'; '.join(said)}")
    if len(plan.pages) > 1:
        notes.append(f"the infographic runs to {len(plan.pages)} pages (at most {pages} allowed)")
    return notes


def _listed(names: list[str], most: int = 12) -> str:
    """Names joined with commas; past ``most`` of them, how many more."""
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most} more"


def _page_cites(pack: Pack, content: list[Section], pp: object,
                parts: tuple[tuple[str, ...], ...]) -> tuple[set[str], bool]:
    keys: set[str] = set()
    unc = False
    for ids in pp.columns:  # type: ignore[attr-defined]
        for i in ids:
            have = _blocks(pack, content[i])
            for part in parts[i]:
                if part in have and part != "takeaway":
                    k, u = _cites_of(have[part])
                    keys |= k
                    unc |= u
    return keys, unc


def _badge(kit: Kit) -> list[Element]:
    """The manufacturer's warning badge above the title of the first page."""
    lay, col = kit.layout, kit.theme.colors
    note = kit.say("manufacturer_note")
    bw = min(lay.width - 2 * lay.margin,
             text_width(note, kit.theme.font_for(lay.type.small, bold=True)) * 1.03
             + lay.type.small * 2.2 * BADGE_ICON + 12)
    box = fitted_box(
        kit, lay.width - lay.margin - bw, BADGE_Y, bw, lay.type.small * 2.2,
        lambda s: frame([kit.para(kit.run(note, s, col.warning, bold=True), align="left")],
                        valign="middle", inset=(lay.type.small * 2.2 * BADGE_ICON, 0, 4, 0)),
        lay.type.small, lay.type.body_floor, geometry="roundrect", fill=col.card, name="Badge",
    )
    return [box, *badge_icon(kit, box)] if box else []


def _fitted_height(kit: Kit, pack: Pack, top: float, used: float,
                   cites: tuple[set[str], bool]) -> tuple[float, Kit]:
    """A page as tall as its content and its own footer, within the layout's bounds.

    For layouts with ``max_height`` (a web infographic): the page ends at its footer,
    so there is no blank tail; the kit returned has that height (the footer is
    anchored to the page's foot).
    """
    lay = kit.layout
    foot_room = lay.height - _footer(kit, pack, *cites)[1]
    ease = lay.gap * 3  # room to breathe: diagrams a little taller than their bare need
    h = min(lay.tallest, max(lay.height, top + used + ease + foot_room))
    return h, replace(kit, layout=lay.model_copy(update={"height": h}))


def _alt(kit: Kit, pack: Pack, sections: list[Section], i: int, n: int) -> str:
    head = (kit.say("infographic_page", title=pack.meta.title, k=i + 1, n=n) if n > 1
            else kit.say("infographic", title=pack.meta.title))
    parts = [head]
    parts += [f"{s.title}: {s.takeaway or s.summary}" for s in sections if s.kind != "title"]
    return plain(". ".join(parts))  # the words, without the markup drawn
