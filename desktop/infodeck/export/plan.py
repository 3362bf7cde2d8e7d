"""The export's plan: compose what each format needs and list the files to write.

Nothing is written here: ``plan`` returns the file jobs (``files``) that
``write.run_export`` writes all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from infodeck.compose.deck import compose_deck, diagram_slide
from infodeck.compose.diagrams import DiagramBlock
from infodeck.compose.frames import step_frames
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.model import DiagramBase, Pack, Section
from infodeck.export.files import (
    BACKENDS,
    MPL,
    DeckFile,
    ExportError,
    Job,
    PageFile,
    PdfFile,
)
from infodeck.scene.elements import Document, Page

FORMATS = ("pptx", "png", "svg", "pdf", "slides-png", "frames")
DEFAULT_FORMATS = ("pptx", "png", "svg", "pdf")
DIAGRAM_DPI = 300


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
        (stem, diagram_slide(Kit.for_pack(layout, theme, pack, sec), pack, sec, d, "diagram"))
        for stem, sec, d in _diagrams(pack, section_ids)
    ]


def frame_pages(
    pack: Pack, section_ids: list[str], layout_name: str, theme_name: str
) -> list[tuple[str, list[Page]]]:
    """(file stem, frames) for each diagram that reveals step by step, as diagram_pages."""
    layout, theme = get_layout(layout_name, "deck"), get_theme(theme_name)
    framed = [
        (stem, step_frames(Kit.for_pack(layout, theme, pack, sec), pack, sec, d))
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


