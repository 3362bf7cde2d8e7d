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
