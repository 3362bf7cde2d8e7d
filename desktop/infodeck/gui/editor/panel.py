"""The Edit panel: the selected section's fields, its blocks, and each block's form.

A thin face over the engine's :class:`~infodeck.content.edit.document.PackDocument`:
the panel reads plain data from it, turns every change the teacher makes into one
of its commands (so Undo takes it back), and redraws from it when it says it
changed, whoever changed it (this panel, Undo in the window, a reload). Problems
come from the document's own validation and are shown at the field they concern.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.content import model as schema
from infodeck.gui.editor.blocks import BlockList, block_title
from infodeck.gui.editor.fields import (
    block_type_of,
    block_types,
    edit_label,
    label_for,
    schema_starter,
)
from infodeck.gui.editor.forms import PROBLEM_STYLE, Edit, ModelForm, RefsSource
from infodeck.gui.editor.icons import IconSource
from infodeck.gui.editor.refcheck import short_reference
from infodeck.scene.markup import plain

if TYPE_CHECKING:
    from infodeck.content.edit.document import DocumentChange, PackDocument
    from infodeck.workspace import Workspace, WorkspaceChange

_SECTION_PREFIX = re.compile(r"^sections\[\d+\]\.?")


def problems_by_path(problems: list[Any]) -> dict[str, str]:
    """Problems of one section file as ``where`` (inside the file) → message.

    Errors come before warnings; the first message for a place wins.
    """
    out: dict[str, str] = {}
    ordered = sorted(problems, key=lambda p: p.severity != "error")
    for p in ordered:
        where = _SECTION_PREFIX.sub("", p.where or "")
        msg = p.message if p.severity == "error" else f"warning: {p.message}"
        out.setdefault(where, msg)
    return out


def sub_problems(problems: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The problems under ``prefix`` (``blocks[2]``), relative to it."""
    out: dict[str, str] = {}
    for k, v in problems.items():
        if k == prefix:
            out[""] = v
        elif k.startswith(prefix + "."):
            out[k[len(prefix) + 1 :]] = v
        elif k.startswith(prefix + "["):
            out[k[len(prefix) :]] = v
    return out


def starter_name(key: str) -> str:
    """The engine's starter name of a block type key: ``diagram:pathway`` → ``pathway``."""
    return key.split(":", 1)[1] if ":" in key else key


def block_starter(key: str) -> dict[str, Any]:
    """The engine's starter for a block type key; one made from the schema when it has none."""
    from infodeck.content.starters import StarterError
    from infodeck.content.starters import block_starter as engine_starter

    try:
        return engine_starter(starter_name(key))
    except StarterError:
        bt = next((b for b in block_types() if b.key == key), None)
        if bt is None:
            raise
        return schema_starter(bt.model)


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class EditorPanel(QWidget):
    """Edit the pack's sections: fields, blocks, references, pictures.

    Give it a :class:`~infodeck.workspace.Workspace` (it then edits the workspace's
    document and follows its ``current`` section, both ways) or a document alone;
    the section to show is chosen with :meth:`show_section`, the workspace, or
    the panel's own list. Every action has a keyboard shortcut (while the panel has
    the focus) and sits in a right-click menu.

    Signals:
        section_shown(str): the panel now edits this section file ('' for none).
        message(str): something the status bar should say (an edit refused, saved).
    """

    section_shown = Signal(str)
    message = Signal(str)

    def __init__(
        self, source: Workspace | PackDocument | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editorPanel")
        self.doc: PackDocument | None = None
        self.workspace: Workspace | None = None
        self.rel: str | None = None  # the section file shown
        self._unsubscribe: Callable[[], None] | None = None
        self._unsubscribe_ws: Callable[[], None] | None = None
        self.icons = IconSource()
        self.icons.importer = self.import_icon
        self.ask_svg: Callable[[QWidget], str | None] = _ask_svg  # replaced in tests
        self.refs = RefsSource()
        self.ask: Callable[..., Any] = self._ask_default  # replaced in tests
        self._problems: dict[str, str] = {}
        self._refreshing = False

        # ---- the section picker and its menu
        self.section_combo = QComboBox()
        self.section_combo.setAccessibleName("Section to edit")
        self.section_combo.setToolTip("The section being edited")
        self.section_combo.activated.connect(self._combo_picked)
        self.section_menu_button = QToolButton()
        self.section_menu_button.setText("Section ▾")
        self.section_menu_button.setAccessibleName("Section actions")
        self.section_menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        # ---- actions (shortcuts work while the focus is inside the panel)
        self.new_section_action = self._action("&New section…", self.new_section,
                                               "Ctrl+Shift+N")
        self.duplicate_section_action = self._action("D&uplicate section",
                                                     self.duplicate_section)
        self.delete_section_action = self._action("&Delete section…", self.delete_section)
        self.section_up_action = self._action("Move section &up", lambda: self.move_section(-1),
                                              "Ctrl+Shift+Up", window=False)
        self.section_down_action = self._action("Move section dow&n",
                                                lambda: self.move_section(1), "Ctrl+Shift+Down",
                                                window=False)
        self.references_action = self._action("&References…", self.show_references,
                                              "Ctrl+Shift+R")
        self.pack_details_action = self._action("Pack de&tails…", self.show_pack_details)
        self.picture_action = self._action("Add &picture…", self.add_picture, "Ctrl+Shift+P")
        self.add_block_action = self._action("Add &block…", self.show_add_block_menu,
                                             "Ctrl+Shift+B")
        menu = QMenu(self)
        for a in (self.new_section_action, self.duplicate_section_action,
                  self.delete_section_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.section_up_action)
        menu.addAction(self.section_down_action)
        menu.addSeparator()
        menu.addAction(self.references_action)
        menu.addAction(self.picture_action)
        menu.addAction(self.pack_details_action)
        self.section_menu = menu
        self.section_menu_button.setMenu(menu)
        # The same menu on a right-click of the section list and the panel's background.
        for w in (self.section_combo, self):
            w.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            w.customContextMenuRequested.connect(
                lambda pos, w=w: self.section_menu.popup(w.mapToGlobal(pos))
            )

        # ---- the section's own fields
        self.section_form = ModelForm(schema.Section, self.icons, self.refs, skip=("id",))
        self.section_form.edited.connect(self._section_edited)
        self.section_problem = QLabel("")
        self.section_problem.setWordWrap(True)
        self.section_problem.setStyleSheet(PROBLEM_STYLE)
        self.section_problem.setVisible(False)
        section_page = QWidget()
        sl = QVBoxLayout(section_page)
        sl.setContentsMargins(8, 8, 8, 8)
        sl.addWidget(self.section_problem)
        sl.addWidget(self.section_form)
        sl.addStretch(1)

        # ---- blocks: the list, and the selected block's form
        self.block_list = BlockList()
        self.block_list.current_changed.connect(self._block_selected)
        self.block_list.add_requested.connect(self.add_block)
        self.block_list.delete_requested.connect(self.delete_block)
        self.block_list.duplicate_requested.connect(self.duplicate_block)
        self.block_list.move_requested.connect(self.move_block)
        self.block_forms: dict[type, ModelForm] = {}
        self.block_stack = QStackedWidget()
        self.no_block = QLabel("Choose a block above, or add one with “+ Add block”.")
        self.no_block.setObjectName("panelHint")
        self.no_block.setWordWrap(True)
        self.no_block.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.block_stack.addWidget(self.no_block)
        self.block_pages: dict[type, QWidget] = {}
        for bt in block_types():
            form = ModelForm(bt.model, self.icons, self.refs)
            form.edited.connect(self._block_edited)
            self.block_forms[bt.model] = form
            page = QWidget()  # the form at the top, the room below it left empty
            pl = QVBoxLayout(page)
            pl.setContentsMargins(0, 0, 0, 0)
            pl.addWidget(form)
            pl.addStretch(1)
            self.block_pages[bt.model] = page
            self.block_stack.addWidget(page)
        self.block_box = QGroupBox("Block")
        self.block_problem = QLabel("")
        self.block_problem.setWordWrap(True)
        self.block_problem.setStyleSheet(PROBLEM_STYLE)
        self.block_problem.setVisible(False)
        bl = QVBoxLayout(self.block_box)
        bl.setContentsMargins(8, 6, 8, 8)
        bl.addWidget(self.block_problem)
        bl.addWidget(self.block_stack)
        bl.addStretch(1)
        block_scroll = _scroll(self.block_box)
        self.blocks_split = QSplitter(Qt.Orientation.Vertical)
        self.blocks_split.setChildrenCollapsible(False)
        list_holder = QWidget()
        lh = QVBoxLayout(list_holder)
        lh.setContentsMargins(8, 8, 8, 4)
        lh.addWidget(self.block_list)
        self.blocks_split.addWidget(list_holder)
        self.blocks_split.addWidget(block_scroll)
        self.blocks_split.setStretchFactor(0, 1)
        self.blocks_split.setStretchFactor(1, 3)
        self.blocks_split.setSizes([180, 480])

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(_scroll(section_page), "Section")
        self.tabs.addTab(self.blocks_split, "Blocks")
        self.tabs.setTabToolTip(0, "Title, summary, takeaway, icon, notes")
        self.tabs.setTabToolTip(1, "The section's text, statistics, diagrams and pictures")

        # ---- the bottom row
        self.refs_button = QPushButton("References…")
        self.refs_button.setToolTip("Add, edit and remove the pack's references (Ctrl+Shift+R)")
        self.refs_button.clicked.connect(self.show_references)
        self.picture_button = QPushButton("Add picture…")
        self.picture_button.setToolTip("Add a picture to this section (Ctrl+Shift+P)")
        self.picture_button.clicked.connect(self.add_picture)
        self.status = QLabel("")
        self.status.setObjectName("panelHint")
        self.status.setWordWrap(True)
        self.empty = QLabel("Open or create a pack to edit it.")
        self.empty.setObjectName("panelHint")
        self.empty.setWordWrap(True)
        self.broken = QLabel("")
        self.broken.setWordWrap(True)
        self.broken.setStyleSheet(PROBLEM_STYLE)
        self.broken.setVisible(False)

        head = QHBoxLayout()
        head.addWidget(self.section_combo, 1)
        head.addWidget(self.section_menu_button)
        foot = QHBoxLayout()
        foot.addWidget(self.refs_button)
        foot.addWidget(self.picture_button)
        foot.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(6)
        lay.addLayout(head)
        lay.addWidget(self.empty)
        lay.addWidget(self.broken)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.status)
        lay.addLayout(foot)
        self.setMinimumWidth(320)
        self.setAcceptDrops(True)

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(8000)
        self._status_timer.timeout.connect(lambda: self.status.setText(""))
        self.set_source(source)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: str = "", *, window: bool = True
    ) -> QAction:
        """An action of the panel, its shortcut working anywhere in the window.

        The window may list it in its Edit menu. With ``window`` False the shortcut
        works inside the panel only: moving a section with Ctrl+Shift+↑ must not take
        the key from a text box elsewhere.
        """
        a = QAction(text, self)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(
                Qt.ShortcutContext.WindowShortcut if window
                else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        tip = text.replace("&", "").replace("…", "")
        a.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        a.triggered.connect(lambda _c=False: slot())
        self.addAction(a)
        return a

    # ================================================================ document
    def set_source(self, source: Workspace | PackDocument | None) -> None:
        """Edit a workspace's document (following its current section) or a document alone."""
        from infodeck.workspace import Workspace

        if isinstance(source, Workspace):
            self.set_workspace(source)
        else:
            self.set_document(source)

    def set_workspace(self, workspace: Workspace | None) -> None:
        """Edit ``workspace``'s document; the section shown is its ``current`` one, both ways."""
        if self._unsubscribe_ws is not None:
            self._unsubscribe_ws()
            self._unsubscribe_ws = None
        self.workspace = workspace
        self._attach(workspace.document if workspace is not None else None)
        if workspace is not None:
            self._unsubscribe_ws = workspace.subscribe(self._workspace_changed)
            if workspace.current is not None:
                self.show_section(workspace.current)
            elif self.rel is not None:
                workspace.select(self.rel)

    def set_document(self, document: PackDocument | None) -> None:
        """Edit ``document`` alone (None: nothing to edit)."""
        if self._unsubscribe_ws is not None:
            self._unsubscribe_ws()
            self._unsubscribe_ws = None
        self.workspace = None
        self._attach(document)

    def _attach(self, document: PackDocument | None) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.doc = document
        self.rel = None
        if document is not None:
            self._unsubscribe = document.subscribe(self._document_changed)
        self.refresh()

    def _document_changed(self, _change: DocumentChange) -> None:
        self.refresh()

    def _workspace_changed(self, change: WorkspaceChange) -> None:
        ws = self.workspace
        if ws is not None and "current" in change.what and ws.current and ws.current != self.rel:
            self.show_section(ws.current)

    def sections(self) -> list[str]:
        """The section files, in the pack's order."""
        return self.doc.section_files() if self.doc is not None else []

    def show_section(self, section: str) -> None:
        """Edit the section with this id or file (``sections/diet.yaml``)."""
        if self.doc is None:
            return
        rel = section
        if section not in self.sections():
            for r in self.sections():
                if self.doc.section_id(r) == section:
                    rel = r
                    break
            else:
                return
        if rel != self.rel:
            self.commit()
            self.rel = rel
            self.refresh()
            self.section_shown.emit(rel)
        if self.workspace is not None and self.workspace.current != rel:
            self.workspace.select(rel)

    def current_section(self) -> str | None:
        """The section file being edited."""
        return self.rel

    def commit(self) -> None:
        """Send what is being typed now (before Save, Undo, or showing another section)."""
        if self._refreshing:
            return
        self.section_form.commit()
        for form in self.block_forms.values():
            if form.isVisible():
                form.commit()

    # ================================================================ showing
    def refresh(self) -> None:
        """Show the document as it is now (after any change, from anywhere)."""
        if self._refreshing:
            return
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False

    def _refresh(self) -> None:
        doc = self.doc
        files = self.sections()
        if self.rel not in files:
            self.rel = files[0] if files else None
        has = doc is not None and self.rel is not None
        self.empty.setVisible(not has)
        self.empty.setText(
            "Open or create a pack to edit it." if doc is None
            else "This pack has no sections yet: add one with Section ▾ → New section."
        )
        for a in (self.duplicate_section_action, self.delete_section_action,
                  self.picture_action, self.add_block_action):
            a.setEnabled(has)
        self.new_section_action.setEnabled(doc is not None)
        self.references_action.setEnabled(doc is not None)
        self.pack_details_action.setEnabled(doc is not None)
        self.refs_button.setEnabled(doc is not None)
        self.picture_button.setEnabled(has)
        self._fill_combo(files)
        if doc is None:
            self.tabs.setVisible(False)
            self.broken.setVisible(False)
            return
        own, _, _ = doc.pack_icons()
        self.icons.set_own(own)
        self.refs.set_refs([
            (str(r.get("key")), short_reference(r)) for r in doc.references()
            if isinstance(r, Mapping) and r.get("key")
        ])
        if self.rel is None:
            self.tabs.setVisible(False)
            self.broken.setVisible(False)
            return
        i = files.index(self.rel)
        self.section_up_action.setEnabled(i > 0)
        self.section_down_action.setEnabled(i < len(files) - 1)
        problems = self._section_problems(self.rel)
        self._problems = problems
        if not doc.editable(self.rel):
            self.tabs.setVisible(False)
            self.broken.setVisible(True)
            first = next(iter(problems.values()), "it cannot be read")
            self.broken.setText(
                f"{self.rel} cannot be edited here until its mistakes are fixed in a text "
                f"editor: {first}. The Problems panel says where."
            )
            self.picture_button.setEnabled(False)
            return
        self.broken.setVisible(False)
        self.tabs.setVisible(True)
        data = doc.get(self.rel)
        data = data if isinstance(data, Mapping) else {}
        self.section_form.set_data(data)
        self.section_form.set_problems(problems)
        general = [m for k, m in problems.items() if k == ""]
        self.section_problem.setText("\n".join(general))
        self.section_problem.setVisible(bool(general))
        blocks = data.get("blocks")
        blocks = blocks if isinstance(blocks, list) else []
        block_msgs: dict[int, str] = {}
        for k, m in problems.items():
            g = re.match(r"^blocks\[(\d+)\]\.?", k)
            if g:
                where = k[g.end():]
                field = label_for(where.split(".")[0].split("[")[0]) if where else ""
                block_msgs.setdefault(int(g.group(1)), f"{field}: {m}" if field else m)
        n_blocks = len(blocks)
        self.tabs.setTabText(1, f"Blocks ({n_blocks})")
        bad = sum(1 for k in problems if not k.startswith("blocks"))
        self.tabs.setTabText(0, "Section ⚠" if bad else "Section")
        if block_msgs:
            self.tabs.setTabText(1, f"Blocks ({n_blocks}) ⚠")
        keep = self.block_list.current()
        self.block_list.set_blocks(blocks, block_msgs, current=keep)
        self._show_block(self.block_list.current())

    def _fill_combo(self, files: list[str]) -> None:
        doc = self.doc
        with QSignalBlocker(self.section_combo):
            self.section_combo.clear()
            if doc is None:
                self.section_combo.setEnabled(False)
                return
            errors = {
                rel for rel, ps in doc.validation.section_problems.items()
                if any(p.severity == "error" for p in ps)
            }
            for n, rel in enumerate(files, start=1):
                title = None
                if doc.editable(rel):
                    data = doc.get(rel)
                    if isinstance(data, Mapping):
                        title = data.get("title")
                text = f"{n}. {plain(title) if isinstance(title, str) else rel}"
                if rel in errors:
                    text += "  ⚠"
                self.section_combo.addItem(text, rel)
            self.section_combo.setEnabled(bool(files))
            if self.rel is not None:
                self.section_combo.setCurrentIndex(max(0, self.section_combo.findData(self.rel)))

    def _section_problems(self, rel: str) -> dict[str, str]:
        assert self.doc is not None
        found = self.doc.validation.section_problems
        for key, ps in found.items():
            if posixpath.normpath(key) == rel:  # as pack.yaml spells it ("./sections/…")
                return problems_by_path(ps)
        return {}

    def _combo_picked(self, idx: int) -> None:
        rel = self.section_combo.itemData(idx)
        if rel:
            self.show_section(str(rel))

    def _block_selected(self, index: int) -> None:
        if not self._refreshing:
            self.commit()
        self._show_block(index)

    def current_block(self) -> int:
        """The selected block's index (-1: none)."""
        return self.block_list.current()

    def block_form(self) -> ModelForm | None:
        """The form of the selected block (None when no block is selected)."""
        w = self.block_stack.currentWidget()
        for model, page in self.block_pages.items():
            if page is w:
                return self.block_forms[model]
        return None

    def _show_block(self, index: int) -> None:
        blocks = self.block_list.blocks
        if not 0 <= index < len(blocks):
            self._show_page(self.no_block)
            self.block_box.setTitle("Block")
            self.block_problem.setVisible(False)
            return
        data = blocks[index]
        bt = block_type_of(data)
        mine = sub_problems(self._problems, f"blocks[{index}]")
        self.block_box.setTitle(f"{index + 1}. {block_title(data)}")
        if bt is None:
            self._show_page(self.no_block)
            self.no_block.setText(
                "This block's type is not one Infodeck knows; fix it in a text editor "
                f"or delete it. {mine.get('', '')}"
            )
            self.block_problem.setVisible(False)
            return
        form = self.block_forms[bt.model]
        form.set_data(data if isinstance(data, Mapping) else {})
        form.set_problems(mine)
        known = set(form.editors) | {"uncited"}
        general = [m for k, m in mine.items()
                   if k == "" or k.split(".")[0].split("[")[0] not in known]
        self.block_problem.setText("\n".join(dict.fromkeys(general)))
        self.block_problem.setVisible(bool(general))
        self._show_page(self.block_pages[bt.model])

    def _show_page(self, page: QWidget) -> None:
        # The stack is as tall as its current page, not its tallest one, so a short
        # form does not scroll through empty space.
        if self.block_stack.currentWidget() is page:
            # Already shown: resizing it again after every edit moves the form under
            # the mouse for a moment, and a click that had just left a field (which
            # commits it) would land beside its tick box.
            return
        for i in range(self.block_stack.count()):
            w = self.block_stack.widget(i)
            if w is None:
                continue
            policy = QSizePolicy.Policy.Preferred if w is page else QSizePolicy.Policy.Ignored
            w.setSizePolicy(policy, policy)
        self.block_stack.setCurrentWidget(page)
        self.block_stack.adjustSize()

    # ================================================================ edits
    def _apply(self, what: Callable[[], object]) -> Any:
        """Run one document call; a refused edit is said in the panel, not raised."""
        from infodeck.content.edit.document import EditError

        try:
            return what()
        except EditError as e:
            self.say(str(e))
            self.refresh()
            return None

    def say(self, text: str) -> None:
        """Show a short message in the panel and tell the window."""
        self.status.setText(text)
        self._status_timer.start()
        self.message.emit(text)

    def set_values(self, rel: str, edits: list[Edit], label: str = "") -> None:
        """Apply ``(path, value)`` edits to ``rel`` as one undo step."""
        doc = self.doc
        if doc is None or not edits:
            return
        label = label or edit_label(edits[0][0])
        if len(edits) == 1:
            (path, value), = edits
            self._apply(lambda: doc.set_value(rel, path, value, label=label))
            return
        from infodeck.content.edit.commands import Composite, SetValue

        commands = [SetValue(rel, tuple(p), v, typing=False) for p, v in edits]
        self._apply(lambda: doc.apply(Composite(commands, label)))

    def _section_edited(self, edits: list[Edit]) -> None:
        if self.rel is not None:
            self.set_values(self.rel, edits)

    def _block_edited(self, edits: list[Edit]) -> None:
        index = self.block_list.current()
        if self.rel is None or index < 0:
            return
        self.set_values(self.rel, [(("blocks", index, *p), v) for p, v in edits])

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        # Leaving a field ends its typing: the next edit there is a new undo step.
        if self.doc is not None and old is not None and self.isAncestorOf(old):
            self.doc.end_typing()

    # ---- blocks
    def show_add_block_menu(self) -> None:
        """Open the Add block menu (Ctrl+Shift+B)."""
        self.tabs.setCurrentIndex(1)
        self.block_list.show_add_menu()

    def add_block(self, key: str, index: int | None = None) -> None:
        """Add a block of type ``key`` (``stat``, ``diagram:pathway``) from its starter."""
        doc, rel = self.doc, self.rel
        if doc is None or rel is None:
            return
        at = len(self.block_list.blocks) if index is None else index
        if key == "picture":
            self.add_picture(at)
            return
        got = self._apply(lambda: doc.add_block(rel, block_starter(key), at))
        if got is not None:
            self.tabs.setCurrentIndex(1)
            self.block_list.set_current(int(got))
            self._focus_first_field()

    def _focus_first_field(self) -> None:
        form = self.block_form()
        if form is not None and form.editors:
            first = next(iter(form.editors.values()))
            first.editor.setFocus()

    def delete_block(self, index: int) -> None:
        """Delete block ``index`` (Undo brings it back)."""
        doc, rel = self.doc, self.rel
        if doc is not None and rel is not None:
            self._apply(lambda: doc.delete_block(rel, index))
            self.say("Block deleted (Undo brings it back).")

    def duplicate_block(self, index: int) -> None:
        """Copy block ``index`` below it and select the copy."""
        doc, rel = self.doc, self.rel
        if doc is not None and rel is not None:
            got = self._apply(lambda: doc.duplicate_block(rel, index))
            if got is not None:
                self.block_list.set_current(int(got))

    def move_block(self, source: int, target: int) -> None:
        """Move block ``source`` to ``target`` and keep it selected."""
        doc, rel = self.doc, self.rel
        if doc is not None and rel is not None:
            self._apply(lambda: doc.move_block(rel, source, target))
            self.block_list.set_current(target)

    # ---- sections
    def new_section(self) -> None:
        """Ask for a new section's starter and title; show the new section."""
        if self.doc is None:
            return
        from infodeck.gui.editor.new_section import NewSectionDialog

        files = self.sections()
        index = files.index(self.rel) + 1 if self.rel in files else len(files)
        dlg = NewSectionDialog(self.doc, index, self)
        if self.ask(dlg) and dlg.created:
            self.show_section(dlg.created)
            self.tabs.setCurrentIndex(0)
            self.section_form.editors["title"].editor.setFocus()

    def duplicate_section(self) -> None:
        """Copy the section (new id and file) and show the copy."""
        doc, rel = self.doc, self.rel
        if doc is not None and rel is not None:
            got = self._apply(lambda: doc.duplicate_section(rel))
            if got:
                self.show_section(str(got))

    def delete_section(self) -> None:
        """Take the section out of the pack, after asking (Undo brings it back)."""
        doc, rel = self.doc, self.rel
        if doc is None or rel is None:
            return
        title = self.section_combo.currentText().split(". ", 1)[-1].rstrip(" ⚠")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete section",
            f"Delete the section “{title}”?\n\nIts file is removed when you save; "
            "Undo brings it back until then.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        delete = box.addButton("Delete section", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.ask(box)
        if box.clickedButton() is delete:
            self._apply(lambda: doc.delete_section(rel))

    def move_section(self, delta: int) -> None:
        """Move the section up (-1) or down (+1) in the pack's order."""
        doc, rel = self.doc, self.rel
        files = self.sections()
        if doc is None or rel not in files:
            return
        i = files.index(rel)
        if 0 <= i + delta < len(files):
            self._apply(lambda: doc.move_section(i, i + delta))

    # ---- references and pictures
    def show_references(self) -> Any:
        """Open the references manager (it stays open beside the panel)."""
        if self.doc is None:
            return None
        from infodeck.gui.editor.references import ReferencesDialog

        dlg = ReferencesDialog(self.doc, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def add_picture(self, index: int | None = None, path: str | None = None) -> None:
        """Ask for a picture (and its alt text) and add it to the section."""
        doc, rel = self.doc, self.rel
        if doc is None or rel is None:
            return
        from infodeck.gui.editor.picture import AddPictureDialog

        at = index if index is not None else (
            self.block_list.current() + 1 if self.block_list.current() >= 0
            else len(self.block_list.blocks)
        )
        dlg = AddPictureDialog(doc, rel, at, self)
        if path:
            dlg.set_file(path)
        if self.ask(dlg) and dlg.added is not None:
            self.tabs.setCurrentIndex(1)
            self.block_list.set_current(at)

    def show_pack_details(self) -> Any:
        """Open the pack's details (title, audience, language…) beside the panel."""
        if self.doc is None:
            return None
        from infodeck.gui.editor.pack_details import PackDetailsDialog

        dlg = PackDetailsDialog(self.doc, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def import_icon(self, parent: QWidget) -> str | None:
        """Ask for an SVG file and make it one of the pack's own icons; its name."""
        doc = self.doc
        if doc is None:
            return None
        path = self.ask_svg(parent)
        if not path:
            return None
        from infodeck.content.edit.document import EditError

        try:
            name = doc.add_icon(path)
        except EditError as e:
            box = QMessageBox(QMessageBox.Icon.Warning, "Icon not added", str(e),
                              QMessageBox.StandardButton.Ok, parent)
            self.ask(box)
            return None
        own, _, _ = doc.pack_icons()
        self.icons.set_own(own)
        return str(name)

    def _ask_default(self, dialog: Any) -> bool:
        return bool(dialog.exec())

    # ---- drop a picture on the panel
    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        """Accept a picture file dragged from the file manager."""
        if self.rel is not None and _dropped_picture(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        """Add the dropped picture (the dialog asks for its alt text)."""
        path = _dropped_picture(event)
        if path is not None:
            event.acceptProposedAction()
            self.add_picture(path=path)


def _ask_svg(parent: QWidget) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    got, _ = QFileDialog.getOpenFileName(parent, "Choose an SVG icon", "", "SVG icons (*.svg)")
    return got or None


def _dropped_picture(event: Any) -> str | None:
    md = event.mimeData()
    if md is None or not md.hasUrls():
        return None
    for url in md.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith((".png", ".jpg", ".jpeg")):
            return str(url.toLocalFile())
    return None
