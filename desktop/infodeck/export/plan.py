"""The export's plan: compose what each format needs and list the files to write.

Nothing is written here: ``plan`` returns the file jobs (``files``) that
``write.run_export`` writes all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from infodeck.compose.deck import compose_deck, diagram_slide
from infodeck.compose.diagrams import DiagramBlock
from infodeck.compose.frames import step_frames
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import Layout, Theme, get_layout, get_theme
from infodeck.compose.materials.handout import compose_handout
from infodeck.compose.materials.paper import choose_paper
from infodeck.compose.materials.sheets import answer_pages, worksheet_pages
from infodeck.compose.materials.worksheet import build as build_worksheet
from infodeck.compose.room import DeckRoom
from infodeck.content.model import DiagramBase, Pack, Section
from infodeck.errors import UnknownName, UsageError
from infodeck.export import formats as fmts
from infodeck.export.files import BytesFile, DeckFile, DocxFile, Job, PageFile, PdfFile
from infodeck.scene.elements import Document, Page

if TYPE_CHECKING:
    from infodeck.export.templating import TemplateLook

DIAGRAM_DPI = 300
NO_TEMPLATE = Path()  # asks for no template, whatever the pack's pack.yaml says


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where, and how (formats by name: ``formats.NAMES``)."""

    pack: Pack
    out_dir: Path
    section_ids: tuple[str, ...] = ()  # empty: the pack's defaults
    formats: tuple[str, ...] = fmts.DEFAULTS
    deck_layout: str = "deck-16x9"
    infographic_layout: str = "a4-portrait"
    infographic_pages: int = 1  # at most; 1 fits the sections on one page
    theme: str = "default"
    force: bool = False
    # A school's template (.pptx/.potx) to build on; None: the pack's ``template:``,
    # if it names one; NO_TEMPLATE: none, even when the pack names one.
    template: Path | None = None

    def template_path(self) -> Path | None:
        """The template this export builds on, if any (the pack's default resolved)."""
        if self.template is not None:
            return None if self.template == NO_TEMPLATE else self.template
        rel = self.pack.meta.template
        return Path(self.pack.root) / rel if rel else None

    def sections(self) -> list[str]:
        """The chosen section ids, checked against the pack, in the order given."""
        ids = list(self.section_ids) or self.pack.default_section_ids()
        known = [s.id for s in self.pack.sections]
        unknown = [s for s in ids if s not in known]
        if unknown:
            raise UnknownName("section", unknown, known, intro="the pack has")
        return ids


@dataclass(frozen=True)
class Look:
    """The request's layouts and theme, resolved once from their names."""

    deck: Layout
    infographic: Layout
    theme: Theme
    template: TemplateLook | None = None  # a school's template: its size, room, theme, logo

    @classmethod
    def of(cls, req: ExportRequest) -> Look:
        """Resolve ``req``'s names (an unknown one raises ``UnknownName``).

        A template, when there is one, replaces the deck layout (its slide size) and
        the theme (its colours and fonts); a template that cannot be used raises
        ``TemplateError`` naming it.
        """
        path = req.template_path()
        if path is None:
            return cls(
                get_layout(req.deck_layout, "deck"),
                get_layout(req.infographic_layout, "infographic"),
                get_theme(req.theme),
            )
        from infodeck.export.templating import template_look

        got = template_look(path)
        return cls(got.layout, get_layout(req.infographic_layout, "infographic"), got.theme,
                   got)

    @property
    def room(self) -> DeckRoom | None:
        return self.template.room if self.template else None



def _diagrams(pack: Pack, section_ids: list[str]) -> Iterator[tuple[str, Section, DiagramBlock]]:
    """(file stem, section, diagram) for each diagram of the sections, numbered per section."""
    for sid in section_ids:
        sec = pack.section(sid)
        diagrams = [b for b in sec.blocks if isinstance(b, DiagramBase)]
        for n, d in enumerate(diagrams, start=1):
            yield f"{sid}-{n}", sec, d


def diagram_pages(
    pack: Pack, section_ids: list[str], layout: Layout, theme: Theme
) -> list[tuple[str, Page]]:
    """(file stem, page) for each diagram of the chosen sections, numbered per section."""
    return [
        (stem, diagram_slide(Kit.for_pack(layout, theme, pack, sec), pack, sec, d, "diagram"))
        for stem, sec, d in _diagrams(pack, section_ids)
    ]


def frame_pages(
    pack: Pack, section_ids: list[str], layout: Layout, theme: Theme
) -> list[tuple[str, list[Page]]]:
    """(file stem, frames) for each diagram that reveals step by step, as diagram_pages."""
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


def _page_job(
    stem: Path, doc: Document, page: Page, w: fmts.Writer, dpi: int, label: str, cost: float
) -> Job:
    """Write one page to ``stem`` plus the writer's suffix."""
    return Job(
        stem.parent / f"{stem.name}.{w.suffix}",
        PageFile(page, w.suffix, dpi, _png_meta(doc, page)),
        label,
        cost,
        w.modules,
    )


def plan(req: ExportRequest, notices: list[str] | None = None) -> list[Job]:
    """Compose everything the chosen formats need and return the jobs (nothing written).

    Each composition (``formats.Composition``) is made once, for every format that
    asks for it; each format's writer decides its files' suffix and how they are
    written. What composing tells the user (text continued on more slides…) is added
    to ``notices`` when given.
    """
    told = notices if notices is not None else []
    bad = fmts.unknown(req.formats)
    if bad:
        raise UnknownName("format", bad, fmts.NAMES)
    ids = req.sections()
    look = Look.of(req)
    if look.template is not None:
        told += look.template.notices
    chosen = fmts.chosen(req.formats)
    wanting: dict[fmts.Composition, list[fmts.Format]] = {}
    for f in chosen:
        for c in f.composes:
            wanting.setdefault(c, []).append(f)
    pack, out, pid = req.pack, req.out_dir, req.pack.meta.id
    jobs: list[Job] = []

    deck: Document | None = None
    if "deck" in wanting or "handout" in wanting:  # the handout draws the deck's slides
        deck = compose_deck(pack, ids, look.deck, look.theme, look.room)
        told += deck.notices
    if deck is not None and "deck" in wanting:
        built_on = look.template.deck if look.template else None
        width = len(str(len(deck.pages)))
        for f in wanting["deck"]:
            if f.writer is fmts.PPTX:
                cost = 0.35 * len(deck.pages)
                jobs.append(
                    Job(out / f"{pid}.pptx", DeckFile(deck, built_on), "deck", cost,
                        f.writer.modules)
                )
                continue
            for i, page in enumerate(deck.pages, start=1):
                target = out / "slides" / f"{pid}-{i:0{width}d}"
                jobs.append(_page_job(target, deck, page, f.writer, deck.dpi, f"slide {i}", 1.0))
    if "infographic" in wanting:
        info = compose_infographic(pack, ids, look.infographic, look.theme,
                                   pages=req.infographic_pages)
        told += info.notices
        for f in wanting["infographic"]:
            if f.writer is fmts.PDF:  # one file, a page each
                meta = {"Title": info.title, "Author": info.author}
                cost = 1.5 * len(info.pages)
                target = out / f"{pid}.pdf"
                pdf = PdfFile(info.pages, meta)
                jobs.append(Job(target, pdf, "infographic PDF", cost, f.writer.modules))
                continue
            for i, page in enumerate(info.pages, start=1):
                target = out / (pid if i == 1 else f"{pid}-{i}")
                label = f"infographic page {i}"
                jobs.append(_page_job(target, info, page, f.writer, info.dpi, label, 2.0))
    if "diagrams" in wanting:
        pages = diagram_pages(pack, ids, look.deck, look.theme)
        doc = Document(tuple(p for _, p in pages), pack.meta.title, author=pack.meta.author)
        for stem, page in pages:
            for f in wanting["diagrams"]:
                label = f"diagram {stem}.{f.writer.suffix}"
                cost = 1.0 if f.writer is fmts.PNG else 0.4
                target = out / "diagrams" / stem
                jobs.append(_page_job(target, doc, page, f.writer, DIAGRAM_DPI, label, cost))
    if "frames" in wanting:
        framed = frame_pages(pack, ids, look.deck, look.theme)
        if not framed:
            told.append(
                "no chosen diagram reveals step by step (pathway, axis and cluster diagrams "
                "do), so no frames were written"
            )
        for stem, frames in framed:
            fdoc = Document(tuple(frames), pack.meta.title, author=pack.meta.author)
            width = len(str(len(frames)))
            for f in wanting["frames"]:
                for k, page in enumerate(frames, start=1):
                    target = out / "diagrams" / "frames" / f"{stem}-step-{k:0{width}d}"
                    label = f"frame {k} of {stem}"
                    jobs.append(_page_job(target, fdoc, page, f.writer, DIAGRAM_DPI, label, 1.0))
    if "quiz" in wanting:
        jobs += _quiz_jobs(req, ids, look, wanting["quiz"], told)
    jobs += _materials(req, ids, look, wanting, told, deck)
    return jobs


def _quiz_jobs(req: ExportRequest, ids: list[str], look: Look,
               wanted: list[fmts.Format], told: list[str]) -> list[Job]:
    """The quiz files: Moodle's GIFT text and Kahoot's spreadsheet (export/quiz.py).

    Sections without a quiz give no empty file: the user's mistake when quiz files
    were all that was asked for, a notice beside the other files otherwise.
    """
    from infodeck.export import quiz

    qs = quiz.questions(req.pack, ids, look.deck, look.theme)
    out, pid = req.out_dir, req.pack.meta.id
    jobs: list[Job] = []
    if not qs:
        names = [f.name for f in wanted]
        if all(f.composes == ("quiz",) for f in fmts.chosen(req.formats)):
            raise quiz.no_quizzes(" and ".join(names))
        told.append(str(quiz.no_quizzes(" and ".join(names))).split("; add")[0]
                    + "; no quiz file was written")
        return jobs
    for f in wanted:
        if f.writer is fmts.GIFT:
            data, target, label = quiz.gift(req.pack, qs), f"{pid}-quiz-gift.txt", "GIFT quiz"
        else:
            data, target, label = quiz.kahoot_xlsx(req.pack, qs), f"{pid}-kahoot.xlsx", "Kahoot"
        jobs.append(Job(out / target, BytesFile(data), label, 0.05, f.writer.modules))
    return jobs


NOTHING_TO_ASK = (
    "the chosen sections give no worksheet: it is made from takeaways, statistics, "
    "pathway, axis, cluster and cycle diagrams and quiz questions (a manufacturer's "
    "section gives none); choose sections that have some"
)


def _materials(req: ExportRequest, ids: list[str], look: Look,
               wanting: dict[fmts.Composition, list[fmts.Format]], told: list[str],
               deck: Document | None) -> list[Job]:
    """The handout, the worksheet (PDF and Word) and the answer key, as chosen.

    A worksheet with nothing to ask is a notice when other files are written, and
    the user's mistake when it was all that was asked for.
    """
    pack, pid = req.pack, req.pack.meta.id
    out = req.out_dir / "classroom"
    paper = choose_paper(look.infographic, pack.meta.language)
    jobs: list[Job] = []
    author = pack.meta.author
    if "handout" in wanting:
        doc = compose_handout(pack, ids, look.deck, look.theme, paper, deck, look.room)
        meta = {"Title": f"{doc.title} – {doc.subject}", "Author": author}
        for f in wanting["handout"]:
            jobs.append(Job(out / f"{pid}-handout.{f.writer.suffix}", PdfFile(doc.pages, meta),
                            "handout", 0.8 * len(doc.pages), f.writer.modules))
    if "worksheet" not in wanting and "answers" not in wanting:
        return jobs
    ws = build_worksheet(pack, ids, look.infographic, look.theme, paper)
    if ws.empty:
        if all(f.composes[0] in ("worksheet", "answers") for f in fmts.chosen(req.formats)):
            raise UsageError(NOTHING_TO_ASK)
        told.append(NOTHING_TO_ASK + "; no worksheet or answer key was written")
        return jobs
    for f in wanting.get("worksheet", []):
        meta = {"Title": f"{ws.title} – {ws.words['worksheet']}", "Author": author}
        pages = tuple(worksheet_pages(ws, look.infographic, look.theme))
        jobs.append(Job(out / f"{pid}-worksheet.{f.writer.suffix}", PdfFile(pages, meta),
                        "worksheet", 0.8 * len(pages), f.writer.modules))
        for w in f.also:
            jobs.append(Job(out / f"{pid}-worksheet.{w.suffix}", DocxFile(ws),
                            f"worksheet .{w.suffix}", 1.0, w.modules))
    for f in wanting.get("answers", []):
        meta = {"Title": f"{ws.title} – {ws.words['answer_key']}", "Author": author}
        pages = tuple(answer_pages(ws, look.infographic, look.theme))
        jobs.append(Job(out / f"{pid}-answers.{f.writer.suffix}", PdfFile(pages, meta),
                        "answer key", 0.8 * len(pages), f.writer.modules))
    return jobs
