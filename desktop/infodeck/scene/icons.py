"""Icons by name: the built-in set in ``assets/icons/content/`` and a pack's own.

A pack uses an icon by name (``icon: brain``); a pack may bring its own as
``icons/<name>.svg`` in its folder. A pack's icon with a built-in icon's name
replaces the built-in one in that pack only, and loading says so with a warning.
Files are read by ``compose.svg`` (a bounded single-colour subset of SVG).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from infodeck.resources import resource_path
from infodeck.scene.contrast import contrast_ratio
from infodeck.scene.elements import VectorIcon
from infodeck.scene.svg import read_svg

PACK_ICON_DIR = "icons"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_PACK_ICONS = 200
# Icons that say something of their own get the theme's colour for that meaning.
MEANING = {"warning": "warning"}
NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11: graphics that carry meaning, against what is behind


def builtin_dir() -> Path:
    """The folder of the built-in content icons."""
    return resource_path("assets", "icons", "content")


@cache
def builtin_names() -> tuple[str, ...]:
    """The names of the built-in icons, sorted."""
    return tuple(sorted(p.stem for p in builtin_dir().glob("*.svg")))


@cache
def builtin_icon(name: str) -> VectorIcon:
    """A built-in icon; KeyError for an unknown name."""
    if name not in builtin_names():
        raise KeyError(name)
    return read_svg(builtin_dir() / f"{name}.svg", name)


def lookup(name: str, own: Mapping[str, VectorIcon]) -> VectorIcon | None:
    """The icon called ``name``: the pack's own first, then the built-in one."""
    if name in own:
        return own[name]
    return builtin_icon(name) if name in builtin_names() else None


def unknown_message(name: str, own: Mapping[str, VectorIcon]) -> str:
    """Why ``name`` is not an icon: the close match, and every valid name."""
    names = sorted(set(builtin_names()) | set(own))
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if not close:  # 'nerve' for 'neuron', 'fruit' for 'fruit-vegetables': a part matches
        close = [n for n in names if name in n.split("-") or n.startswith(name)][:1]
    msg = f"unknown icon '{name}'"
    msg += f"; did you mean '{close[0]}'?" if close else ""
    return msg + f" Icons: {', '.join(names)} (or add icons/{name}.svg to the pack)"


def icon_color(name: str, fill: str, text: str, accent: str, meanings: Mapping[str, str]) -> str:
    """The colour an icon is drawn in on ``fill``: its meaning's, else the accent's.

    ``meanings`` maps a meaning ("warning") to the theme's colour for it. A colour
    that would not stand out from the fill by 3:1 gives way to ``text``, the colour
    the theme sets text in on that fill (checked for 4.5:1 already).
    """
    preferred = meanings.get(MEANING.get(name, ""), accent)
    if contrast_ratio(preferred, fill) >= NON_TEXT_CONTRAST:
        return preferred
    return text
