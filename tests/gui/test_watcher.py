"""The pack watcher: in-place saves, saves by rename, bursts merged into one signal."""

from __future__ import annotations

import os
from pathlib import Path

from infodeck.gui.watcher import PackWatcher


def test_watcher_survives_save_by_rename(qtbot, tmp_path: Path):
    root = tmp_path / "pack"
    (root / "sections").mkdir(parents=True)
    f = root / "sections" / "a.yaml"
    f.write_text("one\n", encoding="utf-8")
    w = PackWatcher(debounce_ms=50)
    w.watch(root, [f])
    assert str(f) in w.watched()

    with qtbot.waitSignal(w.changed, timeout=5000):
        f.write_text("two\n", encoding="utf-8")

    for i in range(2):  # twice: the second proves the path was watched again
        tmp = f.with_name(f".a.yaml.{i}")
        tmp.write_text(f"renamed {i}\n", encoding="utf-8")
        with qtbot.waitSignal(w.changed, timeout=5000):
            os.replace(tmp, f)
        qtbot.waitUntil(lambda: str(f) in w.watched(), timeout=5000)

    w.clear()
    assert w.watched() == []


def test_a_change_during_a_load_is_not_lost_when_the_load_ends(qtbot, tmp_path: Path):
    """The window calls watch() when a load ends; a save made during the load must still
    bring a reload (watch() used to stop the pending timer: 5 fixes in 90 were lost)."""
    root = tmp_path / "pack"
    root.mkdir()
    f = root / "pack.yaml"
    f.write_text("one\n", encoding="utf-8")
    w = PackWatcher(debounce_ms=200)
    w.watch(root, [f])
    w._poke(str(f))  # the save arrived while the load was running: its burst is pending
    with qtbot.waitSignal(w.changed, timeout=5000):
        w.watch(root, [f])  # the load ends, the same files are watched again
    assert str(f) in w.watched()


def test_watch_keeps_what_stays_and_drops_what_went(qtbot, tmp_path: Path):
    root = tmp_path / "pack"
    (root / "images").mkdir(parents=True)
    a, pic = root / "pack.yaml", root / "images" / "x.png"
    a.write_text("a\n", encoding="utf-8")
    pic.write_bytes(b"x")
    w = PackWatcher(debounce_ms=50)
    w.watch(root, [a, pic])
    assert str(pic) in w.watched() and str(root / "images") in w.watched()
    w.watch(root, [a])
    assert str(pic) not in w.watched() and str(a) in w.watched()
    w.clear()
