"""Compose a print infographic: title band, key numbers, diagrams, takeaways, sources.

The chosen sections are condensed onto pages of an infographic layout. Units are
measured first, pages are cut where the next unit would not fit, and the white
space left on a page is shared out (diagrams grow a little, gaps take the rest),
so a page is balanced rather than top-heavy. Text never goes below the layout's
print floor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from infodeck.compose import cite
from infodeck.compose.deck import (
    BADGE_ICON,
    BULLET,
    badge_icon,
    icons_above,
    stat_card,
    stat_icon,
)
from infodeck.compose.diagrams import DiagramBlock, caption_of, compose_diagram
from infodeck.compose.kit import Kit, document, fitted_box, frame, icon, text_box
from infodeck.compose.layouts import Layout, Theme
from infodeck.content.model import (
    AxisDiagram,
    ChartDiagram,
    CycleDiagram,
    DiagramBase,
    Pack,
    PathwayDiagram,
    PictogramDiagram,
    Section,
    StatBlock,
)
from infodeck.scene.elements import (
    Box,
    Document,
    Element,
    Page,
    Picture,
    TextFrame,
)
from infodeck.scene.icons import lookup
from infodeck.scene.markup import plain
from infodeck.scene.text import fit_text, frame_height, layout_frame, text_width

MIN_CARD_W = 118.0


@dataclass
class Unit:
    """A horizontal band of the page: stats row, diagram row, takeaways."""

    kind: str
    height: float
    payload: list  # type: ignore[type-arg]
    grow: float = 0.0  # how much taller a diagram row may grow to use spare room


def _diagram_height(d: DiagramBlock, w: float, body: float) -> float:
    # An icon above a label takes about two label lines (diagrams/_geometry.ICON_GAP).
    icon = body * 2.1
    if isinstance(d, PathwayDiagram):
        # As many rows as the pathway needs at this width; a row is a box of up to
        # three lines of label plus the arrow's gap.
        n = len(d.steps)
        cols = max(1, min(n, int(w // (body * 9))))
        rows = -(-n // cols)
        row = body * 6 + (icon if any(s.icon for s in d.steps) else 0.0)
        return rows * row + (rows - 1) * body * 2
    if isinstance(d, CycleDiagram):
        # A ring of boxes of about three label lines: four rows of them stacked, at most.
        rows = min(4, len(d.steps) // 2 + 1)
        # Nearly square: a ring squeezed flat crowds its arrows between the boxes.
        return max(rows * (body * 5 + (icon if any(s.icon for s in d.steps) else 0.0)),
                   w * 0.85)
    if isinstance(d, ChartDiagram):
        return body * 3.4 * len(d.items) + body * 2
    if isinstance(d, PictogramDiagram):
        return max(body * 10, w * 0.3)
    if isinstance(d, AxisDiagram):
        return max(body * 3.2 * len(d.channels) + body * 2, w * 0.42)
    # A cluster's boxes have room to spare for their icons: no extra height.
    return max(body * (11 if len(d.items) <= 4 else 16), w * 0.5)


def _grow(d: DiagramBlock) -> float:
    """How much taller than its need a panel may become: bars only get fatter."""
    return 30.0 if isinstance(d, ChartDiagram) else 120.0


def _cites_of(b: StatBlock | DiagramBlock) -> tuple[set[str], bool]:
    """The reference keys a block cites (its chart items included), and if it is uncited."""
    keys, uncited = set(b.cite), b.uncited
    for it in getattr(b, "items", []) or []:
        keys.update(getattr(it, "cite", []))
        uncited |= bool(getattr(it, "uncited", False))
    return keys, uncited


def _panel_head(kit: Kit, title: str, x: float, y: float, w: float) -> Box:
    col, t = kit.theme.colors, kit.layout.type
    return text_box(
        kit,
        x,
        y,
        w,
        None,
        frame([kit.para(kit.marked(title, t.heading, col.accent, bold=True), spacing=1.05)]),
        name="Panel heading",
    )


def _caption_box(kit: Kit, text: str, x: float, y: float, w: float) -> Box:
    col, t = kit.theme.colors, kit.layout.type
    return text_box(
        kit,
        x,
        y,
        w,
        None,
        frame([kit.para(kit.marked(text, t.caption, col.muted, italic=True), spacing=1.1)]),
        name="Caption",
    )


def _panel_height(kit: Kit, sec: Section, d: DiagramBlock, w: float,
                  numbers: dict[str, int]) -> float:
    t = kit.layout.type
    head = _panel_head(kit, d.title, 0, 0, w).h
    text = caption_of(d, numbers, kit.speaking(sec.language).say)
    cap = _caption_box(kit, text, 0, 0, w).h + 6 if text else 0.0
    return head + 6 + _diagram_height(d, w, t.body) + cap


def _panel(
    kit: Kit, pack: Pack, sec: Section, d: DiagramBlock, x: float, y: float, w: float, h: float
) -> list[Element]:
    """A diagram with its title, and its own caption under it when it has one.

    Never the section's takeaway: under a diagram it reads as the diagram's
    conclusion, and it may say something the diagram does not show. The takeaways
    box carries it instead.
    """
    t = kit.layout.type
    head = _panel_head(kit, d.title, x, y, w)
    text = caption_of(d, pack.reference_numbers(), kit.speaking(sec.language).say)
    under: list[Element] = []
    bottom = y + h
    if text:
        cap = _caption_box(kit, text, x, 0, w)
        cap = Box(cap.id, x, y + h - cap.h, w, cap.h, "none", text=cap.text, name="Caption")
        under, bottom = [cap], cap.y - 6
    top = head.bottom + 6
    group = compose_diagram(
        d,
        x,
        top,
        w,
        bottom - top,
        kit,
        ref_numbers=pack.reference_numbers(),
        label_size=t.body,
        label_floor=t.body_floor,
        reveal=False,
    )
    return [head, group, *under]


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


TAKEAWAY_ICON = 1.4  # a takeaway's icon, in body sizes, beside its first line
TAKEAWAY_INDENT = 2.0  # the text's indent when any takeaway has an icon, in body sizes


def _takeaways(
    kit: Kit,
    sections: list[Section],
    w: float,
    numbers: dict[str, int],
    heading: str = "",
) -> TextFrame:
    """The takeaways box's text: a bullet for each section, or its icon when it has one.

    With any icon in the list every item is indented alike, so the texts align; the
    icons are placed by ``_takeaway_icons`` in that indent.
    """
    col, t = kit.theme.colors, kit.layout.type
    iconed = any(s.icon and lookup(s.icon, kit.icons) for s in sections)
    heading = heading or kit.say("takeaways")
    pars = [kit.para(kit.marked(heading, t.heading, col.accent, bold=True), spacing=1.05)]
    for s in sections:
        text = s.takeaway or s.summary
        runs = kit.speaking(s.language).marked(text, t.body, col.on_card)
        if s.kind == "manufacturer":
            claim = kit.say("manufacturer_claim") + " "
            runs.insert(0, kit.run(claim, t.body, col.warning, bold=True))
        par = kit.para(runs, bullet=BULLET, before=t.body * (0.5 if iconed else 0.4))
        if iconed:
            par = replace(par, indent=t.body * TAKEAWAY_INDENT)
            if s.icon and lookup(s.icon, kit.icons):
                par = replace(par, bullet=None, bullet_color=None)
        pars.append(par)
    return layout_frame(frame(pars, inset=(14, 12, 14, 12)), w)


def _takeaway_icons(kit: Kit, box: Box, sections: list[Section]) -> list[Element]:
    """The icons of a takeaways box, each centred on its takeaway's first line."""
    tf, col = box.text, kit.theme.colors
    if tf is None:
        return []
    out: list[Element] = []
    for par, s in zip(tf.paragraphs[1:], sections, strict=False):
        if not s.icon or par.bullet or not par.lines:
            continue
        size = max(r.font.size for r in par.runs)
        side = size * TAKEAWAY_ICON
        mid = box.y + tf.inset_t + par.lines[0].baseline - size * 0.32
        mark = icon(kit, s.icon, box.x + tf.inset_l, mid - side / 2, side,
                    on=box.fill or col.card, text=col.on_card)
        if mark is not None:
            out.append(mark)
    return out


def _takeaway_frames(
    kit: Kit, sections: list[Section], w: float, numbers: dict[str, int], max_h: float
) -> list[tuple[TextFrame, list[Section]]]:
    """The takeaways, in as many boxes as it takes for each to fit ``max_h``."""
    whole = _takeaways(kit, sections, w, numbers)
    if frame_height(whole) <= max_h or len(sections) < 2:
        return [(whole, sections)]
    out: list[tuple[TextFrame, list[Section]]] = []
    chunk: list[Section] = []
    for s in sections:
        heading = kit.say("takeaways")
        heading = heading if not out else kit.say("continued", title=heading)
        trial = _takeaways(kit, [*chunk, s], w, numbers, heading)
        if chunk and frame_height(trial) > max_h:
            out.append((_takeaways(kit, chunk, w, numbers, heading), chunk))
            chunk = [s]
        else:
            chunk.append(s)
    if chunk:
        heading = kit.say("takeaways")
        heading = heading if not out else kit.say("continued", title=heading)
        out.append((_takeaways(kit, chunk, w, numbers, heading), chunk))
    return out


def compose_infographic(
    pack: Pack, section_ids: list[str], layout: Layout, theme: Theme,
) -> Document:
    """Compose the infographic pages of the chosen sections.

    A theme's logo (a school template's crest) stands at the right of every page's
    title band.
    """
    kit = Kit.for_pack(layout, theme, pack)
    lay, col = layout, theme.colors
    sections = [pack.section(s) for s in section_ids]
    numbers = pack.reference_numbers()
    x0, full_w, gap = lay.margin, lay.width - 2 * lay.margin, lay.gap

    stats: list[StatBlock] = [b for s in sections for b in s.blocks if isinstance(b, StatBlock)]
    panels: list[tuple[Section, DiagramBlock]] = [
        (s, b)
        for s in sections
        for b in s.blocks
        if isinstance(b, DiagramBase)
    ]
    content = [s for s in sections if s.kind != "title"]
    cited: set[str] = set()
    uncited = False
    for s in sections:
        for b in s.blocks:
            if isinstance(
                b, (StatBlock, DiagramBase)
            ):
                keys, unc = _cites_of(b)
                cited |= keys
                uncited |= unc

    numbers = pack.reference_numbers()
    # No unit may be taller than the body of a page, or it would run off it. The
    # footer is anchored to the page's foot: ``foot_room`` is what it takes there.
    footer_probe, foot_top = _footer(kit, pack, cited, uncited)
    del footer_probe
    foot_room = lay.height - foot_top
    foot_top = lay.tallest - foot_room  # a page that fits its content: cut at its tallest
    badge = any(s.kind == "manufacturer" for s in sections)
    max_h = foot_top - max(_band(kit, pack, True, badge)[1], _band(kit, pack, False)[1])
    notices: list[str] = []

    units: list[Unit] = []
    if stats:
        per_row = max(1, min(len(stats), int((full_w + gap) // (MIN_CARD_W + gap)), 4))
        cw = (full_w - gap * (per_row - 1)) / per_row
        for i in range(0, len(stats), per_row):
            row = stats[i : i + per_row]
            # A card whose number leaves no room for its icon beside it puts the icon
            # above: then every card of the row does, so the row looks alike.
            above = icons_above(kit, row, cw, numbers, label_size=lay.type.body)
            cards = [stat_card(kit, st, 0, 0, cw, numbers, label_size=lay.type.body,
                               icon_above=above) for st in row]
            units.append(Unit("stats", max(c.h for c in cards), [row, cw, above]))
    # Wide rows: pathways and charts use the full width; the others pair up.
    half_w = (full_w - gap * 1.5) / 2
    pending: list[tuple[Section, DiagramBlock]] = []
    for sec, d in panels:
        wide = isinstance(d, PathwayDiagram) or full_w < 400
        if wide:
            units.append(
                Unit("panels", _panel_height(kit, sec, d, full_w, numbers), [[(sec, d)]], _grow(d))
            )
        else:
            pending.append((sec, d))
            if len(pending) == 2:
                h = max(_panel_height(kit, s2, d2, half_w, numbers) for s2, d2 in pending)
                units.append(Unit("panels", h, [pending], min(_grow(d2) for _, d2 in pending)))
                pending = []
    shared = False
    if pending and content:
        # A lone last panel shares its row with the takeaways: no half-empty row.
        sec, d = pending[0]
        tk = _takeaways(kit, content, half_w, numbers)
        h = max(_panel_height(kit, sec, d, half_w, numbers), frame_height(tk))
        if h <= max_h:
            units.append(Unit("panel+takeaways", h, [(sec, d), tk, content], _grow(d)))
            shared = True
    if not shared:
        if pending:
            sec, d = pending[0]
            h = _panel_height(kit, sec, d, full_w * 0.7, numbers)
            units.append(Unit("panels", h, [pending], _grow(d)))
        if content:
            frames = _takeaway_frames(kit, content, full_w, numbers, max_h)
            units += [Unit("takeaways", frame_height(tk), [tk, secs]) for tk, secs in frames]
            if len(frames) > 1:
                notices.append(f"the infographic's takeaways were split over {len(frames)} boxes")

    # Cut pages.
    pages_units: list[list[Unit]] = []
    first = True
    remaining = list(units)
    while remaining or first:
        _, top = _band(kit, pack, first, badge)
        avail = foot_top - top
        cur: list[Unit] = []
        used = 0.0
        while remaining:
            u = remaining[0]
            need = u.height + (gap * 1.5 if cur else 0)
            if used + need > avail and cur:
                break
            cur.append(remaining.pop(0))
            used += need
        pages_units.append(cur)
        first = False
        if not remaining:
            break

    pages: list[Page] = []
    note = kit.say("manufacturer_note")
    for pi, cur in enumerate(pages_units):
        els, top = _band(kit, pack, pi == 0, badge)
        if badge and pi == 0:
            bw = min(lay.width - 2 * lay.margin,
                     text_width(note, kit.theme.font_for(lay.type.small, bold=True)) * 1.03
                     + lay.type.small * 2.2 * BADGE_ICON + 12)
            badge_box = fitted_box(
                kit,
                lay.width - lay.margin - bw,
                BADGE_Y,
                bw,
                lay.type.small * 2.2,
                lambda s: frame(
                    [
                        kit.para(
                            kit.run(
                                note,
                                s,
                                col.warning,
                                bold=True,
                            ),
                            align="left",
                        )
                    ],
                    valign="middle",
                    inset=(lay.type.small * 2.2 * BADGE_ICON, 0, 4, 0),
                ),
                lay.type.small,
                lay.type.body_floor,
                geometry="roundrect",
                fill=col.card,
                name="Badge",
            )
            if badge_box:
                els += [badge_box, *badge_icon(kit, badge_box)]
        page_keys: set[str] = set()
        page_uncited = False
        n = len(cur)
        used = sum(u.height for u in cur) + gap * 1.5 * max(0, n - 1)
        page_h, page_kit = lay.height, kit
        if lay.max_height:
            page_h, page_kit, room = _fitted_height(kit, pack, cur, top, used)
            spare = max(0.0, page_h - room - top - used)
        else:
            spare = max(0.0, foot_top - top - used)
        growers = [u for u in cur if u.grow]
        grow_each = spare / len(growers) if growers else 0.0
        grown = {id(u): min(grow_each, u.grow) for u in growers}
        spare -= sum(grown.values())
        # What is still spare opens the gaps a little; the rest stays at the foot, so a
        # short last page reads top-down instead of floating in the middle.
        extra_gap = min(spare / (n + 1), gap * 2) if n else 0.0
        y = top + extra_gap
        for u in cur:
            h = u.height + grown.get(id(u), 0.0)
            if u.kind == "stats":
                row, cw, above = u.payload
                for j, st in enumerate(row):
                    c = stat_card(kit, st, x0 + j * (cw + gap), y, cw, numbers,
                                  label_size=lay.type.body, icon_above=above)
                    card = replace(c, h=u.height)
                    els.append(card)
                    mark = stat_icon(kit, st, card)
                    if mark is not None:
                        els.append(mark)
                    page_keys.update(st.cite)
                    page_uncited |= st.uncited
            elif u.kind == "panels":
                (pair,) = u.payload
                pw = full_w if len(pair) == 1 else half_w
                for j, (sec, d) in enumerate(pair):
                    px = x0 + j * (half_w + gap * 1.5)
                    if len(pair) == 1 and not isinstance(d, PathwayDiagram) and full_w >= 400:
                        pw = full_w * 0.7
                        px = x0 + (full_w - pw) / 2
                    els += _panel(kit, pack, sec, d, px, y, pw, h)
                    keys, unc = _cites_of(d)
                    page_keys |= keys
                    page_uncited |= unc
            elif u.kind == "panel+takeaways":
                (sec, d), tk, secs = u.payload
                els += _panel(kit, pack, sec, d, x0, y, half_w, h)
                keys, unc = _cites_of(d)
                page_keys |= keys
                page_uncited |= unc
                box = text_box(
                    kit,
                    x0 + half_w + gap * 1.5,
                    y,
                    half_w,
                    frame_height(tk),
                    tk,
                    geometry="roundrect",
                    fill=col.card,
                    name="Takeaways",
                )
                els += [box, *_takeaway_icons(kit, box, secs)]
            else:
                tk, secs = u.payload
                box = text_box(
                    kit,
                    x0,
                    y,
                    full_w,
                    u.height,
                    tk,
                    geometry="roundrect",
                    fill=col.card,
                    name="Takeaways",
                )
                els += [box, *_takeaway_icons(kit, box, secs)]
            y += h + gap * 1.5 + extra_gap
        foot, _ = _footer(page_kit, pack, page_keys, page_uncited)
        els += foot
        pages.append(
            Page(
                lay.width,
                page_h,
                col.background,
                tuple(els),
                "infographic",
                plain(pack.meta.title),
                alt=_alt(pack, sections, pi, len(pages_units)),
                sources=tuple(sorted(page_keys)),
            )
        )
    if len(pages) > 1:
        notices.insert(0, f"the infographic did not fit one page and runs to {len(pages)} pages")
    return document(pack, pages, layout, notices)


def _unit_cites(units: list[Unit]) -> tuple[set[str], bool]:
    """The reference keys the units cite, and whether any is uncited: a page's footer."""
    keys: set[str] = set()
    uncited = False
    for u in units:
        if u.kind == "stats":
            blocks: list[StatBlock | DiagramBlock] = list(u.payload[0])
        elif u.kind == "panels":
            blocks = [d for _, d in u.payload[0]]
        elif u.kind == "panel+takeaways":
            blocks = [u.payload[0][1]]
        else:
            blocks = []
        for b in blocks:
            k, unc = _cites_of(b)
            keys |= k
            uncited |= unc
    return keys, uncited


def _fitted_height(
    kit: Kit, pack: Pack, units: list[Unit], top: float, used: float
) -> tuple[float, Kit, float]:
    """A page as tall as its content and its own footer, within the layout's bounds.

    For layouts with ``max_height`` (a web infographic): the page is cut as if it
    were that tall, then ends at its footer, so there is no blank tail. Returns the
    height, a kit of that height (the footer is anchored to the page's foot) and
    the room the footer takes there.
    """
    lay = kit.layout
    foot_room = lay.height - _footer(kit, pack, *_unit_cites(units))[1]
    # Room to breathe: each diagram row a little taller than its bare need, as the
    # spare room of a fixed page would make it (a chart's labels need it most).
    ease = sum(min(u.grow, lay.gap * 3) for u in units)
    h = min(lay.tallest, max(lay.height, top + used + ease + foot_room))
    return h, replace(kit, layout=lay.model_copy(update={"height": h})), foot_room


def _alt(pack: Pack, sections: list[Section], i: int, n: int) -> str:
    parts = [f"Infographic: {pack.meta.title}" + (f", page {i + 1} of {n}" if n > 1 else "")]
    parts += [f"{s.title}: {s.takeaway or s.summary}" for s in sections if s.kind != "title"]
    return plain(". ".join(parts))  # the words, without the markup drawn
