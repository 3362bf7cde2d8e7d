"""Friendlier messages for hand-edited YAML (#13 item 6): said plainly, placed where to fix."""

from __future__ import annotations

import pytest

from infodeck.content.yamlread import YamlError, parse_yaml


def _problem(text: str) -> tuple[int | None, int | None, str]:
    with pytest.raises(YamlError) as e:
        parse_yaml(text.encode(), "s.yaml")
    (p,) = e.value.problems
    return p.line, p.col, p.message


@pytest.mark.parametrize(
    ("text", "pos", "message"),
    [
        (
            "id: a\ntext: Note: this is it\n",
            (2, 11),
            "not valid YAML: a ': ' inside a text makes it look like a new field; put text "
            'containing \': \' in quotes, e.g. text: "Note: this is it"',
        ),
        (
            "id: a\nsummary: Light splits water\n  and stores energy: ATP.\n",
            (3, 20),
            "not valid YAML: a ': ' inside a text makes it look like a new field; put text "
            "containing ': ' in quotes",
        ),
    ],
)
def test_an_unquoted_colon_says_to_quote_the_text(text, pos, message):
    assert _problem(text) == (*pos, message)


@pytest.mark.parametrize("q", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens_not_where_parsing_fails(q):
    text = (
        f"id: a\ntitle: {q}Photosynthesis\nsummary: s\nblocks:\n  - type: text\n"
        f"    text: {q}Another{q}\nnotes: n\n"
    )
    assert _problem(text) == (
        2,
        8,
        f"not valid YAML: this quoted text is never closed on its line: it runs on to the "
        f"{q} on line 6; end it with {q} on this line",
    )


def test_an_unclosed_quote_in_a_list_item():
    line, col, msg = _problem('items:\n  - "one\n  - two\n  - "three"\nx: y\n')
    assert (line, col) == (2, 5) and "never closed on its line" in msg


def test_an_unclosed_quote_at_the_end_of_the_file():
    assert _problem('id: a\ntitle: "Photo\nsummary: s\n') == (
        2,
        8,
        'not valid YAML: this quoted text is never closed (the file ends first); end it with "',
    )


def test_text_after_a_closing_quote():
    line, col, msg = _problem('id: a\ntitle: "Photo" synthesis\n')
    assert (line, col) == (2, 8)
    assert msg.startswith("not valid YAML: text goes on after the closing quote; put the whole")


def test_a_quoted_text_over_several_lines_is_still_fine():
    doc, _ = parse_yaml(b'id: a\ntitle: "Photo\n  synthesis"\nsummary: s\n', "s.yaml")
    assert doc.data["title"] == "Photo synthesis"


@pytest.mark.parametrize(
    ("text", "pos", "message"),
    [
        (
            "id: a\nitems: [a, b\nsummary: s\n",
            (2, 8),
            "not valid YAML: this '[' is not closed before line 3; close it with ']', or put "
            "text that starts with '[' in quotes",
        ),
        (
            "id: a\nleft: {label: a\nright: b\n",
            (2, 7),
            "not valid YAML: this '{' is not closed before line 3; close it with '}', or put "
            "text that starts with '{' in quotes",
        ),
        (
            "id: a\nitems: [a, b\n",
            (2, 8),
            "not valid YAML: this '[' is never closed (the file ends first); close it with "
            "']', or put the text in quotes",
        ),
    ],
)
def test_unclosed_brackets_are_reported_where_they_open(text, pos, message):
    assert _problem(text) == (*pos, message)


def test_parse_yaml_keeps_the_readers_rules():
    doc, warnings = parse_yaml(b"a: NO\nb: 1.10\n", "x.yaml")
    assert doc.data == {"a": "NO", "b": "1.10"} and warnings == []
    assert _problem("a: 1\na: 2\n")[2] == "duplicate key 'a' (first given on line 1); keep one"


@pytest.mark.parametrize(
    ("text", "pos", "message"),
    [
        (
            'id: a\nitems: ["a, b]\nsummary: s\n',
            (2, 9),
            'not valid YAML: this quoted text is never closed (the file ends first); end it with "',
        ),
        (
            "unit: %\nlabel: x\n",
            (1, 7),
            "not valid YAML: text cannot start with '%' unless it is in quotes; write it as "
            'unit: "%"',
        ),
        (
            "title: *important*\n",
            (1, 8),
            "not valid YAML: text cannot start with '*' unless it is in quotes; write it as "
            'title: "*important*"',
        ),
        (
            "title: {Photosynthesis} explained\n",
            (1, 8),
            "not valid YAML: text that starts with '{' is read as a mapping, and more text "
            'follows it; put the whole text in quotes, e.g. title: "{Photosynthesis} explained"',
        ),
        (
            "id: a\ntitle: x\n  summary: s\nnotes: n\n",
            (3, 3),
            "not valid YAML: this field is indented more than the one above it; line up the "
            "fields of one mapping at the same column",
        ),
        (
            "blocks:\n  - type: text\n    text: a\n   cite: [x]\n",
            (4, 4),
            "not valid YAML: this line is not lined up with the lines above it; check its "
            "indentation (the fields of one mapping, and the items of one list, start at the "
            "same column)",
        ),
        (
            "title: Photosynthesis\nsummary\nnotes: x\n",
            (2, 1),
            "not valid YAML: this line is neither 'field: value' nor a list item ('- …'); add "
            "the missing ':' or '- ', or indent it to go on with the text above",
        ),
        (
            "title: | x\n",
            (1, 10),
            "not valid YAML: text after '|' or '>' must start on the next line, indented; or "
            "put text that starts with '|' or '>' in quotes",
        ),
    ],
)
def test_parser_words_are_said_as_what_to_do(text, pos, message):
    """No "expected <block end>, but found '<scalar>'": the slip, and how to fix it."""
    assert _problem(text) == (*pos, message)


def test_a_sub_mapping_is_not_mistaken_for_an_indented_field():
    doc, _ = parse_yaml(b"left:\n  label: a\n  detail: b\n", "s.yaml")
    assert doc.data == {"left": {"label": "a", "detail": "b"}}


def test_a_markup_escape_in_double_quotes_says_what_to_write() -> None:
    """``\\*`` is the markup's literal star, but no escape of YAML's double quotes."""
    assert _problem('text: "2 \\* 3 and **bold**"\n') == (
        1,
        11,
        "not valid YAML: in double quotes, a backslash starts an escape and \\* is not one; "
        "for a literal * in text write it in single quotes ('2 \\* 3') or double the "
        'backslash ("2 \\\\* 3")',
    )
    assert _problem("text: **Bold** first, 2 \\* 3\n")[2].endswith(
        "write it as text: '**Bold** first, 2 \\* 3'"
    )
    assert parse_yaml(b"text: '2 \\* 3'\n", "s.yaml")[0].data == {"text": "2 \\* 3"}
