"""The import report: what each part of the document became, and what needs the teacher.

Printed by ``infodeck import`` and shown by the window before the pack opens, so
nothing is dropped or guessed without the teacher being told where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    """One line of the report: ``where`` in the document, ``what`` was there, ``became``."""

    where: str
    what: str
    became: str


@dataclass
class ImportReport:
    """Everything the import did, in document order, and what it could not do."""

    source: Path
    pack: Path
    done: list[Entry] = field(default_factory=list)
    left_out: list[Entry] = field(default_factory=list)
    attention: list[Entry] = field(default_factory=list)
    formatting_lost: list[str] = field(default_factory=list)  # where bold/italic was
    replaced: Path | None = None  # where the folder that was there before was moved
    sections: int = 0
    references: int = 0
    pictures: int = 0

    def add(self, where: str, what: str, became: str) -> None:
        self.done.append(Entry(where, what, became))

    def leave_out(self, where: str, what: str, why: str) -> None:
        self.left_out.append(Entry(where, what, why))

    def attend(self, where: str, what: str, why: str) -> None:
        self.attention.append(Entry(where, what, why))

    def text(self) -> str:
        """The report as plain text (the command prints it; the window shows it)."""

        def rows(entries: list[Entry]) -> list[str]:
            w = max((len(e.where) for e in entries), default=0)
            return [f"  {e.where:<{w}}  {e.what} → {e.became}" for e in entries]

        s = "s" if self.sections != 1 else ""
        lines = [
            f"Imported {self.source.name} into {self.pack}: {self.sections} section{s}, "
            f"{self.references} reference{'s' * (self.references != 1)}, "
            f"{self.pictures} picture{'s' * (self.pictures != 1)}.",
            "",
            "What became what:",
            *rows(self.done),
        ]
        if self.left_out:
            lines += ["", "Left out:", *rows(self.left_out)]
        if self.attention:
            lines += ["", "Needs your attention:", *rows(self.attention)]
        if self.formatting_lost:
            lines += [
                "",
                "Formatting not kept (bold, italic and similar are plain text for now): "
                + ", ".join(self.formatting_lost),
            ]
        if self.replaced is not None:
            lines += ["", f"The folder that was there before was kept as {self.replaced}."]
        return "\n".join(lines)
