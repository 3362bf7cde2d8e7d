"""Make the README's markup picture: bold, italic and subscripts as the deck shows them.

    python docs/markup_example.py [--out docs/markup.png]

Writes a one-section pack whose text uses the inline markup (the README's example),
exports the deck and draws its slide with LibreOffice and pdftoppm (``soffice`` and
``pdftoppm`` must be on the PATH): what a teacher's office suite shows, real runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))

PACK = """\
id: markup-example
title: How plants make food
author: Ms Rivera
audience: Ages 11–14
sections:
  - sections/light.yaml
"""
SECTION = """\
id: light
title: What *light* does
summary: Light powers photosynthesis.
notes: Point at each bold word.
blocks:
  - type: text
    text: Leaves take in CO~2~ and give off O~2~; **light** powers it, *not* heat.
    cite: [taiz2015]
  - type: bullets
    items:
      - "**Light reactions** split water"
      - 'Glucose: 6 CO~2~ + 6 H~2~O → C~6~H~12~O~6~ + 6 O~2~'
      - An asterisk on its own stays one, 2 * 3 = 6
    cite: [taiz2015]
"""
REFS = """\
references:
  - key: taiz2015
    authors: Taiz L, Zeiger E, Møller IM, Murphy A
    title: Plant physiology and development
    container: Sinauer Associates
    year: 2015
"""


def main(argv: list[str] | None = None) -> int:
    from infodeck.cli import main as infodeck

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "markup.png")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pack, out = work / "plants", work / "out"
        (pack / "sections").mkdir(parents=True)
        (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
        (pack / "sections" / "light.yaml").write_text(SECTION, encoding="utf-8")
        (pack / "references.yaml").write_text(REFS, encoding="utf-8")
        if infodeck(["export", str(pack), "--out", str(out), "--formats", "pptx", "--quiet"]):
            return 1
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{work / 'lo'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(work), str(out / "markup-example.pptx")],
            check=True, capture_output=True,
        )
        pdf = work / "markup-example.pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(args.out.with_suffix(""))], check=True)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
