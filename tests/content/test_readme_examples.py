"""Every YAML example in the README is a pack that `infodeck check` passes, with sources.

The examples are what teachers copy: they must load without a single problem (an
unknown icon or field in them is a failure here, not a skip), every claim in them
must cite a reference the examples define, and no value may be a placeholder.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

from infodeck.content.load import load_pack

from conftest import ROOT

README = ROOT / "README.md"


def _examples() -> list[tuple[int, str, Any]]:
    """(line in README.md, text, parsed data) of each ```yaml block."""
    text = README.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"^```yaml\n(.*?)^```", text, re.M | re.S):
        line = text.count("\n", 0, m.start()) + 2
        out.append((line, m.group(1), yaml.safe_load(m.group(1))))
    return out


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def _blocks(data: Any) -> list[dict[str, Any]]:
    """The blocks of an example: a section's, a list of blocks, or one block."""
    if isinstance(data, dict) and "notes" in data:
        return list(data.get("blocks") or [])
    if isinstance(data, dict) and "type" in data:
        return [data]
    if isinstance(data, list):
        return [b for b in data if isinstance(b, dict)]
    return []


def _pack_from_examples(root: Path) -> dict[str, int]:
    """Write the README's examples, as written, into one pack; returns each file's line."""
    meta: dict[str, Any] | None = None
    refs: list[str] = []
    sections: list[tuple[int, str]] = []
    for line, text, data in _examples():
        if isinstance(data, dict) and "sections" in data and "author" in data:
            meta = data
        elif isinstance(data, dict) and set(data) == {"references"}:
            refs.append(text)
        elif isinstance(data, dict) and "notes" in data:
            sections.append((line, text))
        elif _blocks(data):  # blocks shown alone: checked in a section of their own
            listed = text if isinstance(data, list) else "- " + textwrap.indent(text, "  ")[2:]
            head = (
                f"id: example-{line}\ntitle: Example\nsummary: An example.\n"
                "notes: An example from the README.\nblocks:\n"
            )
            sections.append((line, head + textwrap.indent(listed, "  ")))
        else:
            raise AssertionError(f"README.md:{line}: an example that is not a pack file")
    assert meta is not None, "the README shows no pack.yaml"
    assert len(refs) == 1, "the README shows one references.yaml"
    (root / "sections").mkdir(parents=True)
    (root / "images").mkdir()
    listed_files = list(meta["sections"])
    origin: dict[str, int] = {}
    for i, (line, text) in enumerate(sections):
        rel = listed_files[i] if i < len(listed_files) else f"sections/example-{line}.yaml"
        if i >= len(listed_files):
            meta["sections"].append(rel)
        (root / rel).write_text(text, encoding="utf-8")
        origin[rel] = line
        for b in _blocks(yaml.safe_load(text)):
            if b.get("type") == "picture":
                Image.new("RGB", (40, 30), "green").save(root / b["path"])
    (root / "pack.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    (root / "references.yaml").write_text(refs[0], encoding="utf-8")
    return origin


def test_readme_examples_pass_check_without_a_problem(tmp_path):
    origin = _pack_from_examples(tmp_path / "readme")
    r = load_pack(tmp_path / "readme")
    found = []
    for p in r.problems:  # said where the README has it
        rel = Path(p.file).resolve().relative_to((tmp_path / "readme").resolve()).as_posix()
        line = origin[rel] + p.line - 1 if rel in origin and p.line else None
        found.append(f"README.md:{line}: {p.where}: {p.message}" if line else str(p))
    assert r.problems == [], "\n".join(found)
    assert r.pack is not None


def test_readme_examples_cite_real_sources_and_hold_no_placeholders():
    for line, _, data in _examples():
        for value in _strings(data):
            assert "…" not in value and "..." not in value, f"README.md:{line}: {value!r}"
        for block in _blocks(data):
            claims = block.get("type") in ("text", "bullets", "stat", "quote", "diagram")
            assert not claims or block.get("cite"), f"README.md:{line}: a claim without a source"
    refs = [r for _, _, d in _examples() if isinstance(d, dict) for r in d.get("references", [])]
    assert refs and all(r.get("authors") and r.get("year") for r in refs)


def test_the_readme_does_not_repeat_the_wrong_ocean_oxygen_figure():
    """'80–95 % of Earth's oxygen comes from the oceans' was wrong: about half (NOAA)."""
    text = README.read_text(encoding="utf-8")
    assert "80–95" not in text and "value_high: 95" not in text
