"""Make the README's "Start from your notes" picture: the slides a Markdown lesson became.

    python docs/import_example.py [--out docs/import-after.png]

Imports ``docs/import-example.md`` with ``infodeck import``, exports the deck and
draws its second and third slides side by side with LibreOffice and pdftoppm
(``soffice`` and ``pdftoppm`` must be on the PATH).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))


def main(argv: list[str] | None = None) -> int:
    from PIL import Image

    from infodeck.cli import main as infodeck

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "import-after.png")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pack, out = work / "plants", work / "out"
        if infodeck(["import", str(HERE / "import-example.md"), "--out", str(pack)]) != 0:
            return 1
        if infodeck(["export", str(pack), "--out", str(out), "--formats", "pptx", "--quiet"]):
            return 1
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{work / 'lo'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(work), str(out / "plants.pptx")],
            check=True, capture_output=True,
        )
        subprocess.run(["pdftoppm", "-png", "-r", "48", "-f", "2", "-l", "3",
                        str(work / "plants.pdf"), str(work / "slide")], check=True)
        slides = [Image.open(p) for p in sorted(work.glob("slide*.png"))]
        sheet = Image.new("RGB", (sum(s.width for s in slides) + 12 * (len(slides) - 1),
                                  max(s.height for s in slides)), "white")
        x = 0
        for s in slides:
            sheet.paste(s, (x, 0))
            x += s.width + 12
        sheet.save(args.out, optimize=True)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
