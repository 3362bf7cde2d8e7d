"""Which bundled font draws which character, and which way text runs.

A deck's font (Carlito, measured for Calibri) covers Latin, Greek and Cyrillic.
Every other character falls back, in this order, to the first bundled font that
has it: Noto Sans Arabic, Noto Sans Hebrew, Droid Sans Fallback (Chinese and
Japanese), the Hangul of Noto Sans CJK KR (Korean) and Symbola (emoji, symbols,
combining marks). Bold faces fall
back to bold Arabic and Hebrew; the CJK and emoji fonts have one weight.

The same chain is used to measure (scene/text.py) and to draw (render/mpl.py),
through matplotlib's text engine (FreeType, HarfBuzz and a bidi algorithm by way
of libraqm, all inside matplotlib's wheels), which picks the font per character,
joins Arabic letters, keeps combining marks on their letters and puts
right-to-left text in visual order.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from infodeck.resources import font_path

FALLBACKS = (
    "NotoSansArabic-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "DroidSansFallbackFull.ttf",
    "NotoSansCJKkr-Hangul.otf",
    "Symbola.ttf",
)
BOLD_FALLBACKS = (
    "NotoSansArabic-Bold.ttf",
    "NotoSansHebrew-Bold.ttf",
    "DroidSansFallbackFull.ttf",
    "NotoSansCJKkr-Hangul.otf",
    "Symbola.ttf",
)
# What kind of script each fallback draws: PowerPoint names a font per kind
# (a:ea East Asian, a:cs complex scripts, a:sym symbols) besides the Latin one.
SCRIPT_KIND = {
    "NotoSansArabic": "cs",
    "NotoSansHebrew": "cs",
    "DroidSansFallbackFull": "ea",
    "NotoSansCJKkr": "ea",
    "Symbola": "sym",
}


def as_drawn(text: str) -> str:
    """``text`` as fonts draw it: a no-break space is a space, a soft hyphen nothing.

    Unicode gives U+00A0 a space's width; Calibri maps it, Carlito does not (it would
    fall back to another font's space). Only line breaking tells the two apart, and
    that is done before drawing; the .pptx keeps the no-break space.
    """
    return text.replace("\u00a0", " ").replace("\u00ad", "")


def _ignorable(ch: str) -> bool:
    """Characters that draw nothing by design: spaces, controls, joiners, variation selectors.

    Private-use and unassigned code points are not among them: no font can be
    trusted to draw them, so they are reported.
    """
    code = ord(ch)
    return (
        ch.isspace()
        or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


@lru_cache(maxsize=32)
def chain(path: str) -> tuple[str, ...]:
    """``path`` followed by the bundled fallback fonts for its weight."""
    bold = "bold" in Path(path).stem.lower()
    names = BOLD_FALLBACKS if bold else FALLBACKS
    return (path, *(str(font_path(n)) for n in names if font_path(n) != Path(path)))


@lru_cache(maxsize=32)
def cmap(path: str) -> frozenset[int]:
    """The code points the font file has glyphs for.

    The fallback fonts are read by FreeType (matplotlib's, which shapes the text they
    draw anyway): twenty times faster than fontTools for the large CJK fonts. The
    deck font is read by fontTools, so plain text never loads matplotlib.
    """
    if Path(path).name in FALLBACKS + BOLD_FALLBACKS:
        from matplotlib import ft2font

        return frozenset(ft2font.FT2Font(path).get_charmap())
    from fontTools.ttLib import TTFont  # only needed when checking glyph coverage

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@lru_cache(maxsize=32)
def _covers_ascii(path: str) -> bool:
    return cmap(path).issuperset(range(0x20, 0x7F))


def covers(path: str, text: str) -> bool:
    """Whether the one font ``path`` has every character of ``text`` (the fast path).

    Plain ASCII text, most of what is measured, is answered without a look at each
    character (controls never reach here: the loader removes them, lines are split).
    """
    text = as_drawn(text)
    if text.isascii() and _covers_ascii(path):
        return True
    return cmap(path).issuperset(map(ord, text))


def font_for(ch: str, path: str) -> str | None:
    """The first font of ``path``'s chain that has ``ch``, or None."""
    code = ord(ch)
    for p in chain(path):
        if code in cmap(p):
            return p
    return None


def undrawable(text: str, path: str) -> set[str]:
    """Characters of ``text`` no font of ``path``'s chain can draw (spaces, controls aside)."""
    if covers(path, text):
        return set()
    return {ch for ch in set(as_drawn(text)) if not _ignorable(ch) and font_for(ch, path) is None}


def script_kinds(text: str, path: str) -> set[str]:
    """Which of PowerPoint's other font slots (``ea``, ``cs``, ``sym``) ``text`` needs.

    Decided by the fallback font that draws each character; combining marks go
    with their letter, so an accent on a Latin letter needs no symbol font.
    """
    if covers(path, text):
        return set()
    kinds: set[str] = set()
    for ch in set(as_drawn(text)):
        if _ignorable(ch) or unicodedata.combining(ch):
            continue
        found = font_for(ch, path)
        if found is not None and found != path:
            kind = SCRIPT_KIND.get(Path(found).stem.split("-")[0])
            if kind:
                kinds.add(kind)
    return kinds


def is_rtl(text: str) -> bool:
    """Whether ``text`` reads right to left: its first strong character is Arabic or Hebrew.

    That is how the Unicode bidi algorithm chooses a paragraph's direction (P2, P3).
    """
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False
