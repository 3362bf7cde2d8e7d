"""Which word becomes a worksheet's gap: a statistic's number, a marked term, a key word."""

from __future__ import annotations

import pytest

from infodeck.compose.materials import blanks
from infodeck.content.model import StatBlock


def stat(**kw: object) -> StatBlock:
    return StatBlock.model_validate({"type": "stat", "label": "of pupils walk to school", **kw})


def test_a_statistic_asks_for_its_number_with_its_unit() -> None:
    assert blanks.split_stat(stat(value=80, value_high=95, unit="%")) == (
        "", "80–95%", " of pupils walk to school")
    assert blanks.split_stat(stat(value=1200.5, unit="mg", prefix="up to")) == (
        "up to ", "1,200.5 mg", " of pupils walk to school")


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("Plants turn **light energy** into sugar.", "light energy"),  # the teacher's mark
        ("Only about 1 % of fresh water is in lakes.", "1 %"),  # a number with its unit
        ("Air at 30 °C holds more vapour.", "30 °C"),
        ("A 2024 study reports that bacteria matter.", "bacteria"),  # a year is not the point
        ("Chlorophyll makes leaves green.", "leaves"),  # not the first word
        ("A leaf breathes in carbon dioxide and breathes out oxygen.", "dioxide"),  # said once
        ("The gut and the brain talk to each other in both directions.", "directions"),
        ("Plants are built mostly from air and water.", "built"),  # an adverb is no key term
    ],
)
def test_a_takeaway_asks_for_its_key_term(text: str, gap: str) -> None:
    got = blanks.split_takeaway(text, "en")
    assert got is not None
    before, answer, after = got
    assert answer == gap
    assert (before + answer + after).replace("**", "") == text.replace("**", "")


def test_function_words_are_never_the_gap_however_long() -> None:
    got = blanks.split_takeaway("Cells divide throughout themselves.", "en")
    assert got is not None and got[1] == "divide"
    fr = blanks.split_takeaway("Les plantes poussent pendant toujours.", "fr")
    assert fr is not None and fr[1] == "poussent"


def test_a_word_asked_already_gives_way_to_another() -> None:
    got = blanks.split_takeaway("Brain scans link migraines with inflammation.", "en",
                                {"inflammation"})
    assert got is not None and got[1] == "migraines"


def test_a_sentence_without_a_content_word_gives_no_gap() -> None:
    assert blanks.split_takeaway("It is so.", "en") is None
