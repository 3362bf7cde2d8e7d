"""Font fallback and text direction: which bundled font draws what, and how it is measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from infodeck.scene import fonts, text
from infodeck.scene.elements import Font, Paragraph, Run

from conftest import ROOT

FONTS = ROOT / "assets" / "fonts"
REGULAR = str(FONTS / "Carlito-Regular.ttf")
BOLD = str(FONTS / "Carlito-Bold.ttf")


def test_every_font_of_the_chain_is_bundled_with_its_licence() -> None:
    for path in (*fonts.chain(REGULAR), *fonts.chain(BOLD)):
        assert Path(path).is_file(), path
    licences = {p.name for p in FONTS.glob("*-LICENSE.txt")}
    assert licences == {
        "Carlito-LICENSE.txt",
        "Noto-LICENSE.txt",
        "DroidSansFallback-LICENSE.txt",
        "Symbola-LICENSE.txt",
        "Caladea-LICENSE.txt",
        "Liberation-LICENSE.txt",
    }
    total = sum(p.stat().st_size for p in FONTS.iterdir())
    assert total < 20e6  # modest: the wheel and the bundle carry them all


def test_bold_falls_back_to_bold_where_there_is_one() -> None:
    names = [Path(p).name for p in fonts.chain(BOLD)]
    assert names[:3] == ["Carlito-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf"]
    assert names[-1] == "Symbola.ttf"


@pytest.mark.parametrize(
    ("ch", "font"),
    [
        ("é", "Carlito-Regular.ttf"),
        ("λ", "Carlito-Regular.ttf"),
        ("ж", "Carlito-Regular.ttf"),
        ("م", "NotoSansArabic-Regular.ttf"),
        ("ש", "NotoSansHebrew-Regular.ttf"),
        ("光", "DroidSansFallbackFull.ttf"),
        ("か", "DroidSansFallbackFull.ttf"),
        ("한", "NotoSansCJKkr-Hangul.otf"),
        ("🌿", "Symbola.ttf"),
        ("\u0301", "Symbola.ttf"),
    ],
)
def test_each_character_goes_to_the_first_font_that_has_it(ch: str, font: str) -> None:
    found = fonts.font_for(ch, REGULAR)
    assert found is not None and Path(found).name == font


def test_only_characters_no_font_has_are_undrawable() -> None:
    sample = "Café λ ж مرحبا שלום 光 か 한 🌿 x\u0301 \u200d \ufe0f"
    assert fonts.undrawable(sample, REGULAR) == set()
    assert fonts.undrawable("a\ue000b \u0378 ༀ", REGULAR) == {"\ue000", "\u0378", "ༀ"}


def test_script_kinds_name_powerpoints_font_slots() -> None:
    assert fonts.script_kinds("Plain Ελληνικά Русский café", REGULAR) == set()
    assert fonts.script_kinds("e\u0301 q\u0303", REGULAR) == set()  # marks go with letters
    assert fonts.script_kinds("光 and 한", REGULAR) == {"ea"}
    assert fonts.script_kinds("مرحبا and שלום", REGULAR) == {"cs"}
    assert fonts.script_kinds("🌿 ★", REGULAR) == {"sym"}


@pytest.mark.parametrize(
    ("sample", "rtl"),
    [
        ("Hello", False),
        ("مرحبا Hello", True),
        ("  «שלום» world", True),
        ("123 Hello שלום", False),
        ("123", False),
    ],
)
def test_direction_comes_from_the_first_strong_letter(sample: str, rtl: bool) -> None:
    assert fonts.is_rtl(sample) is rtl


def _font(size: float = 20.0) -> Font:
    return Font("Calibri", REGULAR, size)


def test_plain_text_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def shaped(*_: object) -> float:
        raise AssertionError("plain text must be measured by the fast path")

    monkeypatch.setattr(text, "_shaped_width", shaped)
    text._unit_width.cache_clear()
    assert text.text_width("Plain text, Ελληνικά, Русский", _font()) > 0


def test_arabic_is_measured_shaped() -> None:
    """Joined Arabic letters are narrower than the same letters standing alone."""
    word = "بببب"
    joined = text.text_width(word, _font())
    alone = sum(text.text_width(ch, _font()) for ch in word)
    assert joined < 0.9 * alone


def test_right_to_left_paragraphs_start_at_the_right() -> None:
    par = Paragraph((Run("שלום עולם", _font(), "#000000"),), indent=10.0, bullet="•")
    assert text.paragraph_align(par) == "right"
    (line,) = text.wrap_paragraph(par, 300.0)
    (seg,) = line.segments
    assert seg.x + seg.width == pytest.approx(300.0 - 10.0)  # the bullet's indent on the right
    latin = Paragraph((Run("Hello", _font(), "#000000"),))
    assert text.paragraph_align(latin) == "left"


def test_runs_of_a_right_to_left_line_go_from_the_right() -> None:
    first, second = Run("عربي ", _font(), "#000000"), Run("ثم", _font(), "#AA0000")
    (line,) = text.wrap_paragraph(Paragraph((first, second)), 300.0)
    a, b = line.segments
    assert a.run is first and b.run is second
    assert a.x > b.x  # the first run is the rightmost
    assert a.x + a.width == pytest.approx(300.0)
