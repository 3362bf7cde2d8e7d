"""`check` finds everything in one run (#19 item 6) and every message says how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from infodeck.content.load import load_pack
from infodeck.content.problems import close_name, count

from conftest import SECTION

HEAD = "id: {id}\ntitle: T\nsummary: s\nnotes: n\nblocks:\n"


def _section(sid: str, blocks: str) -> str:
    return HEAD.format(id=sid) + blocks


def _messages(root: Path) -> list[tuple[str, str]]:
    return [(p.where, p.message) for p in load_pack(root).problems]


def test_independent_checks_run_when_a_field_of_the_file_fails(make_pack):
    """A misspelt field no longer hides the icon, citation and picture checks of its file."""
    text = _section(
        "intro",
        "  - type: stat\n    value: 5\n    label: x\n    icon: nonesuch\n    cite: [nobody]\n"
        "  - type: picture\n    path: images/missing.png\n    alt: A leaf\n    uncited: true\n",
    ).replace("title: T", "titel: T")
    found = dict(_messages(make_pack({"intro.yaml": text})))
    assert found["sections[0].titel"] == "unknown field 'titel'; did you mean 'title'?"
    assert found["sections[0].title"] == "required; add it"
    assert found["sections[0].blocks[0].icon"].startswith("unknown icon 'nonesuch'")
    assert found["sections[0].blocks[0].cite[0]"].startswith(
        "cites 'nobody', which is not in the references"
    )
    assert found["sections[0].blocks[1].path"].startswith(
        "picture not found: looked for 'images/missing.png'"
    )


def test_a_value_with_its_own_error_is_not_checked_again(make_pack):
    """A cite key of the wrong form is one error, not also 'not in the references'."""
    text = SECTION.replace("cite: [smith2020]", "cite: [Smith 2020]")
    ((where, msg),) = _messages(make_pack({"intro.yaml": text}))
    assert where == "sections[0].blocks[0].cite[0]"
    assert msg == "must use lowercase letters, digits and '-' only (got 'Smith 2020'), e.g. 'smith-2020'"


def test_icons_and_citations_inside_a_block_without_a_type_are_still_checked(make_pack):
    text = _section("intro", "  - typ: stat\n    value: 5\n    label: x\n    icon: nonesuch\n")
    wheres = [p.where for p in load_pack(make_pack({"intro.yaml": text})).errors]
    assert wheres == ["sections[0].blocks[0].typ", "sections[0].blocks[0].icon"]


def test_indexes_name_each_sections_real_position(make_pack):
    """The third section is sections[2] even when the first cannot be read at all."""
    root = make_pack(
        {
            "a.yaml": "id: [a\n",
            "b.yaml": SECTION.replace("id: intro", "id: b"),
            "c.yaml": SECTION.replace("id: intro", "id: c").replace("[smith2020]", "[nobody]"),
        }
    )
    found = _messages(root)
    assert found[0][0] == "" and "'[' is never closed" in found[0][1]
    assert found[1][0] == "sections[2].blocks[0].cite[0]"


def test_no_unused_reference_warning_when_the_citing_file_has_an_error(make_pack):
    """The citation in a file with a schema error counts; one in an unreadable file may exist."""
    schema_error = SECTION.replace("title: Introduction", "titel: Introduction")
    r = load_pack(make_pack({"intro.yaml": schema_error}))
    assert not any("not cited" in p.message for p in r.problems)
    r = load_pack(make_pack({"intro.yaml": "id: intro\ntitle: 'a\n"}, name="unreadable"))
    assert not any("not cited" in p.message for p in r.problems)


def test_unused_references_are_still_reported_when_every_file_reads(make_pack):
    text = SECTION.replace("cite: [smith2020]", "uncited: true")
    (w,) = load_pack(make_pack({"intro.yaml": text})).warnings
    # Worded for a teacher without YAML, and placed at the reference so it can be found.
    assert w.message == (
        "reference 'smith2020' is not used: no section cites it; cite it from a claim or "
        "remove it"
    )
    assert "cite:" not in w.message and "[key]" not in w.message
    assert (w.file.endswith("references.yaml"), w.line, w.col, w.where) == (
        True, 2, 10, "references[0].key"
    )


def test_an_invalid_pack_yaml_does_not_stop_the_checks_of_its_sections(make_pack):
    root = make_pack({"intro.yaml": SECTION.replace("[smith2020]", "[nobody]")})
    (root / "pack.yaml").write_text((root / "pack.yaml").read_text() + "colour: red\n")
    r = load_pack(root)
    assert r.usable is None and r.pack is None
    assert [p.where for p in r.errors] == ["colour", "sections[0].blocks[0].cite[0]"]


def test_problems_of_a_file_are_listed_top_to_bottom(make_pack):
    text = _section("intro", "  - type: stat\n    value: x\n    label: y\n    icon: nonesuch\n")
    text = text.replace("summary: s", "summary: s\nsumary: s")
    found = load_pack(make_pack({"intro.yaml": text})).problems
    lines = [p.line or 0 for p in found if p.file.endswith("intro.yaml")]
    assert lines == sorted(lines) and len(lines) == 3


# ------------------------------------------------------------ how to fix it


def test_a_far_field_name_lists_the_allowed_fields_instead_of_guessing():
    assert close_name("subtitle", ["title", "summary", "notes"]) is None
    assert close_name("titel", ["title", "summary"]) == "title"
    assert close_name("typ", ["type"]) == "type"
    assert close_name("Summary", ["summary"]) == "summary"
    assert close_name("value-high", ["value", "value_high"]) == "value_high"
    assert close_name("text", ["type"]) is None


def test_unknown_section_field_far_from_every_name(make_pack):
    text = SECTION.replace("summary:", "heading: H\nsummary:")
    ((where, msg),) = _messages(make_pack({"intro.yaml": text}))
    assert where == "sections[0].heading"
    assert msg.startswith("unknown field 'heading'; remove it, or use one of: blocks, default,")
    assert "did you mean" not in msg


@pytest.mark.parametrize(
    ("block", "where", "message"),
    [
        (
            "  - type: stat\n    value: 50%\n    label: x\n    uncited: true\n",
            "blocks[0].value",
            "must be a number (got '50%'); write the number alone and the unit apart: "
            'value: 50 and unit: "%"',
        ),
        (
            "  - type: stat\n    value: 3 kg\n    label: x\n    uncited: true\n",
            "blocks[0].value",
            "must be a number (got '3 kg'); write the number alone and the unit apart: "
            "value: 3 and unit: kg",
        ),
        (
            "  - type: stat\n    value: '1,500'\n    label: x\n    uncited: true\n",
            "blocks[0].value",
            "must be a number (got '1,500'); write the number without separators: value: 1500",
        ),
        (
            "  - type: diagram\n    kind: chart\n    title: t\n    items:\n"
            "      - {label: a, value: 40%, uncited: true}\n",
            "blocks[0].items[0].value",
            "must be a number (got '40%'); write the number alone (value: 40) and the unit "
            'once, in the diagram\'s unit: "%"',
        ),
        (
            "  - type: diagram\n    kind: pictogram\n    title: t\n    value: 30%\n"
            "    label: of people\n    uncited: true\n",
            "blocks[0].value",
            "must be a number (got '30%'); write the number alone (value: 30): it is a "
            "percentage already",
        ),
        (
            "  - typ: quote\n    text: x\n    attribution: y\n",
            "blocks[0].typ",
            "needs a 'type' field (bullets, diagram, picture, quiz, quote, stat, text); 'typ' looks "
            "like a misspelling of 'type': write type: quote",
        ),
        (
            "  - text: x\n",
            "blocks[0]",
            "needs a 'type' field (bullets, diagram, picture, quiz, quote, stat, text); add one, "
            "e.g. type: bullets",
        ),
        (
            "  - type: diagram\n    knd: pathway\n    title: t\n",
            "blocks[0].knd",
            "needs a 'kind' field (axis, chart, cluster, cycle, pathway, pictogram); 'knd' looks "
            "like a misspelling of 'kind': write kind: pathway",
        ),
        (
            "  - type: quot\n    text: x\n",
            "blocks[0].type",
            "unknown type 'quot'; did you mean 'quote'? use one of 'text', 'bullets', 'stat', "
            "'quote', 'picture', 'diagram', 'quiz'",
        ),
        (
            "  - type: bullets\n    items:\n      - Water: is split\n    uncited: true\n",
            "blocks[0].items[0]",
            "must be text (got a mapping of fields); put text containing ': ' in quotes: "
            '"Water: is split"',
        ),
    ],
)
def test_messages_say_how_to_fix(make_pack, block, where, message):
    found = _messages(make_pack({"intro.yaml": _section("intro", block)}))
    assert ("sections[0]." + where, message) in found, found


def test_a_misspelt_tag_is_reported_at_the_misspelt_key(make_pack):
    text = _section("intro", "  - type: text\n    text: a\n    uncited: true\n  - typ: quote\n")
    (err,) = load_pack(make_pack({"intro.yaml": text})).errors
    assert (err.line, err.col) == (9, 5)


def test_error_counts_are_worded_for_one_and_many():
    assert count(1, "error") == "1 error"
    assert count(2, "error") == "2 errors"
    assert count(0, "warning") == "0 warnings"
    assert count(1200, "section") == "1,200 sections"


# ------------------------------------------------------- one run, any mix of slips

MISTAKES = ("field", "icon", "cite", "picture", "unreadable")


def _section_text(i: int, slips: frozenset[str]) -> str:
    if "unreadable" in slips:
        return f"id: s{i}\ntitle: [never closed\n"
    title = "titel" if "field" in slips else "title"
    icon = "nosuchicon" if "icon" in slips else "sun"
    key = "nobody" if "cite" in slips else "smith2020"
    picture = "images/missing.png" if "picture" in slips else "images/ok.png"
    return (
        f"id: s{i}\n{title}: Section {i}\nsummary: s\nnotes: n\nblocks:\n"
        f"  - type: stat\n    value: 5\n    label: x\n    icon: {icon}\n"
        f"    cite: [smith2020, {key}]\n"
        f"  - type: picture\n    path: {picture}\n    alt: A picture\n"
    )


def _expected(i: int, slips: frozenset[str]) -> set[tuple[str, str]]:
    file = f"s{i}.yaml"
    if "unreadable" in slips:
        return {(file, "")}
    where = {
        "field": {f"sections[{i}].titel", f"sections[{i}].title"},
        "icon": {f"sections[{i}].blocks[0].icon"},
        "cite": {f"sections[{i}].blocks[0].cite[1]"},
        "picture": {f"sections[{i}].blocks[1].path"},
    }
    return {(file, w) for s in slips for w in where[s]}


@given(st.lists(st.frozensets(st.sampled_from(MISTAKES), max_size=3), min_size=1, max_size=5))
@settings(max_examples=25, deadline=None)
def test_every_slip_is_found_in_one_run_at_its_sections_real_index(plan):
    import tempfile

    from conftest import REFS

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "sections").mkdir()
        (root / "images").mkdir()
        Image.new("RGB", (8, 8), "green").save(root / "images" / "ok.png")
        listing = "".join(f"  - sections/s{i}.yaml\n" for i in range(len(plan)))
        (root / "pack.yaml").write_text(
            "id: p\ntitle: P\nauthor: A\naudience: B\nsections:\n" + listing
        )
        (root / "references.yaml").write_text(REFS)
        for i, slips in enumerate(plan):
            (root / "sections" / f"s{i}.yaml").write_text(_section_text(i, slips))
        r = load_pack(root)
    found = {(Path(p.file).name, p.where) for p in r.errors}
    assert found == set().union(*(_expected(i, s) for i, s in enumerate(plan)))
    assert r.warnings == []  # no false "not cited by any section"
    assert r.usable is not None
    assert [s.id for s in r.usable.sections] == [f"s{i}" for i, s in enumerate(plan) if not s]
    assert [b.index for b in r.broken] == [i for i, s in enumerate(plan) if s]
