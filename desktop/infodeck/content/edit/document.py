"""An open pack as the editor holds it: edits, undo and redo, validation, saving.

A :class:`PackDocument` reads a pack folder once into round-trip trees (one per YAML
file). Every change is a command (``commands.py``) pushed on the undo stack; after
each, the touched files are checked again with the loader's own checks
(``check.py``) and listeners are told. Saving writes only the files whose text
changed, each to a temporary file beside it that is flushed to disk and moved into
place (all of them, or none), keeping the teacher's comments, key order, quoting
and untouched lines (``roundtrip.py``).

What was read is remembered (its bytes' hash): a file changed on disk while the
document holds unsaved edits to it is never overwritten silently. :meth:`save`
raises :class:`SaveConflict` with both texts, and the caller chooses: reload the
file (take theirs), keep mine (overwrite), or show both.

Pictures and icons are copied into ``images/`` and ``icons/`` when they are added
(the preview needs the file); undo removes a copy it made. Everything else waits
for :meth:`save`. No Qt here: the window and the command line drive the same calls.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from infodeck.content.edit.check import Parsed, PictureCache, Validation, read_icons, validate
from infodeck.content.edit.commands import (
    Command,
    Composite,
    CopyAsset,
    CreateFile,
    DeleteFile,
    EditError,
    InsertItem,
    MoveItem,
    PathKey,
    RemoveItem,
    SetValue,
    copy_tree,
    walk,
)
from infodeck.content.edit.roundtrip import (
    TreeError,
    dump_tree,
    load_tree,
    make_yaml,
    merge_lines,
    to_plain,
    to_tree,
)
from infodeck.content.load import PACK_FILE, pack_root
from infodeck.content.paths import resolve_inside
from infodeck.content.problems import Problem

SECTION_DIR = "sections"
IMAGE_DIR = "images"
ICON_DIR = "icons"
CitationPolicy = Literal["remove-citations", "mark-uncited", "refuse"]

__all__ = [
    "CitationPolicy",
    "DocumentChange",
    "EditError",
    "FileConflict",
    "NotAPack",
    "PackDocument",
    "ReferenceInUse",
    "SaveConflict",
    "SaveError",
]


class NotAPack(EditError):
    """The folder given is not a pack (no pack.yaml); the message says what to do."""


class SaveError(EditError):
    """The pack could not be saved (a disk problem); nothing was changed on disk."""


@dataclass(frozen=True)
class FileConflict:
    """A file changed on disk while the document held unsaved edits to it.

    ``mine`` is the text the editor would save (None: the editor deletes the file),
    ``theirs`` what is on disk now (None: it was deleted there): both, for a
    "see both" view.
    """

    file: str
    mine: str | None
    theirs: str | None


class SaveConflict(EditError):
    """Saving would overwrite changes made outside the editor; nothing was written."""

    def __init__(self, conflicts: list[FileConflict]) -> None:
        self.conflicts = conflicts
        names = ", ".join(c.file for c in conflicts)
        super().__init__(
            f"{names} changed on disk since the pack was opened; reload to take those "
            "changes, or keep yours to overwrite them"
        )


class ReferenceInUse(EditError):
    """A reference that is still cited; ``places`` are (file, path of the cite list)."""

    def __init__(self, key: str, places: list[tuple[str, PathKey]]) -> None:
        self.key = key
        self.places = places
        files = sorted({f for f, _ in places})
        super().__init__(
            f"reference '{key}' is cited {len(places)} time{'s' * (len(places) != 1)} "
            f"(in {', '.join(files)}); remove those citations or mark the claims uncited first"
        )


@dataclass(frozen=True)
class DocumentChange:
    """What changed: the files touched and why ("edit", "undo", "redo", "save", "reload")."""

    files: frozenset[str]
    reason: str


_NO_DEFAULT: Any = object()
_BOM = b"\xef\xbb\xbf"


def _hash(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass
class _File:
    """One YAML file: the tree being edited and what was read from disk."""

    rel: str
    tree: Any  # round-trip tree; None when ruamel.yaml cannot read the file
    yaml: Any
    original: str | None  # the text read (None: a new file)
    disk_hash: str | None  # hash of the bytes read (None: not on disk then)
    base: str | None = None  # ruamel.yaml's dump of the tree as read (made before an edit)
    deleted: bool = False
    version: int = 0
    raw: bytes | None = None  # the bytes read (None: a new file)
    newline: str = "\n"  # the file's line ends, kept when it is saved (Windows: CRLF)
    bom: bool = False  # the file starts with a UTF-8 byte order mark, kept too
    _dump: tuple[int, str] | None = None

    def data(self) -> bytes | None:
        """The bytes this file would be saved as (None: it is deleted)."""
        if self.deleted:
            return None
        if self.raw is not None and (self.tree is None or self.version == 0):
            return self.raw
        text = self.text() or ""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (_BOM if self.bom else b"") + text.encode("utf-8")

    def text(self) -> str | None:
        """The text this file would be saved as (None: it is deleted)."""
        if self.deleted:
            return None
        if self.tree is None or (self.version == 0 and self.original is not None):
            return self.original or ""
        if self._dump is None or self._dump[0] != self.version:
            new = dump_tree(self.tree, self.yaml)
            base = self.base if self.base is not None else new
            text = new if self.original is None else merge_lines(self.original, base, new)
            if text != new and not _same_data(text, new, self.yaml):
                text = new  # the merge would not say what the tree says: write it whole
            self._dump = (self.version, text)
        return self._dump[1]

    @property
    def dirty(self) -> bool:
        if self.deleted:
            return self.disk_hash is not None
        if self.original is None:
            return True
        return self.text() != self.original


def _same_data(a: str, b: str, yaml: Any) -> bool:
    """Whether two texts hold the same values (a merged text is checked before saving)."""
    try:
        return bool(to_plain(load_tree(a, yaml)) == to_plain(load_tree(b, yaml)))
    except TreeError:
        return False


def _read_file(root: Path, rel: str) -> _File | None:
    path = root / rel
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    bom = raw.startswith(_BOM)
    body = raw[len(_BOM) :] if bom else raw
    crlf = body.count(b"\r\n") * 2 > body.count(b"\n")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: shown, never edited or saved (the loader says how to fix it).
        return _File(rel, None, make_yaml(), body.decode("utf-8", "replace"), _hash(raw), raw=raw)
    if crlf:
        text = text.replace("\r\n", "\n")
    yaml = make_yaml(text)
    try:
        tree = load_tree(text, yaml)
    except TreeError:
        tree = None
    return _File(
        rel, tree, yaml, text, _hash(raw), raw=raw, newline="\r\n" if crlf else "\n", bom=bom
    )


def slug(text: str, fallback: str = "section") -> str:
    """An id from a title: lowercase letters, digits and '-' (``The Gut!`` → ``the-gut``)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")
    return out or fallback


class PackDocument:
    """An open pack: read it, change it with commands, undo, check, save.

    Files are named by their path inside the pack (``pack.yaml``,
    ``sections/diet.yaml``); values by their path inside the file, as tuples
    (``("blocks", 0, "items", 2)``).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, _File] = {}
        self._undo: list[Command] = []
        self._redo: list[Command] = []
        self._typing_open = False
        self._listeners: list[Callable[[DocumentChange], None]] = []
        self._cache: dict[str, Parsed] = {}
        self.picture_cache: PictureCache = {}  # pictures read, by path, while unchanged
        self._icons: tuple[dict[str, Any], list[Problem], list[Path]] | None = None
        self.validation = Validation()

    # ---- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> PackDocument:
        """Open the pack at ``path`` (its folder or its pack.yaml), even a broken one.

        Raises :class:`NotAPack` when there is no folder or no pack.yaml in it.
        """
        root = pack_root(path)
        if not root.is_dir():
            raise NotAPack(f"{root}: no such folder")
        if not (root / PACK_FILE).is_file():
            raise NotAPack(
                f"{root}: no pack.yaml here; a content pack is a folder with a pack.yaml "
                "(see the README, 'Writing a content pack')"
            )
        doc = cls(root)
        meta = _read_file(root, PACK_FILE)
        if meta is None:
            raise NotAPack(f"{root / PACK_FILE}: cannot be read")
        doc._files[PACK_FILE] = meta
        doc._sync_files()
        doc._revalidate()
        return doc

    @classmethod
    def new(
        cls,
        folder: str | Path,
        *,
        title: str,
        subtitle: str | None = None,
        audience: str | None = None,
        language: str = "en",
        author: str | None = None,
    ) -> PackDocument:
        """A new pack in ``folder`` (made when saved): pack.yaml, references, a title section.

        Refuses a folder that exists and is not empty.
        """
        from infodeck.content.starters import new_pack_files

        root = Path(folder).expanduser().absolute()
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise EditError(
                f"{root}: the folder already exists and is not empty; choose a new folder"
            )
        doc = cls(root)
        files = new_pack_files(
            title=title,
            subtitle=subtitle,
            audience=audience,
            language=language,
            author=author,
            pack_id=slug(root.name or title, "pack"),
        )
        for rel, data in files.items():
            doc.create_file(rel, data)
        meta = doc._files[PACK_FILE].tree
        meta.yaml_set_start_comment(
            "Made by `infodeck new`. Sections are listed in the order they are shown;\n"
            "see the README, 'Writing a content pack', for every field."
        )
        doc._revalidate()
        return doc

    def _sync_files(self) -> None:
        """Read the files pack.yaml names that the document does not hold yet."""
        meta = self._files.get(PACK_FILE)
        if meta is None or meta.tree is None:
            return
        data = to_plain(meta.tree)
        if not isinstance(data, dict):
            return
        wanted: list[str] = []
        if isinstance(data.get("sections"), list):
            wanted += [s for s in data["sections"] if isinstance(s, str)]
        refs = data.get("references", "references.yaml")
        wanted.append(refs if isinstance(refs, str) else "references.yaml")
        for rel in wanted:
            key = self._key(rel)
            if key is None or key in self._files:
                continue
            f = _read_file(self.root, key)
            if f is not None:
                self._files[key] = f

    def _key(self, rel: str) -> str | None:
        """The file key of a path written in the pack, or None when it is refused."""
        target = resolve_inside(self.root, rel)
        if isinstance(target, str):
            return None
        try:
            return target.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    # ---- reading -------------------------------------------------------------------

    def has_file(self, rel: str) -> bool:
        """True when the document holds ``rel`` and it is not deleted."""
        f = self._files.get(rel)
        return f is not None and not f.deleted

    def files(self) -> list[str]:
        """Every file the document holds (not deleted), pack.yaml first."""
        return [r for r, f in self._files.items() if not f.deleted]

    def tree(self, rel: str) -> Any:
        """The round-trip tree of ``rel`` (for commands); EditError when it cannot be edited."""
        f = self._files.get(rel)
        if f is None or f.deleted:
            raise EditError(f"{rel}: no such file in the pack")
        if f.tree is None:
            raise EditError(
                f"{rel} cannot be edited until its YAML mistakes are fixed (see Problems)"
            )
        return f.tree

    def edit_tree(self, rel: str) -> Any:
        """The tree of ``rel`` for a command about to change it.

        The first time, ruamel.yaml's dump of the tree as read is kept: saving merges
        the difference between that and the edited dump into the original text.
        """
        tree = self.tree(rel)
        f = self._files[rel]
        if f.base is None and f.original is not None:
            f.base = dump_tree(tree, f.yaml)
        return tree

    def editable(self, rel: str) -> bool:
        """True when ``rel`` is held and readable, so commands can change it."""
        f = self._files.get(rel)
        return f is not None and not f.deleted and f.tree is not None

    def text(self, rel: str) -> str | None:
        """The text ``rel`` would be saved as (None: no such file, or deleted)."""
        f = self._files.get(rel)
        return None if f is None else f.text()

    def data(self, rel: str) -> bytes | None:
        """The bytes ``rel`` would be saved as: its text with its own line ends."""
        f = self._files.get(rel)
        return None if f is None else f.data()

    def get(self, rel: str, path: PathKey = (), default: Any = _NO_DEFAULT) -> Any:
        """The value at ``path`` in ``rel`` as plain data (dict, list, str, numbers).

        Without ``default``, EditError when there is no such value.
        """
        try:
            return to_plain(walk(self.tree(rel), path))
        except EditError:
            if default is _NO_DEFAULT:
                raise
            return default

    def section_files(self) -> list[str]:
        """The section files, in pack.yaml's order, as file keys."""
        meta = self._files.get(PACK_FILE)
        if meta is None or meta.tree is None:
            return []
        listed = to_plain(meta.tree).get("sections") if isinstance(meta.tree, dict) else None
        if not isinstance(listed, list):
            return []
        out = []
        for rel in listed:
            key = self._key(rel) if isinstance(rel, str) else None
            if key is not None:
                out.append(key)
        return out

    def references_file(self) -> str:
        """The file key of the references file (``references.yaml`` unless pack.yaml says)."""
        meta = self._files.get(PACK_FILE)
        name = "references.yaml"
        if meta is not None and isinstance(meta.tree, dict):
            got = meta.tree.get("references")
            if isinstance(got, str):
                name = str(got)
        return self._key(name) or "references.yaml"

    def section_id(self, rel: str) -> str | None:
        """The id written in section file ``rel`` (None when unreadable)."""
        if not self.editable(rel):
            return None
        got = self.tree(rel).get("id") if isinstance(self.tree(rel), dict) else None
        return str(got) if got is not None else None

    def section_rel(self, section_id: str) -> str:
        """The file of the section with ``section_id``; EditError when there is none."""
        for rel in self.section_files():
            if self.section_id(rel) == section_id:
                return rel
        raise EditError(f"no section '{section_id}' in the pack")

    def references(self) -> list[dict[str, Any]]:
        """The references as plain data, in order."""
        rel = self.references_file()
        if not self.editable(rel):
            return []
        got = self.get(rel).get("references")
        return got if isinstance(got, list) else []

    def reference_index(self, key: str) -> int:
        """The position of reference ``key``; EditError when there is none."""
        for i, r in enumerate(self.references()):
            if isinstance(r, dict) and r.get("key") == key:
                return i
        raise EditError(f"no reference '{key}'")

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the pack as edited (errors and warnings)."""
        return self.validation.problems

    # ---- undo, redo, listeners -----------------------------------------------------

    def subscribe(self, listener: Callable[[DocumentChange], None]) -> Callable[[], None]:
        """Call ``listener`` after every change (validation already done); returns unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def apply(self, command: Command) -> None:
        """Apply ``command`` as one undo step (typing into one field merges)."""
        touched = command.do(self)
        for rel in touched:
            self._touch(rel)
        merged = False
        if self._typing_open and self._undo and self._undo[-1].merge(command):
            merged = True
        if not merged:
            self._undo.append(command)
        self._typing_open = isinstance(command, SetValue) and command.typing
        self._redo.clear()
        self._changed(touched, "edit")

    def end_typing(self) -> None:
        """The next edit of the same field starts a new undo step (focus left the field)."""
        self._typing_open = False

    @property
    def can_undo(self) -> bool:
        """True when there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone edit to redo."""
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        """What Undo would undo ("Edit title"), or None."""
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        """What Redo would redo, or None."""
        return self._redo[-1].label if self._redo else None

    def undo(self) -> None:
        """Undo the last edit (nothing when there is none)."""
        if not self._undo:
            return
        command = self._undo.pop()
        touched = command.undo(self)
        for rel in touched:
            self._touch(rel)
        self._redo.append(command)
        self._typing_open = False
        self._changed(touched, "undo")

    def redo(self) -> None:
        """Redo the last undone edit (nothing when there is none)."""
        if not self._redo:
            return
        command = self._redo.pop()
        touched = command.do(self)
        for rel in touched:
            self._touch(rel)
        self._undo.append(command)
        self._typing_open = False
        self._changed(touched, "redo")

    def _touch(self, rel: str) -> None:
        f = self._files.get(rel)
        if f is not None:
            f.version += 1

    def _changed(self, touched: Iterable[str], reason: str) -> None:
        touched = frozenset(touched)
        if PACK_FILE in touched:
            self._sync_files()
        self._revalidate()
        change = DocumentChange(touched, reason)
        for listener in list(self._listeners):
            listener(change)

    def _revalidate(self) -> None:
        self.validation = validate(self, self._cache)

    def revalidate(self) -> None:
        """Check everything again (after pictures or icons changed outside the editor)."""
        self._icons = None
        self._revalidate()

    def pack_icons(self) -> tuple[dict[str, Any], list[Problem], list[Path]]:
        """The pack's own icons as the loader reads them (kept until icons change)."""
        if self._icons is None:
            self._icons = read_icons(self.root)
        return self._icons

    # ---- file-level primitives (used by commands) -----------------------------------

    def create_file(self, rel: str, data: Any) -> None:
        """Hold a new YAML file ``rel`` with ``data`` (written when saved)."""
        existing = self._files.get(rel)
        if existing is not None and not existing.deleted:
            raise EditError(f"{rel} already exists")
        yaml = make_yaml()
        tree = to_tree(data)
        if existing is not None:  # deleted, then made again: keep what disk had
            existing.tree, existing.yaml, existing.deleted = tree, yaml, False
            existing.version += 1
            return
        on_disk = (self.root / rel).exists()
        if on_disk:
            raise EditError(f"{rel} already exists in the pack folder")
        self._files[rel] = _File(rel, tree, yaml, None, None)

    def drop_file(self, rel: str) -> None:
        """Forget a file made by :meth:`create_file` (undo of adding it)."""
        f = self._files.get(rel)
        if f is None:
            return
        if f.original is None:
            del self._files[rel]
        else:
            f.deleted = True

    def mark_deleted(self, rel: str, deleted: bool) -> None:
        """Mark ``rel`` deleted (removed from disk when saved) or bring it back."""
        f = self._files.get(rel)
        if f is None:
            raise EditError(f"{rel}: no such file in the pack")
        f.deleted = deleted
        f.version += 1

    def write_asset(self, target: Path, data: bytes) -> bool:
        """Write a picture or icon file now; True when this call made it."""
        if target.exists():
            if target.read_bytes() == data:
                return False
            raise EditError(f"{target.name} already exists in {target.parent.name}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write({target: data})
        if target.parent.name == ICON_DIR:
            self._icons = None
        return True

    def remove_asset(self, target: Path, data: bytes) -> None:
        """Remove a file :meth:`write_asset` made, when it is unchanged."""
        with contextlib.suppress(OSError):
            if target.read_bytes() == data:
                target.unlink()
        if target.parent.name == ICON_DIR:
            self._icons = None

    # ---- edits ------------------------------------------------------------------------

    def set_value(
        self, rel: str, path: PathKey, value: Any, *, label: str = "", typing: bool = True
    ) -> None:
        """Set the value at ``path`` in ``rel``; ``None`` removes an optional field.

        Consecutive text edits of one field merge into one undo step (until
        :meth:`end_typing`, or any other edit).
        """
        name = next((p for p in reversed(path) if isinstance(p, str)), "value")
        self.apply(
            SetValue(rel, tuple(path), value, label or f"Edit {name.replace('_', ' ')}", typing)
        )

    def insert(
        self, rel: str, path: PathKey, index: int | None, value: Any, *, label: str = "Add"
    ) -> int:
        """Insert ``value`` into the list at ``path`` (at the end when ``index`` is None)."""
        index = self._list_len(rel, path) if index is None else index
        self.apply(InsertItem(rel, tuple(path), index, value, label))
        return index

    def remove(self, rel: str, path: PathKey, index: int, *, label: str = "Delete") -> None:
        """Remove item ``index`` of the list at ``path``."""
        self.apply(RemoveItem(rel, tuple(path), index, label))

    def move(
        self, rel: str, path: PathKey, source: int, target: int, *, label: str = "Move"
    ) -> None:
        """Move item ``source`` of the list at ``path`` to ``target``."""
        if source != target:
            self.apply(MoveItem(rel, tuple(path), source, target, label))

    def duplicate(self, rel: str, path: PathKey, index: int, *, label: str = "Duplicate") -> int:
        """Put a copy of item ``index`` of the list at ``path`` right after it."""
        item = walk(self.tree(rel), (*path, index))
        self.apply(InsertItem(rel, tuple(path), index + 1, copy_tree(item), label))
        return index + 1

    def _list_len(self, rel: str, path: PathKey) -> int:
        try:
            node = walk(self.tree(rel), path)
        except EditError:
            return 0
        return len(node) if isinstance(node, list) else 0

    # blocks

    def add_block(self, rel: str, block: dict[str, Any], index: int | None = None) -> int:
        """Add ``block`` (a starter, see ``starters.block_starter``) to section file ``rel``."""
        what = block.get("kind") or block.get("type") or "block"
        return self.insert(rel, ("blocks",), index, block, label=f"Add {what}")

    def delete_block(self, rel: str, index: int) -> None:
        """Delete block ``index`` of section file ``rel``."""
        self.remove(rel, ("blocks",), index, label="Delete block")

    def duplicate_block(self, rel: str, index: int) -> int:
        """Copy block ``index`` of ``rel`` right after it; returns the copy's index."""
        return self.duplicate(rel, ("blocks",), index, label="Duplicate block")

    def move_block(self, rel: str, source: int, target: int) -> None:
        """Move block ``source`` of ``rel`` to position ``target``."""
        self.move(rel, ("blocks",), source, target, label="Move block")

    # sections

    def _section_ids(self) -> set[str]:
        return {i for r in self.section_files() if (i := self.section_id(r)) is not None}

    def _free_section(self, base: str) -> tuple[str, str]:
        """A section id and file key not used yet, from ``base``."""
        base = slug(base)
        ids = self._section_ids()
        n = 1
        while True:
            sid = base if n == 1 else f"{base}-{n}"
            rel = f"{SECTION_DIR}/{sid}.yaml"
            if sid not in ids and rel not in self._files and not (self.root / rel).exists():
                return sid, rel
            n += 1

    def add_section(self, section: dict[str, Any], index: int | None = None) -> str:
        """Add a section (a starter, see ``starters.section_starter``); returns its file.

        It gets an id and a file name no other section has (from its id or title),
        and its line in pack.yaml's list at ``index`` (the end when None).
        """
        rel, commands = self._section_commands(section, index)
        self.apply(Composite(commands, "Add section"))
        return rel

    def _section_commands(
        self, section: dict[str, Any], index: int | None
    ) -> tuple[str, list[Command]]:
        data = dict(section)
        sid, rel = self._free_section(str(data.get("id") or data.get("title") or "section"))
        data = {"id": sid, **{k: v for k, v in data.items() if k != "id"}}
        count = len(self.section_files())
        index = count if index is None else max(0, min(index, count))
        return rel, [
            CreateFile(rel, data),
            InsertItem(PACK_FILE, ("sections",), self._list_index(index), rel),
        ]

    def _list_index(self, index: int) -> int:
        """Position in pack.yaml's raw list for the ``index``-th section file."""
        raw = self.get(PACK_FILE, ("sections",)) if self.editable(PACK_FILE) else []
        files = self.section_files()
        if index >= len(files):
            return len(raw) if isinstance(raw, list) else 0
        want = files[index]
        for i, r in enumerate(raw):
            if isinstance(r, str) and self._key(r) == want:
                return i
        return index

    def _raw_index(self, rel: str) -> int:
        raw = self.get(PACK_FILE, ("sections",))
        for i, r in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(r, str) and self._key(r) == rel:
                return i
        raise EditError(f"{rel} is not one of the pack's sections")

    def delete_section(self, rel: str) -> None:
        """Take section file ``rel`` out of the pack (the file is removed when saved)."""
        i = self._raw_index(rel)
        self.apply(
            Composite([RemoveItem(PACK_FILE, ("sections",), i), DeleteFile(rel)], "Delete section")
        )

    def duplicate_section(self, rel: str) -> str:
        """A copy of section ``rel`` right after it, with a new id and file; returns its file."""
        i = self._raw_index(rel)
        tree = copy_tree(self.tree(rel))
        base = str(tree.get("id") or "section")
        sid, new_rel = self._free_section(base + "-copy")
        tree["id"] = sid
        title = tree.get("title")
        if isinstance(title, str) and len(title) <= 293:
            tree["title"] = to_tree(f"{title} (copy)", title)
        self.apply(
            Composite(
                [
                    CreateFile(new_rel, tree),
                    InsertItem(PACK_FILE, ("sections",), i + 1, new_rel),
                ],
                "Duplicate section",
            )
        )
        return new_rel

    def move_section(self, source: int, target: int) -> None:
        """Move the ``source``-th section of pack.yaml's list to place ``target``."""
        self.move(PACK_FILE, ("sections",), source, target, label="Move section")

    # references

    def add_reference(self, reference: dict[str, Any], index: int | None = None) -> int:
        """Add a reference; its key must be new. Returns its position."""
        key = reference.get("key")
        if any(r.get("key") == key for r in self.references() if isinstance(r, dict)):
            raise EditError(f"there is already a reference with the key '{key}'")
        rel = self.references_file()
        if rel not in self._files:
            self.apply(CreateFile(rel, {"references": []}, "Add references file"))
        return self.insert(rel, ("references",), index, reference, label="Add reference")

    def citations_of(self, key: str) -> list[tuple[str, PathKey]]:
        """Every place that cites ``key``: (section file, path of its ``cite`` list)."""
        out: list[tuple[str, PathKey]] = []

        def walk_cites(node: Any, path: PathKey, rel: str) -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "cite" and isinstance(v, list) and key in [str(x) for x in v]:
                        out.append((rel, (*path, "cite")))
                    else:
                        walk_cites(v, (*path, str(k)), rel)
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk_cites(v, (*path, i), rel)

        for rel in self.section_files():
            if self.editable(rel):
                walk_cites(self.tree(rel), (), rel)
        return out

    def edit_reference(self, key: str, field_name: str, value: Any) -> None:
        """Set one field of reference ``key``; a new key is carried into every citation."""
        i = self.reference_index(key)
        rel = self.references_file()
        if field_name != "key" or value == key:
            self.set_value(rel, ("references", i, field_name), value)
            return
        if any(r.get("key") == value for r in self.references() if isinstance(r, dict)):
            raise EditError(f"there is already a reference with the key '{value}'")
        commands: list[Command] = [SetValue(rel, ("references", i, "key"), value, typing=False)]
        for srel, path in self.citations_of(key):
            cites = [str(x) for x in self.get(srel, path)]
            for j, c in enumerate(cites):
                if c == key:
                    commands.append(SetValue(srel, (*path, j), value, typing=False))
        self.apply(Composite(commands, "Rename reference"))

    def delete_reference(self, key: str, policy: CitationPolicy = "refuse") -> None:
        """Delete reference ``key``; ``policy`` says what happens to its citations.

        ``refuse`` raises :class:`ReferenceInUse`; ``remove-citations`` takes the key out
        of every ``cite`` list; ``mark-uncited`` does too, and marks a claim left with no
        citation ``uncited: true``.
        """
        i = self.reference_index(key)
        places = self.citations_of(key)
        if places and policy == "refuse":
            raise ReferenceInUse(key, places)
        commands: list[Command] = []
        for srel, path in places:
            cites = [str(x) for x in self.get(srel, path)]
            rest = [c for c in cites if c != key]
            if rest:
                for j in reversed([j for j, c in enumerate(cites) if c == key]):
                    commands.append(RemoveItem(srel, path, j))
            else:
                commands.append(SetValue(srel, path, None, typing=False))
                if policy == "mark-uncited":
                    commands.append(SetValue(srel, (*path[:-1], "uncited"), True, typing=False))
        commands.append(RemoveItem(self.references_file(), ("references",), i))
        self.apply(Composite(commands, "Delete reference"))

    # pictures and icons

    def add_picture(
        self,
        rel: str,
        source: str | Path,
        *,
        alt: str,
        caption: str | None = None,
        credit: str | None = None,
        licence: str | None = None,
        index: int | None = None,
    ) -> str:
        """Copy picture ``source`` into ``images/`` and add a picture block to ``rel``.

        The picture must pass the loader's checks (PNG or JPEG, size, megapixels, its
        content matching its name); alt text is required. Returns the path written in
        the block (``images/leaf.png``). An identical picture already in ``images/``
        is reused.
        """
        block, copy_cmd = self._picture_parts(source, alt, caption, credit, licence)
        index = self._list_len(rel, ("blocks",)) if index is None else index
        self.tree(rel)  # refuse before copying when the section cannot be edited
        self.apply(Composite([copy_cmd, InsertItem(rel, ("blocks",), index, block)], "Add picture"))
        return str(block["path"])

    def _picture_parts(
        self,
        source: str | Path,
        alt: str,
        caption: str | None,
        credit: str | None,
        licence: str | None,
    ) -> tuple[dict[str, Any], CopyAsset]:
        from infodeck.content.pictures import MAX_PICTURE_BYTES, decode_picture, megabytes

        if not alt or not alt.strip():
            raise EditError("alt text is required: say in a few words what the picture shows")
        src = Path(source)
        try:
            if not src.is_file():
                raise EditError(f"{src.name}: not found (or not a file)")
            if src.stat().st_size > MAX_PICTURE_BYTES:
                raise EditError(
                    f"{src.name}: the picture is larger than the limit of "
                    f"{megabytes(MAX_PICTURE_BYTES)}"
                )
            data = src.read_bytes()
        except OSError as e:
            raise EditError(f"{src.name}: cannot read: {e.strerror}") from None
        checked = decode_picture(src.name, data)  # the loader's checks, on the same bytes
        if isinstance(checked, str):
            raise EditError(f"{src.name}: {checked}")
        name = self._free_asset_name(IMAGE_DIR, src.stem, src.suffix.lower(), data)
        block: dict[str, Any] = {"type": "picture", "path": f"{IMAGE_DIR}/{name}", "alt": alt}
        for k, v in (("caption", caption), ("credit", credit), ("licence", licence)):
            if v:
                block[k] = v
        return block, CopyAsset(self.root / IMAGE_DIR / name, data)

    def add_picture_section(
        self,
        source: str | Path,
        *,
        alt: str,
        title: str | None = None,
        caption: str | None = None,
        credit: str | None = None,
        licence: str | None = None,
        index: int | None = None,
    ) -> str:
        """A new section holding the picture ``source`` (the "Picture" starter); its file.

        One undo step: the section, its line in pack.yaml and the copied picture.
        """
        from infodeck.content.starters import section_starter

        block, copy_cmd = self._picture_parts(source, alt, caption, credit, licence)
        data = section_starter("picture", title)
        data["blocks"] = [block]
        rel, commands = self._section_commands(data, index)
        self.apply(Composite([copy_cmd, *commands], "Add picture section"))
        return rel

    def add_icon(self, source: str | Path, name: str | None = None) -> str:
        """Copy an SVG icon into ``icons/`` and return its name (for ``icon:`` fields).

        The file is read with the same SVG reader the loader uses; one it cannot draw
        is refused with the reason (and line and column).
        """
        from infodeck.scene.icons import NAME
        from infodeck.scene.svg import SvgError, read_svg_bytes

        src = Path(source)
        if src.suffix.lower() != ".svg":
            raise EditError(f"{src.name}: icons are SVG files (pictures go in a picture block)")
        try:
            data = src.read_bytes()
        except OSError as e:
            raise EditError(f"{src.name}: cannot read: {e.strerror}") from None
        stem = slug(name or src.stem, "icon")
        if not NAME.match(stem):
            raise EditError(f"'{stem}': an icon name uses lowercase letters, digits and '-'")
        try:
            read_svg_bytes(data, stem)
        except SvgError as e:
            raise EditError(f"{src.name}: {e}") from None
        file_name = self._free_asset_name(ICON_DIR, stem, ".svg", data)
        self.apply(
            Composite([CopyAsset(self.root / ICON_DIR / file_name, data)], f"Add icon {stem}")
        )
        self._icons = None
        self._revalidate()
        return PurePosixPath(file_name).stem

    def _free_asset_name(self, folder: str, stem: str, suffix: str, data: bytes) -> str:
        """A file name in ``folder`` for ``data``: the same file when it is already there."""
        base = slug(stem, "picture") if folder == IMAGE_DIR else stem
        n = 1
        while True:
            name = f"{base}{suffix}" if n == 1 else f"{base}-{n}{suffix}"
            target = self.root / folder / name
            if not target.exists():
                return name
            with contextlib.suppress(OSError):
                if target.read_bytes() == data:
                    return name
            n += 1

    # ---- saving and what is on disk --------------------------------------------------

    @property
    def dirty(self) -> bool:
        """True when there are unsaved changes (for the title and the close prompt)."""
        return any(f.dirty for f in self._files.values())

    def dirty_files(self) -> list[str]:
        """The files with unsaved changes."""
        return [r for r, f in self._files.items() if f.dirty]

    def _disk_hash(self, rel: str) -> str | None:
        try:
            return _hash((self.root / rel).read_bytes())
        except OSError:
            return None

    def _disk_text(self, rel: str) -> str | None:
        try:
            return (self.root / rel).read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return None

    def conflicts(self) -> list[FileConflict]:
        """Files with unsaved edits that changed on disk since they were read."""
        out = []
        for rel, f in self._files.items():
            if f.dirty and self._disk_hash(rel) != f.disk_hash:
                out.append(FileConflict(rel, f.text(), self._disk_text(rel)))
        return out

    def save(self, *, overwrite: Iterable[str] = ()) -> list[str]:
        """Write every changed file (all or none); returns the files written or removed.

        Raises :class:`SaveConflict` (nothing written) when a changed file was also
        changed on disk, unless it is named in ``overwrite`` (keep mine).
        """
        keep = set(overwrite)
        conflicts = [c for c in self.conflicts() if c.file not in keep]
        if conflicts:
            raise SaveConflict(conflicts)
        dirty = [(r, f) for r, f in self._files.items() if f.dirty]
        writes: dict[Path, bytes] = {}
        removes: list[Path] = []
        for rel, f in dirty:
            data = f.data()
            if data is None:
                removes.append(self.root / rel)
            else:
                writes[self.root / rel] = data
        try:
            _atomic_write(writes)
            for path in removes:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
        except OSError as e:
            raise SaveError(f"cannot save the pack: {_why(e)}") from None
        for rel, f in dirty:
            if f.deleted:
                del self._files[rel]
                continue
            text, data = f.text(), writes[self.root / rel]
            assert text is not None
            f.original, f.raw = text, data
            f.disk_hash = _hash(data)
            f.base, f.version, f._dump = None, 0, None  # the saved text is the new start
        self._changed({r for r, _ in dirty}, "save")
        return [r for r, _ in dirty]

    def keep_mine(self, rel: str) -> None:
        """Resolve a conflict by keeping the editor's text: the next save overwrites disk."""
        f = self._files.get(rel)
        if f is not None:
            f.disk_hash = self._disk_hash(rel)

    def reload(self, rel: str | None = None) -> list[str]:
        """Take what is on disk for ``rel`` (or every file that changed): their version.

        Unsaved edits to those files are dropped, and so is the undo history (its
        steps refer to the texts being replaced). Returns the files reloaded.
        """
        names = [rel] if rel is not None else list(self._files)
        done: list[str] = []
        for name in names:
            f = self._files.get(name)
            if f is None:
                continue
            if rel is None and self._disk_hash(name) == f.disk_hash:
                continue
            fresh = _read_file(self.root, name)
            if fresh is None:
                del self._files[name]
            else:
                self._files[name] = fresh
            done.append(name)
        if done:
            self._undo.clear()
            self._redo.clear()
            self._typing_open = False
            self._icons = None
            self._changed(done, "reload")
        return done

    def check_disk(self) -> tuple[list[str], list[FileConflict]]:
        """Follow changes made outside the editor (the window's file watcher calls this).

        Files without unsaved edits that changed on disk are reloaded; those with
        unsaved edits are returned as conflicts for the teacher to resolve.
        Returns (reloaded files, conflicts).
        """
        quiet = [
            r for r, f in self._files.items() if not f.dirty and self._disk_hash(r) != f.disk_hash
        ]
        reloaded: list[str] = []
        for r in quiet:
            reloaded += self.reload(r)
        self._sync_files()
        if not reloaded:
            self.revalidate()
        return reloaded, self.conflicts()


def _why(e: OSError) -> str:
    import errno

    if e.errno == errno.EROFS:
        return "the drive is read-only"
    if e.errno == errno.ENOSPC:
        return "the drive is full; free some space"
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write {e.filename or 'there'}"
    return f"{e.strerror or e} ({e.filename})" if e.filename else str(e.strerror or e)


def _atomic_write(files: dict[Path, bytes]) -> None:
    """Write each file to a temporary file beside it, flushed to disk, then move all in place.

    A failure before the moves leaves every original untouched and no temporary file.
    """
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".infodeck.tmp"
            )
            tmp = Path(name)
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(OSError):
                mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK
                os.chmod(tmp, mode)
        for done, target in temps:
            os.replace(done, target)
        for parent in {t.parent for _, t in temps}:
            _fsync_dir(parent)
    except BaseException:
        for left, _ in temps:
            with contextlib.suppress(OSError):
                left.unlink()
        raise


def _read_umask() -> int:
    # os.umask can only be read by setting it: once, at import, never per file
    # (setting it is process-wide and would race with other threads).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
