"""Icons in packs: names checked with positions, a pack's own icons, and their files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from infodeck.cli import main
from infodeck.content.load import load_pack
from infodeck.content.problems import Problem

from conftest import ROOT, SECTION

NS = 'xmlns="http://www.w3.org/2000/svg"'
LEAF = f'<svg {NS} viewBox="0 0 48 48"><title>Leaf</title><path d="M8 40L40 8"/></svg>'
STAT = SECTION + "  - type: stat\n    value: 5\n    label: Things\n    icon: {icon}\n    uncited: true\n"
PATHWAY = SECTION + (
    "  - type: diagram\n    kind: pathway\n    title: Steps\n    uncited: true\n    steps:\n"
    "      - label: One\n        icon: brain\n      - label: Two\n        icon: {icon}\n"
)


def _errors(root: Path) -> list[Problem]:
    return load_pack(root).errors


def test_builtin_icons_load_on_every_part(make_pack):
    body = SECTION + (
        "  - type: stat\n    value: 5\n    label: Things\n    icon: pill\n    uncited: true\n"
        "  - type: diagram\n    kind: axis\n    title: Axis\n    uncited: true\n"
        "    left: {label: Gut, icon: gut}\n    right: {label: Brain, icon: brain}\n"
        "    channels: [{label: Nerves}]\n"
        "  - type: diagram\n    kind: cluster\n    title: C\n    uncited: true\n"
        "    centre: Middle\n    centre_icon: shield\n    items: [{label: A, icon: warning}]\n"
    )
    r = load_pack(make_pack({"intro.yaml": body}))
    assert r.errors == [] and r.pack is not None
    assert r.pack.icons == {}  # built-in icons are not copied into each pack


def test_unknown_icon_names_the_close_match_and_the_search_with_its_position(make_pack):
    (err,) = _errors(make_pack({"intro.yaml": STAT.format(icon="brian")}))
    assert (err.line, err.col, err.where) == (12, 11, "sections[0].blocks[1].icon")
    assert "unknown icon 'brian'; did you mean 'brain'?" in err.message
    assert "'infodeck icons WORD'" in err.message  # the library is too long to list
    assert "icons/brian.svg" in err.message  # how to bring one's own


def test_unknown_icon_on_a_diagram_part(make_pack):
    (err,) = _errors(make_pack({"intro.yaml": PATHWAY.format(icon="nerve")}))
    assert err.where == "sections[0].blocks[1].steps[1].icon"
    assert (err.line, err.col) == (17, 15)
    # not close by spelling, but 'nerve' is one of the neuron icon's keywords
    assert "unknown icon 'nerve'; did you mean 'neuron'?" in err.message


def test_part_of_a_name_suggests_the_icon(make_pack):
    (err,) = _errors(make_pack({"intro.yaml": STAT.format(icon="fruit")}))
    assert "did you mean 'fruit-vegetables'?" in err.message


def test_icon_names_have_the_id_form(make_pack):
    (err,) = _errors(make_pack({"intro.yaml": STAT.format(icon="Brain.svg")}))
    assert err.where == "sections[0].blocks[1].icon"
    assert "lowercase letters, digits and '-'" in err.message


def test_icon_field_only_where_it_belongs(make_pack):
    body = SECTION.replace("    cite: [smith2020]\n", "    cite: [smith2020]\n    icon: brain\n")
    (err,) = _errors(make_pack({"intro.yaml": body}))
    assert err.message.startswith("unknown field 'icon'")


def test_a_pack_brings_its_own_icon(make_pack):
    root = make_pack({"intro.yaml": STAT.format(icon="my-leaf")})
    (root / "icons").mkdir()
    (root / "icons" / "my-leaf.svg").write_text(LEAF)
    r = load_pack(root)
    assert r.problems == [] and r.pack is not None
    assert r.pack.icons["my-leaf"].title == "Leaf"
    assert root / "icons" / "my-leaf.svg" in r.files  # watched: redrawing it refreshes the preview


def test_a_pack_icon_with_a_builtin_name_replaces_it_with_a_warning(make_pack):
    root = make_pack({"intro.yaml": STAT.format(icon="brain")})
    (root / "icons").mkdir()
    (root / "icons" / "brain.svg").write_text(LEAF)
    r = load_pack(root)
    assert r.errors == [] and r.pack is not None
    (w,) = r.warnings
    assert w.file.endswith(os.path.join("icons", "brain.svg"))
    assert "replaces the built-in icon 'brain' in this pack" in w.message
    assert r.pack.icons["brain"].title == "Leaf"


def test_a_broken_pack_icon_is_reported_in_its_own_file(make_pack):
    root = make_pack({"intro.yaml": STAT.format(icon="my-leaf")})
    (root / "icons").mkdir()
    (root / "icons" / "my-leaf.svg").write_text(
        f'<svg {NS} viewBox="0 0 48 48">\n  <image href="leaf.png"/>\n</svg>'
    )
    (err,) = load_pack(root).problems  # using the broken icon is not reported again
    assert err.file.endswith(os.path.join("icons", "my-leaf.svg"))
    assert (err.line, err.col) == (2, 3)
    assert "href" in err.message
    assert "my-leaf.svg:2:3: links and references (href) are not allowed in icons" in str(err)


def test_icon_files_are_named_and_typed_properly(make_pack):
    root = make_pack()
    (root / "icons").mkdir()
    (root / "icons" / "My Leaf.svg").write_text(LEAF)
    (root / "icons" / "sun.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "icons" / ".hidden.svg").write_text("not read")
    problems = load_pack(root).problems
    by_file = {Path(p.file).name: p for p in problems}
    assert set(by_file) == {"My Leaf.svg", "sun.png"}
    assert "'my-leaf.svg'" in by_file["My Leaf.svg"].message
    assert by_file["sun.png"].severity == "warning" and "SVG" in by_file["sun.png"].message


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_icons_stay_inside_the_pack(make_pack, tmp_path):
    outside = tmp_path / "outside.svg"
    outside.write_text(LEAF)
    root = make_pack({"intro.yaml": STAT.format(icon="leaf")})
    (root / "icons").mkdir()
    (root / "icons" / "leaf.svg").symlink_to(outside)
    msgs = [str(p) for p in load_pack(root).errors]
    assert any("outside the pack folder" in m for m in msgs), msgs
    # A whole icons folder that leads out is refused too.
    root2 = make_pack({"intro.yaml": SECTION}, name="pack2")
    (root2 / "icons").symlink_to(tmp_path)
    assert any("outside the pack folder" in str(p) for p in load_pack(root2).errors)


def test_cli_check_exits_2_naming_the_position(make_pack, capsys):
    root = make_pack({"intro.yaml": STAT.format(icon="brian")})
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "intro.yaml:12:11: sections[0].blocks[1].icon: unknown icon 'brian'" in err


def test_the_photosynthesis_pack_uses_the_library_and_brings_air(tmp_path):
    src = ROOT / "tests" / "data" / "photosynthesis"
    r = load_pack(src)
    assert r.pack is not None and r.problems == []
    assert sorted(r.pack.icons) == ["air"]  # leaf and sun come from the library
    copy = tmp_path / "p"
    shutil.copytree(src, copy)
    (copy / "icons" / "air.svg").unlink()
    errors = load_pack(copy).errors
    assert len(errors) == 1  # the axis diagram's right hub
    assert "unknown icon 'air'" in errors[0].message and errors[0].line is not None


def test_a_packs_icons_are_bounded_in_path_commands_together(make_pack, monkeypatch):
    """200 icons of 20,000 commands each were allowed: minutes of reading."""
    from infodeck.content import icons as mod

    monkeypatch.setattr(mod, "MAX_PACK_COMMANDS", 25)
    root = make_pack()
    (root / "icons").mkdir()
    square = f'<svg {NS} viewBox="0 0 48 48"><path d="{"M0 0h4v4h-4z" * 2}"/></svg>'  # 10 commands
    for name in ("a", "b", "c", "d"):
        (root / "icons" / f"{name}.svg").write_text(square, encoding="utf-8")
    (err,) = _errors(root)
    assert Path(err.file).name == "c.svg"
    assert err.message.startswith("the pack's icons hold more than 25 path commands together")
    monkeypatch.setattr(mod, "MAX_PACK_COMMANDS", 40_000)
    assert _errors(root) == []
