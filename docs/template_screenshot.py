"""Render the template report (File > Check a school template) and save docs/template-report.png.

    python docs/template_screenshot.py [--out docs/template-report.png]

The template is the tests' dark crest template (tests/template_kit.py), saved as
"St Mary's School.potx" in a temporary folder; runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))
sys.path.insert(0, str(HERE.parent / "tests"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "template-report.png")
    ap.add_argument("--tab", type=int, default=2, help="the tab shown (0-based)")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from infodeck.compose.templates import template_report
    from infodeck.gui.style import apply_app_style
    from infodeck.gui.template_report import TemplateReportDialog
    from infodeck.template import read_template

    from template_kit import build_crest_template

    app = QApplication(sys.argv[:1])
    apply_app_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        path = build_crest_template(Path(tmp) / "St Mary's School.potx", potx=True)
        dlg = TemplateReportDialog(template_report(read_template(path)))
        dlg.tabs.setCurrentIndex(args.tab)
        dlg.show()
        app.processEvents()
        dlg.grab().save(str(args.out))
        dlg.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
