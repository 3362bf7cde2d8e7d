"""The SVG reader: every construct of the subset, the refusals, hostile input."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from infodeck.scene.elements import PathOp, VectorIcon
from infodeck.scene.icons import builtin_icon, builtin_names, catalogue
from infodeck.scene.svg import (
    MAX_BYTES,
    MAX_COMMANDS,
    MAX_ELEMENTS,
    SvgError,
    agree_fill_rules,
    parse_path,
    read_svg,
    read_svg_bytes,
)

NS = 'xmlns="http://www.w3.org/2000/svg"'


def svg(body: str, attrs: str = 'viewBox="0 0 48 48"') -> bytes:
    return f"<svg {NS} {attrs}>{body}</svg>".encode()


def read(body: str, attrs: str = 'viewBox="0 0 48 48"') -> VectorIcon:
    return read_svg_bytes(svg(body, attrs), "t")


def points(ops: list[PathOp] | tuple[PathOp, ...]) -> list[tuple[float, float]]:
    """The on-curve points (ends of each command)."""
    return [(a[-2], a[-1]) for op, a in ops if op != "Z"]


def close(a: list[tuple[float, float]], b: list[tuple[float, float]], tol: float = 1e-6) -> bool:
    return len(a) == len(b) and all(
        math.isclose(p[0], q[0], abs_tol=tol) and math.isclose(p[1], q[1], abs_tol=tol)
        for p, q in zip(a, b, strict=True)
    )


def bounds(icon: VectorIcon) -> tuple[float, float, float, float]:
    xs = [v for p in icon.paths for _, a in p.ops for v in a[0::2]]
    ys = [v for p in icon.paths for _, a in p.ops for v in a[1::2]]
    return min(xs), min(ys), max(xs), max(ys)


# ------------------------------------------------------------------ path data


def test_absolute_and_relative_lines_agree() -> None:
    a = parse_path("M10 10 L20 10 H30 V20 L10 20 Z")
    b = parse_path("m10 10 l10 0 h10 v10 l-20 0 z")
    assert close(points(a), points(b))
    assert [op for op, _ in a] == ["M", "L", "L", "L", "L", "Z"]


def test_implicit_repeats_and_compact_numbers() -> None:
    # After M, more pairs are lines; "1.5.5" is 1.5 and .5; "-" starts a number.
    ops = parse_path("M0 0 10 0 10 10m5-5l1.5.5-1e1 0")
    assert points(ops) == [(0, 0), (10, 0), (10, 10), (15, 5), (16.5, 5.5), (6.5, 5.5)]


def test_cubic_smooth_cubic_and_relative_forms() -> None:
    ops = parse_path("M0 0 C0 10 10 10 10 0 S20 -10 20 0")
    assert ops[1] == ("C", (0, 10, 10, 10, 10, 0))
    # S reflects the previous second control point (10, 10) about (10, 0).
    assert ops[2] == ("C", (10, -10, 20, -10, 20, 0))
    rel = parse_path("m0 0 c0 10 10 10 10 0 s10 -10 10 0")
    assert rel == ops


def test_quadratics_become_exact_cubics() -> None:
    ops = parse_path("M0 0 Q10 10 20 0 T40 0")
    assert ops[1][0] == "C"
    c = ops[1][1]
    assert close([(c[0], c[1]), (c[2], c[3])], [(20 / 3, 20 / 3), (40 / 3, 20 / 3)])
    # T reflects the control point (10, 10) about (20, 0) to (30, -10).
    t = ops[2][1]
    assert close([(t[0], t[1]), (t[4], t[5])], [(20 + 2 / 3 * 10, -2 / 3 * 10), (40, 0)])
    assert parse_path("m0 0 q10 10 20 0 t20 0") == ops


def test_arcs_land_on_their_circle() -> None:
    # A half circle of radius 10 around (10, 0), from (0, 0) to (20, 0), as cubics.
    ops = parse_path("M0 0 A10 10 0 0 1 20 0")
    assert all(op == "C" for op, _ in ops[1:]) and len(ops) == 3
    for _, a in ops[1:]:
        assert math.isclose(math.hypot(a[4] - 10, a[5]), 10, abs_tol=1e-9)
    mid = ops[1][1]  # sweep 1 goes through y < 0 (clockwise on screen, y down)
    assert mid[5] < 0
    assert parse_path("m0 0 a10 10 0 0 1 20 0") == ops


def test_arc_flags_without_separators_and_out_of_range_radii() -> None:
    assert parse_path("M0 0a10 10 0 0120 0") == parse_path("M0 0 a10 10 0 0 1 20 0")
    # Radii too small are scaled up (SVG's rule): still ends where it should.
    ops = parse_path("M0 0 A1 1 0 0 0 20 0")
    assert ops[-1][1][-2:] == (20, 0)
    assert parse_path("M0 0 A0 5 0 0 0 20 0")[-1] == ("C", (0, 0, 20, 0, 20, 0))  # a line


def test_large_arc_goes_the_long_way() -> None:
    small = parse_path("M0 0 A10 10 0 0 1 10 10")
    large = parse_path("M0 0 A10 10 0 1 1 10 10")
    assert len(large) > len(small)  # 270 degrees take three quarter-arcs


@pytest.mark.parametrize(
    ("d", "message"),
    [
        ("L0 0", "must start with a move"),
        ("M0", "needs 2 numbers"),
        ("M0 0 X1 1", "unexpected"),
        ("M0 0 A1 1 0 2 0 1 1", "arc flag"),
        ("M0 0 L1e400 0", "out of range"),
    ],
)
def test_bad_path_data_is_refused(d: str, message: str) -> None:
    with pytest.raises(SvgError, match=message):
        parse_path(d)


# ---------------------------------------------------------------- shapes


def test_basic_shapes() -> None:
    icon = read(
        '<rect x="1" y="2" width="10" height="4"/>'
        '<rect x="0" y="0" width="10" height="10" rx="2"/>'
        '<circle cx="20" cy="20" r="5"/>'
        '<ellipse cx="30" cy="30" rx="4" ry="2"/>'
        '<line x1="0" y1="0" x2="5" y2="5" stroke="#000"/>'
        '<polyline points="0,0 1,1 2,0" fill="none" stroke="#000"/>'
        '<polygon points="0 0 4 0 4 4"/>'
    )
    paints = [p.paint for p in icon.paths]
    assert paints == ["fill", "fill", "fill", "fill", "stroke", "stroke", "fill"]
    assert points(icon.paths[0].ops)[:4] == [(1, 2), (11, 2), (11, 6), (1, 6)]
    assert sum(op == "C" for op, _ in icon.paths[1].ops) == 4  # four rounded corners
    circle = icon.paths[2].ops
    assert all(math.isclose(math.hypot(x - 20, y - 20), 5) for x, y in points(circle))


def test_degenerate_shapes_draw_nothing() -> None:
    with pytest.raises(SvgError, match="draws nothing"):
        read('<rect width="0" height="4"/><circle r="0"/><path d=""/>')


def test_transforms_nest_and_scale_stroke_widths() -> None:
    icon = read(
        '<g transform="translate(10 0) scale(2)">'
        '<path d="M0 0 L1 0" stroke="#000" stroke-width="1.5" fill="none"'
        ' transform="rotate(90)"/></g>'
    )
    [p] = icon.paths
    assert close(points(p.ops), [(10, 0), (10, 2)])
    assert p.width == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("transform", "expected"),
    [
        ("matrix(1 0 0 1 5 6)", (6, 7)),
        ("translate(5)", (6, 1)),
        ("scale(2, 3)", (2, 3)),
        ("rotate(180 1 1)", (1, 1)),
        ("skewX(45)", (2, 1)),
        ("skewY(45)", (1, 2)),
    ],
)
def test_each_transform(transform: str, expected: tuple[float, float]) -> None:
    icon = read(f'<path d="M1 1 L1 1.5" stroke="#000" transform="{transform}"/>')
    x, y = icon.paths[-1].ops[0][1]
    assert (x, y) == pytest.approx(expected)


def test_viewbox_origin_is_moved_to_zero() -> None:
    icon = read('<rect x="10" y="20" width="4" height="4"/>', 'viewBox="10 20 4 8"')
    assert (icon.width, icon.height) == (4, 8)
    assert bounds(icon) == (0, 0, 4, 4)


def test_width_and_height_without_viewbox() -> None:
    icon = read('<rect width="4" height="4"/>', 'width="24" height="12px"')
    assert (icon.width, icon.height) == (24, 12)


def test_paint_inherits_and_style_wins() -> None:
    icon = read(
        '<g fill="none" stroke="red" stroke-width="2" stroke-linecap="round">'
        '<path d="M0 0 L5 5"/>'
        '<path d="M0 0 L5 5" style="stroke-linejoin: bevel; stroke-width: 4"/>'
        '<path d="M0 0 L5 5 L0 5 Z" fill="#123" stroke="none"/></g>'
    )
    a, b, c = icon.paths
    assert (a.paint, a.width, a.cap, a.join) == ("stroke", 2, "round", "miter")
    assert (b.width, b.join) == (4, "bevel")
    assert c.paint == "fill"


def test_hidden_and_transparent_parts_are_not_drawn() -> None:
    icon = read(
        '<g style="display:none"><rect width="9" height="9"/></g>'
        '<rect width="4" height="4" visibility="hidden"/>'
        '<rect width="4" height="4" fill="transparent"/>'
        '<g visibility="hidden"><rect x="5" width="2" height="2" visibility="visible"/></g>'
    )
    [p] = icon.paths
    assert bounds(icon) == (5, 0, 7, 2)
    assert p.paint == "fill"


def test_fill_and_stroke_make_two_paths() -> None:
    icon = read('<circle cx="5" cy="5" r="4" stroke="#000"/>')
    assert [p.paint for p in icon.paths] == ["fill", "stroke"]


def test_title_is_the_alt_text_and_metadata_is_skipped() -> None:
    icon = read(
        '<title>A &amp; B</title><desc>long</desc><metadata><x xmlns="urn:x"/></metadata>'
        '<foo:bar xmlns:foo="urn:foo"/><rect width="1" height="1"/>'
    )
    assert icon.title == "A & B"
    assert read('<rect width="1" height="1"/>').title == "t"  # the name, when untitled


# ------------------------------------------------------------------ fill rules


def _ring(rule: str, inner_reversed: bool) -> list[list[PathOp]]:
    inner = "M30 10 L10 10 L10 30 L30 30 Z" if inner_reversed else "M10 10 L30 10 L30 30 L10 30 Z"
    return agree_fill_rules(parse_path("M0 0 L40 0 L40 40 L0 40 Z " + inner), rule)


def _signed_areas(ops: list[PathOp]) -> list[float]:
    out: list[float] = []
    pts: list[tuple[float, float]] = []
    for op, a in [*ops, ("M", (0.0, 0.0))]:
        if op == "M" and pts:
            out.append(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2)
                           in zip(pts, pts[1:] + pts[:1], strict=True)) / 2)
            pts = []
        if op in ("M", "L"):
            pts.append((a[0], a[1]))
    return out


@pytest.mark.parametrize(("rule", "reverse"), [("evenodd", False), ("evenodd", True),
                                                ("nonzero", True)])
def test_a_hole_turns_the_other_way(rule: str, reverse: bool) -> None:
    [path] = _ring(rule, reverse)
    outer, inner = _signed_areas(path)
    assert outer * inner < 0  # so even-odd and non-zero both leave the hole empty


def test_nonzero_same_direction_inner_contour_is_no_hole() -> None:
    # Under non-zero, an inner contour turning the same way fills: it changes nothing.
    [path] = _ring("nonzero", False)
    assert len(_signed_areas(path)) == 1


def test_separate_contours_become_separate_paths() -> None:
    paths = agree_fill_rules(parse_path("M0 0 H10 V10 H0 Z M5 5 H15 V15 H5 Z"), "nonzero")
    assert len(paths) == 2  # overlapping: each filled on its own, so their union shows


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<script>alert(1)</script>", "scripts"),
        ('<image href="x.png" width="4" height="4"/>', "href"),
        ('<image width="4" height="4"/>', "pictures"),
        ('<use href="#a"/>', "href"),
        ("<use/>", "references"),
        ("<text>Hi</text>", "text is not supported"),
        ("<style>path{fill:red}</style>", "style sheets"),
        ('<foreignObject width="4" height="4"/>', "foreign content"),
        ('<linearGradient id="g"/>', "not supported"),
        ('<path d="M0 0H4V4Z" fill="url(#g)"/>', "gradients"),
        ('<path d="M0 0H4V4Z" style="fill: url(#g)"/>', "gradients"),
        ('<path d="M0 0H4V4Z" filter="url(#f)"/>', "'filter' is not supported"),
        ('<path d="M0 0H4V4Z" clip-path="url(#c)"/>', "'clip-path'"),
        ('<path d="M0 0H4V4Z" onclick="x()"/>', "event attributes"),
        ('<a href="https://example.org"><path d="M0 0H4V4Z"/></a>', "href"),
        ('<svg viewBox="0 0 4 4"><path d="M0 0H4V4Z"/></svg>', "nested <svg>"),
        ('<path d="M0 0H4V4Z" transform="perspective(2)"/>', "transform"),
        ('<path d="M0 0H4V4Z" fill-rule="odd"/>', "fill-rule"),
        ('<rect width="ten" height="4"/>', "not a number"),
    ],
)
def test_outside_the_subset_is_refused_with_a_position(body: str, message: str) -> None:
    with pytest.raises(SvgError, match=message) as e:
        read(body)
    assert e.value.line == 1 and e.value.col is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed"),
        (b"<svg", "not well-formed"),
        (b'<svg viewBox="0 0 4 4"><path d="M0 0H4V4Z"/></svg>', "SVG namespace"),
        (f"<html {NS}/>".encode(), "root element must be <svg>"),
        (svg('<path d="M0 0H4V4Z"/>', ""), "needs a viewBox"),
        (svg('<path d="M0 0H4V4Z"/>', 'viewBox="0 0 0 4"'), "viewBox"),
        (b'<?xml-stylesheet href="x.css"?>' + svg("<g/>"), "processing instructions"),
    ],
)
def test_malformed_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(SvgError, match=message):
        read_svg_bytes(data, "t")


def test_entities_are_never_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + svg("<title>&b;</title><rect width='1' height='1'/>")
    )
    with pytest.raises(SvgError, match="DOCTYPE"):
        read_svg_bytes(laughs, "t")


def test_external_entities_are_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    xxe = (
        f'<!DOCTYPE svg [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
        + svg("<title>&x;</title><rect width='1' height='1'/>")
    )
    with pytest.raises(SvgError, match="DOCTYPE"):
        read_svg_bytes(xxe, "t")


def test_size_and_count_limits() -> None:
    with pytest.raises(SvgError, match="at most"):
        read_svg_bytes(svg("<g/>" + " " * MAX_BYTES), "t")
    with pytest.raises(SvgError, match="too many elements"):
        read_svg_bytes(svg("<g/>" * (MAX_ELEMENTS + 1)), "t")
    with pytest.raises(SvgError, match="nested too deep"):
        read_svg_bytes(svg("<g>" * 40 + "</g>" * 40), "t")
    with pytest.raises(SvgError, match=r"too long|too many path commands"):
        read_svg_bytes(svg(f'<path d="M0 0{" L1 1" * 30000}"/>'), "t")


def test_read_svg_names_the_icon_after_its_file(tmp_path: Path) -> None:
    f = tmp_path / "my-leaf.svg"
    f.write_bytes(svg('<rect width="4" height="4"/>'))
    assert read_svg(f).name == "my-leaf"


# ------------------------------------------------------------- built-in set


def test_the_built_in_icons() -> None:
    own = tuple(n for n, i in catalogue().items() if i.kind == "own")
    assert own == (
        "bacteria", "blood-vessel", "brain", "fruit-vegetables", "gut",
        "magnifier", "neuron", "pill", "shield", "warning",
    )
    assert set(own) <= set(builtin_names())
    for name in own:
        icon = builtin_icon(name)
        assert (icon.width, icon.height) == (48, 48), name
        x0, y0, x1, y1 = bounds(icon)
        # One grid: everything inside a 2-unit margin (strokes are 3 wide, so 1.5 more).
        assert x0 >= 2 and y0 >= 2 and x1 <= 46 and y1 <= 46, (name, (x0, y0, x1, y1))
        assert {p.width for p in icon.paths if p.paint == "stroke"} == {3.0}, name
        assert icon.title and icon.title[0].isupper(), name


# ------------------------------------------------------- near-linear fill rules


def _inside_old(pt: tuple[float, float], poly: list[tuple[float, float]]) -> bool:
    x, y = pt
    inside = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _parents_old(polys, areas):  # type: ignore[no-untyped-def]
    """The pairwise search the reader used to make (every contour against every other)."""
    out = []
    for i in range(len(polys)):
        best = None
        for j in range(len(polys)):
            if (
                i != j
                and abs(areas[j]) > abs(areas[i])
                and _inside_old(polys[i][0], polys[j])
                and (best is None or abs(areas[j]) < abs(areas[best]))
            ):
                best = j
        out.append(best)
    return out


def _squares(n: int, nested: bool) -> str:
    """``n`` squares side by side (disjoint) or one inside the other (concentric)."""
    parts = []
    for k in range(n):
        if nested:
            a, b = 24 - 23 * (k + 1) / n, 24 + 23 * (k + 1) / n
            parts.append(f"M{a:.4f} {a:.4f}H{b:.4f}V{b:.4f}H{a:.4f}Z")
        else:
            x, y = (k % 100) * 0.48, (k // 100) * 0.48
            parts.append(f"M{x:.3f} {y:.3f}h0.3v0.3h-0.3z")
    return "".join(parts)


@pytest.mark.parametrize("seed", range(6))
def test_parents_are_those_of_the_pairwise_search(seed: int) -> None:
    import random

    from infodeck.scene.svg import _area, _contours, _flatten, _parents

    rnd = random.Random(seed)
    d = ""
    for _ in range(60):  # rectangles, triangles and curves, nested, touching and crossing
        x, y, w, h = (rnd.choice([rnd.uniform(0, 40), rnd.randint(0, 40)]) for _ in range(4))
        kind = rnd.randrange(3)
        if kind == 0:
            d += f"M{x} {y}h{w}v{h}h{-w}z"
        elif kind == 1:
            d += f"M{x} {y}L{x + w} {y + h / 2}L{x} {y + h}z"
        else:
            d += f"M{x} {y}C{x + w} {y} {x + w} {y + h} {x} {y + h}z"
    polys = [_flatten(c) for c in _contours(parse_path(d))]
    areas = [_area(p) for p in polys]
    assert _parents(polys, areas) == _parents_old(polys, areas)


def _zigzag_and_dots(dots: int) -> str:
    """The costliest icon within the limits for the fill rules: one outline of as many
    edges as the commands allow (smooth quadratics: 8 edges each once flattened, each
    tall, so no horizontal band holds few of them) and ``dots`` tiny squares in its bounding
    box that it does not hold, so each square is tested against every edge."""
    n = MAX_COMMANDS - 5 * dots - 3
    w = 48 / (n + 1)
    d = f"M0 0Q{w / 2} 48 {w} 0" + f"t{w:.5f} 0" * n
    return d + "".join(
        f"M{(k % 20) * 2.4 + 0.3:.2f} {(k // 20) * 1.5 + 0.5:.2f}h.0001v.01h-.0001z"
        for k in range(dots)
    )


def _crossing_triangles(n: int) -> str:
    """``n`` thin triangles across the whole icon, all crossing, none holding another."""
    return "".join(
        f"M0 {k * 48 / n:.3f}L48 {48 - k * 48 / n:.3f}L48 {48 - k * 48 / n + 0.01 + k * 2e-5:.5f}"
        for k in range(n)
    )


@pytest.mark.parametrize(
    "shape", ["zigzag", "crossing", "nested", "side by side", "outline and squares"]
)
def test_the_fill_rule_work_is_bounded_by_the_limits(shape: str) -> None:
    """Work, not time, is what a test can hold to (the machine may be busy).

    Each contour is tested at most once against each larger one whose bounding box holds
    its first point, and each such test compares the point with at most every edge of
    the larger contour; a flattened command has at most 8 edges. So one icon does at most
    (MAX_CONTOURS - 1) x 8 x MAX_COMMANDS point-edge comparisons (48 million; the zigzag
    reaches it, and reads in about 0.6 s of CPU on a slow 2-core machine). 4,900 crossing
    slivers, allowed before the contour limit, took 1.6-2.0 s.
    """
    from infodeck.scene.svg import MAX_CONTOURS, Work, _contours, _flatten

    c = MAX_CONTOURS
    d = {
        "zigzag": _zigzag_and_dots(c - 1),
        "crossing": _crossing_triangles(c),
        "nested": _squares(c, nested=True),
        "side by side": _squares(c, nested=False),
        "outline and squares": "M0 0" + "".join(
            f"L{24 + 23 * math.cos(k / 3000 * 2 * math.pi):.3f} "
            f"{24 + 23 * math.sin(k / 3000 * 2 * math.pi):.3f}" for k in range(3000)
        ) + _squares(c - 1, nested=False),
    }[shape]
    ops = parse_path(d)
    contours = _contours(ops)
    edges = sum(len(_flatten(k)) for k in contours)
    assert len(ops) <= MAX_COMMANDS and len(contours) <= c
    assert edges <= 8 * MAX_COMMANDS
    work = Work()
    read(f'<path d="{d}"/>')  # within every limit: read, not refused
    agree_fill_rules(ops, "nonzero", work)
    assert work.tests <= len(contours) * (len(contours) - 1) // 2
    assert work.edges <= (len(contours) - 1) * edges <= (c - 1) * 8 * MAX_COMMANDS
    if shape == "zigzag":
        assert work.edges > 0.9 * (len(contours) - 1) * edges  # the worst case, in earnest
    if shape in ("nested", "side by side"):  # a contour settled at its first holder, or none
        assert work.tests < len(contours)


def test_contours_beyond_the_limit_are_refused() -> None:
    """The limit counts every move-to of the file, across its shapes."""
    from infodeck.scene.svg import MAX_CONTOURS

    half = MAX_CONTOURS // 2
    assert read(f'<path d="{_squares(half, False)}"/><path d="{_squares(half, False)}"/>')
    with pytest.raises(SvgError, match=r"^1:\d+: too many separate shapes and holes .*300 per"):
        read(f'<path d="{_squares(half, False)}"/><path d="{_squares(half + 1, False)}"/>')
    with pytest.raises(SvgError, match="too many separate shapes"):
        read('<rect width="1" height="1"/>' + '<circle r="1"/>' * MAX_CONTOURS)


def test_a_large_icon_file_is_named_with_its_own_size(tmp_path: Path) -> None:
    """The message always said "256 KB": the size of what was read, not of the file."""
    f = tmp_path / "big.svg"
    f.write_bytes(svg("<g/>" + " " * (900 * 1024)))
    with pytest.raises(SvgError, match=r"^the file is 900 KB; an icon may be at most 256 KB"):
        read_svg(f)


@pytest.mark.parametrize("seed", range(4))
def test_parents_around_a_long_outline_are_those_of_the_pairwise_search(seed: int) -> None:
    """A wavy outline of many edges (tested in bands) around and across small shapes."""
    import random

    from infodeck.scene.svg import _area, _contours, _flatten, _parents

    rnd = random.Random(seed)
    d = "M4 24"
    for k in range(1, 120):
        a = 2 * math.pi * k / 120
        r = 18 + rnd.uniform(-3, 3)
        x, y = 24 + r * math.cos(a + math.pi), 24 + r * math.sin(a + math.pi)
        d += f"L{x:.3f} {y:.3f}" if k % 3 else f"C{x:.2f} {y:.2f} {x:.2f} {y:.2f} {x:.3f} {y:.3f}"
    d += "Z"
    for _ in range(150):
        x, y = rnd.uniform(0, 46), rnd.choice([rnd.uniform(0, 46), float(rnd.randint(0, 46))])
        d += f"M{x} {y}h{rnd.uniform(0.2, 2)}v{rnd.uniform(0.2, 2)}h-1z"
    polys = [_flatten(c) for c in _contours(parse_path(d))]
    areas = [_area(p) for p in polys]
    assert max(len(p) for p in polys) > 300  # banded
    assert _parents(polys, areas) == _parents_old(polys, areas)
