"""How citations look: markers in text, short source lines, full references."""

from __future__ import annotations

from collections.abc import Iterable

from infodeck.content.model import Pack, Reference

UNCITED_MARK = "[no source given]"
UNCITED_NOTE = "[no source given]: the original article gives no reference for this claim."


def marker(cite: Iterable[str], numbers: dict[str, int]) -> str:
    """The in-text marker for a list of keys: "[2]", "[8, 9]", or "" for none.

    The numbers are joined with no-break spaces, so a marker never splits across lines.
    """
    nums = sorted({numbers[k] for k in cite if k in numbers})
    return "[" + ",\u00a0".join(str(n) for n in nums) + "]" if nums else ""


def short_ref(ref: Reference) -> str:
    """A reference as a slide footer names it: authors, journal, year."""
    parts = [ref.authors.rstrip(".")]
    if ref.container:
        parts.append(ref.container.rstrip("."))
    parts.append(str(ref.year))
    return ". ".join(parts)


def full_ref(ref: Reference) -> str:
    """A reference in full, in a Vancouver-like style."""
    out = f"{ref.authors.rstrip('.')}. {ref.title.rstrip('.')}."
    if ref.container:
        out += f" {ref.container.rstrip('.')}."
    when = ref.date or str(ref.year)
    vol = ref.volume or ""
    if ref.issue:
        vol += f"({ref.issue})"
    if ref.pages:
        vol += f":{ref.pages}"
    out += f" {when}" + (f";{vol}" if vol else "") + "."
    if ref.doi:
        out += f" doi:{ref.doi}"
    elif ref.url:
        out += f" {ref.url}"
    return out


def uncited_note(mark: str = UNCITED_MARK) -> str:
    """The note explaining the uncited-claim mark (the mark in the text's language)."""
    return mark + UNCITED_NOTE.removeprefix(UNCITED_MARK)


def sources_line(
    keys: Iterable[str],
    pack: Pack,
    *,
    uncited: bool = False,
    label: str = "Sources",
    mark: str = UNCITED_MARK,
) -> str:
    """The footer line of a page citing ``keys``; empty when it cites nothing.

    ``label`` and ``mark`` are the words "Sources" and "[no source given]" in the
    page's language.
    """
    numbers = pack.reference_numbers()
    by_key = {r.key: r for r in pack.references}
    used = sorted({k for k in keys if k in numbers}, key=lambda k: numbers[k])
    text = ""
    if used:
        refs = "; ".join(f"[{numbers[k]}] {short_ref(by_key[k])}" for k in used)
        text = f"{label}: {refs}."
    if uncited:
        text += (" " if text else "") + uncited_note(mark)
    return text
