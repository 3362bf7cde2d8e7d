"""Read single-colour SVG icons into backend-neutral vector paths.

Icons are drawn by both backends from the same data: matplotlib as ``Path``
objects (vectors in SVG and PDF), PowerPoint as native freeforms. So an SVG file
is read once, here, into absolute move/line/cubic/close commands in the units of
its ``viewBox`` (translated so the box starts at 0, 0).

The subset read (anything else is refused with a message naming the file, line and
column, never ignored, so what a teacher sees is what the file says):

* ``svg`` (with a ``viewBox``, or ``width``/``height`` in plain units), ``g``;
  ``title``, ``desc`` and ``metadata`` are allowed (the title becomes alt text);
  elements of other namespaces (an editor's own, e.g. Inkscape's) are skipped;
* ``path`` (every command of ``d``, absolute and relative, arcs included),
  ``rect`` (with ``rx``/``ry``), ``circle``, ``ellipse``, ``line``, ``polyline``,
  ``polygon``;
* ``transform`` (``matrix``, ``translate``, ``scale``, ``rotate``, ``skewX``,
  ``skewY``) on any element;
* ``fill``, ``stroke`` (any colour means "paint", ``none`` means not: the theme
  gives the colour), ``stroke-width``, ``fill-rule``, ``stroke-linecap``,
  ``stroke-linejoin``, as attributes or in a ``style`` attribute, inherited;
  ``display: none`` and ``visibility: hidden`` (hidden layers are not drawn).

Refused: scripts and event attributes, links and references (``href``,
``url(...)``, ``use``), pictures, text, styles sheets, gradients, filters, masks,
clipping, and any DOCTYPE or entity declaration (so nothing is fetched or
expanded). The file size, element count, path length and nesting are bounded.

Fill rules: a DrawingML freeform fills with the even-odd rule, matplotlib with
the non-zero rule. Each filled path is therefore rewritten so both rules agree:
its contours are grouped into nested trees, a contour that changes nothing is
dropped, and holes turn the other way from what surrounds them. Contours of one
path that cross each other are drawn as their union.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.parsers import expat

from infodeck.errors import UserError
from infodeck.scene.elements import PathOp, VectorIcon, VectorPath

SVG_NS = "http://www.w3.org/2000/svg"
MAX_BYTES = 256 * 1024
MAX_ELEMENTS = 2_000
MAX_COMMANDS = 20_000  # path commands after expansion, over the whole file
# Contours (each move-to starts one), over the whole file. Finding which contour holds
# which (for the fill rules) compares a contour with the larger ones around its first
# point; contours that cross each other defeat every shortcut, so that work grows with
# the square of their number: 1,000 keeps the worst icon to about 0.2 s of CPU
# (4,900 crossing slivers took 1.6-2.0 s). Drawn icons hold a few dozen at most.
MAX_CONTOURS = 300
MAX_DEPTH = 32
MAX_COORD = 1e6

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in SVG
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

_SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
_CONTAINERS = {"svg", "g"}
_SKIPPED = {"title", "desc", "metadata"}
_REFUSED = {
    "script": "scripts are not allowed in icons",
    "image": "pictures inside icons are not allowed; draw with paths and shapes",
    "use": "references ('use') are not supported; copy the shape instead",
    "text": "text is not supported in icons; convert it to paths in your editor",
    "tspan": "text is not supported in icons; convert it to paths in your editor",
    "textPath": "text is not supported in icons; convert it to paths in your editor",
    "foreignObject": "foreign content is not allowed in icons",
    "style": "style sheets are not supported; set fill and stroke on the shapes",
    "a": "links are not allowed in icons",
    "iframe": "embedded documents are not allowed in icons",
}
_STYLE_PROPS = {
    "fill",
    "stroke",
    "stroke-width",
    "fill-rule",
    "stroke-linecap",
    "stroke-linejoin",
    "display",
    "visibility",
}
# Attributes that change nothing drawn (or only what the theme decides anyway).
_IGNORED_ATTRS = {
    "id",
    "class",
    "version",
    "baseProfile",
    "xmlns",
    "width",
    "height",
    "viewBox",
    "preserveAspectRatio",
    "role",
    "focusable",
    "color",
    "stroke-miterlimit",
    "vector-effect",
    "shape-rendering",
    "fill-opacity",
    "stroke-opacity",
    "opacity",
    "clip-rule",
    "x",
    "y",
    "rx",
    "ry",
    "cx",
    "cy",
    "r",
    "x1",
    "y1",
    "x2",
    "y2",
    "points",
    "d",
    "transform",
    "style",
    "pathLength",
}
_NUM = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[\s,]+")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


class SvgError(UserError, ValueError):
    """An SVG file Infodeck cannot or will not draw; ``line``/``col`` where known."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col

    def __str__(self) -> str:
        pos = f"{self.line}:{self.col}: " if self.line is not None else ""
        return pos + self.message


@dataclass
class _Node:
    tag: str  # local name; "" for an element of another namespace
    attrs: dict[str, str]
    line: int
    col: int
    children: list[_Node]


@dataclass(frozen=True)
class _Paint:
    fill: bool = True
    stroke: bool = False
    width: float = 1.0
    rule: Literal["nonzero", "evenodd"] = "nonzero"
    cap: Literal["butt", "round", "square"] = "butt"
    join: Literal["miter", "round", "bevel"] = "miter"
    visible: bool = True


# ---------------------------------------------------------------- the XML layer


def _parse_xml(data: bytes) -> _Node:
    """The element tree, through expat with every declaration refused.

    A DOCTYPE (and with it any entity, internal or external) is refused before
    anything is expanded, so no file or URL is ever read and nothing grows.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    root: list[_Node] = []
    count = 0

    def refuse(what: str) -> Callable[..., None]:
        def handler(*_args: object) -> None:
            raise SvgError(
                f"{what} are not allowed in icons",
                parser.CurrentLineNumber,
                parser.CurrentColumnNumber + 1,
            )

        return handler

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal count
        count += 1
        line, col = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        if count > MAX_ELEMENTS:
            raise SvgError(f"too many elements (the limit is {MAX_ELEMENTS:,})", line, col)
        if len(stack) >= MAX_DEPTH:
            raise SvgError(f"elements nested too deep (the limit is {MAX_DEPTH})", line, col)
        ns, _, local = name.rpartition(" ")
        plain: dict[str, str] = {}
        for key, value in attrs.items():
            ans, _, alocal = key.rpartition(" ")
            if alocal == "href":  # xlink:href or a plain href: a reference, never followed
                raise SvgError("links and references (href) are not allowed in icons", line, col)
            if not ans:
                plain[alocal] = value
        node = _Node(local if ns == SVG_NS else ("" if ns else f"?{local}"), plain, line, col, [])
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse("DOCTYPE declarations")
    parser.EntityDeclHandler = refuse("entity declarations")
    parser.ExternalEntityRefHandler = refuse("external entities")  # type: ignore[assignment]
    parser.ProcessingInstructionHandler = refuse("processing instructions")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as e:
        raise SvgError(f"not well-formed XML ({expat.errors.messages[e.code]})",
                       e.lineno, e.offset + 1) from None
    if not root:
        raise SvgError("the file holds no SVG")
    top = root[0]
    if top.tag != "svg":
        raise SvgError(
            "the file is not SVG: its root element must be <svg> in the SVG namespace "
            f"(xmlns=\"{SVG_NS}\")",
            top.line,
            top.col,
        )
    return top


# ------------------------------------------------------------------- numbers


def _number(text: str, what: str, node: _Node) -> float:
    m = _NUM.fullmatch(text.strip().removesuffix("px").strip())
    if m is None:
        raise SvgError(f"{what}: not a number in plain units (got {text!r})", node.line, node.col)
    v = float(m.group())
    if not math.isfinite(v) or abs(v) > MAX_COORD:
        raise SvgError(f"{what}: number out of range (got {text!r})", node.line, node.col)
    return v


def _attr(node: _Node, name: str, default: float = 0.0) -> float:
    raw = node.attrs.get(name)
    return default if raw is None else _number(raw, f"<{node.tag}> {name}", node)


def _numbers(text: str, what: str, node: _Node) -> list[float]:
    rest = _NUM.sub(" ", text).replace(",", " ").strip()
    if rest:
        raise SvgError(f"{what}: unexpected {rest.split()[0]!r}", node.line, node.col)
    out = [float(x) for x in _NUM.findall(text)]
    if any(not math.isfinite(v) or abs(v) > MAX_COORD for v in out):
        raise SvgError(f"{what}: number out of range", node.line, node.col)
    return out


# ----------------------------------------------------------------- transforms


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """The matrix applying ``n`` first, then ``m``."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


_TRANSFORM = re.compile(r"\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?")


def _transform(text: str, node: _Node) -> Matrix:
    m = IDENTITY
    pos = 0
    text = text.strip()
    while pos < len(text):
        t = _TRANSFORM.match(text, pos)
        if t is None:
            raise SvgError(
                f"transform: cannot read {text[pos:pos + 20]!r} (supported: matrix, "
                "translate, scale, rotate, skewX, skewY)",
                node.line,
                node.col,
            )
        pos = t.end()
        kind, args = t.group(1), _numbers(t.group(2), f"transform {t.group(1)}", node)
        counts = {"matrix": (6,), "translate": (1, 2), "scale": (1, 2), "rotate": (1, 3),
                  "skewX": (1,), "skewY": (1,)}
        if len(args) not in counts[kind]:
            raise SvgError(f"transform {kind}: wrong number of values ({len(args)})",
                           node.line, node.col)
        n: Matrix
        if kind == "matrix":
            n = (args[0], args[1], args[2], args[3], args[4], args[5])
        elif kind == "translate":
            n = (1, 0, 0, 1, args[0], args[1] if len(args) > 1 else 0.0)
        elif kind == "scale":
            sx = args[0]
            n = (sx, 0, 0, args[1] if len(args) > 1 else sx, 0, 0)
        elif kind == "rotate":
            r = math.radians(args[0])
            cs, sn = math.cos(r), math.sin(r)
            n = (cs, sn, -sn, cs, 0, 0)
            if len(args) == 3:
                cx, cy = args[1], args[2]
                n = _mul(_mul((1, 0, 0, 1, cx, cy), n), (1, 0, 0, 1, -cx, -cy))
        elif kind == "skewX":
            n = (1, 0, math.tan(math.radians(args[0])), 1, 0, 0)
        else:
            n = (1, math.tan(math.radians(args[0])), 0, 1, 0, 0)
        m = _mul(m, n)
    return m


# ---------------------------------------------------------------------- paths


def _arc(x1: float, y1: float, rx: float, ry: float, phi_deg: float, large: bool, sweep: bool,
         x2: float, y2: float) -> list[tuple[float, ...]]:
    """An elliptical arc as cubic Béziers (SVG 1.1, appendix F.6), each ≤ 90°."""
    if (x1, y1) == (x2, y2):
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [(x1, y1, x2, y2, x2, y2)]  # a straight line, as a degenerate cubic
    phi = math.radians(phi_deg % 360)
    cp, sp = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p, y1p = cp * dx + sp * dy, -sp * dx + cp * dy
    lam = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if lam > 1:
        s = math.sqrt(lam)
        rx, ry = rx * s, ry * s
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    coef = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    cx = cp * cxp - sp * cyp + (x1 + x2) / 2
    cy = sp * cxp + cp * cyp + (y1 + y2) / 2

    def angle(ux: float, uy: float, vx: float, vy: float) -> float:
        a = math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)
        return a

    t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and dt > 0:
        dt -= 2 * math.pi
    elif sweep and dt < 0:
        dt += 2 * math.pi
    n = max(1, math.ceil(abs(dt) / (math.pi / 2) - 1e-9))
    step = dt / n
    k = 4 / 3 * math.tan(step / 4)
    out: list[tuple[float, ...]] = []

    def point(t: float) -> tuple[float, float]:
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        return cp * ex - sp * ey + cx, sp * ex + cp * ey + cy

    def deriv(t: float) -> tuple[float, float]:
        ex, ey = -rx * math.sin(t), ry * math.cos(t)
        return cp * ex - sp * ey, sp * ex + cp * ey

    t = t1
    for i in range(n):
        p0, p3 = point(t), point(t + step)
        d0, d3 = deriv(t), deriv(t + step)
        end = (x2, y2) if i == n - 1 else p3
        out.append((p0[0] + k * d0[0], p0[1] + k * d0[1],
                    p3[0] - k * d3[0], p3[1] - k * d3[1], end[0], end[1]))
        t += step
    return out


def _tokens(d: str, node: _Node) -> Iterator[str]:
    pos = 0
    while pos < len(d):
        m = _TOKEN.match(d, pos)
        if m is None:
            raise SvgError(f"<path> d: unexpected {d[pos:pos + 12]!r} at character {pos + 1}",
                           node.line, node.col)
        pos = m.end()
        tok = m.group()
        if tok.strip(" \t\r\n,"):
            yield tok


def parse_path(d: str, node: _Node | None = None) -> list[PathOp]:
    """``d`` as absolute M/L/C/Z commands (H, V, S, Q, T and A become L and C)."""
    node = node or _Node("path", {}, 0, 0, [])
    tokens = list(_tokens(d, node))
    out: list[PathOp] = []
    i = 0
    cmd = ""
    x = y = sx = sy = 0.0
    last_c: tuple[float, float] | None = None  # the last cubic control point (for S)
    last_q: tuple[float, float] | None = None  # the last quadratic control point (for T)
    started = False

    def need(k: int) -> list[float]:
        nonlocal i
        vals: list[float] = []
        while len(vals) < k:
            if i >= len(tokens) or tokens[i][0].isalpha():
                raise SvgError(f"<path> d: '{cmd}' needs {k} numbers", node.line, node.col)
            vals.append(float(tokens[i]))
            i += 1
        if any(not math.isfinite(v) or abs(v) > MAX_COORD for v in vals):
            raise SvgError("<path> d: number out of range", node.line, node.col)
        return vals

    def take_flag() -> bool:
        """An arc flag, which may run into the next number ("011" is 0, 1 and 1)."""
        nonlocal i
        if i >= len(tokens) or tokens[i][0].isalpha():
            raise SvgError(f"<path> d: '{cmd}' needs 7 numbers", node.line, node.col)
        tok = tokens[i]
        if tok[0] not in "01":
            raise SvgError(f"<path> d: an arc flag must be 0 or 1 (got {tok!r})",
                           node.line, node.col)
        if len(tok) == 1:
            i += 1
        else:
            tokens[i] = tok[1:]
        return tok[0] == "1"

    while i < len(tokens):
        tok = tokens[i]
        if tok[0].isalpha():
            cmd = tok
            i += 1
            if cmd in "Zz":
                if started:
                    out.append(("Z", ()))
                x, y = sx, sy
                last_c = last_q = None
                continue
        elif not cmd:
            raise SvgError("<path> d: must start with a move (M or m)", node.line, node.col)
        elif cmd in "Zz":
            raise SvgError("<path> d: numbers after 'Z'", node.line, node.col)
        up = cmd.upper()
        rel = cmd.islower()
        if not started and up != "M":
            raise SvgError("<path> d: must start with a move (M or m)", node.line, node.col)
        ox, oy = (x, y) if rel else (0.0, 0.0)
        if up == "A":
            rx, ry, rot = need(3)
            large, sweep = take_flag(), take_flag()
            ex, ey = need(2)
            ex, ey = ex + ox, ey + oy
            for seg in _arc(x, y, rx, ry, rot, large, sweep, ex, ey):
                out.append(("C", seg))
            x, y = ex, ey
            last_c = last_q = None
            continue
        vals = need(_ARGS[up])
        if up == "M":
            x, y = vals[0] + ox, vals[1] + oy
            sx, sy = x, y
            out.append(("M", (x, y)))
            started = True
            cmd = "l" if rel else "L"  # further pairs are lines
            last_c = last_q = None
        elif up == "L":
            x, y = vals[0] + ox, vals[1] + oy
            out.append(("L", (x, y)))
            last_c = last_q = None
        elif up == "H":
            x = vals[0] + ox
            out.append(("L", (x, y)))
            last_c = last_q = None
        elif up == "V":
            y = vals[0] + oy
            out.append(("L", (x, y)))
            last_c = last_q = None
        elif up == "C":
            c1 = (vals[0] + ox, vals[1] + oy)
            c2 = (vals[2] + ox, vals[3] + oy)
            x, y = vals[4] + ox, vals[5] + oy
            out.append(("C", (*c1, *c2, x, y)))
            last_c, last_q = c2, None
        elif up == "S":
            c1 = (2 * x - last_c[0], 2 * y - last_c[1]) if last_c else (x, y)
            c2 = (vals[0] + ox, vals[1] + oy)
            x, y = vals[2] + ox, vals[3] + oy
            out.append(("C", (*c1, *c2, x, y)))
            last_c, last_q = c2, None
        else:  # Q and T: quadratics, raised to cubics exactly
            if up == "Q":
                q = (vals[0] + ox, vals[1] + oy)
                ex, ey = vals[2] + ox, vals[3] + oy
            else:
                q = (2 * x - last_q[0], 2 * y - last_q[1]) if last_q else (x, y)
                ex, ey = vals[0] + ox, vals[1] + oy
            c1 = (x + 2 / 3 * (q[0] - x), y + 2 / 3 * (q[1] - y))
            c2 = (ex + 2 / 3 * (q[0] - ex), ey + 2 / 3 * (q[1] - ey))
            x, y = ex, ey
            out.append(("C", (*c1, *c2, x, y)))
            last_c, last_q = None, q
        if len(out) > MAX_COMMANDS:
            raise SvgError(f"<path> d: too long (over {MAX_COMMANDS:,} commands)",
                           node.line, node.col)
    return out


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> list[PathOp]:
    k = 0.5522847498307936
    return [
        ("M", (cx + rx, cy)),
        ("C", (cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry)),
        ("C", (cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy)),
        ("C", (cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry)),
        ("C", (cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy)),
        ("Z", ()),
    ]


def _shape_ops(node: _Node) -> list[PathOp]:
    """The outline of a basic shape or a path, in its own coordinates."""
    tag = node.tag
    if tag == "path":
        return parse_path(node.attrs.get("d", ""), node)
    if tag == "rect":
        x, y = _attr(node, "x"), _attr(node, "y")
        w, h = _attr(node, "width"), _attr(node, "height")
        if w <= 0 or h <= 0:
            return []
        rx_raw, ry_raw = node.attrs.get("rx"), node.attrs.get("ry")
        rx = _attr(node, "rx") if rx_raw is not None else None
        ry = _attr(node, "ry") if ry_raw is not None else None
        rx = rx if rx is not None else (ry or 0.0)
        ry = ry if ry is not None else rx
        rx, ry = min(abs(rx), w / 2), min(abs(ry), h / 2)
        if rx == 0 or ry == 0:
            return [("M", (x, y)), ("L", (x + w, y)), ("L", (x + w, y + h)), ("L", (x, y + h)),
                    ("Z", ())]
        d = (f"M{x + rx},{y} H{x + w - rx} A{rx},{ry} 0 0 1 {x + w},{y + ry} V{y + h - ry} "
             f"A{rx},{ry} 0 0 1 {x + w - rx},{y + h} H{x + rx} A{rx},{ry} 0 0 1 {x},{y + h - ry} "
             f"V{y + ry} A{rx},{ry} 0 0 1 {x + rx},{y} Z")
        return parse_path(d, node)
    if tag == "circle":
        r = _attr(node, "r")
        return _ellipse(_attr(node, "cx"), _attr(node, "cy"), r, r) if r > 0 else []
    if tag == "ellipse":
        rx, ry = _attr(node, "rx"), _attr(node, "ry")
        return _ellipse(_attr(node, "cx"), _attr(node, "cy"), rx, ry) if rx > 0 and ry > 0 else []
    if tag == "line":
        return [("M", (_attr(node, "x1"), _attr(node, "y1"))),
                ("L", (_attr(node, "x2"), _attr(node, "y2")))]
    pts = _numbers(node.attrs.get("points", ""), f"<{tag}> points", node)
    if len(pts) % 2:
        pts = pts[:-1]  # as browsers do: an odd number drops the last
    if len(pts) < 4:
        return []
    ops: list[PathOp] = [("M", (pts[0], pts[1]))]
    ops += [("L", (pts[i], pts[i + 1])) for i in range(2, len(pts), 2)]
    if tag == "polygon":
        ops.append(("Z", ()))
    return ops


# ---------------------------------------------------------------------- paint


def _declarations(node: _Node) -> dict[str, str]:
    """Presentation attributes and ``style`` declarations (the latter win, as in CSS)."""
    out = {k: v.strip() for k, v in node.attrs.items() if k in _STYLE_PROPS}
    style = node.attrs.get("style", "")
    for decl in style.split(";"):
        if not decl.strip():
            continue
        key, sep, value = decl.partition(":")
        key, value = key.strip(), value.strip().removesuffix("!important").strip()
        if not sep:
            raise SvgError(f"style: cannot read {decl.strip()!r}", node.line, node.col)
        if key in _STYLE_PROPS:
            out[key] = value
        elif "url(" in value:
            raise SvgError(f"style: {key} refers to another element ({value}); not supported",
                           node.line, node.col)
    return out


def _paint(node: _Node, inherited: _Paint, scale: float) -> _Paint:
    p = inherited
    for key, value in _declarations(node).items():
        if "url(" in value:
            raise SvgError(
                f"{key}: gradients, patterns and other references ({value}) are not supported; "
                "icons are drawn in one colour",
                node.line,
                node.col,
            )
        if value == "inherit":
            continue
        if key == "fill":
            p = _replace(p, fill=value not in ("none", "transparent"))
        elif key == "stroke":
            p = _replace(p, stroke=value not in ("none", "transparent"))
        elif key == "visibility":
            p = _replace(p, visible=value not in ("hidden", "collapse"))
        elif key == "stroke-width":
            w = _number(value, "stroke-width", node)
            p = _replace(p, width=abs(w) * scale)
        elif key == "fill-rule":
            if value not in ("nonzero", "evenodd"):
                raise SvgError(f"fill-rule: must be nonzero or evenodd (got {value!r})",
                               node.line, node.col)
            p = _replace(p, rule=value)
        elif key == "stroke-linecap":
            if value not in ("butt", "round", "square"):
                raise SvgError(f"stroke-linecap: must be butt, round or square (got {value!r})",
                               node.line, node.col)
            p = _replace(p, cap=value)
        elif key == "stroke-linejoin":
            if value == "miter-clip" or value == "arcs":
                value = "miter"
            if value not in ("miter", "round", "bevel"):
                raise SvgError(f"stroke-linejoin: must be miter, round or bevel (got {value!r})",
                               node.line, node.col)
            p = _replace(p, join=value)
    return p


def _replace(p: _Paint, **kw: object) -> _Paint:
    from dataclasses import replace

    return replace(p, **kw)  # type: ignore[arg-type]


def _check_attrs(node: _Node) -> None:
    for key, value in node.attrs.items():
        if key.lower().startswith("on"):
            raise SvgError(f"event attributes such as '{key}' (scripts) are not allowed in icons",
                           node.line, node.col)
        if key in ("clip-path", "mask", "filter", "marker-start", "marker-mid", "marker-end"):
            if value.strip() != "none":
                raise SvgError(f"'{key}' is not supported in icons", node.line, node.col)
        elif key not in _IGNORED_ATTRS and key not in _STYLE_PROPS and not key.startswith(
            ("data-", "aria-")
        ) and "url(" in value:
            raise SvgError(f"'{key}' refers to another element; not supported",
                           node.line, node.col)


# ------------------------------------------------------------------ fill rules


def _flatten(ops: list[PathOp]) -> list[tuple[float, float]]:
    """A contour as a polygon (cubics sampled), for containment tests."""
    pts: list[tuple[float, float]] = []
    for op, a in ops:
        if op in ("M", "L"):
            pts.append((a[0], a[1]))
        elif op == "C" and pts:
            x0, y0 = pts[-1]
            for k in range(1, 9):
                t = k / 8
                u = 1 - t
                pts.append((
                    u * u * u * x0 + 3 * u * u * t * a[0] + 3 * u * t * t * a[2] + t * t * t * a[4],
                    u * u * u * y0 + 3 * u * u * t * a[1] + 3 * u * t * t * a[3] + t * t * t * a[5],
                ))
    return pts


def _area(poly: list[tuple[float, float]]) -> float:
    s = 0.0
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1], strict=True):
        s += x1 * y2 - x2 * y1
    return s / 2


def _reverse(ops: list[PathOp]) -> list[PathOp]:
    """The same contour, walked the other way round."""
    start = ops[0][1]
    pts: list[tuple[float, float]] = [(start[0], start[1])]
    segs: list[PathOp] = []
    for op, a in ops[1:]:
        if op == "L":
            segs.append(("L", a))
            pts.append((a[0], a[1]))
        elif op == "C":
            segs.append(("C", a))
            pts.append((a[4], a[5]))
    out: list[PathOp] = [("M", pts[-1])]
    for k in range(len(segs) - 1, -1, -1):
        op, a = segs[k]
        prev = pts[k]
        if op == "L":
            out.append(("L", prev))
        else:
            out.append(("C", (a[2], a[3], a[0], a[1], prev[0], prev[1])))
    out.append(("Z", ()))
    return out


def _contours(ops: list[PathOp]) -> list[list[PathOp]]:
    out: list[list[PathOp]] = []
    for op in ops:
        if op[0] == "M":
            out.append([op])
        elif out and op[0] != "Z":
            out[-1].append(op)
    return [c for c in out if len(c) > 1]


class Work:
    """What the fill-rule agreement did: point-in-contour tests and point-edge comparisons.

    Counted so a test can bound the work of the worst icons (time on a shared machine
    says little).
    """

    def __init__(self) -> None:
        self.tests = 0
        self.edges = 0


# Points × edges tested at once: bounds the memory of one step (a few 8 MB arrays; 4 times
# as many made the worst icon take 220 MB instead of 110, for no speed).
_CHUNK = 1 << 20


def _parents(
    polys: list[list[tuple[float, float]]], areas: list[float], work: Work | None = None
) -> list[int | None]:
    """For each contour, the smallest larger one that contains its first point, or None.

    Comparing every contour with every other took minutes for one path of 20,000
    commands. Here the candidate parents are taken from the smallest up, so a
    contour is settled by the first one that contains it; each candidate tests, in
    one vectorised step, only the unsettled smaller contours whose first points lie
    in its bounding box (outside it the even-odd test always says "outside"). The
    test is the even-odd ray test of a point, done operation for operation as before
    (``tests/scene/test_svg.py`` keeps the old pairwise search to compare with).
    """
    import numpy as np

    n = len(polys)
    parent: list[int | None] = [None] * n
    if n < 2:
        return parent
    size = np.abs(np.asarray(areas, dtype=np.float64))
    first = np.asarray([p[0] for p in polys], dtype=np.float64)
    px_all, py_all = first[:, 0], first[:, 1]
    open_ = np.ones(n, dtype=bool)
    for j in sorted(range(n), key=lambda k: (size[k], k)):
        poly = np.asarray(polys[j], dtype=np.float64)
        lo, hi = poly.min(axis=0), poly.max(axis=0)
        cand = np.flatnonzero(
            open_
            & (size < size[j])
            & (px_all >= lo[0])
            & (px_all <= hi[0])
            & (py_all >= lo[1])
            & (py_all <= hi[1])
        )
        if cand.size == 0:
            continue
        if work is not None:
            work.tests += int(cand.size)
        inside = _odd_crossings(poly, px_all[cand], py_all[cand], work)
        for i in cand[inside].tolist():
            parent[i] = j
            open_[i] = False
    return parent


def _odd_crossings(poly: Any, px: Any, py: Any, work: Work | None = None) -> Any:
    """For each point, whether a ray to its right crosses ``poly`` an odd number of times.

    The even-odd test, the edges closed back to the first point. An edge can only be
    crossed at heights between its ends: with many edges and points, edges are sorted
    into horizontal bands and each point meets only the edges of its own band (a long
    outline around many small contours was tested edge by edge against every one of
    them). The arithmetic is the same either way.
    """
    import numpy as np

    x1, y1 = poly[:, 0], poly[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    dx, dy = x2 - x1, y2 - y1

    def test(e: Any, qx: Any, qy: Any) -> Any:
        out = np.zeros(qx.size, dtype=bool)
        if work is not None:
            work.edges += int(e.size) * int(qx.size)
        step = max(1, _CHUNK // max(1, e.size))
        for k in range(0, qx.size, step):
            cx, cy = qx[k : k + step, None], qy[k : k + step, None]
            spans = (y1[e] > cy) != (y2[e] > cy)
            with np.errstate(divide="ignore", invalid="ignore"):
                cross = x1[e] + (cy - y1[e]) * dx[e] / dy[e]
            out[k : k + step] = np.count_nonzero(spans & (cx < cross), axis=1) % 2 == 1
        return out

    edges = np.arange(len(poly))
    bands = min(1024, len(poly) // 8)
    lo_y, hi_y = float(min(y1.min(), y2.min())), float(max(y1.max(), y2.max()))
    if bands < 4 or px.size < 8 or hi_y <= lo_y:
        return test(edges, px, py)
    scale = bands / (hi_y - lo_y)

    def band(y: Any) -> Any:
        return np.clip(((y - lo_y) * scale).astype(np.int64), 0, bands - 1)

    first, last = band(np.minimum(y1, y2)), band(np.maximum(y1, y2))
    counts = last - first + 1
    if counts.sum() > 4 * len(poly):  # tall edges in every band: banding would not help
        return test(edges, px, py)
    owner = np.repeat(edges, counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    where = np.repeat(first, counts) + (np.arange(owner.size) - starts)
    order = np.argsort(where, kind="stable")
    owner, where = owner[order], where[order]
    bounds = np.searchsorted(where, np.arange(bands + 1))
    out = np.zeros(px.size, dtype=bool)
    pb = band(py)
    for b in np.unique(pb).tolist():
        sel = np.flatnonzero(pb == b)
        out[sel] = test(owner[bounds[b] : bounds[b + 1]], px[sel], py[sel])
    return out


def agree_fill_rules(
    ops: list[PathOp], rule: str, work: Work | None = None
) -> list[list[PathOp]]:
    """Filled contours split into paths that fill the same under either rule.

    Each returned path is one outermost contour with what it contains, its holes
    turning the other way from what surrounds them; contours that change nothing
    under ``rule`` are dropped.
    """
    contours = _contours(ops)
    polys = [_flatten(c) for c in contours]
    areas = [_area(p) for p in polys]
    n = len(contours)
    parent = _parents(polys, areas, work)
    order = sorted(range(n), key=lambda i: -abs(areas[i]))
    winding: dict[int, int] = {}
    filled: dict[int, bool] = {}
    kept: dict[int, bool] = {}
    depth_of: dict[int, int] = {}
    root_of: dict[int, int] = {}
    for i in order:
        p = parent[i]
        outer_w = winding[p] if p is not None else 0
        outer_depth = depth_of[p] if p is not None else 0
        w = outer_w + (1 if areas[i] > 0 else -1)
        depth = outer_depth + 1
        winding[i], depth_of[i] = w, depth
        inside_filled = (w != 0) if rule == "nonzero" else depth % 2 == 1
        outside_filled = filled[p] if p is not None else False
        filled[i] = inside_filled
        kept[i] = inside_filled != outside_filled
        root_of[i] = root_of[p] if p is not None else i
    groups: dict[int, list[PathOp]] = {}
    for i in order:
        if not kept[i]:
            continue
        c = contours[i] + [("Z", ())]
        # filled regions clockwise in y-down coordinates (positive area), holes the other way
        if (areas[i] > 0) != filled[i]:
            c = _reverse(contours[i])
        groups.setdefault(root_of[i], []).extend(c)
    return [groups[r] for r in sorted(groups)]


# ------------------------------------------------------------------- the reader


def _walk(node: _Node, m: Matrix, paint: _Paint, out: list[VectorPath],
          counter: list[int]) -> None:
    _check_attrs(node)
    tag = node.tag
    if tag == "" or tag in _SKIPPED:
        return
    if tag.startswith("?"):
        raise SvgError(
            f"<{tag[1:]}> has no namespace: write xmlns=\"{SVG_NS}\" on the <svg> element",
            node.line, node.col,
        )
    if tag in _REFUSED:
        raise SvgError(f"<{tag}>: {_REFUSED[tag]}", node.line, node.col)
    if tag not in _CONTAINERS and tag not in _SHAPES:
        raise SvgError(
            f"<{tag}> is not supported in icons (supported: svg, g, path, rect, circle, "
            "ellipse, line, polyline, polygon, title, desc)",
            node.line,
            node.col,
        )
    if "transform" in node.attrs and tag != "svg":
        m = _mul(m, _transform(node.attrs["transform"], node))
    scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
    if _declarations(node).get("display") == "none":
        return  # a hidden layer (editors keep them): not drawn, nor its children
    paint = _paint(node, paint, scale)
    if tag in _CONTAINERS:
        if tag == "svg" and counter[1] > 0:
            raise SvgError("nested <svg> elements are not supported; use <g>", node.line, node.col)
        counter[1] += 1
        for child in node.children:
            _walk(child, m, paint, out, counter)
        return
    ops = _shape_ops(node)
    counter[0] += len(ops)
    counter[2] += sum(1 for op in ops if op[0] == "M")
    if not paint.visible:
        ops = []
    if counter[0] > MAX_COMMANDS:
        raise SvgError(f"too many path commands (over {MAX_COMMANDS:,})", node.line, node.col)
    if counter[2] > MAX_CONTOURS:
        raise SvgError(
            f"too many separate shapes and holes (contours: each move-to starts one; the "
            f"limit is {MAX_CONTOURS:,} per icon); join or simplify them in your editor",
            node.line,
            node.col,
        )
    if not ops:
        return
    moved: list[PathOp] = []
    for op, a in ops:
        if op == "Z":
            moved.append(("Z", ()))
        else:
            pts = [_apply(m, a[k], a[k + 1]) for k in range(0, len(a), 2)]
            moved.append((op, tuple(v for p in pts for v in p)))
    if paint.fill and tag not in ("line", "polyline"):
        for group in agree_fill_rules(moved, paint.rule):
            out.append(VectorPath(tuple(group), "fill"))
    elif paint.fill and tag == "polyline":
        for group in agree_fill_rules([*moved, ("Z", ())], paint.rule):
            out.append(VectorPath(tuple(group), "fill"))
    if paint.stroke and paint.width > 0:
        out.append(VectorPath(tuple(moved), "stroke", paint.width, paint.cap, paint.join))


def _title_text(data: bytes) -> str:
    m = re.search(rb"<title[^>]*>([^<]{1,200})</title>", data)
    if not m:
        return ""
    import html

    return " ".join(html.unescape(m.group(1).decode("utf-8", "replace")).split())


def read_svg_bytes(data: bytes, name: str) -> VectorIcon:
    """The icon in ``data``; raises SvgError (with line and column where known)."""
    if len(data) > MAX_BYTES:
        raise SvgError(f"the file is {len(data) / 1024:.0f} KB; an icon may be at most "
                       f"{MAX_BYTES // 1024} KB")
    root = _parse_xml(data)
    if "viewBox" in root.attrs:
        vb = _numbers(root.attrs["viewBox"], "<svg> viewBox", root)
        if len(vb) != 4 or vb[2] <= 0 or vb[3] <= 0:
            raise SvgError("<svg> viewBox: needs four numbers: x y width height (both > 0)",
                           root.line, root.col)
        x0, y0, vw, vh = vb
    elif "width" in root.attrs and "height" in root.attrs:
        x0, y0 = 0.0, 0.0
        vw, vh = _attr(root, "width"), _attr(root, "height")
        if vw <= 0 or vh <= 0:
            raise SvgError("<svg> width and height must be greater than 0", root.line, root.col)
    else:
        raise SvgError("<svg> needs a viewBox (e.g. viewBox=\"0 0 48 48\")", root.line, root.col)
    paths: list[VectorPath] = []
    _walk(root, (1, 0, 0, 1, -x0, -y0), _Paint(), paths, [0, 0, 0])
    if not paths:
        raise SvgError("the icon draws nothing (no filled or stroked shape)")
    return VectorIcon(name, vw, vh, tuple(paths), _title_text(data) or name.replace("-", " "))


def read_svg(path: Path, name: str | None = None) -> VectorIcon:
    """Read the icon file at ``path`` (its name defaults to the file's stem)."""
    with path.open("rb") as f:
        data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # say how large the file is, not how much was read
            size = os.fstat(f.fileno()).st_size
            raise SvgError(f"the file is {max(size, len(data)) / 1024:,.0f} KB; an icon may "
                           f"be at most {MAX_BYTES // 1024} KB")
    return read_svg_bytes(data, name or path.stem)
