"""Writing one file: a full drive is the user's to fix, however the writer reports it."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import zlib

import pytest

from infodeck.cli import main

PDF_ONLY = ["--formats", "pdf", "--sections", "gut-brain-axis"]


class _Full(io.FileIO):
    """A file on a drive with ``room`` bytes left: then ENOSPC, as a real drive says it."""

    def __init__(self, name: str, mode: str, room: int) -> None:
        super().__init__(name, mode.replace("b", ""))
        self.room = room

    def write(self, b) -> int:  # type: ignore[no-untyped-def, override]
        if len(b) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(b)
        return super().write(b)


@pytest.mark.parametrize("room", [2_000, 8_000, 20_000])
def test_a_full_drive_while_a_pdf_is_written_is_named_as_such(tmp_path, monkeypatch, capsys, room):
    """matplotlib hides ENOSPC behind AttributeError or zlib's "Error -2 while flushing"."""
    from infodeck.render import mpl

    def full(name, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        assert mode == "wb"
        return _Full(os.fspath(name), mode, room)

    monkeypatch.setattr(mpl, "open", full, raising=False)
    monkeypatch.setenv("INFODECK_PROCESSES", "1")
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *PDF_ONLY]) == 2
    err = capsys.readouterr().err
    assert "in " + str(out) in err and ": the drive is full; free some space" in err, err
    assert "internal error" not in err
    assert not [p for p in out.rglob("*") if p.is_file()]


def test_what_the_pdf_writer_raises_on_a_full_drive(tmp_path, monkeypatch):
    """The reason for ``disk_error``: not an OSError, the OSError only in the chain."""
    from matplotlib import cbook
    from matplotlib.figure import Figure

    handles: list[_Full] = []

    def full(fname, flag="r", return_opened=False, encoding=None):  # type: ignore[no-untyped-def]
        handles.append(_Full(os.fspath(fname), flag, 3_000))
        return (handles[-1], True) if return_opened else handles[-1]

    monkeypatch.setattr(cbook, "to_filehandle", full)
    fig = Figure()
    fig.text(0.1, 0.5, "Some text, so that a font is embedded " * 20)
    with pytest.raises((AttributeError, zlib.error)) as got:
        fig.savefig(tmp_path / "x.pdf", format="pdf")
    assert not handles[0].closed  # and matplotlib leaves its file open (render.mpl closes it)
    handles[0].close()
    from infodeck.export.files import disk_error

    assert isinstance(disk_error(got.value, tmp_path), OSError)


def test_a_cause_lost_on_a_full_drive_is_still_the_drive(tmp_path, monkeypatch):
    """No OSError left in the chain: the drive itself is asked how much room it has."""
    from infodeck.export import files

    class Vfs:
        f_frsize, f_files, f_favail = 4096, 1000, 10

        def __init__(self, blocks: int) -> None:
            self.f_bavail = blocks

    monkeypatch.setattr(files.os, "statvfs", lambda _p: Vfs(3))
    err = files.disk_error(zlib.error("Error -2 while flushing: buffer error"), tmp_path)
    assert err is not None and err.errno == errno.ENOSPC
    monkeypatch.setattr(files.os, "statvfs", lambda _p: Vfs(1 << 20))
    assert files.disk_error(AttributeError("a bug of ours"), tmp_path) is None


@pytest.mark.slow
def test_a_real_full_tmpfs(tmp_path):
    """On a 100 KB tmpfs, when this machine lets us mount one (root, Linux)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=100k", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        from conftest import ROOT

        for formats in ("pdf", "png", "svg", "pptx,png,svg,pdf"):
            r = subprocess.run(
                ["/usr/bin/env", f"PYTHONPATH={ROOT / 'desktop'}", os.sys.executable,
                 "-m", "infodeck", "export", "--out", str(mnt / "o"), "--formats", formats],
                capture_output=True, text=True, timeout=300,
            )
            assert r.returncode == 2, (formats, r.stderr)
            assert "the drive is full" in r.stderr
            assert not [p for p in (mnt / "o").rglob("*") if p.is_file()]
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
