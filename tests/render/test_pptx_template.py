"""Decks written on a school's template: its masters kept, its samples gone, its
placeholders filled, its crest never covered, and no finding from the validator.

The template is made in the tests (``school_template``): 28 × 15.75 cm, dark, with a
crest on the master and two sample slides.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_theme
from infodeck.compose.room import deck_layout
from infodeck.content.load import load_pack
from infodeck.export.templating import deck_template, room_of
from infodeck.render.pptx import write_pptx
from infodeck.render.templated import repair
from infodeck.template import read_template
from render.office import convert, overlaps, tools_or_fail, words
from render.test_pptx_valid import find_validator
from school_template import crest_rect, make_school_template

from conftest import BUILTIN

EMU_PER_PT = 12700


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    """(template, deck, composed document) for the built-in pack on the school template."""
    tmp = tmp_path_factory.mktemp("school")
    tpl = make_school_template(tmp / "school.pptx")
    t = read_template(tpl)
    pack = load_pack(BUILTIN).pack
    assert pack is not None
    doc = compose_deck(pack, [s.id for s in pack.sections], deck_layout(t.width, t.height),
                       get_theme("default"), room_of(t))
    deck = tmp / "deck.pptx"
    write_pptx(doc, deck, template=deck_template(t))
    return tpl, deck, doc


def test_sample_slides_are_gone_and_nothing_is_orphaned(built):
    _, deck, doc = built
    prs = Presentation(str(deck))
    assert len(prs.slides) == len(doc.pages)
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert not any("Sample slide" in t for t in texts)
    with zipfile.ZipFile(deck) as z:
        names = z.namelist()
        slides = [n for n in names if n.startswith("ppt/slides/slide")]
        notes = [n for n in names if n.startswith("ppt/notesSlides/notesSlide")]
        assert len(slides) == len(doc.pages)
        assert len(notes) == sum(1 for p in doc.pages if p.notes.strip())
        types = z.read("[Content_Types].xml").decode()
        for n in names:  # every part listed, every override a part
            if n.endswith(".xml") and not n.endswith(".rels") and n != "[Content_Types].xml":
                assert f'PartName="/{n}"' in types or n.rsplit(".", 1)[1] in types, n
        assert "Delete me" not in "".join(z.read(n).decode() for n in notes)


def test_the_template_s_masters_size_and_crest_are_kept(built):
    tpl, deck, _ = built
    src, out = Presentation(str(tpl)), Presentation(str(deck))
    assert (out.slide_width, out.slide_height) == (src.slide_width, src.slide_height)
    assert [lay.name for lay in out.slide_layouts] == [lay.name for lay in src.slide_layouts]
    pics = [sh for sh in out.slide_master.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [p.name for p in pics] == ["School crest"]


def test_text_goes_into_the_layouts_placeholders(built):
    _, deck, doc = built
    prs = Presentation(str(deck))
    first = prs.slides[0]
    assert first.slide_layout.name == "Title Slide"
    kinds = {ph.placeholder_format.type: ph for ph in first.placeholders}
    assert kinds[PP_PLACEHOLDER.CENTER_TITLE].text_frame.text == doc.pages[0].title
    assert "Probiotics" in kinds[PP_PLACEHOLDER.SUBTITLE].text_frame.text
    bodies = 0
    for slide, page in zip(prs.slides, doc.pages, strict=True):
        assert slide.shapes.title is not None, page.title  # every slide has a real title
        assert slide.shapes.title.text_frame.text == page.title
        for ph in slide.placeholders:
            if ph.placeholder_format.type == PP_PLACEHOLDER.OBJECT:
                assert slide.slide_layout.name == "Title and Content"
                assert ph.text_frame.text.strip()
                bodies += 1
        if not any(ph.placeholder_format.type == PP_PLACEHOLDER.OBJECT
                   for ph in slide.placeholders) and slide is not prs.slides[0]:
            assert slide.slide_layout.name in ("Title Only", "Title and Content"), page.title
    assert bodies >= 3


def test_titles_keep_the_layout_s_place(built):
    """A title that fits its placeholder states no position: "Reset slide" keeps it."""
    _, deck, _ = built
    prs = Presentation(str(deck))
    for slide in prs.slides:
        title = slide.shapes.title
        assert title.element.spPr.find(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm") is None, slide
        # …and no colour of its own: the layout's (light on this dark template).
        assert "solidFill" not in title.element.txBody.xml


def test_no_content_covers_the_crest(built):
    _, deck, _ = built
    cx, cy, cw, ch = (round(v * EMU_PER_PT) for v in crest_rect())
    prs = Presentation(str(deck))
    for i, slide in enumerate(prs.slides, start=1):
        for sh in slide.shapes:
            if sh.width is None:
                continue
            apart = (sh.left + sh.width <= cx or sh.left >= cx + cw
                     or sh.top + sh.height <= cy or sh.top >= cy + ch)
            assert apart, f"slide {i}: {sh.name} covers the crest"


@pytest.mark.slow  # the validator takes a few seconds
def test_the_deck_has_no_finding(built):
    _, deck, _ = built
    report = deck.parent / "report.json"
    subprocess.run([sys.executable, str(find_validator()), "--json", str(report), str(deck)],
                   capture_output=True, timeout=300, check=False)
    found = json.loads(report.read_text(encoding="utf-8"))[0]["findings"]
    assert not found, [f"{f['rule']} {f['part']}: {f['message']}" for f in found][:20]


def test_repair_fixes_what_libreoffice_writes():
    from lxml import etree

    xml = (
        '<p:sldMaster xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree>'
        '<p:sp><p:nvSpPr><p:cNvPr id="0" name="a"/></p:nvSpPr></p:sp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="1" name="b"/></p:nvSpPr></p:sp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="1" name="c"/></p:nvSpPr><p:txBody><a:p><a:pPr>'
        '<a:buSzPct val="45000"/></a:pPr></a:p></p:txBody></p:sp>'
        '<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="7" name="d"/><p:cNvCxnSpPr>'
        '<a:endCxn id="1" idx="-1"/></p:cNvCxnSpPr></p:nvCxnSpPr></p:cxnSp>'
        '</p:spTree></p:cSld></p:sldMaster>'
    )
    root = etree.fromstring(xml)
    repair(root)
    ids = [int(e.get("id")) for e in root.iter("{*}cNvPr")]
    assert len(set(ids)) == len(ids) and 0 not in ids
    assert root.find(".//{*}buSzPct").get("val") == "45%"
    assert root.find(".//{*}endCxn") is None


@pytest.mark.office
def test_libreoffice_draws_no_text_over_the_crest_or_other_text(built, tmp_path):
    tools_or_fail()
    _, deck, _ = built
    pdf = convert(deck, tmp_path / "pdf")
    x, y, w, h = crest_rect()
    pages = words(pdf)
    assert len(pages) == len(built[2].pages)
    for i, page_words in enumerate(pages, start=1):
        for wd in page_words:
            inside = wd.x1 > x and wd.x0 < x + w and wd.y1 > y and wd.y0 < y + h
            assert not inside, f"slide {i}: '{wd.text}' is drawn over the crest"
        assert not overlaps(page_words), f"slide {i}: words drawn over each other"
