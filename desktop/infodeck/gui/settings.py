"""Typed access to QSettings: every value read back as the type the app expects.

QSettings returns what the storage gives: an INI file or the Linux backend turns
``True`` into the string ``"true"``, a one-item list into a plain string, and a
missing key into None. Reading through these helpers keeps that mess in one place.
Lists and per-pack choices are stored as JSON text, which every backend keeps intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from infodeck.workspace import Workspace

MAX_RECENT = 8


def to_bool(value: object, default: bool = False) -> bool:
    """A stored value as a bool; ``"true"``/``"false"``/``"1"``/``"0"`` strings included."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        v = value.strip().lower()
        if v in ("true", "1", "yes", "on"):
            return True
        if v in ("false", "0", "no", "off", ""):
            return False
    return default


def to_str_list(value: object) -> list[str]:
    """A stored value as a list of strings (JSON text, a list, or one string)."""
    if value is None:
        return []
    if isinstance(value, str):
        if value.startswith("["):
            try:
                data = json.loads(value)
            except ValueError:
                return [value]
            return [str(v) for v in data] if isinstance(data, list) else []
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []


MAX_INFOGRAPHIC_PAGES = 20  # as the command line's --pages


@dataclass(frozen=True)
class SectionChoice:
    """The sections a teacher chose for one pack: the order and the ticked ones."""

    order: tuple[str, ...]
    chosen: tuple[str, ...]


class Settings:
    """The app's settings, typed; wraps a QSettings so tests can pass their own file."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings()

    # -- primitives
    def get_str(self, key: str, default: str = "") -> str:
        """A string value, or ``default`` when missing or of another type."""
        v = self.q.value(key)
        return v if isinstance(v, str) else default

    def get_bool(self, key: str, default: bool = False) -> bool:
        """A bool value, accepting the strings some backends store."""
        return to_bool(self.q.value(key), default)

    def get_list(self, key: str) -> list[str]:
        """A list of strings stored with :meth:`set_list`."""
        return to_str_list(self.q.value(key))

    def set_list(self, key: str, values: list[str]) -> None:
        """Store a list of strings as JSON text."""
        self.q.setValue(key, json.dumps(list(values)))

    def set(self, key: str, value: str | bool) -> None:
        """Store a string or bool."""
        self.q.setValue(key, value)

    def get_bytes(self, key: str) -> QByteArray | None:
        """A binary value (window geometry), or None."""
        v = self.q.value(key)
        if isinstance(v, QByteArray):
            return v
        if isinstance(v, (bytes, bytearray)):
            return QByteArray(bytes(v))
        return None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        """Store a binary value."""
        self.q.setValue(key, value)

    def sync(self) -> None:
        """Write pending changes to storage."""
        self.q.sync()

    # -- the app's values
    @property
    def last_pack(self) -> str:
        """The pack folder open when the app last closed."""
        return self.get_str("pack/last")

    @last_pack.setter
    def last_pack(self, path: str) -> None:
        self.set("pack/last", path)

    def recent_packs(self) -> list[str]:
        """Recently opened pack folders, newest first."""
        return self.get_list("pack/recent")[:MAX_RECENT]

    def add_recent(self, path: str) -> list[str]:
        """Put ``path`` first in the recent list; returns the new list."""
        items = [path] + [p for p in self.recent_packs() if Path(p) != Path(path)]
        items = items[:MAX_RECENT]
        self.set_list("pack/recent", items)
        return items

    def clear_recent(self) -> None:
        """Forget the recent packs."""
        self.set_list("pack/recent", [])

    def restore_pack(self, ws: Workspace) -> bool:
        """A pack just opened: its remembered sections back, and it is the last pack.

        False when the pack has no usable id (an unusable pack.yaml): nothing to key on.
        """
        meta = ws.document.validation.meta
        if meta is None:
            return False
        saved = self.section_choice(meta.id)
        if saved is not None:
            ws.restore_choice(saved.order, saved.chosen, notify=False)
        self.last_pack = str(ws.root)
        self.add_recent(str(ws.root))
        return True

    def remember_pack(self, ws: Workspace) -> None:
        """Keep the pack's order and chosen sections for the next time it opens."""
        meta = ws.document.validation.meta
        if meta is not None:
            order, chosen = ws.choice_ids()
            self.set_section_choice(meta.id, SectionChoice(tuple(order), tuple(chosen)))

    def section_choice(self, pack_id: str) -> SectionChoice | None:
        """The order and ticked sections saved for ``pack_id``, if any."""
        raw = self.q.value(f"sections/{pack_id}")
        if not isinstance(raw, str):
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        order = to_str_list(json.dumps(data.get("order", [])))
        chosen = to_str_list(json.dumps(data.get("chosen", [])))
        return SectionChoice(tuple(order), tuple(chosen))

    def set_section_choice(self, pack_id: str, choice: SectionChoice) -> None:
        """Remember the order and ticked sections for ``pack_id``."""
        self.q.setValue(
            f"sections/{pack_id}",
            json.dumps({"order": list(choice.order), "chosen": list(choice.chosen)}),
        )

    def clear_section_choice(self, pack_id: str) -> None:
        """Forget the saved sections of ``pack_id`` (defaults restored)."""
        self.q.remove(f"sections/{pack_id}")

    def template_for(self, pack_id: str) -> str:
        """The template chosen for ``pack_id``: a file, ``"none"``, or "" (the pack's own)."""
        return self.get_str(f"templates/{pack_id}")

    def set_template_for(self, pack_id: str, choice: str) -> None:
        """Remember the template chosen for ``pack_id`` ("" forgets it: the pack's own)."""
        if choice:
            self.set(f"templates/{pack_id}", choice)
        else:
            self.q.remove(f"templates/{pack_id}")

    @property
    def mode(self) -> str:
        """``"deck"`` or ``"infographic"``: what the preview shows."""
        m = self.get_str("view/mode", "deck")
        return m if m in ("deck", "infographic") else "deck"

    @mode.setter
    def mode(self, value: str) -> None:
        self.set("view/mode", value)

    def layout(self, kind: str, default: str) -> str:
        """The chosen layout for ``kind`` (deck or infographic)."""
        return self.get_str(f"view/{kind}_layout", default)

    def set_layout(self, kind: str, name: str) -> None:
        """Remember the layout chosen for ``kind``."""
        self.set(f"view/{kind}_layout", name)

    @property
    def infographic_pages(self) -> int:
        """The infographic's most pages (1: fit on one page); stored as text, read safely."""
        v = self.get_str("view/infographic_pages", "1")
        return int(v) if v.isdigit() and 1 <= int(v) <= MAX_INFOGRAPHIC_PAGES else 1

    @infographic_pages.setter
    def infographic_pages(self, n: int) -> None:
        self.set("view/infographic_pages", str(n))

    @property
    def theme(self) -> str:
        """The chosen theme name."""
        return self.get_str("view/theme", "default")

    @theme.setter
    def theme(self, name: str) -> None:
        self.set("view/theme", name)

    @property
    def out_dir(self) -> str:
        """The export folder used last."""
        return self.get_str("export/out_dir")

    @out_dir.setter
    def out_dir(self, path: str) -> None:
        self.set("export/out_dir", path)

    def export_formats(self, default: tuple[str, ...]) -> list[str]:
        """The export formats ticked last time."""
        if self.q.value("export/formats") is None:
            return list(default)
        return self.get_list("export/formats")

    def set_export_formats(self, formats: list[str]) -> None:
        """Remember the ticked export formats."""
        self.set_list("export/formats", formats)
