"""What PowerPoint's Accessibility Checker asks of a deck, checked from the file.

The rules a file can show: every slide has a title (its title placeholder, with
text), titles are unique across the deck, every picture, chart and group has alt
text, the reading order (the shape tree's order) starts with the title, follows the
page (nothing is read before text standing above it in the same column) and ends
with the sources line, and every run of text stands out from what is behind it
(WCAG AA: 4.5:1, 3:1 for large text). Run on the built-in deck and every test pack,
in both deck layouts and every theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from infodeck.compose.deck import compose_deck
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.render.pptx import write_pptx
from infodeck.scene.contrast import contrast_ratio

from conftest import BUILTIN, ROOT

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
PACKS = {"builtin": BUILTIN} | {
    p.name: p for p in sorted((ROOT / "tests" / "data").iterdir()) if (p / "pack.yaml").is_file()
}
VARIANTS = [
    ("deck-16x9", "default"),
    ("deck-4x3", "colour-blind-safe"),
    ("deck-16x9", "high-contrast"),
    ("deck-4x3", "grayscale"),
]


@pytest.fixture(scope="module", params=[(p, v) for p in PACKS for v in VARIANTS],
                ids=lambda pv: f"{pv[0]}-{pv[1][0]}-{pv[1][1]}")
def deck(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    name, (layout, theme) = request.param
    loaded = load_pack(PACKS[name])
    assert loaded.pack is not None
    ids = [s.id for s in loaded.pack.sections]
    doc = compose_deck(loaded.pack, ids, get_layout(layout), get_theme(theme))
    path = tmp_path_factory.mktemp("a11y") / f"{name}.pptx"
    write_pptx(doc, path)
    return Presentation(str(path))


def _title(slide: Any) -> Any:
    for sh in slide.shapes:
        if sh.is_placeholder and sh.placeholder_format.type in TITLES:
            return sh
    return None


def test_every_slide_has_a_title_placeholder_with_text(deck: Any) -> None:
    for n, slide in enumerate(deck.slides, 1):
        title = _title(slide)
        assert title is not None, f"slide {n} has no title placeholder"
        assert title.text_frame.text.strip(), f"slide {n}'s title is empty"


def test_titles_are_unique(deck: Any) -> None:
    titles = [" ".join(_title(s).text_frame.text.split()) for s in deck.slides]
    dup = {t for t in titles if titles.count(t) > 1}
    assert not dup, dup


def _walk(shapes: Any) -> list[Any]:
    out = []
    for sh in shapes:
        out.append(sh)
        if sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            out += _walk(sh.shapes)
    return out


def _descr(sh: Any) -> str:
    found = sh._element.xpath("./*[1]/p:cNvPr/@descr")
    return str(found[0]) if found else ""


def test_pictures_charts_groups_and_icons_have_alt_text(deck: Any) -> None:
    for n, slide in enumerate(deck.slides, 1):
        for sh in _walk(slide.shapes):
            needs = sh.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.GROUP) or (
                sh.has_chart if hasattr(sh, "has_chart") else False
            ) or bool(sh._element.xpath("./p:spPr/a:custGeom"))
            if needs:
                assert _descr(sh).strip(), (
                    f"slide {n}: '{sh.name}' has no alt text"
                )


def _text(sh: Any) -> str:
    return sh.text_frame.text.strip() if sh.has_text_frame else ""


def test_reading_order_follows_the_page(deck: Any) -> None:
    for n, slide in enumerate(deck.slides, 1):
        shapes = list(slide.shapes)
        assert shapes[0] == _title(slide), f"slide {n}: the title is not read first"
        texts = [sh for sh in shapes[1:] if _text(sh)]  # after the title, the page's order
        if any(sh.name == "Sources" for sh in texts):
            assert texts[-1].name == "Sources", f"slide {n}: the sources are not read last"
        # A diagram revealed click by click is read in its clicks' order (after what
        # it shows from the start): a cycle's stages go round, not down the page.
        animated = {int(v) for v in slide._element.xpath(".//p:timing//p:spTgt/@spid")}
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if a.shape_id in animated or b.shape_id in animated:
                    continue
                same_column = min(a.left + a.width, b.left + b.width) - max(a.left, b.left) > 0
                if same_column and b.top + b.height <= a.top:
                    pytest.fail(f"slide {n}: '{b.name}' is read after '{a.name}' below it")


def _fill(sh: Any) -> str | None:
    found = sh._element.xpath("./p:spPr/a:solidFill/a:srgbClr/@val")
    return f"#{found[0]}" if found else None


def _background(slide: Any) -> str:
    found = slide._element.xpath("./p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr/@val")
    return f"#{found[0]}" if found else "#FFFFFF"


def _behind(slide: Any, shapes: list[Any], i: int) -> str:
    """The colour behind shape ``i``: its own fill, else the last filled shape under it."""
    own = _fill(shapes[i])
    if own:
        return own
    sh = shapes[i]
    cx, cy = sh.left + sh.width / 2, sh.top + sh.height / 2
    for under in reversed(shapes[:i]):
        f = _fill(under)
        if f and under.left <= cx <= under.left + under.width and under.top <= cy <= under.top + under.height:
            return f
    return _background(slide)


def test_text_contrast(deck: Any) -> None:
    for n, slide in enumerate(deck.slides, 1):
        shapes = [sh for sh in _walk(slide.shapes) if sh.shape_type != MSO_SHAPE_TYPE.GROUP]
        for i, sh in enumerate(shapes):
            if not _text(sh):
                continue
            behind = _behind(slide, shapes, i)
            for par in sh.text_frame.paragraphs:
                for run in par.runs:
                    if not run.text.strip():
                        continue
                    colour = f"#{run.font.color.rgb}"
                    size = run.font.size.pt
                    large = size >= 18 or (size >= 14 and run.font.bold)
                    need = 3.0 if large else 4.5
                    ratio = contrast_ratio(colour, behind)
                    assert ratio >= need - 0.01, (
                        f"slide {n}: '{run.text[:30]}' in '{sh.name}' {colour} on {behind}: "
                        f"{ratio:.2f}:1"
                    )


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """A deck of python-pptx's own making (a text box for a title) fails them."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_textbox(0, 0, 100, 100).text_frame.text = "Looks like a title"
    assert _title(slide) is None


def test_slides_sit_on_layouts_chosen_by_their_placeholders(deck: Any) -> None:
    used = set()
    for n, slide in enumerate(deck.slides, 1):
        kinds = {sh.placeholder_format.type for sh in slide.shapes if sh.is_placeholder}
        name = slide.slide_layout.name
        used.add(name)
        expected = (
            "Title Slide" if PP_PLACEHOLDER.SUBTITLE in kinds
            else "Title and Content" if kinds & {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
            else "Title Only"
        )
        assert name == expected, f"slide {n}: {name} for placeholders {kinds}"
        for sh in slide.shapes:
            if sh.is_placeholder:
                assert sh.text_frame.text.strip(), f"slide {n}: empty placeholder '{sh.name}'"
    assert "Title and Content" in used or "Title Only" in used


def test_sections_with_the_same_title_get_titles_a_listener_can_tell_apart(
    make_pack: Any, tmp_path: Path
) -> None:
    """Two "Summary" sections: the second is "Summary (2)", skipping a title in use."""
    def section(sid: str, title: str) -> str:
        return (f"id: {sid}\ntitle: {title}\nsummary: s\nnotes: n\nblocks:\n"
                f"  - type: text\n    text: Plants make sugar from light.\n"
                f"    cite: [smith2020]\n")

    root = make_pack({"a.yaml": section("a", "Summary"), "b.yaml": section("b", "Summary (2)"),
                      "c.yaml": section("c", "Summary")})
    loaded = load_pack(root)
    assert loaded.pack is not None, loaded.errors
    doc = compose_deck(loaded.pack, ["a", "b", "c"], get_layout("deck-16x9"),
                       get_theme("default"))
    path = tmp_path / "d.pptx"
    write_pptx(doc, path)
    prs = Presentation(str(path))
    titles = [_title(s).text_frame.text for s in prs.slides]
    assert titles[:3] == ["Summary", "Summary (2)", "Summary (3)"]
    assert [p.title for p in doc.pages[:3]] == titles[:3]  # the file's outline agrees
    first, third = (_title(prs.slides[i]) for i in (0, 2))
    assert (third.top, third.height) == (first.top, first.height)  # the slide keeps its layout
    test_titles_are_unique(prs)


def test_a_long_repeated_title_shrinks_to_keep_its_box() -> None:
    """The suffix never pushes a two-line title into the text below it."""
    from infodeck.compose.deck import _retitled

    root = BUILTIN
    loaded = load_pack(root)
    assert loaded.pack is not None
    page = compose_deck(loaded.pack, [loaded.pack.sections[1].id], get_layout("deck-16x9"),
                        get_theme("default")).pages[0]
    box = next(e for e in page.elements if getattr(e, "role", "") == "title")
    long = " ".join(["Photosynthesis and respiration in leaves"] * 2)
    retitled = _retitled(page, long + " (2)")
    new = next(e for e in retitled.elements if getattr(e, "role", "") == "title")
    assert (new.y, new.h) == (box.y, box.h)
    assert new.text is not None
    assert new.text.content_height + new.text.inset_t + new.text.inset_b <= box.h + 0.5
    assert "".join(r.text for r in new.text.paragraphs[0].runs) == long + " (2)"
