"""Save a school template's colours, fonts and logo as a theme file ("Save as theme").

The teacher can then use the school's look without the template: for infographics,
handouts and decks on Infodeck's own layouts. A theme is a YAML file, the same as the
bundled ones (layouts/themes), plus its logo as a picture beside it::

    <user themes folder>/<name>.yaml
    <user themes folder>/<name>-logo.png

The themes folder is ``resources.user_themes_dir()``, where ``compose.layouts.themes``
finds it, so the saved theme is at once in ``infodeck themes``, ``--theme NAME`` and
the window's Theme picker. Both files are written to hidden temporary siblings and
moved into place; a theme of the same name is replaced only when asked (``force``).
The written file is read back before it is reported as saved.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from infodeck.compose.layouts import Theme, bundled_themes, load_file
from infodeck.compose.templates import TemplateTheme, theme_name_for
from infodeck.errors import ExportError, TargetsExist, UsageError
from infodeck.export.files import describe
from infodeck.export.tempfiles import SUFFIX, prefix
from infodeck.resources import user_themes_dir
from infodeck.template import Template


@dataclass(frozen=True)
class SavedTheme:
    """What "Save as theme" wrote: the theme file, its logo (if any) and the theme."""

    name: str
    path: Path
    logo: Path | None
    theme: Theme


def theme_yaml(tt: TemplateTheme, template: Template, logo_file: str | None) -> str:
    """The theme file's text: a comment saying where it came from, then the theme."""
    th = tt.theme
    data: dict[str, object] = {
        "name": th.name,
        "title": th.title,
        "font": th.font.model_dump(),
    }
    if th.heading_font is not None:
        data["heading_font"] = th.heading_font.model_dump()
    data["colors"] = th.colors.model_dump()
    if logo_file:
        data["logo"] = logo_file
    head = [f"# Saved from the template {template.path.name} by Infodeck's \"Save as theme\"."]
    for f in tt.fixes:
        head.append(f"# {f.role}: {f.before} ({f.source}) became {f.after} for WCAG AA contrast.")
    for n in (*tt.notices, *tt.font_notices):
        head.append(f"# {n}")
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(head) + "\n" + body


def save_theme(
    tt: TemplateTheme, template: Template, name: str, *, title: str | None = None,
    folder: Path | None = None, force: bool = False,
) -> SavedTheme:
    """Write the template's theme as ``name`` into ``folder`` (the user's themes folder).

    ``name`` becomes a theme name (lower-case, hyphens); a bundled theme's name is
    refused, an existing file replaced only with ``force``.
    """
    slug = theme_name_for(name)
    if slug in bundled_themes():
        raise UsageError(f"'{slug}' is a built-in theme's name; choose another name")
    folder = folder or user_themes_dir()
    theme = tt.theme.model_copy(update={"name": slug, "title": title or name.strip() or slug})
    tt = TemplateTheme(theme, tt.fixes, tt.body_font, tt.heading_font, tt.sources, tt.notices)
    target = folder / f"{slug}.yaml"
    logo_target = None
    if template.logo is not None and theme.logo is not None:
        ext = "jpg" if theme.logo.format == "JPEG" else "png"
        logo_target = folder / f"{slug}-logo.{ext}"
    existing = [p for p in (target, logo_target) if p is not None and p.exists()]
    if existing and not force:
        raise TargetsExist(existing)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if logo_target is not None and theme.logo is not None:
            _write(logo_target, theme.logo.data)
        _write(target, theme_yaml(tt, template, logo_target.name if logo_target else None)
               .encode("utf-8"))
    except OSError as e:
        raise ExportError(f"could not save the theme in {folder}: {describe(e)}") from e
    saved = load_file(target, Theme)  # what the app will read, read now
    from infodeck.compose.layouts import themes

    themes.cache_clear()
    return SavedTheme(slug, target, logo_target, saved)


def _write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=prefix(target), suffix=SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
