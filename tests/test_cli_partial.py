"""The command line with a pack that has errors: `check` lists everything, export stays strict."""

from __future__ import annotations

from infodeck.cli import main

from conftest import SECTION

BROKEN = SECTION.replace("id: intro", "id: broken").replace("title: Introduction", "titel: B")
SECOND = SECTION.replace("id: intro", "id: second").replace("Introduction", "Second")


def test_check_counts_errors_and_names_the_broken_sections(make_pack, capsys):
    root = make_pack({"intro.yaml": SECTION, "broken.yaml": BROKEN})
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        "2 errors, 0 warnings; 1 of 2 sections can be used; with errors: "
        "sections/broken.yaml (broken)"
    )


def test_check_of_a_good_pack_words_its_counts(make_pack, capsys):
    root = make_pack({"intro.yaml": SECTION})
    assert main(["check", str(root)]) == 0
    assert capsys.readouterr().out.strip() == (
        "ok: Test pack — 1 section, 1 reference, 0 warnings"
    )


def test_export_of_a_pack_with_one_error_says_one_error(make_pack, tmp_path, capsys):
    root = make_pack({"intro.yaml": SECTION, "second.yaml": SECOND.replace("[smith2020]", "[x]")})
    out = tmp_path / "out"
    assert main(["export", str(root), "--out", str(out), "--formats", "pptx"]) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == (
        "infodeck: the pack has 1 error; fix it and try again "
        "(--skip-broken exports the 1 section without errors)"
    )
    assert not out.exists()


def test_skip_broken_exports_the_usable_sections_and_names_the_others(make_pack, tmp_path, capsys):
    from pptx import Presentation

    root = make_pack({"intro.yaml": SECTION, "broken.yaml": BROKEN, "second.yaml": SECOND})
    out = tmp_path / "out"
    args = ["export", str(root), "--out", str(out), "--formats", "pptx", "--skip-broken"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "note: skipped sections[1] sections/broken.yaml (broken): it has errors" in err
    deck = Presentation(str(out / "test-pack.pptx"))
    text = " ".join(
        sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame
    )
    assert "Introduction" in text and "Second" in text


def test_skip_broken_refuses_a_broken_section_asked_for_by_name(make_pack, tmp_path, capsys):
    root = make_pack({"intro.yaml": SECTION, "broken.yaml": BROKEN})
    out = tmp_path / "out"
    args = ["export", str(root), "--out", str(out), "--skip-broken", "--sections", "broken"]
    assert main(args) == 2
    assert "section 'broken' cannot be exported: it has errors" in capsys.readouterr().err
    assert not out.exists()


def test_skip_broken_with_nothing_usable(make_pack, tmp_path, capsys):
    root = make_pack({"broken.yaml": BROKEN})
    assert main(["export", str(root), "--out", str(tmp_path / "o"), "--skip-broken"]) == 2
    assert "no section can be used" in capsys.readouterr().err


def test_sections_of_a_pack_with_errors_does_not_offer_an_export_flag(make_pack, capsys):
    root = make_pack({"intro.yaml": SECTION, "broken.yaml": BROKEN})
    assert main(["sections", str(root)]) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == "infodeck: the pack has 2 errors; fix them and try again"


def test_check_of_a_pack_whose_pack_yaml_is_invalid_still_checks_its_sections(make_pack, capsys):
    root = make_pack({"intro.yaml": SECTION.replace("[smith2020]", "[nobody]")})
    (root / "pack.yaml").write_text((root / "pack.yaml").read_text() + "colour: red\n")
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "pack.yaml:7:1: colour: unknown field 'colour'" in err
    assert "intro.yaml:8:12: sections[0].blocks[0].cite[0]: cites 'nobody'" in err
    assert err.splitlines()[-1] == (
        "2 errors, 1 warning; pack.yaml must be fixed before the pack can open"
    )
