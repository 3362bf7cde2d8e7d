"""Every word Infodeck itself puts on a page or in the notes comes from the words files.

The built-in pack is composed in a made-up language whose every entry is marked
(``⟦key⟧``); any word on a page that is neither marked nor written somewhere in the
pack is an English literal in the code, which a French class would see in English.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml

from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.content.model import Pack
from infodeck.resources import resource_path
from infodeck.scene.elements import Box, Chart, Document, Group, iter_elements

from conftest import BUILTIN

MARK = re.compile(r"⟦[a-z_]+⟧")
WORD = re.compile(r"[^\W\d_]{2,}")


@pytest.fixture(scope="module")
def marked_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("marked") / "pack"
    shutil.copytree(BUILTIN, root)
    english = yaml.safe_load(resource_path("assets", "words", "en.yaml").read_text("utf-8"))
    fields = re.compile(r"\{[a-z]+\}")
    # Fields apart: what a translation puts between them is its own (a colon, a comma).
    marked = {k: f"⟦{k}⟧ " + " · ".join(fields.findall(v)) for k, v in english.items()}
    (root / "words").mkdir()
    (root / "words" / "xx.yaml").write_text(yaml.safe_dump(marked, allow_unicode=True), "utf-8")
    pack_yaml = root / "pack.yaml"
    pack_yaml.write_text(re.sub(r"(?m)^language: .*$", "language: xx",
                                pack_yaml.read_text("utf-8")), "utf-8")
    loaded = load_pack(root)
    assert loaded.pack is not None, loaded.errors
    return loaded.pack


SPAN = re.compile(r"[^.,:;!?()\[\]{}·—–→\"“”/\n]+")  # an arrow parts items as a dash does


def _pieces(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The words of ``text`` and the pairs of words that follow each other in it."""
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for span in SPAN.findall(MARK.sub("\n", text)):
        ws = [w.lower() for w in WORD.findall(span)]
        words.update(ws)
        pairs.update(itertools.pairwise(ws))
    return words, pairs


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _content(root: Path) -> tuple[set[str], set[tuple[str, str]]]:
    """Every word, and word pair, the teacher wrote as a value in the pack."""
    texts = [s for p in root.rglob("*.yaml") if p.parent.name != "words"
             for s in _strings(yaml.safe_load(p.read_text("utf-8")))]
    return _pieces("\n".join(texts))


def _strangers(doc: Document, known: tuple[set[str], set[tuple[str, str]]]) -> set[str]:
    """Words, or pairs of words, on the pages, in the notes and in the alt text that are
    neither marked nor the teacher's (diagram descriptions included)."""
    found: set[str] = set()

    def check(text: str) -> None:
        words, pairs = _pieces(text)
        found.update(w for w in words if w not in known[0])
        found.update(" ".join(p) for p in pairs if p not in known[1])

    for page in doc.pages:
        check(page.notes)
        check(page.alt or "")
        for el in iter_elements(page.elements):
            if isinstance(el, Group | Chart):  # a diagram's description (icons: their names)
                check(el.alt)
            if isinstance(el, Box) and el.text is not None:
                for par in el.text.paragraphs:
                    check("".join(r.text for r in par.runs))
            if isinstance(el, Chart):
                for text in (*(s.name for s in el.series), *el.categories):
                    check(text)
    return found


def test_the_deck_has_no_word_of_its_own_outside_the_words_files(marked_pack: Pack) -> None:
    ids = [s.id for s in marked_pack.sections]
    doc = compose_deck(marked_pack, ids, get_layout("deck-16x9"), get_theme("default"))
    known = _content(Path(marked_pack.root))
    assert any("⟦on_this_slide⟧" in p.notes for p in doc.pages)
    assert _strangers(doc, known) == set()


def test_the_infographic_has_no_word_of_its_own_outside_the_words_files(
    marked_pack: Pack,
) -> None:
    ids = [s.id for s in marked_pack.sections]
    doc = compose_infographic(marked_pack, ids, get_layout("a4-portrait"),
                              get_theme("default"))
    known = _content(Path(marked_pack.root))
    assert _strangers(doc, known) == set()
