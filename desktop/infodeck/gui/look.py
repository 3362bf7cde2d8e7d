"""The toolbar's layout and theme pickers and the theme's contrast badge.

They show what the workspace holds (or, before a pack is open, what the settings
remember) and report the teacher's picks by name; the window forwards those.
Pickers are as wide as their longest entry (and so are their lists), so a name is
never cut: a narrow window folds a whole picker into the toolbar's » menu instead.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

MIN_CONTRAST = 4.5  # WCAG AA for normal text
MAX_PAGES = 20  # an infographic's most pages, as the command line's --pages

# A theme's colour roles as teachers see them on the page (the theme files' keys are ids).
INK_NAMES = {
    "text": "Body text",
    "muted": "Sources and captions",
    "accent": "Headings",
    "warning": "Warning labels",
    "on_accent": "Text on the accent colour",
    "on_band": "Text on title bands",
    "on_card": "Text on cards",
    "on_highlight": "Text on highlighted steps",
    "on_step": "Text on steps",
}
SURFACE_NAMES = {
    "background": "the page",
    "accent": "",
    "band": "",
    "card": "cards",
    "highlight": "",
    "step": "steps",
}


def colour_pair(ink: str, surface: str) -> str:
    """'Headings on cards' for the theme roles ('accent', 'card')."""
    name = INK_NAMES.get(ink, ink.replace("_", " ").capitalize())
    where = SURFACE_NAMES.get(surface, surface.replace("_", " "))
    return f"{name} on {where}" if where else name


def labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field as one toolbar item, so that they fold away together."""
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(6)
    label = QLabel(text)
    label.setBuddy(field)
    lay.addWidget(label)
    lay.addWidget(field)
    return box


def _picker(name: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def fit_picker(combo: QComboBox) -> None:
    """Never narrower than its longest entry, nor its list."""
    combo.setMinimumWidth(combo.sizeHint().width())
    view = combo.view()
    fm = view.fontMetrics()
    texts = [combo.itemText(i) for i in range(combo.count())]
    longest = max((fm.horizontalAdvance(t) for t in texts), default=0)
    view.setMinimumWidth(longest + 2 * view.frameWidth() + 32)  # item padding and a scroll bar


class LookPickers(QObject):
    """Layout and theme drop-downs and the contrast badge.

    Signals:
        layout_picked(str): the teacher chose a layout (by name).
        theme_picked(str): the teacher chose a theme (by name).
    """

    layout_picked = Signal(str)
    theme_picked = Signal(str)
    pages_picked = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout_combo = _picker("Layout", "The page size and type scale of the slides or page")
        self.theme_combo = _picker("Theme", "The colours and fonts")
        self.contrast_chip = QLabel("")
        self.contrast_chip.setObjectName("contrastChip")
        self.contrast_chip.setAccessibleName("Theme contrast")
        self.contrast_ok = True
        self.contrast_min = 0.0
        self.layout_combo.currentIndexChanged.connect(self._layout_index)
        self.theme_combo.currentIndexChanged.connect(self._theme_index)
        # The infographic's pages: "Fit on one page" (the default), else at most N.
        self.pages_spin = QSpinBox()
        self.pages_spin.setRange(1, MAX_PAGES)
        self.pages_spin.setSpecialValueText("Fit on one page")
        self.pages_spin.setPrefix("at most ")
        self.pages_spin.setSuffix(" pages")
        self.pages_spin.setAccessibleName("Infographic pages")
        self.pages_spin.setToolTip(
            "Fit on one page: every chosen section on one infographic page (what does not "
            "fit is named). More pages give the sections room for their diagrams and numbers."
        )
        self.pages_spin.valueChanged.connect(self.pages_picked.emit)

    def show_pages(self, pages: int, enabled: bool) -> None:
        """The infographic's most pages, quietly (the workspace already holds them)."""
        spin = self.pages_spin
        spin.blockSignals(True)
        spin.setValue(pages)
        spin.blockSignals(False)
        spin.setEnabled(enabled)

    def show_themes(self, current: str) -> str:
        """List the themes with ``current`` picked (the default when unknown); its name."""
        from infodeck.compose.layouts import themes

        combo = self.theme_combo
        combo.blockSignals(True)
        combo.clear()
        for name, theme in themes().items():
            combo.addItem(theme.title, name)
        idx = combo.findData(current)
        if idx < 0:
            idx = max(0, combo.findData("default"))
        combo.setCurrentIndex(idx)
        combo.blockSignals(False)
        fit_picker(combo)
        name = str(combo.itemData(idx))
        self.show_contrast(name)
        return name

    def refresh_themes(self, _saved: str = "") -> None:
        """List the themes again, keeping the current one (a theme was just saved)."""
        self.show_themes(str(self.theme_combo.currentData()))

    def show_layouts(self, kind: str, current: str, default: str) -> str:
        """List the layouts of ``kind`` ("deck" or "infographic") with ``current`` picked."""
        from infodeck.compose.layouts import layouts

        combo = self.layout_combo
        combo.blockSignals(True)
        combo.clear()
        for name, lay in layouts().items():
            if lay.kind == kind:
                combo.addItem(lay.title, name)
        idx = combo.findData(current)
        if idx < 0:
            idx = max(0, combo.findData(default))
        combo.setCurrentIndex(idx)
        combo.blockSignals(False)
        fit_picker(combo)
        return str(combo.itemData(idx))

    def select(self, combo: QComboBox, name: str) -> None:
        """Pick ``name`` in ``combo`` quietly (the workspace already holds it)."""
        idx = combo.findData(name)
        if idx >= 0 and idx != combo.currentIndex():
            combo.blockSignals(True)
            combo.setCurrentIndex(idx)
            combo.blockSignals(False)

    def show_contrast(self, theme_name: str) -> None:
        """The badge and its tooltip for ``theme_name``, in the names teachers see."""
        from infodeck.compose.layouts import contrast_report, get_theme

        theme = get_theme(theme_name)
        report = contrast_report(theme)
        worst = min(report, key=lambda r: r[2])
        ok = worst[2] >= MIN_CONTRAST
        chip = self.contrast_chip
        chip.setText(
            f"✓ Readable contrast {worst[2]:.1f}:1" if ok else f"⚠ Low contrast {worst[2]:.1f}:1"
        )
        chip.setProperty("ok", "true" if ok else "false")
        chip.style().unpolish(chip)
        chip.style().polish(chip)
        rows = "".join(
            f"<tr><td>{colour_pair(fg, bg)}</td><td align='right'>&nbsp;{ratio:.1f}:1"
            f"{'' if ratio >= MIN_CONTRAST else ' ⚠'}</td></tr>"
            for fg, bg, ratio in report
        )
        chip.setToolTip(
            f"Lowest text contrast in the {theme.title} theme: "
            f"{colour_pair(worst[0], worst[1]).lower()}, {worst[2]:.1f}:1 "
            f"(4.5:1 or more reads well for everyone).<table>{rows}</table>"
        )
        chip.setAccessibleDescription(
            f"{'Readable' if ok else 'Low'} contrast, lowest {worst[2]:.1f} to 1"
        )
        self.contrast_ok = ok
        self.contrast_min = worst[2]

    def _layout_index(self, idx: int) -> None:
        name = self.layout_combo.itemData(idx)
        if name:
            self.layout_picked.emit(str(name))

    def _theme_index(self, idx: int) -> None:
        name = self.theme_combo.itemData(idx)
        if name:
            self.show_contrast(str(name))
            self.theme_picked.emit(str(name))
