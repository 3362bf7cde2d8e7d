"""Markdown notes become packs that pass `infodeck check`; the report says what became what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image as PILImage

from infodeck.cli import main
from infodeck.content.importers.outline import ImportRefused
from infodeck.content.importers.run import import_document
from infodeck.content.load import load_pack


def _write(tmp_path: Path, text: str, name: str = "notes.md") -> Path:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    path = src / name
    path.write_text(text, encoding="utf-8")
    return path


def _picture(path: Path, colour: str = "green") -> None:
    PILImage.new("RGB", (40, 30), colour).save(path)


def _sections(pack: Path) -> list[dict[str, Any]]:
    meta = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))
    return [yaml.safe_load((pack / rel).read_text(encoding="utf-8")) for rel in meta["sections"]]


def _valid(pack: Path) -> Any:
    result = load_pack(pack)
    assert result.pack is not None, [str(p) for p in result.problems]
    assert not result.errors
    return result.pack


NOTES = """\
# Photosynthesis

## Light

Plants take in CO<sub>2</sub> and **water**, “in the light”.[^1]

1. Light is absorbed
2. Water is split
   - oxygen is released
3. Sugar is made

- Leaves
  - stomata
- Roots

> The sun is the source — A. Gardener

| Region | Share (%) |
|---|---|
| Ice caps | 68.7 |
| Groundwater | 30.1 |

### Where it happens

In the chloroplasts.

Source: Smith J. Water facts. Nature. 2020.

## Pictures

![A green leaf](leaf.png)

![](nolabel.png)

[^1]: Taiz L, Zeiger E. Plant physiology. Sinauer Associates. 2015.
"""


def test_rules(tmp_path: Path) -> None:
    src = _write(tmp_path, NOTES)
    _picture(src.parent / "leaf.png")
    _picture(src.parent / "nolabel.png", "red")
    out = tmp_path / "pack"
    report = import_document(src, out)
    pack = _valid(out)
    assert pack.meta.title == "Photosynthesis"
    title, light, pics = _sections(out)
    assert title["kind"] == "title"
    blocks = light["blocks"]
    assert blocks[0]["type"] == "text"
    assert blocks[0]["text"] == "Plants take in CO~2~ and **water**, “in the light”."
    assert blocks[0]["cite"] == ["taiz2015"]
    assert blocks[1]["kind"] == "pathway"
    assert [s["label"] for s in blocks[1]["steps"]] == [
        "Light is absorbed", "Water is split", "Sugar is made"]
    assert blocks[1]["steps"][1]["detail"] == "oxygen is released"
    assert blocks[2] == {"type": "bullets", "items": ["Leaves", "– stomata", "Roots"],
                         "cite": ["smith2020"]}
    assert blocks[3]["type"] == "quote" and blocks[3]["attribution"] == "A. Gardener"
    assert blocks[4]["kind"] == "chart" and blocks[4]["unit"] == "%"
    assert blocks[4]["title"] == "Light"  # "Share (%)" alone says too little
    assert [i["value"] for i in blocks[4]["items"]] == [68.7, 30.1]
    assert blocks[5]["text"] == "**Where it happens.** In the chloroplasts."  # bold lead-in
    assert blocks[5]["cite"] == ["smith2020"]
    refs = {r.key: r for r in pack.references}
    assert refs["taiz2015"].year == 2015 and refs["smith2020"].title == "Water facts"
    assert pics["blocks"] == [{"type": "picture", "path": "images/leaf.png", "alt": "A green leaf"}]
    text = report.text()
    assert "picture 'nolabel.png' → it has no alt text" in text
    assert not report.formatting_lost  # bold, subscripts and headings all kept
    assert "heading 'Where it happens' → bold lead-in of the next text" in text
    assert "numbered list of 3 items → pathway steps" in text


def test_no_headings_is_one_section(tmp_path: Path) -> None:
    src = _write(tmp_path, "Just a paragraph.\n\nAnother one.\n", "my_lesson.md")
    import_document(src, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.meta.title == "My lesson"
    assert len(pack.sections) == 2  # the title slide and one section
    assert [b.text for b in pack.sections[1].blocks] == ["Just a paragraph.", "Another one."]


def test_headings_only(tmp_path: Path) -> None:
    src = _write(tmp_path, "# One\n\n# Two\n\n# Three\n")
    import_document(src, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert [s.title for s in pack.sections[1:]] == ["One", "Two", "Three"]


def test_long_numbered_list_is_bullets_and_text_table(tmp_path: Path) -> None:
    items = "".join(f"{i}. step {i}\n" for i in range(1, 15))
    table = "| Name | Colour |\n|---|---|\n| leaf | green |\n| sky | blue |\n"
    src = _write(tmp_path, f"# A\n\n{items}\n{table}")
    report = import_document(src, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    kinds = [b.type for b in pack.sections[1].blocks]
    assert kinds == ["bullets", "bullets"]
    assert pack.sections[1].blocks[1].items == [
        "Name: leaf; Colour: green", "Name: sky; Colour: blue"]
    assert any("'green' in the row 'leaf' is not a number" in e.became for e in report.attention)


def test_citation_without_reference_and_language(tmp_path: Path) -> None:
    src = _write(tmp_path, "---\ntitle: Die Zelle\nlang: de\n---\n\n# Zellen\n\nText.[^x]\n")
    report = import_document(src, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.meta.language == "de" and pack.meta.title == "Die Zelle"
    assert pack.sections[1].blocks[0].text == "Text."
    assert any(e.what == "citation [x]" for e in report.attention)


def test_right_to_left_and_unicode_kept(tmp_path: Path) -> None:
    text = "# مرحبا\n\nالنبات يصنع الغذاء.\n\n# B\n\n10\u00a0km — ‘quoted’ H<sup>2</sup>\n"
    src = _write(tmp_path, text)
    import_document(src, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.sections[1].title == "مرحبا"
    assert pack.sections[1].blocks[0].text == "النبات يصنع الغذاء."
    # the file keeps the no-break space (the loader draws it as a space, as the README says)
    assert _sections(tmp_path / "pack")[2]["blocks"][0]["text"] == "10\u00a0km — ‘quoted’ H^2^"


@pytest.mark.parametrize("src", ["../outside.png", "/etc/passwd.png"])
def test_picture_outside_folder_refused(tmp_path: Path, src: str) -> None:
    _picture(tmp_path / "outside.png")
    path = _write(tmp_path, f"# A\n\n![x]({src})\n")
    with pytest.raises(ImportRefused, match="outside the document's folder"):
        import_document(path, tmp_path / "pack")
    assert not (tmp_path / "pack").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside.png", "src"]


def test_existing_folder_needs_force_and_is_kept(tmp_path: Path, capsys: Any) -> None:
    src = _write(tmp_path, "# A\n\nText.\n")
    out = tmp_path / "pack"
    assert main(["import", str(src), "--out", str(out)]) == 0
    edited = out / "sections" / "a.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(src), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert "# my edit" in edited.read_text(encoding="utf-8")
    assert main(["import", str(src), "--out", str(out), "--force"]) == 0
    printed = capsys.readouterr().out
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("pack.before-import-")]
    assert len(kept) == 1 and str(kept[0]) in printed
    assert "# my edit" in (kept[0] / "sections" / "a.yaml").read_text(encoding="utf-8")
    _valid(out)


def test_bad_input_exit_2_nothing_written(tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "notes.md"
    bad.write_bytes(b"# Title\n\n\xff\xfe broken\n")
    assert main(["import", str(bad), "--out", str(tmp_path / "p")]) == 2
    assert "notes.md:3: the file is not UTF-8" in capsys.readouterr().err
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF-1.4")
    assert main(["import", str(other), "--out", str(tmp_path / "p")]) == 2
    assert "not '.pdf'" in capsys.readouterr().err
    huge = tmp_path / "huge.md"
    with huge.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)
    assert main(["import", str(huge), "--out", str(tmp_path / "p")]) == 2
    assert "huge.md: the file is larger than 50 MB" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_exports(tmp_path: Path) -> None:
    src = _write(tmp_path, NOTES)
    _picture(src.parent / "leaf.png")
    import_document(src, tmp_path / "pack")
    out = tmp_path / "out"
    assert main(["export", str(tmp_path / "pack"), "--out", str(out), "--formats", "pptx"]) == 0
    assert (out / "pack.pptx").stat().st_size > 0


def test_empty_document_refused_and_intro_section(tmp_path: Path, capsys: Any) -> None:
    empty = _write(tmp_path, "", "empty.md")
    assert main(["import", str(empty), "--out", str(tmp_path / "p")]) == 2
    assert "the document is empty" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()
    src = _write(tmp_path, "# Water\n\nBefore any section.\n\n## Rain\n\nIt falls.\n\n"
                 "Source: U.S. Geological Survey. Where is Earth's water? USGS. 2019.\n")
    report = import_document(src, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert [s.title for s in pack.sections[1:]] == ["Water", "Rain"]
    assert "text without a heading above it → section sections/water.yaml" in report.text()
    assert [r.key for r in pack.references] == ["geological2019"]
    assert pack.references[0].authors == "U.S. Geological Survey"
    assert pack.sections[2].blocks[0].cite == ["geological2019"]


def test_source_without_year_or_parts(tmp_path: Path) -> None:
    src = _write(tmp_path, "# A\n\nRain falls.\n\nSource: my teacher\n\n# B\n\nSnow.\n\n"
                 "Source: NOAA 2024\n")
    report = import_document(src, tmp_path / "pack")
    pack = _valid(tmp_path / "pack")
    assert pack.sections[1].blocks[0].cite == []
    assert [(r.key, r.authors, r.year) for r in pack.references] == [("noaa2024", "NOAA", 2024)]
    needs = {e.what: e.became for e in report.attention}
    assert "has no year" in needs["source 'my teacher'"]
    assert "check them" in needs["reference noaa2024"]


FAITHFUL = """\
# Faithful text

## Gases

Leaves take in CO<sub>2</sub>, H~2~O and **light**; *E* = mc<sup>2</sup>, ***both***.
A star: 2 \\* 3 and `a*b`, 10\u00a0km, “smart” quotes, עִברִית, 光合作用.

### Deeper *heading*

- **Bold** item
- ~~struck~~ item
"""


def test_faithful_text_markup(tmp_path: Path) -> None:
    """Bold, italic, sub/superscripts become pack markup; stars, nbsp and Unicode stay."""
    src = _write(tmp_path, FAITHFUL)
    out = tmp_path / "pack"
    report = import_document(src, out)
    pack = _valid(out)
    blocks = pack.sections[1].blocks
    assert blocks[0].text == (
        "Leaves take in CO~2~, H~2~O and **light**; *E* = mc^2^, ***both***. A star: 2 * 3 "
        "and a*b, 10\u00a0km, “smart” quotes, עִברִית, 光合作用."
    )
    from infodeck.scene.markup import parse, plain

    assert plain(blocks[0].text).startswith("Leaves take in CO2, H2O and light; E = mc2, both.")
    assert "2 * 3 and a*b, 10\u00a0km" in plain(blocks[0].text)
    assert [s.script for s in parse(blocks[0].text) if s.text == "2"] == ["sub", "sub", "super"]
    # a heading deeper than the section, before a list: bold text of its own
    assert [b.type for b in blocks] == ["text", "text", "bullets"]
    assert blocks[1].text == "**Deeper** ***heading***"  # its own italic kept, all bold
    assert blocks[2].items[0] == "**Bold** item"
    assert "line 10" in ", ".join(report.formatting_lost)  # strikethrough has no markup
    # the file says what the teacher would type
    raw = (out / "sections" / "gases.yaml").read_text("utf-8")
    assert "CO~2~, H~2~O and **light**" in raw
