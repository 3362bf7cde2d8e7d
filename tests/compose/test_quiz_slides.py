"""Quiz slides: the question first, the answer on a click, why in the notes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme, layouts
from infodeck.content.load import load_pack
from infodeck.content.model import Pack
from infodeck.scene.elements import Box, Group, Icon, Page, iter_elements

from checks import check_page
from conftest import ROOT

MISCONCEPTIONS = ROOT / "tests" / "data" / "misconceptions"


@pytest.fixture(scope="module")
def pack() -> Pack:
    r = load_pack(MISCONCEPTIONS)
    assert r.pack is not None, r.problems
    return r.pack


def _deck(pack: Pack, layout: str = "deck-16x9") -> list[Page]:
    lay = get_layout(layout, "deck")
    return list(compose_deck(pack, [s.id for s in pack.sections], lay, get_theme("default")).pages)


def _answer(page: Page) -> Group:
    (group,) = [e for e in page.elements if isinstance(e, Group) and e.answer]
    return group


def _texts(page: Page) -> list[str]:
    return ["".join(r.text for p in e.text.paragraphs for r in p.runs)
            for e in iter_elements(page.elements) if isinstance(e, Box) and e.text]


def test_each_quiz_gets_a_slide_after_what_its_section_teaches(pack: Pack) -> None:
    titles = [p.title for p in _deck(pack)]
    assert titles == [
        "Where a plant's mass comes from",
        "True or false? Where a plant's mass comes from",
        "Quiz: Where a plant's mass comes from",
        "Quiz\u202f: La lumière et les plantes",
        "Vrai ou faux\u202f? La lumière et les plantes",
        "References",
    ]


def test_the_question_and_choices_show_the_answer_waits_for_a_click(pack: Pack) -> None:
    page = _deck(pack)[2]
    texts = _texts(page)
    assert "Which of these does a plant build its sugar from?" in texts
    choices = [t for t in texts if t[:2] in ("A)", "B)", "C)", "D)")]
    assert choices == ["A) Carbon dioxide from the air", "B) Water", "C) Minerals from the soil",
                       "D) Sunlight = matter"]
    answer = _answer(page)
    assert answer.alt == "Answer: A) Carbon dioxide from the air; B) Water"
    marks = [e for e in answer.children if isinstance(e, Box)]
    assert [m.alt for m in marks] == ["Right answer: A) Carbon dioxide from the air",
                                      "Right answer: B) Water"]
    assert all(e.reveal == 1 for e in answer.children)  # together, on the first click
    assert sum(isinstance(e, Icon) for e in answer.children) == 2  # a tick: not colour alone
    # Each mark outlines its choice's card exactly.
    cards = {e.name: e for e in page.elements if isinstance(e, Box) and e.name.startswith("Choice")}
    assert (marks[0].x, marks[0].y, marks[0].w) == (cards["Choice A"].x, cards["Choice A"].y,
                                                    cards["Choice A"].w)
    # Nothing else on the slide waits for a click, and the page's description keeps the secret.
    assert all(getattr(e, "reveal", 0) == 0 for e in page.elements if e is not answer)
    assert "Right" not in page.alt and "Carbon dioxide from the air" in page.alt


def test_the_notes_give_the_answer_and_the_explanation(pack: Pack) -> None:
    pages = _deck(pack)
    assert pages[1].notes.startswith("Answer: False.\n\nMost of a plant's dry mass is carbon")
    assert pages[2].notes.startswith("Answer: A) Carbon dioxide from the air; B) Water.\n\n6 CO2")
    assert pages[4].notes == "Réponse: Vrai."  # no explanation given: the answer alone


def test_true_false_shows_the_statement_and_both_answers(pack: Pack) -> None:
    page = _deck(pack)[1]
    assert "A tree takes most of its mass from the soil it grows in." in _texts(page)
    assert {"True", "False"} <= set(_texts(page))
    (mark,) = [e for e in _answer(page).children if isinstance(e, Box)]
    false_card = next(e for e in page.elements if isinstance(e, Box) and e.name == "False")
    assert (mark.x, mark.y) == (false_card.x, false_card.y)
    assert page.sources  # the quiz cites, so the slide has a sources line


@pytest.mark.parametrize("layout", [n for n, lay in layouts().items() if lay.kind == "deck"])
def test_quiz_slides_fit_every_deck_layout(pack: Pack, layout: str) -> None:
    lay = get_layout(layout, "deck")
    for page in _deck(pack, layout):
        check_page(page, min(lay.type.body_floor, 9))


def test_the_longest_quiz_still_fits_its_slide(make_pack) -> None:
    long = "Which of these statements about photosynthesis is right " + "and true " * 26
    choices = "".join(
        f"      - text: Choice {i} " + "with many words that run on " * 10 + "\n"
        + ("        correct: true\n" if i == 1 else "")
        for i in range(1, 7)
    )
    sec = ("id: q\ntitle: Q\nsummary: s\nnotes: n\nblocks:\n  - type: quiz\n"
           f"    kind: multiple-choice\n    question: {long.strip()}\n    choices:\n{choices}"
           "    uncited: true\n")
    r = load_pack(make_pack({"q.yaml": sec}))
    assert r.pack is not None, r.problems
    for name in ("deck-16x9", "deck-4x3"):
        slide = _deck(r.pack, name)[0]
        check_page(slide, 9)
        assert len([e for e in slide.elements if isinstance(e, Box) and e.name.startswith("Choice")]) == 6


def test_a_quiz_only_section_gets_no_empty_content_slide(make_pack) -> None:
    sec = ("id: q\ntitle: Check yourself\nsummary: s\nnotes: n\nblocks:\n  - type: quiz\n"
           "    kind: true-false\n    statement: The sky is green.\n    answer: false\n"
           "    uncited: true\n")
    r = load_pack(make_pack({"q.yaml": sec}))
    assert r.pack is not None
    assert [p.title for p in _deck(r.pack)] == ["True or false? Check yourself"]


def test_pictures_show_the_question_without_the_answer(pack: Pack) -> None:
    from infodeck.render.mpl import render_rgba

    page = _deck(pack)[2]
    without = replace(page, elements=tuple(e for e in page.elements if e is not _answer(page)))
    revealed = replace(page, elements=tuple(
        replace(e, answer=False) if isinstance(e, Group) and e.answer else e
        for e in page.elements))
    assert render_rgba(page, 40) == render_rgba(without, 40)
    assert render_rgba(revealed, 40) != render_rgba(page, 40)  # the marks are real ink


def test_the_infographic_leaves_quizzes_out(pack: Pack, tmp_path: Path) -> None:
    from infodeck.compose.infographic import compose_infographic

    info = compose_infographic(pack, [s.id for s in pack.sections], get_layout("a4-portrait"),
                               get_theme("default"))
    text = " ".join(t for p in info.pages for t in _texts(p))
    assert "Which of these does a plant build" not in text and "takes most of its mass" not in text


def test_markup_is_drawn_and_the_notes_hold_plain_words(make_pack) -> None:
    sec = ("id: q\ntitle: Q\nsummary: s\nnotes: n\nblocks:\n  - type: quiz\n"
           "    kind: multiple-choice\n    question: What does a leaf take in?\n    choices:\n"
           "      - text: '**CO~2~** from the air'\n        correct: true\n"
           "      - text: '*Only* water'\n    explanation: 'It is \\*not\\* the soil.'\n"
           "    uncited: true\n")
    r = load_pack(make_pack({"q.yaml": sec}))
    assert r.pack is not None, r.problems
    page = _deck(r.pack)[0]
    card = next(e for e in page.elements if isinstance(e, Box) and e.name == "Choice A")
    assert card.text is not None
    runs = [(r.text, r.font.bold, r.subscript) for r in card.text.paragraphs[0].runs]
    assert ("CO", True, False) in runs and ("2", True, True) in runs
    assert page.notes == "Answer: A) CO2 from the air.\n\nIt is *not* the soil."
    assert page.alt == "What does a leaf take in? (A) CO2 from the air; B) Only water)"
