"""Files are never lost or broken, and every refusal says what to do (issue 5).

A kill mid-write leaves the old file; the next export removes the temporary file
the killed one could not; a folder that cannot be written, an output path that is
a file, a target another program holds and a full disk each get a clear message
and leave the original untouched.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from infodeck.cli import main
from infodeck.content.load import load_pack
from infodeck.export import tempfiles
from infodeck.export.plan import ExportRequest
from infodeck.export.write import run_export
from render.package_check import check_package

from conftest import BUILTIN, ROOT

DECK = "gut-health-migraines.pptx"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
PPTX_ONLY = ["--formats", "pptx", "--sections", "gut-brain-axis"]


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def old_deck(tmp_path: Path) -> tuple[Path, bytes]:
    """An output folder holding a previous export's deck."""
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *PPTX_ONLY]) == 0
    deck = out / DECK
    return deck, deck.read_bytes()


# ------------------------------------------------------------------ kills

KILLED_MID_WRITE = """
import sys, time
from pathlib import Path
import infodeck.render.pptx as rp

real = rp.write_pptx

def half_then_hang(doc, path, **kw):
    real(doc, path, **kw)
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 2])  # the temporary file, half written
    print("WRITING", flush=True)
    time.sleep(600)

rp.write_pptx = half_then_hang
from infodeck.cli import main
sys.exit(main(["export", "--out", sys.argv[1], "--formats", "pptx", "--force"]))
"""


def test_kill_mid_write_keeps_the_old_file_and_the_next_export_cleans_up(old_deck, capsys):
    deck, before = old_deck
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WRITE, str(deck.parent)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "WRITING"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()  # already dead, unless an assertion failed
        child.communicate(timeout=60)  # reap it and close its pipes
    assert child.returncode == -signal.SIGKILL
    assert deck.read_bytes() == before  # the old deck, whole
    (left,) = _temps(deck.parent)  # a killed process cannot remove its temporary file…
    assert left.name.startswith(f".{DECK}.infodeck-")
    capsys.readouterr()
    assert main(["export", "--out", str(deck.parent), *PPTX_ONLY, "--force"]) == 0
    assert _temps(deck.parent) == []  # …so the next export into the folder does
    assert "note: removed 1 temporary file(s) an interrupted export had left behind" in (
        capsys.readouterr().err
    )
    assert check_package(deck) == []


@pytest.mark.parametrize("delay", [0.3, 0.9, 1.6])
def test_kill_at_any_moment_leaves_the_old_deck_or_the_new_one(old_deck, delay):
    """A real export killed blindly: whatever the moment, the deck is whole."""
    deck, before = old_deck
    child = subprocess.Popen(
        [sys.executable, "-m", "infodeck", "export", "--out", str(deck.parent), "--force",
         "--formats", "pptx"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
        cwd=ROOT,
    )  # fmt: skip
    time.sleep(delay)
    child.kill()
    child.wait(timeout=60)
    after = deck.read_bytes()
    assert after == before or check_package(after) == []
    assert not [p for p in _temps(deck.parent) if not p.name.startswith(f".{DECK}.infodeck-")]


def test_stale_temporary_files_are_removed_only_when_their_writer_is_gone(tmp_path):
    host = tempfiles._host()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        names = {
            "live": f".deck.pptx.infodeck-{host}-{sleeper.pid}-abc.tmp",
            "dead": f".deck.pptx.infodeck-{host}-{int(dead.stdout)}-abc.tmp",
            "other-host": ".deck.pptx.infodeck-0badc0de-1-abc.tmp",
            "other-host-old": ".deck.pptx.infodeck-0badc0de-2-abc.tmp",
            "other-target": f".notes.pptx.infodeck-{host}-{int(dead.stdout)}-abc.tmp",
            "not-ours": ".deck.pptx.abc.tmp",
        }
        for n in names.values():
            (tmp_path / n).write_bytes(b"partial")
        old = time.time() - tempfiles.STALE_AFTER_S - 60
        os.utime(tmp_path / names["other-host-old"], (old, old))
        removed = tempfiles.remove_stale(tmp_path, {"deck.pptx"})
    finally:
        sleeper.kill()
        sleeper.wait()
    assert sorted(p.name for p in removed) == sorted([names["dead"], names["other-host-old"]])
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {names[k] for k in ("live", "other-host", "other-target", "not-ours")}


# ------------------------------------------------------------- refusals


def test_read_only_folder(tmp_path, monkeypatch, capsys):
    """Root ignores permissions, so the refusal of the file system is simulated."""
    import tempfile as tf

    def refuse(*a: object, **k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tf, "mkstemp", refuse)
    out = tmp_path / "shared"
    out.mkdir()
    assert main(["export", "--out", str(out), *PPTX_ONLY]) == 2
    err = capsys.readouterr().err
    assert f"infodeck: cannot write in {out}: permission denied; choose a folder you can write to" in err
    assert list(out.iterdir()) == []


def test_read_only_folder_for_real(old_deck, tmp_path, capsys):
    """A folder nobody may write in. Root ignores permission bits, so as root the folder
    is a file system mounted read-only (tmpfs, remounted 'ro' after the old deck is in)."""
    deck, before = old_deck
    if os.geteuid() == 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(ro)], check=True)
        try:
            shutil.copyfile(deck, ro / deck.name)
            subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
            assert main(["export", "--out", str(ro), *PPTX_ONLY, "--force"]) == 2
            err = capsys.readouterr().err
            assert f"cannot write in {ro}: the drive is read-only; choose a folder" in err, err
            assert (ro / deck.name).read_bytes() == before
            assert [p.name for p in ro.iterdir()] == [deck.name]
        finally:
            subprocess.run(["umount", str(ro)], check=True)
        return
    deck.parent.chmod(0o500)
    try:
        assert main(["export", "--out", str(deck.parent), *PPTX_ONLY, "--force"]) == 2
    finally:
        deck.parent.chmod(0o700)
    assert "permission denied" in capsys.readouterr().err
    assert deck.read_bytes() == before


def test_output_path_that_is_a_file(tmp_path, capsys):
    f = tmp_path / "notes.txt"
    f.write_text("keep me")
    assert main(["export", "--out", str(f), *PPTX_ONLY]) == 2
    err = capsys.readouterr().err
    assert f"the output path {f} is a file, not a folder; choose a folder" in err
    assert f.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_target_held_by_another_program(old_deck, monkeypatch, capsys):
    """PowerPoint on Windows holds the deck open: os.replace fails; the original stays."""
    import infodeck.export.write as ex

    deck, before = old_deck

    def held(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(ex.os, "replace", held)
    assert main(["export", "--out", str(deck.parent), *PPTX_ONLY, "--force"]) == 2
    err = capsys.readouterr().err
    assert (
        f"infodeck: cannot replace {deck}: it is open in another program (PowerPoint?) or "
        "read-only; close it; export again. The original was kept."
    ) in err
    assert deck.read_bytes() == before
    assert _temps(deck.parent) == []


def test_full_disk_while_writing(old_deck, monkeypatch, capsys):
    import infodeck.render.pptx as rp

    deck, before = old_deck

    def full(doc: object, path: Path, **kw: object) -> None:
        path.write_bytes(b"PK\x03\x04 half a deck")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rp, "write_pptx", full)
    assert main(["export", "--out", str(deck.parent), *PPTX_ONLY, "--force"]) == 2
    err = capsys.readouterr().err
    assert f"infodeck: could not write {DECK} in {deck.parent}: the drive is full; free some" in err
    assert deck.read_bytes() == before
    assert _temps(deck.parent) == []


def test_existing_files_are_not_replaced_without_force(old_deck, capsys):
    deck, before = old_deck
    assert main(["export", "--out", str(deck.parent), *PPTX_ONLY]) == 2
    assert "1 file(s) already exist" in capsys.readouterr().err
    assert deck.read_bytes() == before


def test_a_failure_of_the_program_leaves_no_temporary_files(tmp_path, monkeypatch):
    import infodeck.render.pptx as rp

    def bug(doc: object, path: Path, **kw: object) -> None:
        path.write_bytes(b"partial")
        raise RuntimeError("a bug")

    monkeypatch.setattr(rp, "write_pptx", bug)
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        run_export(ExportRequest(pack, out, ("gut-brain-axis",), ("pptx",)))
    assert _temps(out) == [] and not (out / DECK).exists()


# ---------------------------------------------------- names on the command line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sections", "gut-brain-axis,nope"], "unknown section 'nope'; the pack has: title, "),
        (["--layout", "deck-21x9"], "unknown deck layout 'deck-21x9'; choose one of: deck-16x9, deck-4x3"),
        (["--infographic", "a5"], "unknown infographic layout 'a5'; choose one of: a3-poster, a4-portrait, letter-portrait, square-1080, web-tall-1080"),
        (["--theme", "dark"], "unknown theme 'dark'; choose one of: colour-blind-safe, default, grayscale, high-contrast"),
        (["--formats", "pptx,gif"], "unknown format 'gif'; choose one of: pptx, png, svg, pdf, slides-png, frames"),
        (["--formats", ","], "--formats is empty; give one or more of: pptx,png,svg,pdf,slides-png,frames"),
    ],
)  # fmt: skip
def test_unknown_names_list_the_valid_ones(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *args]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_pack_with_no_default_sections_needs_sections_named(make_pack, tmp_path, capsys):
    from conftest import SECTION

    root = make_pack({"intro.yaml": SECTION + "default: false\n"})
    assert main(["export", str(root), "--out", str(tmp_path / "o")]) == 2
    assert "no section of the pack is chosen by default; name the ones to export with --sections (the pack has: intro)" in capsys.readouterr().err


# ------------------------------------------------------------------ layouts


@pytest.fixture
def user_layouts(tmp_path, monkeypatch):
    """A layouts folder of our own (the built-in files plus what a test adds)."""
    from infodeck.compose import layouts as lay

    folder = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", folder)
    real = lay.resource_path

    def resource_path(*parts: str) -> Path:
        return folder.joinpath(*parts[1:]) if parts[0] == "layouts" else real(*parts)

    monkeypatch.setattr(lay, "resource_path", resource_path)
    lay.layouts.cache_clear()
    lay.themes.cache_clear()
    yield folder
    lay.layouts.cache_clear()
    lay.themes.cache_clear()


BAD_LAYOUTS = [
    ("dpi: 144", "dpi: 100000", "7:6: dpi: must be less than or equal to 600 (got '100000')"),
    ("dpi: 144", "dpi: .inf", "7:6: dpi: must be a whole number (got '.inf')"),
    ("width: 960", "width: 5000", "7:6: dpi: a page side of 5000 points is 20,833 pixels at 300 dpi"),
    ("width: 960", "width: 1e999", "5:8: width: must be a finite number (got '1e999')"),
    ("height: 540", "height: 100000", "6:9: height: must be less than or equal to 5700 (got '100000')"),
    ("margin: 40", "margin: 400", "8:9: margin: 400 points leaves too little of a 540-point page; at most 90"),
    ("title: 34", "title: 150", "11:10: type.title: 150 points cannot fit a page 540 points across; at most 90"),
    ("title: 34", "title: 900", "11:10: type.title: must be less than or equal to 200 (got '900')"),
    ("body: 22", "body: 0", "13:9: type.body: must be greater than or equal to 6 (got '0')"),
    ("body_floor: 14", "bodyfloor: 14", "14:3: type.bodyfloor: unknown field 'bodyfloor'; did you mean 'body_floor'?"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "message"), BAD_LAYOUTS)
def test_absurd_layout_sizes_are_refused_before_drawing(user_layouts, tmp_path, monkeypatch, capsys, old, new, message):
    import infodeck.export.plan as ex

    def no_drawing(*a: object, **k: object) -> None:
        raise AssertionError("nothing may be composed or drawn with a bad layout")

    monkeypatch.setattr(ex, "compose_deck", no_drawing)
    monkeypatch.setattr(ex, "compose_infographic", no_drawing)
    text = (user_layouts / "pages" / "deck-16x9.yaml").read_text()
    assert old in text
    bad = user_layouts / "pages" / "wide.yaml"
    bad.write_text(text.replace("name: deck-16x9", "name: wide").replace(old, new))
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--layout", "wide"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:{message}" in err, err
    assert "a layout or theme file has errors; fix it and try again" in err
    assert "Traceback" not in err and not out.exists()
    assert main(["layouts"]) == 2  # the listing says the same
    assert f"{bad}:{message}" in capsys.readouterr().err


def test_a_theme_naming_a_font_outside_the_bundle_is_refused(user_layouts, tmp_path, capsys):
    theme = user_layouts / "themes" / "default.yaml"
    text = theme.read_text()
    theme.write_text(text.replace("Carlito-Regular.ttf", "../../../etc/passwd", 1))
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "Carlito-Regular.ttf" in ln)
    assert main(["themes"]) == 2
    err = capsys.readouterr().err
    assert f"{theme}:{line}:" in err
    assert "font.regular: must be the name of a font file in assets/fonts (got '../../../etc/passwd')" in err


def test_every_builtin_layout_passes_the_limits():
    from infodeck.compose.layouts import layouts

    assert set(layouts()) == {"deck-16x9", "deck-4x3", "a4-portrait", "letter-portrait", "square-1080",
                              "a3-poster", "web-tall-1080"}


# ------------------------------------------- every way out, honest messages (issue 16)

SMALL = ["--formats", "pptx,png,svg", "--sections", "gut-brain-axis"]


def _hidden(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*") if p.name != ".infodeck.lock")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_file_where_a_folder_must_go_leaves_no_temporary_file(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "diagrams").write_text("not a folder")
    assert main(["export", "--out", str(out), *SMALL]) == 2
    err = capsys.readouterr().err
    assert f"cannot write in {out / 'diagrams'}: a file of that name is in the way" in err, err
    assert _hidden(out) == []


def test_ctrl_c_while_temporary_files_are_made_leaves_none(tmp_path, monkeypatch, capsys):
    """The files made before the interrupt stayed (4-18 hidden .tmp files)."""
    from infodeck.export import write as mod

    real = mod.tempfile.mkstemp
    calls = []

    def third_interrupts(*a, **k):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(mod.tempfile, "mkstemp", third_interrupts)
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *SMALL]) == 130
    assert "interrupted; nothing was written" in capsys.readouterr().err
    assert len(calls) == 3
    assert _hidden(out) == [] and not [p for p in out.rglob("*") if p.is_file()]


def test_a_later_export_of_other_formats_removes_stale_temporary_files(tmp_path, capsys):
    import subprocess

    from infodeck.export import tempfiles

    dead = subprocess.Popen(["true"])  # a process id that has ended
    dead.wait()
    out = tmp_path / "out"
    (out / "diagrams").mkdir(parents=True)
    left = []
    for folder, name in ((out, "old-pack.pdf"), (out / "diagrams", "x-1.svg")):
        stale = folder / f".{name}.infodeck-{tempfiles._host()}-{dead.pid}-abc123.tmp"
        stale.write_bytes(b"half")
        left.append(stale)
    assert main(["export", "--out", str(out), *SMALL]) == 0
    assert not any(p.exists() for p in left)
    assert "removed 2 temporary file(s)" in capsys.readouterr().err


def _old_export(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *SMALL, "--theme", "high-contrast"]) == 0
    return out, _snapshot(out)


def _failing_replace(monkeypatch, at: int, exc: BaseException | None = None, hook=None):  # type: ignore[no-untyped-def]
    """``os.replace`` in write.py: the ``at``-th move of a temporary file fails (or runs ``hook``)."""
    from infodeck.export import write as mod

    real = os.replace
    moves = []

    def replace(src, dst):  # type: ignore[no-untyped-def]
        if str(src).endswith(".tmp") and "bak" not in Path(src).name:
            moves.append(dst)
            if len(moves) == at:
                if hook is not None:
                    hook()
                elif exc is not None:
                    raise exc
        return real(src, dst)

    monkeypatch.setattr(mod.os, "replace", replace)
    return moves


def test_a_failed_move_puts_back_the_files_replaced_before_it(tmp_path, monkeypatch, capsys):
    """'8 file(s) before it were replaced already': now the folder is as it was."""
    out, before = _old_export(tmp_path)
    capsys.readouterr()
    _failing_replace(monkeypatch, 4, PermissionError(errno.EACCES, "Permission denied"))
    assert main(["export", "--out", str(out), *SMALL, "--force"]) == 2
    err = capsys.readouterr().err
    assert "it is open in another program (PowerPoint?) or read-only; close it; export again" in err
    assert "the 3 file(s) replaced before it were put back: nothing was changed" in err, err
    assert _snapshot(out) == before
    assert _hidden(out) == []


def test_without_hard_links_the_message_names_what_was_replaced(tmp_path, monkeypatch, capsys):
    from infodeck.export import write as mod

    out, before = _old_export(tmp_path)
    capsys.readouterr()
    moves = _failing_replace(monkeypatch, 3, PermissionError(errno.EACCES, "Permission denied"))

    def no_links(*_a: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(mod.os, "link", no_links)
    assert main(["export", "--out", str(out), *SMALL, "--force"]) == 2
    err = capsys.readouterr().err
    replaced = moves[:2]
    assert f"2 file(s) were replaced already and could not be put back: {replaced[0]}, " \
           f"{replaced[1]}; every other file is as it was" in err, err
    after = _snapshot(out)
    changed = {k for k in before if after[k] != before[k]}
    assert changed == {str(p.relative_to(out)) for p in replaced}
    assert _hidden(out) == []


def test_ctrl_c_during_the_moves_finishes_them_and_says_so(tmp_path, monkeypatch, capsys):
    """It said "nothing was written" after 5 of 19 files were replaced."""
    out, before = _old_export(tmp_path)
    capsys.readouterr()
    _failing_replace(monkeypatch, 2, hook=lambda: os.kill(os.getpid(), signal.SIGINT))
    assert main(["export", "--out", str(out), *SMALL, "--force"]) == 130
    err = capsys.readouterr().err
    n = len(before)
    assert f"the moves were finished first: all {n} file(s) were written" in err, err
    after = _snapshot(out)
    assert set(after) == set(before) and all(after[k] != before[k] for k in before)
    assert _hidden(out) == []


def test_files_and_folders_reach_the_drive_before_the_moves(tmp_path, monkeypatch):
    from infodeck.export import write as mod

    events: list[tuple[str, str]] = []
    real_fsync, real_replace = mod._fsync, os.replace

    def fsync(path: Path, folder: bool = False) -> None:
        events.append(("fsync", str(path)))
        real_fsync(path, folder)

    def replace(src, dst):  # type: ignore[no-untyped-def]
        events.append(("replace", str(src)))
        return real_replace(src, dst)

    monkeypatch.setattr(mod, "_fsync", fsync)
    monkeypatch.setattr(mod.os, "replace", replace)
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *SMALL]) == 0
    first_move = next(i for i, e in enumerate(events) if e[0] == "replace")
    synced = {p for kind, p in events[:first_move] if kind == "fsync"}
    moved = [p for kind, p in events if kind == "replace"]
    assert moved and set(moved) <= synced  # every file flushed before any rename
    assert {str(out), str(out / "diagrams")} <= synced
    assert events[-1][0] == "fsync"  # and the folders once more after the renames


def test_a_second_export_into_a_busy_folder_is_told_so(tmp_path, capsys):
    """Two exports into one folder both exited 0, the later replacing the earlier's files."""
    from infodeck.export import folderlock

    out = tmp_path / "out"
    out.mkdir()
    with folderlock.locked(out):
        assert main(["export", "--out", str(out), *SMALL]) == 2
        err = capsys.readouterr().err
        assert f"{out} is busy: another export is writing into it right now" in err
        assert not [p for p in out.rglob("*") if p.is_file() and p.name != ".infodeck.lock"]
    assert main(["export", "--out", str(out), *SMALL]) == 0  # free again
    assert not (out / ".infodeck.lock").exists()


def test_the_lock_is_another_processes_too(tmp_path):
    """A lock held by another process (the operating system's lock) is seen."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from infodeck.export import folderlock\n"
         f"with folderlock.locked(Path({str(out)!r})):\n"
         "    print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "desktop")},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        r = subprocess.run(
            [sys.executable, "-m", "infodeck", "export", "--out", str(out), *SMALL],
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "PYTHONPATH": str(ROOT / "desktop")},
        )
        assert r.returncode == 2 and "is busy" in r.stderr, r.stderr
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_sigterm_during_the_moves_waits_for_them_then_ends_the_export(tmp_path):
    out, before = _old_export(tmp_path)
    script = textwrap.dedent(
        f"""
        import os, signal
        from infodeck import cli
        from infodeck.export import write
        real, moves = os.replace, []
        def replace(src, dst):
            if str(src).endswith(".tmp") and "bak" not in os.path.basename(src):
                moves.append(dst)
                if len(moves) == 2:
                    os.kill(os.getpid(), signal.SIGTERM)
            return real(src, dst)
        write.os.replace = replace
        cli.main(["export", "--out", {str(out)!r}, *{SMALL!r}, "--force"])
        print("not reached")
        """
    )
    r = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "INFODECK_PROCESSES": "1"},
    )
    assert r.returncode == -signal.SIGTERM, r.stderr
    assert "not reached" not in r.stdout
    after = _snapshot(out)
    assert set(after) == set(before) and all(after[k] != before[k] for k in before)
    assert _hidden(out) == []  # the backups were removed before the signal took effect
