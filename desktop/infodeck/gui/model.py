"""Pure helpers between the engine's pack model and the widgets (no Qt here).

They answer the questions the window asks of a pack: what to show for each
section (broken ones included), where each problem's file is, and content keys that
say when a section really changed, so the preview re-renders only what changed.
Which sections a teacher chose, and in what order, is the workspace's.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from infodeck.content.model import Pack, PictureBlock, Section
from infodeck.content.problems import Problem
from infodeck.scene.markup import plain

if TYPE_CHECKING:
    from infodeck.workspace import SectionEntry


@dataclass(frozen=True)
class SectionInfo:
    """What the sections panel shows for one section."""

    id: str
    title: str
    summary: str
    kind: str
    default: bool
    uncited: bool
    problems: tuple[str, ...] = ()  # a broken section's errors ("file:line:col: message")

    @property
    def broken(self) -> bool:
        """The section has errors: it is listed, but left out of the preview and export."""
        return bool(self.problems)

    @property
    def manufacturer(self) -> bool:
        """A maker's own description, not independent evidence."""
        return self.kind == "manufacturer"

    def labels(self) -> list[str]:
        """The visible labels of this section, in display order."""
        out = []
        if self.broken:
            n = len(self.problems)
            out.append(f"{n} error{'s' if n != 1 else ''} — not shown")
        if self.kind == "title":
            out.append("Title slide")
        if self.manufacturer:
            out.append("Manufacturer content")
        if self.uncited:
            out.append("Uncited claims")
        return out


def _uncited(obj: object) -> bool:
    if getattr(obj, "uncited", False):
        return True
    items = getattr(obj, "items", None)
    if isinstance(items, list):
        return any(_uncited(i) for i in items if not isinstance(i, str))
    return False


def has_uncited_claims(section: Section) -> bool:
    """True when any block (or chart item) of ``section`` is marked uncited."""
    return any(_uncited(b) for b in section.blocks)


def entry_infos(entries: Iterable[SectionEntry]) -> list[SectionInfo]:
    """What the list shows for each of the workspace's sections, broken ones included.

    A broken section is named by its id when its file gives one (else its file), and
    its summary says what is wrong first.
    """
    out = []
    for e in entries:
        s = e.section
        if s is not None:
            out.append(
                # The list shows the words; the markup (**bold**) is the preview's to draw.
                SectionInfo(s.id, plain(s.title), plain(s.summary), s.kind, s.default,
                            has_uncited_claims(s))
            )
            continue
        errors = [p for p in e.problems if p.severity == "error"] or list(e.problems)
        lines = tuple(_problem_line(p) for p in errors) or ("this section cannot be read",)
        first = errors[0].message if errors else lines[0]
        out.append(SectionInfo(e.id or e.file, e.title, first, "", False, False, lines))
    return out


def _problem_line(p: Problem) -> str:
    where = "".join(f":{n}" for n in (p.line, p.col) if n is not None) if p.line else ""
    return f"{Path(p.file).name}{where}: {p.message}"


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def pack_key(pack: Pack) -> str:
    """A key of what every page of the pack depends on (metadata, references, folder, icons).

    A pack's own icons are in it: redrawing ``icons/leaf.svg`` redraws every page.
    """
    return _digest(
        pack.root,
        pack.meta.model_dump_json(),
        *(r.model_dump_json() for r in pack.references),
        *(f"{name}={icon!r}" for name, icon in sorted(pack.icons.items())),
    )


def section_keys(pack: Pack) -> dict[str, str]:
    """Section id → a key of that section's content, the pictures it shows included.

    A picture saved anew (same path, new pixels) gives its section a new key, so the
    preview redraws it as the export would.
    """
    def pictures(s: Section) -> list[str]:
        return [
            pack.pictures[b.path].digest
            for b in s.blocks
            if isinstance(b, PictureBlock) and b.path in pack.pictures
        ]

    return {s.id: _digest(s.model_dump_json(), *pictures(s)) for s in pack.sections}


@dataclass(frozen=True)
class ProblemRow:
    """A problem with the absolute path of its file, for opening it."""

    problem: Problem
    path: Path | None

    @property
    def location(self) -> str:
        """``file:line:col`` as editors show it."""
        return self.location_in(None)

    def location_in(self, root: Path | None) -> str:
        """``file:line:col`` with the file named inside the pack folder ``root`` when it is."""
        p = self.problem
        out = p.file
        if root is not None and self.path is not None and self.path.is_relative_to(root):
            out = self.path.relative_to(root).as_posix() or self.path.name
        if p.line is not None:
            out += f":{p.line}"
            if p.col is not None:
                out += f":{p.col}"
        return out


def problem_rows(problems: Iterable[Problem], base: Path | None = None) -> list[ProblemRow]:
    """Attach absolute paths (the engine names files relative to the working folder)."""
    base = base or Path.cwd()
    rows = []
    for p in problems:
        path = Path(p.file)
        if not path.is_absolute():
            path = Path(os.path.normpath(base / path))
        rows.append(ProblemRow(p, path if path.exists() else None))
    return rows
