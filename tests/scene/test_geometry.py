"""The one rectangle that template reading and composing share."""

from __future__ import annotations

from typing import get_args

from infodeck.compose import room
from infodeck.scene.geometry import Rect
from infodeck.template import model


def test_overlap_overlaps_holds_and_union_agree() -> None:
    a, b = Rect(0, 0, 10, 10), Rect(5, 5, 10, 10)
    assert a.overlap(b) == 25 and a.overlaps(b)
    assert Rect(0, 0, 10, 10).overlaps(Rect(10, 0, 5, 5)) is False  # touching edges only
    assert a.union(b) == Rect(0, 0, 15, 15)
    assert a.union(b).holds(a) and a.union(b).holds(b) and not a.holds(b)
    assert Rect(0, 0, -1, 5).area == 0
    assert str(Rect(1.2, 2.6, 300.4, 40)) == "300×40 pt at (1, 3)"


def test_template_and_composer_use_one_rect_and_the_same_slide_kinds() -> None:
    assert model.Rect is room.Rect is Rect
    assert get_args(room.SlideKind) == model.SLIDE_KINDS
