"""The one place that finds Infodeck's data folders: assets/, layouts/ and content/.

Three homes are supported, checked in this order:

1. a frozen PyInstaller bundle (``sys._MEIPASS``), where build.spec puts the folders
   at the bundle root;
2. an installed wheel, where setup.py copies them to ``infodeck/_data/``;
3. a source checkout, where they sit at the repository's top level.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path, PurePosixPath

from infodeck.errors import ResourceError as ResourceError  # the faces catch it here

DATA_DIRS = ("assets", "layouts", "content")


@cache
def data_root() -> Path:
    """Return the folder that holds assets/, layouts/ and content/."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen))
    here = Path(__file__).resolve().parent
    candidates += [here / "_data", here.parent.parent]
    for root in candidates:
        if all((root / d).is_dir() for d in DATA_DIRS):
            return root
    raise ResourceError(
        "Infodeck's data folders (assets, layouts, content) were not found; "
        f"looked in: {', '.join(str(c) for c in candidates)}. Reinstall Infodeck."
    )


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, refusing names that climb out of it.

    ``resource_path("assets", "fonts", "Carlito-Regular.ttf")``. Absolute parts and
    ``..`` are refused, so a name from a content file can never reach outside.
    """
    rel = PurePosixPath(*parts)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ResourceError(f"not a resource name: {'/'.join(parts)!r}")
    if rel.parts[0] not in DATA_DIRS:
        raise ResourceError(f"resources live in {DATA_DIRS}, not {rel.parts[0]!r}")
    return data_root().joinpath(*rel.parts)


def builtin_pack_dir() -> Path:
    """The folder of the built-in content pack."""
    return resource_path("content", "gut-health-migraines")


@cache
def font_path(name: str) -> Path:
    """Path of a bundled font file in assets/fonts.

    Kept per name: composing asks for the theme's fonts for every run of text (tens
    of thousands of times for a large pack), and the answer never changes.
    """
    return resource_path("assets", "fonts", name)


def user_cache_dir() -> Path:
    """The platform's per-user cache folder for Infodeck (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Infodeck" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "Infodeck"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "infodeck"


def user_config_dir() -> Path:
    """The platform's per-user settings folder for Infodeck (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Infodeck"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Infodeck"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "infodeck"


def user_themes_dir() -> Path:
    """Where the teacher's own themes live (saved from school templates).

    ``INFODECK_THEMES_DIR`` chooses another folder (a shared drive; tests).
    """
    chosen = os.environ.get("INFODECK_THEMES_DIR", "").strip()
    return Path(chosen) if chosen else user_config_dir() / "themes"


def prepare_frozen() -> None:
    """In a PyInstaller bundle, keep matplotlib's font cache between launches.

    PyInstaller points ``MPLCONFIGDIR`` at a fresh temporary folder, so matplotlib would
    scan every system font at each start; build.spec drops that hook and the frozen
    entry point calls this before matplotlib is imported. A folder the user chose with
    ``MPLCONFIGDIR`` is kept. Outside a bundle this does nothing.
    """
    if getattr(sys, "frozen", False) and not os.environ.get("MPLCONFIGDIR"):
        os.environ["MPLCONFIGDIR"] = str(user_cache_dir() / "matplotlib")
