"""Help ▸ Guide: a short in-app guide to picking, previewing, exporting and editing.

The shortcut table is built from the window's own actions, so it can never list a key
the window does not have.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

PICK = """
<h2>Pick, preview, export</h2>
<ol>
<li><b>Open a pack</b> (File ▸ Open pack, or drop its folder on the window). A pack is a
folder with a <code>pack.yaml</code>, its sections and its references. Infodeck opens the
last pack you used, or the one that comes with it.</li>
<li><b>Pick the sections</b> in the list on the left: tick the ones you want, drag them
into the order you want (or select one and press Alt+↑ / Alt+↓). <b>All</b>, <b>None</b>
and <b>Defaults</b> do what they say. Labels mark a title slide, claims the source gives
no reference for, and a maker's own description of a product.</li>
<li><b>Preview</b> the slides or the infographic page (View ▸ Slides / Infographic).
Choose the layout (page size) and the theme (colours) in the toolbar; the badge beside
them says whether every text colour is easy to read on its background.</li>
<li><b>Export</b>: choose what to make (an editable PowerPoint deck, pictures, a PDF to
print, diagrams) and a folder. Nothing is half-written: if something goes wrong, or you
cancel, the files already there stay as they were. Existing files are only replaced when
you tick <i>Replace existing files</i> for that export.</li>
</ol>
"""

EDIT = """
<h2>Edit</h2>
<p>Select a section and change it in the <b>Edit</b> panel (View ▸ Edit panel shows
or hides it): its title, summary, notes and blocks (text, bullets, statistics, diagrams,
pictures, quotes). The preview follows as you type. File ▸ New pack makes a pack with a
title slide; the Edit menu adds sections, pictures and references. Every change can be
undone (Edit ▸ Undo) and redone.</p>
<p><b>Bold, italic and more.</b> In titles, text, bullets, labels, captions and
takeaways write <code>**bold**</code>, <code>*italic*</code>, <code>CO~2~</code> for a
subscript and <code>x^2^</code> for a superscript (Unicode ₂ and ² work too). Write
<code>\\*</code> for an asterisk that is not markup; an asterisk with a space after it
(<code>2 * 3</code>) is always just an asterisk. Speaker notes, alt text and references
are plain words.</p>
<p><b>Save</b> writes only the files you changed, and keeps your comments and layout in
them. The title bar says <i>unsaved changes</i> until you save; closing asks
whether to save them. If a file changes on disk while you have unsaved changes to it
(you edited it elsewhere too), Infodeck asks whether to reload it, keep your version, or
see both side by side.</p>
<p><b>Import</b> (File ▸ Import notes) makes a pack from your Markdown or Word notes:
it shows what became what, and what still needs you, before the new pack opens.</p>
<p>A pack with mistakes still opens: its good sections are shown, previewed and
exported, and the broken ones are marked in the list. The <b>Problems</b> panel lists
every mistake with its file, line and column; double-click one to open the file.</p>
"""


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for each action that has a shortcut, as the menus name it."""
    rows = []
    for a in actions:
        keys = [k.toString() for k in a.shortcuts() if not k.isEmpty()]
        if keys:
            what = a.text().replace("&", "").replace("…", "")
            rows.append((what, " or ".join(keys)))
    return rows


def guide_html(shortcuts: list[tuple[str, str]], *, editing: bool) -> str:
    """The guide as HTML; ``editing`` says whether the window has its Edit panel."""
    table = "".join(
        f"<tr><td>{html.escape(what)}</td><td>&nbsp;&nbsp;<b>{html.escape(keys)}</b></td></tr>"
        for what, keys in shortcuts
    )
    keys = (
        "<h2>Keys</h2><table>"
        + table
        + "<tr><td>Move the selected section up or down</td>"
        "<td>&nbsp;&nbsp;<b>Alt+Up or Alt+Down</b></td></tr>"
        "<tr><td>Zoom the page</td><td>&nbsp;&nbsp;<b>Ctrl+mouse wheel</b></td></tr>"
        "</table>"
    )
    return PICK + (EDIT if editing else "") + keys


class GuideDialog(QDialog):
    """The guide in a window of its own (non-modal: the teacher can try things meanwhile)."""

    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Infodeck guide")
        self.setAccessibleName("Infodeck guide")
        self.resize(620, 560)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setAccessibleName("Close")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
