"""Partial packs (#13 item 5): every valid section loads beside a list of the broken ones."""

from __future__ import annotations

from infodeck.content.lint import PackContext
from infodeck.content.load import check_section, load_pack
from infodeck.content.model import StatBlock
from infodeck.content.yamlread import parse_yaml

from conftest import REFS, SECTION

GOOD_B = SECTION.replace("id: intro", "id: second").replace("Introduction", "Second")
STAT = SECTION.replace("id: intro", "id: numbers").replace("Introduction", "Numbers") + (
    "  - type: stat\n    value: 40\n    unit: '%'\n    label: of leaves\n    uncited: true\n"
)


def test_a_broken_section_leaves_the_others_usable(make_pack):
    broken = SECTION.replace("id: intro", "id: broken").replace(
        "title: Introduction", "title: The broken one\nsubtitle: x"
    )
    r = load_pack(make_pack({"intro.yaml": SECTION, "broken.yaml": broken, "stat.yaml": STAT}))
    assert r.pack is None  # the whole pack has an error: a strict export refuses it
    assert r.usable is not None
    assert [s.id for s in r.usable.sections] == ["intro", "numbers"]
    assert isinstance(r.usable.sections[1].blocks[1], StatBlock)  # typed, ready to compose
    assert [ref.key for ref in r.usable.references] == ["smith2020"]
    (b,) = r.broken
    assert (b.index, b.file, b.id, b.title) == (1, "sections/broken.yaml", "broken",
                                                "The broken one")
    assert [p.where for p in b.problems] == ["sections[1].subtitle"]
    assert r.positions == {"intro": 0, "numbers": 2}


def test_the_usable_part_composes(make_pack):
    from infodeck.compose.deck import compose_deck
    from infodeck.compose.layouts import layouts, themes

    r = load_pack(make_pack({"intro.yaml": SECTION, "bad.yaml": "id: [bad\n", "s.yaml": STAT}))
    assert r.usable is not None
    doc = compose_deck(r.usable, ["intro", "numbers"], layouts()["deck-16x9"], themes()["default"])
    assert len(doc.pages) >= 2


def test_unreadable_and_missing_files_are_broken_sections_without_id(make_pack):
    root = make_pack({"intro.yaml": SECTION, "bad.yaml": "id: [bad\n"})
    (root / "pack.yaml").write_text(
        (root / "pack.yaml").read_text() + "  - sections/gone.yaml\n  - ../out.yaml\n"
    )
    r = load_pack(root)
    assert r.usable is not None and [s.id for s in r.usable.sections] == ["intro"]
    assert [(b.index, b.file, b.id, b.name) for b in r.broken] == [
        (1, "sections/bad.yaml", None, "sections/bad.yaml"),
        (2, "sections/gone.yaml", None, "sections/gone.yaml"),
        (3, "../out.yaml", None, "../out.yaml"),
    ]
    assert all(b.problems for b in r.broken)
    assert "not found" in r.broken[1].problems[0].message


def test_only_an_unusable_pack_yaml_stops_the_pack(make_pack):
    root = make_pack()
    (root / "pack.yaml").write_text("id: x\ntitle: [\n")
    r = load_pack(root)
    assert r.usable is None and r.pack is None and r.broken == []
    assert r.errors[0].file.endswith("pack.yaml")


def test_a_section_citing_a_broken_reference_is_broken_but_not_reported_twice(make_pack):
    refs = REFS + "  - key: bad2021\n    authors: B\n    title: T\n    year: 20210\n"
    cites_bad = GOOD_B.replace("[smith2020]", "[bad2021]")
    r = load_pack(make_pack({"intro.yaml": SECTION, "b.yaml": cites_bad}, refs=refs))
    assert [p.where for p in r.errors] == ["references[1].year"]  # the one real mistake
    assert r.usable is not None
    assert [s.id for s in r.usable.sections] == ["intro"]
    assert [ref.key for ref in r.usable.references] == ["smith2020"]
    (b,) = r.broken
    (why,) = b.problems
    assert why.where == "sections[1].blocks[0].cite[0]"
    assert why.message == "cites 'bad2021', whose entry in references.yaml has errors; fix it there"


def test_an_unreadable_references_file_breaks_only_the_sections_that_cite(make_pack):
    uncited = GOOD_B.replace("cite: [smith2020]", "uncited: true")
    r = load_pack(make_pack({"intro.yaml": SECTION, "b.yaml": uncited}, refs="references: [\n"))
    assert len(r.errors) == 1 and r.errors[0].file.endswith("references.yaml")
    assert r.usable is not None and [s.id for s in r.usable.sections] == ["second"]
    (b,) = r.broken
    assert [p.message for p in b.problems] == [
        "cites 'smith2020', but references.yaml cannot be read; fix its errors first"
    ]


def test_a_second_section_with_the_same_id_is_broken(make_pack):
    r = load_pack(make_pack({"a.yaml": SECTION, "b.yaml": SECTION}))
    assert r.usable is not None and len(r.usable.sections) == 1
    (b,) = r.broken
    assert b.index == 1 and "also used in" in b.problems[0].message


def test_a_section_using_a_broken_pack_icon_is_broken(make_pack):
    root = make_pack({"intro.yaml": SECTION.replace("summary:", "icon: seed\nsummary:")})
    (root / "icons").mkdir()
    (root / "icons" / "seed.svg").write_text("<svg><script/></svg>")
    r = load_pack(root)
    assert [p.file for p in r.errors] == [str(r.errors[0].file)]
    assert r.errors[0].file.endswith("seed.svg")
    (b,) = r.broken
    assert "icons/seed.svg" in b.problems[0].message


def test_warnings_alone_keep_the_whole_pack(make_pack):
    text = SECTION.replace("Plants make", "Plants\x0b make")
    r = load_pack(make_pack({"intro.yaml": text}))
    assert r.warnings and r.pack is not None and r.usable is r.pack and r.broken == []


def test_one_section_checked_alone_from_text(make_pack):
    """The document model validates an edited section from its text, without the others."""
    root = make_pack()
    ctx = PackContext(root, reference_keys={"smith2020"})
    edited = SECTION.replace("[smith2020]", "[smth2020]").encode()
    doc, _ = parse_yaml(edited, "sections/intro.yaml")
    check = check_section(doc, 3, ctx)
    assert check.section is not None and not check.usable
    (p,) = check.problems
    assert p.where == "sections[3].blocks[0].cite[0]" and "did you mean 'smith2020'?" in p.message
    doc, _ = parse_yaml(SECTION.encode(), "sections/intro.yaml")
    assert check_section(doc, 0, ctx).usable
