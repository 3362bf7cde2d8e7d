"""Render the main window with the built-in pack and save docs/app.png.

    python docs/screenshots.py [--out docs/app.png] [--size 1366x768] [--scale 1]

Runs offscreen (no display needed); uses a throw-away settings file so the
screenshot never depends on (or changes) the user's settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "app.png")
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--scale", default="1", help="device pixel ratio (2 for a HiDPI shot)")
    ap.add_argument("--mode", choices=("deck", "infographic"), default="deck")
    ap.add_argument("--page", type=int, default=2, help="page shown large (1-based)")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = args.scale

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from infodeck.gui.main_window import MainWindow
    from infodeck.gui.style import apply_app_style
    from infodeck.resources import builtin_pack_dir

    app = QApplication(sys.argv[:1])
    apply_app_style(app)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_STATE_HOME"] = tmp
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("view/mode", args.mode)
        window = MainWindow(settings, error_reporter=lambda e: print("error:", e))
        window.resize(width, height)
        window.show()
        failed: list[str] = []
        shot: list[object] = []

        def grab() -> None:
            # Before quitting: Qt 6 closes the windows when the application quits.
            shot.append(window.grab())
            app.quit()

        def ready(result: object) -> None:
            if result is None or shot:
                return
            window.preview.show_page(max(0, args.page - 1))
            window.sections.list.setCurrentRow(1)
            QTimer.singleShot(300, grab)

        window.preview_ready.connect(ready)
        window.pack_loaded.connect(
            lambda out: failed.append("the built-in pack has errors") if out.pack is None else None
        )
        QTimer.singleShot(60_000, lambda: (failed.append("timed out"), app.quit()))
        window.open_pack(builtin_pack_dir())
        app.exec()
        if failed:
            print("screenshot failed:", ", ".join(failed), file=sys.stderr)
            return 1
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shot[0].save(str(args.out))  # type: ignore[attr-defined]
        window.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
