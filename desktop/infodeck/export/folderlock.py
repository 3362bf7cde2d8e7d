"""One export at a time per output folder: a lock file beside the outputs.

Two exports into one folder used to both succeed, the later silently replacing the
earlier's files (replacing asked for or not: each checked before the other wrote). The
export holds an exclusive lock on ``.infodeck.lock`` in the folder from before it
looks at the existing files until its files are in place; a second export is told
the folder is busy. The lock is the operating system's (``flock``, or ``msvcrt``
byte locking on Windows): it is released when the process ends, a kill included,
so a crashed export never leaves the folder locked. The file is removed when the
export ends (after checking it is still the file locked, so an export that opened
it meanwhile locks a fresh one).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from infodeck.errors import ExportError

LOCK_NAME = ".infodeck.lock"


def _try_lock(fd: int) -> bool:
    """Lock the open file ``fd`` exclusively without waiting; False when another holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[Path]:
    """Hold the export lock of ``folder`` (which must exist); raise ExportError when busy."""
    path = folder / LOCK_NAME
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        except PermissionError:
            raise ExportError(
                f"cannot write in {folder}: permission denied; choose a folder you can write to"
            ) from None
        except OSError as e:
            from infodeck.export.files import describe

            raise ExportError(f"cannot write in {folder}: {describe(e)}") from None
        if not _try_lock(fd):
            os.close(fd)
            raise ExportError(
                f"{folder} is busy: another export is writing into it right now; wait "
                "until it has finished, or choose another folder"
            )
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)  # removed by the export that held it: lock the new file instead
    try:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        with contextlib.suppress(OSError):  # Windows cannot remove an open file: it stays
            path.unlink()
        os.close(fd)
