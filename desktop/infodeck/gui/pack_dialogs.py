"""The window's File dialogs: new pack, import notes, and export.

Each dialog is window-modal; the new-pack and import dialogs delete themselves and,
when they made a pack, ``open_pack`` opens it. The export dialog lives as long as its
export runs, so a second File ▸ Export brings it back instead of starting another.
Kept apart from the window so that it only forwards the menu command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from infodeck.export.plan import ExportRequest
    from infodeck.gui.editor import NewPackDialog
    from infodeck.gui.export_dialog import ExportDialog, MakeRequest
    from infodeck.gui.import_dialog import ImportDialog
    from infodeck.gui.jobs import Runner
    from infodeck.gui.settings import Settings
    from infodeck.workspace import Workspace


def new_pack_dialog(
    parent: QWidget,
    pack_root: Path | None,
    open_pack: Callable[[Path], None],
    settings: Settings | None = None,
) -> NewPackDialog:
    """File ▸ New pack: the editor's dialog makes the pack, and it opens."""
    from infodeck.gui.editor import NewPackDialog
    from infodeck.resources import ResourceError, builtin_pack_dir

    start = pack_root.parent if pack_root is not None else None
    try:
        builtin = builtin_pack_dir().resolve()
    except ResourceError:
        builtin = None
    if pack_root is not None and pack_root.resolve() == builtin:
        # Beside the built-in pack is inside the app's own files (read-only in an
        # installed app): a teacher's pack starts in their home folder instead.
        start = None
    # The window's own settings: the author typed last time is remembered there, not in
    # the app's default store (tests and a second profile keep theirs apart).
    dlg = NewPackDialog(parent=parent, start_dir=start, settings=settings)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.finished.connect(lambda _r: open_pack(dlg.created) if dlg.created else None)
    dlg.open()
    return dlg


def import_notes_dialog(
    parent: QWidget, pack_root: Path | None, open_pack: Callable[[Path], None]
) -> ImportDialog:
    """File ▸ Import notes: the report is shown, then the new pack opens (Open)."""
    from infodeck.gui.import_dialog import ImportDialog

    start = pack_root.parent if pack_root is not None else None
    dlg = ImportDialog(parent=parent, start_dir=start)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.accepted.connect(lambda: open_pack(dlg.created) if dlg.created else None)
    dlg.open()
    return dlg


def export_summary(ws: Workspace, theme_title: str) -> str:
    """What will be exported, in one or two lines at the top of the export dialog."""
    from infodeck.compose.layouts import layouts

    n = len(ws.chosen_ids())
    pages = ws.infographic_pages
    fit = "fit on one page" if pages == 1 else f"at most {pages} pages"
    summary = (
        f"{ws.title}: {n} section{'s' if n != 1 else ''} · "
        f"{layouts()[ws.deck_layout].title} · {layouts()[ws.infographic_layout].title} "
        f"({fit}) · "
        f"{theme_title} theme"
    )
    broken = [e.title for e in ws.sections() if e.chosen and e.broken]
    if broken:
        summary += f"\nLeft out until their errors are fixed: {', '.join(broken)}"
    return summary


def export_maker(workspace: Callable[[], Workspace | None]) -> MakeRequest:
    """The export dialog's request maker: the open workspace's request, for these choices.

    The folder and formats chosen in the dialog are remembered by the workspace.
    """

    def make(out_dir: Path, formats: tuple[str, ...], force: bool) -> ExportRequest:
        ws = workspace()
        if ws is None:
            raise ValueError("no pack is open")
        ws.set_export(formats=formats, folder=out_dir)
        return ws.export_request(force=force)

    return make


def export_dialog(
    parent: QWidget,
    ws: Workspace | None,
    running: ExportDialog | None,
    theme_title: str,
    deps: tuple[Runner, Settings, MakeRequest, Callable[[Path], object]],
) -> ExportDialog | None:
    """File ▸ Export: a new dialog for the chosen sections, or the one still exporting.

    None when there is nothing to export (no pack, an unusable one, no section chosen).
    ``deps`` are the dialog's runner, settings, request maker and folder opener.
    """
    from infodeck.gui.export_dialog import ExportDialog

    if ws is None or ws.pack is None or not ws.chosen_ids():
        return None
    if running is not None and running.running():
        running.show()
        running.raise_()
        return running
    dlg = ExportDialog(parent, *deps, export_summary(ws, theme_title), pack=ws.pack)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.show()
    return dlg
