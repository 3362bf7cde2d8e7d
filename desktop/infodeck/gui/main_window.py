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

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow

from infodeck.content.load import pack_root
from infodeck.gui.actions import WindowActions
from infodeck.gui.closing import Closing
from infodeck.gui.conflicts import ChangeKeeper
from infodeck.gui.errorbox import show_error
from infodeck.gui.jobs import Runner, ThreadRunner
from infodeck.gui.look import LookPickers
from infodeck.gui.look_state import LookState
from infodeck.gui.opening import (
    PackLoader,
    ask_pack_folder,
    dropped_pack,
    is_pack_path,
    not_a_pack,
    not_a_pack_words,
)
from infodeck.gui.pack_dialogs import (
    export_dialog,
    export_maker,
    import_notes_dialog,
    new_pack_dialog,
)
from infodeck.gui.pack_view import PackView
from infodeck.gui.pipeline import THUMB_WIDTH, PreviewResult, PreviewSpec
from infodeck.gui.preview_driver import TYPING_PAUSE_MS, PreviewDriver, spec_for
from infodeck.gui.problems_panel import open_in_system
from infodeck.gui.section_link import SectionLink
from infodeck.gui.settings import Settings
from infodeck.gui.style import STYLE_SHEET
from infodeck.gui.watcher import PackWatcher
from infodeck.gui.window_body import (
    WindowBody,
    default_size,
    edit_dock,
    editor_actions,
    section_context_menu,
    status_counts,
)

if TYPE_CHECKING:
    from infodeck.content.model import Pack
    from infodeck.gui.editor import NewPackDialog
    from infodeck.gui.export_dialog import ExportDialog
    from infodeck.gui.import_dialog import ImportDialog
    from infodeck.workspace import Workspace, WorkspaceChange

_LOG = logging.getLogger("infodeck.gui")
PREVIEW_DPI = 96.0
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
        self.ask_pack_folder: Callable[[], str | None] = lambda: ask_pack_folder(
            self, self.pack_root
        )
        self.workspace: Workspace | None = None
        self.pack_root: Path | None = None  # the folder shown, or being opened
        self.export_dialog: ExportDialog | None = None
        self._unsubscribe: Callable[[], None] | None = None

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
        self.driver.ready.connect(self._preview_done)
        self.driver.failed.connect(self._preview_error)
        self.watcher = PackWatcher(self)
        self.view = PackView(self, self.body, self.driver, self.watcher, self.status_counts)
        self.closing = Closing(self, self.keeper, [
            self.loader.close, self.watcher.clear, self.driver.stop, self.runner.shutdown,
            self._close_workspace,
        ])
        self.watcher.changed.connect(lambda: self.check_disk(quiet=True))
        self.section_link = SectionLink(self.sections, self.editor, lambda: self.workspace)
        section_context_menu(self.sections, self.editor)
        self.body.page.open_requested.connect(self.open_dialog)
        self.body.page.builtin_requested.connect(self.open_builtin)
        self.body.page.add_action_button(self.acts.new_pack)
        self.looks.show()
        self.acts.fill_recent_menu()
        self._update_actions()
        self.preview.set_message("Opening…")
        self.resize(default_size(self))
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

    def open_pack(self, path: str | Path) -> None:
        """Open a pack folder (or its pack.yaml) in the background.

        A folder that is not a pack leaves the open pack open and says why; unsaved
        changes to the open pack are asked about first.
        """
        root = pack_root(path)
        why = not_a_pack(root)
        if why is not None:
            heading, page, notice = not_a_pack_words(root, why, self._shown_name())
            if self.workspace is None and self.pack_root is None:
                self.body.show_page(heading, page)
                self.pack_loaded.emit(None)
            self.show_notice(notice)
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
        self.section_link.attach(ws)
        self.driver.reset()
        self.looks.show()
        self._show_pack(opened=True)
        self.statusBar().showMessage(f"Opened {ws.title}.", 4000)
        self.pack_loaded.emit(ws)

    def _close_workspace(self) -> None:
        self.section_link.attach(None)
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
            self.section_link.show_current(self.workspace)
            self.view.follow_current = True
            self.view.show_current_page(self.workspace)
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
        if self.workspace is not None:
            self.view.show(self.workspace, opened=opened)
            self._update_actions()

    def _remember_choice(self) -> None:
        if self.workspace is not None:
            self.settings.remember_pack(self.workspace)

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
        self.view.preview_done(self.workspace, result)
        self.preview_ready.emit(result)

    def _preview_error(self, exc: BaseException) -> None:
        self.statusBar().showMessage(f"The preview could not be drawn: {exc}", 10000)
        self.preview_failed.emit(exc)
        self.report_error(exc)

    # ================================================================ export
    def show_export(self) -> ExportDialog | None:
        """Open the export dialog (window-modal; the window keeps repainting)."""
        deps = (self.runner, self.settings, export_maker(lambda: self.workspace), self.opener)
        dlg = export_dialog(
            self, self.workspace, self.export_dialog, self.look.theme_combo.currentText(), deps
        )
        if dlg is not None:
            self.export_dialog = dlg
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
        if self.closing.accept(event):
            super().closeEvent(event)
