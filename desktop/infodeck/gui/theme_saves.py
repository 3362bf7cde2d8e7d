"""One signal for "a theme was saved", wherever it was saved from.

"Save as theme" can be reached from more than one place (File ▸ Check a school
template, the export dialog's template row); the window's Theme list listens here
once instead of to each dialog. Kept free of engine imports: the window connects at
start-up.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject, Signal


class ThemeSaves(QObject):
    """Signals: ``saved(str)``: a theme of that name was written to the themes folder."""

    saved = Signal(str)


@cache
def theme_saves() -> ThemeSaves:
    """The application's one ``ThemeSaves``."""
    return ThemeSaves()
