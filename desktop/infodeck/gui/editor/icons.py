"""The icon picker: every icon a pack can use, searchable, each with its picture.

Icons are drawn from the same vectors the deck gets (``scene.icons``), so the
preview is what the slide shows. Pictures are drawn only when a row is shown, so
a library of hundreds of icons opens at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.style import ACCENT
from infodeck.scene import icons as scene_icons
from infodeck.scene.elements import VectorIcon

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
PREVIEW = 40
GRID_W = 128  # wide enough for 'fruit-vegetables' under its picture


def icon_path(icon: VectorIcon, paint: str) -> list[tuple[QPainterPath, float, str, str]]:
    """The icon's paths of one paint ("fill" or "stroke") as Qt paths, in icon units."""
    out: list[tuple[QPainterPath, float, str, str]] = []
    for vp in icon.paths:
        if vp.paint != paint:
            continue
        qp = QPainterPath()
        qp.setFillRule(Qt.FillRule.WindingFill)
        for op, args in vp.ops:
            if op == "M":
                qp.moveTo(args[0], args[1])
            elif op == "L":
                qp.lineTo(args[0], args[1])
            elif op == "C":
                qp.cubicTo(*args[:6])
            elif op == "Z":
                qp.closeSubpath()
        out.append((qp, vp.width, vp.cap, vp.join))
    return out


_CAPS = {
    "butt": Qt.PenCapStyle.FlatCap,
    "round": Qt.PenCapStyle.RoundCap,
    "square": Qt.PenCapStyle.SquareCap,
}
_JOINS = {
    "miter": Qt.PenJoinStyle.MiterJoin,
    "round": Qt.PenJoinStyle.RoundJoin,
    "bevel": Qt.PenJoinStyle.BevelJoin,
}


def icon_pixmap(icon: VectorIcon, size: int, color: str = ACCENT, ratio: float = 1.0) -> QPixmap:
    """The icon drawn in one colour, fitted and centred in a ``size`` square."""
    px = QPixmap(round(size * ratio), round(size * ratio))
    px.setDevicePixelRatio(ratio)
    px.fill(Qt.GlobalColor.transparent)
    if icon.width <= 0 or icon.height <= 0:
        return px
    p = QPainter(px)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = min(size / icon.width, size / icon.height)
    p.translate((size - icon.width * s) / 2, (size - icon.height * s) / 2)
    p.scale(s, s)
    ink = QColor(color)
    for qp, _w, _c, _j in icon_path(icon, "fill"):
        p.fillPath(qp, ink)
    for qp, width, cap, join in icon_path(icon, "stroke"):
        pen = QPen(ink, width, Qt.PenStyle.SolidLine, _CAPS.get(cap, Qt.PenCapStyle.FlatCap),
                   _JOINS.get(join, Qt.PenJoinStyle.MiterJoin))
        p.strokePath(qp, pen)
    p.end()
    return px


class IconSource:
    """The icons one pack can use: built-in ones and the pack's own (which win).

    Kept apart from the widgets so the picker and the fields share one cache of
    read icons.
    """

    def __init__(self, own: Mapping[str, VectorIcon] | None = None) -> None:
        self.own: dict[str, VectorIcon] = dict(own or {})
        self._pixmaps: dict[tuple[str, int], QPixmap] = {}
        # Adds an SVG file to the pack's own icons and returns its name (None when
        # the teacher gave up); set by whoever holds the document.
        self.importer: Callable[[QWidget], str | None] | None = None

    def set_own(self, own: Mapping[str, VectorIcon]) -> None:
        """Use another pack's own icons."""
        if dict(own) != self.own:
            self.own = dict(own)
            self._pixmaps.clear()

    def names(self) -> list[str]:
        """Every name, sorted: the built-in icons, the library's and the pack's own."""
        return sorted(set(scene_icons.builtin_names()) | set(self.own))

    def icon(self, name: str) -> VectorIcon | None:
        """The icon called ``name``, or None when there is none."""
        try:
            return scene_icons.lookup(name, self.own)
        except (OSError, ValueError):  # a damaged built-in file: show no picture
            return None

    def title(self, name: str) -> str:
        """What the icon shows (its SVG title), or its name."""
        icon = self.icon(name)
        return icon.title if icon is not None and icon.title else name.replace("-", " ")

    def pixmap(self, name: str, size: int = PREVIEW) -> QPixmap | None:
        """The icon's picture, drawn once per size."""
        key = (name, size)
        if key not in self._pixmaps:
            icon = self.icon(name)
            if icon is None:
                return None
            self._pixmaps[key] = icon_pixmap(icon, size, ratio=2.0)
        return self._pixmaps[key]

    def search(self, text: str) -> list[str]:
        """Names matching every word of ``text`` (names and keywords), best first.

        The icon library's own search (``scene.icons.search_icons``), so the picker
        finds what the loader's messages suggest.
        """
        return [info.name for info in scene_icons.search_icons(text, self.own)]

    def tooltip(self, name: str) -> str:
        """What the picker says of an icon: its words and where it comes from."""
        if name in self.own:
            return f"{name}: {self.title(name)} (this pack's own)"
        info = scene_icons.catalogue().get(name)
        if info is None:
            return name
        words = ", ".join(info.keywords[:6])
        alias = f"; draws {info.alias_of}" if info.alias_of else ""
        return f"{name}" + (f": {words}" if words else "") + f" ({info.source}{alias})"


class IconListModel(QAbstractListModel):
    """Icon names with their pictures, drawn when a row is first shown."""

    def __init__(self, source: IconSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        """Show these names."""
        self.beginResetModel()
        self.names = list(names)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802
        """One row per shown icon."""
        return 0 if parent is not None and parent.isValid() else len(self.names)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        """Name, picture, tooltip."""
        if not index.isValid() or not 0 <= index.row() < len(self.names):
            return None
        name = self.names[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(GRID_W - 8, 78)
        if role == NAME_ROLE:
            return name
        if role == Qt.ItemDataRole.DecorationRole:
            px = self.source.pixmap(name)
            return QIcon(px) if px is not None else None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.source.tooltip(name)
        return None


class IconPickerDialog(QDialog):
    """Choose an icon by searching its name or what it shows.

    Double-click or Enter chooses; "No icon" clears the field.
    """

    def __init__(
        self, source: IconSource, current: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose an icon")
        self.source = source
        self.chosen: str | None = current
        self.cleared = False
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search icons (e.g. heart, plant, water)")
        self.search_box.setAccessibleName("Search icons")
        self.search_box.setClearButtonEnabled(True)
        self.model = IconListModel(source, self)
        self.view = QListView()
        self.view.setObjectName("iconGrid")
        self.view.setAccessibleName("Icons")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(PREVIEW, PREVIEW))
        self.view.setGridSize(QSize(GRID_W, 84))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        self.view.activated.connect(lambda _i: self.accept())
        self.count = QLabel("")
        self.count.setObjectName("panelHint")
        self.search_box.textChanged.connect(self._filter)
        self.search_box.returnPressed.connect(self._enter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.none_button = QPushButton("No icon")
        self.none_button.setToolTip("Remove the icon from this field")
        buttons.addButton(self.none_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.none_button.clicked.connect(self._clear)
        self.import_button = QPushButton("Add an SVG icon…")
        self.import_button.setToolTip(
            "Copy an SVG file into the pack's icons/ folder and use it (drawn in one colour)"
        )
        self.import_button.setVisible(source.importer is not None)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self.import_icon)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search_box)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.count)
        lay.addWidget(buttons)
        self.resize(560, 460)
        self._filter("")
        if current:
            self.select(current)

    def _filter(self, text: str) -> None:
        names = self.source.search(text)
        self.model.set_names(names)
        n = len(names)
        self.count.setText(f"{n} icon{'s' if n != 1 else ''}" if n else "No icon matches.")
        if names:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _enter(self) -> None:
        if self.model.rowCount():
            self.accept()

    def import_icon(self) -> None:
        """Add an SVG file as one of the pack's own icons and highlight it."""
        if self.source.importer is None:
            return
        name = self.source.importer(self)
        if name:
            self.search_box.clear()
            self._filter("")
            self.select(name)

    def _clear(self) -> None:
        self.cleared = True
        self.chosen = None
        super().accept()

    def select(self, name: str) -> None:
        """Make ``name`` the current icon (when it is shown)."""
        if name in self.model.names:
            self.view.setCurrentIndex(self.model.index(self.model.names.index(name), 0))

    def current_name(self) -> str | None:
        """The highlighted icon's name."""
        idx = self.view.currentIndex()
        return str(idx.data(NAME_ROLE)) if idx.isValid() else None

    def accept(self) -> None:
        """Choose the highlighted icon."""
        name = self.current_name()
        if name is None:
            return
        self.chosen = name
        super().accept()


class IconField(QWidget):
    """An icon's picture and name, a button to choose another and one to remove it.

    Signals:
        changed(object): the teacher chose an icon (its name) or removed it (None).
    """

    changed = Signal(object)

    def __init__(self, source: IconSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.name: str | None = None
        self.ask: Callable[[str | None], tuple[bool, str | None]] = self._ask
        self.picture = QLabel()
        self.picture.setFixedSize(28, 28)
        self.label = QLabel("No icon")
        self.choose = QPushButton("Choose…")
        self.choose.setToolTip("Pick an icon from the library")
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("Remove the icon")
        self.clear_button.setAccessibleName("Remove the icon")
        self.choose.clicked.connect(self.pick)
        self.clear_button.clicked.connect(lambda: self._set_and_emit(None))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.picture)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.choose)
        lay.addWidget(self.clear_button)
        self.set_value(None)

    def set_value(self, name: str | None) -> None:
        """Show ``name`` (no signal)."""
        self.name = name or None
        px = self.source.pixmap(name, 28) if name else None
        self.picture.setPixmap(px if px is not None else QPixmap())
        if name and px is None:
            self.label.setText(f"{name} (unknown icon)")
        else:
            self.label.setText(name or "No icon")
        self.label.setStyleSheet("" if name else "color: #52606D;")
        self.clear_button.setEnabled(bool(name))
        self.setAccessibleName(f"Icon: {name}" if name else "No icon")

    def value(self) -> str | None:
        """The icon's name, or None."""
        return self.name

    def pick(self) -> None:
        """Open the picker; a choice is emitted."""
        ok, name = self.ask(self.name)
        if ok:
            self._set_and_emit(name)

    def _ask(self, current: str | None) -> tuple[bool, str | None]:
        dlg = IconPickerDialog(self.source, current, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False, current
        return True, dlg.chosen

    def _set_and_emit(self, name: str | None) -> None:
        if name == self.name:
            return
        self.set_value(name)
        self.changed.emit(name)


__all__ = ["IconField", "IconListModel", "IconPickerDialog", "IconSource", "icon_pixmap"]
