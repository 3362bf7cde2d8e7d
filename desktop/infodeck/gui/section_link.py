"""The sections list, the Edit panel and the workspace's choice, kept in step.

The Edit panel edits the open pack's files and shows its current section.

Ticking, dragging and "Restore defaults" in the list change the workspace's choice
and order; picking a section in the list selects it in the workspace (which the Edit
panel and the preview follow); the Edit panel showing another section selects it in
the list without starting another round.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from infodeck.gui.editor import EditorPanel
from infodeck.gui.sections_panel import SectionsPanel

if TYPE_CHECKING:
    from infodeck.workspace import Workspace


class SectionLink:
    """Connects ``sections`` and ``editor`` to whichever workspace ``workspace()`` returns."""

    def __init__(
        self,
        sections: SectionsPanel,
        editor: EditorPanel,
        workspace: Callable[[], Workspace | None],
    ) -> None:
        self.sections = sections
        self.editor = editor
        self.workspace = workspace
        sections.changed.connect(self.choice_changed)
        sections.defaults_requested.connect(self.restore_defaults)
        sections.list.currentItemChanged.connect(self.selected)
        editor.section_shown.connect(self.editor_section)

    def attach(self, ws: Workspace | None) -> None:
        """A pack opened (None: closed): the Edit panel edits its files, at its current section."""
        self.editor.set_document(ws.document if ws is not None else None)
        if ws is not None:
            self.show_current(ws)

    def show_current(self, ws: Workspace) -> None:
        """The Edit panel shows the workspace's current section (if it has one)."""
        if ws.current is not None:
            self.editor.show_section(ws.current)

    def choice_changed(self) -> None:
        """Sections ticked or dragged: the workspace takes the list's order and choice."""
        ws = self.workspace()
        if ws is not None:
            ws.restore_choice(self.sections.order(), self.sections.chosen_ids())

    def selected(self, *_args: object) -> None:
        """A section picked in the list becomes the workspace's current one."""
        item = self.sections.list.currentItem()
        ws = self.workspace()
        if ws is not None and item is not None:
            ws.select(str(item.data(Qt.ItemDataRole.UserRole)))

    def editor_section(self, rel: str) -> None:
        """The Edit panel shows another section: select it in the list too."""
        ws = self.workspace()
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
        ws = self.workspace()
        if ws is not None:
            doc = ws.document
            ids = [doc.section_id(f) for f in doc.section_files()]
            ws.restore_choice([i for i in ids if i is not None], None)
            ws.choose("defaults")
