"""Draw Infodeck's app icon: infodeck.svg, infodeck.png (1024 px), infodeck-256.png, .ico, .icns.

The mark is a slide card with a rising bar chart whose trend line is a connector ending
in a node: decks, charts and diagrams in one shape. It is defined once, as a list of flat
shapes on a 1024-unit canvas, and written both as SVG and as pixels (Pillow, drawn at 4x
and downsampled, so edges are smooth). Colours come from layouts/themes/default.yaml.

Run from anywhere: ``python assets/icons/make_icons.py``. The output is reproducible
(same shapes, same pixels, no timestamps in the files).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
CANVAS = 1024
SUPERSAMPLE = 4

# The default theme's palette (layouts/themes/default.yaml).
BAND = "#0B3C49"  # deep teal: the tile
ACCENT = "#0B6E79"  # teal: the bars
SOFT = "#8CC7CD"  # light teal: the card's title line
WHITE = "#FFFFFF"  # the card
HIGHLIGHT = "#B4461B"  # warm orange: the connector and its node

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


@dataclass(frozen=True)
class RoundRect:
    """A filled rectangle with rounded corners."""

    x0: float
    y0: float
    x1: float
    y1: float
    radius: float
    fill: str


@dataclass(frozen=True)
class Circle:
    """A filled circle, optionally ringed."""

    cx: float
    cy: float
    r: float
    fill: str
    ring: str | None = None
    ring_width: float = 0.0


@dataclass(frozen=True)
class Polyline:
    """A stroked line with round caps and joins."""

    points: tuple[tuple[float, float], ...]
    width: float
    stroke: str


Shape = RoundRect | Circle | Polyline

# Geometry: a deck of two cards (the front one a slide with a rising bar chart); the
# chart's trend line is a connector that leaves the slide and ends in a node.
_BACK = (228.0, 216.0, 900.0, 680.0)
_FRONT = (124.0, 320.0, 796.0, 808.0)
_BASE = 744.0
_BAR_W = 104.0
_BARS = ((192.0, 130.0), (340.0, 220.0), (488.0, 310.0))  # (left, height)
_NODE = (716.0, 330.0)


def _bar_top(left: float, height: float) -> tuple[float, float]:
    return (left + _BAR_W / 2, _BASE - height)


SHAPES: tuple[Shape, ...] = (
    RoundRect(64, 64, 960, 960, 200, BAND),
    RoundRect(*_BACK, 52, SOFT),
    RoundRect(*_FRONT, 52, WHITE),
    RoundRect(192, 388, 440, 424, 18, SOFT),
    *(RoundRect(x, _BASE - h, x + _BAR_W, _BASE, 14, ACCENT) for x, h in _BARS),
    Polyline((*(_bar_top(x, h) for x, h in _BARS), _NODE), 30, HIGHLIGHT),
    Circle(*_NODE, 86, HIGHLIGHT, BAND, 22),
)


def svg(shapes: tuple[Shape, ...] = SHAPES) -> str:
    """The icon as an SVG document on a 1024-unit canvas."""

    def n(v: float) -> str:
        return f"{v:g}"

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS}" height="{CANVAS}" '
        f'viewBox="0 0 {CANVAS} {CANVAS}">',
        "  <title>Infodeck</title>",
    ]
    for s in shapes:
        if isinstance(s, RoundRect):
            out.append(
                f'  <rect x="{n(s.x0)}" y="{n(s.y0)}" width="{n(s.x1 - s.x0)}" '
                f'height="{n(s.y1 - s.y0)}" rx="{n(s.radius)}" fill="{s.fill}"/>'
            )
        elif isinstance(s, Circle):
            ring = (
                f' stroke="{s.ring}" stroke-width="{n(s.ring_width)}"'
                if s.ring and s.ring_width
                else ""
            )
            # SVG strokes straddle the edge; Pillow rings sit inside it: match Pillow.
            r = s.r - s.ring_width / 2 if ring else s.r
            out.append(
                f'  <circle cx="{n(s.cx)}" cy="{n(s.cy)}" r="{n(r)}" fill="{s.fill}"{ring}/>'
            )
        else:
            pts = " ".join(f"{n(x)},{n(y)}" for x, y in s.points)
            out.append(
                f'  <polyline points="{pts}" fill="none" stroke="{s.stroke}" '
                f'stroke-width="{n(s.width)}" stroke-linecap="round" stroke-linejoin="round"/>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render(size: int, shapes: tuple[Shape, ...] = SHAPES) -> Image.Image:
    """The icon as an RGBA image of ``size`` × ``size`` pixels."""
    big = max(size, 256) * SUPERSAMPLE
    k = big / CANVAS
    im = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    for s in shapes:
        if isinstance(s, RoundRect):
            d.rounded_rectangle(
                (s.x0 * k, s.y0 * k, s.x1 * k - 1, s.y1 * k - 1), radius=s.radius * k, fill=s.fill
            )
        elif isinstance(s, Circle):
            box = ((s.cx - s.r) * k, (s.cy - s.r) * k, (s.cx + s.r) * k, (s.cy + s.r) * k)
            if s.ring and s.ring_width:
                d.ellipse(box, fill=s.ring)
                w = s.ring_width * k
                box = (box[0] + w, box[1] + w, box[2] - w, box[3] - w)
            d.ellipse(box, fill=s.fill)
        else:
            pts = [(x * k, y * k) for x, y in s.points]
            w = s.width * k
            d.line(pts, fill=s.stroke, width=round(w), joint="curve")
            for x, y in pts:  # round caps and joins
                d.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=s.stroke)
    return im.resize((size, size), Image.Resampling.LANCZOS)


def main(out: Path = HERE) -> list[Path]:
    """Write every icon file into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    (out / "infodeck.svg").write_text(svg(), encoding="utf-8", newline="\n")
    written.append(out / "infodeck.svg")
    frames = {s: render(s) for s in sorted({*ICO_SIZES, *ICNS_SIZES})}
    for name, size in (("infodeck.png", 1024), ("infodeck-256.png", 256)):
        frames[size].save(out / name, optimize=True)
        written.append(out / name)
    frames[256].save(
        out / "infodeck.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[frames[s] for s in ICO_SIZES if s != 256],
    )
    written.append(out / "infodeck.ico")
    frames[1024].save(
        out / "infodeck.icns", append_images=[frames[s] for s in ICNS_SIZES if s != 1024]
    )
    written.append(out / "infodeck.icns")
    return written


if __name__ == "__main__":
    for p in main():
        print(p.relative_to(Path.cwd()) if p.is_relative_to(Path.cwd()) else p)
