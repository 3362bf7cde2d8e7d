"""A section's blocks as a list: add, delete, duplicate and move them.

The list shows each block's kind and the words that identify it; a block with a
problem is marked. It changes nothing itself: it asks (signals) and the panel
turns the request into a document command, so every change can be undone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.editor.fields import BlockType, block_type_of, block_types
from infodeck.scene.markup import plain

PROBLEM_INK = QColor("#A12C2C")
SUMMARY_CHARS = 60


def _short(text: Any, n: int = SUMMARY_CHARS) -> str:
    # The list shows a block's words; the markup (**bold**) is for the form and the preview.
    s = " ".join(plain(str(text)).split()) if text is not None else ""
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def block_summary(data: Any) -> str:
    """The words that identify a block in the list ("80% of adults …")."""
    if not isinstance(data, Mapping):
        return "(not a block)"
    t = data.get("type")
    if t in ("text", "quote"):
        return _short(data.get("text", ""))
    if t == "bullets":
        items = data.get("items") or []
        first = _short(items[0], 40) if isinstance(items, list) and items else ""
        n = len(items) if isinstance(items, list) else 0
        return f"{first} (+{n - 1} more)" if n > 1 else first
    if t == "stat":
        value = _num(data.get("value"))
        high = data.get("value_high")
        if high is not None:
            value += f"–{_num(high)}"
        prefix = data.get("prefix") or ""
        unit = data.get("unit") or ""
        return _short(f"{prefix} {value}{unit} {data.get('label', '')}".strip())
    if t == "picture":
        return _short(data.get("alt") or data.get("path") or "")
    if t == "diagram":
        return _short(data.get("title", ""))
    if t == "quiz":
        return _short(data.get("question") or data.get("statement") or "")
    return ""


def block_title(data: Any) -> str:
    """The block's kind as teachers name it: "Statistic", "Pathway diagram"."""
    bt = block_type_of(data)
    if bt is not None:
        return bt.title
    if isinstance(data, Mapping) and data.get("type"):
        kind = f" {data.get('kind')}" if data.get("kind") else ""
        return f"Unknown block ({data.get('type')}{kind})"
    return "Unknown block"


def add_menu(parent: QWidget, on_pick: Any) -> QMenu:
    """The "Add block" menu: every block type (each quiz kind too), then every diagram kind."""
    menu = QMenu("Add block", parent)
    diagrams = QMenu("Diagram", menu)
    for bt in block_types():
        target = diagrams if bt.type == "diagram" else menu
        a = target.addAction(bt.title)
        a.setToolTip(bt.description)
        a.setStatusTip(bt.description)
        a.setData(bt.key)
        a.triggered.connect(lambda _c=False, k=bt.key: on_pick(k))
    menu.addSeparator()
    for a in diagrams.actions():
        menu.addAction(a)
    return menu


TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 3


class BlockDelegate(QStyledItemDelegate):
    """A row of two lines: a bold title, muted words below, a problem (if any) in red.

    Used for blocks and for the starters of New section.
    """

    PAD = 5

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Two lines, three with a problem."""
        fm = QFontMetrics(option.font)
        lines = 2 + (1 if index.data(PROBLEM_ROLE) else 0)
        return QSize(200, lines * fm.height() + 2 * self.PAD + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Background from the style; the three lines drawn here."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        r = option.rect.adjusted(8, self.PAD, -8, -self.PAD)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        ink = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = ink if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        bold = QFont(option.font)
        bold.setBold(True)
        fm = QFontMetrics(option.font)
        h = fm.height()
        painter.save()
        lines: list[tuple[str, QFont, QColor]] = [
            (str(index.data(TITLE_ROLE) or ""), bold, ink),
            (str(index.data(SUMMARY_ROLE) or ""), option.font, muted),
        ]
        problem = index.data(PROBLEM_ROLE)
        if problem:
            lines.append(("⚠ " + str(problem), option.font,
                          ink if selected else PROBLEM_INK))
        for i, (text, font, colour) in enumerate(lines):
            painter.setFont(font)
            painter.setPen(colour)
            rect = QRect(r.left(), r.top() + i * h, r.width(), h)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                           r.width()))
        painter.restore()


class BlockList(QWidget):
    """The blocks of one section, in order.

    Signals:
        current_changed(int): another block was selected (-1: none).
        add_requested(str, int): add a block of this type key (``stat``,
            ``diagram:pathway``) at this index.
        delete_requested(int): delete the block at this index.
        duplicate_requested(int): copy the block at this index below it.
        move_requested(int, int): move the block at the first index to the second.
    """

    current_changed = Signal(int)
    add_requested = Signal(str, int)
    delete_requested = Signal(int)
    duplicate_requested = Signal(int)
    move_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blocks: list[Any] = []
        self.list = QListWidget()
        self.list.setObjectName("blockList")
        self.list.setAccessibleName("Blocks")
        self.list.setAccessibleDescription(
            "The section's blocks in order. Insert adds, Delete removes, Ctrl+D duplicates, "
            "Alt+Up and Alt+Down move; drag to reorder; right-click for a menu."
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setItemDelegate(BlockDelegate(self.list))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.model().rowsMoved.connect(self._dragged)

        self.add_button = QToolButton()
        self.add_button.setText("+ Add block")
        self.add_button.setToolTip("Add a block after the selected one (Insert)")
        self.add_button.setAccessibleName("Add block")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setMenu(add_menu(self, self._add))
        self.buttons: dict[str, QToolButton] = {"add": self.add_button}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.add_button)
        for key, text, tip, slot in (
            ("duplicate", "Duplicate", "Duplicate the block (Ctrl+D)", self.duplicate_current),
            ("delete", "Delete", "Delete the block (Delete)", self.delete_current),
            ("up", "▲", "Move the block up (Alt+Up)", lambda: self.move_current(-1)),
            ("down", "▼", "Move the block down (Alt+Down)", lambda: self.move_current(1)),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip.split(" (")[0])
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        for seq, slot in (
            ("Insert", self.show_add_menu),
            ("Ctrl+D", self.duplicate_current),
            ("Delete", self.delete_current),
            ("Alt+Up", lambda: self.move_current(-1)),
            ("Alt+Down", lambda: self.move_current(1)),
        ):
            sc = QShortcut(QKeySequence(seq), self.list)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(slot)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        self._update_buttons()

    # ------------------------------------------------------------------ content
    def set_blocks(self, blocks: Sequence[Any], problems: Mapping[int, str] | None = None,
                   current: int | None = None) -> None:
        """Show ``blocks``; ``problems`` maps a block's index to its first problem."""
        problems = problems or {}
        keep = self.list.currentRow() if current is None else current
        self.blocks = list(blocks)
        with QSignalBlocker(self.list):
            self.list.clear()
            for i, data in enumerate(self.blocks):
                title = block_title(data)
                summary = block_summary(data)
                it = QListWidgetItem(f"{title}: {summary}" if summary else title)
                it.setData(Qt.ItemDataRole.UserRole, i)
                it.setData(TITLE_ROLE, f"{i + 1}. {title}")
                it.setData(SUMMARY_ROLE, summary)
                it.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                msg = problems.get(i)
                if msg:
                    it.setData(PROBLEM_ROLE, msg)
                    it.setToolTip(msg)
                it.setData(
                    Qt.ItemDataRole.AccessibleDescriptionRole,
                    f"{title}: {summary}" + (f". Problem: {msg}" if msg else ""),
                )
                self.list.addItem(it)
            if self.blocks:
                self.list.setCurrentRow(min(max(keep, 0), len(self.blocks) - 1))
        self._update_buttons()
        self.current_changed.emit(self.current())

    def current(self) -> int:
        """The selected block's index, or -1."""
        return self.list.currentRow()

    def set_current(self, index: int) -> None:
        """Select the block at ``index``."""
        self.list.setCurrentRow(index)

    # ------------------------------------------------------------------ actions
    def show_add_menu(self) -> None:
        """Open the Add block menu (Insert)."""
        menu = self.add_button.menu()
        rect = self.list.visualItemRect(self.list.currentItem()) if self.list.currentItem() \
            else self.list.rect()
        menu.popup(self.list.mapToGlobal(QPoint(rect.left() + 8, rect.bottom())))

    def _add(self, key: str) -> None:
        row = self.current()
        self.add_requested.emit(key, row + 1 if row >= 0 else len(self.blocks))

    def delete_current(self) -> None:
        """Ask to delete the selected block."""
        if self.current() >= 0:
            self.delete_requested.emit(self.current())

    def duplicate_current(self) -> None:
        """Ask to duplicate the selected block."""
        if self.current() >= 0:
            self.duplicate_requested.emit(self.current())

    def move_current(self, delta: int) -> None:
        """Ask to move the selected block up (-1) or down (+1)."""
        row = self.current()
        if row >= 0 and 0 <= row + delta < len(self.blocks):
            self.move_requested.emit(row, row + delta)

    def context_menu(self) -> QMenu:
        """The right-click menu of the list (also for tests and the keyboard's menu key)."""
        menu = QMenu(self)
        menu.addMenu(add_menu(menu, self._add))
        has = self.current() >= 0
        for key, label in (("duplicate", "Duplicate\tCtrl+D"), ("delete", "Delete\tDel"),
                           ("up", "Move up\tAlt+Up"), ("down", "Move down\tAlt+Down")):
            a = menu.addAction(label)
            a.setEnabled(has and self.buttons[key].isEnabled())
            a.triggered.connect(self.buttons[key].click)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
            self.list.setCurrentItem(item)
        self.context_menu().exec(self.list.mapToGlobal(pos))

    def _row_changed(self, _row: int) -> None:
        self._update_buttons()
        self.current_changed.emit(self.current())

    def _dragged(
        self,
        _parent: QModelIndex | QPersistentModelIndex,
        start: int,
        _end: int,
        _dest: QModelIndex | QPersistentModelIndex,
        row: int,
    ) -> None:
        # A drag moved one row inside the list; ask for the same move as a command
        # and show the list as the document has it (the command may be refused).
        # Deferred: the list must not be refilled while it is still moving the row.
        target = row - 1 if row > start else row
        QTimer.singleShot(0, lambda: self._after_drag(start, target))

    def _after_drag(self, start: int, target: int) -> None:
        self.set_blocks(list(self.blocks), current=start)
        if target != start:
            self.move_requested.emit(start, target)

    def _update_buttons(self) -> None:
        row, n = self.current(), len(self.blocks)
        self.buttons["duplicate"].setEnabled(row >= 0)
        self.buttons["delete"].setEnabled(row >= 0)
        self.buttons["up"].setEnabled(row > 0)
        self.buttons["down"].setEnabled(0 <= row < n - 1)


__all__ = ["BlockList", "BlockType", "add_menu", "block_summary", "block_title"]
