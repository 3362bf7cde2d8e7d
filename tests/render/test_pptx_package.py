"""Every deck the project writes passes a structural check of its package.

Run over the built-in deck, the photosynthesis test pack and a pack of hostile
text (pasted control characters, escapes that make surrogates, markup-like and
TeX-like characters, every script, very long text).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.export.plan import ExportRequest
from infodeck.export.write import run_export
from render.package_check import NS, check_package

from conftest import BUILTIN, ROOT

PHOTOSYNTHESIS = ROOT / "tests" / "data" / "photosynthesis"
LITERAL = r"Costs $5 & 10% off <b>x</b> C:\temp \n {x} _x000B_-like"
LITERAL = LITERAL.replace("_x000B_-like", "end")  # a literal _xHHHH_ is not ours to keep


def write_hostile_pack(root: Path) -> Path:
    """A pack of text pasted from anywhere."""
    (root / "sections").mkdir(parents=True)
    (root / "pack.yaml").write_text(
        "id: hostile\n"
        "title: 'Tom & Jerry <3 $100 % \\ done'\n"
        "subtitle: \"Tab\\tand\\vvertical tab\"\n"
        "author: \"Null\\0 author\"\n"
        "audience: Everyone — 中文 العربية עברית 😀\n"
        "sections:\n  - sections/a.yaml\n  - sections/b.yaml\n",
        encoding="utf-8",
    )
    (root / "references.yaml").write_text(
        "references:\n"
        "  - key: ref-1\n"
        "    authors: O'Brien & <Smith>\n"
        "    title: \"Lone \\ud800 surrogate and \\uFFFE non-character\"\n"
        "    year: 2020\n"
        "    url: https://example.com/?a=1&b=<2>\n",
        encoding="utf-8",
    )
    long_para = " ".join(["Photosynthesis turns light into sugar;"] * 260)  # ~10,000 chars
    (root / "sections" / "a.yaml").write_text(
        "id: a\n"
        f"title: '{LITERAL}'\n"
        "summary: \"Form\\ffeed and bell\\a here\"\n"
        "notes: \"Notes with \\v vertical tab, & ampersand, <tags> and \\x1b escape\"\n"
        "blocks:\n"
        f"  - type: text\n    text: '{LITERAL}'\n    cite: [ref-1]\n"
        "  - type: bullets\n    items:\n"
        "      - 'Ελληνικά, Русский, Français: déjà vu'\n"
        "      - 光合作用 and مرحبا and שלום and 🌿\n"
        "      - \"x\\u0301 combining, \\u200d joiner, \\ue000 private use\"\n"
        f"      - {'w' * 2000}\n"
        "    uncited: true\n"
        f"  - type: text\n    text: {long_para}\n    uncited: true\n"
        "  - type: stat\n    value: 1e3\n    unit: '<&>'\n    label: 'Label with $ and % and \\\\'\n"
        "    uncited: true\n",
        encoding="utf-8",
    )
    (root / "sections" / "b.yaml").write_text(
        "id: b\n"
        "title: Diagrams <&>\n"
        "summary: s\n"
        "notes: n\n"
        "blocks:\n"
        "  - type: diagram\n    kind: chart\n    title: 'Chart <&> $%'\n    unit: '$'\n"
        "    items:\n"
        "      - {label: 'A & <B>', value: 1.5, uncited: true}\n"
        "      - {label: \"Tab\\there \\v\", value: 2, value_high: 3, uncited: true}\n"
        "  - type: diagram\n    kind: pathway\n    title: 'Path $1 & 2% <x>'\n    steps:\n"
        "      - {label: 'a < b'}\n      - {label: 'c & d', highlight: true}\n"
        "      - {label: '\\\\ backslash'}\n"
        "    uncited: true\n",
        encoding="utf-8",
    )
    return root


def _export(pack_dir: Path, out: Path) -> tuple[Path, int]:
    r = load_pack(pack_dir)
    assert r.pack is not None, "\n".join(map(str, r.errors))
    ids = [s.id for s in r.pack.sections]
    result = run_export(ExportRequest(r.pack, out, tuple(ids), ("pptx",)))
    (deck,) = result.written
    pages = compose_deck(r.pack, ids, get_layout("deck-16x9"), get_theme("default")).pages
    return deck, len(pages)


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    tmp = tmp_path_factory.mktemp("decks")
    hostile = write_hostile_pack(tmp / "hostile")
    return {
        "builtin": _export(BUILTIN, tmp / "builtin"),
        "photosynthesis": _export(PHOTOSYNTHESIS, tmp / "photosynthesis"),
        "hostile": _export(hostile, tmp / "hostile-out"),
    }


@pytest.mark.parametrize("name", ["builtin", "photosynthesis", "hostile"])
def test_package_is_sound(decks, name):
    deck, n = decks[name]
    assert check_package(deck, slides=n) == []
    assert len(Presentation(str(deck)).slides) == n


def _all_text(deck: Path) -> str:
    out = []
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if name.endswith(".xml") and (
                "slides/slide" in name or "notesSlides/" in name or "charts/" in name
            ):
                root = etree.fromstring(z.read(name))
                out += [t.text or "" for t in root.iterfind(".//a:t", NS)]
                out += [v.text or "" for v in root.iterfind(".//c:v", NS)]
    return "\n".join(out)


def test_hostile_text_is_literal_and_clean(decks):
    text = _all_text(decks["hostile"][0])
    assert LITERAL in text  # $ % \ < & as written, not markup, not maths
    assert "A & <B>" in text and "Tab here" in text  # chart categories too
    assert "光合作用" in text and "مرحبا" in text and "שלום" in text and "🌿" in text
    assert "Notes with  vertical tab, & ampersand, <tags> and  escape" in text
    for bad in ("\x00", "\x07", "\x0b", "\x0c", "\x1b", "\ufffe"):
        assert bad not in text
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_hostile_pack_warns_once_per_value_with_positions(tmp_path):
    r = load_pack(write_hostile_pack(tmp_path / "h"))
    assert r.pack is not None
    removed = [w for w in r.warnings if "removed characters" in w.message]
    assert {(Path(w.file).name, w.line, w.where) for w in removed} == {
        ("pack.yaml", 3, "subtitle"),
        ("pack.yaml", 4, "author"),
        ("references.yaml", 4, "references[0].title"),
        ("a.yaml", 3, "sections[0].summary"),
        ("a.yaml", 4, "sections[0].notes"),
        ("b.yaml", 12, "sections[1].blocks[0].items[1].label"),
    }
    glyphs = [w for w in r.warnings if "no bundled font can draw" in w.message]
    # CJK, Arabic, Hebrew, emoji and x + combining acute have fonts; private use has none.
    assert {(Path(w.file).name, w.line, w.col) for w in glyphs} == {("a.yaml", 13, 9)}


def test_core_properties_are_clean(decks):
    prs = Presentation(str(decks["hostile"][0]))
    assert prs.core_properties.title == "Tom & Jerry <3 $100 % \\ done"
    assert prs.core_properties.author == "Null author"


def test_the_check_catches_broken_packages(decks, tmp_path):
    """The checker itself: a missing part, an empty text body and a part without type."""
    src = decks["photosynthesis"][0]
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "ppt/slides/slide2.xml":
                continue  # a relationship now points at nothing
            if item.filename == "ppt/slides/slide1.xml":
                root = etree.fromstring(data)
                body = root.find(".//p:txBody", NS)
                for p in body.findall("a:p", NS):
                    body.remove(p)
                data = etree.tostring(root)
            zout.writestr(item, data)
        zout.writestr("ppt/stray.qqq", b"x")
    problems = "\n".join(check_package(broken))
    assert "points at missing ppt/slides/slide2.xml" in problems
    assert "ppt/slides/slide1.xml: a p:txBody without a paragraph" in problems
    assert "ppt/stray.qqq: no content type" in problems
    assert "override for a missing part ppt/slides/slide2.xml" in problems


def test_svg_keeps_special_characters_literal(tmp_path):
    """SVG is XML: the diagram's title and description are escaped, not markup."""
    r = load_pack(write_hostile_pack(tmp_path / "h"))
    assert r.pack is not None
    result = run_export(ExportRequest(r.pack, tmp_path / "out", ("b",), ("svg",)))
    svgs = sorted(p for p in result.written if p.suffix == ".svg")
    assert [p.name for p in svgs] == ["b-1.svg", "b-2.svg"]
    for svg in svgs:
        root = etree.fromstring(svg.read_bytes())  # well-formed, or this raises
        assert root.tag.endswith("svg")
    meta = etree.tostring(etree.fromstring(svgs[0].read_bytes()), encoding="unicode")
    assert "Chart &lt;&amp;&gt; $%" in meta


@pytest.mark.office
@pytest.mark.parametrize("name", ["photosynthesis", "hostile"])
def test_libreoffice_opens_every_slide(decks, name, tmp_path):
    """One PDF page per slide: LibreOffice reads the whole package, hostile text included."""
    import re
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed for this test; CI installs it"
    deck, n = decks[name]
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    pdf = tmp_path / (deck.stem + ".pdf")
    data = pdf.read_bytes()
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    else:
        pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages == n
