"""One hierarchy for what Infodeck raises on purpose.

``UserError`` is the user's mistake (a file, a name, a choice): the faces report it
without a traceback (the command line with exit status 2). Its subclasses carry what
went wrong as data, and their messages say only that: how to fix it differs by face
(a flag on the command line, a check box in the window), so each face words its
own advice from the data. Mistakes in the user's files are ``ContentError``
(``content/problems.py``, beside the ``Problem`` it carries: file, line, column).
``Cancelled`` is the one cancellation, whoever asked.
Anything else that escapes is a fault in Infodeck.

This module imports nothing from Infodeck: every layer may use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class InfodeckError(Exception):
    """Everything Infodeck raises on purpose."""


class UserError(InfodeckError):
    """The user's mistake; the message says what is wrong, in plain words."""

    exit_status = 2


class UsageError(UserError):
    """A request that cannot be done as given (a command line, a dialog's choices)."""


class UnknownName(UserError, ValueError):
    """A name (of a layout, theme, format, section…) that is not among the choices."""

    def __init__(
        self, kind: str, names: Sequence[str], choices: Sequence[str], intro: str = "choose one of"
    ) -> None:
        self.kind = kind
        self.names = tuple(names)
        self.choices = tuple(choices)
        shown = ", ".join(repr(n) for n in self.names)
        super().__init__(f"unknown {kind} {shown}; {intro}: {', '.join(self.choices)}")


class TargetsExist(UserError):
    """Files the export would write exist already, and replacing them was not asked for."""

    def __init__(self, existing: Sequence[Path], old_pages: Sequence[Path] = ()) -> None:
        self.existing = tuple(existing)
        self.old_pages = tuple(old_pages)  # pages beyond the new ones, that replacing removes
        shown = ", ".join(str(p) for p in self.existing[:3])
        more = " …" if len(self.existing) > 3 else ""
        parts = [f"{len(self.existing)} file(s) already exist ({shown}{more})"] if existing else []
        if self.old_pages:
            names = ", ".join(p.name for p in self.old_pages[:4])
            more = " …" if len(self.old_pages) > 4 else ""
            parts.append(
                f"the folder holds {len(self.old_pages)} older page(s) of this infographic "
                f"beyond the new ones ({names}{more}), which replacing removes, so no old page "
                "is left beside the new ones"
            )
        super().__init__("; ".join(parts))


class ExportError(UserError):
    """Files that cannot be written where asked (the folder, the drive, a held file)."""


class PartlyWritten(ExportError):
    """An export failed after replacing files it could not put back; the message names them."""


class ResourceError(InfodeckError):
    """A file Infodeck ships with is missing or asked for wrongly: an installation fault."""


class Cancelled(InfodeckError):
    """The user asked to stop; nothing was written."""
