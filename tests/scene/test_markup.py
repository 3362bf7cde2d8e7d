"""The inline markup: bold, italic, sub- and superscript, escapes; any string parses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from infodeck.scene.markup import Span, escape, parse, plain, render, unclosed


def styled(spans: tuple[Span, ...] | list[Span]) -> list[tuple[str, bool, bool, str]]:
    """Each character with its style; a space carries no emphasis (it cannot open or close)."""
    out = []
    for s in spans:
        for ch in s.text:
            if ch.isspace():
                out.append((ch, False, False, ""))
            else:
                out.append((ch, s.bold, s.italic, s.script))
    return out


def test_bold_italic_and_both() -> None:
    assert parse("a **bold** and *it* and ***both***") == (
        Span("a "),
        Span("bold", bold=True),
        Span(" and "),
        Span("it", italic=True),
        Span(" and "),
        Span("both", bold=True, italic=True),
    )


def test_sub_and_superscript_as_pandoc_writes_them() -> None:
    assert parse("CO~2~ and x^2^") == (
        Span("CO"),
        Span("2", script="sub"),
        Span(" and x"),
        Span("2", script="super"),
    )
    assert parse("**CO~2~**") == (Span("CO", bold=True), Span("2", bold=True, script="sub"))


def test_what_stays_text() -> None:
    for text in ("2 * 3 = 6", "~5 min to ~10 min", "2^10", "snake_case and __init__",
                 "note*", "* not a list", "**unclosed bold", "CO₂ and x²", "a\u00a0b",
                 "“smart” ‘quotes’", "C:\\Users\\x", "~~", "^^", "****"):
        assert plain(text) == text, text
        assert all(not (s.bold or s.italic or s.script) for s in parse(text)), text


def test_escapes() -> None:
    assert parse("5 \\* 3 \\~ \\^ \\\\") == (Span("5 * 3 ~ ^ \\"),)
    assert plain("\\*not italic\\*") == "*not italic*"
    assert parse(escape("*a* ~b~ ^c^ \\")) == (Span("*a* ~b~ ^c^ \\"),)


def test_unclosed_markers_are_reported_where_they_open() -> None:
    assert unclosed("a **bold without end") == [2]
    assert unclosed("x *y") == [2]
    assert unclosed("2 * 3 and note*") == []
    assert unclosed("**closed** fine") == []


def test_render_escapes_only_where_needed() -> None:
    assert render([Span("2 * 3")]) == "2 * 3"
    assert render([Span("*a*")]) == "\\*a\\*"
    assert render([Span("word "), Span("bold ", bold=True), Span("end")]) == "word **bold** end"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_string_parses(text: str) -> None:
    spans = parse(text)
    assert all(s.text for s in spans)
    assert len(plain(text)) <= len(text)
    unclosed(text)


_PLAIN = st.text(st.characters(blacklist_characters="*~^\\", blacklist_categories=("Cs",)))


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_text_without_markers_is_unchanged(text: str) -> None:
    assert plain(text) == text
    assert render(parse(text)) == text


_WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
_SCRIPT = st.text(
    st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=4
).filter(lambda t: not any(c.isspace() for c in t))
_SPAN = st.one_of(
    st.builds(Span, _WORDS, st.booleans(), st.booleans()),
    st.builds(Span, _SCRIPT, st.booleans(), st.booleans(), st.sampled_from(["sub", "super"])),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SPAN, max_size=6))
def test_parse_of_render_round_trips(spans: list[Span]) -> None:
    assert styled(parse(render(spans))) == styled(spans)
