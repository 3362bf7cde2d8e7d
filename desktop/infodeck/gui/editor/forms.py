"""Forms generated from the content schema: one editor per field, nested as the data is.

A :class:`ModelForm` shows one mapping of content (a section, a block, a step of a
pathway, a reference) with the editor each field's :class:`FieldSpec` asks for.
It never changes content itself: every change is emitted as a list of
``(path, value)`` pairs (``value`` None means "leave the field out") for the
document model to apply as one undoable command. Problems found by validation
are shown under the field they concern, with their message.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.editor.fields import FieldSpec, form_fields, path_text
from infodeck.gui.editor.icons import IconField, IconSource

Path = tuple[str | int, ...]
Edit = tuple[Path, Any]
TYPING_COMMIT_MS = 500  # a pause in typing commits the text (the preview follows)
PROBLEM_STYLE = "color: #A12C2C;"
# Scoped by name so the frame does not spread to the widgets inside the marked one.
PROBLEM_FRAME = "#fieldEditor { border: 1px solid #C0392B; border-radius: 3px; }"


def parse_number(text: str) -> float | None:
    """A number as teachers type it ("12.5", "12,5", " 80 "); None when it is not one."""
    t = text.strip().replace("\u2212", "-")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


class FieldEditor(QWidget):
    """One field's editor, with the field's problem (if any) shown under it.

    Signals:
        edited(object): a list of ``(path, value)`` edits, paths relative to this field.
    """

    edited = Signal(object)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.problem = QLabel("")
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setVisible(False)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(2)

    def finish(self, editor: QWidget, marked: QWidget | None = None) -> None:
        """Lay out the editor above its problem line; ``marked`` gets the red frame."""
        self.editor = editor
        self.marked = marked if marked is not None else editor
        self.marked.setObjectName("fieldEditor")
        editor.setAccessibleName(self.spec.label)
        if self.spec.hint:
            editor.setToolTip(self.spec.hint)
            editor.setAccessibleDescription(self.spec.hint)
        self.box.addWidget(editor)
        self.box.addWidget(self.problem)

    def set_value(self, value: Any) -> None:
        """Show ``value`` (no signal)."""
        raise NotImplementedError

    def set_problems(self, problems: Mapping[str, str]) -> None:
        """Show the problem of this field ('' key) and pass the rest to sub-fields."""
        msg = problems.get("", "")
        self.problem.setText(msg)
        self.problem.setVisible(bool(msg))
        self.marked.setProperty("problem", "true" if msg else "false")
        self.marked.setStyleSheet(PROBLEM_FRAME if msg else "")
        if msg:
            self.editor.setAccessibleDescription(f"Problem: {msg}")
        elif self.spec.hint:
            self.editor.setAccessibleDescription(self.spec.hint)

    def emit_value(self, value: Any) -> None:
        """Emit one edit of this field itself."""
        self.edited.emit([((), value)])


class LineEditor(FieldEditor):
    """One line of text; committed on Enter, on leaving the box and after a pause."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit()
        if spec.max_length:
            self.line.setMaxLength(spec.max_length)
        if not spec.required:
            self.line.setPlaceholderText("optional")
        self._last: str = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_COMMIT_MS)
        self._timer.timeout.connect(self.commit)
        self.line.textEdited.connect(lambda _t: self._timer.start())
        self.line.editingFinished.connect(self.commit)
        self.finish(self.line)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.line.text() and not (self.line.hasFocus() and self._timer.isActive()):
            with QSignalBlocker(self.line):
                self.line.setText(text)
                self.line.setCursorPosition(0)  # show the start of a long line
        self._last = text

    def commit(self) -> None:
        """Emit the text when it changed since it was last shown or emitted."""
        self._timer.stop()
        text = self.line.text()
        if text == self._last:
            return
        self._last = text
        stripped = text.strip()
        if not stripped and (self.spec.optional or not self.spec.required):
            self.emit_value(None)
        else:
            self.emit_value(text)


class TextEditor(FieldEditor):
    """Several lines of text (notes, a paragraph); committed after a pause and on leaving."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.text = _PlainText(self)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(72)
        self.text.setMaximumHeight(260)
        self._last = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_COMMIT_MS)
        self._timer.timeout.connect(self.commit)
        self.text.textChanged.connect(self._timer.start)
        self.text.focus_lost.connect(self.commit)
        self.finish(self.text)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.text.toPlainText() and not (
            self.text.hasFocus() and self._timer.isActive()
        ):
            with QSignalBlocker(self.text):
                self.text.setPlainText(text)
        self._last = text

    def commit(self) -> None:
        """Emit the text when it changed."""
        self._timer.stop()
        text = self.text.toPlainText()
        if text == self._last:
            return
        self._last = text
        if not text.strip() and not self.spec.required:
            self.emit_value(None)
        else:
            self.emit_value(text)


class _PlainText(QPlainTextEdit):
    """A plain text box that says when it loses focus (to commit what was typed).

    Signals:
        focus_lost(): the box lost the keyboard focus.
    """

    focus_lost = Signal()

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802
        """Commit on leaving."""
        super().focusOutEvent(event)
        self.focus_lost.emit()


class NumberEditor(FieldEditor):
    """A number (or an empty box for an optional one); a typing mistake is shown, not sent."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit()
        self.line.setMaximumWidth(120)
        if spec.optional:
            self.line.setPlaceholderText("optional")
        self._last: Any = None
        self._local_problem = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_COMMIT_MS)
        self._timer.timeout.connect(lambda: self.commit(quiet=True))
        self.line.textEdited.connect(lambda _t: self._timer.start())
        self.line.editingFinished.connect(self.commit)
        self.finish(self.line)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else _format_number(value)
        typing = self.line.hasFocus() and self._timer.isActive()
        if text != self.line.text() and not typing and parse_number(self.line.text()) != value:
            with QSignalBlocker(self.line):
                self.line.setText(text)
        self._last = value

    def commit(self, quiet: bool = False) -> None:
        """Emit the number typed, or show why it is not one.

        ``quiet`` (a pause in typing): send a number, but say nothing yet about
        text that is not one; the teacher may still be typing it.
        """
        self._timer.stop()
        text = self.line.text()
        if not text.strip():
            value: float | None = None
            if self.spec.required:
                if not quiet:
                    self._show_local("required; type a number")
                return
        else:
            value = parse_number(text)
            if value is None:
                if not quiet:
                    self._show_local("must be a number, e.g. 12 or 12.5")
                return
        self._show_local("")
        if value is not None and value.is_integer():
            value = int(value)
        if value != self._last:
            self._last = value
            self.emit_value(value)

    def _show_local(self, msg: str) -> None:
        self._local_problem = msg
        self.set_problems({"": msg} if msg else {})


def _format_number(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class IntegerEditor(FieldEditor):
    """A whole number within the schema's limits."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.spin = QSpinBox()
        self.spin.setRange(
            int(spec.minimum) if spec.minimum is not None else -1_000_000,
            int(spec.maximum) if spec.maximum is not None else 1_000_000,
        )
        self.spin.setMaximumWidth(120)
        self.spin.setKeyboardTracking(False)
        self.spin.valueChanged.connect(lambda v: self.emit_value(int(v)))
        self.finish(self.spin)

    def set_value(self, value: Any) -> None:
        v = value if isinstance(value, int) and not isinstance(value, bool) else self.spec.default
        with QSignalBlocker(self.spin):
            self.spin.setValue(int(v) if isinstance(v, int | float) else self.spin.minimum())


class BoolEditor(FieldEditor):
    """A yes/no switch; the schema's default is written as leaving the field out."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.check = QCheckBox(spec.hint or spec.label)
        self.check.toggled.connect(self._toggled)
        self.finish(self.check)

    def _toggled(self, on: bool) -> None:
        self.emit_value(None if on == self.spec.default else on)

    def set_value(self, value: Any) -> None:
        v = self.spec.default if value is None else bool(value)
        with QSignalBlocker(self.check):
            self.check.setChecked(bool(v))


class ChoiceEditor(FieldEditor):
    """One of the schema's allowed values."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        for c in spec.choices:
            self.combo.addItem(CHOICE_TITLES.get(c, c), c)
        self.combo.activated.connect(self._picked)
        self.finish(self.combo)

    def _picked(self, idx: int) -> None:
        v = self.combo.itemData(idx)
        self.emit_value(None if v == self.spec.default else v)

    def set_value(self, value: Any) -> None:
        v = self.spec.default if value is None else value
        idx = self.combo.findData(v)
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(max(0, idx))


CHOICE_TITLES = {
    "content": "Content",
    "title": "Title slide",
    "manufacturer": "Maker's own description",
    "both": "Both ways ↔",
    "to-right": "To the right →",
    "to-left": "To the left ←",
}


class IconEditor(FieldEditor):
    """An icon by name, chosen in the icon picker."""

    def __init__(self, spec: FieldSpec, icons: IconSource, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.field = IconField(icons)
        self.field.changed.connect(self.emit_value)
        self.finish(self.field)

    def set_value(self, value: Any) -> None:
        self.field.set_value(value if isinstance(value, str) else None)


class ListControls(QWidget):
    """Add, duplicate, remove and move buttons for a list, with its shortcuts.

    Signals:
        add(), duplicate(), remove(), shift(int): the teacher asked for it (shift:
            -1 up, +1 down).
    """

    add = Signal()
    duplicate = Signal()
    remove = Signal()
    shift = Signal(int)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip in (
            ("add", "+ Add", f"Add a {what} (Insert)"),
            ("duplicate", "Duplicate", f"Duplicate the {what} (Ctrl+D)"),
            ("remove", "Remove", f"Remove the {what} (Delete)"),
            ("up", "▲", f"Move the {what} up (Alt+Up)"),
            ("down", "▼", f"Move the {what} down (Alt+Down)"),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip.split(" (")[0])
            self.buttons[key] = b
            lay.addWidget(b)
        lay.addStretch(1)
        self.buttons["add"].clicked.connect(self.add.emit)
        self.buttons["duplicate"].clicked.connect(self.duplicate.emit)
        self.buttons["remove"].clicked.connect(self.remove.emit)
        self.buttons["up"].clicked.connect(lambda: self.shift.emit(-1))
        self.buttons["down"].clicked.connect(lambda: self.shift.emit(1))

    def bind_keys(self, view: QWidget) -> None:
        """The list's keyboard shortcuts, active while ``view`` has the focus."""
        for seq, slot in (
            ("Insert", self.add.emit),
            ("Ctrl+D", self.duplicate.emit),
            ("Delete", self.remove.emit),
            ("Alt+Up", lambda: self.shift.emit(-1)),
            ("Alt+Down", lambda: self.shift.emit(1)),
        ):
            sc = QShortcut(QKeySequence(seq), view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(slot)

    def menu(self, parent: QWidget) -> QMenu:
        """The same actions as a right-click menu."""
        m = QMenu(parent)
        for key, b in self.buttons.items():
            a = m.addAction(b.toolTip())
            a.setEnabled(b.isEnabled())
            a.triggered.connect(b.click)
            if key == "remove":
                m.addSeparator()
        return m

    def update_state(self, row: int, count: int, min_items: int, max_items: int | None) -> None:
        """Enable what is possible for the selected row."""
        full = max_items is not None and count >= max_items
        self.buttons["add"].setEnabled(not full)
        self.buttons["duplicate"].setEnabled(row >= 0 and not full)
        self.buttons["remove"].setEnabled(row >= 0 and count > min_items)
        self.buttons["up"].setEnabled(row > 0)
        self.buttons["down"].setEnabled(0 <= row < count - 1)


class _ListEditor(FieldEditor):
    """Shared parts of the editors of lists: the rows, their buttons and menu."""

    def __init__(self, spec: FieldSpec, what: str, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.items: list[Any] = []
        self.list = QListWidget()
        self.list.setObjectName("fieldList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(
            lambda pos: self.controls.menu(self.list).exec(self.list.mapToGlobal(pos))
        )
        self.list.model().rowsMoved.connect(self._dragged)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.controls: ListControls = ListControls(what)
        self.controls.bind_keys(self.list)
        self.controls.add.connect(self.add_item)
        self.controls.duplicate.connect(self.duplicate_item)
        self.controls.remove.connect(self.remove_item)
        self.controls.shift.connect(self.move_item)
        self._dragging_from: list[Any] | None = None

    # -- to be given by subclasses
    def new_item(self) -> Any:
        """A fresh item for Add."""
        raise NotImplementedError

    def row_text(self, item: Any) -> str:
        """How a row reads in the list."""
        raise NotImplementedError

    # -- shared
    def fill(self) -> None:
        """Show ``self.items`` as rows, keeping the selection."""
        row = self.list.currentRow()
        with QSignalBlocker(self.list):
            self.list.clear()
            for item in self.items:
                it = QListWidgetItem(self.row_text(item))
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsDragEnabled)
                self.list.addItem(it)
            if self.items:
                self.list.setCurrentRow(min(max(row, 0), len(self.items) - 1))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.controls.update_state(
            self.list.currentRow(), len(self.items), self.spec.min_length or 0,
            self.spec.max_length,
        )

    def send(self, items: list[Any], select: int) -> None:
        """Emit the whole new list and select ``select``."""
        self.items = items
        self.fill()
        self.list.setCurrentRow(select)
        self.emit_value(list(items))

    def add_item(self) -> None:
        """Add a fresh item after the selected one."""
        if self.spec.max_length is not None and len(self.items) >= self.spec.max_length:
            return
        at = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else len(self.items)
        self.send([*self.items[:at], self.new_item(), *self.items[at:]], at)

    def duplicate_item(self) -> None:
        """Copy the selected item below it."""
        row = self.list.currentRow()
        full = self.spec.max_length is not None and len(self.items) >= self.spec.max_length
        if row < 0 or full:
            return
        import copy

        self.send([*self.items[: row + 1], copy.deepcopy(self.items[row]),
                   *self.items[row + 1 :]], row + 1)

    def remove_item(self) -> None:
        """Remove the selected item (never below the schema's minimum)."""
        row = self.list.currentRow()
        if row < 0 or len(self.items) <= (self.spec.min_length or 0):
            return
        self.send(self.items[:row] + self.items[row + 1 :], min(row, len(self.items) - 2))

    def move_item(self, delta: int) -> None:
        """Move the selected item up (-1) or down (+1)."""
        row = self.list.currentRow()
        to = row + delta
        if row < 0 or not 0 <= to < len(self.items):
            return
        items = list(self.items)
        items.insert(to, items.pop(row))
        self.send(items, to)

    def _dragged(self, *_args: object) -> None:
        # The list moved a row itself; read the new order from the rows' texts'
        # original positions, kept in their data.
        # Deferred: the list must not be refilled while it is still moving the row.
        order = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        if None in order or sorted(order) != list(range(len(self.items))):
            return
        items = [self.items[i] for i in order]
        row = self.list.currentRow()
        QTimer.singleShot(0, lambda: self.send(items, row))


class StringsEditor(_ListEditor):
    """A list of texts (bullet points): each row edited in place."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, "point", parent)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(90)
        self.list.itemChanged.connect(self._row_edited)
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.list)
        lay.addWidget(self.controls)
        self.finish(holder, self.list)
        self.list.setAccessibleName(spec.label)
        self.list.setAccessibleDescription("Press F2 or start typing to edit a point.")

    def new_item(self) -> Any:
        if self.spec.choices:  # names from a fixed set: the first one not listed yet
            free = [c for c in self.spec.choices if c not in self.items]
            return (free or list(self.spec.choices))[0]
        return "New point"

    def row_text(self, item: Any) -> str:
        return str(item)

    def fill(self) -> None:
        super().fill()
        with QSignalBlocker(self.list):
            for i in range(self.list.count()):
                it = self.list.item(i)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsEditable)
                it.setData(Qt.ItemDataRole.UserRole, i)

    def add_item(self) -> None:
        super().add_item()
        it = self.list.currentItem()
        if it is not None:
            self.list.editItem(it)

    def _row_edited(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if not 0 <= row < len(self.items):
            return
        text = item.text()
        if text == self.items[row]:
            return
        self.items[row] = text
        self.edited.emit([((row,), text)])

    def set_value(self, value: Any) -> None:
        self.items = [str(v) for v in value] if isinstance(value, list) else []
        self.fill()

    def set_problems(self, problems: Mapping[str, str]) -> None:
        msgs = [problems.get("", "")]
        for i in range(len(self.items)):
            m = problems.get(f"[{i}]")
            if m:
                msgs.append(f"Point {i + 1}: {m}")
        super().set_problems({"": "\n".join(m for m in msgs if m)})


class ModelEditor(FieldEditor):
    """A nested mapping (an axis diagram's hub) as a sub-form in a frame."""

    def __init__(self, spec: FieldSpec, icons: IconSource, refs: RefsSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        assert spec.model is not None
        self.form = ModelForm(spec.model, icons, refs)
        self.form.edited.connect(self.edited.emit)
        group = QGroupBox(spec.label)
        gl = QVBoxLayout(group)
        gl.setContentsMargins(8, 4, 4, 4)
        gl.addWidget(self.form)
        self.finish(group)

    def set_value(self, value: Any) -> None:
        self.form.set_data(value if isinstance(value, Mapping) else {})

    def set_problems(self, problems: Mapping[str, str]) -> None:
        super().set_problems({"": problems.get("", "")})
        self.form.set_problems(problems)


class ModelsEditor(_ListEditor):
    """A list of mappings (steps, hubs' channels, chart bars, cluster parts).

    The rows read as their labels; the selected one is edited in the form below.
    """

    def __init__(self, spec: FieldSpec, icons: IconSource, refs: RefsSource,
                 parent: QWidget | None = None) -> None:
        assert spec.model is not None
        what = ITEM_NAMES.get(spec.name, "item")
        super().__init__(spec, what, parent)
        self.model = spec.model
        self.form = ModelForm(spec.model, icons, refs)
        self.form.edited.connect(self._item_edited)
        self.item_box = QGroupBox("")
        ibl = QVBoxLayout(self.item_box)
        ibl.setContentsMargins(8, 4, 4, 4)
        ibl.addWidget(self.form)
        self.list.currentRowChanged.connect(self._show_row)
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.list)
        lay.addWidget(self.controls)
        lay.addWidget(self.item_box)
        self.finish(holder, self.list)
        self.list.setAccessibleName(spec.label)
        self._problems: Mapping[str, str] = {}

    def new_item(self) -> Any:
        n = len(self.items) + 1
        return new_item_data(self.model, n)

    def row_text(self, item: Any) -> str:
        label = item.get("label", item.get("text", "")) if isinstance(item, Mapping) else ""
        extra = " ★" if isinstance(item, Mapping) and item.get("highlight") else ""
        if isinstance(item, Mapping) and item.get("correct"):  # a quiz's right choice
            extra = " ✓"
        return (str(label) or "(no label)") + extra

    def fill(self) -> None:
        super().fill()
        for i in range(self.list.count()):
            self.list.item(i).setData(Qt.ItemDataRole.UserRole, i)
        # As tall as its rows (3 to 8 of them): no empty box under three steps.
        row = self.list.sizeHintForRow(0) if self.list.count() else 18
        rows = min(max(len(self.items), 3), 8)
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth() + 4)
        self._show_row(self.list.currentRow())

    def _show_row(self, row: int) -> None:
        ok = 0 <= row < len(self.items)
        self.item_box.setVisible(ok)
        if not ok:
            return
        what = ITEM_NAMES.get(self.spec.name, "item")
        self.item_box.setTitle(f"{what.capitalize()} {row + 1}")
        data = self.items[row]
        self.form.set_data(data if isinstance(data, Mapping) else {})
        self.form.set_problems(_under(self._problems, f"[{row}]"))

    def _item_edited(self, edits: list[Edit]) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        item = dict(self.items[row]) if isinstance(self.items[row], Mapping) else {}
        for path, value in edits:
            if len(path) == 1 and isinstance(path[0], str):
                if value is None:
                    item.pop(path[0], None)
                else:
                    item[path[0]] = value
        self.items[row] = item
        lw = self.list.item(row)
        if lw is not None:
            lw.setText(self.row_text(item))
        self.edited.emit([((row, *p), v) for p, v in edits])

    def set_value(self, value: Any) -> None:
        self.items = [dict(v) if isinstance(v, Mapping) else v for v in value] \
            if isinstance(value, list) else []
        self.fill()

    def set_problems(self, problems: Mapping[str, str]) -> None:
        self._problems = problems
        msgs = [problems.get("", "")]
        bad = sorted({k.split("]")[0].lstrip("[") for k in problems if k.startswith("[")})
        for key in bad:
            if key.isdigit():
                msgs.append(f"{ITEM_NAMES.get(self.spec.name, 'item').capitalize()} "
                            f"{int(key) + 1} has a problem (select it to see).")
        super().set_problems({"": "\n".join(m for m in msgs if m)})
        for i in range(self.list.count()):
            it = self.list.item(i)
            has = str(i) in bad
            it.setForeground(Qt.GlobalColor.darkRed if has else Qt.GlobalColor.black)
        self._show_row(self.list.currentRow())


ITEM_NAMES = {"steps": "step", "channels": "channel", "items": "item", "choices": "choice"}


def new_item_data(model: type[BaseModel], n: int) -> dict[str, Any]:
    """A fresh list item that is valid on its own: its required fields filled in.

    Labels are numbered ("Step 3") so a new row is never confused with its
    neighbours; numbers start at 10.
    """
    out: dict[str, Any] = {}
    name = model.__name__.lower().replace("item", " item").replace("chart ", "")
    for spec in form_fields(model):
        if not spec.required:
            continue
        if spec.kind == "line":
            # A quiz's choices must differ: "Choice 3" as a step is "Step 3".
            out[spec.name] = f"{name.strip().capitalize()} {n}" if spec.name in ("label", "text") \
                else spec.label
        elif spec.kind in ("number", "integer"):
            out[spec.name] = 10
    if "cite" in model.model_fields:
        out["uncited"] = True
    return out


def _under(problems: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The problems under ``prefix`` ("steps" or "[2]"), with the prefix taken off."""
    out: dict[str, str] = {}
    for k, v in problems.items():
        if k == prefix:
            out[""] = v
        elif k.startswith(prefix + ".") :
            out[k[len(prefix) + 1 :]] = v
        elif k.startswith(prefix + "["):
            out[k[len(prefix) :]] = v
    return out


class RefsSource:
    """The pack's references as the citation picker lists them: key → short description."""

    def __init__(self) -> None:
        self.refs: list[tuple[str, str]] = []
        self.listeners: list[Callable[[], None]] = []

    def set_refs(self, refs: Sequence[tuple[str, str]]) -> None:
        """New references (after an edit of references.yaml)."""
        if list(refs) != self.refs:
            self.refs = list(refs)
            for f in list(self.listeners):
                f()


class CiteEditor(FieldEditor):
    """The citation picker: the pack's references, ticked when cited, and "no source".

    Ticking a reference clears "no source" and the reverse, since the schema
    forbids both at once. Both fields are sent in one edit (one undo step).
    """

    def __init__(self, spec: FieldSpec, refs: RefsSource, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.refs = refs
        self.cited: list[str] = []
        self.uncited = False
        self.list = QListWidget()
        self.list.setObjectName("citeList")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setMinimumHeight(56)
        self.list.setMaximumHeight(120)
        self.list.itemChanged.connect(self._ticked)
        self.list.setAccessibleName("Sources")
        self.list.setAccessibleDescription(
            "Tick each reference this claims rests on; press Space to tick."
        )
        self.uncited_box = QCheckBox("No source (an uncited claim, labelled as such)")
        self.uncited_box.toggled.connect(self._uncited)
        self.empty = QLabel("This pack has no references yet; add them in References.")
        self.empty.setObjectName("panelHint")
        self.empty.setWordWrap(True)
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.list)
        lay.addWidget(self.empty)
        lay.addWidget(self.uncited_box)
        self.finish(holder, self.list)
        refs.listeners.append(self._refill)
        self.destroyed.connect(lambda *_: self._forget())

    def _forget(self) -> None:
        if self._refill in self.refs.listeners:
            self.refs.listeners.remove(self._refill)

    def _refill(self) -> None:
        known = {k for k, _ in self.refs.refs}
        rows = [(key, f"{key} — {desc}" if desc else key, desc) for key, desc in self.refs.refs]
        # cited, but not in references.yaml: shown so it can be unticked
        rows += [(k, f"{k} — not in the references", "") for k in self.cited if k not in known]
        with QSignalBlocker(self.list):
            same = self.list.count() == len(rows) and all(
                self.list.item(i).data(Qt.ItemDataRole.UserRole) == key
                and self.list.item(i).text() == text
                for i, (key, text, _d) in enumerate(rows)
            )
            if same:
                # Only the ticks change: the items stay, so a click that is under
                # way (its press already on an item) still ticks on its release.
                for i, (key, _t, _d) in enumerate(rows):
                    state = Qt.CheckState.Checked if key in self.cited else Qt.CheckState.Unchecked
                    if self.list.item(i).checkState() != state:
                        self.list.item(i).setCheckState(state)
            else:
                self.list.clear()
                for key, text, desc in rows:
                    it = QListWidgetItem(text)
                    it.setData(Qt.ItemDataRole.UserRole, key)
                    it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    it.setCheckState(
                        Qt.CheckState.Checked if key in self.cited else Qt.CheckState.Unchecked
                    )
                    it.setToolTip(desc)
                    if key not in known:
                        it.setForeground(Qt.GlobalColor.darkRed)
                    self.list.addItem(it)
        self.empty.setVisible(not self.refs.refs)
        self.list.setVisible(self.list.count() > 0)
        with QSignalBlocker(self.uncited_box):
            self.uncited_box.setChecked(self.uncited)

    def set_value(self, value: Any) -> None:
        """``value`` is ``(cite list, uncited flag)``."""
        cite, uncited = value if isinstance(value, tuple) else (value, False)
        self.cited = [str(k) for k in cite] if isinstance(cite, list) else []
        self.uncited = bool(uncited)
        self._refill()

    def _ticked(self, _item: QListWidgetItem) -> None:
        keys = [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.cited = keys
        if keys:
            self.uncited = False
        self._send()

    def _uncited(self, on: bool) -> None:
        self.uncited = on
        if on:
            self.cited = []
        self._send()

    def _send(self) -> None:
        self._refill()
        self.edited.emit([
            (("cite",), list(self.cited) if self.cited else None),
            (("uncited",), True if self.uncited else None),
        ])

    def set_problems(self, problems: Mapping[str, str]) -> None:
        msgs = [m for k, m in problems.items() if k == "" or k.startswith("[")]
        super().set_problems({"": "\n".join(dict.fromkeys(msgs))})


def make_editor(spec: FieldSpec, icons: IconSource, refs: RefsSource) -> FieldEditor:
    """The editor a field's spec asks for."""
    if spec.kind == "line":
        return LineEditor(spec)
    if spec.kind == "text":
        return TextEditor(spec)
    if spec.kind == "number":
        return NumberEditor(spec)
    if spec.kind == "integer":
        return IntegerEditor(spec)
    if spec.kind == "bool":
        return BoolEditor(spec)
    if spec.kind == "choice":
        return ChoiceEditor(spec)
    if spec.kind == "icon":
        return IconEditor(spec, icons)
    if spec.kind == "cite":
        return CiteEditor(spec, refs)
    if spec.kind == "strings":
        return StringsEditor(spec)
    if spec.kind == "model":
        return ModelEditor(spec, icons, refs)
    return ModelsEditor(spec, icons, refs)


class ModelForm(QWidget):
    """A form for one mapping of content, generated from its schema model.

    Signals:
        edited(object): a list of ``(path, value)`` edits, paths relative to the
            mapping; ``value`` None means the field is left out of the file.
    """

    edited = Signal(object)

    def __init__(
        self,
        model: type[BaseModel],
        icons: IconSource,
        refs: RefsSource,
        parent: QWidget | None = None,
        *,
        skip: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        self.data: Mapping[str, Any] = {}
        lay = QFormLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        lay.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        lay.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for spec in form_fields(model):
            if spec.name in skip:
                continue
            ed = make_editor(spec, icons, refs)
            ed.edited.connect(lambda edits, n=spec.name: self._forward(n, edits))
            self.editors[spec.name] = ed
            text = spec.label + ("" if not spec.required or spec.kind == "bool" else " *")
            label = QLabel(text)
            label.setBuddy(ed.editor)
            label.setToolTip(spec.hint)
            self.labels[spec.name] = label
            if isinstance(ed, BoolEditor):
                ed.check.setText(spec.label)
                lay.addRow("", ed)
            elif spec.kind in ("model",):
                lay.addRow(ed)
            else:
                lay.addRow(label, ed)

    def _forward(self, name: str, edits: list[Edit]) -> None:
        if name == "cite":  # the citation picker sends cite and uncited itself
            self.edited.emit(edits)
            return
        self.edited.emit([((name, *p), v) for p, v in edits])

    def set_data(self, data: Mapping[str, Any]) -> None:
        """Show ``data`` (no signals)."""
        self.data = data
        for name, ed in self.editors.items():
            if name == "cite":
                ed.set_value((data.get("cite"), data.get("uncited", False)))
            else:
                ed.set_value(data.get(name))

    def set_problems(self, problems: Mapping[str, str]) -> None:
        """Mark each field with its problem; keys are paths relative to this mapping."""
        for name, ed in self.editors.items():
            mine = _under(problems, name)
            if name == "cite":
                mine.update({k: v for k, v in _under(problems, "uncited").items()})
            ed.set_problems(mine)
        general = problems.get("", "")
        self.setToolTip(general)

    def commit(self) -> None:
        """Send what is being typed now (before saving or switching blocks)."""
        for ed in self.editors.values():
            c = getattr(ed, "commit", None)
            if callable(c):
                c()
            if isinstance(ed, ModelsEditor | ModelEditor):
                ed.form.commit()

    def editor(self, path: str) -> FieldEditor:
        """The editor of a field by its dotted name (for tests and focus)."""
        head, _, rest = path.partition(".")
        ed = self.editors[head]
        if rest and isinstance(ed, ModelEditor | ModelsEditor):
            return ed.form.editor(rest)
        return ed


__all__ = ["ModelForm", "RefsSource", "make_editor", "new_item_data", "parse_number", "path_text"]
