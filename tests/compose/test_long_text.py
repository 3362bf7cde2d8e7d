"""Very long text paginates, stays on its page, and the user is told what was split."""

from __future__ import annotations

from pathlib import Path

import pytest

from infodeck.cli import main
from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.content.model import Pack

from checks import check_page

PARAGRAPH = " ".join(["Chlorophyll absorbs red and blue light, and reflects green."] * 170)[:10_000]


def _section(i: int, blocks: str) -> str:
    return (
        f"id: s{i}\ntitle: Section {i}\nsummary: Summary {i}\n"
        f"takeaway: Takeaway number {i}, short and clear\nnotes: Notes {i}\nblocks:\n{blocks}"
    )


CASES = {
    "paragraph": {"a.yaml": _section(0, f"  - type: text\n    text: {PARAGRAPH}\n    cite: [smith2020]\n")},
    "word": {"a.yaml": _section(0, f"  - type: text\n    text: A {'x' * 2000} word\n    cite: [smith2020]\n")},
    "bullets": {
        "a.yaml": _section(
            0,
            "  - type: bullets\n    items:\n"
            + "".join(f"      - Bullet point number {i}\n" for i in range(300))
            + "    cite: [smith2020]\n",
        )
    },
    "sections": {
        f"s{i}.yaml": _section(i, "  - type: stat\n    value: 5\n    label: things\n    cite: [smith2020]\n")
        for i in range(200)
    },
}


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    from conftest import REFS

    out = {}
    for name, secs in CASES.items():
        root = tmp_path_factory.mktemp(name)
        (root / "sections").mkdir()
        listing = "".join(f"  - sections/{n}\n" for n in secs)
        (root / "pack.yaml").write_text(
            f"id: long\ntitle: Long\nauthor: A\naudience: B\nsections:\n{listing}"
        )
        (root / "references.yaml").write_text(REFS)
        for n, text in secs.items():
            (root / "sections" / n).write_text(text)
        r = load_pack(root)
        assert r.pack is not None, r.errors
        out[name] = r.pack
    return out


@pytest.mark.parametrize("layout", ["deck-16x9", "deck-4x3"])
@pytest.mark.parametrize(
    ("name", "notice", "least"),
    [
        ("paragraph", "section 's0': its text did not fit one slide and continues on", 3),
        ("word", None, 2),  # broken across lines, on one slide; the lint says so
        ("bullets", "section 's0': its text did not fit one slide and continues on", 10),
        ("sections", None, 201),
    ],
)
def test_deck_paginates_and_says_so(packs, layout, name, notice, least):
    pack = packs[name]
    lay = get_layout(layout)
    doc = compose_deck(pack, [s.id for s in pack.sections], lay, get_theme("default"))
    assert len(doc.pages) >= least
    for page in doc.pages:
        check_page(page, lay.type.body_floor)
    if notice:
        (n,) = doc.notices
        assert n.startswith(notice)
    else:
        assert doc.notices == ()


def test_every_character_of_the_paragraph_is_kept(packs):
    pack = packs["paragraph"]
    doc = compose_deck(pack, ["s0"], get_layout("deck-16x9"), get_theme("default"))
    words = []
    for page in (p for p in doc.pages if p.section_id == "s0"):
        for el in page.elements:
            if getattr(el, "name", "") == "Text" and el.text is not None:  # type: ignore[union-attr]
                for par in el.text.paragraphs:  # type: ignore[union-attr]
                    words += "".join(r.text for r in par.runs).split()
    marks = {"[1]"}
    assert [w for w in words if w not in marks] == PARAGRAPH.split()


@pytest.mark.parametrize("layout", ["a4-portrait", "letter-portrait", "square-1080"])
@pytest.mark.parametrize("name", ["paragraph", "word", "bullets", "sections"])
def test_infographic_stays_on_its_pages(packs, layout, name):
    pack = packs[name]
    lay = get_layout(layout)
    doc = compose_infographic(pack, [s.id for s in pack.sections], lay, get_theme("default"))
    for page in doc.pages:
        check_page(page, lay.type.body_floor)
    if name == "sections":  # 200 sections: one page by default, the rest named
        assert len(doc.pages) == 1
        assert doc.notices[0].startswith("the infographic has no room on one page for ")
        assert "'Section 199'" not in doc.notices[0] and " more; allow more pages" in \
            doc.notices[0]


def test_a_word_longer_than_a_line_is_announced_where_it_is(packs):
    r = load_pack(packs["word"].root)
    (w,) = r.warnings
    assert (Path(w.file).name, w.line, w.col) == ("a.yaml", 8, 13)
    assert w.message == (
        "a word of 2,000 characters ('xxxxxxxxxxxxxxxxxxxx…') is longer than a line; "
        "it will be broken across lines wherever the line ends"
    )


def test_the_command_line_prints_what_was_split(packs, tmp_path, capsys):
    pack = packs["bullets"]
    assert main(["export", pack.root, "--out", str(tmp_path / "o"), "--formats", "pptx"]) == 0
    err = capsys.readouterr().err
    assert "note: section 's0': its text did not fit one slide and continues on" in err
    assert (tmp_path / "o" / "long.pptx").is_file()


def test_export_result_carries_the_notices(packs, tmp_path):
    from infodeck.export.plan import ExportRequest
    from infodeck.export.write import run_export

    pack = packs["sections"]
    result = run_export(ExportRequest(pack, tmp_path / "o", (), ("pdf",), infographic_pages=3))
    assert result.written == [Path(tmp_path / "o" / "long.pdf")]
    assert any("runs to 3 pages" in n for n in result.notices)
    assert any("no room on 3 pages for " in n for n in result.notices)
