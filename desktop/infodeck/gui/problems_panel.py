"""The problems panel: content errors and warnings with file:line:col.

Double-clicking (or pressing Enter on) a row opens the file in the system's
editor; the opener is an attribute so tests can record instead of launching one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.model import ProblemRow

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class _OneLine(QStyledItemDelegate):
    """The Where column stays on one line (its middle elided)."""

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


class _Wrapped(QStyledItemDelegate):
    """The message wraps, and its row is as tall as the wrapped text at the column's width.

    Qt sizes rows from the unwrapped text; cut in its middle, a message no longer
    says what to fix.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.tree.columnWidth(index.column()) - 8  # the item's own margins
        if width <= 0:
            return hint
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
        box = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
        return QSize(hint.width(), max(hint.height(), box.height() + 4))


def _full(row: ProblemRow) -> str:
    """The full path and position of a problem, for its tooltip."""
    p = row.problem
    pos = "".join(f":{n}" for n in (p.line, p.col) if n is not None) if p.line else ""
    return f"{row.path}{pos}"


def open_in_system(path: Path) -> bool:
    """Open ``path`` with the desktop's default application."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ProblemsPanel(QWidget):
    """Lists problems of the pack (and notices from composing).

    Signals:
        opened(str): a problem's file was handed to the opener.
    """

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opener: Callable[[Path], object] = open_in_system
        self.heading = QLabel("Problems")
        self.heading.setObjectName("panelHeading")
        self.summary = QLabel("")
        self.summary.setObjectName("panelHint")
        self.summary.setAccessibleName("Problems summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("problemsList")
        self.tree.setAccessibleName("Problems")
        self.tree.setAccessibleDescription("Double-click a problem to open its file.")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["", "Where", "What to fix"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        # A long path loses its middle, never its file name and line; a message wraps
        # onto more lines, whole: cut in its middle it no longer says what to fix.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self._one_line = _OneLine(self.tree)
        self.tree.setItemDelegateForColumn(1, self._one_line)
        self._wrapped = _Wrapped(self.tree)
        self.tree.setItemDelegateForColumn(2, self._wrapped)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setAccessibleName("Problem columns")
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 300)
        self.tree.itemActivated.connect(self._activate)
        # Rows are as tall as their wrapped message at the column's new width.
        header.sectionResized.connect(lambda *_: self.tree.doItemsLayout())

        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.summary)
        head.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 10)
        lay.setSpacing(6)
        lay.addLayout(head)
        lay.addWidget(self.tree, 1)
        self.set_problems([])

    def set_problems(
        self, rows: list[ProblemRow], notices: tuple[str, ...] = (), root: Path | None = None
    ) -> None:
        """Show ``rows`` (errors first) and composing ``notices``.

        Files inside the pack folder ``root`` are named from it (``sections/intro.yaml:4:3``);
        the full path is in the tooltip.
        """
        self.tree.clear()
        ordered = sorted(rows, key=lambda r: r.problem.severity != "error")
        for row in ordered:
            p = row.problem
            error = p.severity == "error"
            mark = "●" if error else "▲"
            msg = (f"{p.where}: " if p.where else "") + p.message
            item = QTreeWidgetItem([mark, row.location_in(root), msg])
            item.setForeground(0, QColor("#B42318" if error else "#B54708"))
            item.setToolTip(1, row.location_in(None) if row.path is None else _full(row))
            item.setToolTip(2, msg)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, "Error" if error else "Warning")
            item.setData(0, PATH_ROLE, str(row.path) if row.path else "")
            self.tree.addTopLevelItem(item)
        for n in notices:
            item = QTreeWidgetItem(["ℹ", "", n])
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, "Notice")
            item.setData(0, PATH_ROLE, "")
            self.tree.addTopLevelItem(item)
        errors = sum(1 for r in rows if r.problem.severity == "error")
        warnings = len(rows) - errors
        self._fit_where()
        if not rows and not notices:
            self.summary.setText("None — the pack reads cleanly ✓")
        else:
            parts = []
            if errors:
                parts.append(f"{errors} error{'s' if errors != 1 else ''}")
            if warnings:
                parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
            if notices:
                parts.append(f"{len(notices)} notice{'s' if len(notices) != 1 else ''}")
            self.summary.setText(", ".join(parts) + " — double-click to open the file")

    def _fit_where(self) -> None:
        """The Where column as wide as its longest entry, up to 40 % of the list."""
        self.tree.resizeColumnToContents(1)
        cap = max(160, int(self.tree.viewport().width() * 0.4))
        if self.tree.columnWidth(1) > cap:
            self.tree.setColumnWidth(1, cap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Keep the Where column within its share of the width."""
        super().resizeEvent(event)
        self._fit_where()

    def count(self) -> int:
        """Rows shown."""
        return self.tree.topLevelItemCount()

    def row_texts(self) -> list[tuple[str, str]]:
        """(where, message) of each row, for tests and copying."""
        items = (self.tree.topLevelItem(i) for i in range(self.count()))
        return [(item.text(1), item.text(2)) for item in items if item is not None]

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.opener(Path(path))
            self.opened.emit(path)
