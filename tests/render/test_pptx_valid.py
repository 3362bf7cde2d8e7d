"""Every deck Infodeck writes is valid OOXML: 0 findings from the shared validator.

The validator (``validate_pptx.py``: the ISO/IEC 29500 Transitional schemas plus the
rules whose breach makes PowerPoint repair a file or Keynote refuse it) lives in the
project's shared folder, beside the repository (``../shared/ooxml``). It is run on
decks from the built-in pack and every test pack in ``tests/data``, in both deck
layouts, plus packs with pictures and hostile text. Errors, warnings and notes all
count: a deck that needs any of them explained is not clean.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.render.pptx import write_pptx
from render.test_pptx_package import write_hostile_pack

from conftest import BUILTIN, ROOT

VALIDATOR_ENV = "INFODECK_OOXML_VALIDATOR"


def find_validator() -> Path:
    """``shared/ooxml/validate_pptx.py`` in a folder above the checkout (or from the env).

    The main checkout sits beside ``shared``; a worktree one or two levels deeper.
    """
    given = os.environ.get(VALIDATOR_ENV)
    if given:
        return Path(given)
    for folder in ROOT.parents:
        candidate = folder / "shared" / "ooxml" / "validate_pptx.py"
        if candidate.is_file():
            return candidate
    pytest.fail(
        f"the OOXML validator was not found: no shared/ooxml/validate_pptx.py above {ROOT}; "
        f"set {VALIDATOR_ENV} to its path"
    )


def _picture_pack(root: Path) -> Path:
    """A pack with pictures (tall and wide, with and without a caption) and RTL text."""
    (root / "sections").mkdir(parents=True)
    (root / "images").mkdir()
    Image.new("RGB", (40, 90), "#3366aa").save(root / "images" / "tall.png")
    Image.new("RGB", (160, 60), "#aa6633").save(root / "images" / "wide.jpg")
    (root / "pack.yaml").write_text(
        "id: pictures\ntitle: Pictures\nauthor: A\naudience: B\nlanguage: fr\n"
        "sections:\n  - sections/p.yaml\n",
        encoding="utf-8",
    )
    (root / "references.yaml").write_text("references: []\n", encoding="utf-8")
    (root / "sections" / "p.yaml").write_text(
        "id: p\ntitle: Des images\nsummary: s\nnotes: n\nblocks:\n"
        "  - type: picture\n    path: images/tall.png\n    alt: Un rectangle bleu\n"
        "    caption: Une légende\n"
        "  - type: text\n    text: שלום עולם, זה טקסט בעברית.\n    uncited: true\n"
        "  - type: picture\n    path: images/wide.jpg\n    alt: Un rectangle brun\n",
        encoding="utf-8",
    )
    return root


def _packs(tmp: Path) -> dict[str, Path]:
    packs = {"builtin": BUILTIN}
    for folder in sorted((ROOT / "tests" / "data").iterdir()):
        if (folder / "pack.yaml").is_file():
            packs[folder.name] = folder
    packs["hostile"] = write_hostile_pack(tmp / "hostile")
    packs["pictures"] = _picture_pack(tmp / "pictures")
    return packs


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    """Every deck written, then validated in one run of the validator."""
    validator = find_validator()
    tmp = tmp_path_factory.mktemp("valid")
    decks: list[Path] = []
    for name, folder in _packs(tmp).items():
        loaded = load_pack(folder)
        assert loaded.pack is not None, "\n".join(map(str, loaded.errors))
        ids = [s.id for s in loaded.pack.sections]
        variants = [("deck-16x9", "default"), ("deck-4x3", "high-contrast")]
        for layout, theme in variants:
            doc = compose_deck(loaded.pack, ids, get_layout(layout), get_theme(theme))
            deck = tmp / f"{name}-{layout}-{theme}.pptx"
            write_pptx(doc, deck)
            decks.append(deck)
    report = tmp / "report.json"
    proc = subprocess.run(
        [sys.executable, str(validator), "--json", str(report), *map(str, decks)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert report.is_file(), f"the validator wrote no report:\n{proc.stdout}\n{proc.stderr}"
    out: dict[str, list[dict[str, object]]] = {}
    for entry in json.loads(report.read_text(encoding="utf-8")):
        out[Path(entry["deck"]).name] = entry["findings"]
    assert len(out) == len(decks)
    return out


@pytest.mark.slow  # writes and validates every deck (4-5 s); CI and `make test` run it
def test_every_deck_has_no_finding(findings: dict[str, list[dict[str, object]]]) -> None:
    bad = {
        deck: [f"{f['severity']} [{f['rule']}] {f['part']}: {f['message']}" for f in found]
        for deck, found in findings.items()
        if found
    }
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)[:6000]


def test_the_validator_catches_a_broken_deck(tmp_path: Path) -> None:
    """The check can fail: python-pptx's own template deck has findings."""
    from pptx import Presentation

    deck = tmp_path / "plain.pptx"
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6]).notes_slide.notes_text_frame.text = "n"
    prs.save(str(deck))
    report = tmp_path / "r.json"
    subprocess.run(
        [sys.executable, str(find_validator()), "--json", str(report), str(deck)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    rules = {f["rule"] for f in json.loads(report.read_text(encoding="utf-8"))[0]["findings"]}
    assert "pml.notesMasterIdLst-missing" in rules
