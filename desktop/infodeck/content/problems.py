"""Problems found in content: each names its file, line, column and what to do."""

from __future__ import annotations

from collections.abc import Iterable
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


class FormatRefused(ContentError):
    """Valid content that one export format cannot take (a quiz beyond Kahoot's limits)."""

    def __init__(self, format_name: str, problems: list[Problem]) -> None:
        self.format_name = format_name
        super().__init__(problems)


def _edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def close_name(name: str, names: Iterable[str]) -> str | None:
    """The one name of ``names`` that ``name`` is a slip of the keyboard for, or None.

    Only close names count: a letter or two wrong, missing, extra or swapped, a
    capital, '-' for '_'. ``difflib``'s similarity is too generous for short names
    ('subtitle' is 77 % like 'title', yet it is another field, not a typo of it),
    and a wrong guess sends a teacher the wrong way; the caller lists every valid
    name instead.
    """
    wanted = name.lower().replace("-", "_")
    best: tuple[int, str] | None = None
    for candidate in sorted(names):
        d = _edit_distance(wanted, candidate.lower().replace("-", "_"))
        limit = 1 if len(candidate) <= 4 else 2
        if d <= limit and (best is None or d < best[0]):
            best = (d, candidate)
    return best[1] if best else None


def count(n: int, noun: str) -> str:
    """``1 error``, ``2 errors``: the noun's plural takes an 's'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
