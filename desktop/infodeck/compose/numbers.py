"""Numbers as the pack's language writes them: 7.5 % in English is « 7,5 % » in French.

The marks are data in the words files (``decimal_mark``, ``group_mark`` and
``percent``), beside Infodeck's other words, so a pack that adds a language
(``words/it.yaml``) gets its numbers too; no locale library is needed for three
marks, and Babel is not a dependency. Thousands are grouped from four digits, as
the stat cards always did ("1,500"). A unit is kept apart from its number by a
no-break space when it is a word or a symbol read as one ("5 km", "6.1 hPa",
"20 °C"); "%" follows the language's rule; other signs ("45°", "3×") stick.
"""

from __future__ import annotations

from collections.abc import Callable

Say = Callable[..., str]
NBSP = "\u00a0"


def decimals(v: float, most: int = 6) -> int:
    """The decimals ``v`` needs (at most ``most``): 7.5 → 1, 12 → 0."""
    text = f"{v:.{most}f}".rstrip("0")
    return len(text.partition(".")[2])


def number(v: float, say: Say, places: int | None = None) -> str:
    """``v`` with the language's decimal mark and thousands grouping."""
    places = decimals(v) if places is None else places
    text = f"{v:,.{places}f}"
    head, _, tail = text.partition(".")
    head = head.replace(",", say("group_mark"))
    return head + (say("decimal_mark") + tail if tail else "")


def unit_gap(unit: str) -> str:
    """What goes between a number and ``unit`` (the language's percent rule aside)."""
    if not unit or unit == "%":
        return ""
    first = unit[0]
    if first.isalnum() or (first == "°" and len(unit) > 1):
        return NBSP
    return ""


def with_unit(text: str, unit: str, say: Say) -> str:
    """A number's text (or a range's) followed by its unit, spaced as the language writes it."""
    if unit == "%":
        return say("percent", value=text)
    return text + unit_gap(unit) + unit


def format_code(places: int, unit: str, say: Say) -> str:
    """An Excel number format that draws what ``with_unit`` writes.

    The marks are the viewer's: PowerPoint shows them from its own locale.
    """
    digits = "0" + ("." + "0" * places if places else "")
    shown = with_unit("\x00", unit, say)
    before, _, after = shown.partition("\x00")

    def quoted(s: str) -> str:
        return f'"{s}"' if s else ""

    return quoted(before) + digits + quoted(after)
