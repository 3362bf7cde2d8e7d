"""Temporary files beside export targets: recognisable names, and cleaning up after a kill.

An export writes each file to a hidden temporary sibling and moves it into place.
A process that is killed (or loses power) cannot remove its own temporary files,
so they are named recognisably::

    .<target name>.infodeck-<host>-<pid>-<random>.tmp

and the next export into the same folder removes them, once it is sure their
writer is gone: the process id no longer
runs on this computer, or the file is a day old. A temporary file of another
computer (a shared drive) or of a live export is never touched while it is young,
so two exports into one folder cannot delete each other's work.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import sys
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path

SUFFIX = ".tmp"
STALE_AFTER_S = 24 * 3600  # a temporary file this old is abandoned, whoever wrote it
_PATTERN = re.compile(r"^\.(?P<name>.+)\.infodeck-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[^.]*\.tmp$")


@cache
def _host() -> str:
    """A short, file-name-safe tag of this computer (its name may hold any character)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def prefix(target: Path) -> str:
    """The ``mkstemp`` prefix for a temporary sibling of ``target`` (use ``SUFFIX``)."""
    return f".{target.name}.infodeck-{_host()}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` runs here (True when that cannot be asked safely)."""
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would terminate it there; age decides instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, under another user
        return True
    return True


def remove_stale(folder: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Remove abandoned temporary files in ``folder`` (only those of ``names``, if given).

    An export removes them for every file of the folders it writes, not only for its
    own targets: an export of other formats cleans up after a killed one too.
    Returns the files removed. Errors (a file vanishing, no permission) are ignored:
    cleaning up is a courtesy, never a reason for an export to fail.
    """
    wanted = set(names) if names is not None else None
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for path in entries:
        m = _PATTERN.match(path.name)
        if m is None or (wanted is not None and m["name"] not in wanted):
            continue
        try:
            age = now - path.lstat().st_mtime
        except OSError:
            continue
        pid = int(m["pid"])
        mine = m["host"] == _host()
        if mine and pid == os.getpid():
            continue  # this process's own: another export running in a thread
        gone = mine and not _alive(pid)
        if not gone and age < STALE_AFTER_S:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
