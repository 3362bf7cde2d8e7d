"""Write an export's files all-or-nothing: temporary siblings, then moved into place.

Every file is first written to a hidden temporary file in its target folder; only
when all of them are written are they moved into place with ``os.replace`` (atomic
on one file system). A failure, a cancel or a crash therefore leaves the old files
or the new ones, never a broken file and no temporary files. Existing files are
replaced only when the caller says so (``force``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from infodeck.errors import Cancelled, ExportError, PartlyWritten, TargetsExist
from infodeck.export import folderlock, tempfiles
from infodeck.export.files import Job, PageFile
from infodeck.export.plan import ExportRequest, plan
from infodeck.export.pool import HERE, Strategy, Writers


def _read_umask() -> int:
    # os.umask can only be read by setting it; do it once, at import, not per file
    # (setting it is process-wide and would race with other threads).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclass
class ExportResult:
    """The files written, and what the user should know about them."""

    written: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _why(e: OSError) -> str:
    """A plain reason, with what to do, for a folder we cannot write in."""
    if e.errno == errno.EROFS:
        return "the drive is read-only; choose a folder on a drive you can write to"
    if e.errno == errno.ENOSPC:
        return "the drive is full; free some space or choose another drive"
    return (e.strerror or str(e)).lower()


def _check_targets(
    jobs: list[Job], out_dir: Path, force: bool, old_pages: Sequence[Path] = ()
) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"the output path {out_dir} is a file, not a folder; choose a folder")
    existing = [j.target for j in jobs if j.target.exists()]
    for j in jobs:
        if j.target.exists() and j.target.is_dir():
            raise ExportError(f"{j.target} is a folder; cannot write a file there")
    if (existing or old_pages) and not force:
        raise TargetsExist(existing, old_pages)


def old_pages(jobs: list[Job], out_dir: Path, pack_id: str) -> list[Path]:
    """An earlier export's infographic pages of this pack beyond the ones this one writes.

    A square export makes ``<id>-3.png`` and ``<id>-4.png``; an A4 export of two pages
    into the same folder would leave them beside its own, and a teacher would take
    the four for one infographic. Only page files this export also writes (same
    folder, same suffix) are looked for: a deck-only export leaves old pictures be.
    """
    pages = [j.target for j in jobs if isinstance(j.write, PageFile) and j.target.parent == out_dir]
    suffixes = {t.suffix for t in pages if t.stem == pack_id or t.stem.startswith(pack_id + "-")}
    if not suffixes or not out_dir.is_dir():
        return []
    name = re.compile(rf"{re.escape(pack_id)}-([1-9][0-9]*)({'|'.join(map(re.escape, suffixes))})")
    mine = set(pages)
    found = []
    for p in out_dir.iterdir():
        m = name.fullmatch(p.name)
        if m and p not in mine and int(m[1]) >= 2 and p.is_file() and not p.is_symlink():
            found.append((m[2], int(m[1]), p))
    return [p for _, _, p in sorted(found)]


def _park(pages: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Move ``pages`` aside to hidden names, all or none: (page, hidden name) each.

    A page that cannot be moved (open in another program) stops the export before
    any new file is moved into place, with the others put back.
    """
    parked: list[tuple[Path, Path]] = []
    for page in pages:
        token = secrets.token_hex(4)
        hidden = page.with_name(f"{tempfiles.prefix(page)}{token}old{tempfiles.SUFFIX}")
        try:
            os.replace(page, hidden)
        except FileNotFoundError:
            continue  # gone already: nothing to remove
        except OSError as e:
            _unpark(parked)
            why = (
                "it is open in another program or read-only; close it"
                if isinstance(e, PermissionError)
                else (e.strerror or str(e)).lower()
            )
            raise ExportError(
                f"cannot remove the older infographic page {page}: {why}; export again. "
                "Nothing was changed."
            ) from None
        parked.append((page, hidden))
    return parked


def _unpark(parked: list[tuple[Path, Path]]) -> None:
    for page, hidden in reversed(parked):
        with contextlib.suppress(OSError):
            os.replace(hidden, page)


def _move_all_removing(
    temps: list[tuple[Path, Path]], made: list[Path], old: Sequence[Path]
) -> list[Path]:
    """``_move_all``, with the older pages ``old`` removed in the same all-or-nothing move.

    They are moved aside first; if a new file then cannot be moved into place, they
    come back with the replaced files, so the folder keeps the old set whole. Once
    every new file is in place, the moved-aside pages are deleted with the other
    temporary files.
    """
    parked = _park(old)
    try:
        written = _move_all(temps, made)
    except BaseException:
        _unpark(parked)
        raise
    made.extend(hidden for _, hidden in parked)
    return written


def _folder_for(target: Path) -> None:
    """Make ``target``'s folder, or say plainly why it cannot be made."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ExportError(
            f"cannot write in {target.parent}: a file of that name is in the way "
            "(a folder is needed there); move it, or choose another folder"
        ) from None
    except PermissionError:
        raise ExportError(
            f"cannot write in {target.parent}: permission denied; choose a folder you can write to"
        ) from None
    except OSError as e:
        raise ExportError(f"cannot write in {target.parent}: {_why(e)}") from None


def _temp_for(target: Path, made: list[Path]) -> Path:
    """A new temporary sibling of ``target`` (with the usual mode), its folder made.

    The file is added to ``made`` the moment it exists, so that every way out of
    the export (an error, a cancel, Ctrl-C between two calls) removes it.
    """
    _folder_for(target)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=tempfiles.prefix(target), suffix=tempfiles.SUFFIX, dir=target.parent
        )
    except PermissionError:
        raise ExportError(
            f"cannot write in {target.parent}: permission denied; choose a folder you can write to"
        ) from None
    except OSError as e:
        raise ExportError(f"cannot write in {target.parent}: {_why(e)}") from None
    tmp = Path(tmp_name)
    made.append(tmp)
    os.close(fd)
    # mkstemp makes owner-only files; give the finished file the usual mode.
    tmp.chmod(0o666 & ~_UMASK)
    return tmp


def _fsync(path: Path, folder: bool = False) -> None:
    """Flush ``path`` (a file, or a folder's entries) to the drive.

    Before a temporary file is renamed over its target: otherwise a power cut soon
    after can leave the renamed file empty (the rename reached the drive, the data
    did not). Windows cannot open a folder: there, only files are flushed.
    """
    if folder and sys.platform == "win32":
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) * folder)
    except OSError:
        if folder:
            return  # a file system that cannot open folders: nothing more to do
        raise
    try:
        os.fsync(fd)
    except OSError as e:
        if not folder or e.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C (or a stop signal) arrived while the files were moved into place.

    The moves were finished first (a few milliseconds), so every file was written:
    ``written`` names them, and the command line says so instead of "nothing was
    written".
    """

    def __init__(self, written: list[Path]) -> None:
        super().__init__()
        self.written = written


@contextlib.contextmanager
def _signals_deferred() -> Iterator[list[int]]:
    """Hold Ctrl-C and SIGTERM back while the block runs (main thread only).

    The moves take milliseconds; an interrupt in their middle replaced some files
    and kept others. Signals that arrive are recorded and acted on afterwards.
    """
    got: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield got  # only the main thread receives signals
        return

    def hold(signum: int, _frame: object) -> None:
        got.append(signum)

    wanted = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    old = {s: signal.signal(s, hold) for s in wanted}
    try:
        yield got
    finally:
        for s, handler in old.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)


def _move_all(temps: list[tuple[Path, Path]], made: list[Path]) -> list[Path]:
    """Move every temporary file over its target, all or none.

    Each target that exists is first hard-linked to a backup beside it; when a move
    fails (a file held open by another program, say), the files already replaced get
    their backups back and the new ones are removed, so the folder is as it was. On
    a drive without hard links (FAT, some network drives) a replaced file cannot be
    put back: the message then names exactly what was replaced.
    """
    journal: list[tuple[Path, Path | None, bool]] = []  # target, backup, existed
    for tmp, target in temps:
        existed = target.exists()
        backup: Path | None = None
        if existed:
            token = secrets.token_hex(4)
            backup = target.with_name(f"{tempfiles.prefix(target)}{token}bak{tempfiles.SUFFIX}")
            try:
                os.link(target, backup)
                made.append(backup)
            except OSError:
                backup = None
        try:
            os.replace(tmp, target)
        except OSError as e:
            why = (
                "it is open in another program (PowerPoint?) or read-only; close it"
                if isinstance(e, PermissionError)
                else (e.strerror or str(e)).lower()
            )
            raise _rolled_back(journal, f"cannot replace {target}: {why}") from None
        journal.append((target, backup, existed))
    return [t for t, _, _ in journal]


def _rolled_back(journal: list[tuple[Path, Path | None, bool]], what: str) -> ExportError:
    """Undo the moves in ``journal``; the error that says what failed and what is left."""
    kept: list[Path] = []
    for target, backup, existed in reversed(journal):
        try:
            if backup is not None:
                os.replace(backup, target)
            elif not existed:
                target.unlink()
            else:
                kept.append(target)
        except OSError:
            kept.append(target)
    if not kept:
        undone = (
            f", and the {len(journal)} file(s) replaced before it were put back: nothing "
            "was changed"
            if journal
            else ""
        )
        return ExportError(f"{what}; export again. The original was kept{undone}.")
    shown = ", ".join(str(p) for p in reversed(kept))
    return PartlyWritten(
        f"{what}; export again. {len(kept)} file(s) were replaced already and could not be "
        f"put back: {shown}; every other file is as it was"
    )


def run_export(
    req: ExportRequest,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    how: Strategy = HERE,
    writers: Writers | None = None,
    setup: Callable[[], None] | None = None,
) -> ExportResult:
    """Compose, write every file to a temporary sibling, then move all into place.

    ``how`` says where the files are written (``pool.strategy()`` is what the faces
    ask for; by default, in this process); the files are the same either way. A
    caller may start the writers earlier still (``Writers.start``), so that they
    import while it reads the pack; they are used and stopped here. ``setup`` is the
    face's configure step for the processes that draw (``Writers.start``).
    """
    if writers is None:
        writers = Writers.start(req.formats, how, setup)
    try:
        return _run(req, progress, cancel, writers)
    finally:
        writers.stop()  # every writer gone before a temporary file is removed


def _run(
    req: ExportRequest, progress: Progress | None, cancel: Cancel | None, writers: Writers
) -> ExportResult:
    result = ExportResult()
    jobs = plan(req, result.notices)
    if req.out_dir.exists() and not req.out_dir.is_dir():
        raise ExportError(
            f"the output path {req.out_dir} is a file, not a folder; choose a folder"
        )
    _folder_for(req.out_dir / "x")
    try:
        with folderlock.locked(req.out_dir):
            old = old_pages(jobs, req.out_dir, req.pack.meta.id)
            _check_targets(jobs, req.out_dir, req.force, old)
            return _write_locked(req, jobs, result, progress, cancel, writers, old)
    except _StopSignal as e:
        os.kill(os.getpid(), e.signum)  # its usual effect (the default ends the process)
        return result


class _StopSignal(BaseException):
    """A stop signal held back during the moves, to take effect after the clean-up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _write_locked(
    req: ExportRequest,
    jobs: list[Job],
    result: ExportResult,
    progress: Progress | None,
    cancel: Cancel | None,
    writers: Writers,
    old: Sequence[Path] = (),
) -> ExportResult:
    # Temporary files an earlier, killed export left in the folders this one writes.
    folders = dict.fromkeys(job.target.parent for job in jobs)
    stale = [p for d in folders if d.is_dir() for p in tempfiles.remove_stale(d)]
    if stale:
        result.notices.append(
            f"removed {len(stale)} temporary file(s) an interrupted export had left behind"
        )
    made: list[Path] = []  # every temporary file and backup, removed on every way out
    signals: list[int] = []
    temps: list[tuple[Path, Path]] = []
    total = len(jobs) + 1
    try:
        if cancel and cancel():
            raise Cancelled()
        for job in jobs:
            temps.append((_temp_for(job.target, made), job.target))
        writers.run(jobs, [t for t, _ in temps], progress, cancel, total)
        writers.stop()  # every writer gone before a temporary file is moved or removed
        if cancel and cancel():
            raise Cancelled()
        if progress:
            progress(len(jobs), total, "Moving files into place")
        for tmp, _ in temps:
            _fsync(tmp)
        for folder in dict.fromkeys(t.parent for _, t in temps):
            _fsync(folder, folder=True)
        with _signals_deferred() as signals:
            result.written = _move_all_removing(temps, made, old)
            if old:
                shown = ", ".join(p.name for p in old)
                result.notices.append(
                    f"removed {len(old)} older infographic page(s) beyond the new ones: {shown}"
                )
            for folder in dict.fromkeys(t.parent for _, t in temps):
                _fsync(folder, folder=True)  # the renames themselves reach the drive
        if signal.SIGINT in signals:
            raise InterruptedAfterWriting(result.written)
    finally:
        for path in made:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
    if signals:  # a stop signal held during the moves: its effect once the lock is free
        raise _StopSignal(signals[0])
    if progress:
        progress(total, total, "Done")
    return result
