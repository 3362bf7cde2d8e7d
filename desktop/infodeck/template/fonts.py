"""Which bundled font measures a template's font: metric-compatible where one exists.

The deck names the template's fonts (teachers have them); Infodeck measures and draws
with a bundled font of the same widths, so line breaks match PowerPoint's: Carlito for
Calibri, Caladea for Cambria, Liberation Sans, Serif and Mono for Arial (Helvetica),
Times New Roman and Courier New. Any other font is measured with the nearest bundled
face by kind (serif, sans or monospace), and the teacher is told that line breaks may
differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Bundled families (file stem prefixes in assets/fonts) and the fonts they match.
_METRIC: dict[str, str] = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "cambria": "Caladea",
    "caladea": "Caladea",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "helvetica neue": "LiberationSans",
    "arimo": "LiberationSans",
    "liberation sans": "LiberationSans",
    "times new roman": "LiberationSerif",
    "times": "LiberationSerif",
    "tinos": "LiberationSerif",
    "liberation serif": "LiberationSerif",
    "courier new": "LiberationMono",
    "courier": "LiberationMono",
    "cousine": "LiberationMono",
    "liberation mono": "LiberationMono",
}
# Close enough to share the measuring font, with a notice (widths differ a little).
_NEAR: dict[str, str] = {
    "calibri light": "Carlito",
    "arial narrow": "LiberationSans",
    "cambria math": "Caladea",
}
_MONO = re.compile(r"mono|courier|consol|code|typewriter|console", re.I)
_SERIF_WORDS = re.compile(
    r"serif|times|georgia|garamond|palatino|book|baskerville|bodoni|didot|cambria|"
    r"constantia|century|cochin|caslon|minion|merriweather|rockwell|roman|antiqua|"
    r"charter|cormorant|crimson|playfair|libre baskerville|lora|sabon|bembo|perpetua|"
    r"goudy|plantagenet|sylfaen|bell mt|calisto|elephant|modern no",
    re.I,
)
DEFAULT_FAMILY = "Calibri"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")


@dataclass(frozen=True)
class MeasuringFont:
    """The font a deck names (``family``) and the bundled files measuring it.

    ``exact``: the bundled font has the same metrics; otherwise ``notice`` says so.
    """

    family: str
    bundled: str  # file stem prefix in assets/fonts: Carlito, Caladea, LiberationSans…
    exact: bool
    notice: str = ""

    def files(self) -> dict[str, str]:
        """File names by face: ``regular``, ``bold``, ``italic``, ``bold_italic``."""
        keys = ("regular", "bold", "italic", "bold_italic")
        return {k: f"{self.bundled}-{face}.ttf" for k, face in zip(keys, FACES, strict=True)}

    @property
    def bundled_name(self) -> str:
        return {
            "Carlito": "Carlito", "Caladea": "Caladea", "LiberationSans": "Liberation Sans",
            "LiberationSerif": "Liberation Serif", "LiberationMono": "Liberation Mono",
        }[self.bundled]


def kind_of(family: str) -> str:
    """``mono``, ``serif`` or ``sans``: a guess from the name, for fonts we cannot read."""
    if _MONO.search(family):
        return "mono"
    lowered = family.lower()
    if "sans" not in lowered and _SERIF_WORDS.search(family):
        return "serif"
    return "sans"


def measuring_font(family: str) -> MeasuringFont:
    """The bundled font that measures ``family`` (an empty name means Calibri)."""
    name = " ".join(family.split()) or DEFAULT_FAMILY
    key = name.lower()
    if key in _METRIC:
        return MeasuringFont(name, _METRIC[key], True)
    if key in _NEAR:
        bundled = _NEAR[key]
        m = MeasuringFont(name, bundled, False)
        return MeasuringFont(name, bundled, False,
                             f"{name} is measured with {m.bundled_name}, whose widths are "
                             "close but not the same: line breaks may differ a little in "
                             "PowerPoint")
    kind = kind_of(name)
    bundled = {"mono": "LiberationMono", "serif": "LiberationSerif",
               "sans": "LiberationSans"}[kind]
    m = MeasuringFont(name, bundled, False)
    what = {"mono": "monospace", "serif": "serif", "sans": "sans-serif"}[kind]
    return MeasuringFont(
        name, bundled, False,
        f"no bundled font has the metrics of {name}; it is measured with "
        f"{m.bundled_name} (the nearest {what} face), so line breaks may differ where "
        f"{name} is installed")
