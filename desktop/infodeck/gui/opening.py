"""Opening a pack in the background: what counts as a pack, and which open wins.

The window asks for a folder (menu, drop, recent list, start-up); this module says
whether it is a pack and runs ``Workspace.open`` as a job. Each open supersedes the
ones before it: a result or error of an older open is closed and dropped, so a slow
folder opened first never replaces the one the teacher opened last.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from infodeck.content.load import PACK_FILE
from infodeck.gui.jobs import Runner

if TYPE_CHECKING:
    from infodeck.workspace import Workspace


def is_pack_path(path: Path) -> bool:
    """A folder with a pack.yaml, or a pack.yaml itself."""
    return (path.is_dir() and (path / PACK_FILE).is_file()) or (
        path.name == PACK_FILE and path.is_file()
    )


def not_a_pack(root: Path) -> str | None:
    """Why the folder ``root`` is not a pack (None: it is one)."""
    if (root / PACK_FILE).is_file():
        return None
    return "there is no such folder" if not root.is_dir() else "it has no pack.yaml"


def not_a_pack_words(root: Path, why: str, shown: str) -> tuple[str, str, str]:
    """(heading, text) of the page shown when no pack is open, and the notice otherwise.

    ``shown`` names the pack that stays open ("“Plants”", "The open pack").
    """
    return (
        "This folder is not a content pack",
        f"“{root}”: {why}. A content pack is a folder with a pack.yaml.",
        f"“{root}” is not a content pack: {why}. A pack is a folder with a "
        f"pack.yaml. {shown} stays open.",
    )


def ask_pack_folder(parent: QWidget, pack_root: Path | None) -> str | None:
    """The folder the teacher picks (None: cancelled), starting beside the open pack."""
    from PySide6.QtWidgets import QFileDialog

    start = str(pack_root.parent) if pack_root else ""
    return QFileDialog.getExistingDirectory(parent, "Open a content pack folder", start) or None


def dropped_pack(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first pack folder (or pack.yaml) among the files dragged in."""
    md = event.mimeData()
    for url in md.urls() if md.hasUrls() else []:
        if url.isLocalFile() and is_pack_path(Path(url.toLocalFile())):
            return Path(url.toLocalFile())
    return None


class PackLoader:
    """Opens workspaces as jobs; only the latest open reports back."""

    def __init__(
        self,
        runner: Runner,
        on_opened: Callable[[Workspace], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        self.runner = runner
        self._on_opened = on_opened
        self._on_failed = on_failed
        self._gen = 0
        self.closed = False  # the window closed: nothing reports back any more

    def open(self, root: Path) -> None:
        """Start opening ``root``; any open still running is superseded."""
        from infodeck.workspace import Workspace

        self._gen += 1
        self.runner.submit(
            lambda _ctx: Workspace.open(root),
            name="open",
            on_done=partial(self._done, self._gen),
            on_error=partial(self._failed, self._gen),
        )

    def close(self) -> None:
        """The window closed: an open still running closes its workspace and says nothing."""
        self.closed = True

    def _done(self, gen: int, ws: Workspace) -> None:
        if gen != self._gen or self.closed:
            ws.close()
            return
        self._on_opened(ws)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._gen and not self.closed:
            self._on_failed(exc)
