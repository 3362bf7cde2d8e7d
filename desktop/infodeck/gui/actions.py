"""The window's actions, menus and toolbars, in one place.

Every command a teacher can give the window is a ``QAction`` here, with its keys and
tooltip, so the menus, the toolbar, the guide's table of keys and the tests all see
the same set. The slots are the window's; this module only wires them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from infodeck.gui.look import LookPickers, labelled
from infodeck.gui.preview import PreviewPanel
from infodeck.gui.settings import Settings
from infodeck.gui.theme_saves import theme_saves

if TYPE_CHECKING:
    from infodeck.gui.about import AboutDialog
    from infodeck.gui.guide import GuideDialog
    from infodeck.gui.template_report import TemplateReportDialog
    from infodeck.workspace import Workspace

MODES = {"deck": "Slides", "infographic": "Infographic"}


class WindowSlots(Protocol):
    """What the actions call and read on the window (``MainWindow`` is one).

    Named here, not imported from ``main_window.py``, so that the window imports its
    actions one way.
    """

    look: LookPickers
    preview: PreviewPanel
    settings: Settings
    opener: Callable[[Path], object]

    def new_pack(self) -> object: ...
    def open_dialog(self) -> None: ...
    def import_notes(self) -> object: ...
    def open_builtin(self) -> None: ...
    def open_pack(self, path: Path) -> None: ...
    def save(self) -> bool: ...
    def reload(self) -> None: ...
    def show_export(self) -> object: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def set_mode(self, mode: str) -> None: ...


class WindowActions:
    """Creates the window's actions and puts them in its menus and toolbars."""

    def __init__(self, w: QMainWindow, slots: WindowSlots) -> None:
        self.w = w
        self.slots = slots
        a = self._action
        self.new_pack = a("&New pack…", slots.new_pack, ["Ctrl+N"], "Make a new content pack")
        self.open = a("&Open pack…", slots.open_dialog, ["Ctrl+O"], "Open a content pack folder")
        self.import_notes = a(
            "&Import notes…", slots.import_notes, [], "Make a pack from Markdown or Word notes"
        )
        self.builtin = a("Open the &built-in pack", slots.open_builtin)
        self.check_template = a(
            "Check a school &template…", self.show_template_report, [],
            "See how a school's PowerPoint template would be used; save its look as a theme",
        )
        self.save = a("&Save", slots.save, ["Ctrl+S"], "Save the changed files of the pack")
        self.reload = a("&Reload", slots.reload, ["F5", "Ctrl+R"], "Read the pack's files again")
        self.export = a(
            "&Export…", slots.show_export, ["Ctrl+E"], "Export the deck, infographic and diagrams"
        )
        self.quit = a("&Quit", w.close, ["Ctrl+Q"])
        self.undo = a("&Undo", slots.undo, ["Ctrl+Z"], "Undo the last change")
        self.redo = a("&Redo", slots.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], "Redo what was undone")
        self.guide = a("Infodeck &guide", self.show_guide, ["F1"])
        self.log = a("Open the &log folder", self.open_log_folder)
        self.about = a("&About Infodeck", self.show_about)
        self.guide_dialog: GuideDialog | None = None
        self.zoom_in = a("Zoom &in", lambda: slots.preview.step_zoom(1), ["Ctrl++", "Ctrl+="])
        self.zoom_out = a("Zoom &out", lambda: slots.preview.step_zoom(-1), ["Ctrl+-"])
        self.zoom_fit = a("&Fit page", lambda: slots.preview.set_zoom(None), ["Ctrl+0"])
        self.mode_group = QActionGroup(w)
        self.modes: dict[str, QAction] = {}
        for i, (mode, label) in enumerate(MODES.items(), start=1):
            m = QAction(label, w)
            m.setCheckable(True)
            m.setShortcut(QKeySequence(f"Ctrl+{i}"))
            m.setToolTip(f"Preview the {label.lower()} (Ctrl+{i})")
            m.triggered.connect(lambda _c=False, mode=mode: slots.set_mode(mode))
            self.mode_group.addAction(m)
            w.addAction(m)
            self.modes[mode] = m
        self.recent_menu = QMenu("Open &recent", w)
        # From any Save as theme; the pickers are a QObject, so the connection ends
        # with the window.
        theme_saves().saved.connect(slots.look.refresh_themes)

    # ---- Help and File ▸ Open recent
    def show_about(self) -> AboutDialog:
        """Help ▸ About (non-modal, so it never blocks)."""
        from infodeck.gui.about import AboutDialog

        dlg = AboutDialog(self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def show_guide(self) -> GuideDialog:
        """Help ▸ Guide (non-modal; one at a time), its keys read from these actions."""
        from infodeck.gui.guide import GuideDialog, guide_html, shortcut_rows

        if self.guide_dialog is not None and self.guide_dialog.isVisible():
            self.guide_dialog.raise_()
            return self.guide_dialog
        text = guide_html(shortcut_rows(self.w.actions()), editing=True)
        self.guide_dialog = GuideDialog(self.w, text)
        self.guide_dialog.show()
        return self.guide_dialog

    def show_template_report(self) -> TemplateReportDialog | None:
        """File ▸ Check a school template: its report; a saved theme joins the Theme list."""
        from infodeck.gui.template_report import open_template_report

        return open_template_report(self.w)

    def open_log_folder(self) -> None:
        """Show the log folder, creating it if needed."""
        from infodeck.logs import log_dir

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.slots.opener(folder)

    def follow(self, ws: Workspace | None, pack_root: Path | None) -> None:
        """Enable and name the actions for the workspace as it is now."""
        usable = ws is not None and ws.pack is not None
        self.export.setEnabled(usable and ws is not None and bool(ws.chosen_ids()))
        self.reload.setEnabled(pack_root is not None)
        self.save.setEnabled(ws is not None and ws.dirty)
        for action, can, label in (
            (self.undo, ws is not None and ws.can_undo, "Undo"),
            (self.redo, ws is not None and ws.can_redo, "Redo"),
        ):
            action.setEnabled(can)
            doc = ws.document if ws is not None else None
            what = (doc.undo_label if label == "Undo" else doc.redo_label) if doc else None
            text = f"{label} {what.lower()}" if what and can else label
            action.setText(f"&{text}")
            # The toolbar button keeps its one word: a button that grows with what it
            # undoes ("Undo add reference") pushes Theme into the » menu and jumps about.
            action.setIconText(label)
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({key})")

    def fill_recent_menu(self) -> None:
        """File ▸ Open recent from the settings (folders gone are shown, disabled)."""
        menu = self.recent_menu
        menu.clear()
        recent = self.slots.settings.recent_packs()
        for path in recent:
            item = menu.addAction(path)
            item.setEnabled(Path(path).is_dir())
            item.triggered.connect(lambda _c=False, p=path: self.slots.open_pack(p))
        if recent:
            menu.addSeparator()
            menu.addAction("Clear the list").triggered.connect(self._clear_recent)
        menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.slots.settings.clear_recent()
        self.fill_recent_menu()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[str] | None = None,
        tip: str = "",
    ) -> QAction:
        a = QAction(text, self.w)
        keys = [QKeySequence(s) for s in shortcuts or []]
        a.setShortcuts(keys)
        plain = text.replace("…", "").replace("&", "")
        first = f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else ""
        a.setToolTip((tip or plain) + first)
        a.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(a)
        return a

    def build_menus(self, edit_extra: list[QAction], edit_panel: QAction) -> dict[str, QMenu]:
        """File, Edit, View and Help.

        ``edit_extra`` (the Edit panel's section, picture and reference actions) joins
        the Edit menu; ``edit_panel`` shows or hides the panel (View ▸ Edit panel).
        """
        mb = self.w.menuBar()
        file_menu = mb.addMenu("&File")
        for item in (self.new_pack, self.open, self.import_notes):
            file_menu.addAction(item)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.builtin)
        file_menu.addSeparator()
        file_menu.addAction(self.check_template)
        file_menu.addSeparator()
        file_menu.addAction(self.save)
        file_menu.addAction(self.reload)
        file_menu.addAction(self.export)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = mb.addMenu("&Edit")
        edit_menu.addAction(self.undo)
        edit_menu.addAction(self.redo)
        if edit_extra:
            edit_menu.addSeparator()
            for item in edit_extra:
                edit_menu.addAction(item)
        view_menu = mb.addMenu("&View")
        edit_panel.setText("&Edit panel")
        edit_panel.setShortcut(QKeySequence("Ctrl+Shift+E"))
        view_menu.addAction(edit_panel)
        view_menu.addSeparator()
        for m in self.modes.values():
            view_menu.addAction(m)
        view_menu.addSeparator()
        for item in (self.zoom_in, self.zoom_out, self.zoom_fit):
            view_menu.addAction(item)
        help_menu = mb.addMenu("&Help")
        help_menu.addAction(self.guide)
        help_menu.addSeparator()
        help_menu.addAction(self.log)
        help_menu.addAction(self.about)
        return {"file": file_menu, "edit": edit_menu, "view": view_menu, "help": help_menu}

    def build_toolbars(self) -> tuple[QToolBar, QToolBar]:
        """The main toolbar and, at its right, Export's own.

        Export has a toolbar of its own: when the window is too narrow for
        everything, Qt folds the main toolbar's tail into its » menu while Export
        stays on screen.
        """
        w = self.w
        tb = _toolbar("Main", "mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in (self.open, self.save):
            tb.addAction(item)
        tb.addSeparator()
        tb.addAction(self.undo)
        tb.addAction(self.redo)
        tb.addSeparator()
        tb.addWidget(QLabel("Show"))
        for m in self.modes.values():
            tb.addAction(m)
        tb.addSeparator()
        tb.addWidget(labelled("Layout", self.slots.look.layout_combo))
        tb.addWidget(labelled("Theme", self.slots.look.theme_combo))
        tb.addWidget(labelled("Pages", self.slots.look.pages_spin))
        tb.addWidget(self.slots.look.contrast_chip)
        ex = _toolbar("Export", "exportToolbar")
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        ex.addWidget(spacer)
        ex.addAction(self.export)
        for bar in (tb, ex):
            for item in bar.actions():
                button = bar.widgetForAction(item)
                if isinstance(button, QToolButton):
                    button.setAccessibleName(item.text().replace("&", "").replace("…", ""))
                    if item is self.export:
                        button.setObjectName("exportButton")
            w.addToolBar(bar)
        ex.ensurePolished()
        ex.setMinimumWidth(ex.sizeHint().width())
        return tb, ex


def _toolbar(title: str, name: str) -> QToolBar:
    tb = QToolBar(title)
    tb.setObjectName(name)
    tb.setMovable(False)
    tb.setFloatable(False)
    tb.setAccessibleName(f"{title} toolbar")
    return tb
