"""Which word of a sentence becomes the gap: deterministic, and worth learning.

A statistic's gap is its number (the sentence is its label). A takeaway's gap is,
in this order: a term the teacher marked (``**term**``, Infodeck's bold markup), a
number in it ("over 500", "80–95%"; a four-digit year is context, not the point), or
the longest content word: function words ("between", "because") are never the gap,
however long. Ties go to the first such word, so the choice never changes.

The pieces keep the teacher's other markup (CO~2~, *italic*): the sheets draw it.
"""

from __future__ import annotations

import re

from infodeck.content.model import StatBlock
from infodeck.scene.markup import plain


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short lists of the function words (and the commonest adverbs: "mostly" is no key
# term) that can be longer than a content word; enough for choosing one gap, not a
# linguistic resource.
STOP: dict[str, frozenset[str]] = {
    "en": _words(
        "almost also always especially largely mainly mostly nearly never often only partly "
        "probably quite rather really simply still usually "
        "about above across after again against along although among another around because "
        "been before behind being below between both could does doing during each either "
        "enough every from have having here however into itself just many more most much must "
        "neither other others ourselves over same several should since some such than that "
        "their them themselves then there these they this those though through throughout "
        "together toward towards under until upon very what when where whether which while "
        "whom whose with within without would your yours"
    ),
    "fr": _words(
        "principalement seulement surtout vraiment presque jamais "
        "alors aussi autre autres avant avec beaucoup cela celle celles celui ceux cette "
        "comme comment dans depuis donc elle elles encore entre leur leurs lorsque mais même "
        "mêmes moins notre nous parce pendant peut plus pour pourquoi quand quelle quelles "
        "quelque quelques quels sans selon sont sous souvent tandis toujours tous tout toute "
        "toutes très vers votre vous"
    ),
    "de": _words(
        "meistens hauptsächlich wirklich fast niemals manchmal "
        "aber alle allem allen aller alles als also andere anderen auch bevor bereits damit "
        "dann dass deren denen denn dessen diese diesem diesen dieser dieses durch eine einem "
        "einen einer eines etwas gegen haben hatte hier immer indem jede jedem jeden jeder "
        "jedes jetzt kann keine mehr nach nicht noch ohne oder schon sehr sich sind sondern "
        "unter viele vielen von während weil welche welchem welchen welcher wenn werden wird "
        "wurde würde zwischen"
    ),
    "es": _words(
        "principalmente solamente realmente casi nunca siempre "
        "algunas algunos antes aquí aunque cada como cuando desde después donde durante entre "
        "esta estas este estos hasta mientras mucho muchos nuestro otra otras otro otros para "
        "pero porque puede según siempre sobre también tanto todas todos una unas unos"
    ),
    "pt": _words(
        "principalmente somente realmente quase nunca "
        "ainda algumas alguns antes apenas cada como depois desde durante entre essa essas "
        "esse esses esta estas este estes isso mais mesmo muito muitos nossa nosso outra "
        "outras outro outros para pela pelas pelo pelos porque quando sempre sobre também "
        "todas todos uma umas"
    ),
}

_MARKED = re.compile(r"\*\*(.+?)\*\*")
# A number, a range of numbers, and the unit that belongs to it (30 °C, 1 %, 10×).
_NUMBER = re.compile(
    r"\d[\d.,]*(?:\^[^\s^]+\^)?(?:\s?[–-]\s?\d[\d.,]*(?:\^[^\s^]+\^)?)?"
    r"(?:\s?(?:%|°\s?[CF]|°|×))?"
)
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_YEAR = re.compile(r"1[4-9]\d\d|20\d\d")


def stop_words(lang: str) -> frozenset[str]:
    """The function words of ``lang`` (its main tag), English when it has none."""
    return STOP.get(lang.split("-")[0].lower(), STOP["en"])


def plain_key(text: str) -> str:
    """How a piece of marked-up text sorts and compares: its words, case folded."""
    return " ".join(plain(text).casefold().split())


def number_text(value: float) -> str:
    """A number as a statistic shows it: thousands grouped, up to two decimals."""
    decimals = 0 if float(value).is_integer() else min(2, len(f"{value:g}".split(".")[-1]))
    return f"{value:,.{decimals}f}"


def stat_value(block: StatBlock) -> str:
    """A statistic's number as its card shows it: "80–95%", "3", "1,000 mg"."""
    text = number_text(block.value)
    if block.value_high is not None and block.value_high != block.value:
        text += f"–{number_text(block.value_high)}"
    unit = block.unit
    if unit and (unit[0].isalnum() or unit[0] == "°"):
        unit = " " + unit
    return text + unit


def split_stat(block: StatBlock) -> tuple[str, str, str]:
    """(before, gap, after) for a statistic: its prefix, its number, its label."""
    before = f"{block.prefix} " if block.prefix else ""
    return before, stat_value(block), f" {block.label}"


def split_takeaway(text: str, lang: str,
                   taken: set[str] | frozenset[str] = frozenset()) -> tuple[str, str, str] | None:
    """(before, gap, after) for a takeaway, or None when no word is worth a gap.

    The first word is kept (it starts the sentence the pupil reads), and a word
    asked already (``taken``, case-folded) only when no other word is left.
    """
    marked = _MARKED.search(text)
    if marked is not None:
        return text[: marked.start()], marked.group(1), text[marked.end():]
    for m in _NUMBER.finditer(text):
        token = m.group().strip().rstrip(".,")
        if _YEAR.fullmatch(token) or not token:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        return text[:start], token, text[start + len(token):]
    stop = stop_words(lang)
    words = [m for m in _WORD.finditer(text)
             if len(m.group()) >= 4 and m.group().casefold() not in stop]
    if len(words) > 1 and words[0].start() == len(text) - len(text.lstrip()):
        words = words[1:]
    # A word the sentence says twice would give its own gap away.
    once = [m for m in words if sum(w.group().casefold() == m.group().casefold()
                                    for w in words) == 1] or words
    fresh = [m for m in once if m.group().casefold() not in taken] or once
    if not fresh:
        return None
    best = max(fresh, key=lambda m: (len(m.group()), -m.start()))
    return text[: best.start()], best.group(), text[best.end():]
