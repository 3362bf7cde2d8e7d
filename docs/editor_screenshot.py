"""Render the window with the Edit panel open on a pathway diagram and save docs/editor.png.

    python docs/editor_screenshot.py [--out docs/editor.png] [--size 1366x768]

Runs offscreen on a copy of the built-in pack (nothing is changed in it), with a
throw-away settings file, at a 1366×768 laptop's size by default.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "editor.png")
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--section", default="neuroinflammation", help="section id to edit")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from infodeck.gui.editor.fields import block_type_of
    from infodeck.gui.main_window import MainWindow
    from infodeck.gui.style import apply_app_style
    from infodeck.resources import builtin_pack_dir

    app = QApplication(sys.argv[:1])
    apply_app_style(app)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_STATE_HOME"] = tmp
        pack = Path(tmp) / "pack"
        shutil.copytree(builtin_pack_dir(), pack)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, error_reporter=lambda e: print("error:", e))
        window.resize(width, height)
        window.show()
        failed: list[str] = []
        shot: list[object] = []

        def grab() -> None:
            shot.append(window.grab())  # before quitting: Qt closes windows on quit
            app.quit()

        def show_editor() -> None:
            editor = window.editor
            editor.show_section(args.section)
            editor.tabs.setCurrentIndex(1)
            blocks = editor.block_list.blocks
            diagram = next(
                (i for i, b in enumerate(blocks) if (bt := block_type_of(b)) and bt.kind), 0
            )
            editor.block_list.set_current(diagram)
            QTimer.singleShot(600, grab)

        def ready(result: object) -> None:
            if result is None or shot:
                return
            pages = list(getattr(result, "pages", []))
            mine = [i for i, p in enumerate(pages) if p.section_id == args.section]
            if mine:  # the section's last slide: where its diagram is
                window.preview.show_page(mine[-1])
            QTimer.singleShot(0, show_editor)

        window.preview_ready.connect(ready)
        QTimer.singleShot(60_000, lambda: (failed.append("timed out"), app.quit()))
        window.open_pack(pack)
        app.exec()
        if failed or not shot:
            print("screenshot failed:", ", ".join(failed) or "no preview", file=sys.stderr)
            return 1
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shot[0].save(str(args.out))  # type: ignore[attr-defined]
        window.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
