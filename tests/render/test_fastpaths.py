"""The fast paths' quarantine: the pinned matplotlib is supported, one switch turns
them off, and mapped fonts shape and measure exactly as matplotlib's own."""

from __future__ import annotations

import threading

import pytest
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from infodeck.render import fastpaths, mpl
from infodeck.resources import font_path
from infodeck.scene import fonts

BODY = str(font_path("Carlito-Regular.ttf"))



def test_the_installed_matplotlib_is_one_the_fast_paths_support() -> None:
    """Fails (never skips) on a matplotlib the pin in pyproject.toml does not allow."""
    import tomllib

    from conftest import ROOT

    version = fastpaths.matplotlib_version()
    assert version in fastpaths.SUPPORTED_VERSIONS, (
        f"matplotlib {version} is installed; the fast paths support "
        f"{fastpaths.SUPPORTED_VERSIONS} (pyproject.toml pins them)"
    )
    assert fastpaths.supported()
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    [pin] = [d for d in deps if d.startswith("matplotlib")]
    major, minor = max(fastpaths.SUPPORTED_VERSIONS)
    assert f">={major}.{minor}" in pin and f"<{major}.{minor + 1}" in pin, pin


def test_the_switch_turns_every_fast_path_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from infodeck.compose.deck import compose_deck
    from infodeck.compose.layouts import get_layout, get_theme
    from infodeck.content.load import load_pack

    from conftest import ROOT

    pack = load_pack(ROOT / "tests" / "data" / "photosynthesis").pack
    assert pack is not None
    deck = compose_deck(pack, [pack.sections[1].id], get_layout("deck-16x9"), get_theme("default"))
    page = deck.pages[0]
    try:
        fastpaths.set_enabled(False)
        assert not fastpaths.enabled()
        fig = mpl._draw_figure(page, 72, snap_to_pixels=True)
        assert type(fig.canvas) is FigureCanvasAgg
        assert not any(isinstance(a, fastpaths.AggText) for a in fig.axes[0].get_children())
        off = mpl.render_rgba(page, 72)
        fastpaths.set_enabled(True)
        assert fastpaths.enabled()
        fig = mpl._draw_figure(page, 72, snap_to_pixels=True)
        assert isinstance(fig.canvas, fastpaths.Canvas)
        assert off == mpl.render_rgba(page, 72)  # the same pixels either way
    finally:
        fastpaths.set_enabled(True)

TEXTS = [
    "The gut-brain axis links gut and brain",
    "Ωμέγα, Привет, naïve café",
    "مرحبا بالعالم",  # Arabic: shaped right to left
    "שלום עולם",
    "光合作用 and 광합성",
    "Leaf 🌿 ✓ x\u0301",
]


def renderers(dpi: float = 300) -> tuple[RendererAgg, RendererAgg]:
    """matplotlib's renderer and one with mapped fonts, both at ``dpi``."""
    stock = RendererAgg(10, 10, dpi)
    mapped = RendererAgg(10, 10, dpi)
    fastpaths.use_mapped_fonts(mapped)
    return stock, mapped


def shaped(renderer: RendererAgg, prop: FontProperties, s: str) -> tuple[object, ...]:
    font = renderer._prepare_font(prop)
    flags = backend_agg.get_hinting_flag()
    metrics = renderer.get_text_width_height_descent(s, prop, ismath=False)
    items = font._layout(s, flags=flags, features=None, language=None)
    glyphs = [(fastpaths.font_path(i.ft_object), i.glyph_index, i.x, i.y) for i in items]
    return metrics, glyphs


@pytest.mark.parametrize("text", TEXTS)
def test_mapped_fonts_shape_and_measure_as_matplotlib(text: str) -> None:
    stock, mapped = renderers()
    # As the painter chooses: the fallback chain only for text the font cannot draw.
    for chain in {not fonts.covers(BODY, text), True}:
        prop = mpl._font_properties(BODY, 11.5, chain)
        assert shaped(mapped, prop, text) == shaped(stock, prop, text)
    assert isinstance(mapped._prepare_font(prop).fname, fastpaths._FontMap)


def test_a_glyph_no_font_has_falls_back_as_in_matplotlib() -> None:
    stock, mapped = renderers(96)
    prop = mpl._font_properties(BODY, 12)
    with pytest.warns(UserWarning, match="missing from font"):
        theirs = shaped(stock, prop, "a\U000e0100b\u0d9e")
    with pytest.warns(UserWarning, match="missing from font"):
        ours = shaped(mapped, prop, "a\U000e0100b\u0d9e")
    assert ours == theirs


def test_each_thread_has_its_own_fonts() -> None:
    prop = mpl._font_properties(BODY, 10)
    _, mapped = renderers()
    mine = mapped._prepare_font(prop)
    assert mapped._prepare_font(prop) is mine  # kept in this thread
    theirs: list[object] = []
    t = threading.Thread(target=lambda: theirs.append(renderers()[1]._prepare_font(prop)))
    t.start()
    t.join()
    assert theirs[0] is not mine
    assert fastpaths.font_path(theirs[0]) == fastpaths.font_path(mine)
    assert theirs[0].fname is not mine.fname  # a map each: one read position each
