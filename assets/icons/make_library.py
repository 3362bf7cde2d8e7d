"""Regenerate the bundled icon library (assets/icons/library/) from Tabler Icons.

The curated list is data: ``assets/icons/library.toml`` names the npm package and its
version, the icons per school subject and a few aliases (``water`` for Tabler's
``droplet``). This script fetches that exact version with ``npm pack`` (or takes a
package folder or ``.tgz`` you already have), and writes:

* ``library/<name>.svg``: each icon's outline SVG, its stroke set to 1.5 units on
  the 24-unit grid (3 on 48, the weight of Infodeck's own icons);
* ``library/LICENSE``: the package's licence, copied as it is;
* ``library/index.json``: every name (aliases included) with its file, subjects and
  keywords (Tabler's tags and category, and the
  list's own school words), and Infodeck's own icons with theirs, for
  ``infodeck icons QUERY`` and the window's icon picker.

Infodeck's own icons (``assets/icons/content/``) win a name clash: such a Tabler icon
is left out and the script says so. Run from anywhere, e.g.
``python assets/icons/make_library.py`` or ``python assets/icons/make_library.py
/tmp/package``. The output is reproducible (sorted, no timestamps).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIST = HERE / "library.toml"
OUT = HERE / "library"
OWN = HERE / "content"
STROKE = "1.5"

# Keywords for Infodeck's own icons (they have no package metadata of their own).
OWN_KEYWORDS = {
    "bacteria": ["microbe", "microbiome", "germ", "biology", "gut flora"],
    "blood-vessel": ["artery", "vein", "circulation", "blood", "biology", "health"],
    "brain": ["mind", "nervous system", "neuroscience", "biology", "health", "thinking"],
    "fruit-vegetables": ["food", "diet", "nutrition", "healthy eating", "fibre", "health"],
    "gut": ["intestine", "digestion", "stomach", "bowel", "biology", "health"],
    "magnifier": ["search", "look closer", "research", "evidence", "investigate"],
    "neuron": ["nerve", "nerve cell", "nervous system", "signal", "biology"],
    "pill": ["medicine", "drug", "tablet", "treatment", "health"],
    "shield": ["protection", "immune system", "defence", "safety", "health"],
    "warning": ["caution", "alert", "risk", "danger", "hazard"],
}


def _package(arg: str | None, spec: dict[str, str], work: Path) -> Path:
    """The unpacked npm package folder (``arg``: a folder, a .tgz, or fetch it)."""
    if arg and Path(arg).is_dir():
        return Path(arg)
    tgz = Path(arg) if arg else None
    if tgz is None:
        ref = f"{spec['package']}@{spec['version']}"
        print(f"fetching {ref} with npm pack ...", file=sys.stderr)
        done = subprocess.run(["npm", "pack", ref, "--silent"], cwd=work, check=True,
                              capture_output=True, text=True)
        tgz = work / done.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as tar:
        tar.extractall(work, filter="data")
    return work / "package"


def _svg(text: str) -> str:
    """Tabler's SVG with Infodeck's stroke weight and without its CSS classes."""
    text = re.sub(r'stroke-width="[^"]*"', f'stroke-width="{STROKE}"', text, count=1)
    text = re.sub(r'\s*class="[^"]*"', "", text)
    return text.strip() + "\n"


def build(package: Path, curated: dict[str, object]) -> dict[str, object]:
    """Write library/ from the unpacked ``package``; returns the index written."""
    spec = curated["source"]
    assert isinstance(spec, dict)
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if meta["version"] != spec["version"]:
        raise SystemExit(f"the package is version {meta['version']}; library.toml asks for "
                         f"{spec['version']} (change the list or fetch that version)")
    if meta.get("license") != spec["license"]:
        raise SystemExit(f"the package's licence is {meta.get('license')!r}, not "
                         f"{spec['license']!r}: check it before bundling")
    tags = json.loads((package / "icons.json").read_text(encoding="utf-8"))
    own = {p.stem for p in OWN.glob("*.svg")}
    subjects = curated["subjects"]
    aliases = curated["aliases"]
    extra = curated.get("keywords", {})
    assert isinstance(subjects, dict) and isinstance(aliases, dict) and isinstance(extra, dict)

    where: dict[str, list[str]] = {}  # Tabler name → the subjects listing it
    for subject, names in subjects.items():
        for name in names:
            where.setdefault(name, [])
            if subject not in where[name]:
                where[name].append(subject)
    unlisted = sorted(set(extra) - set(where))
    if unlisted:
        raise SystemExit(f"keywords for icons not in any subject: {', '.join(unlisted)}")
    missing = [n for n in where if not (package / "icons" / "outline" / f"{n}.svg").is_file()]
    if missing:
        raise SystemExit(f"not in {spec['package']} {spec['version']}: {', '.join(missing)}")

    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    shutil.copyfile(package / "LICENSE", OUT / "LICENSE")
    source = f"{spec['name']} {spec['version']} ({spec['license']})"
    icons: dict[str, dict[str, object]] = {}
    for name in sorted(where):
        if name in own:
            print(f"skipped {name}: Infodeck's own icon has that name", file=sys.stderr)
            continue
        svg = (package / "icons" / "outline" / f"{name}.svg").read_text(encoding="utf-8")
        (OUT / f"{name}.svg").write_text(_svg(svg), encoding="utf-8")
        info = tags.get(name, {})
        # School words first, then Tabler's tags and category: the order a search shows.
        words = [str(w) for w in extra.get(name, [])]
        words += [str(t) for t in info.get("tags", [])]
        if info.get("category"):
            words.append(str(info["category"]).lower())
        icons[name] = {"file": f"{name}.svg", "subjects": where[name],
                       "keywords": list(dict.fromkeys(w for w in words if w != name)),
                       "source": source}
    for alias, target in sorted(aliases.items()):
        if alias in own or alias in icons:
            raise SystemExit(f"alias {alias!r} clashes with an icon of that name")
        if target not in icons:
            raise SystemExit(f"alias {alias!r} points at {target!r}, which is not in the list")
        entry = dict(icons[target])
        entry["keywords"] = [target, *entry["keywords"]]  # type: ignore[misc]
        entry["alias_of"] = target
        icons[alias] = entry
    index = {
        "source": dict(spec),
        "own": {name: {"keywords": OWN_KEYWORDS.get(name, [])} for name in sorted(own)},
        "icons": dict(sorted(icons.items())),
    }
    (OUT / "index.json").write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    return index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("package", nargs="?", help="an unpacked npm package folder or its .tgz "
                    "(default: fetch the version library.toml names with npm pack)")
    args = ap.parse_args()
    curated = tomllib.loads(LIST.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        index = build(_package(args.package, curated["source"], Path(tmp)), curated)
    icons = index["icons"]
    assert isinstance(icons, dict)
    files = sum(1 for v in icons.values() if "alias_of" not in v)
    print(f"wrote {files} icons and {len(icons) - files} aliases to {OUT}")


if __name__ == "__main__":
    main()
