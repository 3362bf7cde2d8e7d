"""The main window: sections on the left, the live preview, problems below.

The window renders the open pack's :class:`~infodeck.workspace.Workspace` (the pack
as edited, the chosen sections, layouts, theme, mode, undo history) and forwards
what the teacher does to it; it holds no state of its own beyond its widgets.
Engine work (opening, drawing the preview, exporting) runs as jobs; results come
back on the GUI thread, and superseded ones are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow

from infodeck.content.load import pack_root
from infodeck.gui.actions import WindowActions
from infodeck.gui.conflicts import ChangeKeeper
from infodeck.gui.errorbox import show_error
from infodeck.gui.jobs import Runner, ThreadRunner
from infodeck.gui.look import LookPickers
from infodeck.gui.look_state import LookState
from infodeck.gui.model import problem_rows
from infodeck.gui.opening import PackLoader, dropped_pack, is_pack_path, not_a_pack
from infodeck.gui.pack_dialogs import export_summary, import_notes_dialog, new_pack_dialog
from infodeck.gui.pipeline import THUMB_WIDTH, PreviewResult, PreviewSpec
from infodeck.gui.preview_driver import TYPING_PAUSE_MS, PreviewDriver, spec_for
from infodeck.gui.problems_panel import open_in_system
from infodeck.gui.settings import Settings
from infodeck.gui.style import STYLE_SHEET
from infodeck.gui.watcher import PackWatcher
from infodeck.gui.window_body import (
    WindowBody,
    edit_dock,
    editor_actions,
    section_context_menu,
    status_counts,
)

if TYPE_CHECKING:
    from infodeck.content.model import Pack
    from infodeck.export.plan import ExportRequest
    from infodeck.gui.editor import NewPackDialog
    from infodeck.gui.export_dialog import ExportDialog
    from infodeck.gui.import_dialog import ImportDialog
    from infodeck.workspace import Workspace, WorkspaceChange

_LOG = logging.getLogger("infodeck.gui")
PREVIEW_DPI = 96.0
DEFAULT_SIZE = QSize(1280, 820)
FRAME_ALLOWANCE = QSize(16, 40)  # title bar and borders around the window's own size
REDRAW = frozenset({"content", "sections", "look", "mode"})


class MainWindow(QMainWindow):
    """The Infodeck window.

    Signals:
        pack_loaded(object): a pack was opened (its ``Workspace``, good, partial or
            with an unusable pack.yaml), or None when the folder was not a pack.
        preview_ready(object): a new preview is on screen (a ``PreviewResult``, or None
            when there is nothing to show).
        preview_failed(object): drawing the preview raised this exception.
    """

    pack_loaded = Signal(object)
    preview_ready = Signal(object)
    preview_failed = Signal(object)

    def __init__(
        self,
        settings: Settings | QSettings | None = None,
        runner: Runner | None = None,
        *,
        error_reporter: Callable[[BaseException], None] | None = None,
        opener: Callable[[Path], object] = open_in_system,
    ) -> None:
        super().__init__()
        self.settings = settings if isinstance(settings, Settings) else Settings(settings)
        self.runner: Runner = runner if runner is not None else ThreadRunner()
        self.error_reporter = error_reporter
        self.opener = opener
        self.ask_pack_folder: Callable[[], str | None] = self._ask_pack_folder
        self.workspace: Workspace | None = None
        self.pack_root: Path | None = None  # the folder shown, or being opened
        self.export_dialog: ExportDialog | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._close_now = False
        self._closed = False

        self.setObjectName("mainWindow")
        self.setWindowTitle("Infodeck")
        self.setAccessibleName("Infodeck")
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE_SHEET)
        self.look = LookPickers(self)
        self.looks = LookState(self.settings, self.look, lambda: self.workspace, self._modes)
        self.body = WindowBody(self)
        self.sections, self.preview, self.problems = (
            self.body.sections,
            self.body.preview,
            self.body.problems,
        )
        self.problems.opener = lambda p: self.opener(p)
        self.editor, self.edit_dock = edit_dock(self)
        self.editor.section_shown.connect(self._editor_section)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.keeper = ChangeKeeper(
            self, self.editor.commit, lambda text: self.statusBar().showMessage(text, 4000)
        )
        self.acts = WindowActions(self, self)
        self.menus = self.acts.build_menus(
            editor_actions(self.editor), self.edit_dock.toggleViewAction()
        )
        self.toolbar, self.export_toolbar = self.acts.build_toolbars()
        self.setCentralWidget(self.body)
        self.status_counts = status_counts(self)
        self.loader = PackLoader(self.runner, self._opened, self._open_failed)
        self.driver = PreviewDriver(self.preview, self.runner, self.preview_spec, self)
        self._follow_current = False  # show the picked section's page when it is drawn
        self.driver.ready.connect(self._preview_done)
        self.driver.failed.connect(self._preview_error)
        self.watcher = PackWatcher(self)
        self.watcher.changed.connect(lambda: self.check_disk(quiet=True))
        self.sections.changed.connect(self._sections_changed)
        self.sections.defaults_requested.connect(self.restore_defaults)
        self.sections.list.currentItemChanged.connect(self._section_selected)
        section_context_menu(self.sections, self.editor)
        self.body.page.open_requested.connect(self.open_dialog)
        self.body.page.builtin_requested.connect(self.open_builtin)
        self.body.page.add_action_button(self.acts.new_pack)
        self.looks.show()
        self.acts.fill_recent_menu()
        self._update_actions()
        self.preview.set_message("Opening…")
        self.resize(self._default_size())
        self.body.restore(self.settings, self)

    # ================================================================ the state shown
    @property
    def pack(self) -> Pack | None:
        """The pack as edited, with every sound section (None: nothing usable)."""
        return self.workspace.pack if self.workspace is not None else None

    @property
    def mode(self) -> str:
        """``"deck"`` or ``"infographic"``: what the preview shows."""
        return self.looks.mode

    def layout_name(self, kind: str) -> str:
        """The layout chosen for ``kind`` ("deck" or "infographic")."""
        return self.looks.layout_name(kind)

    @property
    def theme_name(self) -> str:
        """The chosen theme's name."""
        return self.looks.theme_name

    @property
    def preview_result(self) -> PreviewResult | None:
        """The preview on screen."""
        return self.driver.result

    def _modes(self) -> dict[str, QAction]:
        return self.acts.modes

    def set_mode(self, mode: str) -> None:
        """Preview the slides (``"deck"``) or the infographic."""
        self.looks.set_mode(mode)

    def set_layout(self, name: str) -> None:
        """Choose a layout of the current mode by name."""
        self.looks.set_layout(name)

    def set_theme(self, name: str) -> None:
        """Choose a theme by name."""
        self.looks.set_theme(name)

    # ================================================================ opening packs
    def open_initial(self, path: str | Path | None = None) -> None:
        """Open ``path``, else the last pack, else the built-in pack."""
        last = self.settings.last_pack
        if path:
            self.open_pack(path)
        elif last and is_pack_path(Path(last)):
            self.open_pack(last)
        else:
            self.open_builtin()

    def open_builtin(self) -> None:
        """Open the pack that ships with Infodeck."""
        from infodeck.resources import ResourceError, builtin_pack_dir

        try:
            self.open_pack(builtin_pack_dir())
        except ResourceError as e:
            self.show_notice(str(e))

    def open_dialog(self) -> None:
        """Ask for a pack folder and open it."""
        folder = self.ask_pack_folder()
        if folder:
            self.open_pack(folder)

    def _ask_pack_folder(self) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self.pack_root.parent) if self.pack_root else ""
        return QFileDialog.getExistingDirectory(self, "Open a content pack folder", start) or None

    def open_pack(self, path: str | Path) -> None:
        """Open a pack folder (or its pack.yaml) in the background.

        A folder that is not a pack leaves the open pack open and says why; unsaved
        changes to the open pack are asked about first.
        """
        root = pack_root(path)
        why = not_a_pack(root)
        if why is not None:
            if self.workspace is None and self.pack_root is None:
                self.body.show_page(
                    "This folder is not a content pack",
                    f"“{root}”: {why}. A content pack is a folder with a pack.yaml.",
                )
                self.pack_loaded.emit(None)
            self.show_notice(
                f"“{root}” is not a content pack: {why}. A pack is a folder with a "
                f"pack.yaml. {self._shown_name()} stays open."
            )
            return
        ws = self.workspace
        if ws is not None and ws.dirty and ws.root != root:
            self.keeper.ask_to_save(ws, lambda: self._start_open(root))
            return
        self._start_open(root)

    def _start_open(self, root: Path) -> None:
        self.body.notice_banner.setVisible(False)
        self.pack_root = root
        self.statusBar().showMessage(f"Opening {root}…")
        self.loader.open(root)

    def _open_failed(self, exc: BaseException) -> None:
        from infodeck.errors import UserError

        if isinstance(exc, UserError):  # the folder went away meanwhile, say
            self.show_notice(str(exc))
            return
        self.statusBar().showMessage("The pack could not be read.", 8000)
        self.report_error(exc)

    def _opened(self, ws: Workspace) -> None:
        if self.workspace is not None:
            self._close_workspace()
        self.workspace = ws
        if self.settings.restore_pack(ws):
            self.acts.fill_recent_menu()
        self.looks.restore(ws)
        self._unsubscribe = ws.subscribe(self._workspace_changed)
        self.editor.set_document(ws.document)
        if ws.current is not None:
            self.editor.show_section(ws.current)
        self.driver.pipeline.clear()
        self.driver.result = None
        self.looks.show()
        self._show_pack(opened=True)
        self.statusBar().showMessage(f"Opened {ws.title}.", 4000)
        self.pack_loaded.emit(ws)

    def _close_workspace(self) -> None:
        self.editor.set_document(None)
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = None

    # ================================================================ following the pack
    def _workspace_changed(self, change: WorkspaceChange) -> None:
        what = change.what
        if "current" in what and self.workspace is not None and self.workspace.current:
            self.editor.show_section(self.workspace.current)
            self._follow_current = True
            self._show_current_page()
        if "look" in what or "mode" in what:
            self.looks.show()
        if "sections" in what:
            self._remember_choice()
        if what - {"current", "export"}:
            self._show_pack()
        if what & REDRAW:
            self.driver.request(TYPING_PAUSE_MS if change.reason == "edit" else 0)

    def _show_pack(self, *, opened: bool = False) -> None:
        """Title, sections, problems, page and actions from the workspace as it is."""
        ws = self.workspace
        if ws is None:
            return
        dirty = " — unsaved changes" if ws.dirty else ""
        self.setWindowTitle(f"Infodeck — {ws.title}{dirty}")
        self.sections.follow(ws.sections())
        self._show_problems(self.driver.result.notices if self.driver.result else ())
        assets = [ws.root / d for d in ("images", "icons") if (ws.root / d).is_dir()]
        self.watcher.watch(ws.root, [ws.root / f for f in ws.document.files()] + assets)
        unusable = ws.pack is None
        self.body.stale_banner.setVisible(unusable and self.driver.result is not None)
        if unusable and self.driver.result is None:
            self.body.show_page(
                "This pack cannot be opened yet",
                "Its pack.yaml has mistakes (listed below). Fix them in a text editor: "
                "Infodeck reloads as soon as you save. Or open another pack.",
            )
        else:
            self.body.show_preview()
            picked = [e for e in ws.sections() if e.chosen]
            self.driver.empty_message = (
                "The sections you chose have errors (listed below); they are shown as soon "
                "as they are fixed."
                if picked and all(e.broken for e in picked)
                else "Tick at least one section to see a preview."
            )
            if opened:
                self.preview.set_message("Drawing the preview…")
                self.driver.request()
        self._update_actions()

    def _show_problems(self, notices: tuple[str, ...] = ()) -> None:
        ws = self.workspace
        rows = problem_rows(ws.problems) if ws is not None else []
        self.problems.set_problems(rows, notices, root=ws.root if ws else None)
        self.body.fit_problems()

    def _remember_choice(self) -> None:
        if self.workspace is not None:
            self.settings.remember_pack(self.workspace)

    def _sections_changed(self) -> None:
        ws = self.workspace
        if ws is not None:
            ws.restore_choice(self.sections.order(), self.sections.chosen_ids())

    def _section_selected(self, *_args: object) -> None:
        item = self.sections.list.currentItem()
        if self.workspace is not None and item is not None:
            self.workspace.select(str(item.data(Qt.ItemDataRole.UserRole)))

    def _editor_section(self, rel: str) -> None:
        """The Edit panel shows another section: select it in the list too."""
        ws = self.workspace
        if ws is None or not rel:
            return
        ws.select(rel)
        key = ws.document.section_id(rel) or rel
        if key in self.sections.order():
            self.sections.list.blockSignals(True)
            self.sections.list.setCurrentItem(self.sections.item(key))
            self.sections.list.blockSignals(False)

    def restore_defaults(self) -> None:
        """The pack's own order and default sections."""
        ws = self.workspace
        if ws is not None:
            doc = ws.document
            ids = [doc.section_id(f) for f in doc.section_files()]
            ws.restore_choice([i for i in ids if i is not None], None)
            ws.choose("defaults")

    # ================================================================ edits, saving, disk
    def undo(self) -> None:
        """Edit ▸ Undo (what is being typed counts as the last edit)."""
        if self.workspace is not None:
            self.editor.commit()
            self.workspace.undo()

    def redo(self) -> None:
        """Edit ▸ Redo."""
        if self.workspace is not None:
            self.editor.commit()
            self.workspace.redo()

    def save(self) -> bool:
        """File ▸ Save: the changed files, all or none; True when nothing is left unsaved."""
        return self.keeper.save(self.workspace)

    def check_disk(self, *, quiet: bool = False) -> None:
        """Follow changes made outside Infodeck; unsaved edits under them are asked about."""
        ws = self.workspace
        if ws is None:
            if self.pack_root is not None:
                self.open_pack(self.pack_root)
            return
        _reloaded, conflicts = ws.document.check_disk()
        self._show_pack()
        self.driver.request()
        if conflicts:
            self.keeper.resolve(ws, conflicts)
        elif not quiet:
            self.statusBar().showMessage("Reloaded.", 3000)

    def reload(self) -> None:
        """File ▸ Reload: read the files changed on disk again."""
        self.check_disk()

    def new_pack(self) -> NewPackDialog:
        """File ▸ New pack: the editor's dialog makes the pack, and it opens."""
        return new_pack_dialog(self, self.pack_root, self.open_pack, self.settings)

    def import_notes(self) -> ImportDialog:
        """File ▸ Import notes: the report is shown, then the new pack opens (Open)."""
        return import_notes_dialog(self, self.pack_root, self.open_pack)

    # ================================================================ preview
    def preview_spec(self) -> PreviewSpec | None:
        """What the preview should show now (None: nothing to show)."""
        dpr = min(2.0, max(1.0, self.devicePixelRatioF()))
        return spec_for(self.workspace, self.mode, PREVIEW_DPI * dpr, round(THUMB_WIDTH * dpr))

    def _preview_done(self, result: PreviewResult | None) -> None:
        ws = self.workspace
        if result is None:
            self.status_counts.setText("")
        else:
            n = len(result.pages)
            what = "slide" if result.spec.mode == "deck" else "page"
            total = len(ws.sections()) if ws is not None else 0
            self.status_counts.setText(
                f"{n} {what}{'s' if n != 1 else ''} · "
                f"{len(result.spec.section_keys)} of {total} sections"
            )
            self._show_problems(result.notices)
            self.body.stale_banner.setVisible(ws is not None and ws.pack is None)
            self._show_current_page()
        self.preview_ready.emit(result)

    def _show_current_page(self) -> None:
        """Once after another section is picked (or added), the large preview shows it.

        Only once: a teacher who then clicks another thumbnail keeps it while editing.
        """
        ws = self.workspace
        if not self._follow_current or ws is None or not ws.current:
            return
        if self.preview.show_section(ws.document.section_id(ws.current)):
            self._follow_current = False

    def _preview_error(self, exc: BaseException) -> None:
        self.statusBar().showMessage(f"The preview could not be drawn: {exc}", 10000)
        self.preview_failed.emit(exc)
        self.report_error(exc)

    # ================================================================ export
    def export_request(self, out_dir: Path, formats: tuple[str, ...], force: bool) -> ExportRequest:
        """The engine's ExportRequest for what the window shows now."""
        if self.workspace is None:
            raise ValueError("no pack is open")
        self.workspace.set_export(formats=formats, folder=out_dir)
        return self.workspace.export_request(force=force)

    def show_export(self) -> ExportDialog | None:
        """Open the export dialog (window-modal; the window keeps repainting)."""
        from infodeck.gui.export_dialog import ExportDialog

        ws = self.workspace
        if ws is None or ws.pack is None or not ws.chosen_ids():
            return None
        if self.export_dialog is not None and self.export_dialog.running():
            self.export_dialog.show()
            self.export_dialog.raise_()
            return self.export_dialog
        summary = export_summary(ws, self.look.theme_combo.currentText())
        dlg = ExportDialog(
            self, self.runner, self.settings, self.export_request, self.opener, summary,
            pack=self.workspace.pack if self.workspace is not None else None,
        )
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        self.export_dialog = dlg
        dlg.show()
        return dlg

    # ================================================================ misc
    def _update_actions(self) -> None:
        self.acts.follow(self.workspace, self.pack_root)

    def show_notice(self, text: str) -> None:
        """Say something above the preview until the next pack opens (and in the status bar)."""
        self.body.notice_banner.setText(text)
        self.body.notice_banner.setVisible(True)
        self.statusBar().showMessage(text.split(":")[0] + ".", 8000)

    def _shown_name(self) -> str:
        if self.workspace is not None:
            return f"“{self.workspace.title}”"
        return "The open pack"

    def report_error(self, exc: BaseException) -> None:
        """Tell the teacher about an unexpected error (and log it)."""
        if self.error_reporter is not None:
            self.error_reporter(exc)
        else:
            show_error(exc, self)

    def _default_size(self) -> QSize:
        """1280×820, or less: never more than the screen's free area (a 1366×768 laptop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        return DEFAULT_SIZE.boundedTo(screen.availableGeometry().size() - FRAME_ALLOWANCE)

    def save_settings(self) -> None:
        """Write the window's state to the settings."""
        self.body.save(self.settings, self)
        self._remember_choice()
        self.settings.sync()

    # ================================================================ drag, drop, close
    _dropped_pack = staticmethod(dropped_pack)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept a pack folder (or pack.yaml) dragged from the file manager."""
        if self._dropped_pack(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Open the dropped pack."""
        p = self._dropped_pack(event)
        if p is not None:
            event.acceptProposedAction()
            self.open_pack(p)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Ask about unsaved changes; then save settings and stop every job."""
        ws = self.workspace
        if ws is not None and ws.dirty and not self._close_now and not self._closed:
            event.ignore()

            def close_now() -> None:
                self._close_now = True
                self.close()

            self.keeper.ask_to_save(ws, close_now)
            return
        if self.export_dialog is not None and self.export_dialog.running():
            self.export_dialog.cancel()
        if not self._closed:
            self.save_settings()
        self._closed = self.loader.closed = True
        self.watcher.clear()
        self.driver.stop()
        self.runner.shutdown()
        self._close_workspace()
        super().closeEvent(event)
