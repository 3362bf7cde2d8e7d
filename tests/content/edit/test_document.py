"""The document model: commands apply, undo and redo; saving keeps the teacher's files."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from infodeck.content.edit.document import (
    EditError,
    PackDocument,
    ReferenceInUse,
    SaveConflict,
)
from infodeck.content.load import load_pack
from infodeck.content.starters import block_starter, section_starter

ROOT = Path(__file__).resolve().parents[3]
BUILTIN = ROOT / "content" / "gut-health-migraines"
PHOTO = ROOT / "tests" / "data" / "photosynthesis"


@pytest.fixture(params=["builtin", "photosynthesis"])
def pack(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    src = BUILTIN if request.param == "builtin" else PHOTO
    dst = tmp_path / request.param
    shutil.copytree(src, dst)
    return dst


def _texts(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.yaml"))
    }


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_open_finds_what_the_loader_finds(pack: Path) -> None:
    doc = PackDocument.open(pack)
    loaded = load_pack(pack)
    assert [str(p) for p in doc.problems] == [str(p) for p in loaded.problems]
    assert doc.validation.pack is not None and loaded.pack is not None
    assert [s.id for s in doc.validation.pack.sections] == [s.id for s in loaded.pack.sections]
    assert not doc.dirty and doc.dirty_files() == []


def test_only_edited_lines_change_on_save(pack: Path) -> None:
    before = _texts(pack)
    doc = PackDocument.open(pack)
    first = doc.section_files()[1]
    doc.set_value(first, ("title",), "A new title")
    doc.set_value("pack.yaml", ("audience",), "Year 9")
    notes = doc.get(first, ("notes",))
    doc.set_value(first, ("notes",), notes + " One more sentence.")
    assert doc.dirty and set(doc.dirty_files()) == {first, "pack.yaml"}
    written = doc.save()
    assert set(written) == {first, "pack.yaml"}
    after = _texts(pack)
    for rel in before:
        if rel not in written:
            assert after[rel] == before[rel], rel
    removed, added = _changed_lines(before["pack.yaml"], after["pack.yaml"])
    assert len(removed) == 1 and removed[0].startswith("audience:")
    assert added == ["audience: Year 9"]
    removed, added = _changed_lines(before[first], after[first])
    assert any(r.startswith("title:") for r in removed)
    assert "title: A new title" in added
    # A sentence added to folded notes (>-) changes their last line, not the others.
    assert len(removed) <= 2 and len(added) <= 3, (removed, added)
    # Everything else in the file (comments, other keys, blocks) is byte for byte the same.
    untouched_b = [ln for ln in before[first].splitlines() if ln not in removed]
    untouched_a = [ln for ln in after[first].splitlines() if ln not in added]
    assert untouched_a == untouched_b
    assert load_pack(pack).pack is not None
    assert not doc.dirty


def test_typing_into_a_field_is_one_undo_step(pack: Path) -> None:
    doc = PackDocument.open(pack)
    rel = doc.section_files()[0]
    original = doc.get(rel, ("title",))
    for text in ("N", "Ne", "New"):
        doc.set_value(rel, ("title",), text)
    doc.end_typing()
    doc.set_value(rel, ("title",), "New title")
    assert doc.undo_label == "Edit title"
    doc.undo()
    assert doc.get(rel, ("title",)) == "New"
    doc.undo()
    assert doc.get(rel, ("title",)) == original
    assert not doc.dirty
    doc.redo()
    doc.redo()
    assert doc.get(rel, ("title",)) == "New title"
    assert not doc.can_redo


def _round_trip(doc: PackDocument, edit: Callable[[], object]) -> None:
    """Apply ``edit``, undo it (every text as before), redo it (as after)."""
    before = {r: doc.text(r) for r in doc.files()}
    edit()
    after = {r: doc.text(r) for r in doc.files()}
    assert after != before
    doc.undo()
    assert {r: doc.text(r) for r in doc.files()} == before
    assert not doc.dirty
    doc.redo()
    assert {r: doc.text(r) for r in doc.files()} == after
    doc.undo()


def test_every_command_applies_undoes_and_redoes(pack: Path) -> None:
    doc = PackDocument.open(pack)
    rels = doc.section_files()
    rel = next(r for r in rels if len(doc.get(r, ("blocks",), [])) >= 2)
    refs = doc.references()
    key = refs[0]["key"]
    edits: list[Callable[[], object]] = [
        lambda: doc.set_value("pack.yaml", ("title",), "Another title"),
        lambda: doc.set_value("pack.yaml", ("subtitle",), None),
        lambda: doc.set_value(rel, ("takeaway",), "A takeaway"),
        lambda: doc.set_value(rel, ("icon",), "warning"),
        lambda: doc.set_value(rel, ("blocks", 0, "uncited"), True),
        lambda: doc.add_block(rel, block_starter("pathway"), 0),
        lambda: doc.add_block(rel, block_starter("bullets")),
        lambda: doc.delete_block(rel, 1),
        lambda: doc.duplicate_block(rel, 0),
        lambda: doc.move_block(rel, 0, 1),
        lambda: doc.add_section(section_starter("chart"), 1),
        lambda: doc.delete_section(rels[-1]),
        lambda: doc.duplicate_section(rels[1]),
        lambda: doc.move_section(0, 2),
        lambda: doc.add_reference(
            {"key": "new2025", "authors": "Doe J", "title": "A new study", "year": 2025}
        ),
        lambda: doc.edit_reference(key, "title", "Changed title"),
        lambda: doc.edit_reference(key, "key", "renamed2020"),
        lambda: doc.delete_reference(key, "remove-citations"),
        lambda: doc.delete_reference(key, "mark-uncited"),
    ]
    for edit in edits:
        _round_trip(doc, edit)
    assert not doc.dirty


def test_nested_diagram_lists(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(PHOTO, root)
    doc = PackDocument.open(root)
    rel = doc.section_rel("light-reactions")
    steps = ("blocks", 0, "steps")
    doc.insert(rel, steps, 1, {"label": "A new step"})
    doc.set_value(rel, (*steps, 0, "highlight"), True)
    doc.move(rel, steps, 0, 3)
    doc.set_value(rel, ("blocks", 0, "cite"), ["campbell2020", "field1998"])
    doc.remove(rel, steps, 2)
    assert doc.problems == [] or all(p.severity == "warning" for p in doc.problems)
    pack = doc.validation.pack
    assert pack is not None
    labels = [s.label for s in pack.section("light-reactions").blocks[0].steps]  # type: ignore[union-attr]
    assert labels[0] == "A new step" and "Light is absorbed by chlorophyll" in labels
    doc.save()
    assert load_pack(root).pack is not None


def test_problems_point_at_the_text_as_saved(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    doc = PackDocument.open(root)
    rel = "sections/intro.yaml"
    doc.add_block(rel, {"type": "stat", "value": 150, "unit": "%", "label": "Too many"}, 0)
    errors = doc.validation.errors
    assert len(errors) == 1
    text = doc.text(rel)
    assert text is not None
    line = text.splitlines()[errors[0].line - 1]  # type: ignore[operator]
    assert "value: 150" in line
    assert errors[0].where == "sections[0].blocks[0].value"
    # The broken section is left out of the pack; the pack itself is still there.
    assert doc.validation.pack is not None and doc.validation.pack.sections == []
    assert doc.validation.sections[rel] is None
    doc.undo()
    assert doc.validation.errors == []


def test_delete_a_cited_reference(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    doc = PackDocument.open(root)
    with pytest.raises(ReferenceInUse) as e:
        doc.delete_reference("smith2020", "refuse")
    assert e.value.places == [("sections/intro.yaml", ("blocks", 0, "cite"))]
    doc.delete_reference("smith2020", "mark-uncited")
    assert doc.get("sections/intro.yaml", ("blocks", 0)) == {
        "type": "text",
        "text": "Plants make sugar from light.",
        "uncited": True,
    }
    assert doc.validation.errors == []
    doc.undo()
    doc.delete_reference("smith2020", "remove-citations")
    assert "cite" not in doc.get("sections/intro.yaml", ("blocks", 0))
    assert doc.validation.errors == []


def test_renaming_a_reference_key_renames_its_citations(make_pack: Callable[..., Path]) -> None:
    doc = PackDocument.open(make_pack())
    doc.edit_reference("smith2020", "key", "smith2021")
    assert doc.get("sections/intro.yaml", ("blocks", 0, "cite")) == ["smith2021"]
    assert doc.validation.errors == []
    with pytest.raises(EditError, match="already a reference"):
        doc.add_reference({"key": "smith2021", "authors": "X", "title": "Y", "year": 2000})


def test_sections_get_unique_ids_and_files(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    doc = PackDocument.open(root)
    a = doc.add_section(section_starter("text"))
    b = doc.add_section(section_starter("text"))
    c = doc.duplicate_section("sections/intro.yaml")
    assert a == "sections/new-section-text-and-bullets.yaml" or a.startswith("sections/new-")
    assert len({a, b, c}) == 3
    ids = [doc.section_id(r) for r in doc.section_files()]
    assert len(set(ids)) == len(ids) == 4
    assert doc.section_files()[1] == c and doc.get(c, ("title",)) == "Introduction (copy)"
    doc.delete_section("sections/intro.yaml")
    assert doc.validation.errors == []
    doc.save()
    assert not (root / "sections" / "intro.yaml").exists()
    assert (root / b).is_file()
    loaded = load_pack(root)
    assert loaded.pack is not None
    assert [s.id for s in loaded.pack.sections] == ids[1:]


def test_conflict_with_changes_on_disk(pack: Path) -> None:
    doc = PackDocument.open(pack)
    rel = doc.section_files()[0]
    doc.set_value(rel, ("summary",), "Mine")
    theirs = (pack / rel).read_text(encoding="utf-8").replace("summary:", "summary: Theirs #", 1)
    (pack / rel).write_text(theirs, encoding="utf-8")
    with pytest.raises(SaveConflict) as e:
        doc.save()
    (conflict,) = e.value.conflicts
    assert conflict.file == rel and conflict.theirs == theirs
    assert conflict.mine is not None and "summary: Mine" in conflict.mine
    assert (pack / rel).read_text(encoding="utf-8") == theirs  # nothing written
    assert doc.check_disk() == ([], [conflict])
    doc.keep_mine(rel)
    doc.save()
    assert "summary: Mine" in (pack / rel).read_text(encoding="utf-8")


def test_reload_takes_theirs(pack: Path) -> None:
    doc = PackDocument.open(pack)
    rel = doc.section_files()[0]
    doc.set_value(rel, ("summary",), "Mine")
    theirs = (pack / rel).read_text(encoding="utf-8").replace("title:", "title: Theirs #", 1)
    (pack / rel).write_text(theirs, encoding="utf-8")
    assert doc.reload(rel) == [rel]
    assert not doc.dirty and not doc.can_undo
    assert doc.text(rel) == theirs


def test_changes_on_disk_without_edits_are_followed(pack: Path) -> None:
    doc = PackDocument.open(pack)
    rel = doc.section_files()[0]
    text = (pack / rel).read_text(encoding="utf-8").replace("title:", "title: Outside #", 1)
    (pack / rel).write_text(text, encoding="utf-8")
    assert doc.check_disk() == ([rel], [])
    assert doc.text(rel) == text


def test_edits_survive_in_files_ruamel_writes_differently(tmp_path: Path) -> None:
    """A file in a style ruamel.yaml would rewrite: only the edited line changes."""
    root = tmp_path / "p"
    (root / "sections").mkdir(parents=True)
    (root / "pack.yaml").write_text(
        "id: odd\ntitle:   Spaced   # note\nauthor: A\naudience: B\nsections: [sections/a.yaml]\n",
        encoding="utf-8",
    )
    section = (
        "id: a\ntitle: A\nsummary: a plain scalar\n  over two lines\nnotes: N\n"
        "blocks:\n- type: text\n  text: 'single'\n- type: bullets\n  items:\n  - one\n  - NO\n"
    )
    (root / "sections" / "a.yaml").write_text(section, encoding="utf-8")
    (root / "references.yaml").write_text("references: []\n", encoding="utf-8")
    doc = PackDocument.open(root)
    doc.set_value("sections/a.yaml", ("blocks", 0, "text"), "edited")
    doc.save()
    after = (root / "sections" / "a.yaml").read_text(encoding="utf-8")
    assert _changed_lines(section, after) == (["  text: 'single'"], ["  text: 'edited'"])
    loaded = load_pack(root)
    assert loaded.pack is not None
    assert loaded.pack.sections[0].blocks[1].items == ["one", "NO"]  # type: ignore[union-attr]
    assert (root / "pack.yaml").read_text(encoding="utf-8").startswith("id: odd\ntitle:   Spaced")


def test_a_broken_file_is_listed_and_not_editable(make_pack: Callable[..., Path]) -> None:
    broken = "id: b\ntitle: [unclosed\nsummary: x\nnotes: y\n"
    intro = "id: intro\ntitle: Intro\nsummary: s\nnotes: n\n"
    root = make_pack(sections={"intro.yaml": intro, "b.yaml": broken})
    doc = PackDocument.open(root)
    assert not doc.editable("sections/b.yaml")
    assert doc.validation.sections["sections/b.yaml"] is None
    assert doc.validation.section_problems["sections/b.yaml"]
    assert doc.validation.pack is not None
    assert [s.id for s in doc.validation.pack.sections] == ["intro"]
    with pytest.raises(EditError, match="cannot be edited"):
        doc.set_value("sections/b.yaml", ("title",), "x")


def _png(path: Path, size: tuple[int, int] = (40, 30), mode: str = "RGB") -> Path:
    from PIL import Image

    Image.new(mode, size).save(path, format="PNG")
    return path


def test_add_a_picture(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    doc = PackDocument.open(root)
    rel = "sections/intro.yaml"
    source = _png(tmp_path / "My Leaf.PNG")
    path = doc.add_picture(rel, source, alt="A leaf", credit="Photo: A. Smith", licence="CC0")
    assert path == "images/my-leaf.png" and (root / path).read_bytes() == source.read_bytes()
    assert doc.get(rel, ("blocks", 1)) == {
        "type": "picture",
        "path": path,
        "alt": "A leaf",
        "credit": "Photo: A. Smith",
        "licence": "CC0",
    }
    assert doc.validation.errors == []
    pack = doc.validation.pack
    assert pack is not None and path in pack.pictures
    # The same picture again is the same file; another one with that name gets its own.
    assert doc.add_picture(rel, source, alt="Again") == path
    (tmp_path / "b").mkdir()
    other = _png(tmp_path / "b" / "My Leaf.png", (10, 10))
    assert doc.add_picture(rel, other, alt="Another") == "images/my-leaf-2.png"
    doc.undo()
    assert not (root / "images" / "my-leaf-2.png").exists()
    doc.undo()
    doc.undo()
    assert not (root / path).exists() and not doc.dirty
    doc.redo()
    assert (root / path).is_file()


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        ("leaf.png", lambda p: p.write_bytes(b"GIF89a" + bytes(100)), "GIF picture named '.png'"),
        ("leaf.bmp", lambda p: p.write_bytes(b"BM" + bytes(100)), "only PNG and JPEG"),
        ("huge.png", lambda p: _png(p, (8000, 5001), "1"), "the limit is 40 megapixels"),
        ("empty.png", lambda p: p.write_bytes(b""), "empty"),
        ("page.jpg", lambda p: p.write_text("<html>", encoding="utf-8"), "web page"),
    ],
)
def test_pictures_the_loader_would_refuse_are_refused(
    make_pack: Callable[..., Path],
    tmp_path: Path,
    name: str,
    make: Callable[[Path], object],
    said: str,
) -> None:
    root = make_pack()
    doc = PackDocument.open(root)
    source = tmp_path / name
    make(source)
    with pytest.raises(EditError, match=said):
        doc.add_picture("sections/intro.yaml", source, alt="Something")
    assert not (root / "images").exists() and not doc.can_undo


def test_a_picture_needs_alt_text(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    doc = PackDocument.open(make_pack())
    with pytest.raises(EditError, match="alt text is required"):
        doc.add_picture("sections/intro.yaml", _png(tmp_path / "a.png"), alt="  ")


def test_add_a_pack_icon(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    doc = PackDocument.open(root)
    svg = tmp_path / "leaf.svg"
    svg.write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 48 48'>"
        "<path d='M 8 40 C 8 16 24 8 40 8 C 40 32 24 40 8 40 Z' fill='#000'/></svg>",
        encoding="utf-8",
    )
    name = doc.add_icon(svg, "Green Leaf")
    assert name == "green-leaf" and (root / "icons" / "green-leaf.svg").is_file()
    doc.add_block("sections/intro.yaml", {"type": "stat", "value": 3, "label": "x", "icon": name})
    assert doc.validation.errors == []
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg xmlns='http://www.w3.org/2000/svg'><path d='M 0 0 L", encoding="utf-8")
    with pytest.raises(EditError, match=r"bad\.svg"):
        doc.add_icon(bad)
    with pytest.raises(EditError, match="icons are SVG"):
        doc.add_icon(_png(tmp_path / "icon.png"))
    doc.undo()  # the stat
    doc.undo()  # the icon
    assert not (root / "icons" / "green-leaf.svg").exists()


def test_a_file_deleted_on_disk_is_a_conflict(pack: Path) -> None:
    doc = PackDocument.open(pack)
    rel = doc.section_files()[0]
    doc.set_value(rel, ("summary",), "Mine")
    (pack / rel).unlink()
    with pytest.raises(SaveConflict) as e:
        doc.save()
    assert e.value.conflicts[0].theirs is None
    doc.save(overwrite=[rel])
    assert "summary: Mine" in (pack / rel).read_text(encoding="utf-8")


def test_a_failed_save_leaves_the_files_and_no_temporary_files(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from infodeck.content.edit.document import SaveError

    doc = PackDocument.open(pack)
    before = _texts(pack)
    doc.set_value("pack.yaml", ("title",), "T")
    doc.set_value(doc.section_files()[0], ("title",), "U")
    real_fsync = os.fsync
    calls = []

    def failing(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(SaveError, match="the drive is full"):
        doc.save()
    monkeypatch.undo()
    assert _texts(pack) == before
    assert not [p for p in pack.rglob("*") if p.name.endswith(".infodeck.tmp")]
    assert doc.dirty
    doc.save()
    assert _texts(pack) != before


def test_an_edit_is_checked_again_quickly(pack: Path) -> None:
    """Only the touched file is read again (a generous bound; the figure is in the report)."""
    import time

    doc = PackDocument.open(pack)
    rel = doc.section_files()[1]
    times = []
    for i in range(5):
        t0 = time.perf_counter()
        doc.set_value(rel, ("summary",), f"Summary {i}")
        times.append(time.perf_counter() - t0)
    assert sorted(times)[2] < 0.25


def test_pictures_are_checked_as_the_loader_checks_them_and_read_once(
    make_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from infodeck.content import pictures

    section = (
        "id: pics\ntitle: Pictures\nsummary: s\nnotes: n\nblocks:\n"
        "  - {type: picture, path: images/ok.png, alt: fine}\n"
        "  - {type: picture, path: images/missing.png, alt: gone}\n"
        "  - {type: picture, path: images/fake.png, alt: a GIF}\n"
        "  - {type: picture, path: ../outside.png, alt: out}\n"
    )
    root = make_pack(
        sections={"intro.yaml": "id: intro\ntitle: I\nsummary: s\nnotes: n\n", "pics.yaml": section}
    )
    (root / "images").mkdir()
    _png(root / "images" / "ok.png")
    (root / "images" / "fake.png").write_bytes(b"GIF89a" + bytes(50))
    doc = PackDocument.open(root)
    assert [str(p) for p in doc.problems] == [str(p) for p in load_pack(root).problems]
    assert len(doc.validation.errors) == 3
    reads: list[str] = []
    real = pictures.read_picture
    monkeypatch.setattr(
        pictures, "read_picture", lambda r, rel: reads.append(rel) or real(r, rel)
    )
    doc.set_value("sections/pics.yaml", ("summary",), "edited")
    # Files unchanged since they were read are not read again; what was not found is
    # looked for again (cheap: nothing to read).
    assert "images/ok.png" not in reads and "images/fake.png" not in reads
    assert "images/missing.png" in reads
    _png(root / "images" / "ok.png", (20, 20))  # changed on disk: read again
    doc.set_value("sections/pics.yaml", ("summary",), "edited again")
    assert "images/ok.png" in reads


def test_windows_line_ends_and_a_byte_order_mark_are_kept(
    make_pack: Callable[..., Path],
) -> None:
    root = make_pack()
    path = root / "sections" / "intro.yaml"
    original = path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + original)
    doc = PackDocument.open(root)
    assert doc.validation.errors == []
    doc.set_value("sections/intro.yaml", ("title",), "Changed")
    doc.save()
    saved = path.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf")
    assert saved[3:] == original.replace(b"title: Introduction", b"title: Changed")


def test_a_file_that_is_not_utf8_is_never_rewritten(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    path = root / "sections" / "intro.yaml"
    raw = path.read_bytes().replace(b"Introduction", b"Introducci\xf3n")  # Latin-1
    path.write_bytes(raw)
    doc = PackDocument.open(root)
    assert not doc.editable("sections/intro.yaml")
    assert any("not UTF-8" in p.message for p in doc.validation.errors)
    doc.set_value("pack.yaml", ("title",), "Other")
    doc.save()
    assert path.read_bytes() == raw


def test_a_refused_edit_changes_nothing(make_pack: Callable[..., Path]) -> None:
    doc = PackDocument.open(make_pack())
    before = doc.text("sections/intro.yaml")
    with pytest.raises(EditError, match="nothing at"):
        doc.set_value("sections/intro.yaml", ("extra", "deeper", 0), "x")
    with pytest.raises(EditError, match="nothing at"):
        doc.set_value("sections/intro.yaml", ("blocks", 7, "text"), "x")
    with pytest.raises(EditError, match="no such file"):
        doc.set_value("sections/none.yaml", ("title",), "x")
    assert doc.text("sections/intro.yaml") == before and not doc.dirty and not doc.can_undo


def test_markup_is_saved_as_typed(tmp_path: Path) -> None:
    """Text with markup stays as typed: a star at the start is quoted, escapes are kept."""
    root = tmp_path / "p"
    (root / "sections").mkdir(parents=True)
    (root / "pack.yaml").write_text(
        "id: m\ntitle: M\nauthor: A\naudience: B\nsections: [sections/a.yaml]\n",
        encoding="utf-8",
    )
    section = (
        "id: a\ntitle: A\nsummary: CO~2~ and *air*\nnotes: N\n"
        "blocks:\n- type: text\n  text: 'x'\n  uncited: true\n"
        "- type: bullets\n  uncited: true\n  items:\n  - '**Light** first, 2 \\* 3'\n"
    )
    (root / "sections" / "a.yaml").write_text(section, encoding="utf-8")
    (root / "references.yaml").write_text("references: []\n", encoding="utf-8")
    doc = PackDocument.open(root)
    typed = "**Bold** start, *italic*, CO~2~, x^2^, a \\* star, 10\u00a0km, “quoted”"
    doc.set_value("sections/a.yaml", ("blocks", 0, "text"), typed)
    doc.save()
    after = (root / "sections" / "a.yaml").read_text(encoding="utf-8")
    assert "summary: CO~2~ and *air*\n" in after  # untouched lines as they were
    assert "  - '**Light** first, 2 \\* 3'\n" in after
    loaded = load_pack(root)
    assert loaded.pack is not None and not loaded.errors
    blocks = loaded.pack.sections[0].blocks
    assert blocks[0].text == typed  # type: ignore[union-attr]
    assert blocks[1].items == ["**Light** first, 2 \\* 3"]  # type: ignore[union-attr]
