"""The log file in the platform's user log folder, shared by the CLI and the app."""

from __future__ import annotations

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


def setup_logging() -> Path:
    """Send Infodeck's log records to the log file; returns its path."""
    path = log_file()
    if not any(isinstance(h, logging.FileHandler) for h in _LOGGER.handlers):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        except OSError:
            return path
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.setLevel(logging.INFO)
    return path


def log_exception(exc: BaseException) -> Path:
    """Write an exception with its traceback to the log file; returns the file."""
    path = setup_logging()
    _LOGGER.error("".join(traceback.format_exception(exc)))
    for h in _LOGGER.handlers:
        h.flush()
    return path
