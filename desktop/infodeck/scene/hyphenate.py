"""Hyphenation of words too long for their line, by the text's language (pyphen).

A word wider than a whole line must break inside; office suites and our pictures
must break it at the same place, at a correct point. Such words get soft hyphens
(U+00AD) at the hyphenation points pyphen (LibreOffice's hyphenation patterns)
gives for the run's language; the deck keeps them, so PowerPoint and LibreOffice
break there too, and the text layout breaks there, drawing a hyphen. Where no
point is close enough (a chemical name, a made-up word, a language pyphen has no
patterns for), soft hyphens go between letters so that every piece fits. Words of
scripts that break between characters anyway (Chinese, Japanese, Korean) and words
that fit are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

SOFT_HYPHEN = "\u00ad"


@lru_cache(maxsize=32)
def _dictionary(lang: str) -> Any:
    """Pyphen's dictionary for ``lang`` ("de-CH" → de_CH, then de), or None."""
    import pyphen

    tag = lang.replace("-", "_")
    found = pyphen.language_fallback(tag) or pyphen.language_fallback(tag.split("_")[0])
    return pyphen.Pyphen(lang=found) if found else None


def _breaks_anywhere(ch: str) -> bool:
    """Characters between which lines break without a hyphen (CJK ideographs, kana, Hangul)."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FA1F
    )


def hyphenate(
    word: str, lang: str, fits: Callable[[str], bool], split: Callable[[str], list[str]]
) -> str:
    """``word`` with soft hyphens where it may break; each piece plus a hyphen fits.

    ``fits(text)`` says whether ``text`` fits a line; ``split(text)`` cuts a text
    with no dictionary point close enough into pieces that fit with a hyphen
    (between the characters a reader sees, in time linear in its length). Returns
    ``word`` unchanged when it fits whole, or when it is written in a script that
    breaks anywhere.
    """
    if fits(word) or any(_breaks_anywhere(ch) for ch in word):
        return word
    core = word.replace(SOFT_HYPHEN, "")
    dic = _dictionary(lang or "en")
    points = sorted(set(dic.positions(core))) if dic is not None else []
    # Every dictionary point (the office suite then breaks where we do, or earlier at
    # a correct point should its font run wider); a piece too long even so is cut
    # between letters.
    cuts: list[int] = []
    for start, end in zip([0, *points], [*points, len(core)], strict=True):
        piece = core[start:end]
        if not fits(piece + ("-" if end < len(core) else "")):
            at = start
            for part in split(piece)[:-1]:
                at += len(part)
                cuts.append(at)
        if end < len(core):
            cuts.append(end)
    out = []
    prev = 0
    for c in cuts:
        out.append(core[prev:c])
        prev = c
    out.append(core[prev:])
    return SOFT_HYPHEN.join(out)
