"""The sections panel: tick sections to include, drag (or Alt+↑/↓) to reorder.

Each row shows the section's title, its one-line summary and visible labels for
content a teacher must treat with care (a manufacturer's claims, uncited claims).
The order of the rows is the deck's order.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.model import SectionInfo, entry_infos

if TYPE_CHECKING:
    from infodeck.workspace import SectionEntry

INFO_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_COLOURS = {
    "Manufacturer content": ("#FFF1DC", "#8A4B00"),
    "Uncited claims": ("#FDE8E8", "#A12C2C"),
    "Title slide": ("#E6EEF3", "#2F4858"),
}
ERROR_COLOURS = ("#B42318", "#FFFFFF")  # a broken section's marker: strong, not a tint
NEUTRAL_COLOURS = ("#EEEEEE", "#333333")


class SectionDelegate(QStyledItemDelegate):
    """Draws a row: check box, bold title, muted summary, coloured labels."""

    PAD = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        summary = QFont(option.font)
        label = QFont(option.font)
        label.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.82))
        label.setBold(True)
        return title, summary, label

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Two text lines, plus one for labels when the section has any."""
        title, summary, label = self._fonts(option)
        info: SectionInfo | None = index.data(INFO_ROLE)
        h = QFontMetrics(title).height() + QFontMetrics(summary).height() + 2 * self.PAD + 2
        if info and info.labels():
            h += QFontMetrics(label).height() + 8
        return QSize(220, h)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Background and check box from the style; the text drawn here."""
        info: SectionInfo | None = index.data(INFO_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if info is None:
            return
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        r = text_rect.adjusted(4, self.PAD, -self.PAD, -self.PAD)
        title_f, summary_f, label_f = self._fonts(option)
        # The style sheet gives selected rows a light tint, so text keeps its colours.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        fg = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value or (
            index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        )
        if not checked and not selected:
            fg = QColor(fg)
            fg.setAlpha(150)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(title_f)
        painter.setFont(title_f)
        painter.setPen(fg)
        painter.drawText(
            QRect(r.left(), r.top(), r.width(), fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(info.title, Qt.TextElideMode.ElideRight, r.width()),
        )
        y = r.top() + fm.height() + 2
        sm = QFontMetrics(summary_f)
        painter.setFont(summary_f)
        painter.setPen(muted)
        painter.drawText(
            QRect(r.left(), y, r.width(), sm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            sm.elidedText(info.summary, Qt.TextElideMode.ElideRight, r.width()),
        )
        y += sm.height() + 6
        lm = QFontMetrics(label_f)
        painter.setFont(label_f)
        x = r.left()
        for text in info.labels():
            bg, ink = LABEL_COLOURS.get(text, ERROR_COLOURS if info.broken else NEUTRAL_COLOURS)
            w = lm.horizontalAdvance(text) + 14
            pill = QRect(x, y, w, lm.height() + 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(bg))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(QColor(ink))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            x += w + 6
        painter.restore()


class SectionsPanel(QWidget):
    """The list of the pack's sections with ticks and order.

    Signals:
        changed(): the ticks or the order changed (merged per event-loop turn).
        defaults_requested(): the teacher asked for the pack's defaults.
    """

    changed = Signal()
    defaults_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._infos: dict[str, SectionInfo] = {}
        self._quiet = False
        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.setInterval(0)
        self._emit_timer.timeout.connect(self._emit_changed)

        self.heading = QLabel("Sections")
        self.heading.setObjectName("panelHeading")
        self.count_label = QLabel("")
        self.count_label.setObjectName("panelHint")
        self.count_label.setAccessibleName("Sections chosen")

        self.list = QListWidget()
        self.list.setObjectName("sectionsList")
        self.list.setAccessibleName("Sections")
        self.list.setAccessibleDescription(
            "Tick the sections to include; drag or press Alt+Up and Alt+Down to reorder."
        )
        self.list.setItemDelegate(SectionDelegate(self.list))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(1)
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemActivated.connect(self._toggle_item)
        model = self.list.model()
        model.rowsMoved.connect(self._schedule)
        model.rowsInserted.connect(self._schedule)
        model.rowsRemoved.connect(self._schedule)

        self.all_button = self._button("All", "Tick every section")
        self.none_button = self._button("None", "Untick every section")
        self.defaults_button = self._button("Defaults", "Restore the pack's own choice and order")
        self.up_button = self._tool("▲", "Move section up", "Move the selected section up (Alt+Up)")
        self.down_button = self._tool(
            "▼", "Move section down", "Move the selected section down (Alt+Down)"
        )
        self.all_button.clicked.connect(self.select_all)
        self.none_button.clicked.connect(self.select_none)
        self.defaults_button.clicked.connect(self.defaults_requested.emit)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        for seq, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            sc = QShortcut(QKeySequence(seq), self.list)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda d=delta: self.move_selected(d))

        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for b in (self.all_button, self.none_button, self.defaults_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 6, 10)
        lay.setSpacing(8)
        lay.addLayout(head)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        self.setMinimumWidth(240)

    def _button(self, text: str, tip: str) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        return b

    def _tool(self, text: str, name: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(name)
        b.setAutoRaise(True)
        return b

    # ---------------------------------------------------------------- content
    def follow(self, entries: Sequence[SectionEntry]) -> None:
        """Show the workspace's sections; the list is rebuilt only when they changed."""
        infos = entry_infos(entries)
        order = [i.id for i in infos]
        chosen = {i.id for i, e in zip(infos, entries, strict=True) if e.chosen}
        if (self.order(), set(self.chosen_ids()), self.infos()) != (order, chosen, infos):
            self.set_sections(infos, order, chosen)

    def set_sections(self, infos: list[SectionInfo], order: list[str], chosen: set[str]) -> None:
        """Show ``infos`` in ``order`` with ``chosen`` ticked (no ``changed`` signal)."""
        self._quiet = True
        try:
            current = self.list.currentItem()
            current_id = current.data(Qt.ItemDataRole.UserRole) if current else None
            self._infos = {i.id: i for i in infos}
            self.list.clear()
            for sid in order:
                info = self._infos[sid]
                item = QListWidgetItem(info.title)
                item.setData(Qt.ItemDataRole.UserRole, sid)
                item.setData(INFO_ROLE, info)
                labels = info.labels()
                described = info.summary + (f" ({', '.join(labels)})" if labels else "")
                if info.broken:
                    described = (
                        "This section has errors and is left out of the preview and the "
                        "export until they are fixed: " + "; ".join(info.problems)
                    )
                    item.setToolTip(
                        f"<b>{html.escape(info.title)}</b><br>Left out of the preview and the "
                        "export until these are fixed:<ul>"
                        + "".join(f"<li>{html.escape(p)}</li>" for p in info.problems)
                        + "</ul>"
                    )
                else:
                    item.setToolTip(
                        f"<b>{html.escape(info.title)}</b><br>{html.escape(described)}"
                    )
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, described)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                item.setCheckState(
                    Qt.CheckState.Checked if sid in chosen else Qt.CheckState.Unchecked
                )
                self.list.addItem(item)
                if sid == current_id:
                    self.list.setCurrentItem(item)
        finally:
            self._quiet = False
        self._emit_timer.stop()
        self._update_count()

    def infos(self) -> list[SectionInfo]:
        """What each row shows, in the panel's order."""
        return [self._infos[sid] for sid in self.order() if sid in self._infos]

    def clear(self) -> None:
        """Show no sections."""
        self.set_sections([], [], set())

    def order(self) -> list[str]:
        """Every section id, in the panel's order."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def chosen_ids(self) -> list[str]:
        """The ticked section ids, in order."""
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def item(self, section_id: str) -> QListWidgetItem:
        """The row of ``section_id``."""
        for i in range(self.list.count()):
            it = self.list.item(i)
            if it.data(Qt.ItemDataRole.UserRole) == section_id:
                return it
        raise KeyError(section_id)

    def set_checked(self, section_id: str, checked: bool) -> None:
        """Tick or untick one section."""
        self.item(section_id).setCheckState(
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        )

    def select_all(self) -> None:
        """Tick every section."""
        self._set_all(Qt.CheckState.Checked)

    def select_none(self) -> None:
        """Untick every section."""
        self._set_all(Qt.CheckState.Unchecked)

    def _set_all(self, state: Qt.CheckState) -> None:
        self._quiet = True
        try:
            for i in range(self.list.count()):
                self.list.item(i).setCheckState(state)
        finally:
            self._quiet = False
        self._schedule()

    def move_section(self, section_id: str, row: int) -> None:
        """Move a section to ``row`` (as a drag would)."""
        item = self.item(section_id)
        src = self.list.row(item)
        row = max(0, min(row, self.list.count() - 1))
        if row == src:
            return
        dest = row + 1 if row > src else row
        self.list.model().moveRow(QModelIndex(), src, QModelIndex(), dest)
        self.list.setCurrentRow(row)

    def move_selected(self, delta: int) -> None:
        """Move the selected section up (-1) or down (+1)."""
        item = self.list.currentItem()
        if item is None:
            return
        self.move_section(item.data(Qt.ItemDataRole.UserRole), self.list.row(item) + delta)

    # ---------------------------------------------------------------- signals
    def _toggle_item(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._schedule()

    def _schedule(self, *_args: object) -> None:
        if not self._quiet:
            self._update_count()
            self._emit_timer.start()

    def _emit_changed(self) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        n = self.list.count()
        self.count_label.setText(f"{len(self.chosen_ids())} of {n} chosen" if n else "")
        has = n > 0
        for b in (self.all_button, self.none_button, self.defaults_button):
            b.setEnabled(has)
