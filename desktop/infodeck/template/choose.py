"""Which layout each slide kind uses: chosen by placeholder types, never by names.

Layout names differ by language and vendor ("Title Slide", "Titelfolie", "Diapositive
de titre"), so the choice rests on what a layout holds. Each kind has an ideal (the
placeholders it fills) and a ranked list of fallbacks; the layout's declared type
(``secHead``, ``titleOnly``…) breaks ties, as does being on the first master. A
fallback says why in ``LayoutChoice.note`` and lists what is missing, so the report
can tell the teacher.

- ``title``: a (centred) title and a subtitle.
- ``section``: a section header: title and one body, declared ``secHead`` if one is.
- ``content``: a title and one body or object placeholder (the largest room wins).
- ``title_only``: a title and no content placeholder (diagram and chart slides).

Where no layout has a title, the deck draws its own title box on a blank layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from infodeck.template.model import (
    CONTENT_TYPES,
    TITLE_TYPES,
    LayoutChoice,
    SlideKind,
    TemplateLayout,
)

_TEXT_BODIES = frozenset({"body", "obj"})


def _score_common(lay: TemplateLayout) -> float:
    """Small preferences shared by every kind: the first master, fewer extra boxes."""
    return -lay.master_index * 0.5 - 0.01 * lay.layout_index


def _content_room(lay: TemplateLayout, width: float, height: float) -> float:
    return lay.content_area.area / (width * height)


def _pick(
    layouts: Sequence[TemplateLayout], ok: Callable[[TemplateLayout], bool],
    score: Callable[[TemplateLayout], float],
) -> TemplateLayout | None:
    found = [lay for lay in layouts if ok(lay)]
    return max(found, key=lambda lay: score(lay) + _score_common(lay)) if found else None


def _has_title(lay: TemplateLayout) -> bool:
    return bool(lay.types() & TITLE_TYPES)


def _text_bodies(lay: TemplateLayout) -> list[str]:
    return [p.type for p in lay.placeholders if p.type in _TEXT_BODIES]


def _others(lay: TemplateLayout) -> list[str]:
    """Content placeholders that are not plain body/object ones (pictures, tables…)."""
    return [p.type for p in lay.placeholders if p.type in CONTENT_TYPES - _TEXT_BODIES]


def choose_layout(
    layouts: Sequence[TemplateLayout], kind: SlideKind, width: float, height: float
) -> LayoutChoice:
    """The layout ``kind`` uses, with what it lacks (see the module docstring)."""
    if not layouts:
        raise ValueError("a template without layouts")  # read.py refuses such files
    choice = {
        "title": _title, "section": _section, "content": _content, "title_only": _title_only,
    }[kind](layouts, width, height)
    return choice


def _blank(layouts: Sequence[TemplateLayout], kind: SlideKind, missing: tuple[str, ...],
           why: str) -> LayoutChoice:
    """The emptiest layout (a blank one), where the deck draws its own boxes."""
    lay = min(layouts, key=lambda x: (len(x.bodies) + len(x.types() & {"subTitle"}),
                                      x.type != "blank", x.master_index, x.layout_index))
    return LayoutChoice(kind, lay, missing, why)


def _title(layouts: Sequence[TemplateLayout], w: float, h: float) -> LayoutChoice:
    def score(lay: TemplateLayout) -> float:
        return (2 * ("ctrTitle" in lay.types()) + (lay.type == "title")
                - 0.3 * len(lay.bodies))

    lay = _pick(layouts, lambda x: _has_title(x) and "subTitle" in x.types(), score)
    if lay:
        return LayoutChoice("title", lay)
    lay = _pick(layouts, lambda x: "ctrTitle" in x.types(), score)
    if lay:
        return LayoutChoice("title", lay, ("subTitle",),
                            "no layout has a title and a subtitle; the subtitle gets its "
                            "own text box")
    lay = _pick(layouts, lambda x: _has_title(x) and len(_text_bodies(x)) == 1,
                lambda x: (x.type == "title") + (x.type == "secHead") * 0.5)
    if lay:
        return LayoutChoice("title", lay, (), "no layout has a subtitle placeholder; its "
                                              "body placeholder takes the subtitle")
    lay = _pick(layouts, _has_title, lambda x: -len(x.bodies))
    if lay:
        return LayoutChoice("title", lay, ("subTitle",), "no layout has a subtitle "
                                                         "placeholder; it gets its own box")
    return _blank(layouts, "title", ("ctrTitle", "subTitle"),
                  "no layout has a title placeholder; the title and subtitle get own boxes")


def _section(layouts: Sequence[TemplateLayout], w: float, h: float) -> LayoutChoice:
    lay = _pick(layouts, lambda x: x.type == "secHead" and _has_title(x),
                lambda x: -len(x.bodies))
    if lay:
        return LayoutChoice("section", lay)
    # Not declared: a title with one short body and nothing else is a section header
    # in all but name (the body holding the section's one line).
    lay = _pick(layouts,
                lambda x: _has_title(x) and len(_text_bodies(x)) == 1 and not _others(x)
                and "subTitle" not in x.types()
                and (x.bodies[0].rect.h < 0.3 * h),
                lambda x: -x.bodies[0].rect.h / h)
    if lay:
        return LayoutChoice("section", lay)
    lay = _pick(layouts, lambda x: _has_title(x) and not x.bodies
                and "subTitle" not in x.types(), lambda x: x.type == "titleOnly")
    if lay:
        return LayoutChoice("section", lay, ("body",), "no section header layout; a title "
                                                       "only layout is used")
    title = _title(layouts, w, h)
    return LayoutChoice("section", title.layout, title.missing,
                        "no section header or title only layout; the title slide's "
                        "layout is used")


def _content(layouts: Sequence[TemplateLayout], w: float, h: float) -> LayoutChoice:
    def score(lay: TemplateLayout) -> float:
        return (_content_room(lay, w, h) + 0.2 * (lay.type in ("obj", "tx"))
                - 0.5 * (lay.type == "secHead"))

    lay = _pick(layouts, lambda x: _has_title(x) and len(_text_bodies(x)) == 1
                and not _others(x) and "subTitle" not in x.types(), score)
    if lay:
        return LayoutChoice("content", lay)
    lay = _pick(layouts, lambda x: _has_title(x) and bool(_text_bodies(x)), score)
    if lay:
        return LayoutChoice("content", lay, (), "no layout has a title and exactly one body; "
                                                "the first body of this one is used")
    lay = _pick(layouts, lambda x: _has_title(x) and not x.bodies
                and "subTitle" not in x.types(), score)
    if lay:
        return LayoutChoice("content", lay, ("body",), "no layout has a body placeholder; "
                                                       "the text gets its own box")
    return _blank(layouts, "content", ("title", "body"),
                  "no layout has a title and body; the deck draws its own boxes")


def _title_only(layouts: Sequence[TemplateLayout], w: float, h: float) -> LayoutChoice:
    lay = _pick(layouts, lambda x: _has_title(x) and not x.bodies
                and "subTitle" not in x.types() and "ctrTitle" not in x.types(),
                lambda x: (x.type == "titleOnly") + _content_room(x, w, h))
    if lay:
        return LayoutChoice("title_only", lay)
    content = _content(layouts, w, h)
    if "title" not in content.missing:
        return LayoutChoice("title_only", content.layout, (),
                            "no title only layout; the content layout is used without its "
                            "body placeholder")
    return _blank(layouts, "title_only", ("title",),
                  "no layout has a title placeholder; the deck draws its own title box")
