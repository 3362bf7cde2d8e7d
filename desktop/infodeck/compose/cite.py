"""How citations look: markers in text, short source lines, full references."""

from __future__ import annotations

from collections.abc import Iterable

from infodeck.content.model import Pack, Reference

UNCITED_MARK = "[no source given]"
DEFAULT_UNCITED_NOTE = "no source given for this claim"


def uncited_note(pack: Pack, mark: str = UNCITED_MARK) -> str:
    """The footnote beside uncited claims, in the pack's own words when it gives them.

    A teacher's pack has no "original article"; a pack that retells one can say so
    (``uncited_note`` in pack.yaml). ``mark`` is "[no source given]" in the page's
    language.
    """
    note = (pack.meta.uncited_note or DEFAULT_UNCITED_NOTE).strip()
    return f"{mark}: {_end(note)}"


def _end(text: str) -> str:
    """``text`` ending in exactly one full stop, or in its own ? or !."""
    text = text.strip()
    while text.endswith((".", ",", ";", ":")) and not text.endswith("..."):
        text = text[:-1].rstrip()
    return text if text.endswith(("?", "!", "…", "...")) else text + "."


def cited_keys(blocks: Iterable[object]) -> set[str]:
    """Every reference key the blocks cite, their chart items' included."""
    keys: set[str] = set()
    for block in blocks:
        keys.update(getattr(block, "cite", ()) or ())
        items = getattr(block, "items", ()) or ()
        keys |= cited_keys(i for i in items if not isinstance(i, str))
    return keys


def marker(cite: Iterable[str], numbers: dict[str, int]) -> str:
    """The in-text marker for a list of keys: "[2]", "[8, 9]", or "" for none.

    The numbers are joined with no-break spaces, so a marker never splits across lines.
    """
    nums = sorted({numbers[k] for k in cite if k in numbers})
    return "[" + ",\u00a0".join(str(n) for n in nums) + "]" if nums else ""


def short_ref(ref: Reference) -> str:
    """A reference as a slide footer names it: authors, journal, year."""
    parts = [_bare(ref.authors)]
    if ref.container:
        parts.append(_bare(ref.container))
    parts.append(str(ref.year))
    return ". ".join(parts)


def _bare(text: str) -> str:
    """``text`` without the full stop or comma it may end with (a "?" or "!" stays)."""
    return text.strip().rstrip(".,;: ").strip() or text.strip()


def full_ref(ref: Reference) -> str:
    """A reference in full, in the Vancouver style of the NLM's *Citing Medicine*.

    Article: ``Authors. Title. Journal. Date;Volume(Issue):Pages. doi:…``. Without a
    volume the issue stands alone (``2020;(3):12-9``); without both the pages follow
    the date after a colon (``2020:12-9``); without pages the part ends at what is
    there. A web page (a URL and no volume, issue or pages) is marked ``[Internet]``,
    gets ``[cited …]`` when the access date is known and ends ``Available from: URL``.
    A title ending in "?" or "!" keeps it and gets no full stop after it.
    """
    web = bool(ref.url) and not (ref.doi or ref.volume or ref.issue or ref.pages)
    title = _bare(ref.title) if not ref.title.rstrip().endswith(("?", "!")) else ref.title.strip()
    out = f"{_end(_bare(ref.authors))} {title}"
    out += " [Internet]." if web else ("" if title.endswith(("?", "!")) else ".")
    if ref.container:
        out += f" {_end(_bare(ref.container))}"
    when = (ref.date or str(ref.year)).strip().rstrip(".")
    part = ""
    if ref.volume:
        part += ref.volume.strip()
    if ref.issue:
        part += f"({ref.issue.strip()})"
    if ref.pages:
        part += f":{ref.pages.strip()}"
    if part and (ref.volume or ref.issue):
        out += f" {when};{part}."
    elif part:
        out += f" {when}{part}."  # no volume, no issue: "2020:12-9"
    else:
        out += f" {when}"
        out += f" [cited {ref.accessed.strip().rstrip('.')}]." if web and ref.accessed else "."
    if ref.doi:
        out += f" doi:{ref.doi.strip()}"
    elif ref.url:
        out += f" Available from: {ref.url.strip()}" if web else f" {ref.url.strip()}"
    return out


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
        text += (" " if text else "") + uncited_note(pack, mark)
    return text
