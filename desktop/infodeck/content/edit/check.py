"""Validation of the pack as the editor holds it, with the loader's own checks.

Every file is checked as the text it would be saved as (so each problem carries the
file:line:col the teacher will see in the saved file), by ``load.load_pack`` itself,
given the editor's files (``EditedFiles``): the same reader, schema and checks as
``infodeck check``. Reading a file is what costs (about 95 % of a load); it is cached by the
file's text, so after an edit only the touched file is read again. The checks across
files (citations, pictures, icon names) are cheap and rerun in full, so a change in
one file that breaks or mends another is always seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from infodeck.content.icons import read_pack_icons
from infodeck.content.lint import PictureReads
from infodeck.content.load import PackFiles, load_pack
from infodeck.content.model import Pack, PackMeta, Reference, Section
from infodeck.content.paths import resolve_inside, shown_path
from infodeck.content.problems import Problem
from infodeck.content.yamlread import YamlDoc, YamlError, parse_yaml
from infodeck.scene.elements import PictureData


@dataclass
class Parsed:
    """One file read by the loader's reader: its document (None when unreadable)."""

    data: bytes
    doc: YamlDoc | None
    problems: list[Problem]


@dataclass
class Validation:
    """What the pack is, as edited: problems, the sections that are sound, the pack.

    ``pack`` holds every section without errors (a partial pack: one broken section
    does not hide the others); it is None only when pack.yaml cannot be used (a
    section citing a reference that has errors is one of the broken ones).
    ``sections`` maps each listed section file to its model, or None when it has
    errors; ``section_problems`` lists those problems per file.
    """

    problems: list[Problem] = field(default_factory=list)
    pack: Pack | None = None
    meta: PackMeta | None = None
    sections: dict[str, Section | None] = field(default_factory=dict)
    section_problems: dict[str, list[Problem]] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors (warnings aside)."""
        return [p for p in self.problems if p.severity == "error"]


def parse(doc: DocumentView, rel: str, cache: dict[str, Parsed]) -> Parsed:
    """The loader's reading of ``rel`` as it would be saved (cached by its bytes)."""
    data = doc.data(rel) or b""
    got = cache.get(rel)
    if got is not None and got.data == data:
        return got
    shown = shown_path(doc.root / rel)
    try:
        ydoc, warnings = parse_yaml(data, shown)
        got = Parsed(data, ydoc, warnings)
    except YamlError as e:
        got = Parsed(data, None, list(e.problems))
    cache[rel] = got
    return got


class EditedFiles(PackFiles):
    """The pack's files as the editor holds them, for the loader's own checks.

    Each file is the text it would be saved as, read by the loader's reader (cached
    by that text); icons come from the document, which keeps them until they change.
    """

    def __init__(self, doc: DocumentView, cache: dict[str, Parsed]) -> None:
        super().__init__(doc.root)
        self.doc = doc
        self.cache = cache

    def _key(self, target: Path) -> str | None:
        try:
            return target.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def why_missing(self, target: Path, what: str) -> str | None:
        key = self._key(target)
        if key is not None and self.doc.has_file(key):
            return None
        return f"{what} not found in {shown_path(self.root)}"

    def read(self, target: Path) -> tuple[YamlDoc | None, list[Problem]]:
        key = self._key(target)
        if key is None:
            return None, [Problem(shown_path(target), None, None, "", "file not found")]
        parsed = parse(self.doc, key, self.cache)
        return parsed.doc, list(parsed.problems)

    def icons(self) -> tuple[dict[str, Any], list[Problem], list[Path]]:
        return self.doc.pack_icons()

    def picture_reads(self) -> PictureReads:
        return KeptPictureReads(self.doc.picture_cache)


PictureCache = dict[str, tuple[tuple[int, ...], Any]]


class DocumentView(Protocol):
    """What the checks read of an open document (``DocumentView`` is one).

    Named here, not imported from ``document.py``, so that the document imports its
    checks one way.
    """

    root: Path
    picture_cache: PictureCache

    def data(self, rel: str) -> bytes | None:
        """The bytes ``rel`` would be saved as (None: no such file, or deleted)."""
        ...

    def has_file(self, rel: str) -> bool:
        """Whether ``rel`` is open and not deleted."""
        ...

    def pack_icons(self) -> tuple[dict[str, Any], list[Problem], list[Path]]:
        """The pack's own icons: (name -> icon, problems, files read)."""
        ...


class KeptPictureReads(PictureReads):
    """Pictures read as the loader reads them, but again only when their file changed.

    Checking the pack after each edit must not read and decode every picture again
    (up to 20 MB each); a file whose device, inode, size or time changed is read anew.
    """

    def __init__(self, cache: PictureCache) -> None:
        super().__init__()
        self.cache = cache

    def read_file(self, root: Path, rel: str) -> PictureData | str:
        target = resolve_inside(root, rel)
        sig: tuple[int, ...] | None = None
        if not isinstance(target, str):
            try:
                st = target.stat()
                sig = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
            except OSError:
                sig = None
        hit = self.cache.get(rel)
        if sig is not None and hit is not None and hit[0] == sig:
            return cast("PictureData | str", hit[1])
        got = super().read_file(root, rel)
        if sig is None:
            self.cache.pop(rel, None)
        else:
            self.cache[rel] = (sig, got)
        return got


def validate(doc: DocumentView, cache: dict[str, Parsed]) -> Validation:
    """Check the whole pack as edited; only files whose text changed are read again.

    The checks are :func:`infodeck.content.load.load_pack`'s, run on the edited text.
    """
    import time

    t0 = time.perf_counter()
    result = load_pack(doc.root, EditedFiles(doc, cache))
    out = Validation(problems=result.problems, pack=result.usable, meta=result.meta)
    if result.usable is not None:
        out.references = result.usable.references
        by_index = {result.positions[s.id]: s for s in result.usable.sections}
        for i, rel in enumerate(result.usable.meta.sections):
            out.sections[rel] = by_index.get(i)
            out.section_problems[rel] = result.section_problems.get(i, [])
    out.seconds = time.perf_counter() - t0
    return out


def read_icons(root: Path) -> tuple[dict[str, Any], list[Problem], list[Path]]:
    """The pack's own icons, read as the loader reads them."""
    return read_pack_icons(root, shown_path(root))
