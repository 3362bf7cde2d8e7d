"""Write the worst packs within the documented limits (issue 16), for timing by hand.

    python benchmarks/worst_packs.py DIR

makes DIR/letters (one word of 19,999 letters), DIR/marks30 (a letter with 30 accents,
the most allowed, repeated to 19,995 characters: one word), DIR/accents (a letter with
19,998 accents: refused since, as more than 30 in a row), DIR/icons1 and DIR/icons2 (one
and two pack icons of 19,897 path commands each: the costliest for the fill rules, see
``worst_icon``). Then, for example:
``/usr/bin/time -f "%e s %M KB" infodeck export DIR/marks30 --out OUT --force``.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

PACK = "id: worst\ntitle: Worst\nauthor: A\naudience: B\nsections:\n  - sections/s.yaml\n"
SECTION = textwrap.dedent(
    """\
    id: s
    title: S
    summary: s
    notes: n
    {icon}blocks:
      - type: text
        uncited: true
        text: "{text}"
    """
)
TEXTS = {
    "letters": "a" * 19_999,
    "marks30": ("a" + "\u0301" * 30) * (20_000 // 31),
    "accents": "a" + "\u0301" * 19_998,
}


def worst_icon() -> str:
    """The costliest icon within the limits (19,897 commands, 188 KB, 300 contours).

    One outline of 18,400 smooth quadratics (8 tall edges each once flattened) and 299
    tiny squares in its bounding box that it does not hold: finding which contour holds
    which compares each square with every edge, the most the limits allow (the same
    shape as ``tests/scene/test_svg.py``'s zigzag).
    """
    n, w = 18_400, 48 / 18_401
    d = f"M0 0Q{w / 2} 48 {w} 0" + f"t{w:.5f} 0" * n
    d += "".join(
        f"M{(k % 20) * 2.4 + 0.3:.2f} {(k // 20) * 1.5 + 0.5:.2f}h.0001v.01h-.0001z"
        for k in range(299)
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><path d="{d}"/></svg>'


def write(root: Path, text: str, icons: int = 0) -> None:
    """A one-section pack whose one text block holds ``text`` (and ``icons`` pack icons)."""
    (root / "sections").mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(PACK, encoding="utf-8")
    (root / "references.yaml").write_text("references: []\n", encoding="utf-8")
    icon = "icon: i0\n" if icons else ""
    (root / "sections" / "s.yaml").write_text(
        SECTION.format(icon=icon, text=text), encoding="utf-8"
    )
    if icons:
        (root / "icons").mkdir(exist_ok=True)
        for i in range(icons):
            (root / "icons" / f"i{i}.svg").write_text(worst_icon(), encoding="utf-8")


def main() -> None:
    """Write every worst pack under the folder given."""
    out = Path(sys.argv[1])
    for name, text in TEXTS.items():
        write(out / name, text)
    write(out / "icons1", "Hello", icons=1)
    write(out / "icons2", "Hello", icons=2)


if __name__ == "__main__":
    main()
