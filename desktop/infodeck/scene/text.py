"""Text measuring and line breaking with the real metrics of the bundled fonts.

Widths come from FreeType (through Pillow) at a large reference size and scale
linearly, so measuring is exact to the font's advance widths and independent of
any screen. Text the deck font cannot draw alone (Arabic, Hebrew, CJK, emoji…)
is measured as matplotlib draws it: shaped, in visual order, each character in
the first font of the fallback chain that has it (see scene/fonts.py); plain
text never takes that path. Plain text is measured shaped (kerning, ligatures), as
office suites set it. Lines are broken greedily at spaces and after dashes (never
before closing punctuation), the way PowerPoint and LibreOffice break them; a word
alone wider than the line is hyphenated (scene/hyphenate.py). We break at 99.8 % of
the width so that an office suite, whose rounding may differ by a hair, never needs
more lines than we laid out.
A paragraph whose first letter is Arabic or Hebrew is laid out from the right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any, TypeVar

from PIL import ImageFont, features

from infodeck.scene import fonts
from infodeck.scene.elements import Align, Font, Line, Paragraph, Run, Segment, TextFrame
from infodeck.scene.hyphenate import SOFT_HYPHEN, hyphenate

_REF_SIZE = 1000
# Sub- and superscripts are set smaller, as office suites set them (LibreOffice reads a
# DrawingML baseline offset as 58 % of the size; we measure a little wider, never narrower).
SCRIPT_SCALE = 0.6
SUPERSCRIPT_RISE = 0.33  # of the run's font size
SUBSCRIPT_DROP = 0.25  # of the run's font size, as the deck's baseline="-25000"
_SAFETY = 0.998
# Baseline position inside a line box, as a fraction of the line height; fits the
# Calibri/Carlito win metrics (ascent 1950, descent 550 of 2048 units).
BASELINE_RATIO = 0.78

# Words, with a break allowed after a hyphen ("ultra-|processed"), and runs of space.
# The no-break spaces (U+00A0, U+202F) belong to words, as in office suites: the
# composer glues citation markers with them ("[8,\u00a09]" never splits).
_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\u1680\u2000-\u200a\u2028\u2029\u205f\u3000"
# A soft hyphen (U+00AD) is a break too: drawn as a hyphen where a line ends there.
# A line may also break after a dash ("1241–|1247"), as office suites allow (UAX #14 BA, B2).
_AFTER = "\\-\xad\u2010\u2013\u2014"
_TOKEN = re.compile(
    rf"[^{_SPACE}{_AFTER}]*[{_AFTER}]+(?=[^{_SPACE}{_AFTER}])|[^{_SPACE}]+|[{_SPACE}]+"
)
_WORD = re.compile(rf"[^{_SPACE}]+")
# Characters no line may start with, even after a space (UAX #14 classes CL, CP, EX, IS,
# SY): French "lumineuse ;" or "vraiment ?" keep their mark with the word before.
_NO_BREAK_BEFORE = frozenset(")]}!?,.:;/\u203a\u00bb")


@lru_cache(maxsize=32)
def _face(path: str) -> ImageFont.FreeTypeFont:
    """The font at the reference size, shaped as office suites shape it.

    With libraqm (HarfBuzz; in Pillow's wheels) widths include the font's kerning and
    ligatures, as LibreOffice lays text out and as PowerPoint kerns text from 12 pt:
    unkerned widths ran up to 1 % wider, so lines broke a word earlier than in the
    office suite.
    """
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, _REF_SIZE, layout_engine=engine)


@lru_cache(maxsize=65536)
def _unit_width(text: str, path: str) -> float:
    text = fonts.as_drawn(text)
    if fonts.covers(path, text):
        return float(_face(path).getlength(text)) / _REF_SIZE
    return _shaped_width(text, path)


# (font file, glyph index) → advance at the reference size, in points.
_advances: dict[tuple[Any, Any], float] = {}


def _shaped_width(text: str, path: str) -> float:
    """Advance width of ``text`` in ems, laid out as matplotlib draws it with the chain.

    Uses matplotlib's own layout (FT2Font's private ``_layout``, as its text drawing
    does since 3.11), so a drawn string ends where the measured one does. Without
    it, each character is measured unshaped in the font that has it.
    """
    from matplotlib import ft2font
    from matplotlib.font_manager import get_font

    font = get_font(fonts.chain(path))
    if not hasattr(font, "_layout"):
        return sum(
            float(_face(fonts.font_for(ch, path) or path).getlength(ch)) / _REF_SIZE
            for ch in text
        )
    font.clear()
    font.set_size(_REF_SIZE, 72)
    flags = ft2font.LoadFlags.NO_HINTING
    right = 0.0
    for item in font._layout(text, flags):
        ft = item.ft_object
        key = (ft.fname, item.glyph_index)
        adv = _advances.get(key)
        if adv is None:
            ft.set_size(_REF_SIZE, 72)
            adv = ft.load_glyph(item.glyph_index, flags=flags).linearHoriAdvance / 65536
            _advances[key] = adv
        right = max(right, item.x + adv)
    return right / _REF_SIZE


def text_width(text: str, font: Font) -> float:
    """Advance width of ``text`` in points at ``font.size``."""
    return _unit_width(text, font.file) * font.size


def run_width(text: str, run: Run) -> float:
    """Advance width of ``text`` set in ``run``'s style (a sub- or superscript is smaller)."""
    font = run.font  # (the hot path of line breaking: no property calls)
    w = _unit_width(text, font.file) * font.size
    return w * SCRIPT_SCALE if run.superscript or run.subscript else w


def is_rtl(par: Paragraph) -> bool:
    """Whether the paragraph reads right to left (its first letter is Arabic or Hebrew)."""
    return fonts.is_rtl("".join(r.text for r in par.runs))


def paragraph_align(par: Paragraph) -> Align:
    """The alignment a paragraph is drawn with: a right-to-left one starts at the right."""
    if par.align == "left" and is_rtl(par):
        return "right"
    return par.align


def line_height(par: Paragraph) -> float:
    """Height of one line of the paragraph in points (exact spacing)."""
    size = max((r.font.size for r in par.runs), default=12.0)
    return size * par.line_spacing


_ZWJ = "\u200d"


def _extends(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it (a mark, a modifier, a tag)."""
    import unicodedata

    o = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")  # combining marks, variation selectors
        or 0x1F3FB <= o <= 0x1F3FF  # emoji skin tones
        or 0xE0020 <= o <= 0xE007F  # emoji tag sequences (flags of regions)
    )


def _regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"  # half of a flag


def clusters(word: str) -> list[str]:
    """``word`` cut into the characters a reader sees (grapheme clusters, simplified).

    A letter keeps its combining marks, an emoji its modifiers and what a zero-width
    joiner joins to it, a flag its two regional indicators: a line never breaks
    inside one of them.
    """
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        j = i + 1
        if _regional(word[i]) and j < n and _regional(word[j]):
            j += 1
        while j < n:
            if word[j] == _ZWJ:
                j = min(n, j + 2)
            elif _extends(word[j]):
                j += 1
            else:
                break
        out.append(word[i:j])
        i = j
    return out


def _split_long(word: str, run: Run, width: float) -> list[str]:
    """Break a word wider than the line into pieces that fit, between clusters.

    Linear in the word's length: each piece is found by a binary search over at
    most about two lines' worth of clusters (bounded by the sum of their own
    widths), never by measuring every prefix of the word, which took time and
    memory that grew with the square of the length. A piece holds at least one
    cluster, however wide.
    """
    parts = clusters(word)
    # Each cluster alone, once: a word repeats its few characters, so this is cheap.
    own = [run_width(c, run) for c in parts]
    pieces: list[str] = []
    start, n = 0, len(parts)
    while start < n:
        # Shaping and kerning change a prefix's width only a little from the sum of
        # its clusters': twice the line is a safe end for the search.
        hi, total = start + 1, own[start]
        while hi < n and total + own[hi] <= 2 * width:
            total += own[hi]
            hi += 1
        lo = start + 1  # at least one cluster per piece
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if run_width("".join(parts[start:mid]), run) <= width:
                lo = mid
            else:
                hi = mid - 1
        pieces.append("".join(parts[start:lo]))
        start = lo
    return pieces


# Laid-out text kept by value: composing measures the same paragraphs again and again
# (each size a fitting loop tries, a diagram drawn on its slide, in the infographic and
# as a file, every preview after a toggle). Results are frozen, so they are shared.
# The caches are emptied when full (cheap and thread-safe; the next calls refill them).
_CACHE_SIZE = 8192
K = TypeVar("K")
V = TypeVar("V")
_WrapKey = tuple[tuple[Run, ...], tuple[int, ...], str, float, float, float]
_wraps: dict[_WrapKey, tuple[Line, ...]] = {}
_frames: dict[tuple[TextFrame, tuple[tuple[int, ...], ...], float], TextFrame] = {}


def clear_caches() -> None:
    """Forget every kept layout (to measure composing from scratch, or free memory)."""
    _wraps.clear()
    _frames.clear()


def _kept(cache: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """``cache[key]``, made first when missing; a full cache starts over (bounded)."""
    value = cache.get(key)
    if value is None:
        value = make()
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[key] = value
    return value


def _aliasing(runs: tuple[Run, ...]) -> tuple[int, ...]:
    """Which runs are the same object: segments of one run object merge, equal ones do not."""
    if len(runs) < 2:
        return ()
    return tuple(next(j for j, r in enumerate(runs) if r is run) for run in runs)


def wrap_paragraph(par: Paragraph, width: float) -> tuple[Line, ...]:
    """Lay out ``par`` in a text area ``width`` points wide; returns its lines."""
    runs = par.runs
    key = (runs, _aliasing(runs), par.align, par.line_spacing, par.indent, width)
    return _kept(_wraps, key, lambda: _wrap_paragraph(par, width))


def _wrap_paragraph(par: Paragraph, width: float) -> tuple[Line, ...]:
    avail = max(1.0, (width - par.indent) * _SAFETY)
    lh = line_height(par)
    rtl = is_rtl(par)
    align = paragraph_align(par)
    # Tokens: (text, run, is_space); explicit newlines force a break.
    tokens: list[tuple[str, Run, bool] | None] = []
    for run in par.runs:
        for chunk_i, chunk in enumerate(run.text.split("\n")):
            if chunk_i:
                tokens.append(None)
            for m in _TOKEN.finditer(chunk):
                piece = m.group()
                tokens.append((piece, run, piece.isspace()))

    lines_tokens: list[list[tuple[str, Run]]] = [[]]
    cur_w = 0.0
    for tok in tokens:
        if tok is None:
            lines_tokens.append([])
            cur_w = 0.0
            continue
        text, run, is_space = tok
        w = run_width(text, run)
        line = lines_tokens[-1]
        if is_space:
            if line:  # spaces at a line start are dropped, as office suites do
                line.append((text, run))
                cur_w += w
            continue
        # A piece before a soft hyphen may end the line: then its hyphen must fit too.
        w_end = w + run_width("-", run) if text.endswith(SOFT_HYPHEN) else w
        if line and cur_w + w_end > avail:
            carried: list[tuple[str, Run]] = []
            # A word set in several runs ("CO" and a subscript "2", "**photo**synthesis")
            # is one word: it moves to the next line whole, as office suites move it.
            glued = not line[-1][0].isspace() and line[-1][0][-1] not in _AFTER
            closing = text[0] in _NO_BREAK_BEFORE and line[-1][0].isspace()
            if glued or closing:
                # "lumineuse ;" never breaks before the ";" (UAX #14, LB13): the word
                # before it goes to the next line too, when the line has an earlier break.
                k = len(line)
                while k and line[k - 1][0].isspace():
                    k -= 1
                while k and not line[k - 1][0].isspace() and (
                    k == len(line) or line[k - 1][0][-1] not in _AFTER
                ):
                    k -= 1
                if k == 0 and closing:  # no earlier break: the office suite overflows too
                    line.append((text, run))
                    cur_w += w
                    continue
                if k:  # (a word of runs wider than the line breaks between them)
                    carried = line[k:]
                    del line[k:]
            while line and line[-1][0].isspace():
                line.pop()
            lines_tokens.append(carried)
            line = lines_tokens[-1]
            cur_w = sum(run_width(t, r) for t, r in carried)
        if w > avail and not line:
            pieces = _split_long(text, run, avail)
            for p in pieces[:-1]:
                line.append((p, run))
                lines_tokens.append([])
                line = lines_tokens[-1]
            text = pieces[-1]
            w = run_width(text, run)
        line.append((text, run))
        cur_w += w

    out: list[Line] = []
    for i, toks in enumerate(lines_tokens):
        while toks and toks[-1][0].isspace():
            toks.pop()
        if toks and toks[-1][0].endswith(SOFT_HYPHEN):  # broken there: a visible hyphen
            toks[-1] = (toks[-1][0][:-1] + "-", toks[-1][1])
        segs: list[Segment] = []
        x = 0.0
        for text, run in toks:
            w = run_width(text, run)
            if segs and segs[-1].run is run:
                prev = segs[-1]
                merged = prev.text + text
                segs[-1] = Segment(merged, run, prev.x, run_width(merged, run))
            else:
                segs.append(Segment(text, run, x, w))
            x = segs[-1].x + segs[-1].width
        total = x
        shift = par.indent
        if rtl:  # runs right to left, the bullet's indent on the right
            segs = [replace(s, x=total - s.x - s.width) for s in segs]
            shift = 0.0
        if align == "center":
            shift += (width - par.indent - total) / 2
        elif align == "right":
            shift += width - par.indent - total
        segs = [replace(s, x=s.x + shift) for s in segs]
        baseline = i * lh + lh * BASELINE_RATIO
        out.append(Line(tuple(segs), baseline, total))
    return tuple(out)


def layout_frame(frame: TextFrame, box_w: float) -> TextFrame:
    """Return ``frame`` with every paragraph's lines laid out for a box ``box_w`` wide.

    Baselines are made absolute from the text area's top; ``content_height`` is
    the height the text needs (without insets).
    """
    key = (frame, tuple(_aliasing(p.runs) for p in frame.paragraphs), box_w)
    return _kept(_frames, key, lambda: _layout_frame(frame, box_w))


def hyphenated(par: Paragraph, width: float) -> Paragraph:
    """``par`` with soft hyphens in the words too long for a line ``width`` wide.

    The runs keep them (the deck carries them, so office suites break there too);
    words that fit, and words of scripts that break anywhere, are left alone.
    """
    avail = max(1.0, (width - par.indent) * _SAFETY)
    runs = []
    changed = False
    for run in par.runs:

        def fits(t: str, run: Run = run) -> bool:
            return run_width(t, run) <= avail

        def split(t: str, run: Run = run) -> list[str]:
            return _split_long(t, run, avail - run_width("-", run))

        def one(
            m: re.Match[str],
            run: Run = run,
            fits: Callable[[str], bool] = fits,
            split: Callable[[str], list[str]] = split,
        ) -> str:
            # Hard hyphens already break: each part between them is its own word.
            parts = re.split(r"(?<=-)", m.group())
            return "".join(hyphenate(part, run.lang, fits, split) for part in parts)

        text = _WORD.sub(one, run.text)
        changed |= text != run.text
        runs.append(replace(run, text=text) if text != run.text else run)
    return replace(par, runs=tuple(runs)) if changed else par


def _layout_frame(frame: TextFrame, box_w: float) -> TextFrame:
    width = box_w - frame.inset_l - frame.inset_r
    y = 0.0
    pars: list[Paragraph] = []
    for i, par in enumerate(frame.paragraphs):
        if i:
            y += par.space_before
        par = hyphenated(par, width)
        lines = wrap_paragraph(par, width)
        lines = tuple(replace(ln, baseline=ln.baseline + y) for ln in lines)
        pars.append(replace(par, lines=lines))
        y += len(lines) * line_height(par)
    return replace(frame, paragraphs=tuple(pars), content_height=y)


def frame_height(frame: TextFrame) -> float:
    """Outer height a laid-out frame needs, insets included."""
    return frame.content_height + frame.inset_t + frame.inset_b


def fit_text(
    build: Callable[[float], TextFrame],
    box_w: float,
    box_h: float,
    size: float,
    floor: float,
    step: float = 1.0,
) -> tuple[TextFrame, float] | None:
    """Shrink text from ``size`` down to ``floor`` until it fits the box.

    ``build(size)`` makes the unlaid frame at a given base size. Returns the laid-out
    frame and the size used, or None when it does not fit even at the floor.
    """
    sizes: list[float] = []
    s = size
    while s > floor + 1e-9:
        sizes.append(s)
        s -= step
    sizes.append(floor)  # always try the floor itself, whatever the step
    for s in sizes:
        frame = layout_frame(build(s), box_w)
        if frame_height(frame) <= box_h + 1e-6:
            return frame, s
    return None


def missing_glyphs(text: str, path: str) -> set[str]:
    """Characters of ``text`` (other than spaces and controls) no font of the chain can draw."""
    return fonts.undrawable(text, path)
