"""The references manager: a table of the pack's sources, to add, edit and remove them.

Each row says how often the reference is cited (an unused one is flagged) and
whether its DOI and web address look right. The selected reference is edited in
a form generated from the schema, like every other form. Renaming a key carries
the new key into every citation; removing a cited reference asks what becomes of
those citations. All of it goes through the document, so Undo takes it back.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from infodeck.content.model import Reference
from infodeck.gui.editor.forms import PROBLEM_STYLE, Edit, ModelForm, RefsSource
from infodeck.gui.editor.icons import IconSource
from infodeck.gui.editor.refcheck import clean_doi, doi_problem, url_problem

if TYPE_CHECKING:
    from infodeck.content.edit.document import CitationPolicy, DocumentChange, PackDocument

COLUMNS = ("Key", "Authors", "Year", "Title", "Cited", "Check")
UNUSED_INK = QColor("#8A4B00")
PROBLEM_INK = QColor("#A12C2C")
_REF = re.compile(r"^references\[(\d+)\]\.?")


def suggest_key(authors: str, year: Any, taken: set[str]) -> str:
    """A key from the first author's surname and the year: ``smith2020``, ``smith2020b``."""
    import unicodedata

    first = re.split(r"[,;&]| and ", authors.strip(), maxsplit=1)[0].strip()
    words = first.split()
    surname = max(words, key=len) if words else "ref"
    ascii_name = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "", ascii_name.lower()) or "ref"
    base += str(year) if isinstance(year, int) else ""
    key, n = base, 1
    while key in taken:
        key = f"{base}{'bcdefghijklmnopqrstuvwxyz'[n - 1]}" if n <= 25 else f"{base}-{n}"
        n += 1
    return key


def reference_checks(ref: Mapping[str, Any]) -> dict[str, str]:
    """DOI and URL problems of one reference, by field."""
    out: dict[str, str] = {}
    doi = ref.get("doi")
    if isinstance(doi, str) and doi_problem(doi):
        out["doi"] = doi_problem(doi)
    url = ref.get("url")
    if isinstance(url, str) and url_problem(url):
        out["url"] = url_problem(url)
    return out


class ReferencesDialog(QDialog):
    """Add, edit and remove the pack's references (non-modal; follows the document)."""

    def __init__(self, document: PackDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("References")
        self.doc = document
        self.ask: Callable[[QMessageBox], object] = lambda box: box.exec()  # tests replace it
        self.new_data: dict[str, Any] | None = None  # a reference being added
        self._suggested = ""  # the key proposed for it, from its authors and year
        self._refreshing = False
        heading = QLabel("References")
        heading.setObjectName("dialogTitle")
        hint = QLabel(
            "The sources your sections cite. Tick them in a block's Sources; a reference "
            "nobody cites is flagged."
        )
        hint.setObjectName("panelHint")
        hint.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("referencesTable")
        self.table.setAccessibleName("References")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._row_changed())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.add_button = QPushButton("+ Add reference")
        self.add_button.setToolTip("Add a reference (Insert)")
        self.add_button.clicked.connect(self.start_new)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setToolTip("Remove the selected reference (Delete)")
        self.remove_button.clicked.connect(self.remove_current)
        for seq, slot in (("Insert", self.start_new), ("Delete", self.remove_current)):
            sc = QShortcut(QKeySequence(seq), self.table)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(slot)

        self.form = ModelForm(Reference, IconSource(), RefsSource())
        self.form.edited.connect(self._edited)
        self.form_box = QGroupBox("Reference")
        self.form_problem = QLabel("")
        self.form_problem.setStyleSheet(PROBLEM_STYLE)
        self.form_problem.setWordWrap(True)
        self.form_problem.setVisible(False)
        self.confirm_new = QPushButton("Add this reference")
        self.confirm_new.setObjectName("primaryButton")
        self.confirm_new.clicked.connect(self.finish_new)
        self.cancel_new = QPushButton("Cancel")
        self.cancel_new.clicked.connect(self.cancel_adding)
        new_row = QHBoxLayout()
        new_row.addStretch(1)
        new_row.addWidget(self.cancel_new)
        new_row.addWidget(self.confirm_new)
        fl = QVBoxLayout(self.form_box)
        fl.addWidget(self.form_problem)
        fl.addWidget(self.form)
        fl.addLayout(new_row)
        self.form_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form_box)
        self.empty = QLabel("No reference is selected.")
        self.empty.setObjectName("panelHint")

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.count = QLabel("")
        self.count.setObjectName("panelHint")
        buttons.addWidget(self.count)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table, 1)
        tl.addLayout(buttons)
        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(scroll)
        split.setSizes([260, 320])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(hint)
        lay.addWidget(split, 1)
        lay.addWidget(self.empty)
        lay.addWidget(close)
        # As tall as the screen allows (a 1366×768 laptop leaves about 690 px), so the
        # whole form, "Add this reference" included, shows without scrolling.
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(760, min(720, screen.height() - 40) if screen is not None else 620)
        self._unsubscribe = document.subscribe(self._document_changed)
        self.finished.connect(lambda _r: self._unsubscribe())
        self.refresh()

    # ---------------------------------------------------------------- showing
    def _document_changed(self, _change: DocumentChange) -> None:
        self.refresh()

    def references(self) -> list[dict[str, Any]]:
        """The references as the document has them."""
        return [r for r in self.doc.references() if isinstance(r, dict)]

    def _problems(self) -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        for p in self.doc.validation.problems:
            m = _REF.match(p.where or "")
            if m and p.severity == "error":
                out.setdefault(int(m.group(1)), {}).setdefault(p.where[m.end():], p.message)
        for i, r in enumerate(self.references()):
            for k, v in reference_checks(r).items():
                out.setdefault(i, {}).setdefault(k, v)
        return out

    def refresh(self) -> None:
        """Show the references as they are now."""
        if self._refreshing:
            return
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False

    def _refresh(self) -> None:
        refs = self.references()
        problems = self._problems()
        row = self.table.currentRow()
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(refs))
            for i, r in enumerate(refs):
                key = str(r.get("key", ""))
                n = len(self.doc.citations_of(key)) if key else 0
                cells = (
                    key,
                    str(r.get("authors", "")),
                    str(r.get("year", "")),
                    str(r.get("title", "")),
                    f"{n}×" if n else "not cited",
                    "; ".join(f"{k}: {v}" for k, v in problems.get(i, {}).items()) or "✓",
                )
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    if c == 4 and not n:
                        item.setForeground(QBrush(UNUSED_INK))
                        item.setToolTip("No block cites this reference")
                    if c == 5 and problems.get(i):
                        item.setForeground(QBrush(PROBLEM_INK))
                    self.table.setItem(i, c, item)
            if refs:
                self.table.selectRow(min(max(row, 0), len(refs) - 1))
        unused = sum(1 for r in refs if not self.doc.citations_of(str(r.get("key", ""))))
        self.count.setText(
            f"{len(refs)} reference{'s' if len(refs) != 1 else ''}"
            + (f", {unused} not cited" if unused else "")
        )
        self._row_changed()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Fit the form once the dialog has its size."""
        super().showEvent(event)
        self.fit_form()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Keep the whole form in view when the dialog is resized."""
        super().resizeEvent(event)
        self.fit_form()

    def fit_form(self) -> None:
        """Give the form the height it needs (no scrolling to reach its buttons).

        The table keeps what is left, at least a few rows; only on a screen too
        small for both does the form scroll.
        """
        total = sum(self.split.sizes())
        if total <= 0:
            return
        need = self.form_box.sizeHint().height() + 2 * self.form_scroll.frameWidth()
        table_min = 130
        form = min(need, max(total - table_min, 0))
        self.split.setSizes([total - form, form])

    def _row_changed(self) -> None:
        if self.new_data is not None:
            self._show_new()
            return
        row = self.table.currentRow()
        refs = self.references()
        has = 0 <= row < len(refs)
        self.remove_button.setEnabled(has)
        self.confirm_new.setVisible(False)
        self.cancel_new.setVisible(False)
        self.form_box.setVisible(has)
        self.empty.setVisible(not has)
        if not has:
            return
        self.form_box.setTitle(f"Reference {refs[row].get('key', '')}")
        self.form.set_data(refs[row])
        mine = self._problems().get(row, {})
        self.form.set_problems(mine)
        general = mine.get("", "")
        self.form_problem.setText(general)
        self.form_problem.setVisible(bool(general))

    def select_key(self, key: str) -> None:
        """Select the reference with ``key``."""
        for i, r in enumerate(self.references()):
            if r.get("key") == key:
                self.table.selectRow(i)
                return

    # ---------------------------------------------------------------- editing
    def _edited(self, edits: list[Edit]) -> None:
        from infodeck.content.edit.document import EditError

        if self.new_data is not None:
            for path, value in edits:
                name = str(path[0])
                if value is None:
                    self.new_data.pop(name, None)
                else:
                    self.new_data[name] = clean_doi(value) if name == "doi" else value
            self._suggest_key()
            self._show_new(check=False)
            return
        row = self.table.currentRow()
        refs = self.references()
        if not 0 <= row < len(refs):
            return
        key = str(refs[row].get("key", ""))
        for path, value in edits:
            name = str(path[0])
            if name == "doi" and isinstance(value, str):
                value = clean_doi(value)
            try:
                self.doc.edit_reference(key, name, value)
            except EditError as e:
                self.form_problem.setText(str(e))
                self.form_problem.setVisible(True)
                self.refresh()
                return
            if name == "key" and isinstance(value, str):
                key = value
                self.select_key(value)

    # ---- adding
    def start_new(self) -> None:
        """Start a new reference in the form; it is added when it is complete."""
        self.new_data = {"year": datetime.date.today().year}
        self.table.clearSelection()
        self._show_new(check=False)
        self.fit_form()
        self.form.editor("authors").editor.setFocus()

    def _suggest_key(self) -> None:
        d = self.new_data
        if d is None or d.get("key") or not d.get("authors"):
            return
        taken = {str(r.get("key")) for r in self.references()}
        self._suggested = suggest_key(str(d["authors"]), d.get("year"), taken)

    def _show_new(self, check: bool = False) -> None:
        d = self.new_data or {}
        self.form_box.setVisible(True)
        self.empty.setVisible(False)
        self.form_box.setTitle("New reference")
        self.confirm_new.setVisible(True)
        self.cancel_new.setVisible(True)
        self.remove_button.setEnabled(False)
        self.form.set_data(d)
        problems = self.new_problems() if check else reference_checks(d)
        self.form.set_problems(problems)
        key_editor = self.form.editor("key")
        suggestion = self._suggested
        key_editor.editor.setProperty("placeholderText", suggestion or "e.g. smith2020")

    def new_problems(self) -> dict[str, str]:
        """What the new reference still needs, by field."""
        d = dict(self.new_data or {})
        if not d.get("key") and self._suggested:
            d["key"] = self._suggested
        out: dict[str, str] = {}
        try:
            Reference.model_validate(d)
        except ValidationError as e:
            from infodeck.content.load import humanize

            for err in e.errors():
                path, msg = humanize(dict(err), d, Reference)
                name = str(path[0]) if path else ""
                out.setdefault(name, msg)
        if "key" in out and not d.get("key"):
            out["key"] = ("a short name to cite it by, e.g. smith2020; left empty, it is made "
                          "from the first author and the year")
        out.update({k: v for k, v in reference_checks(d).items() if k not in out})
        if d.get("key") in {r.get("key") for r in self.references()}:
            out.setdefault("key", f"there is already a reference with the key '{d['key']}'")
        return out

    def finish_new(self) -> None:
        """Add the new reference when it is complete; otherwise mark what is missing."""
        from infodeck.content.edit.document import EditError

        if self.new_data is None:
            return
        self.form.commit()
        problems = self.new_problems()
        if problems:
            self._show_new(check=True)
            return
        data = dict(self.new_data)
        if not data.get("key"):
            data["key"] = self._suggested
        order = [f for f in Reference.model_fields if f in data]
        data = {k: data[k] for k in order}
        self.new_data = None
        try:
            self.doc.add_reference(data)
        except EditError as e:
            self.new_data = data
            self.form_problem.setText(str(e))
            self.form_problem.setVisible(True)
            return
        self.refresh()
        self.select_key(str(data["key"]))

    def cancel_adding(self) -> None:
        """Drop the reference being added."""
        self.new_data = None
        self._suggested = ""
        self.refresh()

    # ---- removing
    def remove_current(self) -> None:
        """Remove the selected reference; when it is cited, ask what becomes of the citations."""
        from infodeck.content.edit.document import EditError

        row = self.table.currentRow()
        refs = self.references()
        if self.new_data is not None or not 0 <= row < len(refs):
            return
        key = str(refs[row].get("key", ""))
        places = self.doc.citations_of(key)
        policy: CitationPolicy = "remove-citations"
        if places:
            files = sorted({f for f, _ in places})
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Remove a cited reference",
                f"“{key}” is cited {len(places)} time{'s' if len(places) != 1 else ''} "
                f"(in {', '.join(files)}).\n\nWhat should happen to those citations?",
                QMessageBox.StandardButton.Cancel,
                self,
            )
            uncited = box.addButton("Remove them, mark the claims uncited",
                                    QMessageBox.ButtonRole.AcceptRole)
            remove = box.addButton("Just remove them", QMessageBox.ButtonRole.DestructiveRole)
            box.setInformativeText(
                "A claim left without a source is labelled “uncited” on its slide, so "
                "nobody takes it for a sourced one."
            )
            box.setDefaultButton(uncited)
            self.ask(box)
            clicked = box.clickedButton()
            if clicked is uncited:
                policy = "mark-uncited"
            elif clicked is not remove:
                return
        try:
            self.doc.delete_reference(key, policy)
        except EditError as e:
            self.form_problem.setText(str(e))
            self.form_problem.setVisible(True)

    def _context_menu(self, pos: Any) -> None:
        item = self.table.itemAt(pos)
        if item is not None:
            self.table.selectRow(item.row())
        menu = QMenu(self)
        a = menu.addAction("Add reference\tIns")
        a.triggered.connect(self.start_new)
        r = menu.addAction("Remove reference…\tDel")
        r.setEnabled(item is not None)
        r.triggered.connect(self.remove_current)
        menu.exec(self.table.viewport().mapToGlobal(pos))
