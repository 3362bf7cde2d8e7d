"""The log file in the platform's user log folder, shared by the CLI and the app."""

from __future__ import annotations

import io
import logging
import os
import sys
import traceback
from pathlib import Path

_LOGGER = logging.getLogger("infodeck")


def log_dir() -> Path:
    """The platform's per-user log folder for Infodeck."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "Infodeck" / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "Infodeck"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "infodeck" / "log"


def log_file() -> Path:
    """The log file path (its folder is created on first use)."""
    return log_dir() / "infodeck.log"


class _QuietFileHandler(logging.FileHandler):
    """A log file that, when it cannot be written (a full drive), stays quiet.

    logging's default is a "--- Logging error ---" traceback on stderr: a raw
    traceback in front of a teacher, about the log rather than the problem.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        pass


def _fallback_file() -> Path:
    """Where the log goes when the user's log folder cannot be written (HOME read-only)."""
    import tempfile

    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    return Path(tempfile.gettempdir()) / f"infodeck-{user}" / "infodeck.log"


def setup_logging() -> Path:
    """Send Infodeck's log records to the log file; returns its path.

    The file is opened now, so the path returned is one that exists: when the user's
    log folder cannot be written (an unwritable HOME), the temporary folder's is used.
    """
    for h in _LOGGER.handlers:
        if isinstance(h, logging.FileHandler):
            return Path(h.baseFilename)
    path = log_file()
    for candidate in (path, _fallback_file()):
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
            handler = _QuietFileHandler(candidate, encoding="utf-8")
        except OSError:
            continue
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.setLevel(logging.INFO)
        return candidate
    return path


def log_exception(exc: BaseException) -> Path:
    """Write an exception with its traceback to the log file; returns the file."""
    path = setup_logging()
    _LOGGER.error("".join(traceback.format_exception(exc)))
    for h in _LOGGER.handlers:
        h.flush()
    return path


class _LogStream(io.TextIOBase):
    """Stands in for a missing ``sys.stdout``/``sys.stderr``: each line becomes a log record."""

    encoding = "utf-8"  # some code asks before it prints

    def __init__(self, name: str, level: int) -> None:
        super().__init__()
        self._logger = logging.getLogger(f"infodeck.{name}")
        self._level = level
        self._pending = ""
        self._busy = False  # logging may itself write to stderr: never recurse

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._busy:
            return len(text)
        self._busy = True
        try:
            *lines, self._pending = (self._pending + text).split("\n")
            for line in lines:
                if line.strip():
                    self._logger.log(self._level, line)
        finally:
            self._busy = False
        return len(text)

    def flush(self) -> None:
        if self._pending:
            rest, self._pending = self._pending, ""
            self.write(rest + "\n")


def capture_missing_streams() -> None:
    """Give a windowed build (no console: ``sys.stdout``/``sys.stderr`` are None) streams.

    Without this, the first ``print`` or warning raises; with it, what would have gone
    to the console goes to the log file, and stray tracebacks are kept there too.
    Streams that exist are left alone.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    setup_logging()
    if sys.stdout is None:
        sys.stdout = _LogStream("stdout", logging.INFO)
    if sys.stderr is None:
        sys.stderr = _LogStream("stderr", logging.WARNING)
