"""The state of an open pack, without Qt: what the window shows and the export uses.

A :class:`Workspace` owns the document being edited (``content.edit``), which
sections are chosen and in what order, the layouts, the theme, the mode (slides or
infographic), the export request and the current problems. The window only renders
it and forwards what the teacher does; the command line and the tests drive the
same object. Listeners are plain callables (the window turns them into signals):
each gets a :class:`WorkspaceChange` naming what changed.

The preview is composed by the functions the export uses (``compose_deck``,
``compose_infographic``), so what the window shows, and the notices it gives, are
those of the files the export writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from infodeck.content.edit.document import DocumentChange, PackDocument
from infodeck.content.model import Pack, Section
from infodeck.content.problems import Problem
from infodeck.errors import UnknownName, UsageError

if TYPE_CHECKING:
    from infodeck.export.plan import ExportRequest
    from infodeck.scene.elements import Document

Mode = Literal["slides", "infographic"]
MODES: tuple[Mode, ...] = ("slides", "infographic")
DEFAULT_DECK_LAYOUT = "deck-16x9"
DEFAULT_INFOGRAPHIC_LAYOUT = "a4-portrait"
DEFAULT_THEME = "default"


@dataclass(frozen=True)
class SectionEntry:
    """One section as the section list shows it, broken ones included.

    ``file`` is the section's file inside the pack (stable while its id is edited);
    ``section`` is its model, or None when it has errors (``problems`` say which).
    """

    file: str
    id: str | None
    title: str
    chosen: bool
    section: Section | None
    problems: tuple[Problem, ...]

    @property
    def broken(self) -> bool:
        """True when the section has errors and is left out of the preview and export."""
        return self.section is None


@dataclass
class ExportChoice:
    """The formats and folder of the next export ("replace existing files" is asked each time)."""

    formats: tuple[str, ...] = ()
    folder: Path | None = None


@dataclass(frozen=True)
class WorkspaceChange:
    """What changed, for listeners.

    ``what`` holds some of: ``content`` (the pack's text or files), ``problems``,
    ``sections`` (the list, choice or order), ``current`` (the section being edited),
    ``look`` (layouts, theme or the infographic's pages), ``mode``, ``export``, ``saved``,
    ``history`` (what undo and redo would do). ``files`` names the files an edit touched.
    """

    what: frozenset[str]
    files: frozenset[str] = frozenset()
    reason: str = ""


class Workspace:
    """An open pack and everything the window holds about it (see the module docstring)."""

    def __init__(
        self,
        document: PackDocument,
        *,
        order: Iterable[str] | None = None,
        chosen: Iterable[str] | None = None,
        deck_layout: str = DEFAULT_DECK_LAYOUT,
        infographic_layout: str = DEFAULT_INFOGRAPHIC_LAYOUT,
        theme: str = DEFAULT_THEME,
        mode: Mode = "slides",
    ) -> None:
        """``order`` and ``chosen`` are section ids remembered from last time (or None)."""
        from infodeck.export.formats import DEFAULTS

        self.document = document
        self._listeners: list[Callable[[WorkspaceChange], None]] = []
        self._order: list[str] = []  # section files, in the chosen order
        self._chosen: set[str] = set()  # section files
        self._known: list[str] = []  # pack.yaml's section files when last seen
        self.current: str | None = None
        self.deck_layout = _checked_layout(deck_layout, "deck")
        self.infographic_layout = _checked_layout(infographic_layout, "infographic")
        self.theme = _checked_theme(theme)
        self.infographic_pages = 1  # at most: 1 fits the chosen sections on one page
        self.mode: Mode = mode if mode in MODES else "slides"
        self.export = ExportChoice(formats=DEFAULTS)
        self._fit_sections(initial=True)
        if order is not None or chosen is not None:
            self.restore_choice(order, chosen, notify=False)
        files = self.document.section_files()
        self.current = next((f for f in self._order if f in files), None)
        self._unsubscribe = document.subscribe(self._document_changed)

    @classmethod
    def open(cls, path: str | Path, **kwargs: object) -> Workspace:
        """Open the pack at ``path`` (raises ``NotAPack`` when it is not one)."""
        return cls(PackDocument.open(path), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        """Stop following the document (the window closed this pack)."""
        self._unsubscribe()
        self._listeners.clear()

    # ---- listeners ----------------------------------------------------------------

    def subscribe(self, listener: Callable[[WorkspaceChange], None]) -> Callable[[], None]:
        """Call ``listener`` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, what: Iterable[str], files: Iterable[str] = (), reason: str = "") -> None:
        change = WorkspaceChange(frozenset(what), frozenset(files), reason)
        for listener in list(self._listeners):
            listener(change)

    def _document_changed(self, change: DocumentChange) -> None:
        what = {"content", "problems", "history"}
        if change.reason == "save":
            what = {"saved", "history"}
        if self._fit_sections():
            what.add("sections")
        if self.current is not None and self.current not in self.document.section_files():
            self.current = self._order[0] if self._order else None
            what.add("current")
        self._notify(what, change.files, change.reason)

    # ---- the pack -------------------------------------------------------------------

    @property
    def root(self) -> Path:
        """The pack folder."""
        return self.document.root

    @property
    def pack(self) -> Pack | None:
        """The pack as edited, with every sound section in it.

        None when pack.yaml or the references cannot be used (``problems`` say why).
        """
        return self.document.validation.pack

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the pack as edited, with file:line:col."""
        return self.document.problems

    @property
    def title(self) -> str:
        """The pack's title for the window's title bar (the folder name when unreadable)."""
        meta = self.document.validation.meta
        return meta.title if meta is not None else self.root.name

    @property
    def dirty(self) -> bool:
        """True when there are unsaved changes (the title shows it; closing asks)."""
        return self.document.dirty

    def save(self, *, overwrite: Iterable[str] = ()) -> list[str]:
        """Save the pack (see ``PackDocument.save``: conflicts raise ``SaveConflict``)."""
        return self.document.save(overwrite=overwrite)

    # ---- history ------------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the last edit."""
        self.document.undo()

    def redo(self) -> None:
        """Redo the last undone edit."""
        self.document.redo()

    @property
    def can_undo(self) -> bool:
        """True when there is an edit to undo."""
        return self.document.can_undo

    @property
    def can_redo(self) -> bool:
        """True when there is an undone edit to redo."""
        return self.document.can_redo

    # ---- sections: which, in what order, which one is edited --------------------------

    def _fit_sections(self, initial: bool = False) -> bool:
        """Follow pack.yaml's list of sections; True when anything changed.

        New sections join (chosen when ``default``), gone ones leave; when the pack's
        own order changes, the chosen order follows it.
        """
        files = self.document.section_files()
        if files == self._known and not initial:
            return False
        known_before = self._known
        self._known = list(files)
        before = (list(self._order), set(self._chosen))
        present = set(files)
        if initial or [f for f in known_before if f in present] != [
            f for f in files if f in set(known_before)
        ]:
            kept = set(self._order)
            self._order = list(files)
            new = [f for f in files if f not in kept] if not initial else files
        else:
            self._order = [f for f in self._order if f in present]
            new = []
            for pos, f in enumerate(files):
                if f in self._order:
                    continue
                before_f = [p for p in files[:pos] if p in self._order]
                at = self._order.index(before_f[-1]) + 1 if before_f else 0
                self._order.insert(at, f)
                new.append(f)
        self._chosen &= present
        for f in new:
            if self._default(f):
                self._chosen.add(f)
        return (self._order, self._chosen) != before

    def _default(self, file: str) -> bool:
        got = self.document.get(file, ("default",), True) if self.document.editable(file) else True
        return got is not False and str(got).lower() != "false"

    def sections(self) -> list[SectionEntry]:
        """Every section of the pack, in the chosen order, broken ones included."""
        v = self.document.validation
        out = []
        for f in self._order:
            section = v.sections.get(self._listed_as(f))
            sid = self.document.section_id(f)
            title = section.title if section is not None else ""
            if not title and self.document.editable(f):
                raw = self.document.get(f, ("title",), "")
                title = str(raw) if raw is not None else ""
            out.append(
                SectionEntry(
                    f,
                    sid,
                    title or f,
                    f in self._chosen,
                    section,
                    tuple(v.section_problems.get(self._listed_as(f), ())),
                )
            )
        return out

    def _listed_as(self, file: str) -> str:
        """How pack.yaml writes the path of section ``file`` (validation keys by that)."""
        meta = self.document.validation.meta
        if meta is None:
            return file
        for rel in meta.sections:
            if rel == file or rel.lstrip("./") == file:
                return rel
        return file

    def chosen_ids(self) -> list[str]:
        """The ids of the chosen sections without errors, in the chosen order (preview, export)."""
        return [e.section.id for e in self.sections() if e.chosen and e.section is not None]

    def _file_of(self, key: str) -> str:
        if key in self._order:
            return key
        return self.document.section_rel(key)

    def set_chosen(self, section: str, chosen: bool) -> None:
        """Tick or untick a section (by file or id)."""
        f = self._file_of(section)
        if (f in self._chosen) == chosen:
            return
        (self._chosen.add if chosen else self._chosen.discard)(f)
        self._notify({"sections"})

    def choose(self, which: Literal["all", "none", "defaults"]) -> None:
        """Tick all sections, none, or the pack's defaults."""
        if which == "all":
            self._chosen = set(self._order)
        elif which == "none":
            self._chosen = set()
        else:
            self._chosen = {f for f in self._order if self._default(f)}
        self._notify({"sections"})

    def move(self, section: str, index: int) -> None:
        """Move a section (by file or id) to ``index`` in the chosen order (not in the pack)."""
        f = self._file_of(section)
        self._order.remove(f)
        self._order.insert(max(0, min(index, len(self._order))), f)
        self._notify({"sections"})

    def restore_choice(
        self, order: Iterable[str] | None, chosen: Iterable[str] | None, *, notify: bool = True
    ) -> None:
        """Apply an order and ticks remembered as section ids.

        Unknown ids are skipped; sections not named keep their place and default tick.
        """
        by_id = {self.document.section_id(f): f for f in self._order}
        if order is not None:
            named = [by_id[i] for i in dict.fromkeys(order) if i in by_id]
            rest = [f for f in self._order if f not in named]
            merged = list(named)
            for f in rest:
                pos = self._order.index(f)
                before = [p for p in self._order[:pos] if p in merged]
                merged.insert(merged.index(before[-1]) + 1 if before else 0, f)
            self._order = merged
            if chosen is None:
                chosen = [i for i in order if i in by_id]
        if chosen is not None:
            wanted = {by_id[i] for i in chosen if i in by_id}
            remembered = {by_id[i] for i in (order or ()) if i in by_id}
            self._chosen = wanted | {
                f for f in self._order if f not in remembered and self._default(f)
            }
        if notify:
            self._notify({"sections"})

    def choice_ids(self) -> tuple[list[str], list[str]]:
        """(order, chosen) as section ids, to remember for next time."""
        ids = {f: self.document.section_id(f) for f in self._order}
        order = [i for f in self._order if (i := ids[f]) is not None]
        chosen = [i for f in self._order if f in self._chosen and (i := ids[f]) is not None]
        return order, chosen

    def select(self, section: str | None) -> None:
        """Make a section (by file or id) the one being edited."""
        f = None if section is None else self._file_of(section)
        if f != self.current:
            self.current = f
            self._notify({"current"})

    # ---- look and mode --------------------------------------------------------------------

    def set_deck_layout(self, name: str) -> None:
        """Choose the slides' layout (UnknownName lists the layouts there are)."""
        self.deck_layout = _checked_layout(name, "deck")
        self._notify({"look"})

    def set_infographic_layout(self, name: str) -> None:
        """Choose the infographic's layout."""
        self.infographic_layout = _checked_layout(name, "infographic")
        self._notify({"look"})

    def set_infographic_pages(self, pages: int) -> None:
        """Let the infographic run to at most ``pages`` pages (1: fit on one page)."""
        if not isinstance(pages, int) or pages < 1:
            raise UsageError(f"an infographic has at least one page (got {pages!r})")
        if pages != self.infographic_pages:
            self.infographic_pages = pages
            self._notify({"look"})

    def set_theme(self, name: str) -> None:
        """Choose the colour theme."""
        self.theme = _checked_theme(name)
        self._notify({"look"})

    def set_mode(self, mode: Mode) -> None:
        """Show slides or the infographic."""
        if mode not in MODES:
            raise UnknownName("mode", [mode], MODES)
        if mode != self.mode:
            self.mode = mode
            self._notify({"mode"})

    @property
    def layout(self) -> str:
        """The layout of the current mode."""
        return self.deck_layout if self.mode == "slides" else self.infographic_layout

    # ---- export ---------------------------------------------------------------------------

    def set_export(
        self, *, formats: Iterable[str] | None = None, folder: Path | None = None
    ) -> None:
        """Remember the formats and folder of the next export (never "replace files")."""
        from infodeck.export.formats import NAMES, unknown

        if formats is not None:
            names = tuple(dict.fromkeys(formats))
            bad = unknown(names)
            if bad:
                raise UnknownName("format", bad, NAMES)
            self.export.formats = names
        if folder is not None:
            self.export.folder = Path(folder)
        self._notify({"export"})

    def export_request(self, *, force: bool = False) -> ExportRequest:
        """The export of the chosen sections as they stand; ``force`` is asked each time.

        Raises UsageError when there is nothing to export or no folder is chosen.
        """
        from infodeck.export.plan import ExportRequest

        pack = self.pack
        if pack is None:
            raise UsageError("the pack has errors that stop it from being exported")
        ids = self.chosen_ids()
        if not ids:
            raise UsageError("no section is chosen (or every chosen section has errors)")
        if self.export.folder is None:
            raise UsageError("choose a folder to export to")
        return ExportRequest(
            pack=pack,
            out_dir=self.export.folder,
            section_ids=tuple(ids),
            formats=self.export.formats,
            deck_layout=self.deck_layout,
            infographic_layout=self.infographic_layout,
            infographic_pages=self.infographic_pages,
            theme=self.theme,
            force=force,
        )

    # ---- preview ------------------------------------------------------------------------

    def compose(self, mode: Mode | None = None) -> Document | None:
        """The pages of ``mode`` (default: the current one), composed as the export does.

        None when there is nothing to show. The document's ``notices`` are the export's.
        """
        from infodeck.compose.layouts import get_layout, get_theme

        pack = self.pack
        ids = self.chosen_ids()
        if pack is None or not ids:
            return None
        theme = get_theme(self.theme)
        if (mode or self.mode) == "infographic":
            from infodeck.compose.infographic import compose_infographic

            return compose_infographic(
                pack, ids, get_layout(self.infographic_layout, "infographic"), theme,
                pages=self.infographic_pages,
            )
        from infodeck.compose.deck import compose_deck

        return compose_deck(pack, ids, get_layout(self.deck_layout, "deck"), theme)


def _checked_layout(name: str, kind: Literal["deck", "infographic"]) -> str:
    from infodeck.compose.layouts import get_layout

    get_layout(name, kind)  # raises UnknownName with the choices
    return name


def _checked_theme(name: str) -> str:
    from infodeck.compose.layouts import get_theme

    get_theme(name)
    return name


__all__ = [
    "MODES",
    "ExportChoice",
    "Mode",
    "SectionEntry",
    "Workspace",
    "WorkspaceChange",
]
