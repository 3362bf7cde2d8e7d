"""Decks built on templates nobody here wrote: LibreOffice's own, converted to .pptx.

LibreOffice ships presentation templates (``share/template/common/presnt/*.otp``);
converted to .pptx they carry what real templates carry: several masters, pictures
and freeform art on the masters, and small schema faults (bullet sizes as plain
numbers, duplicate shape ids, glue to the wrong site, points outside their path box,
groups smaller than their children). Four of them, chosen for those faults and for
both slide shapes, are exported with the built-in pack; every deck must validate with
no finding, keep the template's masters, fill every slide's title placeholder, and
show no words over other words when LibreOffice draws it (on a short content area,
its chart slides too).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from infodeck.cli import main
from render.office import convert, overlaps, tools_or_fail, words
from render.test_pptx_valid import find_validator

pytestmark = pytest.mark.office

# Grey_Elegant: art past its path boxes, groups; DNA: glued master connectors;
# Vintage: 4:3, a low title; Beehive: decorations across the top and bottom;
# Midnightblue: a short content area (about 130 pt), where a chart comes out squat.
TEMPLATES = ("Beehive", "DNA", "Grey_Elegant", "Vintage", "Midnightblue")
FOLDERS = (
    Path("/usr/lib/libreoffice/share/template/common/presnt"),
    Path("/usr/share/libreoffice/share/template/common/presnt"),
    Path("/opt/libreoffice/share/template/common/presnt"),
)


def _shipped() -> Path:
    for folder in FOLDERS:
        if (folder / "Beehive.otp").is_file():
            return folder
    soffice = shutil.which("soffice")
    if soffice:
        found = Path(soffice).resolve().parent.parent / "share" / "template" / "common" / "presnt"
        if (found / "Beehive.otp").is_file():
            return found
    pytest.fail("LibreOffice's presentation templates (Beehive.otp…) were not found")


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Template name → (the template as .pptx, the built-in deck exported on it)."""
    tools_or_fail()
    tmp = tmp_path_factory.mktemp("lo-templates")
    sources = [_shipped() / f"{name}.otp" for name in TEMPLATES]
    profile = (tmp / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pptx", "--outdir", str(tmp), *map(str, sources)],
                   check=True, capture_output=True, timeout=600)
    out: dict[str, tuple[Path, Path]] = {}
    for name in TEMPLATES:
        template = tmp / f"{name}.pptx"
        assert template.is_file(), f"LibreOffice did not convert {name}.otp"
        folder = tmp / name
        assert main(["export", "--out", str(folder), "--formats", "pptx", "--quiet",
                     "--template", str(template)]) == 0
        out[name] = (template, folder / "gut-health-migraines.pptx")
    return out


def test_every_deck_validates_with_no_finding(decks) -> None:
    report = next(iter(decks.values()))[1].parent.parent / "report.json"
    subprocess.run([sys.executable, str(find_validator()), "--json", str(report),
                    *(str(deck) for _, deck in decks.values())],
                   capture_output=True, timeout=600, check=False)
    found = {Path(e["deck"]).parent.name: [f"{f['severity']} {f['rule']} {f['part']}"
                                           for f in e["findings"]]
             for e in json.loads(report.read_text(encoding="utf-8"))}
    assert set(found) == set(TEMPLATES)
    assert not any(found.values()), {k: v[:5] for k, v in found.items() if v}


def test_decks_keep_the_masters_and_fill_every_title(decks) -> None:
    for name, (template, deck) in decks.items():
        src, out = Presentation(str(template)), Presentation(str(deck))
        assert (out.slide_width, out.slide_height) == (src.slide_width, src.slide_height), name
        assert len(out.slide_masters) == len(src.slide_masters), name
        for i, slide in enumerate(out.slides, start=1):
            title = slide.shapes.title
            assert title is not None and title.text_frame.text.strip(), f"{name} slide {i}"


def test_libreoffice_draws_no_words_over_others(decks, tmp_path) -> None:
    for name in ("Beehive", "DNA", "Grey_Elegant"):
        pdf = convert(decks[name][1], tmp_path / name)
        for i, page in enumerate(words(pdf), start=1):
            assert not overlaps(page), f"{name} slide {i}: words drawn over each other"


def _charts(shapes: Any) -> list[Any]:
    """The native charts among the shapes, inside groups too."""
    found = []
    for shape in shapes:
        if getattr(shape, "has_chart", False):
            found.append(shape.chart)
        elif hasattr(shape, "shapes"):
            found += _charts(shape.shapes)
    return found


def test_a_chart_in_a_short_room_keeps_its_words_apart(decks, tmp_path) -> None:
    """A squat bar chart: its values must not wrap over the axis, its labels all show."""
    deck = decks["Midnightblue"][1]
    charts = {i: _charts(slide.shapes) for i, slide in enumerate(Presentation(str(deck)).slides)}
    charts = {i: c for i, c in charts.items() if c}
    assert charts, "the built-in pack has a chart slide"
    pages = words(convert(deck, tmp_path / "Midnightblue"))
    for i, found in charts.items():
        page = pages[i]
        assert not overlaps(page), f"Midnightblue slide {i + 1}: words drawn over each other"
        text = " ".join(w.text for w in page)
        for chart in found:
            for category in chart.plots[0].categories:
                for word in str(category).split():
                    assert word in text, f"slide {i + 1}: LibreOffice hid {category!r}"
