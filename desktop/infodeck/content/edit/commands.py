"""Edits as command objects: each applies and reverts itself on a document's trees.

A command names the file it changes by its path inside the pack (``sections/diet.yaml``)
and the value by its path inside the file (``("blocks", 2, "steps", 0, "label")``).
The few primitives here (set, insert, remove, move, create and delete a file, copy an
asset) compose into every edit the editor offers, so undo is exact: a reverted
command puts back the very objects it took away, with their comments and quoting.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from infodeck.content.edit.roundtrip import to_tree
from infodeck.errors import UserError

PathKey = tuple[str | int, ...]
_MISSING: Any = object()


class EditableDocument(Protocol):
    """What the commands change in an open document (``EditableDocument`` is one).

    Named here, not imported from ``document.py``, so that the document imports its
    commands one way.
    """

    def edit_tree(self, rel: str) -> Any:
        """The tree of ``rel`` for a command about to change it."""
        ...

    def create_file(self, rel: str, data: Any) -> None:
        """Hold a new YAML file ``rel`` with ``data`` (written when saved)."""
        ...

    def drop_file(self, rel: str) -> None:
        """Forget the new file ``rel`` again (undo of ``create_file``)."""
        ...

    def mark_deleted(self, rel: str, deleted: bool) -> None:
        """Mark ``rel`` deleted (removed from disk when saved) or bring it back."""
        ...

    def write_asset(self, target: Path, data: bytes) -> bool:
        """Write a picture or icon file now; True when this call made it."""
        ...

    def remove_asset(self, target: Path, data: bytes) -> None:
        """Remove a file ``write_asset`` made, when it is unchanged."""
        ...

# Where a new key goes among the keys already written: after the last key that comes
# before it here (the order the schema and the README write fields in).
KEY_ORDER = [
    "id",
    "type",
    "kind",
    "key",
    "title",
    "subtitle",
    "author",
    "audience",
    "language",
    "sections",
    "references",
    "summary",
    "default",
    "takeaway",
    "icon",
    "centre",
    "centre_icon",
    "notes",
    "label",
    "left",
    "right",
    "value",
    "value_high",
    "unit",
    "prefix",
    "text",
    "items",
    "steps",
    "channels",
    "detail",
    "direction",
    "highlight",
    "path",
    "alt",
    "caption",
    "credit",
    "licence",
    "attribution",
    "figures",
    "authors",
    "container",
    "year",
    "date",
    "volume",
    "issue",
    "pages",
    "doi",
    "url",
    "blocks",
    "cite",
    "uncited",
]
_RANK = {k: i for i, k in enumerate(KEY_ORDER)}


class EditError(UserError):
    """An edit that cannot be made; the message says why, in the teacher's words."""


def _rank(key: str) -> int:
    return _RANK.get(key, len(_RANK))


def insert_position(mapping: CommentedMap, key: str) -> int:
    """Where ``key`` goes in ``mapping``: after the keys that come before it."""
    keys = list(mapping.keys())
    pos = 0
    for i, k in enumerate(keys):
        if _rank(str(k)) <= _rank(key):
            pos = i + 1
    return pos


def walk(tree: Any, path: PathKey) -> Any:
    """The node at ``path`` in ``tree``; EditError when there is none."""
    node = tree
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise EditError(f"nothing at {_fmt(path)}") from None
    return node


def _fmt(path: PathKey) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + p
    return out or "(the whole file)"


class Command:
    """One undoable edit. ``label`` names it in Edit → Undo <label>."""

    label: str = "Edit"

    def do(self, doc: EditableDocument) -> set[str]:
        """Apply; return the files (paths inside the pack) it changed."""
        raise NotImplementedError

    def undo(self, doc: EditableDocument) -> set[str]:
        """Revert what :meth:`do` did; return the files it changed."""
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        """Absorb ``later`` (already applied) into this one; False when they stay apart."""
        return False


@dataclass
class SetValue(Command):
    """Set the value at ``path`` (None removes the key); typing into one field merges."""

    file: str
    path: PathKey
    value: Any
    label: str = "Edit"
    typing: bool = True  # consecutive sets of this field merge into one undo step
    _old: Any = field(default=_MISSING, repr=False)
    _created: list[PathKey] = field(default_factory=list, repr=False)
    _pos: int = field(default=-1, repr=False)
    _comment: Any = field(default=None, repr=False)

    def do(self, doc: EditableDocument) -> set[str]:
        if not self.path:
            raise EditError("cannot replace a whole file")
        tree = doc.edit_tree(self.file)
        parent = tree
        self._created = []
        for i, part in enumerate(self.path[:-1]):
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                if not isinstance(parent, CommentedMap) or not isinstance(part, str):
                    raise EditError(f"nothing at {_fmt(self.path[: i + 1])}") from None
                parent.insert(insert_position(parent, part), part, CommentedMap())
                self._created.append(self.path[: i + 1])
                parent = parent[part]
        last = self.path[-1]
        if isinstance(parent, CommentedMap) and isinstance(last, str):
            self._old = parent.get(last, _MISSING)
            if self._old is not _MISSING:
                self._pos = list(parent.keys()).index(last)
                self._comment = parent.ca.items.get(last)
            if self.value is None:
                if self._old is not _MISSING:
                    del parent[last]
                    parent.ca.items.pop(last, None)
            elif self._old is _MISSING:
                parent.insert(insert_position(parent, last), last, to_tree(self.value))
            else:
                parent[last] = to_tree(self.value, self._old)
        elif isinstance(parent, CommentedSeq) and isinstance(last, int):
            if not 0 <= last < len(parent) or self.value is None:
                raise EditError(f"nothing at {_fmt(self.path)}")
            self._old = parent[last]
            parent[last] = to_tree(self.value, self._old)
        else:
            for created in reversed(self._created):  # leave the tree as it was
                walk(tree, created[:-1]).pop(created[-1], None)
            raise EditError(f"nothing at {_fmt(self.path)}")
        return {self.file}

    def undo(self, doc: EditableDocument) -> set[str]:
        tree = doc.edit_tree(self.file)
        parent = walk(tree, self.path[:-1])
        last = self.path[-1]
        if isinstance(parent, CommentedMap):
            if self._old is _MISSING:
                parent.pop(last, None)
            elif last in parent:
                parent[last] = self._old
            else:
                parent.insert(self._pos, last, self._old)
                if self._comment is not None:
                    parent.ca.items[last] = self._comment
        else:
            parent[last] = self._old
        for created in reversed(self._created):
            holder = walk(tree, created[:-1])
            holder.pop(created[-1], None)
        return {self.file}

    def merge(self, later: Command) -> bool:
        if (
            isinstance(later, SetValue)
            and self.typing
            and later.typing
            and later.file == self.file
            and later.path == self.path
            and isinstance(later.value, str)
            and isinstance(self.value, str)
        ):
            self.value = later.value
            return True
        return False


def _list_at(
    doc: EditableDocument, file: str, path: PathKey, create: bool
) -> tuple[CommentedSeq, bool]:
    tree = doc.edit_tree(file)
    try:
        node = walk(tree, path)
    except EditError:
        if not create or not path or not isinstance(path[-1], str):
            raise
        parent = walk(tree, path[:-1])
        if not isinstance(parent, CommentedMap):
            raise
        parent.insert(insert_position(parent, path[-1]), path[-1], CommentedSeq())
        return parent[path[-1]], True
    if node is None and create and path and isinstance(path[-1], str):
        parent = walk(tree, path[:-1])
        parent[path[-1]] = CommentedSeq()
        return parent[path[-1]], False
    if not isinstance(node, CommentedSeq):
        raise EditError(f"{_fmt(path)} is not a list")
    return node, False


def _seq_remove(seq: CommentedSeq, index: int) -> tuple[Any, Any]:
    comment = seq.ca.items.get(index)
    item = seq[index]
    del seq[index]  # ruamel.yaml moves the comments of later items up
    return item, comment


def _seq_insert(seq: CommentedSeq, index: int, item: Any, comment: Any) -> None:
    seq.insert(index, item)  # ruamel.yaml moves the comments of later items down
    if comment is not None:
        seq.ca.items[index] = comment
    else:
        seq.ca.items.pop(index, None)


@dataclass
class InsertItem(Command):
    """Insert ``value`` into the list at ``path`` (made when missing) at ``index``."""

    file: str
    path: PathKey
    index: int
    value: Any
    label: str = "Add"
    _created: bool = field(default=False, repr=False)
    _tree_value: Any = field(default=None, repr=False)

    def do(self, doc: EditableDocument) -> set[str]:
        seq, self._created = _list_at(doc, self.file, self.path, create=True)
        if not 0 <= self.index <= len(seq):
            raise EditError(f"no place {self.index} in {_fmt(self.path)}")
        if self._tree_value is None:
            self._tree_value = (
                self.value
                if isinstance(self.value, (CommentedMap, CommentedSeq))
                else to_tree(self.value)
            )
        _seq_insert(seq, self.index, self._tree_value, None)
        return {self.file}

    def undo(self, doc: EditableDocument) -> set[str]:
        seq, _ = _list_at(doc, self.file, self.path, create=False)
        _seq_remove(seq, self.index)
        if self._created:
            walk(doc.edit_tree(self.file), self.path[:-1]).pop(self.path[-1], None)
        return {self.file}


@dataclass
class RemoveItem(Command):
    """Remove the item at ``index`` of the list at ``path``."""

    file: str
    path: PathKey
    index: int
    label: str = "Delete"
    _item: Any = field(default=None, repr=False)
    _comment: Any = field(default=None, repr=False)

    def do(self, doc: EditableDocument) -> set[str]:
        seq, _ = _list_at(doc, self.file, self.path, create=False)
        if not 0 <= self.index < len(seq):
            raise EditError(f"nothing at {_fmt((*self.path, self.index))}")
        self._item, self._comment = _seq_remove(seq, self.index)
        return {self.file}

    def undo(self, doc: EditableDocument) -> set[str]:
        seq, _ = _list_at(doc, self.file, self.path, create=False)
        _seq_insert(seq, self.index, self._item, self._comment)
        return {self.file}


@dataclass
class MoveItem(Command):
    """Move the item at ``source`` of the list at ``path`` to ``target``."""

    file: str
    path: PathKey
    source: int
    target: int
    label: str = "Move"

    def _move(self, doc: EditableDocument, a: int, b: int) -> set[str]:
        seq, _ = _list_at(doc, self.file, self.path, create=False)
        if not (0 <= a < len(seq) and 0 <= b < len(seq)):
            raise EditError(f"cannot move item {a} of {_fmt(self.path)} to {b}")
        item, comment = _seq_remove(seq, a)
        _seq_insert(seq, b, item, comment)
        return {self.file}

    def do(self, doc: EditableDocument) -> set[str]:
        return self._move(doc, self.source, self.target)

    def undo(self, doc: EditableDocument) -> set[str]:
        return self._move(doc, self.target, self.source)


@dataclass
class CreateFile(Command):
    """A new YAML file in the pack (written when the pack is saved)."""

    file: str
    data: Any
    label: str = "Add file"

    def do(self, doc: EditableDocument) -> set[str]:
        doc.create_file(self.file, self.data)
        return {self.file}

    def undo(self, doc: EditableDocument) -> set[str]:
        doc.drop_file(self.file)
        return {self.file}


@dataclass
class DeleteFile(Command):
    """Delete a YAML file of the pack (removed from disk when the pack is saved)."""

    file: str
    label: str = "Delete file"

    def do(self, doc: EditableDocument) -> set[str]:
        doc.mark_deleted(self.file, True)
        return {self.file}

    def undo(self, doc: EditableDocument) -> set[str]:
        doc.mark_deleted(self.file, False)
        return {self.file}


@dataclass
class CopyAsset(Command):
    """Put a picture or an icon into the pack folder, at once (previews need the file).

    Undo removes the file again when this command made it and it is unchanged.
    """

    target: Path
    data: bytes
    label: str = "Add file"
    _made: bool = field(default=False, repr=False)

    def do(self, doc: EditableDocument) -> set[str]:
        self._made = doc.write_asset(self.target, self.data)
        return set()

    def undo(self, doc: EditableDocument) -> set[str]:
        if self._made:
            doc.remove_asset(self.target, self.data)
        return set()


@dataclass
class Composite(Command):
    """Several commands as one undo step (delete a section: its file and its line)."""

    commands: Sequence[Command]
    label: str = "Edit"
    _done: int = field(default=0, repr=False)

    def do(self, doc: EditableDocument) -> set[str]:
        touched: set[str] = set()
        self._done = 0
        try:
            for c in self.commands:
                touched |= c.do(doc)
                self._done += 1
        except Exception:
            for c in reversed(self.commands[: self._done]):
                c.undo(doc)
            raise
        return touched

    def undo(self, doc: EditableDocument) -> set[str]:
        touched: set[str] = set()
        for c in reversed(self.commands):
            touched |= c.undo(doc)
        return touched


def copy_tree(node: Any) -> Any:
    """A deep copy of a round-trip node, comments and quoting included (duplicate)."""
    return copy.deepcopy(node)
