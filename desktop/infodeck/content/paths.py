"""Where a path written in a pack leads, and how files are named in messages.

Below load, lint, icons and pictures, which all resolve pack paths: keeping it here
lets them import it without importing each other.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath


def shown_path(path: Path) -> str:
    """How a file is named in messages: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


LOOP = "a symbolic link loop (a link that leads back to itself)"


def resolve_inside(root: Path, rel: str) -> Path | str:
    """Resolve a path written in a pack, or return why it is refused.

    Paths must be relative, use '/', stay inside the pack folder (also after
    following symbolic links) and not look like URLs or network paths.
    """
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", rel) or rel.startswith(("\\\\", "//")):
        return "must be a file inside the pack folder, not a URL or network path"
    if "\\" in rel:
        return "use '/' between folder names"
    pure = PurePosixPath(rel)
    if pure.is_absolute() or re.match(r"^[a-zA-Z]:", rel):
        return "must be relative to the pack folder, not an absolute path"
    if ".." in pure.parts:
        return "must stay inside the pack folder ('..' is not allowed)"
    try:
        target = (root / pure).resolve()
        inside = target.is_relative_to(root.resolve())
    except (RuntimeError, OSError):  # RuntimeError: Python 3.11's "Symlink loop from …"
        return LOOP
    if not inside:
        return "points outside the pack folder (through a symbolic link)"
    return target
