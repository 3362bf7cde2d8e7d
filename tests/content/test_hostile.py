"""Bad and hostile input (issue 5): every mistake gets a clear message at its file:line:col.

Each test asserts the message and where it points. The position convention is the
one editors show: 1-based line and column of the value (or key) at fault.
"""

from __future__ import annotations

import itertools
import struct
import subprocess
import sys
import textwrap
import tracemalloc
import zlib
from pathlib import Path

import pytest
import yaml

from infodeck.content.load import load_pack
from infodeck.content.problems import Problem
from infodeck.content.yamlread import MAX_FILE_BYTES, MAX_NODES, MAX_SCALAR_CHARS

from conftest import ROOT, SECTION

# A section file whose block list the tests fill; block lines start on line 6.
HEAD = "id: intro\ntitle: Introduction\nsummary: s\nnotes: n\nblocks:\n"


def _one(root: Path) -> Problem:
    r = load_pack(root)
    assert r.pack is None
    (err,) = r.errors
    return err


def _where(p: Problem) -> tuple[str, int | None, int | None]:
    return (Path(p.file).name, p.line, p.col)


# ------------------------------------------------------------ shape and types


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: intro\n- title: x\n", "must be a mapping of fields (key: value)"),
        ("just some words\n", "must be a mapping of fields (key: value)"),
        ("'42'\n", "must be a mapping of fields (key: value)"),
    ],
)
def test_top_level_of_the_wrong_shape(make_pack, text, message):
    err = _one(make_pack({"intro.yaml": text}))
    assert _where(err) == ("intro.yaml", 1, 1)
    assert err.where == "sections[0]" and err.message == message


def test_pack_and_references_of_the_wrong_shape(make_pack):
    root = make_pack(refs="- key: a\n")
    err = _one(root)
    assert _where(err) == ("references.yaml", 1, 1)
    assert err.message == "must be a mapping of fields (key: value)"
    (root / "pack.yaml").write_text("[a, b]\n")
    err = _one(root)
    assert _where(err) == ("pack.yaml", 1, 1)
    assert err.message == "must be a mapping of fields (key: value)"


@pytest.mark.parametrize(
    ("block", "where", "pos", "message"),
    [
        (
            "  - type: stat\n    value: [1, 2]\n    label: x\n    uncited: true\n",
            "blocks[0].value",
            (7, 12),
            "must be a number (got a list)",
        ),
        (
            "  - type: stat\n    value: {a: 1}\n    label: x\n    uncited: true\n",
            "blocks[0].value",
            (7, 12),
            "must be a number (got a mapping of fields)",
        ),
        (
            "  - type: bullets\n    items: 5\n    uncited: true\n",
            "blocks[0].items",
            (7, 12),
            "must be a list (items starting with '- ')",
        ),
        (
            "  - type: text\n    text: hi\n    uncited: maybe\n",
            "blocks[0].uncited",
            (8, 14),
            "must be true or false (got 'maybe')",
        ),
        (
            "  - type: text\n    text: [a, b]\n    uncited: true\n",
            "blocks[0].text",
            (7, 11),
            "must be text (got a list)",
        ),
        (
            "  - type: text\n    text: ''\n    uncited: true\n",
            "blocks[0].text",
            (7, 11),
            "must not be empty",
        ),
        (
            "  - type: video\n    text: hi\n",
            "blocks[0].type",
            (6, 11),
            "unknown type 'video'; use one of 'text', 'bullets', 'stat', 'quote', "
            "'picture', 'diagram', 'quiz'",
        ),
    ],
)
def test_wrong_types(make_pack, block, where, pos, message):
    err = _one(make_pack({"intro.yaml": HEAD + block}))
    assert _where(err) == ("intro.yaml", *pos)
    assert err.where == "sections[0]." + where
    assert err.message == message


def test_a_text_blocks_own_text_field_is_named_once(make_pack):
    """The tag 'text' and the field 'text' share a name: the path says it once."""
    err = _one(make_pack({"intro.yaml": HEAD + "  - type: text\n    text: 42x\n" + "    text2: y\n"}))
    assert err.where == "sections[0].blocks[0].text2"
    assert err.message == "unknown field 'text2'; did you mean 'text'?"
    assert _where(err) == ("intro.yaml", 8, 5)


def test_misspelled_field_suggests_the_close_match_at_the_key(make_pack):
    r = load_pack(make_pack({"intro.yaml": SECTION.replace("summary:", "sumary:")}))
    assert [(_where(e), e.where, e.message) for e in r.errors] == [
        (("intro.yaml", 1, 1), "sections[0].summary", "required; add it"),
        (
            ("intro.yaml", 3, 1),
            "sections[0].sumary",
            "unknown field 'sumary'; did you mean 'summary'?",
        ),
    ]


def test_missing_required_field_points_at_its_mapping(make_pack):
    r = load_pack(make_pack({"intro.yaml": SECTION.replace("notes: Say hello.\n", "")}))
    (err,) = r.errors
    assert err.where == "sections[0].notes" and err.message == "required; add it"
    assert _where(err) == ("intro.yaml", 1, 1)


def test_duplicate_key_position(make_pack):
    err = _one(make_pack({"intro.yaml": SECTION.replace("title: Introduction", "title: A\ntitle: B")}))
    assert _where(err) == ("intro.yaml", 3, 1)
    assert err.message == "duplicate key 'title' (first given on line 2); keep one"


# ------------------------------------------------------------------ numbers


def _stat(value: str, unit: str = "") -> str:
    u = f"    unit: '{unit}'\n" if unit else ""
    return HEAD + f"  - type: stat\n    value: {value}\n{u}    label: x\n    uncited: true\n"


@pytest.mark.parametrize(
    "value",
    ["nan", "NaN", ".nan", ".NaN", "inf", "-inf", ".inf", "-.inf", "+.inf", "1e999",
     "-1e999", "Infinity", "'nan'", '".inf"'],
)  # fmt: skip
def test_numbers_must_be_finite(make_pack, value):
    err = _one(make_pack({"intro.yaml": _stat(value)}))
    assert _where(err) == ("intro.yaml", 7, 12)
    assert err.where == "sections[0].blocks[0].value"
    assert err.message == f"must be a finite number (got {value.strip(chr(39) + chr(34))!r})"


def test_chart_values_must_be_finite(make_pack):
    chart = HEAD + textwrap.dedent(
        """\
          - type: diagram
            kind: chart
            title: T
            unit: people
            items:
              - {label: a, value: 3, uncited: true}
              - {label: b, value: .inf, uncited: true}
        """
    )
    err = _one(make_pack({"intro.yaml": chart}))
    assert err.where == "sections[0].blocks[0].items[1].value"
    assert err.message == "must be a finite number (got '.inf')"
    assert _where(err) == ("intro.yaml", 12, 25)


@pytest.mark.parametrize(
    ("text", "where", "pos", "message"),
    [
        (_stat("120", "%"), "blocks[0].value", (7, 12), "must be a number from 0 to 100 (got 120)"),
        (_stat("-5", "%"), "blocks[0].value", (7, 12), "must be a number from 0 to 100 (got -5)"),
        (
            _stat("5", "%").replace("    label", "    value_high: 2\n    label"),
            "blocks[0].value_high",
            (9, 17),
            "must not be smaller than value",
        ),
    ],
)
def test_numbers_out_of_range(make_pack, text, where, pos, message):
    err = _one(make_pack({"intro.yaml": text}))
    assert err.where == "sections[0]." + where
    assert err.message == message
    assert _where(err) == ("intro.yaml", *pos)


def test_year_out_of_range_and_not_whole(make_pack):
    from conftest import REFS

    err = _one(make_pack(refs=REFS.replace("year: 2020", "year: 20200")))
    assert _where(err) == ("references.yaml", 6, 11)
    assert err.message == "must be less than or equal to 2100 (got '20200')"
    err = _one(make_pack(refs=REFS.replace("year: 2020", "year: 2020.5"), name="half"))
    assert err.message == "must be a whole number (got '2020.5')"
    err = _one(make_pack(refs=REFS.replace("year: 2020", "year: .nan"), name="nan"))
    assert err.message == "must be a whole number (got '.nan')"


# ----------------------------------------------------------- hostile YAML


def _billion_laughs(levels: int = 9) -> str:
    lol = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    names = "abcdefghijklmnop"
    for p, c in itertools.pairwise(names[:levels]):
        lol += f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n"
    return lol


def test_billion_laughs_is_refused_by_the_alias_rule_before_any_object(make_pack, monkeypatch):
    """Refused at the first alias while only events are read: nothing is composed."""
    import infodeck.content.yamlread as yr

    real_compose = yr.yaml.compose

    def compose(text: str, *a: object, **k: object) -> object:
        if "&a" in text:
            raise AssertionError("a file with aliases must be refused before it is composed")
        return real_compose(text, *a, **k)  # pack.yaml and references.yaml

    monkeypatch.setattr(yr.yaml, "compose", compose)
    root = make_pack({"intro.yaml": _billion_laughs()})
    tracemalloc.start()
    try:
        err = _one(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _where(err) == ("intro.yaml", 2, 8)
    assert err.message == "aliases (*a) are not supported; write the value out in full"
    assert peak < 5_000_000  # flat: the 9^9 expansion would need gigabytes


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("a: &a [*a]\n", (1, 8)),
        ("a: &a {b: *a}\n", (1, 11)),
        ("&a [x, *a]\n", (1, 8)),
    ],
)
def test_self_referencing_aliases(make_pack, text, pos):
    err = _one(make_pack({"intro.yaml": text}))
    assert _where(err) == ("intro.yaml", *pos)
    assert "aliases (*a) are not supported" in err.message


def test_merge_keys_refused(make_pack):
    err = _one(make_pack({"intro.yaml": SECTION + "<<: {x: 1}\n"}))
    assert _where(err) == ("intro.yaml", 9, 1)
    assert err.message == "merge keys (<<) are not supported"


def test_deep_nesting_does_not_crash_the_process(make_pack):
    """10,000 levels, in flow and block style: a clean exit 2 from a fresh process."""
    flow = make_pack({"intro.yaml": "id: " + "[" * 10_000 + "]" * 10_000 + "\n"}, name="flow")
    block = make_pack({"intro.yaml": "id: x\nblocks:\n  " + "- " * 10_000 + "x\n"}, name="block")
    mapping = make_pack({"intro.yaml": "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"}, name="map")
    for root, pos in ((flow, "intro.yaml:1:44:"), (block, "intro.yaml:3:81:"), (mapping, "intro.yaml:1:161:")):
        r = subprocess.run(
            [sys.executable, "-m", "infodeck", "check", str(root)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "desktop")},
        )
        assert r.returncode == 2, r.stderr
        assert pos + " nested more than 40 levels deep" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr


def test_very_large_file_refused_without_reading_it(make_pack):
    root = make_pack()
    big = root / "sections" / "intro.yaml"
    with big.open("a") as f:
        f.write("# " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    err = _one(root)
    assert err.file.endswith("intro.yaml") and err.line is None
    assert err.message.startswith("the file is 2.1 MB; the limit is 2 MB")


def test_very_long_scalar(make_pack):
    long = "x" * (MAX_SCALAR_CHARS + 1)
    err = _one(make_pack({"intro.yaml": SECTION.replace("Plants make sugar from light.", long)}))
    assert _where(err) == ("intro.yaml", 7, 11)
    assert err.message == "a text of 50,001 characters; the limit is 50,000 — split it into several blocks"


def test_text_longer_than_a_block_may_hold(make_pack):
    long = "word " * 4_100  # 20,500 characters: a scalar, but too long for one text
    err = _one(make_pack({"intro.yaml": SECTION.replace("Plants make sugar from light.", long)}))
    assert _where(err) == ("intro.yaml", 7, 11)
    assert err.where == "sections[0].blocks[0].text"
    assert err.message == "too long: at most 20000 characters"


def test_node_flood(make_pack):
    flood = "id: [" + "x," * (MAX_NODES + 5) + "]\n"
    err = _one(make_pack({"intro.yaml": flood}))
    assert err.message == f"more than {MAX_NODES} values"
    assert err.line == 1 and err.col is not None


def test_several_documents(make_pack):
    err = _one(make_pack({"intro.yaml": SECTION + "---\nid: other\n"}))
    assert _where(err) == ("intro.yaml", 9, 1)
    assert err.message == "more than one YAML document ('---'); keep one"


def test_not_yaml_and_empty_positions(make_pack):
    err = _one(make_pack({"intro.yaml": "id: intro\ntitle: a: b\n"}))
    assert _where(err) == ("intro.yaml", 2, 9)
    assert err.message == (
        "not valid YAML: a ': ' inside a text makes it look like a new field; "
        "put text containing ': ' in quotes, e.g. title: \"a: b\""
    )
    err = _one(make_pack({"intro.yaml": "  \n\n"}, name="empty"))
    assert _where(err) == ("intro.yaml", 1, 1) and err.message == "the file is empty"
    err = _one(make_pack({"intro.yaml": "# only a comment\n"}, name="comment"))
    assert _where(err) == ("intro.yaml", 1, 1) and err.message == "the file is empty"


def test_utf16_named_at_the_start(make_pack):
    root = make_pack()
    (root / "sections" / "intro.yaml").write_bytes(SECTION.encode("utf-16"))
    err = _one(root)
    assert _where(err) == ("intro.yaml", 1, 1)
    assert err.message == "the file is saved as UTF-16; save it as UTF-8"


def test_latin1_points_at_the_first_bad_byte(make_pack):
    root = make_pack()
    text = SECTION.replace("Say hello.", "Très bien")
    (root / "sections" / "intro.yaml").write_bytes(text.encode("latin-1"))
    err = _one(root)
    assert _where(err) == ("intro.yaml", 4, 10)
    assert err.message.startswith("not UTF-8 text (byte 0xe8); save the file as UTF-8")


# ------------------------------------------------------------- pasted text


def test_control_characters_in_the_file_are_removed_with_their_position(make_pack):
    sec = SECTION.replace("Plants make", "Plants\x0bmake\x00\x0c")
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None
    (w,) = r.warnings
    assert _where(w) == ("intro.yaml", 7, 17) and w.severity == "warning"
    assert w.message == (
        "removed invisible control characters (U+0000, U+000B, U+000C), "
        "probably pasted from another program"
    )
    assert r.pack.sections[0].blocks[0].text == "Plantsmake sugar from light."  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("escaped", "codes", "kept"),
    [
        (r"a\vb", "U+000B", "ab"),
        (r"a\0b\fc", "U+0000, U+000C", "abc"),
        (r"lone \ud800 surrogate", "U+D800", "lone  surrogate"),
        (r"not a \uFFFE character \uFFFF", "U+FFFE, U+FFFF", "not a  character"),
        (r"NEL \x85 breaks, \x9b is gone", "U+009B", "NEL \n breaks,  is gone"),
    ],
)
def test_characters_made_by_escapes_are_removed_with_a_warning(make_pack, escaped, codes, kept):
    sec = SECTION.replace("Plants make sugar from light.", f'"{escaped}"')
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None, r.errors
    (w,) = r.warnings
    assert _where(w) == ("intro.yaml", 7, 11)
    assert w.where == "sections[0].blocks[0].text"
    assert w.message == (
        f"removed characters that cannot be shown or saved ({codes}), written as escapes in quotes"
    )
    assert r.pack.sections[0].blocks[0].text == kept  # type: ignore[union-attr]


def test_spaces_the_font_lacks_become_plain_spaces(make_pack):
    sec = SECTION.replace(
        "Plants make sugar from light.",
        '"tab\\there,\\u00a0nbsp,\\u202fnarrow,\\u3000wide,\\u2028line"',
    )
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None and r.warnings == []
    # No-break spaces are kept: they keep a number and its unit together.
    assert r.pack.sections[0].blocks[0].text == "tab here,\u00a0nbsp,\u202fnarrow, wide,\nline"  # type: ignore[union-attr]


def test_special_characters_are_kept_literally(make_pack):
    text = r"Costs $5 & 10% off <b>not bold</b> C:\path \n {x} `y`"
    sec = SECTION.replace("Plants make sugar from light.", "'" + text + "'")
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None and r.warnings == []
    assert r.pack.sections[0].blocks[0].text == text  # type: ignore[union-attr]


# --------------------------------------------------------------- any script


def _text_pack(make_pack, text: str, **kw: str):
    quoted = '"' + text + '"'  # some hold ': '
    return make_pack({"intro.yaml": SECTION.replace("Plants make sugar from light.", quoted)}, **kw)


@pytest.mark.parametrize(
    "text",
    [
        "Crème brûlée, naïve façade, Ærøskøbing, Łódź, São Paulo",
        "Ωμέγα και άλφα: φωτοσύνθεση",
        "Фотосинтез: свет и вода",
        "Combining: e\u0301 a\u0300 o\u0308 x\u0301 q\u0303",
        "Light: 光合作用, ひらがな, 한국어",
        "Arabic: التمثيل الضوئي",
        "Hebrew: פוטוסינתזה",
        "Emoji 🌿 and ☀\ufe0f, 👍🏽",
    ],
)
def test_scripts_the_fonts_draw_give_no_warning(make_pack, text):
    r = load_pack(_text_pack(make_pack, text))
    assert r.pack is not None
    assert r.warnings == []


@pytest.mark.parametrize(
    ("text", "col", "named"),
    [
        ("Private: \ue000 and \U000f0001", 21, "\ue000 (U+E000), \U000f0001 (U+F0001)"),
        ("Unassigned: \u0378 here", 24, "\u0378 (U+0378)"),
        ("Tibetan: ༀ", 21, "ༀ (U+0F00)"),
    ],
)
def test_characters_no_font_can_draw_are_named_with_their_position(make_pack, text, col, named):
    r = load_pack(_text_pack(make_pack, text))
    assert r.pack is not None  # a warning, not an error: the deck still exports
    (w,) = r.warnings
    assert w.severity == "warning" and w.where == "sections[0].blocks[0].text"
    assert _where(w) == ("intro.yaml", 7, col)  # the first character that cannot be drawn
    assert w.message.startswith("no bundled font can draw " + named)
    assert "placeholder box" in w.message


def test_combining_marks_are_composed(make_pack):
    r = load_pack(_text_pack(make_pack, "Cafe\u0301 nai\u0308ve"))
    assert r.pack is not None and r.warnings == []
    assert r.pack.sections[0].blocks[0].text == "Café naïve"  # type: ignore[union-attr]


def test_glyph_warnings_cover_pack_metadata_and_references(make_pack):
    from conftest import REFS

    root = make_pack(refs=REFS.replace("A study of things", "A study of \ue000"))
    text = (root / "pack.yaml").read_text().replace("title: Test pack", "title: Test \ue001 pack")
    (root / "pack.yaml").write_text(text)
    warns = sorted(load_pack(root).warnings, key=lambda p: p.file)
    assert [(_where(w), w.where) for w in warns] == [
        (("pack.yaml", 2, 13), "title"),
        (("references.yaml", 4, 23), "references[0].title"),
    ]
    assert "(U+E001)" in warns[0].message and "(U+E000)" in warns[1].message


# ------------------------------------------------------------------ pictures


def _pic(path: str) -> str:
    return SECTION + f"  - type: picture\n    path: '{path}'\n    alt: A picture\n    cite: [smith2020]\n"


@pytest.fixture
def never_open(monkeypatch):
    """Fail the test if a picture is opened or anything is fetched from a network."""
    import socket
    import urllib.request

    from PIL import Image

    def refuse(*a: object, **k: object) -> None:
        raise AssertionError(f"must not be opened or fetched: {a!r}")

    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../outside.png", "must stay inside the pack folder ('..' is not allowed)"),
        ("images/../../outside.png", "must stay inside the pack folder ('..' is not allowed)"),
        ("/etc/passwd.png", "must be relative to the pack folder, not an absolute path"),
        ("C:/Users/x.png", "must be relative to the pack folder, not an absolute path"),
        ("\\\\server\\share\\x.png", "must be a file inside the pack folder, not a URL or network path"),
        ("//server/share/x.png", "must be a file inside the pack folder, not a URL or network path"),
        ("file:///etc/x.png", "must be a file inside the pack folder, not a URL or network path"),
        ("http://example.com/x.png", "must be a file inside the pack folder, not a URL or network path"),
        ("https://example.com/x.png", "must be a file inside the pack folder, not a URL or network path"),
        ("images\\x.png", "use '/' between folder names"),
        ("images/link.png", "points outside the pack folder (through a symbolic link)"),
        ("images/dirlink/x.png", "points outside the pack folder (through a symbolic link)"),
    ],
)
def test_picture_paths_that_leave_the_pack_are_refused_unopened(make_pack, never_open, tmp_path, path, message):
    root = make_pack({"intro.yaml": _pic(path)})
    (root / "images").mkdir()
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "images" / "link.png").symlink_to(outside)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.png").write_bytes(b"")
    (root / "images" / "dirlink").symlink_to(tmp_path / "elsewhere")
    err = _one(root)
    assert _where(err) == ("intro.yaml", 10, 11)
    assert err.where == "sections[0].blocks[1].path"
    assert err.message == message


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size but holds almost no data (a decompression-bomb shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _good_png(path: Path, size: tuple[int, int] = (40, 20)) -> None:
    from PIL import Image

    Image.new("RGB", size, "green").save(path)


def _make_pictures(images: Path) -> None:
    from PIL import Image

    images.mkdir()
    _good_png(images / "ok.png")
    Image.new("RGB", (30, 30), "blue").save(images / "photo.jpeg", "JPEG")
    Image.new("RGB", (30, 30), "blue").save(images / "jpeg-named.png", "JPEG")
    Image.new("RGB", (30, 30), "blue").save(images / "png-named.jpg", "PNG")
    Image.new("RGB", (30, 30), "blue").save(images / "gif-named.png", "GIF")
    Image.new("RGB", (30, 30), "blue").save(images / "anim.gif", "GIF")
    (images / "text.png").write_text("this is not a picture\n")
    (images / "page.jpg").write_text("<!DOCTYPE html><html><body>Image</body></html>")
    (images / "empty.png").write_bytes(b"")
    whole = (images / "ok.png").read_bytes()
    big = images / "big.png"
    _good_png(big, (300, 300))
    (images / "truncated.png").write_bytes(big.read_bytes()[: len(big.read_bytes()) // 2])
    (images / "bomb.png").write_bytes(_png_header(30_000, 30_000))  # 900 megapixels
    (images / "huge.png").write_bytes(_png_header(8_000, 6_000))  # 48 megapixels
    with (images / "heavy.png").open("wb") as f:  # 25 MB, sparse
        f.write(whole)
        f.truncate(25 * 1024 * 1024)
    (images / "folder.png").mkdir()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.png", "picture not found"),
        ("empty.png", "the picture file is empty (0 bytes)"),
        ("truncated.png", "the picture is damaged or truncated"),
        ("jpeg-named.png", "the file is a JPEG picture named '.png'; rename it to end in '.jpg'"),
        ("png-named.jpg", "the file is a PNG picture named '.jpg'; rename it to end in '.png'"),
        ("gif-named.png", "the file is a GIF picture named '.png'; only PNG and JPEG are accepted"),
        ("anim.gif", "unsupported picture type '.gif'; only PNG and JPEG are accepted"),
        ("text.png", "not a valid PNG picture: the file holds text"),
        ("page.jpg", "not a valid JPEG picture: the file holds a web page"),
        ("bomb.png", "the picture is far too large (a decompression bomb?)"),
        ("huge.png", "the picture is 8000×6000 pixels; the limit is 40 megapixels"),
        ("heavy.png", "the picture file is 25 MB; the limit is 20 MB"),
        ("folder.png", "not a picture file (a folder?)"),
    ],
)
def test_bad_pictures_get_clear_errors(make_pack, name, message):
    root = make_pack({"intro.yaml": _pic(f"images/{name}")})
    _make_pictures(root / "images")
    err = _one(root)
    assert _where(err) == ("intro.yaml", 10, 11)
    assert err.where == "sections[0].blocks[1].path"
    assert err.message.startswith(message), err.message


@pytest.mark.parametrize("name", ["ok.png", "photo.jpeg"])
def test_accepted_pictures(make_pack, name):
    root = make_pack({"intro.yaml": _pic(f"images/{name}")})
    _make_pictures(root / "images")
    r = load_pack(root)
    assert r.errors == []


def test_yaml_module_is_the_safe_one():
    """Positions and limits rely on PyYAML's pure reader walking events first."""
    assert hasattr(yaml, "parse") and hasattr(yaml, "SafeLoader")


def test_picture_file_names_keep_their_exact_spelling(make_pack):
    """Composing characters is for drawn text; a decomposed file name must still match."""
    name = "cafe\u0301.png"  # as some systems store "café.png"
    root = make_pack({"intro.yaml": _pic(f"images/{name}")})
    (root / "images").mkdir()
    _good_png(root / "images" / name)
    r = load_pack(root)
    assert r.errors == []
    assert r.pack is not None and r.pack.sections[0].blocks[1].path == f"images/{name}"  # type: ignore[union-attr]


@pytest.mark.parametrize("marks", [31, 19_990])
def test_a_letter_under_more_than_30_accents_is_refused_at_its_position(make_pack, marks):
    """A letter and 19,998 accents (40 KB) took an export to 1.7 GB and minutes."""
    text = "x" + "\u0302" * marks
    root = make_pack({"intro.yaml": HEAD + f"  - type: text\n    text: 'ok {text}'\n    uncited: true\n"})
    err = _one(root)
    assert _where(err) == ("intro.yaml", 7, 15)  # the letter
    assert err.where == "sections[0].blocks[0].text"
    assert err.message == (
        f"{marks:,} combining marks in a row (accents on one letter); at most 30 are allowed "
        "(Unicode's stream-safe limit)"
    )


def test_thirty_accents_on_a_letter_are_allowed(make_pack):
    text = ("x" + "\u0302" * 30) * 3
    root = make_pack({"intro.yaml": HEAD + f"  - type: text\n    text: '{text}'\n    uncited: true\n"})
    assert load_pack(root).errors == []
