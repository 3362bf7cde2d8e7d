"""Write an export's files all-or-nothing: temporary siblings, then moved into place.

Every file is first written to a hidden temporary file in its target folder; only
when all of them are written are they moved into place with ``os.replace`` (atomic
on one file system). A failure, a cancel or a crash therefore leaves the old files
or the new ones, never a broken file and no temporary files. Existing files are
replaced only when the caller says so (``force``).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from infodeck.errors import Cancelled, ExportError, TargetsExist
from infodeck.export import tempfiles
from infodeck.export.files import Job
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


def _check_targets(jobs: list[Job], out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"the output path {out_dir} is a file, not a folder; choose a folder")
    existing = [j.target for j in jobs if j.target.exists()]
    for j in jobs:
        if j.target.exists() and j.target.is_dir():
            raise ExportError(f"{j.target} is a folder; cannot write a file there")
    if existing and not force:
        raise TargetsExist(existing)


def _temp_for(target: Path) -> Path:
    """A new temporary sibling of ``target`` (with the usual mode), its folder made."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=tempfiles.prefix(target), suffix=tempfiles.SUFFIX, dir=target.parent
        )
        os.close(fd)
    except PermissionError:
        raise ExportError(
            f"cannot write in {target.parent}: permission denied; choose a folder you can write to"
        ) from None
    except OSError as e:
        raise ExportError(f"cannot write in {target.parent}: {_why(e)}") from None
    tmp = Path(tmp_name)
    # mkstemp makes owner-only files; give the finished file the usual mode.
    tmp.chmod(0o666 & ~_UMASK)
    return tmp


def run_export(
    req: ExportRequest,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    how: Strategy = HERE,
    writers: Writers | None = None,
) -> ExportResult:
    """Compose, write every file to a temporary sibling, then move all into place.

    ``how`` says where the files are written (``pool.strategy()`` is what the faces
    ask for; by default, in this process); the files are the same either way. A
    caller may start the writers earlier still (``Writers.start``), so that they
    import while it reads the pack; they are used and stopped here.
    """
    if writers is None:
        writers = Writers.start(req.formats, how)
    try:
        return _run(req, progress, cancel, writers)
    finally:
        writers.stop()  # every writer gone before a temporary file is removed


def _run(
    req: ExportRequest, progress: Progress | None, cancel: Cancel | None, writers: Writers
) -> ExportResult:
    result = ExportResult()
    jobs = plan(req, result.notices)
    _check_targets(jobs, req.out_dir, req.force)
    # Temporary files an earlier, killed export left for these same targets.
    folders: dict[Path, set[str]] = {}
    for job in jobs:
        folders.setdefault(job.target.parent, set()).add(job.target.name)
    stale = [p for d, names in folders.items() for p in tempfiles.remove_stale(d, names)]
    if stale:
        result.notices.append(
            f"removed {len(stale)} temporary file(s) an interrupted export had left behind"
        )
    temps: list[tuple[Path, Path]] = []
    total = len(jobs) + 1
    try:
        if cancel and cancel():
            raise Cancelled()
        for job in jobs:
            temps.append((_temp_for(job.target), job.target))
        writers.run(jobs, [t for t, _ in temps], progress, cancel, total)
        writers.stop()  # every writer gone before a temporary file is moved or removed
        if cancel and cancel():
            raise Cancelled()
        if progress:
            progress(len(jobs), total, "Moving files into place")
        for tmp, target in temps:
            try:
                os.replace(tmp, target)
            except OSError as e:
                why = (
                    "it is open in another program (PowerPoint?) or read-only; close it"
                    if isinstance(e, PermissionError)
                    else e.strerror or str(e)
                )
                done = (
                    f" {len(result.written)} file(s) before it were replaced already."
                    if result.written
                    else ""
                )
                raise ExportError(
                    f"cannot replace {target}: {why}; export again. The original was kept.{done}"
                ) from None
            result.written.append(target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
    if progress:
        progress(total, total, "Done")
    return result
