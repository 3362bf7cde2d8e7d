"""The composers' shared builders: a teacher's markup becomes runs; words stay plain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.scene.elements import Box, Run, iter_elements


def _kit() -> Kit:
    return Kit(get_layout("deck-16x9"), get_theme("default"))


def test_marked_runs_take_the_faces_and_scripts() -> None:
    runs = _kit().marked("CO~2~ is **vital**, *so* x^2^", 20)
    assert [(r.text, r.font.bold, r.font.italic, r.subscript, r.superscript) for r in runs] == [
        ("CO", False, False, False, False),
        ("2", False, False, True, False),
        (" is ", False, False, False, False),
        ("vital", True, False, False, False),
        (", ", False, False, False, False),
        ("so", False, True, False, False),
        (" x", False, False, False, False),
        ("2", False, False, False, True),
    ]
    assert runs[3].font.file.endswith("Carlito-Bold.ttf")
    assert runs[5].font.file.endswith("Carlito-Italic.ttf")


def test_markup_adds_to_the_composer_s_style() -> None:
    kit = _kit()
    (quote,) = kit.marked("all italic", 20, italic=True)
    assert quote.font.italic
    upright = kit.marked("a *word* stands up", 20, italic=True)
    assert [r.font.italic for r in upright] == [True, False, True]  # emphasis in italic text
    both = kit.marked("***x***", 20, bold=True)
    assert both[0].font.file.endswith("Carlito-BoldItalic.ttf")
    assert kit.marked("", 20) and kit.marked("", 20)[0].text == ""


SECTION = """\
id: gas
title: The *gas* CO~2~
summary: "**Plants** need CO~2~."
notes: Say **why** CO~2~ matters; 2 \\* 3.
takeaway: "**Leaves** take in CO~2~."
blocks:
  - type: text
    text: "**Leaves** take in *carbon dioxide* (CO~2~); a literal \\\\* star."
    uncited: true
  - type: bullets
    items: ["**Light** first", "then *water*"]
    uncited: true
  - type: stat
    value: 21
    unit: "%"
    label: of air is O~2~
    uncited: true
  - type: diagram
    kind: pathway
    title: From **light** to sugar
    steps:
      - label: "**Light** absorbed"
      - label: CO~2~ fixed
    uncited: true
"""


def _runs(page) -> list[Run]:  # type: ignore[no-untyped-def]
    return [
        r
        for el in iter_elements(page.elements)
        if isinstance(el, Box) and el.text is not None
        for p in el.text.paragraphs
        for r in p.runs
    ]


def test_deck_draws_markup_and_keeps_words_plain(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack({"gas.yaml": SECTION})).pack
    assert pack is not None
    doc = compose_deck(pack, ["gas"], get_layout("deck-16x9"), get_theme("default"))
    pages = [p for p in doc.pages if p.section_id == "gas"]
    runs = [r for p in pages for r in _runs(p)]
    drawn = "".join(r.text for r in runs)
    assert "**" not in drawn and "~" not in drawn
    assert "a literal * star" in drawn  # the escaped star is a star
    bold = {r.text for r in runs if r.font.bold}
    assert {"Leaves", "Light", "light"} <= bold
    assert {r.text for r in runs if r.font.italic} >= {"carbon dioxide", "water"}
    assert any(r.subscript and r.text == "2" for r in runs)
    # the words without ink: title, notes, alt text
    assert pages[0].title.startswith("The gas CO2")
    assert "Say why CO2 matters; 2 * 3." in pages[0].notes
    alts = [getattr(el, "alt", "") for p in pages for el in p.elements]
    alts += [p.alt for p in pages if p.alt]
    assert any(alts) and all("**" not in a and "~" not in a for a in alts)


def test_infographic_draws_markup_and_keeps_words_plain(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack({"gas.yaml": SECTION})).pack
    assert pack is not None
    doc = compose_infographic(pack, ["gas"], get_layout("a4-portrait"), get_theme("default"))
    runs = [r for p in doc.pages for r in _runs(p)]
    assert "**" not in "".join(r.text for r in runs)
    assert any(r.font.bold and r.text == "Leaves" for r in runs)
    assert all("**" not in p.alt and "~" not in p.alt for p in doc.pages)


QUIZ = """\
id: q
title: Quiz
summary: s
notes: n
blocks:
  - type: quiz
    kind: multiple-choice
    question: Which gas do leaves **take in**?
    choices:
      - text: CO~2~
        correct: true
      - text: "*Only* O~2~"
    uncited: true
"""


def test_quiz_draws_markup_and_describes_plain_words(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack({"q.yaml": QUIZ})).pack
    assert pack is not None
    doc = compose_deck(pack, ["q"], get_layout("deck-16x9"), get_theme("default"))
    (page,) = [p for p in doc.pages if p.section_id == "q"]
    runs = _runs(page)
    assert any(r.font.bold and r.text == "take in" for r in runs)
    assert any(r.subscript and r.text == "2" for r in runs)
    assert "**" not in page.alt and "~" not in page.alt and "take in" in page.alt
    assert "**" not in page.notes and "CO2" in page.notes
