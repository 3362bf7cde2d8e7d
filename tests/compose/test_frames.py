"""Step-by-step frames for handouts: one frame per click, in the slide's order.

Frame k must show exactly what the audience sees after click k in PowerPoint (the
parts with reveal <= k), in the same place on every frame, numbered in the badge.
"""

from __future__ import annotations

import pytest

from infodeck.compose.deck import diagram_slide
from infodeck.compose.frames import step_count, step_frames
from infodeck.compose.kit import Kit
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from infodeck.content.model import DiagramBase, Pack
from infodeck.scene.elements import Box, Group, Page, iter_elements

from conftest import BUILTIN


@pytest.fixture(scope="module")
def pack() -> Pack:
    p = load_pack(BUILTIN).pack
    assert p is not None
    return p


def _kit(layout: str = "deck-16x9", theme: str = "default") -> Kit:
    return Kit(get_layout(layout, "deck"), get_theme(theme))


def _diagram(pack: Pack, sid: str) -> DiagramBase:
    return next(b for b in pack.section(sid).blocks if isinstance(b, DiagramBase))


def _texts(page: Page) -> list[str]:
    return [
        "".join(r.text for par in e.text.paragraphs for r in par.runs)
        for e in iter_elements(page.elements)
        if isinstance(e, Box) and e.text
    ]


def _diagram_parts(page: Page) -> list[object]:
    group = next(e for e in page.elements if isinstance(e, Group))
    return iter_elements(group.children)


@pytest.mark.parametrize("sid", ["neuroinflammation", "gut-brain-axis", "associated-conditions"])
def test_one_frame_per_click_matching_the_slide(pack: Pack, sid: str) -> None:
    sec, d = pack.section(sid), _diagram(pack, sid)
    slide = diagram_slide(_kit(), pack, sec, d)
    n = step_count(slide)
    assert n >= 3
    frames = step_frames(_kit(), pack, sec, d)
    assert len(frames) == n
    full = _diagram_parts(slide)
    for k, frame in enumerate(frames, start=1):
        parts = _diagram_parts(frame)
        assert all(getattr(e, "reveal", 0) <= k for e in parts)
        # Exactly the slide's parts shown after click k, nothing lost or added.
        assert len(parts) == sum(1 for e in full if getattr(e, "reveal", 0) <= k)
        assert any(f"Step {k} of {n}" in t for t in _texts(frame))
        assert frame.alt.startswith(f"Step {k} of {n}. ")
    # Frames grow click by click and the last one is the whole diagram.
    sizes = [len(_diagram_parts(f)) for f in frames]
    assert sizes == sorted(set(sizes)) and sizes[-1] == len(full)


def test_parts_stand_in_the_same_place_on_every_frame(pack: Pack) -> None:
    sec, d = pack.section("neuroinflammation"), _diagram(pack, "neuroinflammation")
    frames = step_frames(_kit(), pack, sec, d)
    last = {(e.name, e.x, e.y, e.w, e.h) for e in _diagram_parts(frames[-1]) if isinstance(e, Box)}
    for f in frames:
        boxes = {(e.name, e.x, e.y, e.w, e.h) for e in _diagram_parts(f) if isinstance(e, Box)}
        assert boxes <= last


def test_step_badge_is_not_coloured_as_a_warning(pack: Pack) -> None:
    sec, d = pack.section("gut-brain-axis"), _diagram(pack, "gut-brain-axis")
    theme = get_theme("default")
    frame = step_frames(_kit(), pack, sec, d)[0]
    badge = next(e for e in frame.elements if isinstance(e, Box) and e.name == "Badge")
    assert badge.text is not None
    assert badge.text.paragraphs[0].runs[0].color == theme.colors.accent


def test_charts_and_pictograms_have_no_frames(pack: Pack) -> None:
    sec = pack.section("diet-statistics")
    diagrams = [b for b in sec.blocks if isinstance(b, DiagramBase)]
    assert {d.kind for d in diagrams} == {"chart", "pictogram"}
    for d in diagrams:
        assert step_frames(_kit(), pack, sec, d) == []


def test_frames_draw_the_packs_own_icons() -> None:
    """A pack's icons/<name>.svg appear on its frames as on its slides."""
    from infodeck.export.plan import frame_pages
    from infodeck.scene.elements import Icon

    from conftest import ROOT

    pack = load_pack(ROOT / "tests" / "data" / "photosynthesis").pack
    assert pack is not None
    framed = dict(frame_pages(pack, ["leaf-and-air"], get_layout("deck-16x9"), get_theme("default")))
    last = framed["leaf-and-air-1"][-1]
    names = {e.name for e in iter_elements(last.elements) if isinstance(e, Icon)}
    assert any("leaf" in n.lower() for n in names) and any("air" in n.lower() for n in names)
