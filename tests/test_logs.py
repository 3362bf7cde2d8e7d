"""The log file: always one that exists, and never a traceback about the log itself."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from infodeck import cli, logs


@pytest.fixture
def fresh_logger():  # type: ignore[no-untyped-def]
    """The infodeck logger without file handlers, restored afterwards."""
    logger = logging.getLogger("infodeck")
    saved = list(logger.handlers)
    for h in saved:
        logger.removeHandler(h)
    yield logger
    for h in list(logger.handlers):
        logger.removeHandler(h)
        h.close()
    for h in saved:
        logger.addHandler(h)


def test_an_unwritable_log_folder_falls_back_and_says_where(
    tmp_path: Path, monkeypatch, capsys, fresh_logger
) -> None:
    """With an unwritable HOME, an internal error printed logging's own traceback and
    named a log file that did not exist."""
    blocker = tmp_path / "home"
    blocker.write_text("a file where the log folder would be")
    monkeypatch.setattr(logs, "log_dir", lambda: blocker / "log")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)

    def broken(_ns: object) -> int:
        raise RuntimeError("a fault of ours")

    monkeypatch.setitem(cli.COMMANDS, "layouts", broken)
    assert cli.main(["layouts"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err
    m = re.search(r"Details were written to (\S+)", err)
    assert m, err
    where = Path(m.group(1))
    assert where.is_file() and where.is_relative_to(tmp_path / "tmp")
    assert "a fault of ours" in where.read_text(encoding="utf-8")
