"""Measuring fonts: metric-compatible where one is bundled, the nearest face otherwise."""

from __future__ import annotations

import pytest

from infodeck.resources import font_path
from infodeck.template import measuring_font
from infodeck.template.fonts import kind_of


@pytest.mark.parametrize(("family", "bundled"), [
    ("Calibri", "Carlito"), ("Cambria", "Caladea"), ("Arial", "LiberationSans"),
    ("Helvetica", "LiberationSans"), ("Times New Roman", "LiberationSerif"),
    ("Courier New", "LiberationMono"), ("  calibri ", "Carlito"),
])
def test_metric_compatible_fonts_have_no_notice(family: str, bundled: str) -> None:
    m = measuring_font(family)
    assert m.bundled == bundled and m.exact and not m.notice
    for name in m.files().values():
        assert font_path(name).is_file(), name


@pytest.mark.parametrize(("family", "bundled"), [
    ("Georgia", "LiberationSerif"), ("Garamond", "LiberationSerif"),
    ("Segoe UI", "LiberationSans"), ("Open Sans", "LiberationSans"),
    ("Consolas", "LiberationMono"), ("Source Sans Pro", "LiberationSans"),
    ("PT Serif", "LiberationSerif"), ("Calibri Light", "Carlito"),
])
def test_other_fonts_use_the_nearest_face_with_a_notice(family: str, bundled: str) -> None:
    m = measuring_font(family)
    assert m.bundled == bundled and not m.exact
    assert family in m.notice and "line breaks may differ" in m.notice
    assert all(font_path(n).is_file() for n in m.files().values())


def test_an_empty_font_name_is_calibri() -> None:
    assert measuring_font("").family == "Calibri"
    assert kind_of("Noto Sans Mono") == "mono" and kind_of("Noto Sans") == "sans"
