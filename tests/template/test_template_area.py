"""The content area: cut clear of decorations, except those meant to sit under the text."""

from __future__ import annotations

from infodeck.template.area import content_area
from infodeck.template.model import Decoration, Placeholder, Rect

W, H = 720.0, 540.0
TITLE = Placeholder("title", 0, "Title", Rect(36, 20, 648, 80))
BODY = Placeholder("body", 1, "Body", Rect(36, 120, 648, 360))
FOOTER = Placeholder("ftr", 11, "Footer", Rect(246, 500, 228, 29))


def _dec(name: str, r: Rect) -> Decoration:
    return Decoration("picture", name, r, "master")


def test_a_crest_in_the_corner_of_the_body_is_cut_away() -> None:
    crest = _dec("crest", Rect(620, 400, 60, 70))
    area, under = content_area([TITLE, BODY], [crest], W, H)
    assert under == ()
    assert area.overlap(crest.rect) == 0
    assert area.area > 0.8 * BODY.rect.area  # the cut that loses least: above the crest


def test_a_shape_in_the_middle_of_the_body_is_under_the_text() -> None:
    circle = _dec("circle", Rect(260, 200, 200, 200))
    area, under = content_area([TITLE, BODY], [circle], W, H)
    assert under == (circle,)
    assert area == BODY.rect


def test_title_only_room_is_below_the_title_and_above_the_footer() -> None:
    area, _ = content_area([TITLE, FOOTER], [], W, H)
    assert area.y >= TITLE.rect.bottom and area.bottom <= FOOTER.rect.y
    assert area.x == TITLE.rect.x and area.right == TITLE.rect.right
    band = _dec("band", Rect(0, 470, 720, 70))
    area2, _ = content_area([TITLE], [band], W, H)
    assert area2.bottom <= 470


def test_several_bodies_make_one_box() -> None:
    left = Placeholder("obj", 1, "Left", Rect(36, 120, 310, 360))
    right = Placeholder("obj", 2, "Right", Rect(374, 120, 310, 360))
    area, _ = content_area([TITLE, left, right], [], W, H)
    assert area == Rect(36, 120, 648, 360)
