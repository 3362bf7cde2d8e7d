"""Infodeck's own words come from translation files, by language, with English behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infodeck.compose.words import WordsError, languages, words
from infodeck.content.wordsfile import read_words
from infodeck.resources import resource_path


def test_english_names_every_key_and_fills_placeholders() -> None:
    say = words("en")
    assert say("part", title="Digestion", k=2, n=3) == "Digestion (2 of 3)"
    assert say("step", k=1, n=4) == "Step 1 of 4"
    assert say("sources") == "Sources"


def test_every_builtin_translation_has_every_key_with_its_placeholders() -> None:
    english = words("en").table
    for lang in languages():
        table = words(lang).table
        assert set(table) == set(english), lang
        for text in table.values():
            text.format(title="T", k=1, n=2, m=3, refs="[1]", author="A", label="L",
                        detail="D", items="I", first="F", centre="C", left="A",
                        right="B", way="W", value="V", kind="K", unit="U")  # every placeholder it uses is known
        raw = (resource_path("assets", "words") / f"{lang}.yaml").read_text(encoding="utf-8")
        assert all(f"\n{key}:" in "\n" + raw for key in english), f"{lang} misses a key"


def test_a_region_falls_back_to_its_language_then_english(tmp_path: Path) -> None:
    assert words("fr-CA")("references") == words("fr")("references")
    assert words("xx")("references") == "References"


def test_a_pack_adds_a_language_and_mistakes_are_named(tmp_path: Path) -> None:
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "it.yaml").write_text('references: "Bibliografia"\n', encoding="utf-8")
    assert words("it", str(tmp_path))("references") == "Bibliografia"
    assert words("it", str(tmp_path))("sources") == "Sources"  # not translated: English
    assert "it" in languages(str(tmp_path))
    # A pack's broken entries are the pack's problems (check lists them); composing
    # uses English for them instead of failing, and its sound entries still count.
    (tmp_path / "words" / "nl.yaml").write_text('step: "Stap {k}"\nsources: Bronnen\n',
                                                encoding="utf-8")
    assert words("nl", str(tmp_path))("step", k=1, n=2) == "Step 1 of 2"
    assert words("nl", str(tmp_path))("sources") == "Bronnen"
    problems = read_words(tmp_path / "words" / "nl.yaml", words("en").table)[1]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'words' / 'nl.yaml'}:1:7: step: must contain {{k}}, {{n}}"
    ]
    (tmp_path / "words" / "da.yaml").write_text("sourcez: x\n", encoding="utf-8")
    with pytest.raises(WordsError, match=r"1:1: sourcez: unknown key .sourcez. .did you mean"):
        raise WordsError(read_words(tmp_path / "words" / "da.yaml", words("en").table)[1])
    # An edited file is read again (the window keeps running while the teacher fixes it).
    (tmp_path / "words" / "nl.yaml").write_text('step: "Stap {k} van {n}"\n', encoding="utf-8")
    os.utime(tmp_path / "words" / "nl.yaml", ns=(1, 10**18))
    assert words("nl", str(tmp_path))("step", k=1, n=2) == "Stap 1 van 2"
