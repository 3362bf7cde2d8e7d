"""Formats → files: compose, draw, and move finished files into place together.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from infodeck import tempfiles
from infodeck.compose.deck import compose_deck, diagram_slide
from infodeck.compose.diagrams import DiagramBlock
from infodeck.compose.frames import step_frames
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.model import DiagramBase, Pack, Section
from infodeck.jobs import (
    BACKENDS,
    MPL,
    DeckFile,
    ExportError,
    Job,
    PageFile,
    PdfFile,
    drawing_modules,
    write_job,
)
from infodeck.render import Cancelled
from infodeck.scene.elements import Document, Page
from infodeck.writers import MAX_JOBS, Writers, fork_processes, start_writers

FORMATS = ("pptx", "png", "svg", "pdf", "slides-png", "frames")
DEFAULT_FORMATS = ("pptx", "png", "svg", "pdf")
DIAGRAM_DPI = 300
__all__ = [
    "Cancelled",
    "ExportError",
    "ExportRequest",
    "ExportResult",
    "drawing_modules",
    "fork_processes",
    "run_export",
    "start_writers",
]


def _read_umask() -> int:
    # os.umask can only be read by setting it; do it once, at import, not per file
    # (setting it is process-wide and would race with other threads).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where, and how."""

    pack: Pack
    out_dir: Path
    section_ids: tuple[str, ...] = ()  # empty: the pack's defaults
    formats: tuple[str, ...] = DEFAULT_FORMATS
    deck_layout: str = "deck-16x9"
    infographic_layout: str = "a4-portrait"
    theme: str = "default"
    force: bool = False

    def sections(self) -> list[str]:
        """The chosen section ids, checked against the pack, in the order given."""
        ids = list(self.section_ids) or self.pack.default_section_ids()
        known = [s.id for s in self.pack.sections]
        unknown = [s for s in ids if s not in known]
        if unknown:
            raise ExportError(
                f"unknown section {', '.join(repr(u) for u in unknown)}; "
                f"the pack has: {', '.join(known)}"
            )
        return ids


@dataclass
class ExportResult:
    """The files written, and what the user should know about them."""

    written: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _diagrams(pack: Pack, section_ids: list[str]) -> Iterator[tuple[str, Section, DiagramBlock]]:
    """(file stem, section, diagram) for each diagram of the sections, numbered per section."""
    for sid in section_ids:
        sec = pack.section(sid)
        diagrams = [b for b in sec.blocks if isinstance(b, DiagramBase)]
        for n, d in enumerate(diagrams, start=1):
            yield f"{sid}-{n}", sec, d


def diagram_pages(
    pack: Pack, section_ids: list[str], layout_name: str, theme_name: str
) -> list[tuple[str, Page]]:
    """(file stem, page) for each diagram of the chosen sections, numbered per section."""
    layout, theme = get_layout(layout_name, "deck"), get_theme(theme_name)
    return [
        (stem, diagram_slide(Kit(layout, theme, pack.icons), pack, sec, d, "diagram"))
        for stem, sec, d in _diagrams(pack, section_ids)
    ]


def frame_pages(
    pack: Pack, section_ids: list[str], layout_name: str, theme_name: str
) -> list[tuple[str, list[Page]]]:
    """(file stem, frames) for each diagram that reveals step by step, as diagram_pages."""
    layout, theme = get_layout(layout_name, "deck"), get_theme(theme_name)
    framed = [
        (stem, step_frames(Kit(layout, theme, pack.icons), pack, sec, d))
        for stem, sec, d in _diagrams(pack, section_ids)
    ]
    return [(stem, frames) for stem, frames in framed if frames]


def _png_meta(doc: Document, page: Page) -> dict[str, str]:
    meta = {"Title": page.title or doc.title, "Software": "Infodeck", "Author": doc.author}
    if page.alt:
        meta["Description"] = page.alt
    if page.sources:
        meta["Source"] = ", ".join(page.sources)
    return meta


def _why(e: OSError) -> str:
    """A plain reason, with what to do, for a folder we cannot write in."""
    if e.errno == errno.EROFS:
        return "the drive is read-only; choose a folder on a drive you can write to"
    if e.errno == errno.ENOSPC:
        return "the drive is full; free some space or choose another drive"
    return (e.strerror or str(e)).lower()


def plan(req: ExportRequest, notices: list[str] | None = None) -> list[Job]:
    """Compose everything asked for and return the file-writing jobs (nothing written).

    What composing tells the user (text continued on more slides…) is added to
    ``notices`` when given.
    """
    told = notices if notices is not None else []
    for f in req.formats:
        if f not in FORMATS:
            raise ExportError(f"unknown format '{f}'; choose from: {', '.join(FORMATS)}")
    ids = req.sections()
    deck_layout = get_layout(req.deck_layout, "deck")
    info_layout = get_layout(req.infographic_layout, "infographic")
    theme = get_theme(req.theme)
    pid = req.pack.meta.id
    out = req.out_dir
    jobs: list[Job] = []
    formats = set(req.formats)

    if formats & {"pptx", "slides-png"}:
        deck = compose_deck(req.pack, ids, deck_layout, theme)
        told += deck.notices
        if "pptx" in formats:
            jobs.append(
                Job(
                    out / f"{pid}.pptx",
                    DeckFile(deck),
                    "deck",
                    0.35 * len(deck.pages),
                    ("infodeck.render.pptx",),
                )
            )
        if "slides-png" in formats:
            width = len(str(len(deck.pages)))
            for i, page in enumerate(deck.pages, start=1):
                jobs.append(
                    Job(
                        out / "slides" / f"{pid}-{i:0{width}d}.png",
                        _page_writer(deck, page, "png", deck.dpi),
                        f"slide {i}",
                    )
                )
    if formats & {"png", "pdf"}:
        info = compose_infographic(req.pack, ids, info_layout, theme)
        told += info.notices
        for i, page in enumerate(info.pages, start=1):
            stem = pid if i == 1 else f"{pid}-{i}"
            if "png" in formats:
                jobs.append(
                    Job(
                        out / f"{stem}.png",
                        _page_writer(info, page, "png", info.dpi),
                        f"infographic page {i}",
                        2.0,
                    )
                )
        if "pdf" in formats:
            jobs.append(
                Job(
                    out / f"{pid}.pdf",
                    PdfFile(info.pages, {"Title": info.title, "Author": info.author}),
                    "infographic PDF",
                    1.5 * len(info.pages),
                    BACKENDS["pdf"],
                )
            )
    diag_formats = [f for f in ("png", "svg", "pdf") if f in formats]
    if diag_formats:
        diag_doc_pages = diagram_pages(req.pack, ids, req.deck_layout, req.theme)
        doc = Document(
            tuple(p for _, p in diag_doc_pages), req.pack.meta.title, author=req.pack.meta.author
        )
        for stem, page in diag_doc_pages:
            for f in diag_formats:
                jobs.append(
                    Job(
                        out / "diagrams" / f"{stem}.{f}",
                        _page_writer(doc, page, f, DIAGRAM_DPI),
                        f"diagram {stem}.{f}",
                        1.0 if f == "png" else 0.4,
                        BACKENDS.get(f, MPL),
                    )
                )
    if "frames" in formats:
        framed = frame_pages(req.pack, ids, req.deck_layout, req.theme)
        if not framed:
            told.append(
                "no chosen diagram reveals step by step (pathway, axis and cluster diagrams "
                "do), so no frames were written"
            )
        for stem, frames in framed:
            fdoc = Document(tuple(frames), req.pack.meta.title, author=req.pack.meta.author)
            width = len(str(len(frames)))
            for k, page in enumerate(frames, start=1):
                jobs.append(
                    Job(
                        out / "diagrams" / "frames" / f"{stem}-step-{k:0{width}d}.png",
                        _page_writer(fdoc, page, "png", DIAGRAM_DPI),
                        f"frame {k} of {stem}",
                    )
                )
    return jobs


def _page_writer(doc: Document, page: Page, fmt: str, dpi: int) -> PageFile:
    return PageFile(page, fmt, dpi, _png_meta(doc, page))


def _check_targets(jobs: list[Job], out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"the output path {out_dir} is a file, not a folder; choose a folder")
    existing = [j.target for j in jobs if j.target.exists()]
    for j in jobs:
        if j.target.exists() and j.target.is_dir():
            raise ExportError(f"{j.target} is a folder; cannot write a file there")
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:3]) + (" …" if len(existing) > 3 else "")
        raise ExportError(
            f"{len(existing)} file(s) already exist ({shown}); use --force to replace them "
            "or choose another output folder"
        )


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
    processes: int = 1,
    writers: Writers | None = None,
) -> ExportResult:
    """Compose, write every file to a temporary sibling, then move all into place.

    With ``processes`` > 1 the files are written by that many processes forked from
    this one (the command line asks for ``fork_processes()``; the window, whose process
    has threads, never does), the first at once so that it imports matplotlib while
    this one composes; the files are the same, only written side by side. A caller
    may start them earlier still (``start_writers``); they are used or stopped here.
    """
    if writers is None and processes > 1:
        writers = start_writers(req.formats, processes)
    try:
        return _run(req, progress, cancel, writers)
    finally:
        if writers is not None:
            writers.stop()


def _run(
    req: ExportRequest, progress: Progress | None, cancel: Cancel | None, writers: Writers | None
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
    forked = writers is not None and 1 < len(jobs) <= MAX_JOBS
    try:
        if forked:
            assert writers is not None
            if cancel and cancel():
                raise Cancelled()
            temps = [(_temp_for(job.target), job.target) for job in jobs]
            try:
                writers.run(jobs, [t for t, _ in temps], progress, cancel, total)
            finally:
                writers.stop()  # every writer gone before a temporary file is removed
        for i, job in enumerate(jobs if not forked else ()):
            if cancel and cancel():
                raise Cancelled()
            if progress:
                progress(i, total, f"Writing {job.label}")
            temps.append((_temp_for(job.target), job.target))
            write_job(job, temps[-1][0])
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
