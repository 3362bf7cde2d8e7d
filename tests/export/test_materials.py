"""Handout, worksheet and answer key from the command line: files, text, same bytes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from infodeck.cli import main

from conftest import BUILTIN, ROOT

FORMATS = "handout,worksheet,answers"
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="needs pdftotext (poppler-utils)")


def pdf_text(path: Path) -> str:
    got = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True)
    return got.stdout


def export(pack: Path, out: Path, *more: str) -> int:
    return main(["export", str(pack), "--out", str(out), "--formats", FORMATS, *more])


@pytest.fixture(scope="module")
def builtin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("materials")
    assert export(BUILTIN, out) == 0
    return out / "classroom"


def test_each_material_is_written_where_a_teacher_looks(builtin: Path) -> None:
    assert sorted(p.name for p in builtin.iterdir()) == [
        "gut-health-migraines-answers.pdf",
        "gut-health-migraines-handout.pdf",
        "gut-health-migraines-worksheet.docx",
        "gut-health-migraines-worksheet.pdf",
    ]


@needs_pdftotext
def test_the_printed_worksheet_and_its_key_agree(builtin: Path) -> None:
    sheet = pdf_text(builtin / "gut-health-migraines-worksheet.pdf")
    key = pdf_text(builtin / "gut-health-migraines-answers.pdf")
    assert "Name:" in sheet and "Class:" in sheet and "Word bank" in sheet
    assert "Answer key" in key and "Name:" not in key
    assert "Correct order: Gut dysbiosis → Inflammation" in " ".join(key.split())
    word = docx.Document(str(builtin / "gut-health-migraines-worksheet.docx"))
    bank = [c.text for c in word.tables[0]._cells if c.text]
    assert bank and all(answer in sheet for answer in bank)  # the bank is on the sheet
    flat_key = " ".join(key.split())
    for p in word.paragraphs:  # every blank's sentence stands answered in the key
        if p.style is not None and p.style.name == "List Number":
            before = p.text.split("____")[0].strip()
            assert " ".join(before.split()) in flat_key


@needs_pdftotext
def test_the_handout_has_page_numbers_title_and_sources(builtin: Path) -> None:
    text = pdf_text(builtin / "gut-health-migraines-handout.pdf")
    pages = text.split("\f")
    n = len([p for p in pages if p.strip()])
    assert n >= 3
    assert f"Page 1 of {n}" in text and f"Page {n} of {n}" in text
    assert text.count("Gut Health and Migraines") >= n  # the pack's title on every page
    assert "Sources" in pages[n - 1] and "Dalile B" in pages[n - 1]


def test_the_same_pack_gives_the_same_bytes(builtin: Path, tmp_path: Path) -> None:
    assert export(BUILTIN, tmp_path) == 0
    for f in builtin.iterdir():
        assert (tmp_path / "classroom" / f.name).read_bytes() == f.read_bytes(), f.name


@pytest.mark.parametrize("pack", ["photosynthesis", "water-cycle", "linebreaks"])
def test_other_packs_make_materials_too(pack: str, tmp_path: Path) -> None:
    assert export(ROOT / "tests" / "data" / pack, tmp_path) == 0
    assert len(list((tmp_path / "classroom").glob("*"))) == 4


def test_nothing_to_ask_is_said_plainly(make_pack, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_pack()  # one section of prose: no takeaway, statistic or diagram
    assert main(["export", str(root), "--out", str(tmp_path / "a"), "--formats",
                 "worksheet,answers"]) == 2
    err = capsys.readouterr().err
    assert "the chosen sections give no worksheet" in err
    assert "Traceback" not in err
    assert not (tmp_path / "a" / "classroom").exists()
    # Beside other files it is a notice, and the rest is written.
    assert main(["export", str(root), "--out", str(tmp_path / "b"), "--formats",
                 "handout,worksheet"]) == 0
    said = capsys.readouterr()
    assert "no worksheet or answer key was written" in said.err + said.out
    assert [p.name for p in (tmp_path / "b" / "classroom").iterdir()] == [
        "test-pack-handout.pdf"]


QUIZ = """\
  - type: quiz
    kind: multiple-choice
    question: Where does the oxygen plants release come from?
    choices:
      - text: Water
        correct: true
      - text: Carbon dioxide
      - text: The soil
    explanation: Light splits water.
  - type: quiz
    kind: true-false
    statement: Plants get their mass from the soil.
    answer: false
    explanation: Most of it is carbon from the air.
"""


@needs_pdftotext
def test_a_quiz_is_asked_on_the_sheet_and_answered_in_the_key(make_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import SECTION

    root = make_pack({"intro.yaml": SECTION + QUIZ})
    assert main(["export", str(root), "--out", str(tmp_path), "--formats",
                 "worksheet,answers"]) == 0
    out = tmp_path / "classroom"
    sheet = " ".join(pdf_text(out / "test-pack-worksheet.pdf").split())
    key = " ".join(pdf_text(out / "test-pack-answers.pdf").split())
    assert "1. Where does the oxygen plants release come from?" in sheet
    assert "2. Plants get their mass from the soil." in sheet
    assert "Light splits water." not in sheet
    assert "Why: Light splits water." in key and "Why: Most of it is carbon from the air." in key
    word = docx.Document(str(out / "test-pack-worksheet.docx"))
    texts = [p.text for p in word.paragraphs]
    assert "☐  A)  Water" in texts and "☐  True" in texts and "☐  False" in texts


def test_the_handout_draws_the_deck_the_export_composed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One deck for the .pptx and the handout: the handout never composes its own."""
    import infodeck.compose.materials.handout as handout
    from infodeck.content.load import load_pack
    from infodeck.export.plan import ExportRequest, plan

    def refuse(*a: object, **k: object) -> None:
        raise AssertionError("the handout composed a deck of its own")

    monkeypatch.setattr(handout, "compose_deck", refuse)
    pack = load_pack(BUILTIN).pack
    jobs = plan(ExportRequest(pack, tmp_path, ("gut-brain-axis",), ("pptx", "handout")))
    assert {j.label for j in jobs} == {"deck", "handout"}
