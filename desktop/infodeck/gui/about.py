"""Help ▸ About: the version, where the log is, and the bundled fonts' licence."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from infodeck import __version__
from infodeck.logs import log_file


def font_licence_text() -> str:
    """The licences of the bundled fonts (Carlito first), or a note if they are missing."""
    from infodeck.resources import ResourceError, resource_path

    try:
        folder = resource_path("assets", "fonts")
        files = sorted(
            folder.glob("*-LICENSE.txt"), key=lambda p: (p.name != "Carlito-LICENSE.txt", p.name)
        )
        return "\n\n".join(f"== {p.name} ==\n{p.read_text(encoding='utf-8')}" for p in files)
    except (OSError, ResourceError) as e:
        return f"The licence files could not be read ({e})."


class AboutDialog(QDialog):
    """What Infodeck is, its version, and the licences of what it bundles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Infodeck")
        self.setAccessibleName("About Infodeck")
        self.setMinimumSize(560, 480)
        title = QLabel(f"Infodeck {__version__}")
        title.setObjectName("dialogTitle")
        self.title = title
        blurb = QLabel(
            "Editable slide decks, print infographics and diagrams for teachers, "
            "from YAML content packs.<br><br>"
            f"Python {platform.python_version()} · Qt for Python {pyside_version}<br>"
            f"Log file: <code>{log_file()}</code>"
        )
        blurb.setWordWrap(True)
        blurb.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        fonts = QLabel(
            "<b>Bundled fonts:</b> Carlito (metric-compatible with Calibri), Noto Sans "
            "Arabic, Noto Sans Hebrew and Noto Sans CJK KR (Hangul), SIL Open Font License "
            "1.1; Droid Sans Fallback, Apache License 2.0; Symbola, free for any use:"
        )
        self.licence = QTextBrowser()
        self.licence.setAccessibleName("Font licences")
        self.licence.setPlainText(font_licence_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        lay.addWidget(title)
        lay.addWidget(blurb)
        lay.addWidget(fonts)
        lay.addWidget(self.licence, 1)
        lay.addWidget(buttons)
