"""A run's language: declared, or detected from the script of its letters."""

from __future__ import annotations

import pytest

from infodeck.scene.language import language_of


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("Photosynthese ist wichtig", "de", "de"),
        ("مرحبا بالعالم", "en", "ar"),
        ("سلام دنیا", "fa", "fa"),  # Persian stays Persian
        ("שלום עולם", "fr", "he"),
        ("光合作用", "en", "zh"),
        ("光合作用", "zh-TW", "zh-TW"),
        ("光合成はとても大切です", "en", "ja"),  # kanji with kana
        ("漢字", "ja", "ja"),
        ("안녕하세요", "en", "ko"),
        ("The word 光 in English", "en", "en"),  # mostly Latin letters
        ("123 — 45 %", "fr", "fr"),  # no letters
    ],
)
def test_language_of(text: str, declared: str, expected: str) -> None:
    assert language_of(text, declared) == expected
