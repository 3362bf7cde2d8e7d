"""A school template as an Infodeck theme, and the report of what works with it.

``template_theme(t)`` maps the template's theme colours onto Infodeck's roles (the
``Colours`` of compose/layouts.py), so the infographic, the diagrams and the deck's
own shapes use the school's colours. Every text/background pair the pages use
(``CONTRAST_PAIRS``) is then checked against WCAG AA (4.5:1); a colour that fails is
replaced by its nearest passing shade (the fewest small steps lighter or darker) and
a ``ColourFix`` says so. Fonts: the template's body (minor) font names the deck's
text and its heading (major) font the headings; each is measured with a bundled
metric-compatible font, or the nearest bundled face with a notice.

``template_report(t)`` is what ``infodeck check-template`` prints and the window's
template panel shows: layouts, which slide kind uses which, missing placeholders,
colour fixes, fonts without metrics and unusual slide sizes.

The role mapping (light template; a dark one swaps the light and dark slots through
its colour map, which ``Template.background``/``text`` already follow):

=============  ==============================================================
background     the master's slide colour (else the theme's bg1)
text           the theme's tx1
muted, line    tx1 a quarter of the way towards the background
accent         accent1; ``card`` is accent1 tinted into the background
band           dk2 (tx2 in dark templates), else accent1 when it is too close
highlight      accent2; ``step`` is accent2 tinted into the background
warning        the most orange/red accent
chart          accent1–6
on_*           lt1 or dk1, whichever reads better on the fill
=============  ==============================================================

A theme left at one of Office's default schemes (LibreOffice writes one into every
file it converts) says nothing of the template's look: the master's coloured shape
fills are then the accents and its darkest tinted fill the band (``_design_colours``).
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass, field

from infodeck.compose.layouts import CONTRAST_PAIRS, Colours, FontFiles, Theme
from infodeck.content.pictures import decode_picture
from infodeck.scene.contrast import contrast_ratio, luminance
from infodeck.template import MeasuringFont, Template, measuring_font
from infodeck.template.model import SLIDE_KINDS, SlideKind

AA = 4.5  # WCAG AA for body text
STEP = 0.01  # lightness step when looking for a passing shade
KIND_LABELS: dict[SlideKind, str] = {
    "title": "title slide",
    "section": "section header",
    "content": "text slides",
    "title_only": "diagram and chart slides",
}
COMMON_RATIOS = {16 / 9: "16:9", 4 / 3: "4:3", 16 / 10: "16:10"}


@dataclass(frozen=True)
class ColourFix:
    """A role whose template colour failed WCAG AA, and the shade used instead."""

    role: str
    source: str  # the template slot it came from (accent1, dk2…) or how it was made
    before: str
    after: str
    against: str  # the role it is read on
    ratio_before: float
    ratio_after: float
    also: tuple[tuple[str, float], ...] = ()  # other roles it had to read on, new ratios

    def text(self) -> str:
        after = f"{self.ratio_after:.1f}:1" + "".join(
            f", {r:.1f}:1 on {role.replace('_', ' ')}" for role, r in self.also)
        return (f"{self.role.replace('_', ' ')} ({self.source} {self.before}) on "
                f"{self.against.replace('_', ' ')} is {self.ratio_before:.1f}:1, below "
                f"WCAG AA's {AA}:1; the nearest passing shade {self.after} "
                f"({after}) is used instead")


@dataclass(frozen=True)
class TemplateTheme:
    """The theme made from a template, with what had to change and the fonts' notices."""

    theme: Theme
    fixes: tuple[ColourFix, ...]
    body_font: MeasuringFont
    heading_font: MeasuringFont
    sources: dict[str, str] = field(default_factory=dict)  # role → template slot
    notices: tuple[str, ...] = ()  # where colours come from, when not from the theme

    @property
    def font_notices(self) -> tuple[str, ...]:
        seen: list[str] = []
        for f in (self.heading_font, self.body_font):
            if f.notice and f.notice not in seen:
                seen.append(f.notice)
        return tuple(seen)


# --- colours ------------------------------------------------------------------------


def _rgb(c: str) -> tuple[float, float, float]:
    return (int(c[1:3], 16) / 255, int(c[3:5], 16) / 255, int(c[5:7], 16) / 255)


def _hex(r: float, g: float, b: float) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, round(v * 255))) for v in (r, g, b)))


def blend(a: str, b: str, share_b: float) -> str:
    """``a`` moved ``share_b`` of the way towards ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex(*(x + (y - x) * share_b for x, y in zip(ra, rb, strict=True)))


def _with_lightness(c: str, lightness: float) -> str:
    h, _, s = colorsys.rgb_to_hls(*_rgb(c))
    return _hex(*colorsys.hls_to_rgb(h, min(max(lightness, 0.0), 1.0), s))


def nearest_passing(fg: str, bg: str, target: float = AA) -> str:
    """``fg`` itself when it reads on ``bg``, else its nearest shade that does.

    Lightness moves in small steps both ways (keeping hue and saturation); the first
    shade to pass wins, so a brand colour changes as little as it can. Black or white,
    whichever reads better, is the last resort.
    """
    if contrast_ratio(fg, bg) >= target:
        return fg
    _, light, _ = colorsys.rgb_to_hls(*_rgb(fg))
    for i in range(1, int(1 / STEP) + 1):
        for sign in (-1, 1):
            shade = _with_lightness(fg, light + sign * i * STEP)
            if contrast_ratio(shade, bg) >= target:
                return shade
    return max(("#000000", "#FFFFFF"), key=lambda c: contrast_ratio(c, bg))


def _best_on(fill: str, candidates: tuple[str, ...]) -> str:
    return max(candidates, key=lambda c: contrast_ratio(c, fill))


def _hue_distance_to_orange(c: str) -> float:
    h, light, s = colorsys.rgb_to_hls(*_rgb(c))
    if s < 0.25 or light < 0.12 or light > 0.92:
        return 9.0  # greys, near-black and near-white never warn
    d = abs(h * 360 - 25)
    return min(d, 360 - d) / 180


def template_theme(t: Template, name: str = "template", title: str | None = None) -> TemplateTheme:
    """Infodeck's theme made from ``t`` (see the module docstring for the mapping)."""
    sc = t.colours
    bg, text = t.background, t.text
    dark = luminance(bg) < luminance(text)
    light_slot, dark_slot = (sc.dk1, sc.lt1) if dark else (sc.lt1, sc.dk1)
    accents, names = list(sc.accents), [f"accent{i}" for i in range(1, 7)]
    dk2, dk2_name = sc.dk2, "dk2"
    notices: list[str] = []
    if t.default_scheme:
        accents, names, dk2, dk2_name, said = _design_colours(t, accents, names, dk2)
        notices += said
    band_slot, band_name = dk2, dk2_name
    if contrast_ratio(band_slot, bg) < 1.4:  # a band that would not show
        band_slot, band_name = accents[0], names[0]
    on_pair = (light_slot, dark_slot)
    warning = min(accents[1:], key=_hue_distance_to_orange)  # not the accent itself
    warning_name = names[accents.index(warning, 1)]
    if _hue_distance_to_orange(warning) > 1:
        warning, warning_name = accents[1], names[1]
    chart = list(dict.fromkeys(accents))
    if len(chart) < 2:
        chart.append(blend(chart[0], bg, 0.5))
    roles: dict[str, str] = {
        "background": bg, "text": text, "muted": blend(text, bg, 0.25),
        "accent": accents[0], "band": band_slot,
        "card": blend(accents[0], bg, 0.88), "on_card": text,
        "highlight": accents[1], "step": blend(accents[1], bg, 0.82), "on_step": text,
        "warning": warning,
    }
    roles["line"] = roles["muted"]
    for fill in ("accent", "band", "highlight"):
        roles[f"on_{fill}"] = _best_on(roles[fill], on_pair)
    sources = {
        "background": "background", "text": "tx1", "muted": "tx1 toned", "line": "tx1 toned",
        "accent": names[0], "on_accent": "lt1/dk1", "band": band_name, "on_band": "lt1/dk1",
        "card": f"{names[0]} tint", "on_card": "tx1", "highlight": names[1],
        "on_highlight": "lt1/dk1", "step": f"{names[1]} tint", "on_step": "tx1",
        "warning": warning_name,
    }
    fixes = _fix_contrast(roles, sources, on_pair)
    body, heading = measuring_font(t.fonts.minor), measuring_font(t.fonts.major)
    colours = Colours(**roles, chart=chart)
    logo = None
    if t.logo is not None:
        found = decode_picture(f"{t.logo.name or 'logo'}.{t.logo.ext}", t.logo.data)
        logo = found if not isinstance(found, str) else None
    theme = Theme(
        name=name, title=title or _title_of(t), font=_files(body), colors=colours,
        heading_font=_files(heading) if heading.family != body.family else None, logo=logo,
    )
    return TemplateTheme(theme, tuple(fixes), body, heading, sources, tuple(notices))


def _design_colours(
    t: Template, accents: list[str], names: list[str], dk2: str
) -> tuple[list[str], list[str], str, str, list[str]]:
    """Accents and a band colour from the master's shapes, for a theme left at Office's.

    LibreOffice writes Office's default theme into every file it converts, and some
    templates are designed in shapes over an untouched theme: the theme's blue and red
    would then be nobody's. The master's fills, most area first, are the design's:
    its coloured ones become the accents (the theme's fill the rest of the chart), its
    darkest tinted one the band.
    """
    chromatic, deep = [], None
    for c in t.shape_colours:
        _, light, sat = colorsys.rgb_to_hls(*_rgb(c))
        if sat >= 0.3 and 0.15 < light < 0.85:
            chromatic.append(c)
        elif deep is None and light < 0.35 and sat >= 0.15:
            deep = c
    if not chromatic and deep is None:
        return accents, names, dk2, "dk2", []
    said = []
    new_accents = chromatic[:2]
    if new_accents:
        rest = [(a, n) for a, n in zip(accents, names, strict=True)][: 6 - len(new_accents)]
        accents = new_accents + [a for a, _ in rest]
        names = ["a master shape's"] * len(new_accents) + [n for _, n in rest]
        said.append(f"the theme's colours are Office's defaults, so the master's own "
                    f"shape colours are the accents ({', '.join(new_accents)})")
    dk2_name = "dk2"
    if deep is not None:
        dk2, dk2_name = deep, "a master shape's"
        said.append(f"bands take the master's dark shape colour {deep}")
    return accents, names, dk2, dk2_name, said


def _files(m: MeasuringFont) -> FontFiles:
    return FontFiles(family=m.family, **m.files())


def _title_of(t: Template) -> str:
    stem = t.path.stem.replace("_", " ").replace("-", " ").strip()
    return stem or t.theme_name or "Template"


def _fix_contrast(roles: dict[str, str], sources: dict[str, str],
                  on_pair: tuple[str, str]) -> list[ColourFix]:
    """Shade every failing text colour (the first of each pair) until all pairs pass.

    Text on a fill (``on_accent``) is the better of the template's lt1 and dk1, chosen
    again after the fill changed; only when neither reads is it shaded. Fixing
    ``accent`` against the background can make another pair fail, so the pairs are
    checked again until none changes.
    """
    before = dict(roles)
    first_ratio: dict[str, tuple[str, float]] = {}
    failed_on: dict[str, list[str]] = {}
    for _ in range(6):
        changed = False
        for fg, bg in CONTRAST_PAIRS:
            if fg.startswith("on_") and fg != "on_card" and fg != "on_step":
                chosen = _best_on(roles[bg], on_pair)
                if contrast_ratio(chosen, roles[bg]) >= AA and roles[fg] != chosen:
                    roles[fg] = before[fg] = chosen
            ratio = contrast_ratio(roles[fg], roles[bg])
            if ratio >= AA:
                continue
            first_ratio.setdefault(fg, (bg, ratio))
            if bg != first_ratio[fg][0] and bg not in failed_on.setdefault(fg, []):
                failed_on[fg].append(bg)
            roles[fg] = nearest_passing(roles[fg], roles[bg])
            changed = True
        if not changed:
            break
    fixes = []
    for role, (against, ratio) in first_ratio.items():
        if roles[role] != before[role]:
            also = tuple((bg, contrast_ratio(roles[role], roles[bg]))
                         for bg in failed_on.get(role, []))
            fixes.append(ColourFix(role, sources.get(role, role), before[role], roles[role],
                                   against, ratio, contrast_ratio(roles[role], roles[against]),
                                   also))
    if "muted" in first_ratio:  # the line follows muted text
        roles["line"] = roles["muted"]
    return fixes


# --- the report ---------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateReport:
    """What ``infodeck check-template`` prints and the window's panel shows."""

    template: Template
    theme: TemplateTheme
    size_notes: tuple[str, ...]

    @property
    def usable(self) -> bool:
        """A template that read is usable: what it lacks has a fallback."""
        return True

    def layout_rows(self) -> list[tuple[str, str, str]]:
        """(layout label, its placeholder types, the slide kinds using it)."""
        users: dict[tuple[int, int], list[str]] = {}
        for kind, choice in self.template.choices.items():
            key = (choice.layout.master_index, choice.layout.layout_index)
            users.setdefault(key, []).append(KIND_LABELS[kind])
        rows = []
        for lay in self.template.layouts:
            types = ", ".join(_ordered_types(lay.placeholders)) or "no placeholders"
            rows.append((lay.label(), types,
                         ", ".join(users.get((lay.master_index, lay.layout_index), []))))
        return rows

    def kind_rows(self) -> list[tuple[str, str, str]]:
        """(slide kind, layout label, what is missing or why it is a fallback)."""
        rows = []
        for kind in SLIDE_KINDS:
            c = self.template.choices[kind]
            parts = []
            if c.missing:
                parts.append("missing " + ", ".join(c.missing))
            if c.note:
                parts.append(c.note)
            rows.append((KIND_LABELS[kind], c.layout.label(), "; ".join(parts)))
        return rows

    def lines(self) -> list[str]:
        """The report as plain text lines."""
        t = self.template
        out = [f"template: {t.path.name} ({len(t.layouts)} layouts, slides "
               f"{_cm(t.width)} × {_cm(t.height)} cm, {_ratio_name(t.width, t.height)})"]
        out.append("")
        out.append("slide kinds:")
        for kind, label, note in self.kind_rows():
            out.append(f"  {kind:<26} {label}" + (f"  ({note})" if note else ""))
        out.append("")
        out.append("layouts:")
        for label, types, used in self.layout_rows():
            out.append(f"  {label}: {types}" + (f"  ← {used}" if used else ""))
        out.append("")
        th = self.theme
        fonts = f"headings {th.heading_font.family}, text {th.body_font.family}"
        out.append(f"fonts: {fonts} (measured with "
                   f"{th.heading_font.bundled_name} and {th.body_font.bundled_name})")
        for n in th.font_notices:
            out.append(f"  note: {n}")
        out.append("colours: " + ", ".join(f"{k} {v}" for k, v in t.colours.as_dict().items()))
        for n in th.notices:
            out.append(f"  note: {n}")
        if th.fixes:
            out.append("  colour pairs below WCAG AA, replaced:")
            for f in th.fixes:
                out.append(f"  note: {f.text()}")
        else:
            out.append("  every text colour reads on its background (WCAG AA)")
        logo = t.logo
        out.append(f"logo: '{logo.name}', {logo.pixels[0]}×{logo.pixels[1]} px {logo.ext.upper()}"
                   if logo else "logo: none (no small picture on the master)")
        for n in (*self.size_notes, *t.notices, *self.title_notes()):
            out.append(f"note: {n}")
        return out

    def title_notes(self) -> list[str]:
        """The chosen layouts whose title box runs under a decoration."""
        out: list[str] = []
        seen: set[tuple[int, int]] = set()
        for choice in self.template.choices.values():
            lay = choice.layout
            key = (lay.master_index, lay.layout_index)
            if key in seen or not lay.title_hits:
                continue
            seen.add(key)
            names = ", ".join(f"'{d.name}'" if d.name else f"a {d.kind}" for d in lay.title_hits)
            out.append(f"the title box of {lay.label()} runs under {names}; a long "
                       "title there may cover it")
        return out

    def notices(self) -> list[str]:
        """Only what the teacher should know (for an export's notes)."""
        return [*self.size_notes, *self.template.notices, *self.title_notes(),
                *self.theme.notices,
                *self.theme.font_notices, *(f.text() for f in self.theme.fixes)]


_TYPE_ORDER = ("ctrTitle", "title", "subTitle", "body", "obj", "pic", "chart", "tbl", "dgm",
               "media", "clipArt", "dt", "ftr", "sldNum", "hdr")


def _ordered_types(placeholders: tuple[object, ...]) -> list[str]:
    types = [getattr(p, "type", "") for p in placeholders]
    counts = {x: types.count(x) for x in types}
    order = sorted(counts, key=lambda x: (_TYPE_ORDER.index(x) if x in _TYPE_ORDER else 99, x))
    return [f"{x}×{counts[x]}" if counts[x] > 1 else x for x in order]


def _cm(points: float) -> str:
    return f"{points / 72 * 2.54:.2f}".rstrip("0").rstrip(".")


def _ratio_name(w: float, h: float) -> str:
    for ratio, label in COMMON_RATIOS.items():
        if abs(w / h - ratio) < 0.01:
            return label
    return f"{w / h:.2f}:1"


def size_notes(t: Template) -> list[str]:
    """What is unusual about the slide size."""
    notes = []
    ratio = t.width / t.height
    if t.height > t.width:
        notes.append("the slides are portrait (taller than wide): projectors show them small")
    elif not any(abs(ratio - r) < 0.01 for r in COMMON_RATIOS):
        notes.append(f"an unusual slide size ({_cm(t.width)} × {_cm(t.height)} cm, "
                     f"{ratio:.2f}:1); the deck uses it, but projectors are 16:9 or 4:3")
    if min(t.width, t.height) < 300:
        notes.append(f"small slides ({_cm(t.width)} × {_cm(t.height)} cm): text will be "
                     "small on them")
    return notes


def template_report(t: Template) -> TemplateReport:
    """The report for ``t`` (see TemplateReport)."""
    return TemplateReport(t, template_theme(t), tuple(size_notes(t)))


def theme_name_for(text: str) -> str:
    """A theme name (lower-case letters, digits and hyphens) from a title or file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or "template"
