"""The built-in pack: valid, lint-clean, complete, honest about its sources."""

from __future__ import annotations

import json

import pytest

from infodeck.content.load import load_pack
from infodeck.content.model import (
    AxisDiagram,
    ChartDiagram,
    ClusterDiagram,
    Pack,
    PathwayDiagram,
    QuoteBlock,
    StatBlock,
)
from infodeck.content.schema import pack_schema

from conftest import BUILTIN

SECTION_IDS = [
    "title",
    "gut-brain-axis",
    "postbiotic-metabolites",
    "gut-health-migraines",
    "neuroinflammation",
    "imaging-evidence",
    "associated-conditions",
    "healing-the-gut-barrier",
    "diet-statistics",
    "two-steps",
    "manufacturer-description",
]
REFERENCE_KEYS = {
    "dalile2019",
    "zang2024",
    "yamanaka2021",
    "albrecht2019",
    "biscetti2023",
    "arzani2020",
    "ulfer2025",
    "leekwan2017",
    "quagliani2017",
}
DIET_SOURCES = {"leekwan2017", "quagliani2017"}


@pytest.fixture(scope="module")
def pack() -> Pack:
    r = load_pack(BUILTIN)
    assert r.pack is not None, "\n".join(map(str, r.problems))
    return r.pack


def _stats(pack: Pack) -> list[StatBlock]:
    return [b for s in pack.sections for b in s.blocks if isinstance(b, StatBlock)]


def _chart(pack: Pack) -> ChartDiagram:
    (chart,) = [b for b in pack.section("diet-statistics").blocks if isinstance(b, ChartDiagram)]
    return chart


def test_loads_without_errors_or_warnings():
    r = load_pack(BUILTIN)
    assert r.errors == [], "\n".join(map(str, r.errors))
    assert r.warnings == [], "\n".join(map(str, r.warnings))
    assert r.pack is not None


def test_sections_in_order(pack):
    assert [s.id for s in pack.sections] == SECTION_IDS
    assert pack.sections[0].kind == "title"


def test_manufacturer_section_is_labelled_and_off_by_default(pack):
    manu = pack.section("manufacturer-description")
    assert manu.kind == "manufacturer"
    assert manu.default is False
    assert [s.id for s in pack.sections if s.kind == "manufacturer"] == [manu.id]
    assert "manufacturer-description" not in pack.default_section_ids()
    assert pack.default_section_ids() == SECTION_IDS[:-1]
    # The maker's claims have no source: nothing in the section cites, the claims are uncited.
    assert all(not getattr(b, "cite", []) for b in manu.blocks)
    assert any(getattr(b, "uncited", False) for b in manu.blocks)


def test_every_section_has_notes_summary_and_takeaway(pack):
    for s in pack.sections:
        assert s.notes.strip(), s.id
        assert len(s.notes.split()) >= 25, f"{s.id}: notes should be a few sentences"
        assert s.summary.strip(), s.id
        assert s.takeaway, s.id


def test_uncited_figures_are_marked_uncited(pack):
    stats = _stats(pack)
    (p36,) = [b for b in stats if b.value == 36]
    assert p36.unit == "%" and p36.uncited and not p36.cite
    (x10k,) = [b for b in stats if b.value == 10_000]
    assert x10k.prefix == "over" and x10k.uncited and not x10k.cite
    (bar36,) = [i for i in _chart(pack).items if i.value == 36]
    assert bar36.uncited and not bar36.cite


def test_fruit_and_vegetable_figure_is_cited(pack):
    (fv,) = [b for b in _stats(pack) if b.value == 80]
    assert (fv.value_high, fv.unit) == (95, "%")
    assert set(fv.cite) == DIET_SOURCES and not fv.uncited
    (bar,) = [i for i in _chart(pack).items if i.value == 80]
    assert bar.value_high == 95
    assert set(bar.cite) == DIET_SOURCES and not bar.uncited


def test_diagrams(pack):
    (axis,) = [b for b in pack.section("gut-brain-axis").blocks if isinstance(b, AxisDiagram)]
    assert {axis.left.label, axis.right.label} == {"Gut", "Brain"}
    assert len(axis.channels) >= 3 and all(c.direction == "both" for c in axis.channels)

    (path,) = [b for b in pack.section("neuroinflammation").blocks if isinstance(b, PathwayDiagram)]
    labels = [s.label.lower() for s in path.steps]
    assert len(labels) == 8
    assert labels[0].endswith("dysbiosis") and labels[-1] == "migraine"
    (hl,) = [s for s in path.steps if s.highlight]
    assert "tight junctions" in hl.label.lower()
    assert path.cite == ["yamanaka2021"]

    (cluster,) = [
        b for b in pack.section("associated-conditions").blocks if isinstance(b, ClusterDiagram)
    ]
    text = " ".join(i.label for i in cluster.items).lower()
    assert "celiac" in text and "irritable bowel" in text and "pylori" in text
    assert cluster.cite == ["arzani2020"]


def test_quote_is_attributed_and_cited(pack):
    (quote,) = [b for b in pack.section("gut-health-migraines").blocks if isinstance(b, QuoteBlock)]
    assert "causal relationship" in quote.text
    assert "Zang" in quote.attribution
    assert quote.cite == ["zang2024"]


def test_all_nine_references_complete_and_cited(pack):
    refs = {r.key: r for r in pack.references}
    assert set(refs) == REFERENCE_KEYS and len(pack.references) == 9
    for r in pack.references:
        assert r.authors.strip() and r.title.strip() and r.container, r.key
        assert 2000 <= r.year <= 2030, r.key
        assert r.volume, r.key
    cited: set[str] = set()
    for s in pack.sections:
        for b in s.blocks:
            cited.update(getattr(b, "cite", []))
            for item in getattr(b, "items", None) or []:
                cited.update(getattr(item, "cite", []))
    assert cited == REFERENCE_KEYS


def test_shipped_schema_is_current():
    shipped = json.loads((BUILTIN / "infodeck.schema.json").read_text(encoding="utf-8"))
    assert shipped == pack_schema(), (
        "content/gut-health-migraines/infodeck.schema.json is stale; regenerate it with "
        "`infodeck schema > content/gut-health-migraines/infodeck.schema.json`"
    )


def test_yaml_files_point_editors_at_the_schema():
    files = [BUILTIN / "pack.yaml", BUILTIN / "references.yaml", *BUILTIN.glob("sections/*.yaml")]
    assert len(files) == len(SECTION_IDS) + 2
    for f in files:
        first = f.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), f
        assert (f.parent / first.removeprefix(prefix)).resolve() == (
            BUILTIN / "infodeck.schema.json"
        ).resolve(), f
