"""A pack's own icons (``icons/<name>.svg``) and the check of every icon name a pack uses.

Pack icons are read when the pack loads, so a broken file is reported with its own
file:line:col like any other mistake, and composing never reads a file. A pack
icon with a built-in icon's name replaces the built-in one in that pack; a warning
says so, so nothing is shadowed silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from infodeck.content.paths import resolve_inside
from infodeck.content.problems import Problem
from infodeck.content.yamlread import PathKey, YamlDoc, format_path
from infodeck.scene.elements import VectorIcon
from infodeck.scene.icons import (
    MAX_PACK_COMMANDS,
    MAX_PACK_ICONS,
    NAME,
    PACK_ICON_DIR,
    builtin_names,
    unknown_message,
)
from infodeck.scene.svg import SvgError, read_svg

ICON_FIELDS = ("icon", "centre_icon")


def read_pack_icons(
    root: Path, shown: str
) -> tuple[dict[str, VectorIcon], list[Problem], list[Path]]:
    """The icons in ``root/icons``: (name → icon, problems, files read).

    ``shown`` is how the pack folder is named in messages. Files that are not
    ``.svg`` are reported (icons are vectors); names must be lowercase letters,
    digits and '-'; every file stays inside the pack, symbolic links included.
    """
    icons: dict[str, VectorIcon] = {}
    problems: list[Problem] = []
    files: list[Path] = []
    folder = root / PACK_ICON_DIR
    if not folder.exists() and not folder.is_symlink():  # a looping link is reported
        return icons, problems, files
    where = f"{shown.rstrip('/')}/{PACK_ICON_DIR}"
    inside = resolve_inside(root, PACK_ICON_DIR)
    if isinstance(inside, str) or not folder.is_dir():
        why = inside if isinstance(inside, str) else "must be a folder"
        problems.append(Problem(where, None, None, "", why))
        return icons, problems, files
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    if len(entries) > MAX_PACK_ICONS:
        problems.append(Problem(where, None, None, "",
                                f"{len(entries)} files; a pack may bring at most "
                                f"{MAX_PACK_ICONS} icons"))
        return icons, problems, files
    builtin = set(builtin_names())
    commands = 0
    for entry in entries:
        shown_file = f"{where}/{entry.name}"
        if entry.suffix.lower() != ".svg":
            problems.append(Problem(
                shown_file, None, None, "",
                "not used: icons are SVG files (icons/<name>.svg); pictures belong in images/",
                "warning",
            ))
            continue
        name = entry.stem
        if not NAME.match(name) or len(name) > 64:
            problems.append(Problem(
                shown_file, None, None, "",
                "an icon's file name must use lowercase letters, digits and '-' only "
                f"(e.g. '{_suggest_name(name)}.svg')",
            ))
            continue
        target = resolve_inside(root, f"{PACK_ICON_DIR}/{entry.name}")
        if isinstance(target, str):
            problems.append(Problem(shown_file, None, None, "", target))
            continue
        if not target.is_file():
            problems.append(Problem(shown_file, None, None, "", "not a file"))
            continue
        files.append(target)
        try:
            icon = read_svg(target, name)
        except SvgError as e:
            problems.append(Problem(shown_file, e.line, e.col, "", e.message))
            continue
        except OSError as e:
            problems.append(Problem(shown_file, None, None, "", f"cannot read: {e.strerror}"))
            continue
        commands += sum(len(p.ops) for p in icon.paths)
        if commands > MAX_PACK_COMMANDS:
            problems.append(Problem(
                shown_file, None, None, "",
                f"the pack's icons hold more than {MAX_PACK_COMMANDS:,} path commands "
                "together; simplify them (an editor's 'Simplify' path command) or use fewer",
            ))
            break
        if name in builtin:
            problems.append(Problem(
                shown_file, None, None, "",
                f"replaces the built-in icon '{name}' in this pack; rename the file to "
                "keep both",
                "warning",
            ))
        icons[name] = icon
    return icons, problems, files


def _suggest_name(stem: str) -> str:
    import re

    out = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return out or "my-icon"


def _walk_icons(data: Any, path: PathKey) -> list[tuple[PathKey, str]]:
    out: list[tuple[PathKey, str]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ICON_FIELDS and isinstance(v, str):
                out.append(((*path, k), v))
            else:
                out += _walk_icons(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _walk_icons(v, (*path, i))
    return out


def icon_problems(
    doc: YamlDoc, prefix: PathKey, own: dict[str, VectorIcon], broken: set[str]
) -> list[Problem]:
    """An error for each icon name in ``doc`` that is neither built in nor the pack's own.

    ``broken`` names pack icons whose files have errors of their own: using them
    is not reported again.
    """
    known = set(builtin_names()) | set(own) | broken
    out: list[Problem] = []
    for path, name in _walk_icons(doc.data, ()):
        if name in known:
            continue
        ln, col = doc.pos(path) or (None, None)
        out.append(Problem(doc.file, ln, col, format_path((*prefix, *path)),
                           unknown_message(name, own)))
    return out
