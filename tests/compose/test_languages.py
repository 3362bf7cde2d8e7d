"""Languages: runs carry their text's language; Infodeck's own words follow it."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.render.pptx import write_pptx
from infodeck.scene.elements import Box, iter_elements

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

FRENCH = """\
id: fr
title: La photosynthèse
summary: s
notes: n
blocks:
  - type: text
    text: Les plantes fabriquent du sucre.
    cite: [smith2020]
  - type: text
    language: es
    text: Las plantas hacen azúcar.
    uncited: true
  - type: bullets
    items: [مرحبا بالعالم, 光合作用, 光合成はとても大切です, 안녕하세요]
    uncited: true
"""
GERMAN = """\
id: de
title: Fotosynthese
summary: s
notes: n
language: de
blocks:
  - type: stat
    value: 80
    unit: "%"
    label: des Sauerstoffs
    cite: [smith2020]
  - type: text
    text: {long}
    uncited: true
"""


def _pack(make_pack):  # type: ignore[no-untyped-def]
    long = " ".join(["Pflanzen machen aus Licht Zucker."] * 120)
    root = make_pack(
        {"fr.yaml": FRENCH, "de.yaml": GERMAN.format(long=long)}, pack_extra="language: fr\n"
    )
    loaded = load_pack(root)
    assert loaded.pack is not None, loaded.errors
    return loaded.pack


def test_runs_carry_the_language_of_pack_section_and_block(make_pack, tmp_path: Path) -> None:
    pack = _pack(make_pack)
    doc = compose_deck(pack, ["fr", "de"], get_layout("deck-16x9"), get_theme("default"))
    path = tmp_path / "d.pptx"
    write_pptx(doc, path)
    prs = Presentation(str(path))
    langs: dict[str, str] = {}
    for slide in prs.slides:
        for r in slide._element.iter(f"{A}r"):
            text = "".join(t.text or "" for t in r.iter(f"{A}t"))
            langs[text.strip()] = r.find(f"{A}rPr").get("lang")
    assert langs["Les plantes fabriquent du sucre."] == "fr"
    assert langs["Las plantas hacen azúcar."] == "es"
    assert langs["مرحبا بالعالم"] == "ar"
    assert langs["光合作用"] == "zh"
    assert langs["光合成はとても大切です"] == "ja"
    assert langs["안녕하세요"] == "ko"
    assert any(k.startswith("Fotosynthese (1 von ") and v == "de" for k, v in langs.items())
    assert langs["des Sauerstoffs"] == "de"


def test_infodecks_words_follow_the_language(make_pack) -> None:
    pack = _pack(make_pack)
    doc = compose_deck(pack, ["fr", "de"], get_layout("deck-16x9"), get_theme("default"))
    texts = [
        "".join(r.text for p in el.text.paragraphs for r in p.runs)
        for page in doc.pages
        for el in iter_elements(page.elements)
        if isinstance(el, Box) and el.text is not None
    ]
    joined = "\n".join(texts)
    assert "Sources: [1]" in joined  # French slide: "Sources" is French too
    assert "[source non indiquée]" in joined
    assert "Quelle [1]" in joined  # the German section's stat card
    assert any(t.startswith("Fotosynthese (2 von") for t in (p.title for p in doc.pages))
    assert "Références" in [p.title for p in doc.pages]
