"""The template report: what works with a school's template, and "Save as theme".

The window's face of ``infodeck check-template``: the same ``TemplateReport``
(``compose.templates``), shown as tables a teacher can scan: which slide kind uses
which layout and what it lacks, every layout with its placeholders, the theme's
colours as swatches (with each colour changed for contrast, before and after), the
fonts and whether their line breaks match, the logo found on the master, and
anything unusual (the slide size, a picture background).

"Save as theme…" writes the template's colours, fonts and logo as a theme in the
user's themes folder (``export.theme_file``), so the teacher can use the look without
the template; ``themeSaved(name)`` and ``gui.theme_saves`` tell the window to list it.

Opened by File ▸ Check a school template… (``open_template_report``); the Template
picker can open it for the chosen file with ``TemplateReportDialog(report, parent)``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from infodeck.compose.templates import TemplateReport, theme_name_for
from infodeck.errors import UserError
from infodeck.gui.theme_saves import theme_saves

TEMPLATE_FILTER = "PowerPoint templates (*.potx *.pptx);;All files (*)"
_kept: list[QWidget] = []  # parentless windows, kept alive while shown


def _show(w: QWidget, parent: QWidget | None) -> None:
    w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _kept.append(w)
        w.destroyed.connect(lambda *_: _kept.remove(w) if w in _kept else None)
    w.show()


def _table(headers: list[str], rows: Sequence[tuple[str, ...]], name: str) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            t.setItem(r, c, item)
    t.resizeColumnsToContents()
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _swatch(colour: str) -> str:
    return (f"<span style='background:{colour};color:{colour};border:1px solid #888'>"
            "&nbsp;&nbsp;&nbsp;&nbsp;</span>")


class TemplateReportDialog(QDialog):
    """The report of one template, with Save as theme.

    Signals: ``themeSaved(str)``: a theme was saved under that name.
    """

    themeSaved = Signal(str)  # noqa: N815  (Qt's naming)

    def __init__(self, report: TemplateReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        t = report.template
        self.setWindowTitle(f"Template: {t.path.name}")
        self.setAccessibleName("Template report")
        self.saved_name: str | None = None
        summary = report.lines()[0].removeprefix("template: ")
        head = QLabel(f"<b>{html.escape(summary)}</b>")
        head.setWordWrap(True)
        self.kinds = _table(["Slide kind", "Layout used", "Missing or fallback"],
                            report.kind_rows(), "Slide kinds and their layouts")
        self.layouts = _table(["Layout", "Placeholders", "Used for"], report.layout_rows(),
                              "Layouts of the template")
        self.look = QTextBrowser()
        self.look.setAccessibleName("Colours, fonts and logo")
        self.look.setHtml(self._look_html())
        tabs = QTabWidget()
        tabs.addTab(self.kinds, "Slide kinds")
        tabs.addTab(self.layouts, f"Layouts ({len(t.layouts)})")
        tabs.addTab(self._look_page(), "Colours, fonts, logo")
        self.tabs = tabs
        self.save_button = QPushButton("Save as theme…")
        self.save_button.setToolTip("Keep the template's colours, fonts and logo as a theme "
                                    "you can use without the template")
        self.save_button.clicked.connect(self.ask_and_save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(tabs, 1)
        lay.addWidget(buttons)
        self.resize(820, 560)

    def _look_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.addWidget(self.look, 1)
        logo = self.report.template.logo
        self.logo_label = QLabel("No logo on the master")
        self.logo_label.setAccessibleName("Logo")
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        if logo is not None:
            pix = QPixmap()
            if pix.loadFromData(logo.data):
                self.logo_label.setPixmap(pix.scaled(
                    140, 140, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
                self.logo_label.setToolTip(f"The logo: '{logo.name}', "
                                           f"{logo.pixels[0]}×{logo.pixels[1]} px")
        row.addWidget(self.logo_label)
        return page

    def _look_html(self) -> str:
        r = self.report
        th = r.theme
        esc = html.escape
        parts = ["<h3>Colours</h3><table>"]
        for slot, colour in r.template.colours.as_dict().items():
            parts.append(f"<tr><td>{_swatch(colour)}</td><td>{slot}</td><td>{colour}</td></tr>")
        parts.append("</table>")
        if th.fixes:
            parts.append("<p><b>Changed so text stays readable (WCAG AA):</b></p><ul>")
            for f in th.fixes:
                parts.append(f"<li>{_swatch(f.before)} → {_swatch(f.after)} {esc(f.text())}</li>")
            parts.append("</ul>")
        else:
            parts.append("<p>Every text colour reads on its background (WCAG AA).</p>")
        parts.append("<h3>Fonts</h3><ul>")
        for role, font in (("Headings", th.heading_font), ("Text", th.body_font)):
            how = "same line breaks as PowerPoint" if font.exact else "line breaks may differ"
            parts.append(f"<li>{role}: <b>{esc(font.family)}</b>, measured with "
                         f"{esc(font.bundled_name)} ({how})</li>")
        parts.append("</ul>")
        for n in th.font_notices:
            parts.append(f"<p>⚠ {esc(n)}</p>")
        notes = [*r.size_notes, *r.template.notices]
        if notes:
            parts.append("<h3>Worth knowing</h3><ul>")
            parts.extend(f"<li>{esc(n)}</li>" for n in notes)
            parts.append("</ul>")
        return "".join(parts)

    def ask_and_save(self) -> str | None:
        """Ask for a name, then save; the saved theme's name, or None."""
        suggested = theme_name_for(self.report.template.path.stem)
        name, ok = QInputDialog.getText(self, "Save as theme", "Name of the new theme:",
                                        text=suggested)
        if not ok or not name.strip():
            return None
        return self.save_as(name)

    def save_as(self, name: str, *, force: bool = False) -> str | None:
        """Save the theme as ``name``; asks before replacing one. Its name, or None."""
        from infodeck.errors import TargetsExist
        from infodeck.export.theme_file import save_theme

        try:
            saved = save_theme(self.report.theme, self.report.template, name, force=force)
        except TargetsExist:
            answer = QMessageBox.question(
                self, "Save as theme", f"A theme called '{theme_name_for(name)}' exists. "
                "Replace it?")
            if answer != QMessageBox.StandardButton.Yes:
                return None
            return self.save_as(name, force=True)
        except UserError as e:
            QMessageBox.warning(self, "Save as theme", str(e))
            return None
        self.saved_name = saved.name
        self.save_button.setText(f"Saved as '{saved.name}'")
        self.save_button.setToolTip(str(saved.path))
        self.themeSaved.emit(saved.name)
        theme_saves().saved.emit(saved.name)
        return saved.name


def open_template_report(parent: QWidget | None, path: Path | None = None,
                         start_dir: Path | None = None) -> TemplateReportDialog | None:
    """Ask for a template (unless ``path``), read it and show its report (non-modal).

    A file that cannot be used is explained in a message; None is returned then.
    """
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, "Check a school template", str(start_dir or Path.home()), TEMPLATE_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    from infodeck.compose.templates import template_report
    from infodeck.template import read_template

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = template_report(read_template(path))
    except UserError as e:
        box = QMessageBox(QMessageBox.Icon.Warning, "This template cannot be used", str(e),
                          QMessageBox.StandardButton.Ok, parent)
        box.setAccessibleName("Template refused")
        _show(box, parent)
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    dlg = TemplateReportDialog(report, parent)
    _show(dlg, parent)
    return dlg

