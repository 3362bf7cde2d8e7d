"""The window's File dialogs (new pack, import notes) and the export dialog's summary.

Each dialog is window-modal and deletes itself; when it made a pack, ``open_pack``
opens it. Kept apart from the window so that it only forwards the menu command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from infodeck.gui.editor import NewPackDialog
    from infodeck.gui.import_dialog import ImportDialog
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
