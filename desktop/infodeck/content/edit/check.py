"""Validation of the pack as the editor holds it, with the loader's own checks.

Every file is checked as the text it would be saved as (so each problem carries the
file:line:col the teacher will see in the saved file), by the same reader, schema
and lints ``infodeck check`` uses (``yamlread.parse_yaml``, ``load.validate_doc``,
``icons.icon_problems``, ``lint.check_pack``). Reading a file is what costs
(about 95 % of a load); it is cached by the file's text, so after an edit only the
touched file is read again. The checks across files (citations, pictures, icon
names) are cheap and rerun in full, so a change in one file that breaks or mends
another is always seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infodeck.content.icons import icon_problems, read_pack_icons
from infodeck.content.lint import check_pack
from infodeck.content.load import (
    PACK_FILE,
    resolve_inside,
    shown_path,
    validate_doc,
)
from infodeck.content.model import Pack, PackMeta, Reference, ReferencesFile, Section
from infodeck.content.pictures import read_pack_pictures
from infodeck.content.problems import Problem
from infodeck.content.yamlread import PathKey, YamlDoc, YamlError, format_path, parse_yaml

if TYPE_CHECKING:
    from infodeck.content.edit.document import PackDocument


@dataclass
class Parsed:
    """One file read by the loader's reader: its document (None when unreadable)."""

    text: str
    doc: YamlDoc | None
    problems: list[Problem]


@dataclass
class Validation:
    """What the pack is, as edited: problems, the sections that are sound, the pack.

    ``pack`` holds every section without errors (a partial pack: one broken section
    does not hide the others); it is None only when pack.yaml or references.yaml
    cannot be used. ``sections`` maps each listed section file to its model, or None
    when it has errors; ``section_problems`` lists those problems per file.
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


def parse(doc: PackDocument, rel: str, cache: dict[str, Parsed]) -> Parsed:
    """The loader's reading of ``rel`` as it would be saved (cached by its text)."""
    text = doc.text(rel) or ""
    got = cache.get(rel)
    if got is not None and got.text == text:
        return got
    shown = shown_path(doc.root / rel)
    try:
        ydoc, warnings = parse_yaml(text.encode("utf-8"), shown)
        got = Parsed(text, ydoc, warnings)
    except YamlError as e:
        got = Parsed(text, None, list(e.problems))
    cache[rel] = got
    return got


def _under(prefix: PathKey, found: list[Problem]) -> list[Problem]:
    from dataclasses import replace

    if not prefix:
        return found
    head = format_path(prefix)
    return [
        replace(p, where=head + ("" if p.where.startswith("[") else ".") + p.where)
        if p.where
        else p
        for p in found
    ]


def validate(doc: PackDocument, cache: dict[str, Parsed]) -> Validation:
    """Check the whole pack as edited; only files whose text changed are read again."""
    import time

    t0 = time.perf_counter()
    out = Validation()
    problems = out.problems
    root = doc.root
    meta_parsed = parse(doc, PACK_FILE, cache)
    problems.extend(meta_parsed.problems)
    if meta_parsed.doc is None:
        out.seconds = time.perf_counter() - t0
        return out
    meta_doc = meta_parsed.doc
    meta, found = validate_doc(PackMeta, meta_doc)
    problems.extend(found)
    out.meta = meta
    if meta is None:
        out.seconds = time.perf_counter() - t0
        return out

    sections: list[Section] = []
    section_docs: list[YamlDoc] = []
    section_index: list[int] = []
    section_rels: list[str] = []
    seen_ids: dict[str, str] = {}
    for i, rel in enumerate(meta.sections):
        where = f"sections[{i}]"
        target = resolve_inside(root, rel)
        ln, col = meta_doc.pos(("sections", i)) or (None, None)
        if isinstance(target, str):
            problems.append(Problem(meta_doc.file, ln, col, where, target))
            continue
        key = target.relative_to(root.resolve()).as_posix()
        out.sections[rel] = None
        if not doc.has_file(key):
            msg = f"section file '{rel}' not found in {shown_path(root)}"
            problems.append(Problem(meta_doc.file, ln, col, where, msg))
            out.section_problems[rel] = [problems[-1]]
            continue
        parsed = parse(doc, key, cache)
        mine = _under(("sections", i), parsed.problems)
        section: Section | None = None
        if parsed.doc is not None:
            section, found = validate_doc(Section, parsed.doc, ("sections", i))
            mine += found
        if section is not None and section.id in seen_ids:
            assert parsed.doc is not None
            ln, col = parsed.doc.pos(("id",)) or (None, None)
            mine.append(
                Problem(
                    parsed.doc.file,
                    ln,
                    col,
                    f"sections[{i}].id",
                    f"section id '{section.id}' is also used in {seen_ids[section.id]}",
                )
            )
            section = None
        problems.extend(mine)
        out.section_problems[rel] = mine
        if section is None or parsed.doc is None:
            continue
        seen_ids[section.id] = parsed.doc.file
        sections.append(section)
        section_docs.append(parsed.doc)
        section_index.append(i)
        section_rels.append(rel)

    references: list[Reference] = []
    rdoc: YamlDoc | None = None
    refs_read = False
    ref_target = resolve_inside(root, meta.references)
    ln, col = meta_doc.pos(("references",)) or (None, None)
    if isinstance(ref_target, str):
        problems.append(Problem(meta_doc.file, ln, col, "references", ref_target))
    elif doc.has_file(ref_target.relative_to(root.resolve()).as_posix()):
        parsed = parse(doc, ref_target.relative_to(root.resolve()).as_posix(), cache)
        problems.extend(parsed.problems)
        rdoc = parsed.doc
        refs = None
        if rdoc is not None:
            refs, found = validate_doc(ReferencesFile, rdoc)
            problems.extend(found)
        if refs is not None and rdoc is not None:
            keys: set[str] = set()
            for i, r in enumerate(refs.references):
                if r.key in keys:
                    rl, rc = rdoc.pos(("references", i, "key")) or (None, None)
                    problems.append(
                        Problem(
                            rdoc.file, rl, rc, f"references[{i}].key", f"duplicate key '{r.key}'"
                        )
                    )
                keys.add(r.key)
            references = refs.references
            refs_read = True
    else:
        problems.append(
            Problem(
                meta_doc.file,
                ln,
                col,
                "references",
                f"references file '{meta.references}' not found",
            )
        )
    out.references = references

    pictures, picture_found, _ = read_pack_pictures(root, sections, section_docs)
    cross: list[Problem] = [_renumber(p, section_index) for p in picture_found]
    problems.extend(cross)
    icons, icon_found, icon_files = doc.pack_icons()
    problems.extend(icon_found)
    linted: list[Problem] = []
    broken = {f.stem for f in icon_files if f.stem not in icons}
    for k, sdoc in enumerate(section_docs):
        linted += icon_problems(sdoc, ("sections", section_index[k]), icons, broken)
    # check_pack numbers sections by their place in the list it was given; give them
    # back their place in pack.yaml.
    linted += [
        _renumber(p, section_index)
        for p in check_pack(
            root,
            sections,
            section_docs,
            references,
            meta_doc=meta_doc,
            refs_doc=rdoc,
            refs_read=refs_read,
        )
    ]
    cross.extend(linted)
    problems.extend(linted)
    bad_files = {p.file for p in cross if p.severity == "error"}
    good: list[Section] = []
    for k, section in enumerate(sections):
        rel = section_rels[k]
        own = [p for p in cross if p.file == section_docs[k].file]
        out.section_problems[rel] = out.section_problems.get(rel, []) + own
        if section_docs[k].file in bad_files:
            continue
        out.sections[rel] = section
        good.append(section)
    refs_ok = refs_read and not any(
        p.severity == "error" and rdoc is not None and p.file == rdoc.file for p in problems
    )
    if refs_ok:
        out.pack = Pack(
            meta=meta,
            sections=good,
            references=references,
            root=str(root),
            icons=icons,
            pictures=pictures,
        )
    out.seconds = time.perf_counter() - t0
    return out


def _renumber(p: Problem, index: list[int]) -> Problem:
    """``sections[k]…`` of a problem from check_pack, as ``sections[index[k]]…``."""
    import re
    from dataclasses import replace

    m = re.match(r"^sections\[(\d+)\]", p.where)
    if not m:
        return p
    k = int(m.group(1))
    if k >= len(index) or index[k] == k:
        return p
    return replace(p, where=f"sections[{index[k]}]" + p.where[m.end() :])


def read_icons(root: Path) -> tuple[dict[str, Any], list[Problem], list[Path]]:
    """The pack's own icons, read as the loader reads them."""
    return read_pack_icons(root, shown_path(root))
