"""LibreOffice draws the quiz slides as composed: the same lines, the answer marks in place.

An office suite shows a slide's animated shapes when it prints or converts it (the
state after every click), so the PDF holds the outline and tick of each right answer
exactly over its card, and nothing over a wrong one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.render.pptx import write_pptx
from infodeck.scene.elements import Box, Group, Page
from render.office import convert, line_differences, tools_or_fail, words

from conftest import ROOT

pytestmark = pytest.mark.office


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Page], Path]:
    tools_or_fail()
    r = load_pack(ROOT / "tests" / "data" / "misconceptions")
    assert r.pack is not None, r.problems
    doc = compose_deck(r.pack, [s.id for s in r.pack.sections], get_layout("deck-16x9"),
                       get_theme("default"))
    out = tmp_path_factory.mktemp("office-quiz")
    write_pptx(doc, out / "quiz.pptx")
    return list(doc.pages), convert(out / "quiz.pptx", out)


def test_quiz_text_breaks_where_ours_does(converted: tuple[list[Page], Path]) -> None:
    pages, pdf = converted
    assert line_differences(pages, words(pdf)) == []


def test_the_answer_marks_stand_over_the_right_cards(converted: tuple[list[Page], Path]) -> None:
    pages, pdf = converted
    n = 3  # Quiz: A and B right, C and D wrong
    page = pages[n - 1]
    png = pdf.parent / "slide"
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", str(n), "-l", str(n), "-singlefile",
                    str(pdf), str(png)], check=True, timeout=120)
    im = Image.open(f"{png}.png").convert("RGB")
    sx, sy = im.width / page.width, im.height / page.height
    cards = {e.name: e for e in page.elements if isinstance(e, Box) and e.name.startswith("Choice")}
    accent = (0x0B, 0x6E, 0x79)

    def top_edge(card: Box) -> tuple[int, int, int]:
        """The darkest pixel across the card's top edge, at its middle (the outline, if any)."""
        x = int((card.x + card.w / 2) * sx)
        column = [im.getpixel((x, int(card.y * sy) + dy)) for dy in range(-2, 3)]
        return min(column, key=sum)  # type: ignore[arg-type, return-value]

    def near(c: tuple[int, int, int], d: tuple[int, int, int]) -> bool:
        return all(abs(a - b) <= 40 for a, b in zip(c, d, strict=True))

    assert near(top_edge(cards["Choice A"]), accent) and near(top_edge(cards["Choice B"]), accent)
    assert not near(top_edge(cards["Choice C"]), accent)
    assert not near(top_edge(cards["Choice D"]), accent)
    (answer,) = [e for e in page.elements if isinstance(e, Group) and e.answer]
    assert len(answer.children) == 4  # two outlines and two ticks
