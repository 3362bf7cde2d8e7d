"""The PowerPoint backend: a composed ``Document`` → an editable ``.pptx``.

Teachers edit the deck afterwards, so everything stays native: boxes are shapes
holding real paragraphs and runs (PowerPoint wraps them itself, the same way the
composer did, because the composer measured with a font metric-compatible with the
one named here), charts are native charts with their data, diagrams are groups
whose connectors stay glued to their boxes, and step-by-step parts are entrance
animations. XML that python-pptx has no API for is written by ``_oxml``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_MARK,
)
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Emu, Pt

from infodeck.render import Cancelled, _oxml, templated
from infodeck.render.templated import DeckTemplate
from infodeck.scene import fonts
from infodeck.scene.chartaxis import value_axis, vertical_axis
from infodeck.scene.contrast import contrast_ratio
from infodeck.scene.elements import (
    Box,
    Chart,
    Connector,
    Document,
    Element,
    Font,
    Geometry,
    Group,
    Icon,
    Page,
    Paragraph,
    Picture,
    TextFrame,
    iter_elements,
)
from infodeck.scene.language import language_of
from infodeck.scene.text import is_rtl, paragraph_align, text_width

EMU_PER_PT = 12700
APPLICATION = "Infodeck"
DEFAULT_SIZE = 12.0  # points; the size text.line_height assumes for a paragraph without runs
CORE_PROP_LIMIT = 255  # python-pptx refuses longer core property strings

# Characters XML 1.0 cannot hold. python-pptx would write C0 controls as "_x000B_"
# literally into the slide text, and lxml refuses surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_SHAPES = {
    "rect": MSO_SHAPE.RECTANGLE,
    "roundrect": MSO_SHAPE.ROUNDED_RECTANGLE,
    "ellipse": MSO_SHAPE.OVAL,
}
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
# Fonts named for text Calibri has no glyphs for, by PowerPoint's font slot: ones that
# Windows and macOS teachers have (PowerPoint substitutes the nearest where missing).
# LibreOffice falls back to any installed font that has the characters.
COMPLEX_FONT = "Arial"  # Arabic and Hebrew on Windows and macOS
SYMBOL_FONT = "Segoe UI Emoji"
EAST_ASIAN_FONTS = {  # by language; Chinese (Simplified) unless the text says otherwise
    "ja": "Yu Gothic",
    "ko": "Malgun Gothic",
    "zh-tw": "Microsoft JhengHei",
    "zh-hk": "Microsoft JhengHei",
    "zh-hant": "Microsoft JhengHei",
    "zh": "Microsoft YaHei",
}

# Scene sites (0 top, 1 left, 2 bottom, 3 right) → the preset's connection-site index.
# Rectangles number their four sites that way; an ellipse has eight, counter-clockwise
# from the top, so the scene's four are every second one.
_SITE_STEP = {"rect": 1, "roundrect": 1, "none": 1, "ellipse": 2}


def clean(text: str) -> str:
    """``text`` without characters XML 1.0 cannot hold; CR and CRLF become LF."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_PT))


def _size(points: float) -> Emu:
    """A width or height: never negative, which the schema forbids."""
    return _emu(max(0.0, points))


def _rgb(color: str) -> Any:
    """``#RRGGBB`` → python-pptx's ``RGBColor`` (untyped, hence ``Any``)."""
    return RGBColor.from_string(color.lstrip("#").upper())  # type: ignore[no-untyped-call]


@dataclass
class _PageState:
    """What one slide collects while its shapes are added, for the passes after."""

    lang: str
    # scene id → (pptx shape id, geometry) of everything a connector may glue to
    targets: dict[str, tuple[int, Geometry]] = field(default_factory=dict)
    connectors: list[tuple[Any, Connector]] = field(default_factory=list)
    reveals: list[tuple[int, int]] = field(default_factory=list)  # (click, shape id)
    # role ("title", "subtitle", "body") → the slide's placeholder not yet filled
    placeholders: dict[str, Any] = field(default_factory=dict)
    templated: bool = False  # on a school's template: placeholders keep its geometry

    def site(self, ref: tuple[str, int] | None) -> tuple[int, int] | None:
        """The (shape id, site index) a connector end refers to, if that box exists here."""
        if ref is None or ref[0] not in self.targets or not 0 <= ref[1] <= 3:
            return None
        shape_id, geometry = self.targets[ref[0]]
        return shape_id, ref[1] * _SITE_STEP[geometry]


# -------------------------------------------------------------------- text


def _style_font(font: Any, spec: Font, color: str) -> None:
    """Every font attribute explicitly, so nothing falls back to theme or master styles."""
    font.name = spec.family
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    font.color.rgb = _rgb(color)


def _east_asian_font(text: str, lang: str) -> str:
    """The East Asian font for ``text``: Korean or Japanese when its letters say so."""
    if any(0xAC00 <= ord(c) <= 0xD7A3 or 0x1100 <= ord(c) <= 0x11FF for c in text):
        return EAST_ASIAN_FONTS["ko"]
    if any(0x3040 <= ord(c) <= 0x30FF for c in text):  # hiragana, katakana
        return EAST_ASIAN_FONTS["ja"]
    tag = lang.lower()
    for key in (tag, tag.split("-")[0]):
        if key in EAST_ASIAN_FONTS:
            return EAST_ASIAN_FONTS[key]
    return EAST_ASIAN_FONTS["zh"]


def _script_fonts(text: str, spec: Font, lang: str) -> dict[str, str]:
    """The fonts a run needs besides its Latin one (none for text the deck font draws)."""
    out: dict[str, str] = {}
    kinds = fonts.script_kinds(text, spec.file)
    if "ea" in kinds:
        out["ea"] = _east_asian_font(text, lang)
    if "cs" in kinds:
        out["cs"] = COMPLEX_FONT
    if "sym" in kinds:
        out["sym"] = SYMBOL_FONT
    return out


def _fill_paragraph(p: Any, par: Paragraph, lang: str) -> None:
    """One scene paragraph as a PowerPoint paragraph with the composer's exact spacing."""
    size = max((r.font.size for r in par.runs), default=DEFAULT_SIZE)
    p.alignment = _ALIGN[paragraph_align(par)]
    if is_rtl(par):
        _oxml.set_rtl(p)
    p.line_spacing = Pt(size * par.line_spacing)
    p.space_before = Pt(max(0.0, par.space_before))
    p.space_after = Pt(0)
    if par.bullet:
        _oxml.set_bullet(
            p,
            char=clean(par.bullet)[:1] or "•",
            font=par.runs[0].font.family if par.runs else None,
            color=par.bullet_color,
            indent_emu=_size(par.indent),
        )
    else:
        _oxml.set_no_bullet(p, margin_emu=_size(par.indent))
    end_lang = lang
    for i, run in enumerate(par.runs):
        previous = None
        # The run's language: its block's or section's, else the deck's, unless its
        # letters are in a script that language is not written in.
        run_lang = language_of(run.text, run.lang or lang)
        if i == 0:
            end_lang = run_lang
        # A newline inside a run is a line break, not a new paragraph.
        for piece in clean(run.text).split("\n"):
            if previous is not None:
                _oxml.add_line_break(p, previous)
            r = p.add_run()
            r.text = piece
            _style_font(r.font, run.font, run.color)
            _oxml.set_run_props(
                r, lang=run_lang, superscript=run.superscript, subscript=run.subscript
            )
            scripts = _script_fonts(piece, run.font, run_lang)
            if scripts:
                _oxml.set_script_fonts(r, scripts)
            previous = r
    _oxml.set_end_para_props(p, size=size, lang=end_lang)


def _fill_text(
    tf: Any, frame: TextFrame, lang: str, geometry_inset: tuple[float, float] = (0.0, 0.0)
) -> None:
    """Write a text frame: box settings, then every paragraph (at least one, as required).

    The insets written are what is left of the scene's after the geometry's own text
    rectangle (``geometry_inset``), so the office suite's text area is the one the
    composer measured.
    """
    gx, gy = geometry_inset
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    tf.margin_left = _size(frame.inset_l - gx)
    tf.margin_top = _size(frame.inset_t - gy)
    tf.margin_right = _size(frame.inset_r - gx)
    tf.margin_bottom = _size(frame.inset_b - gy)
    tf.vertical_anchor = _ANCHOR[frame.valign]
    tf.clear()  # leaves one empty paragraph
    pars = frame.paragraphs or (Paragraph(()),)
    for i, par in enumerate(pars):
        _fill_paragraph(tf.paragraphs[0] if i == 0 else tf.add_paragraph(), par, lang)


# ------------------------------------------------------------------ shapes


def _add_box(shapes: Any, box: Box, state: _PageState) -> None:
    x, y, w, h = _emu(box.x), _emu(box.y), _size(box.w), _size(box.h)
    placeholder = state.placeholders.pop(box.role, None) if box.role else None
    if placeholder is not None:
        # The slide's own title (subtitle, body): its layout's placeholder, placed and
        # formatted exactly like the box, now in its turn in the reading order.
        shape = placeholder
        if not (state.templated and _at_layout_place(shape, box)):
            shape.left, shape.top, shape.width, shape.height = x, y, w, h
        _oxml.move_to_end(shape)
    elif box.geometry == "none":
        shape = shapes.add_textbox(x, y, w, h)
    else:
        shape = shapes.add_shape(_SHAPES[box.geometry], x, y, w, h)
        _oxml.remove_style(shape)  # no theme line, fill, shadow or white text
        if box.geometry == "roundrect":
            # roundRect's adjustment is the radius as a fraction of the shorter side.
            shape.adjustments[0] = min(0.5, max(0.0, box.corner))
    if box.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(box.fill)
    else:
        shape.fill.background()
    if box.line and box.line_width > 0:
        shape.line.color.rgb = _rgb(box.line)
        shape.line.width = Pt(box.line_width)
    else:
        shape.line.fill.background()
    if box.text is not None:
        _fill_text(shape.text_frame, box.text, state.lang, box.text_rect_inset())
        if placeholder is not None and state.templated and box.role in ("title", "subtitle"):
            templated.inherit_text_colour(shape)
    if box.name:
        shape.name = clean(box.name)
    _oxml.set_alt_text(shape, clean(box.alt))
    state.targets[box.id] = (shape.shape_id, box.geometry)
    if box.reveal > 0:
        state.reveals.append((box.reveal, shape.shape_id))


def _at_layout_place(shape: Any, box: Box) -> bool:
    """Whether a placeholder already stands where the box is (its layout's own place).

    Then it keeps no position of its own, so PowerPoint's "Reset slide" and a new
    design move it with the layout. A box may end above the placeholder's foot (text
    is top-anchored there), never outside it.
    """
    near = 0.75 * EMU_PER_PT
    return bool(
        abs(shape.left - _emu(box.x)) <= near
        and abs(shape.top - _emu(box.y)) <= near
        and abs(shape.width - _size(box.w)) <= near
        and _size(box.h) <= shape.height + near
    )


def _add_connector(shapes: Any, c: Connector, state: _PageState) -> None:
    shape = shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, _emu(c.x1), _emu(c.y1), _emu(c.x2), _emu(c.y2)
    )
    _oxml.remove_style(shape)
    if c.width > 0:
        shape.line.color.rgb = _rgb(c.color)
        shape.line.width = Pt(c.width)
    else:
        shape.line.fill.background()
    # The scene's head is at (x2, y2), the connector's end, which DrawingML calls tail.
    _oxml.set_arrowheads(shape, at_start=c.tail == "arrow", at_end=c.head == "arrow")
    if c.name:
        shape.name = clean(c.name)
    state.connectors.append((shape, c))
    if c.reveal > 0:
        state.reveals.append((c.reveal, shape.shape_id))


_CHART_TYPES = {
    ("bar", False): XL_CHART_TYPE.BAR_CLUSTERED,
    ("bar", True): XL_CHART_TYPE.BAR_STACKED,
    ("column", False): XL_CHART_TYPE.COLUMN_CLUSTERED,
    ("column", True): XL_CHART_TYPE.COLUMN_STACKED,
    ("line", False): XL_CHART_TYPE.LINE_MARKERS,
    ("donut", False): XL_CHART_TYPE.DOUGHNUT,
}
LABEL_PAD = "\u2002"  # an en space before a value label: it never touches its bar
# A stacked chart's empty last series carries the labels; its name is blank, so its
# legend entry (no swatch: it has no fill) shows nothing. A c:legendEntry deletion
# would be neater, but LibreOffice counts its index from the other end for bar charts.
LABELS_SERIES = "\u200b"


def _add_chart(shapes: Any, chart: Chart, lang: str) -> None:
    """A native chart with its data: bars, columns (stacked for ranges), a line or a donut.

    A stacked chart gets an empty last series whose labels sit at the stack's end
    (stacked bars allow no "outside end"), so no label covers a range's light part;
    its legend entry is blank and its zeros live in the chart, not the data sheet. A
    donut's legend names its parts; each part shows its value.
    """
    stacked = len(chart.series) > 1 and chart.style in ("bar", "column")
    data = CategoryChartData(number_format=chart.number_format)  # type: ignore[no-untyped-call]
    # Plain names: they are what "Edit data" shows, so a teacher can change the numbers.
    data.categories = [clean(c) for c in chart.categories]
    for s in chart.series:
        data.add_series(clean(s.name) or "Series", s.values)  # type: ignore[no-untyped-call]
    frame = shapes.add_chart(_CHART_TYPES[(chart.style, stacked)], _emu(chart.x), _emu(chart.y),
                             _size(chart.w), _size(chart.h), data)
    ch = frame.chart
    if stacked:  # in the chart only: no empty column in the data sheet
        _oxml.add_literal_series(ch, LABELS_SERIES, [0.0] * len(chart.categories))
    ch.has_title = False
    _style_font(ch.font, chart.font, chart.text_color)
    scripts = _script_fonts("".join((*chart.categories, *chart.labels)), chart.font, lang)
    if scripts:
        _oxml.set_script_fonts(ch.font, scripts)
    _oxml.clear_chart_background(ch)
    if chart.style == "donut":
        _donut_chart(ch, chart)
        _finish_chart(frame, chart)
        return
    _oxml.positive_axis_ids(ch)
    # A legend only where the colours need words: a range's lighter part.
    ch.has_legend = chart.legend and len(chart.series) > 1
    if ch.has_legend:
        ch.legend.position = XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
        _style_font(ch.legend.font, chart.font, chart.text_color)
    plot = ch.plots[0]
    plot.vary_by_categories = False
    if chart.style != "line":
        plot.gap_width = 60
        if stacked:
            plot.overlap = 100
    for series, spec in zip(plot.series, chart.series, strict=False):
        if chart.style == "line":
            series.smooth = False
            series.format.line.color.rgb = _rgb(spec.color)
            series.format.line.width = Pt(2.25)
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 6
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(spec.color)
            series.marker.format.line.color.rgb = _rgb(spec.color)
        else:
            series.invert_if_negative = False
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(spec.color)
            series.format.line.fill.background()
    if stacked:
        carrier = plot.series[len(chart.series)]
        carrier.format.fill.background()
        carrier.format.line.fill.background()

    cat = ch.category_axis
    cat.reverse_order = chart.style == "bar"  # first category on top, as it is read
    cat.has_major_gridlines = False
    cat.major_tick_mark = XL_TICK_MARK.NONE
    cat.minor_tick_mark = XL_TICK_MARK.NONE
    cat.format.line.color.rgb = _rgb(chart.grid_color)
    _style_font(cat.tick_labels.font, chart.font, chart.text_color)
    if scripts:
        _oxml.set_script_fonts(cat.tick_labels.font, scripts)

    val = ch.value_axis
    # The same range and gridlines as the preview draws.
    if chart.style == "bar":
        axis = value_axis(chart)
    else:
        axis = vertical_axis(chart, chart.y, chart.y + chart.h * 0.8)
    val.minimum_scale = axis.vmin
    val.maximum_scale = axis.vmax
    val.major_unit = axis.step
    val.has_major_gridlines = True
    val.major_gridlines.format.line.color.rgb = _rgb(chart.grid_color)
    val.major_gridlines.format.line.width = Pt(0.75)
    val.major_tick_mark = XL_TICK_MARK.NONE
    val.minor_tick_mark = XL_TICK_MARK.NONE
    val.format.line.fill.background()
    val.tick_labels.number_format = chart.number_format
    val.tick_labels.number_format_is_linked = False
    _style_font(val.tick_labels.font, chart.font, chart.text_color)
    if chart.style == "bar":
        _oxml.value_axis_at_last_category(ch)

    if chart.labels and plot.series:
        carrier = plot.series[len(plot.series) - 1]
        if stacked:
            position = XL_LABEL_POSITION.INSIDE_BASE
        elif chart.style == "line":
            position = XL_LABEL_POSITION.ABOVE
        else:
            position = XL_LABEL_POSITION.OUTSIDE_END
        pad = LABEL_PAD if chart.style == "bar" else ""
        for i, text in enumerate(_padded(chart.labels, chart)):
            if not text:
                continue
            label = carrier.points[i].data_label
            label.text_frame.text = clean(pad + text)
            # LibreOffice wraps a label to its bar's thickness: a thin bar's "up to 36%"
            # became a column of words over the axis. A value never needs to wrap.
            label.text_frame.word_wrap = False
            for run in label.text_frame.paragraphs[0].runs:
                _style_font(run.font, chart.font, chart.text_color)
                if scripts:
                    _oxml.set_script_fonts(run.font, scripts)
            label.position = position
    _finish_chart(frame, chart)


def _padded(labels: tuple[str, ...], chart: Chart) -> list[str]:
    """One label per category ("" where none was given)."""
    n = len(chart.categories)
    return [*labels[:n], *[""] * (n - len(labels[:n]))]


def _donut_chart(ch: Any, chart: Chart) -> None:
    """A donut's parts in the theme's colours, a white edge between them, legend at the right."""
    ch.has_legend = True
    ch.legend.position = XL_LEGEND_POSITION.RIGHT
    ch.legend.include_in_layout = False
    _style_font(ch.legend.font, chart.font, chart.text_color)
    plot = ch.plots[0]
    plot.vary_by_categories = True
    series = plot.series[0]
    values = [max(0.0, v) for v in chart.series[0].values] if chart.series else []
    total = sum(values) or 1.0
    for i, point in enumerate(series.points):
        color = chart.colors[i] if i < len(chart.colors) else chart.series[0].color
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(color)
        point.format.line.color.rgb = _rgb("#FFFFFF")
        point.format.line.width = Pt(1)
        share = values[i] / total if i < len(values) else 0.0
        _donut_label(point.data_label, chart, i, color, share)
    _oxml.set_doughnut_hole(ch, 55)


def _donut_label(label: Any, chart: Chart, i: int, fill: str, share: float) -> None:
    """A part's value on its ring, from the data: edited numbers redraw their labels.

    The label's number format writes what the preview's legend writes ("68.7%"); a label
    no format can write (words around no number) is kept as its text. It is drawn in
    whichever of the text colour and white stands out more from the part's colour; a
    part too thin to hold it (``share`` of the ring) gets it on a patch of page colour.
    """
    text = _padded(chart.labels, chart)[i]
    values = chart.series[0].values if chart.series else ()
    if not text or i >= len(values):
        return
    fs = chart.font.size
    # The ring as PowerPoint lays it out beside a right legend, near enough to judge by.
    r = min(chart.w * 0.65, chart.h) / 2 * 0.95
    ink = max((chart.text_color, "#FFFFFF"), key=lambda c: contrast_ratio(c, fill))
    box = None
    if 2 * math.pi * r * (1 - 0.45 / 2) * share < text_width(text, chart.font) + fs * 0.5:
        # Too thin to hold it: the label stays put (no renderer agrees on where a moved
        # doughnut label goes) on a patch of page colour, in the text colour.
        ink = chart.text_color
        box = max(("#FFFFFF", "#000000"), key=lambda c: contrast_ratio(c, ink))
    code = label_format(text, values[i], chart.marks)
    if code is None:
        label.text_frame.text = clean(text)
        label.text_frame.word_wrap = False
        runs = label.text_frame.paragraphs[0].runs
        fonts_ = [run.font for run in runs]
    else:
        label.show_value = True
        _oxml.set_data_label_number_format(label, code)
        fonts_ = [label.font]
    for font in fonts_:
        _style_font(font, chart.font, ink)
    if code is not None:
        # A small ring (a template's short room) made LibreOffice wrap "68.7%" after
        # its number; a value never needs to wrap.
        _oxml.set_data_label_no_wrap(label)
    if box:
        _oxml.set_data_label_fill(label, box)


def label_format(text: str, value: float, marks: tuple[str, str]) -> str | None:
    """An Excel number format that writes ``value`` as ``text`` does, or None.

    ``text`` holds the value once, in the language's ``marks`` (decimal, thousands),
    with words or a unit around it ("up to 36 %"); the format's marks are the viewer's.
    """
    dec, group = marks
    found = re.search(rf"\d(?:[\d{re.escape(group)}]*\d)?(?:{re.escape(dec)}\d+)?", text)
    if found is None or value < 0 or '"' in text:
        return None
    whole, _, frac = found.group().partition(dec)
    if abs(float(f"{whole.replace(group, '')}.{frac or 0}") - value) > 1e-9 * max(1.0, value):
        return None  # not this value (a range, a rounded figure): keep the words as they are
    code = ("#,##0" if group and group in whole else "0") + ("." + "0" * len(frac) if frac else "")
    before, after = text[: found.start()], text[found.end() :]
    if any(ch.isdigit() for ch in before + after):
        return None  # more than one number ("80–95%"): no format writes it

    def quoted(s: str) -> str:
        return f'"{s}"' if s else ""

    return quoted(before) + code + quoted(after)


def _finish_chart(frame: Any, chart: Chart) -> None:
    if chart.name:
        frame.name = clean(chart.name)
    _oxml.set_alt_text(frame, clean(chart.alt))


def _add_picture(shapes: Any, pic: Picture, state: _PageState) -> None:
    """The picture as large as fits its box, keeping its aspect ratio, centred."""
    from io import BytesIO

    pw, ph = pic.picture.width, pic.picture.height
    scale = min(pic.w / max(1, pw), pic.h / max(1, ph))
    w, h = pw * scale, ph * scale
    shape = shapes.add_picture(  # the bytes read at load, never the file again
        BytesIO(pic.picture.data),
        _emu(pic.x + (pic.w - w) / 2),
        _emu(pic.y + (pic.h - h) / 2),
        _size(w),
        _size(h),
    )
    if pic.name:
        shape.name = clean(pic.name)
    _oxml.set_alt_text(shape, clean(pic.alt))
    state.targets[pic.id] = (shape.shape_id, "rect")


def _add_icon(shapes: Any, ic: Icon, state: _PageState) -> None:
    """The icon as native freeform(s), in the theme's colour, named and described.

    A freeform has one outline width, so an icon whose strokes differ in width (or
    in caps and joins) becomes a group of freeforms, one per stroke style; the
    filled parts ride in the first.
    """
    scale, left, top = ic.placement()
    vi = ic.icon
    w, h = vi.width * scale, vi.height * scale
    styles: list[tuple[float, str, str]] = []
    for vp in vi.paths:
        key = (vp.width, vp.cap, vp.join)
        if vp.paint == "stroke" and key not in styles:
            styles.append(key)
    parts: list[tuple[tuple[float, str, str] | None, list[Any]]] = [
        (st, [vp for vp in vi.paths if vp.paint == "stroke" and (vp.width, vp.cap, vp.join) == st])
        for st in styles
    ] or [(None, [])]
    parts[0][1][:0] = [vp for vp in vi.paths if vp.paint == "fill"]
    target = shapes.add_group_shape() if len(parts) > 1 else None
    holder = target.shapes if target is not None else shapes
    for style, paths in parts:
        shape = holder.add_shape(MSO_SHAPE.RECTANGLE, _emu(left), _emu(top), _size(w), _size(h))
        _oxml.remove_style(shape)
        _oxml.set_custom_geometry(
            shape, vi.width, vi.height, [(vp.ops, vp.paint == "fill") for vp in paths]
        )
        if any(vp.paint == "fill" for vp in paths):
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(ic.color)
        else:
            shape.fill.background()
        if style is not None:
            shape.line.color.rgb = _rgb(ic.color)
            shape.line.width = _emu(style[0] * scale)
            _oxml.set_line_ends(shape, cap=style[1], join=style[2])
        else:
            shape.line.fill.background()
        shape.name = clean(ic.name or "Icon")
        _oxml.set_alt_text(shape, clean(ic.alt))
    top_shape = target if target is not None else shape
    if target is not None:
        _oxml.fit_group(target)
        target.name = clean(ic.name or "Icon")
        _oxml.set_alt_text(target, clean(ic.alt))
    if ic.reveal > 0:
        state.reveals.append((ic.reveal, top_shape.shape_id))


def _reveals(group: Group) -> bool:
    return any(getattr(el, "reveal", 0) > 0 for el in iter_elements(group.children))


def _add_group(shapes: Any, group: Group, state: _PageState) -> None:
    if not iter_elements(group.children):
        return  # nothing drawable: an empty group would only confuse editing
    if _reveals(group):
        # PowerPoint cannot show or edit an animation on a group's member and Google
        # Slides drops it: a diagram revealed step by step is written as top-level
        # shapes (in the same order; each step's shapes appear together), which also
        # keeps every glued connector beside its boxes. The slide's notes describe it.
        # What is there from the start (hubs, a centre) comes first, in reading order
        # and beneath what the clicks bring.
        def moves(el: Element) -> bool:
            return _reveals(el) if isinstance(el, Group) else getattr(el, "reveal", 0) > 0

        for child in sorted(group.children, key=moves):
            _add(shapes, child, state)
        return
    shape = shapes.add_group_shape()
    with _oxml.filling(shape) as children:
        for child in group.children:
            _add(children, child, state)
    if group.name:
        shape.name = clean(group.name)
    _oxml.set_alt_text(shape, clean(group.alt))


def _add(shapes: Any, el: Element, state: _PageState) -> None:
    if isinstance(el, Box):
        _add_box(shapes, el, state)
    elif isinstance(el, Connector):
        _add_connector(shapes, el, state)
    elif isinstance(el, Chart):
        _add_chart(shapes, el, state.lang)
    elif isinstance(el, Picture):
        _add_picture(shapes, el, state)
    elif isinstance(el, Icon):
        _add_icon(shapes, el, state)
    else:
        _add_group(shapes, el, state)


# ------------------------------------------------------------------ slides


def _roles(page: Page) -> frozenset[str]:
    return frozenset(el.role for el in page.elements if isinstance(el, Box) and el.role)


def _write_slide(
    prs: Any, page: Page, lang: str, template: DeckTemplate | None = None
) -> None:
    layout = templated.layout_of(prs, template, _roles(page)) if template else None
    slide = prs.slides.add_slide(layout or _layout_for(prs, _roles(page)))
    if page.background and template is None:  # a template's slides keep its background
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _rgb(page.background)
    state = _PageState(lang, templated=template is not None)
    for ph in slide.placeholders:
        role = _PLACEHOLDER_ROLES.get(ph.placeholder_format.type)
        if role and role not in state.placeholders:
            state.placeholders[role] = ph
        else:
            _oxml.remove_shape(ph)
    for el in page.elements:  # z-order (and reading order) as given
        _add(slide.shapes, el, state)
    for ph in state.placeholders.values():  # a layout's placeholder the page has no box for
        _oxml.remove_shape(ph)
    # Glue once every shape of the slide exists: a connector may precede its boxes.
    for shape, c in state.connectors:
        begin, end = state.site(c.start), state.site(c.end)
        if begin is not None or end is not None:
            _oxml.glue_connector(shape, begin=begin, end=end)
    _oxml.add_click_reveals(slide, state.reveals)
    notes = clean(page.notes).strip()
    if notes:
        slide.notes_slide.notes_text_frame.text = notes


# The placeholders a slide's boxes can be, by the box's role. A layout is chosen by the
# roles its placeholders offer, never by its name, so a school's own template works.
_PLACEHOLDER_ROLES = {
    PP_PLACEHOLDER.TITLE: "title",
    PP_PLACEHOLDER.CENTER_TITLE: "title",
    PP_PLACEHOLDER.SUBTITLE: "subtitle",
    PP_PLACEHOLDER.BODY: "body",
    PP_PLACEHOLDER.OBJECT: "body",
}
# The layouts the deck keeps from python-pptx's template, named as PowerPoint names them.
LAYOUTS = ("Title Slide", "Title and Content", "Title Only", "Blank")
MASTER_NAME = "Infodeck"


def _layout_roles(layout: Any) -> frozenset[str]:
    return frozenset(
        r for ph in layout.placeholders if (r := _PLACEHOLDER_ROLES.get(ph.placeholder_format.type))
    )


def _layout_for(prs: Any, roles: frozenset[str]) -> Any:
    """The layout whose placeholders are exactly the page's roles (else the closest)."""
    layouts = list(prs.slide_layouts)
    exact = [lay for lay in layouts if _layout_roles(lay) == roles]
    if exact:
        return exact[0]
    # Fewest placeholders to remove, then most roles served.
    return min(
        layouts, key=lambda lay: (len(_layout_roles(lay) - roles), -len(_layout_roles(lay) & roles))
    )


def _first_box(doc: Document, role: str, *, with_subtitle: bool) -> Box | None:
    for page in doc.pages:
        if ("subtitle" in _roles(page)) != with_subtitle:
            continue
        for el in page.elements:
            if isinstance(el, Box) and el.role == role:
                return el
    return None


def _first_run_style(box: Box | None) -> tuple[Font, str] | None:
    if box is None or box.text is None:
        return None
    for par in box.text.paragraphs:
        for run in par.runs:
            return run.font, run.color
    return None


def _prepare_master(prs: Any, doc: Document) -> None:
    """The deck's own master and layouts: Title Slide, Title and Content, Title Only, Blank.

    Placeholders stand where the deck's titles, subtitles and bodies stand, in its
    fonts and colours, on its background, so a slide a teacher adds in PowerPoint
    (or a layout they switch to) matches the deck.
    """
    for layout in list(prs.slide_layouts):
        if layout.name not in LAYOUTS:
            prs.slide_layouts.remove(layout)
    master = prs.slide_master
    _oxml.set_master_name(master, MASTER_NAME)
    if not doc.pages:
        return
    width, height = doc.pages[0].width, doc.pages[0].height
    sx, sy = _emu(width) / 9144000, _emu(height) / 6858000  # the template is 10 × 7.5 in
    layout_placeholders = [ph for lay in prs.slide_layouts for ph in lay.placeholders]
    for shape in [*master.placeholders, *layout_placeholders]:
        if _oxml.has_xfrm(shape):
            _oxml.set_xfrm(shape, round(shape.left * sx), round(shape.top * sy),
                           round(shape.width * sx), round(shape.height * sy))
    backgrounds = [p.background for p in doc.pages if p.background]
    if backgrounds:
        _oxml.set_master_background(master, max(set(backgrounds), key=backgrounds.count))

    title = _first_box(doc, "title", with_subtitle=False)
    body = _first_box(doc, "body", with_subtitle=False)
    if title is not None:
        top = title.y + title.h + 16
        bottom = height - title.y
        areas = {
            "title": (title.x, title.y, title.w, title.h),
            "body": (title.x, top, title.w, max(1.0, bottom - top)),
        }
        for holder in [master, *prs.slide_layouts]:
            if "subtitle" in _layout_roles(holder):  # a title slide's layout: below
                continue
            for ph in holder.placeholders:
                role = _PLACEHOLDER_ROLES.get(ph.placeholder_format.type)
                if role in areas:
                    x, y, w, h = areas[role]
                    _oxml.set_xfrm(ph, _emu(x), _emu(y), _size(w), _size(h))
    opening = [
        found
        for r in ("title", "subtitle")
        if (found := _first_box(doc, r, with_subtitle=True)) is not None
    ]
    for layout in prs.slide_layouts:
        if "subtitle" not in _layout_roles(layout):
            continue
        for ph in layout.placeholders:
            role = _PLACEHOLDER_ROLES.get(ph.placeholder_format.type)
            for box in opening:
                if box.role == role:
                    _oxml.set_xfrm(ph, _emu(box.x), _emu(box.y), _size(box.w), _size(box.h))
    for which, styled in (("title", title), ("body", body)):
        style = _first_run_style(styled)
        if style is not None:
            font, color = style
            _oxml.set_master_text_style(
                master, which, family=font.family, size=font.size, color=color, bold=font.bold
            )


def _set_properties(prs: Any, doc: Document) -> None:
    cp = prs.core_properties
    cp.title = clean(doc.title)[:CORE_PROP_LIMIT]
    cp.subject = clean(doc.subject)[:CORE_PROP_LIMIT]
    cp.author = clean(doc.author)[:CORE_PROP_LIMIT]
    cp.language = clean(doc.language)[:CORE_PROP_LIMIT]
    cp.last_modified_by = APPLICATION
    # The template's own values would otherwise leak into every deck.
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    cp.created = now
    cp.modified = now


def _drop_thumbnail(prs: Any) -> None:
    """Drop the template's blank 4:3 thumbnail: file browsers would show it as the preview."""
    package = prs.part.package
    for rel in [r for r in package.iter_rels() if r.reltype == RT.THUMBNAIL]:
        package.drop_rel(rel.rId)


def _words_and_paragraphs(doc: Document) -> tuple[int, int]:
    """How many words and paragraphs the deck's text holds (``docProps/app.xml``)."""
    words = paragraphs = 0
    for page in doc.pages:
        for el in iter_elements(page.elements):
            if isinstance(el, Box) and el.text is not None:
                for par in el.text.paragraphs:
                    paragraphs += 1
                    words += len("".join(r.text for r in par.runs).split())
    return words, paragraphs


def _finish_package(prs: Any, doc: Document) -> None:
    """Put right what python-pptx leaves wrong in the package.

    The slide size type, the notes master list and a stale ``docProps/app.xml``
    (checked by ``../shared/ooxml/validate_pptx.py``).
    """
    _oxml.set_slide_size_type(prs)
    notes_rels = [r for r in prs.part.rels.values() if r.reltype == RT.NOTES_MASTER]
    if notes_rels:
        _oxml.list_notes_master(prs, notes_rels[0].rId)
    package = prs.part.package
    for rel in [r for r in package.iter_rels() if r.reltype == RT.EXTENDED_PROPERTIES]:
        package.drop_rel(rel.rId)
    words, paragraphs = _words_and_paragraphs(doc)
    notes = sum(1 for s in prs.slides if s.has_notes_slide)
    blob = _oxml.app_properties_xml(
        slides=len(prs.slides),
        notes=notes,
        words=words,
        paragraphs=paragraphs,
        titles=[clean(p.title) for p in doc.pages],
        theme=clean(prs.slide_master.name or "Infodeck"),
    )
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, package, blob)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def write_pptx(
    doc: Document,
    path: Path,
    *,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    template: DeckTemplate | None = None,
) -> None:
    """Write ``doc`` as a PowerPoint deck to ``path``, one slide per page.

    ``progress(i, n)`` is called after each slide with the number of slides done;
    ``cancel()`` is asked before each slide and before saving, and when it says
    True, ``Cancelled`` is raised and nothing is written. The caller makes the
    write atomic (temporary file, then rename). On a school's ``template`` the deck
    keeps its masters, layouts, theme and slide size (``doc`` is composed for them).
    """
    prs = templated.open_template(template) if template is not None else Presentation()
    _drop_thumbnail(prs)
    if template is None:
        if doc.pages:
            prs.slide_width = _size(doc.pages[0].width)
            prs.slide_height = _size(doc.pages[0].height)
        _prepare_master(prs, doc)
    _set_properties(prs, doc)
    lang = clean(doc.language)
    n = len(doc.pages)
    for i, page in enumerate(doc.pages):
        if cancel is not None and cancel():
            raise Cancelled()
        _write_slide(prs, page, lang, template)
        if progress is not None:
            progress(i + 1, n)
    if cancel is not None and cancel():
        raise Cancelled()
    _finish_package(prs, doc)
    prs.save(str(path))
