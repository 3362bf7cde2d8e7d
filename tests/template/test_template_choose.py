"""Layout choice by placeholder types: ideal layouts, fallbacks, and what they lack."""

from __future__ import annotations

from infodeck.template.choose import choose_layout
from infodeck.template.model import Placeholder, Rect, TemplateLayout

W, H = 960.0, 540.0
TITLE = Rect(40, 20, 880, 80)
BODY = Rect(40, 120, 880, 360)
FOOT = Rect(40, 500, 200, 30)


def _layout(i: int, *types: str, kind: str = "cust", name: str = "") -> TemplateLayout:
    rects = {"title": TITLE, "ctrTitle": Rect(80, 150, 800, 120),
             "subTitle": Rect(80, 290, 800, 80), "body": BODY, "obj": BODY,
             "pic": Rect(500, 120, 420, 360), "dt": FOOT, "ftr": FOOT, "sldNum": FOOT}
    phs = tuple(Placeholder(t, n, t, rects[t]) for n, t in enumerate(types))
    return TemplateLayout(name or f"L{i}", 0, i, kind, phs, (), BODY, "#FFFFFF")


def test_names_do_not_matter_types_do() -> None:
    layouts = [
        _layout(0, "title", "body", "dt", name="Titelfolie"),  # a misleading name
        _layout(1, "ctrTitle", "subTitle", name="Inhalt"),
        _layout(2, "title", "dt", name="Titel und Inhalt"),
        _layout(3, "title", "obj", name="Nur Titel"),
    ]
    assert choose_layout(layouts, "title", W, H).layout.layout_index == 1
    assert choose_layout(layouts, "content", W, H).layout.layout_index in (0, 3)
    assert choose_layout(layouts, "title_only", W, H).layout.layout_index == 2


def test_section_header_declared_wins() -> None:
    layouts = [_layout(0, "title", "body"), _layout(1, "title", "body", kind="secHead")]
    c = choose_layout(layouts, "section", W, H)
    assert c.layout.layout_index == 1 and c.exact


def test_without_subtitle_the_title_slide_says_what_is_missing() -> None:
    layouts = [_layout(0, "ctrTitle"), _layout(1, "title", "obj")]
    c = choose_layout(layouts, "title", W, H)
    assert c.layout.layout_index == 0
    assert c.missing == ("subTitle",) and "subtitle" in c.note


def test_title_only_falls_back_to_the_content_layout() -> None:
    layouts = [_layout(0, "ctrTitle", "subTitle"), _layout(1, "title", "obj")]
    c = choose_layout(layouts, "title_only", W, H)
    assert c.layout.layout_index == 1 and not c.missing and "body placeholder" in c.note


def test_no_title_anywhere_uses_a_blank_layout_and_says_so() -> None:
    layouts = [_layout(0, "pic"), _layout(1, kind="blank"), _layout(2, "body")]
    for kind in ("title", "content", "title_only"):
        c = choose_layout(layouts, kind, W, H)  # type: ignore[arg-type]
        assert c.layout.layout_index == 1, kind
        assert c.missing and "own" in c.note
    sec = choose_layout(layouts, "section", W, H)
    assert sec.layout.layout_index == 1 and sec.note


def test_content_prefers_one_body_and_no_pictures() -> None:
    layouts = [_layout(0, "title", "obj", "obj"), _layout(1, "title", "body", "pic"),
               _layout(2, "title", "obj", kind="obj")]
    assert choose_layout(layouts, "content", W, H).layout.layout_index == 2
    c = choose_layout(layouts[:2], "content", W, H)
    assert c.note  # only layouts with extra placeholders: a fallback, said so
