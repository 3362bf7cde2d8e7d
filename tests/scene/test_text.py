"""Line breaking: where lines may break, and where they must not."""

from __future__ import annotations

import itertools

from infodeck.compose.cite import marker
from infodeck.resources import font_path
from infodeck.scene.elements import Font, Paragraph, Run
from infodeck.scene.text import text_width, wrap_paragraph

FONT = Font("Calibri", str(font_path("Carlito-Regular.ttf")), 12.0)


def _lines(text: str, width: float) -> list[str]:
    par = Paragraph((Run(text, FONT, "#000000"),))
    return ["".join(s.text for s in line.segments) for line in wrap_paragraph(par, width)]


def test_citation_marker_never_splits() -> None:
    m = marker(["a", "b", "c"], {"a": 8, "b": 9, "c": 12})
    assert m == "[8,\u00a09,\u00a012]"
    text = f"Eating fruit and vegetables {m}"
    # Every width from "fits on one line" down to a few words per line.
    full = text_width(text, FONT)
    for w in range(int(full * 0.3), int(full * 1.1), 3):
        lines = _lines(text, w)
        assert any(m in line for line in lines), (w, lines)


def test_ordinary_spaces_still_break() -> None:
    text = "one two three four five six"
    lines = _lines(text, text_width("one two three", FONT) / 0.99)
    assert lines == ["one two three", "four five six"]
    # A thin space (U+2009) is an ordinary break opportunity; a no-break space is not.
    assert len(_lines("aaaa\u2009bbbb", text_width("aaaa", FONT) * 1.2)) == 2
    assert _lines("aaaa\u00a0bbbb", text_width("aaaa\u00a0bbbb", FONT) * 1.2) == ["aaaa\u00a0bbbb"]


def test_no_break_space_measures_and_draws_as_a_space() -> None:
    # Carlito has no U+00A0 in its character map; Calibri does. Neither may make the
    # marker wider than it is written, or call for a fallback font in PowerPoint.
    from infodeck.scene import fonts

    assert text_width("[8,\u00a09]", FONT) == text_width("[8, 9]", FONT)
    assert fonts.covers(FONT.file, "vegetables [8,\u00a09]")
    assert fonts.script_kinds("a\u00a0b", FONT.file) == set()


# ------------------------------------------------------------ hyphenation


def _laid(text: str, width: float, lang: str = "en") -> tuple[str, list[str]]:
    from infodeck.scene.elements import TextFrame
    from infodeck.scene.text import layout_frame

    frame = layout_frame(
        TextFrame((Paragraph((Run(text, FONT, "#000000", lang=lang),)),), inset_l=0, inset_r=0),
        width,
    )
    par = frame.paragraphs[0]
    return "".join(r.text for r in par.runs), [  # lines as drawn: soft hyphens invisible
        "".join(s.text for s in line.segments).replace("\xad", "") for line in par.lines
    ]


def test_a_word_too_long_for_a_line_is_hyphenated_at_dictionary_points() -> None:
    width = text_width("neuroinflam-", FONT) / 0.99
    runs, lines = _laid("neuroinflammation", width)
    import pyphen

    # Every point of the dictionary, kept in the runs for the deck.
    assert runs == pyphen.Pyphen(lang="en").inserted("neuroinflammation", hyphen="\xad")
    assert lines == ["neuroinflam-", "mation"]
    for line in lines:
        assert text_width(line, FONT) <= width


def test_hyphenation_follows_the_language() -> None:
    width = text_width("Donaudampfschiff-", FONT) / 0.99
    runs, lines = _laid("Donaudampfschifffahrt", width, "de")
    assert lines[0] == "Donaudampfschiff-" and "".join(lines).replace("-", "") == (
        "Donaudampfschifffahrt"
    )
    assert "\xad" in runs


def test_words_that_fit_are_never_hyphenated() -> None:
    text = "Photosynthesis concentration neuroinflammation"
    width = text_width("neuroinflammation", FONT) / 0.99
    runs, lines = _laid(text, width)
    assert runs == text and lines == text.split()


def test_without_dictionary_points_letters_break_with_a_hyphen() -> None:
    width = 40.0
    runs, lines = _laid("x" * 40, width)
    assert all(line.endswith("-") for line in lines[:-1]) and len(lines) > 2
    assert "".join(lines).replace("-", "") == "x" * 40
    assert all(text_width(line, FONT) <= width for line in lines)
    assert runs.replace("\xad", "") == "x" * 40


def test_chinese_breaks_between_characters_without_hyphens() -> None:
    text = "光合作用" * 6
    _, lines = _laid(text, text_width("光合作用", FONT) * 1.5)
    assert "".join(lines) == text and not any("-" in line for line in lines)


def test_a_no_break_space_keeps_a_number_with_its_unit() -> None:
    text = "about 80\u00a0% of 6\u202fH₂O"
    for w in range(30, 140, 2):
        _, lines = _laid(text, float(w))
        joined = "\n".join(lines)
        assert "80\n" not in joined and "6\n" not in joined, (w, lines)


def test_clusters_keep_marks_modifiers_joins_and_flags_together() -> None:
    from infodeck.scene.text import clusters

    assert clusters("ae\u0301\u0302b") == ["a", "e\u0301\u0302", "b"]
    assert clusters("\U0001f44d\U0001f3fdx") == ["\U0001f44d\U0001f3fd", "x"]  # skin tone
    assert clusters("\U0001f469\u200d\U0001f4bbz") == ["\U0001f469\u200d\U0001f4bb", "z"]
    assert clusters("\U0001f1eb\U0001f1f7\U0001f1e9") == ["\U0001f1eb\U0001f1f7", "\U0001f1e9"]
    assert clusters("") == []


def test_a_long_word_breaks_between_clusters_and_each_piece_fits() -> None:
    word = "e\u0301" * 200
    lines = _lines(word, 100)
    assert len(lines) > 1 and "".join(lines) == word
    assert all(not line.startswith("\u0301") for line in lines)  # never a mark alone
    assert all(text_width(line, FONT) <= 100 for line in lines)
    # Greedy: no piece could take the next cluster too.
    for a, b in itertools.pairwise(lines):
        assert text_width(a + b[:2], FONT) > 100 * 0.995


def test_breaking_a_long_word_measures_a_linear_amount_of_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every prefix was measured: time and memory grew with the square of the length."""
    from infodeck.scene import text as mod

    measured: list[int] = []
    real = mod._unit_width

    def counting(t: str, path: str) -> float:
        measured.append(len(t))
        return real(t, path)

    monkeypatch.setattr(mod, "_unit_width", counting)
    mod.clear_caches()
    word = ("a" + "\u0301" * 30) * 300  # 9,300 characters, 30 accents per letter: allowed
    lines = _lines(word, 200)
    assert "".join(lines) == word and len(lines) > 5
    assert sum(measured) < 40 * len(word), sum(measured)  # was ~7 million characters


BOLD = Font("Calibri", str(font_path("Carlito-Bold.ttf")), 12.0, bold=True)
ITALIC = Font("Calibri", str(font_path("Carlito-Italic.ttf")), 12.0, italic=True)


def test_bold_is_measured_with_the_bold_face() -> None:
    text = "Photosynthesis makes sugar"
    assert text_width(text, BOLD) > text_width(text, FONT) * 1.02
    assert text_width(text, ITALIC) != text_width(text, FONT)


def test_sub_and_superscripts_are_measured_smaller() -> None:
    from infodeck.scene.text import SCRIPT_SCALE, run_width

    sub = Run("2", FONT, "#000000", subscript=True)
    sup = Run("2", FONT, "#000000", superscript=True)
    assert sub.scripted and sup.scripted
    assert run_width("2", sub) == run_width("2", sup) == text_width("2", FONT) * SCRIPT_SCALE


def test_a_word_of_several_runs_never_breaks_between_them() -> None:
    """"CO" and its subscript "2", "**photo**synthesis": one word, moved to the next line whole."""
    runs = (
        Run("Plants take in CO", FONT, "#000000"),
        Run("2", FONT, "#000000", subscript=True),
        Run(" and ", FONT, "#000000"),
        Run("photo", BOLD, "#000000"),
        Run("synthesis", FONT, "#000000"),
        Run(" makes sugar.", FONT, "#000000"),
    )
    full = sum(text_width(r.text, r.font) for r in runs)
    word = text_width("photo", BOLD) + text_width("synthesis", FONT)
    for w in range(int(word) + 2, int(full * 1.1), 2):
        lines = wrap_paragraph(Paragraph(runs), w)
        texts = ["".join(s.text for s in ln.segments) for ln in lines]
        assert all(not t.startswith(("2", "synthesis")) for t in texts), (w, texts)
        assert any("photosynthesis" in t for t in texts), (w, texts)
    # A word alone wider than the line still breaks (between its runs, as before).
    narrow = wrap_paragraph(Paragraph(runs[3:5]), text_width("synthesis", FONT) * 1.05)
    assert ["".join(s.text for s in ln.segments) for ln in narrow] == ["photo", "synthesis"]


def test_mixed_runs_lose_no_word_at_any_width() -> None:
    """Whatever the runs and the width, the lines hold every word, in order."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    faces = [FONT, BOLD, ITALIC]
    run = st.builds(
        lambda t, f, sub: Run(t, faces[f], "#000000", subscript=sub),
        st.text(alphabet="ab c-\u00a0", min_size=1, max_size=12),
        st.integers(0, 2),
        st.booleans(),
    )

    @settings(max_examples=200, deadline=None)
    @given(st.lists(run, min_size=1, max_size=8), st.floats(5, 300))
    def check(runs: list[Run], width: float) -> None:
        lines = wrap_paragraph(Paragraph(tuple(runs)), width)
        drawn = "".join(s.text for ln in lines for s in ln.segments)
        def ink(t: str) -> str:  # (a line drops the spaces it ends or starts with)
            return "".join(t.split())

        assert ink(drawn) == ink("".join(r.text for r in runs))

    check()
