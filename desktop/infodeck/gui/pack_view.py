"""Showing the open pack: title, sections, problems, watched files, the page or the preview.

Whatever changed in the workspace (an edit, a reload, another choice of sections),
the window shows it the same way: from the workspace as it is now, never from the
change. A new preview updates the counts and the problems (its notices, such as a
section continued on more slides) and, once after another section is picked, brings
that section's page into view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow

from infodeck.gui.model import problem_rows
from infodeck.gui.preview_driver import PreviewDriver
from infodeck.gui.watcher import PackWatcher
from infodeck.gui.window_body import WindowBody

if TYPE_CHECKING:
    from infodeck.gui.pipeline import PreviewResult
    from infodeck.workspace import Workspace

UNUSABLE = (
    "This pack cannot be opened yet",
    "Its pack.yaml has mistakes (listed below). Fix them in a text editor: "
    "Infodeck reloads as soon as you save. Or open another pack.",
)
ALL_BROKEN = (
    "The sections you chose have errors (listed below); they are shown as soon "
    "as they are fixed."
)
NONE_CHOSEN = "Tick at least one section to see a preview."


def counts_text(result: PreviewResult, sections: int) -> str:
    """The status bar's "3 slides · 2 of 5 sections"."""
    n = len(result.pages)
    what = "slide" if result.spec.mode == "deck" else "page"
    chosen = len(result.spec.section_keys)
    return f"{n} {what}{'s' if n != 1 else ''} · {chosen} of {sections} sections"


class PackView:
    """Puts a workspace on the window's widgets; holds only "follow the picked section"."""

    def __init__(
        self,
        window: QMainWindow,
        body: WindowBody,
        driver: PreviewDriver,
        watcher: PackWatcher,
        counts: QLabel,
    ) -> None:
        self.window = window
        self.body = body
        self.driver = driver
        self.watcher = watcher
        self.counts = counts
        self.follow_current = False  # show the picked section's page when it is drawn

    def show(self, ws: Workspace, *, opened: bool = False) -> None:
        """Title, sections, problems, watched files, and the page or the preview."""
        result = self.driver.result
        dirty = " — unsaved changes" if ws.dirty else ""
        self.window.setWindowTitle(f"Infodeck — {ws.title}{dirty}")
        self.body.sections.follow(ws.sections())
        self.show_problems(ws, result.notices if result else ())
        assets = [ws.root / d for d in ("images", "icons") if (ws.root / d).is_dir()]
        self.watcher.watch(ws.root, [ws.root / f for f in ws.document.files()] + assets)
        unusable = ws.pack is None
        self.body.stale_banner.setVisible(unusable and result is not None)
        if unusable and result is None:
            self.body.show_page(*UNUSABLE)
            return
        self.body.show_preview()
        picked = [e for e in ws.sections() if e.chosen]
        self.driver.empty_message = (
            ALL_BROKEN if picked and all(e.broken for e in picked) else NONE_CHOSEN
        )
        if opened:
            self.body.preview.set_message("Drawing the preview…")
            self.driver.request()

    def show_problems(self, ws: Workspace | None, notices: tuple[str, ...] = ()) -> None:
        """The workspace's problems and the preview's notices, in the Problems panel."""
        rows = problem_rows(ws.problems) if ws is not None else []
        self.body.problems.set_problems(rows, notices, root=ws.root if ws else None)
        self.body.fit_problems()

    def preview_done(self, ws: Workspace | None, result: PreviewResult | None) -> None:
        """A new preview is on screen: its counts and notices, and the picked section."""
        if result is None:
            self.counts.setText("")
            return
        self.counts.setText(counts_text(result, len(ws.sections()) if ws is not None else 0))
        self.show_problems(ws, result.notices)
        self.body.stale_banner.setVisible(ws is not None and ws.pack is None)
        self.show_current_page(ws)

    def show_current_page(self, ws: Workspace | None) -> None:
        """Once after another section is picked (or added), the large preview shows it.

        Only once: a teacher who then clicks another thumbnail keeps it while editing.
        """
        if not self.follow_current or ws is None or not ws.current:
            return
        if self.body.preview.show_section(ws.document.section_id(ws.current)):
            self.follow_current = False
