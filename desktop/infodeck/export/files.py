"""An export's file-writing jobs: what each file is and how it is written.

Kept apart from ``plan`` (which composes) because the writer processes receive the
jobs pickled (see ``pool``): unpickling them must import only this, the scene's
types and the backends, not the composer, the content model and pydantic, which the
first writer would otherwise import on the way to its first file.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from infodeck.errors import ExportError
from infodeck.export.formats import PNG
from infodeck.scene.elements import Document, Page

if TYPE_CHECKING:  # only a worksheet's own job brings its model along
    from infodeck.compose.materials.model import Worksheet
    from infodeck.render.templated import DeckTemplate


@dataclass(frozen=True)
class DeckFile:
    """Writes the deck (a picklable callable, as every job's ``write``: see pool.py)."""

    doc: Document
    template: DeckTemplate | None = None  # a school's template the deck is built on

    def __call__(self, p: Path) -> None:
        from infodeck.render.pptx import write_pptx

        write_pptx(self.doc, p, template=self.template)


@dataclass(frozen=True)
class PageFile:
    """Writes one page as a PNG, SVG or PDF."""

    page: Page
    fmt: str
    dpi: int
    meta: dict[str, str]

    def __call__(self, p: Path) -> None:
        from infodeck.render.mpl import render_page

        render_page(self.page, p, self.fmt, self.dpi, metadata=self.meta)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PdfFile:
    """Writes pages as one PDF."""

    pages: tuple[Page, ...]
    meta: dict[str, str]

    def __call__(self, p: Path) -> None:
        from infodeck.render.mpl import render_pages_pdf

        render_pages_pdf(self.pages, p, metadata=self.meta)


@dataclass(frozen=True)
class DocxFile:
    """Writes a worksheet as an editable Word file, its diagrams drawn as pictures."""

    worksheet: Worksheet
    dpi: int = 200

    def __call__(self, p: Path) -> None:
        from io import BytesIO

        from infodeck.render.docx import write_docx
        from infodeck.render.mpl import render_page

        pictures = {}
        for i, task in enumerate(self.worksheet.labels):
            buf = BytesIO()
            render_page(task.page, buf, "png", self.dpi, metadata={"Title": task.title})
            pictures[i] = buf.getvalue()
        write_docx(self.worksheet, p, pictures)


@dataclass(frozen=True)
class BytesFile:
    """Writes bytes made while planning (a quiz's GIFT text or Kahoot workbook)."""

    data: bytes

    def __call__(self, p: Path) -> None:
        p.write_bytes(self.data)


@dataclass
class Job:
    """One file to write: where, how, and what writing it imports."""

    target: Path
    write: Callable[[Path], None]
    label: str
    cost: float = 1.0  # rough, relative: the costliest are started first when in parallel
    modules: tuple[str, ...] = PNG.modules  # what ``write`` imports (writers import early)


def disk_error(e: BaseException, folder: Path) -> OSError | None:
    """The drive's error behind ``e``, or None when ``e`` is not the drive's doing.

    Writers do not always let an ``OSError`` through: matplotlib's PDF writer, failing
    to write (a full disk), fails again while closing its stream and raises
    ``AttributeError``, or zlib's "Error -2 while flushing". The first error is then in
    the chain of causes; when it is lost altogether, a drive with no room (or no
    inodes) left is taken to be the cause.
    """
    seen: set[int] = set()
    cur: BaseException | None = e
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, OSError) and cur.errno is not None:
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: Windows has no statvfs
        return None
    if st.f_bavail * st.f_frsize < FULL_BELOW or (st.f_files and st.f_favail == 0):
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return None


FULL_BELOW = 256 * 1024  # bytes free under which a drive counts as full


def describe(e: OSError) -> str:
    """A plain reason, with what to do, for a drive or folder that refused a write."""
    if e.errno == errno.EROFS:
        return "the drive is read-only; choose a folder on a drive you can write to"
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the drive is full; free some space or choose another drive"
    return (e.strerror or str(e)).lower()


def write_job(job: Job, tmp: Path) -> None:
    """Write ``job``'s file to ``tmp``; a failing drive becomes a message for the user."""
    from infodeck.errors import Cancelled

    try:
        job.write(tmp)
    except Cancelled:
        raise
    except Exception as e:
        err = disk_error(e, tmp.parent)
        if err is None:
            raise
        raise ExportError(
            f"could not write {job.target.name} in {job.target.parent}: {describe(err)}"
        ) from e

