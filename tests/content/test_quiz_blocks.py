"""Quiz blocks: what a teacher writes, and every mistake named with file, line and column."""

from __future__ import annotations

import pytest

from infodeck.content.load import load_pack
from infodeck.content.model import ChoiceQuiz, TrueFalseQuiz

from conftest import SECTION

CHOICE = """\
  - type: quiz
    kind: multiple-choice
    question: Where does the oxygen plants release come from?
    choices:
      - text: Water
        correct: true
      - text: Carbon dioxide
      - text: The soil
    explanation: Light splits water.
    cite: [smith2020]
"""

TRUE_FALSE = """\
  - type: quiz
    kind: true-false
    statement: Plants get their mass from the soil.
    answer: false
    explanation: Most of it is carbon from the air.
    cite: [smith2020]
"""


def test_both_kinds_load_with_their_citations(make_pack):
    r = load_pack(make_pack({"intro.yaml": SECTION + CHOICE + TRUE_FALSE}))
    assert r.problems == [] and r.pack is not None
    _, mc, tf = r.pack.sections[0].blocks
    assert isinstance(mc, ChoiceQuiz) and isinstance(tf, TrueFalseQuiz)
    assert [c.correct for c in mc.choices] == [True, False, False]
    assert tf.answer is False and tf.cite == ["smith2020"]
    index, doc = r.pack.places["intro"]  # where the quiz is written, for exports that refuse it
    assert index == 0 and doc.pos(("blocks", 1, "question")) == (11, 15)


def test_several_right_choices_are_allowed(make_pack):
    sec = SECTION + CHOICE.replace("      - text: The soil\n",
                                   "      - text: The soil\n        correct: true\n")
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.problems == []


def test_an_unknown_citation_in_a_quiz_is_an_error(make_pack):
    (err,) = load_pack(make_pack({"intro.yaml": SECTION + TRUE_FALSE.replace(
        "cite: [smith2020]", "cite: [nobody2020]")})).errors
    assert err.where == "sections[0].blocks[1].cite[0]" and "nobody2020" in err.message


@pytest.mark.parametrize(
    ("old", "new", "where", "pos", "message"),
    [
        (
            "        correct: true\n", "",
            "blocks[1].choices", (13, 7),
            "none is marked correct; add 'correct: true' to the right answer (or answers)",
        ),
        (
            "      - text: Carbon dioxide\n      - text: The soil\n",
            "      - text: Carbon dioxide\n        correct: true\n"
            "      - text: The soil\n        correct: true\n",
            "blocks[1].choices", (13, 7),
            "every choice is marked correct; a question needs at least one wrong answer to "
            "choose against",
        ),
        (
            "      - text: The soil\n", "      - text: '  water '\n",
            "blocks[1].choices[2]", (16, 9),
            "'water' is the same as choice 1; give each choice its own answer",
        ),
        (
            "      - text: The soil\n", "      - text: ''\n",
            "blocks[1].choices[2].text", (16, 15), "must not be empty",
        ),
        (
            "      - text: Carbon dioxide\n      - text: The soil\n", "",
            "blocks[1].choices", (13, 7), "needs at least 2 item(s)",
        ),
        (
            "    question: Where does the oxygen plants release come from?\n",
            "    question: '   '\n",
            "blocks[1].question", (11, 15), "must not be empty",
        ),
        (
            "    question: Where does the oxygen plants release come from?\n",
            "    question:\n",
            "blocks[1].question", (11, 14),
            "must not be empty; write the text after the colon",
        ),
    ],
)
def test_multiple_choice_mistakes(make_pack, old, new, where, pos, message):
    quiz = CHOICE.replace(old, new)
    assert quiz != CHOICE
    root = make_pack({"intro.yaml": SECTION + quiz})
    r = load_pack(root)
    (err,) = r.errors
    assert err.where == f"sections[0].{where}"
    assert (err.line, err.col) == pos
    assert err.message == message
    assert r.pack is None


def test_seven_choices_are_too_many_for_a_slide(make_pack):
    many = "".join(f"      - text: Answer {i}\n" for i in range(4, 8))
    sec = SECTION + CHOICE.replace("      - text: The soil\n", "      - text: The soil\n" + many)
    (err,) = load_pack(make_pack({"intro.yaml": sec})).errors
    assert err.where == "sections[0].blocks[1].choices" and err.message == "too many items: at most 6"


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("    statement: Plants get their mass from the soil.\n", "    statement: ''\n",
         "blocks[1].statement", "must not be empty"),
        ("    answer: false\n", "    answer: perhaps\n",
         "blocks[1].answer", "must be true or false (got 'perhaps')"),
        ("    answer: false\n", "", "blocks[1].answer", "required; add it"),
        ("    kind: true-false\n", "",
         "blocks[1]", "needs a 'kind' field (multiple-choice, true-false); add one, e.g. "
         "kind: true-false"),
        ("    kind: true-false\n", "    kind: true-flase\n",
         "blocks[1].kind", "unknown kind 'true-flase'; did you mean 'true-false'? use one of "
         "'multiple-choice', 'true-false'"),
    ],
)
def test_true_false_mistakes(make_pack, old, new, where, message):
    r = load_pack(make_pack({"intro.yaml": SECTION + TRUE_FALSE.replace(old, new)}))
    (err,) = r.errors
    assert err.where == f"sections[0].{where}" and err.message == message
    assert err.line is not None and err.col is not None


def test_check_exits_2_naming_the_place(make_pack, capsys):
    from infodeck.cli import main

    root = make_pack({"intro.yaml": SECTION + CHOICE.replace("        correct: true\n", "")})
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr()
    assert "intro.yaml:13:7: sections[0].blocks[1].choices: none is marked correct" in (
        err.out + err.err
    )
