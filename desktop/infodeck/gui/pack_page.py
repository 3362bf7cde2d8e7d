"""The page shown instead of the preview when there is no pack to show.

A pack whose pack.yaml cannot be used (or no pack at all) has nothing to preview:
this page says so in plain words and offers the ways on (open another pack, the
built-in one), while the Problems panel below still lists what is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class PackPage(QWidget):
    """A heading, an explanation and buttons, centred where the preview would be.

    Signals:
        open_requested(): "Open another pack…" was pressed.
        builtin_requested(): "Open the built-in pack" was pressed.
    """

    open_requested = Signal()
    builtin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packPage")
        self.heading = QLabel("")
        self.heading.setObjectName("dialogTitle")
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel("")
        self.text.setObjectName("packPageText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Why the pack cannot be shown")
        self.open_button = QPushButton("Open another pack…")
        self.open_button.setObjectName("primaryButton")
        self.open_button.setAccessibleName("Open another pack")
        self.open_button.clicked.connect(self.open_requested.emit)
        self.builtin_button = QPushButton("Open the built-in pack")
        self.builtin_button.setAccessibleName("Open the built-in pack")
        self.builtin_button.clicked.connect(self.builtin_requested.emit)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.open_button)
        self.buttons.addWidget(self.builtin_button)
        self.buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 40, 40, 40)
        lay.setSpacing(14)
        lay.addStretch(1)
        lay.addWidget(self.heading)
        lay.addWidget(self.text)
        lay.addLayout(self.buttons)
        lay.addStretch(2)

    def add_action_button(self, action: QAction) -> QPushButton:
        """A button for one of the window's actions (New pack), placed before the others."""
        button = QPushButton(action.text().replace("&", ""))
        button.setAccessibleName(button.text().replace("…", ""))
        button.clicked.connect(action.trigger)
        self.buttons.insertWidget(1, button)
        return button

    def show_reason(self, heading: str, text: str) -> None:
        """Say what happened and what to do next."""
        self.heading.setText(heading)
        self.text.setText(text)
