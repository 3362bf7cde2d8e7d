"""The language of a piece of text: as declared, or detected from its script.

Spell checkers, screen-reader voices and hyphenation follow a run's language tag.
Packs declare a language (the pack's, a section's, a block's); text in a script
that the declared language is not written in (Arabic, Hebrew, Chinese, Japanese,
Korean inside an English pack) is tagged with the script's language instead.
"""

from __future__ import annotations

# Languages written in each script we detect (the first is the one assumed).
_SCRIPT_LANGS = {
    "arabic": ("ar", "fa", "ur", "ps", "ku", "sd", "ug"),
    "hebrew": ("he", "yi", "iw"),
    "hangul": ("ko",),
    "kana": ("ja",),
    "han": ("zh", "ja", "ko"),
}


def _script(ch: str) -> str | None:
    o = ord(ch)
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF \
            or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "arabic"
    if 0x0590 <= o <= 0x05FF or 0xFB1D <= o <= 0xFB4F:
        return "hebrew"
    if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
        return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF \
            or 0x20000 <= o <= 0x2FA1F:
        return "han"
    return None


def primary(tag: str) -> str:
    """The language part of a tag: "pt" for "pt-BR"."""
    return tag.lower().replace("_", "-").split("-")[0]


def language_of(text: str, declared: str) -> str:
    """``declared``, unless most letters of ``text`` are in a script it is not written in.

    Japanese is recognised by its kana (Han alone is Chinese unless the declared
    language is Japanese or Korean).
    """
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            s = _script(ch)
            if s is not None:
                counts[s] = counts.get(s, 0) + 1
    if not counts:
        return declared
    if "kana" in counts:  # kanji with kana is Japanese
        counts["kana"] += counts.pop("han", 0)
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if n * 2 < letters:  # mostly another script (a Latin sentence with one Arabic word)
        return declared
    langs = _SCRIPT_LANGS[script]
    return declared if primary(declared) in langs else langs[0]
