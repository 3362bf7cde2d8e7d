"""An export's file-writing jobs: what each file is and how it is written.

Kept apart from ``plan`` (which composes) because the writer processes receive the
jobs pickled (see ``processes``): unpickling them must import only this, the scene's
types and the backends, not the composer, the content model and pydantic, which the
first writer would otherwise import on the way to its first file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from infodeck.errors import ExportError
from infodeck.export.formats import PNG
from infodeck.scene.elements import Document, Page


@dataclass(frozen=True)
class DeckFile:
    """Writes the deck (a picklable callable, as every job's ``write``: see processes.py)."""

    doc: Document

    def __call__(self, p: Path) -> None:
        from infodeck.render.pptx import write_pptx

        write_pptx(self.doc, p)


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


@dataclass
class Job:
    """One file to write: where, how, and what writing it imports."""

    target: Path
    write: Callable[[Path], None]
    label: str
    cost: float = 1.0  # rough, relative: the costliest are started first when in parallel
    modules: tuple[str, ...] = PNG.modules  # what ``write`` imports (writers import early)


def write_job(job: Job, tmp: Path) -> None:
    """Write ``job``'s file to ``tmp``; a failing drive becomes a message for the user."""
    try:
        job.write(tmp)
    except OSError as e:
        raise ExportError(f"could not write {job.target.name}: {e.strerror or e}") from e
