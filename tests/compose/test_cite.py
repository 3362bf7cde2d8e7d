"""How citations read: Vancouver/NLM references, the pack's own note for uncited claims."""

from __future__ import annotations

from typing import Any

import pytest

from infodeck.compose import cite
from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.content.model import Reference
from infodeck.scene.elements import Box, iter_elements

from conftest import BUILTIN


def ref(**kw: Any) -> Reference:
    base: dict[str, Any] = {"key": "r", "authors": "Smith J, Jones K", "title": "A study",
                            "year": 2020}
    return Reference.model_validate({**base, **kw})


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"container": "J Headache Pain", "volume": "21", "issue": "3", "pages": "12-9",
          "doi": "10.1/x"},
         "Smith J, Jones K. A study. J Headache Pain. 2020;21(3):12-9. doi:10.1/x"),
        ({"container": "Nutrients", "volume": "12", "pages": "e101"},
         "Smith J, Jones K. A study. Nutrients. 2020;12:e101."),
        ({"container": "Nutrients", "issue": "Suppl 2", "pages": "S1-5"},  # no volume
         "Smith J, Jones K. A study. Nutrients. 2020;(Suppl 2):S1-5."),
        ({"container": "Nutrients", "pages": "45-50"},  # neither volume nor issue
         "Smith J, Jones K. A study. Nutrients. 2020:45-50."),
        ({"container": "Nutrients", "volume": "12"},  # no pages
         "Smith J, Jones K. A study. Nutrients. 2020;12."),
        ({"container": "Sinauer Associates"},  # a book
         "Smith J, Jones K. A study. Sinauer Associates. 2020."),
        ({"title": "Is the gut a second brain?", "container": "Gut.", "volume": "3"},
         "Smith J, Jones K. Is the gut a second brain? Gut. 2020;3."),
        ({"authors": "Smith J.", "title": "A study.", "date": "2020 Mar 4."},
         "Smith J. A study. 2020 Mar 4."),
        # A web page with only a URL and a date (and when it was read).
        ({"authors": "National Ocean Service", "title": "How much oxygen comes from the ocean?",
          "date": "2024 Jun 16", "accessed": "2025 Jan 10",
          "url": "https://oceanservice.noaa.gov/facts/ocean-oxygen.html"},
         "National Ocean Service. How much oxygen comes from the ocean? [Internet]. "
         "2024 Jun 16 [cited 2025 Jan 10]. "
         "Available from: https://oceanservice.noaa.gov/facts/ocean-oxygen.html"),
        ({"title": "Water cycle", "url": "https://example.org/w"},
         "Smith J, Jones K. Water cycle [Internet]. 2020. Available from: https://example.org/w"),
    ],
)
def test_full_reference_follows_nlm(fields: dict[str, Any], expected: str) -> None:
    assert cite.full_ref(ref(**fields)) == expected


@pytest.mark.parametrize("fields", [
    {"title": "Why?", "container": "Brain.", "volume": "1", "pages": "1-2"},
    {"authors": "WHO.", "title": "Report!", "url": "https://who.int/x"},
    {"title": "Done.", "container": "J.", "date": "2021."},
])
def test_no_reference_doubles_its_punctuation(fields: dict[str, Any]) -> None:
    text = cite.full_ref(ref(**fields))
    for double in ("..", "?.", "!.", ".?", ";;", ",.", " .", ". ."):
        assert double not in text.replace("https://", ""), text


def test_short_reference_keeps_a_question_but_drops_a_full_stop() -> None:
    assert cite.short_ref(ref(authors="Smith J.", container="Gut.")) == "Smith J. Gut. 2020"


def _text(pages: Any) -> str:
    return " ".join(r.text for p in pages for e in iter_elements(p.elements)
                    if isinstance(e, Box) and e.text for q in e.text.paragraphs for r in q.runs)


UNCITED = """\
id: intro
title: Intro
summary: A summary.
notes: Notes.
blocks:
  - type: text
    text: Plants make sugar.
    uncited: true
  - type: text
    text: Leaves are green.
    cite: [{key}]
"""


def test_uncited_note_is_neutral_by_default_and_the_pack_s_own_when_set(make_pack) -> None:
    lay, theme = get_layout("deck-16x9"), get_theme("default")
    pack = load_pack(make_pack({"intro.yaml": UNCITED.format(key="smith2020")})).pack
    assert pack is not None
    text = _text(compose_deck(pack, ["intro"], lay, theme).pages)
    assert "[no source given]: no source given for this claim." in text
    assert "original article" not in text
    own = make_pack({"intro.yaml": UNCITED.format(key="smith2020")}, name="own",
                    pack_extra="uncited_note: my textbook gives no source for this\n")
    pack = load_pack(own).pack
    assert pack is not None
    assert "[no source given]: my textbook gives no source for this." in _text(
        compose_deck(pack, ["intro"], lay, theme).pages)


def test_the_built_in_pack_keeps_its_article_wording() -> None:
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    assert cite.uncited_note(pack) == (
        "[no source given]: the original article gives no reference for this claim.")


REFS = """\
references:
  - {key: a2020, authors: A A, title: First, container: J, year: 2020}
  - {key: b2021, authors: B B, title: Second, container: J, year: 2021}
  - {key: c2022, authors: C C, title: Third, container: J, year: 2022}
"""


def test_references_slide_lists_only_what_the_chosen_sections_cite(make_pack) -> None:
    root = make_pack({"one.yaml": UNCITED.format(key="a2020").replace("id: intro", "id: one"),
                      "two.yaml": UNCITED.format(key="c2022").replace("id: intro", "id: two")},
                     refs=REFS)
    pack = load_pack(root).pack
    assert pack is not None
    lay, theme = get_layout("deck-16x9"), get_theme("default")
    refs = [p for p in compose_deck(pack, ["two"], lay, theme).pages
            if p.title.startswith("References")]
    text = _text(refs)
    # Only the third, under the number its slide's marker uses.
    assert "[3] " in text and "C C. Third." in text
    assert "First" not in text and "Second" not in text
    both = _text(compose_deck(pack, ["one", "two"], lay, theme).pages[-1:])
    assert "First" in both and "Third" in both and "Second" not in both
    # A deck whose sections cite nothing ends without a references slide.
    none = make_pack({"n.yaml": UNCITED.format(key="a2020").replace("id: intro", "id: n")
                      .replace("    cite: [a2020]\n", "    uncited: true\n")},
                     refs=REFS, name="none")
    p3 = load_pack(none).pack
    assert p3 is not None
    assert not any(p.title.startswith("References")
                   for p in compose_deck(p3, ["n"], lay, theme).pages)
