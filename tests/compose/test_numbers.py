"""Numbers in the pack's language: marks, grouping, units, and the charts' format codes."""

from __future__ import annotations

import pytest

from infodeck.compose.deck import stat_card
from infodeck.compose.diagrams import compose_diagram, describe
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.compose.numbers import format_code, number, with_unit
from infodeck.compose.words import words
from infodeck.content.model import ChartDiagram, PictogramDiagram, StatBlock
from infodeck.scene.chartaxis import format_number
from infodeck.scene.elements import Box, Chart, iter_elements

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(("lang", "decimal", "thousands", "percent"), [
    ("en", "7.5", "12,345.25", "36%"),
    ("fr", "7,5", f"12{NNBSP}345,25", f"36{NNBSP}%"),
    ("de", "7,5", "12.345,25", f"36{NBSP}%"),
    ("es", "7,5", "12.345,25", f"36{NBSP}%"),
    ("pt", "7,5", "12.345,25", "36%"),
])
def test_numbers_are_written_as_each_language_writes_them(
    lang: str, decimal: str, thousands: str, percent: str
) -> None:
    say = words(lang)
    assert number(7.5, say) == decimal
    assert number(12345.25, say) == thousands
    assert number(-3, say) == "-3" and number(0.125, say) == f"0{decimal[1]}125"
    assert with_unit(number(36, say), "%", say) == percent


def test_a_unit_is_spaced_as_a_unit_is() -> None:
    say = words("en")
    assert with_unit("5", "litres", say) == f"5{NBSP}litres"
    assert with_unit("6.1", "hPa", say) == f"6.1{NBSP}hPa"
    assert with_unit("20", "°C", say) == f"20{NBSP}°C"
    assert with_unit("45", "°", say) == "45°"
    assert with_unit("3", "×", say) == "3×"
    assert with_unit("36", "%", say) == "36%"
    assert with_unit("36", "", say) == "36"


def test_the_format_code_draws_what_the_labels_write() -> None:
    assert format_code(0, "%", words("en")) == '0"%"'
    assert format_code(1, "%", words("fr")) == f'0.0"{NNBSP}%"'
    assert format_code(1, "", words("de")) == "0.0"
    assert format_number(2.5, '0.0"%"', (",", ".")) == "2,5%"
    assert format_number(12500, "#,##0", (",", NNBSP)) == f"12{NNBSP}500"


@pytest.mark.parametrize("unit", ["litres", " litres"])
def test_a_stat_unit_keeps_its_space(unit: str) -> None:
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    block = StatBlock.model_validate({"type": "stat", "value": 5, "unit": unit,
                                      "label": "of water a day", "uncited": True})
    card = stat_card(kit, block, 0, 0, 300, {})
    assert card.text is not None
    assert card.text.paragraphs[0].runs[0].text == f"5{NBSP}litres"
    assert card.alt.startswith(f"5{NBSP}litres: ")
    percent = StatBlock.model_validate({"type": "stat", "value": 36, "unit": "%",
                                        "label": "x", "uncited": True})
    text = stat_card(kit, percent, 0, 0, 300, {}).text
    assert text is not None and text.paragraphs[0].runs[0].text == "36%"


def test_a_french_stat_card_writes_french_numbers() -> None:
    kit = Kit(get_layout("deck-16x9"), get_theme("default"), lang="fr")
    block = StatBlock.model_validate({"type": "stat", "value": 1500.5, "value_high": 2000,
                                      "unit": "km", "label": "x",
                                      "uncited": True})
    text = stat_card(kit, block, 0, 0, 400, {}).text
    assert text is not None
    assert text.paragraphs[0].runs[0].text == f"1{NNBSP}500,5–2{NNBSP}000{NBSP}km"


def test_a_french_chart_and_pictogram_write_french_numbers() -> None:
    kit = Kit(get_layout("deck-16x9"), get_theme("default"))
    chart = ChartDiagram.model_validate({
        "type": "diagram", "kind": "chart", "title": "T", "language": "fr", "uncited": True,
        "items": [{"label": "Glaciers", "value": 68.7}, {"label": "Nappes", "value": 1.2,
                                                         "value_high": 2.5}]})
    g = compose_diagram(chart, 0, 0, 600, 300, kit, ref_numbers={}, label_size=12,
                        label_floor=9)
    (c,) = g.children
    assert isinstance(c, Chart)
    assert c.labels == (f"68,7{NNBSP}%", f"1,2–2,5{NNBSP}%")
    assert c.number_format == f'0"{NNBSP}%"' and c.marks == (",", NNBSP)
    assert f"Glaciers{NNBSP}: 68,7{NNBSP}%" in describe(chart)
    picto = PictogramDiagram.model_validate({
        "type": "diagram", "kind": "pictogram", "title": "T", "label": "des adultes",
        "value": 80, "value_high": 95, "figures": 40, "uncited": True, "language": "fr"})
    g = compose_diagram(picto, 0, 0, 600, 300, kit, ref_numbers={}, label_size=12,
                        label_floor=9)
    texts = ["".join(r.text for p in e.text.paragraphs for r in p.runs)
             for e in iter_elements((g,)) if isinstance(e, Box) and e.text is not None]
    assert any(t.startswith(f"80–95{NNBSP}%") for t in texts)
    assert any("Chaque figure représente 2,5 personnes sur 100." in t for t in texts)
    assert describe(picto).startswith(f"Pictogramme{NNBSP}: 80–95{NNBSP}% des adultes")
