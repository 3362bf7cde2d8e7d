"""Watch a pack's files and folders, surviving editors that save by rename.

Many editors save by writing a temporary file and renaming it over the original.
``QFileSystemWatcher`` then stops watching the path (the inode it watched is gone),
so after every change the paths are added again. The folders are watched too, so a
rename is seen even when the file's own watch was already lost. Bursts of events
(one save can produce several) are merged by a short single-shot timer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 250


class PackWatcher(QObject):
    """Emits ``changed`` once a burst of changes to the watched pack has settled.

    Signals:
        changed(): files or folders of the pack changed on disk.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._settled)
        self._paths: list[str] = []

    def watch(self, root: Path, files: list[Path]) -> None:
        """Watch ``files`` and every folder that holds them (and ``root``).

        A change already waiting for its burst to settle still counts: the window
        calls this when a load ends, and a fix saved while that load ran must bring
        another load (stopping the timer here lost it, 5 times in 90). Paths watched
        before and still wanted are kept watching all along, so no event between the
        two lists is missed either.
        """
        paths = {str(root)}
        for f in files:
            paths.add(str(f))
            paths.add(str(f.parent))
        current = self._watcher.files() + self._watcher.directories()
        gone = [p for p in current if p not in paths]
        if gone:
            self._watcher.removePaths(gone)
        self._paths = sorted(paths)
        self._rearm()

    def clear(self) -> None:
        """Stop watching anything."""
        self._timer.stop()
        current = self._watcher.files() + self._watcher.directories()
        if current:
            self._watcher.removePaths(current)
        self._paths = []

    def watched(self) -> list[str]:
        """The paths currently watched (for tests and diagnostics)."""
        return sorted(self._watcher.files() + self._watcher.directories())

    def _rearm(self) -> None:
        have = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [p for p in self._paths if p not in have and Path(p).exists()]
        if missing:
            self._watcher.addPaths(missing)

    def _poke(self, _path: str) -> None:
        self._timer.start()

    def _settled(self) -> None:
        self._rearm()
        self.changed.emit()
