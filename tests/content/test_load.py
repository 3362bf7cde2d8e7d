"""Loading packs: every problem reported with its file, line and column."""

from __future__ import annotations

from pathlib import Path

from infodeck.content.load import load_pack
from infodeck.content.paths import resolve_inside

from conftest import SECTION


def _msgs(root: Path) -> list[str]:
    return [str(p) for p in load_pack(root).problems]


def test_valid_pack_loads(make_pack):
    r = load_pack(make_pack())
    assert r.errors == []
    assert r.pack is not None
    assert r.pack.sections[0].blocks[0].text == "Plants make sugar from light."  # type: ignore[union-attr]


def test_loads_from_pack_yaml_path(make_pack):
    root = make_pack()
    assert load_pack(root / "pack.yaml").pack is not None


def test_wrong_number_reports_file_line_col_and_path(make_pack):
    sec = (
        SECTION
        + "  - type: stat\n    value: ninety\n    unit: '%'\n    label: Things\n    cite: [smith2020]\n"
    )
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is None
    (err,) = r.errors
    assert err.line == 10 and err.col == 12
    assert err.where == "sections[0].blocks[1].value"
    assert "must be a number" in err.message and "'ninety'" in err.message
    assert str(err).endswith(
        "intro.yaml:10:12: sections[0].blocks[1].value: must be a number (got 'ninety')"
    )


def test_percentage_out_of_range(make_pack):
    sec = (
        SECTION
        + "  - type: stat\n    value: 120\n    unit: '%'\n    label: Things\n    uncited: true\n"
    )
    (err,) = load_pack(make_pack({"intro.yaml": sec})).errors
    assert err.where == "sections[0].blocks[1].value"
    assert err.message == "must be a number from 0 to 100 (got 120)"


def test_every_problem_is_reported_not_only_the_first(make_pack):
    bad = SECTION.replace("title: Introduction", "titel: Introduction").replace(
        "cite: [smith2020]", "cite: [nobody]"
    )
    other = "id: second\ntitle: Second\nsummary: s\nnotes: n\nblocks:\n  - type: stat\n    value: inf\n    label: x\n    uncited: true\n"
    msgs = _msgs(make_pack({"intro.yaml": bad, "second.yaml": other}))
    joined = "\n".join(msgs)
    assert "unknown field 'titel'; did you mean 'title'?" in joined
    assert "title: required" in joined
    assert "must be a finite number" in joined or "must be a number" in joined


def test_unknown_citation_is_an_error_with_position(make_pack):
    sec = SECTION.replace("cite: [smith2020]", "cite: [smith2020, jones1999]")
    (err,) = load_pack(make_pack({"intro.yaml": sec})).errors
    assert (err.line, err.col) == (8, 23)
    assert err.where == "sections[0].blocks[0].cite[1]"
    assert "cites 'jones1999'" in err.message and "smith2020" in err.message


def test_strings_stay_strings(make_pack):
    sec = SECTION.replace("title: Introduction", "title: NO").replace(
        "summary: What this is about.", "summary: 1.10"
    )
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None
    assert r.pack.sections[0].title == "NO"
    assert r.pack.sections[0].summary == "1.10"


def test_duplicate_keys_are_errors(make_pack):
    sec = SECTION.replace("notes: Say hello.", "notes: Say hello.\nnotes: Again.")
    (err,) = load_pack(make_pack({"intro.yaml": sec})).errors
    assert err.line == 5 and "duplicate key 'notes' (first given on line 4)" in err.message


def test_aliases_refused_quickly(make_pack, tmp_path):
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (err,) = load_pack(make_pack({"intro.yaml": lol})).errors
    assert "aliases" in err.message and err.line == 2


def test_deep_nesting_refused(make_pack):
    deep = "id: " + "[" * 5000 + "]" * 5000 + "\n"
    (err,) = load_pack(make_pack({"intro.yaml": deep})).errors
    assert "nested more than" in err.message


def test_not_yaml(make_pack):
    (err,) = load_pack(make_pack({"intro.yaml": "id: [unclosed\n"})).errors
    assert err.message.startswith("not valid YAML") and err.line is not None


def test_utf16_and_latin1(make_pack):
    root = make_pack()
    (root / "sections" / "intro.yaml").write_bytes(SECTION.encode("utf-16"))
    assert "UTF-16" in load_pack(root).errors[0].message
    (root / "sections" / "intro.yaml").write_bytes(
        SECTION.replace("Say hello.", "Café").encode("latin-1")
    )
    (err,) = load_pack(root).errors
    assert "not UTF-8" in err.message and (err.line, err.col) == (4, 11)


def test_empty_file(make_pack):
    (err,) = load_pack(make_pack({"intro.yaml": "\n\n"})).errors
    assert "empty" in err.message


def test_control_characters_removed_with_warning(make_pack):
    sec = SECTION.replace("Plants make", "Plants\x0b make\x0c")
    r = load_pack(make_pack({"intro.yaml": sec}))
    assert r.pack is not None
    (w,) = r.warnings
    assert w.line == 7 and "U+000B" in w.message and "U+000C" in w.message
    assert "\x0b" not in r.pack.sections[0].blocks[0].text  # type: ignore[union-attr]


def test_missing_section_file_and_bad_paths(make_pack):
    root = make_pack()
    text = (root / "pack.yaml").read_text() + "  - sections/missing.yaml\n  - ../outside.yaml\n"
    (root / "pack.yaml").write_text(text)
    msgs = "\n".join(_msgs(root))
    assert "section file 'sections/missing.yaml' not found" in msgs
    assert "must stay inside the pack folder" in msgs


def test_resolve_inside_refuses_escapes(tmp_path):
    (tmp_path / "pics").mkdir()
    outside = tmp_path.parent / "outside.png"
    (tmp_path / "pics" / "link.png").symlink_to(outside)
    assert isinstance(resolve_inside(tmp_path, "pics/a.png"), Path)
    for bad in (
        "../a.png",
        "/etc/passwd",
        "C:/x.png",
        "\\\\server\\share\\x.png",
        "file:///etc/passwd",
        "https://example.com/x.png",
        "pics/link.png",
    ):
        assert isinstance(resolve_inside(tmp_path, bad), str), bad


def test_picture_checks(make_pack):
    from PIL import Image

    def pic(path: str) -> str:
        return (
            SECTION
            + f"  - type: picture\n    path: {path}\n    alt: A picture\n    cite: [smith2020]\n"
        )

    root = make_pack({"intro.yaml": pic("images/ok.png")})
    (root / "images").mkdir()
    Image.new("RGB", (20, 10), "red").save(root / "images" / "ok.png")
    assert load_pack(root).pack is not None
    (root / "images" / "empty.png").write_bytes(b"")
    (root / "images" / "fake.png").write_bytes(b"not a png at all")
    (root / "images" / "pic.gif").write_bytes(b"GIF89a")
    for name, expected in (
        ("empty.png", "empty"),
        ("fake.png", "not a valid PNG"),
        ("pic.gif", "unsupported picture type"),
        ("nothere.png", "picture not found"),
    ):
        (root / "sections" / "intro.yaml").write_text(pic(f"images/{name}"))
        (err,) = load_pack(root).errors
        assert expected in err.message, (name, err)
        assert err.where == "sections[0].blocks[1].path"


def test_builtin_pack_is_valid():
    from conftest import BUILTIN

    r = load_pack(BUILTIN)
    assert r.errors == [], "\n".join(map(str, r.errors))
    pack = r.pack
    assert pack is not None
    assert len(pack.references) == 9
    assert all(s.notes for s in pack.sections)
    manu = [s for s in pack.sections if s.kind == "manufacturer"]
    assert len(manu) == 1 and not manu[0].default


def test_unclosed_bracket_points_where_it_opened(make_pack):
    root = make_pack({"intro.yaml": "id: intro\ntitle: [Photo, synthesis\nsummary: s\n"})
    (p,) = load_pack(root).problems
    assert (p.line, p.col) == (2, 8)
    assert "'[' is not closed before line 3" in p.message


def test_unclosed_quote_points_where_it_opened(make_pack):
    root = make_pack({"intro.yaml": 'id: intro\ntitle: "Photo\nsummary: s\n'})
    (p,) = load_pack(root).problems
    assert (p.line, p.col) == (2, 8)
    assert "quoted text is never closed" in p.message


def test_brackets_inside_quotes_and_comments_are_not_counted(make_pack):
    text = 'id: intro\ntitle: "a [b"  # a { c\nsummary: [x, {y: z}\n'
    (p,) = load_pack(make_pack({"intro.yaml": text})).problems
    assert (p.line, p.col) == (3, 10), p
