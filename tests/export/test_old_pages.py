"""Clean re-exports: an infographic's older pages beyond the new ones never stay behind.

A square export made ``<id>-3.png`` and ``<id>-4.png``; an A4 export of fewer pages
into the same folder left them beside its own, and a teacher took the lot for one
infographic. Now they go in the same all-or-nothing move that puts the new pages in
place, or, without ``--force``, the export stops and says so. A failed or cancelled
export removes nothing.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from infodeck.cli import main
from infodeck.content.load import load_pack
from infodeck.errors import Cancelled, ExportError, TargetsExist
from infodeck.export import write as mod
from infodeck.export.plan import ExportRequest
from infodeck.export.write import old_pages, run_export

from conftest import BUILTIN

PID = "gut-health-migraines"
ONE_PAGE = ["--formats", "png", "--sections", "gut-brain-axis"]


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    r = load_pack(BUILTIN)
    assert r.pack is not None, r.problems
    return r.pack


def _request(pack, out: Path, force: bool = True, formats=("png",)) -> ExportRequest:  # type: ignore[no-untyped-def]
    return ExportRequest(pack, out, ("gut-brain-axis",), tuple(formats), force=force)


def _old_square_export(out: Path) -> dict[str, bytes]:
    """A folder as a four-page export left it (the pages' bytes stand in for pictures)."""
    out.mkdir(parents=True, exist_ok=True)
    names = [f"{PID}.png", *(f"{PID}-{k}.png" for k in (2, 3, 4))]
    for n in names:
        (out / n).write_bytes(b"old " + n.encode())
    return _snapshot(out)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _pages(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(PID))


def test_a_shorter_export_removes_the_older_pages_beyond_it(pack, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    _old_square_export(out)
    result = run_export(_request(pack, out))
    pages = _pages(out)
    assert pages == [f"{PID}.png"], pages  # this section makes one page
    assert (out / pages[0]).read_bytes().startswith(b"\x89PNG")
    gone = [f"{PID}-{k}.png" for k in (2, 3, 4)]
    assert any(", ".join(gone) in n and "older infographic page" in n for n in result.notices)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_without_force_the_export_stops_and_names_them(tmp_path, capsys):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    before = _old_square_export(out)
    (out / f"{PID}.png").unlink()
    (out / f"{PID}-2.png").unlink()  # only pages beyond the new ones: still refused
    before = _snapshot(out)
    assert main(["export", "--out", str(out), *ONE_PAGE]) == 2
    err = capsys.readouterr().err
    assert f"older page(s) of this infographic beyond the new ones ({PID}-3.png, {PID}-4.png)" \
        in err, err
    assert "use --force" in err
    assert _snapshot(out) == before
    assert not (out / "diagrams").exists()


def test_the_error_carries_them_for_the_window(pack, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    _old_square_export(out)
    with pytest.raises(TargetsExist) as e:
        run_export(_request(pack, out, force=False))
    assert [p.name for p in e.value.old_pages] == [f"{PID}-{k}.png" for k in (2, 3, 4)]


def test_a_failed_move_removes_nothing(pack, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    before = _old_square_export(out)
    real = os.replace

    def replace(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst).name == f"{PID}.png" and str(src).endswith(".tmp") and "bak" not in str(src):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(mod.os, "replace", replace)
    with pytest.raises(ExportError):
        run_export(_request(pack, out))
    assert _snapshot(out) == before


def test_an_old_page_that_cannot_be_removed_stops_the_export_before_any_move(pack, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    before = _old_square_export(out)
    real = os.replace

    def replace(src, dst):  # type: ignore[no-untyped-def]
        if Path(src).name == f"{PID}-4.png":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(mod.os, "replace", replace)
    with pytest.raises(ExportError, match=f"cannot remove the older infographic page .*{PID}-4.png"):
        run_export(_request(pack, out))
    assert _snapshot(out) == before  # -3 was moved aside first, and is back


def test_a_cancelled_export_removes_nothing(pack, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    before = _old_square_export(out)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2  # after the files are written, before they are moved

    with pytest.raises(Cancelled):
        run_export(_request(pack, out), cancel=cancel)
    assert _snapshot(out) == before


def test_only_this_packs_pages_of_the_formats_written_are_touched(pack, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    _old_square_export(out)
    keep = [f"{PID}-notes.png", f"{PID}-3.svg", "other-pack-3.png", f"{PID}-03x.png",
            f"{PID}-1.png"]
    for n in keep:
        (out / n).write_bytes(b"keep")
    # A deck-only export writes no pages: the old pictures are not its business.
    run_export(_request(pack, out, formats=("pptx",)))
    assert {f"{PID}-3.png", f"{PID}-4.png"} <= set(_pages(out))
    run_export(_request(pack, out))
    names = set(_pages(out)) | {p.name for p in out.iterdir()}
    assert set(keep) <= names
    assert f"{PID}-4.png" not in names


def test_old_pages_lists_in_page_order(tmp_path):  # type: ignore[no-untyped-def]
    from infodeck.export.files import Job, PageFile
    from infodeck.scene.elements import Page

    page = Page(100, 100, "#ffffff", ())
    jobs = [Job(tmp_path / f"{PID}.png", PageFile(page, "png", 72, {}), "infographic page 1")]
    for k in (10, 2, 3):
        (tmp_path / f"{PID}-{k}.png").write_bytes(b"x")
    assert [p.name for p in old_pages(jobs, tmp_path, PID)] == [
        f"{PID}-2.png", f"{PID}-3.png", f"{PID}-10.png"]
