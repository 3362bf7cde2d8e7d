"""The app's look: Fusion with a light palette and a small style sheet.

Sizes are in points or left to the style, so the window scales at 200 % as it does
at 100 %. The accent is the default theme's teal, so the app and its decks match.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#0B6E79"
ACCENT_DARK = "#08555D"
INK = "#1F2933"
MUTED = "#52606D"
LINE = "#D9E0E6"
SURFACE = "#F6F8FA"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {SURFACE}; }}
QToolBar#mainToolbar {{
    background: white; border: none; border-bottom: 1px solid {LINE};
    padding: 6px 10px; spacing: 6px;
}}
QToolBar#mainToolbar QToolButton {{ padding: 5px 9px; border-radius: 6px; color: {INK}; }}
QToolBar#mainToolbar QToolButton:hover {{ background: #EEF2F5; }}
QToolBar#mainToolbar QToolButton#qt_toolbar_ext_button {{ padding: 2px; min-width: 16px; }}
QToolBar#mainToolbar QToolButton:checked {{
    background: #DCEFF1; color: {ACCENT_DARK}; font-weight: 600;
}}
QToolBar#mainToolbar QLabel {{ color: {MUTED}; padding-left: 8px; }}
QToolBar#mainToolbar QComboBox {{ padding: 3px 8px; }}
QToolBar#exportToolbar {{
    background: white; border: none; border-bottom: 1px solid {LINE}; padding: 6px 10px;
}}
QLabel#panelHeading {{ font-weight: 600; color: {INK}; font-size: 11pt; }}
QLabel#panelHint {{ color: {MUTED}; }}
QLabel#dialogTitle {{ font-weight: 600; font-size: 15pt; color: {INK}; }}
QLabel#contrastChip {{ border-radius: 9px; padding: 2px 9px; font-weight: 600; }}
QLabel#contrastChip[ok="true"] {{ background: #E3F4E8; color: #1E6B34; }}
QLabel#contrastChip[ok="false"] {{ background: #FFF1DC; color: #8A4B00; }}
QLabel#noticeBanner {{
    background: #E6EEF3; color: #2F4858; border-radius: 6px; padding: 6px 10px;
}}
QLabel#staleBanner {{
    background: #FFF1DC; color: #8A4B00; border-radius: 6px; padding: 6px 10px;
}}
QPushButton#primaryButton {{
    background: {ACCENT}; color: white; border: none; border-radius: 6px;
    padding: 6px 16px; font-weight: 600;
}}
QPushButton#primaryButton:hover {{ background: {ACCENT_DARK}; }}
QPushButton#primaryButton:disabled {{ background: #9DBFC3; }}
QToolButton#exportButton {{
    background: {ACCENT}; color: white; border: none; border-radius: 6px;
    padding: 6px 16px; font-weight: 600;
}}
QToolButton#exportButton:hover {{ background: {ACCENT_DARK}; }}
QToolButton#exportButton:disabled {{ background: #9DBFC3; }}
QListWidget#sectionsList, QTreeWidget#problemsList {{
    background: white; border: 1px solid {LINE}; border-radius: 8px;
}}
QListWidget#sectionsList::item {{ border-bottom: 1px solid #EEF1F4; }}
QListWidget#sectionsList::item:selected {{ background: #DCEFF1; color: {INK}; }}
QListWidget#thumbs {{ background: #EDF0F3; border: none; border-right: 1px solid {LINE}; }}
QListWidget#thumbs::item {{ border-radius: 6px; padding: 4px; color: {MUTED}; }}
QListWidget#thumbs::item:selected {{ background: #CFE6E9; color: {INK}; }}
QScrollArea#pageScroll {{ border: none; }}
QProgressBar#busyBar {{ border: none; background: #DDE3E8; border-radius: 3px; }}
QProgressBar#busyBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QSplitter::handle {{ background: {LINE}; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #C3CCD4; border-radius: 3px; min-height: 28px; }}
QScrollBar::handle:horizontal {{ background: #C3CCD4; border-radius: 3px; min-width: 28px; }}
QScrollBar::handle:hover {{ background: #9AA5B1; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QStatusBar {{ background: white; border-top: 1px solid {LINE}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 8px; }}
"""


def light_palette() -> QPalette:
    """A calm light palette (the offscreen and Linux defaults vary)."""
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#F3F6F8"))
    pal.setColor(QPalette.ColorRole.Text, QColor(INK))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    pal.setColor(QPalette.ColorRole.Button, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    return pal


def apply_app_style(app: QApplication) -> None:
    """Fusion and the light palette for the whole application."""
    app.setStyle("Fusion")
    app.setPalette(light_palette())
