"""Problems found in content: each names its file, line, column and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from infodeck.errors import UserError

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in a content file, with a position when there is one.

    Lines and columns are 1-based, as editors show them. ``where`` is the path of the
    value inside the pack, e.g. ``sections[2].blocks[1].value``.
    """

    file: str
    line: int | None
    col: int | None
    where: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        pos = self.file
        if self.line is not None:
            pos += f":{self.line}"
            if self.col is not None:
                pos += f":{self.col}"
        head = f"{pos}: " + ("warning: " if self.severity == "warning" else "")
        return head + (f"{self.where}: " if self.where else "") + self.message


class ContentError(UserError):
    """Mistakes in the user's files (content, layouts, themes), every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
