"""The export dialog's Template row: build the deck on a school's .pptx/.potx.

Three choices, remembered per pack in the window's settings: the pack's own
``template:`` (the default), another file, or none (Infodeck's layouts and theme).
"Check…" shows what Infodeck makes of the file before anything is exported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from infodeck.gui.settings import Settings

NONE = "none"  # the settings' word for "no template, even if the pack names one"
FILTER = "PowerPoint templates (*.pptx *.potx);;All files (*)"


class TemplatePicker(QGroupBox):
    """Which template the export builds on.

    Signals:
        changed(): the choice changed (the dialog re-checks what it can export).
    """

    changed = Signal()

    def __init__(
        self,
        settings: Settings,
        pack_id: str,
        pack_root: Path,
        pack_template: str | None,
        check: Callable[[QWidget, Path], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Template", parent)
        self.setObjectName("templatePicker")
        self._settings = settings
        self._pack_id = pack_id
        self._root = pack_root
        self._pack_template = pack_template
        self._check = check
        self.choice = settings.template_for(pack_id)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Template the deck is built on")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose a PowerPoint template")
        self.choose_button.clicked.connect(self._browse)
        self.pack_button = QPushButton("Pack's own")
        self.pack_button.setAccessibleName("Use the pack's own template")
        self.pack_button.clicked.connect(lambda: self.set_choice(""))
        self.none_button = QPushButton("None")
        self.none_button.setAccessibleName("Use no template")
        self.none_button.clicked.connect(lambda: self.set_choice(NONE))
        self.check_button = QPushButton("Check…")
        self.check_button.setAccessibleName("Check the template")
        self.check_button.clicked.connect(self._show_check)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in (self.choose_button, self.pack_button, self.none_button, self.check_button):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addLayout(row)
        self._show()

    def path(self) -> Path | None:
        """The template file the export will use (None: no template)."""
        if self.choice == NONE:
            return None
        if self.choice:
            return Path(self.choice)
        return self._root / self._pack_template if self._pack_template else None

    def request_value(self) -> Path | None:
        """``ExportRequest.template``: None keeps the pack's own, ``NO_TEMPLATE`` none."""
        from infodeck.export.plan import NO_TEMPLATE

        if self.choice == NONE:
            return NO_TEMPLATE
        return Path(self.choice) if self.choice else None

    def set_choice(self, choice: str) -> None:
        """A file path, ``"none"``, or "" for the pack's own; remembered for this pack."""
        self.choice = choice
        self._settings.set_template_for(self._pack_id, choice)
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        path = self.path()
        if path is None:
            text = "None: Infodeck's own slide layout and theme."
        elif not self.choice:
            text = f"The pack's template: {self._pack_template}"
        else:
            text = f"{path.name}  ({path.parent})"
        if path is not None:
            text += "\nThe deck keeps its masters, layouts and slide size; the infographic " \
                    "and diagrams take its colours, fonts and logo."
        self.label.setText(text)
        self.pack_button.setVisible(bool(self._pack_template))
        self.pack_button.setEnabled(bool(self.choice))
        self.none_button.setEnabled(path is not None)
        self.check_button.setVisible(self._check is not None)
        self.check_button.setEnabled(path is not None)

    def _browse(self) -> None:
        current = self.path()
        start = str(current.parent if current is not None else self._root)
        name, _ = QFileDialog.getOpenFileName(self, "Choose a PowerPoint template", start, FILTER)
        if name:
            self.set_choice(name)

    def _show_check(self) -> None:
        path = self.path()
        if path is not None and self._check is not None:
            self._check(self, path)
