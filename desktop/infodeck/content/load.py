"""Load a content pack folder into a validated ``Pack``, collecting every problem.

A pack is ``pack.yaml`` + the section files it lists + ``references.yaml``. All
files are read and validated even after a failure, so a teacher sees every mistake
at once, each with file:line:col and the path of the value.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from infodeck.content.model import (
    Pack,
    PackMeta,
    Reference,
    ReferencesFile,
    Section,
)
from infodeck.content.problems import Problem
from infodeck.content.yamlread import PathKey, YamlDoc, YamlError, format_path, read_yaml

PACK_FILE = "pack.yaml"
M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadResult:
    """A pack (None when it has errors) and every problem found (errors and warnings)."""

    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every file read, for watching

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def shown_path(path: Path) -> str:
    """How a file is named in messages: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def pack_root(path: str | Path) -> Path:
    """The pack folder for a folder or a pack.yaml path."""
    p = Path(path).expanduser()
    try:
        if p.is_file() or p.name == PACK_FILE:
            return p.resolve().parent
        return p.resolve()
    except (RuntimeError, OSError):  # a symbolic link loop: load_pack says so
        return p.absolute()


def _loops(path: Path) -> bool:
    """Whether ``path`` is (or passes through) a symbolic link that leads back to itself."""
    try:
        os.stat(path)
    except OSError as e:
        return e.errno == errno.ELOOP
    return False


LOOP = "a symbolic link loop (a link that leads back to itself)"


def _not_a_file(target: Path, what: str, folder: str) -> str:
    """Why ``target``, which is not a regular file, cannot be read as ``what``."""
    if target.is_dir():
        return f"{what} is a folder, not a file"
    if target.exists():
        return f"{what} is not a regular file (a pipe, socket or device?)"
    return f"{what} not found in {folder}"


def resolve_inside(root: Path, rel: str) -> Path | str:
    """Resolve a path written in a pack, or return why it is refused.

    Paths must be relative, use '/', stay inside the pack folder (also after
    following symbolic links) and not look like URLs or network paths.
    """
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", rel) or rel.startswith(("\\\\", "//")):
        return "must be a file inside the pack folder, not a URL or network path"
    if "\\" in rel:
        return "use '/' between folder names"
    pure = PurePosixPath(rel)
    if pure.is_absolute() or re.match(r"^[a-zA-Z]:", rel):
        return "must be relative to the pack folder, not an absolute path"
    if ".." in pure.parts:
        return "must stay inside the pack folder ('..' is not allowed)"
    try:
        target = (root / pure).resolve()
        inside = target.is_relative_to(root.resolve())
    except (RuntimeError, OSError):  # RuntimeError: Python 3.11's "Symlink loop from …"
        return LOOP
    if not inside:
        return "points outside the pack folder (through a symbolic link)"
    return target


_MESSAGES = {
    "missing": "required; add it",
    "string_type": "must be text",
    "list_type": "must be a list (items starting with '- ')",
    "dict_type": "must be a mapping of fields (key: value)",
    "model_type": "must be a mapping of fields (key: value)",
    "bool_parsing": "must be true or false",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "finite_number": "must be a finite number",
    "string_too_short": "must not be empty",
}


def humanize(err: dict[str, Any], data: Any, model: type[BaseModel]) -> tuple[PathKey, str]:
    """Turn a pydantic error into (data path, plain message).

    Layout and theme files use it too, so their mistakes read like a pack's.
    """
    loc = list(err["loc"])
    path: list[str | int] = []
    cur = data
    # Discriminated unions put the tag ('stat', 'pathway') in the location right after
    # the block's index, before any field: skip each tag once. A field may have the
    # tag's name (a 'text' block's 'text'), so "not a key" is no test.
    skipped: set[str] = set()
    for part in loc:
        if (
            isinstance(cur, dict)
            and isinstance(part, str)
            and part not in skipped
            and part in (cur.get("type"), cur.get("kind"))
        ):
            skipped.add(part)
            continue
        skipped = set()
        if isinstance(part, str) and part.startswith(("function-", "tagged-union")):
            continue
        path.append(part)
        if isinstance(cur, dict):
            cur = cur.get(part) if isinstance(part, str) else None
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
        else:
            cur = None
    typ = err["type"]
    got = err.get("input")
    ctx = err.get("ctx") or {}
    if typ == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        parent_fields = _fields_at(model, data, path[:-1])
        close = difflib.get_close_matches(name, parent_fields, n=1, cutoff=0.6)
        msg = f"unknown field '{name}'"
        msg += f"; did you mean '{close[0]}'?" if close else ""
        if parent_fields and not close:
            msg += f" (allowed: {', '.join(sorted(parent_fields))})"
        return tuple(path), msg
    if typ == "union_tag_invalid":
        tag = ctx.get("tag")
        expected = ctx.get("expected_tags", "")
        disc = ctx.get("discriminator", "").strip("'")
        path.append(disc)
        return tuple(path), f"unknown {disc} '{tag}'; use one of {expected}"
    if typ == "union_tag_not_found":
        disc = ctx.get("discriminator", "").strip("'")
        return tuple(path), f"needs a '{disc}' field"
    if typ == "value_error":
        text = str(ctx.get("error", err["msg"]))
        m = re.match(r"^([a-z_]+(?:\.[a-z_]+)*)((?:\[\d+\])*): (.*)$", text, re.S)
        if m:
            path.extend(m.group(1).split("."))
            path.extend(int(i) for i in re.findall(r"\[(\d+)\]", m.group(2)))
            text = m.group(3)
        return tuple(path), text
    if typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return tuple(path), f"{err['msg'].replace('Input should be', 'must be')} (got {got!r})"
    if typ == "string_pattern_mismatch":
        return tuple(path), (
            f"must use lowercase letters, digits and '-' only (got {got!r})"
            if "a-z0-9" in str(ctx.get("pattern", ""))
            else f"is not in the expected form (got {got!r})"
        )
    if typ == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "', '")
        return tuple(path), f"must be one of {expected} (got {got!r})"
    if typ == "string_too_long":
        return tuple(path), f"too long: at most {ctx.get('max_length')} characters"
    if typ == "too_long":
        return tuple(path), f"too many items: at most {ctx.get('max_length')}"
    if typ == "too_short":
        return tuple(path), f"needs at least {ctx.get('min_length')} item(s)"
    if typ == "float_parsing" and str(got).strip().lower().lstrip("+-") in (
        ".nan",
        ".inf",
    ):
        typ = "finite_number"  # YAML's spellings of NaN and infinity
    base = _MESSAGES.get(typ, err["msg"])
    if typ in (
        "float_parsing",
        "float_type",
        "int_parsing",
        "int_type",
        "int_from_float",
        "bool_parsing",
        "bool_type",
        "finite_number",
        "string_type",
    ):
        if isinstance(got, dict):
            base += " (got a mapping of fields)"
        elif isinstance(got, list):
            base += " (got a list)"
        else:
            base += f" (got {got!r})"
    return tuple(path), base


def _fields_at(model: type[BaseModel], data: Any, path: list[str | int]) -> list[str]:
    """Field names of the model that describes the mapping at ``path`` (best effort)."""
    from infodeck.content import model as m

    cur_model: Any = model
    cur = data
    for part in path:
        if isinstance(part, int):
            cur = cur[part] if isinstance(cur, list) and part < len(cur) else None
            continue
        cur = cur.get(part) if isinstance(cur, dict) else None
        if cur_model is None:
            continue
        f = cur_model.model_fields.get(part)
        cur_model = None
        if f is not None and isinstance(f.annotation, type) and issubclass(
            f.annotation, BaseModel
        ):
            cur_model = f.annotation  # a plain nested model (a layout's type scale)
        elif f is not None:
            ann = str(f.annotation)
            for name in ("Hub", "Channel", "Step", "ChartItem", "ClusterItem", "Reference"):
                if re.search(rf"\b{name}\b", ann):
                    cur_model = getattr(m, name)
    if isinstance(cur, dict) and cur_model is None:
        block_models = {
            "text": m.TextBlock,
            "bullets": m.BulletsBlock,
            "stat": m.StatBlock,
            "quote": m.QuoteBlock,
            "picture": m.PictureBlock,
        }
        diagrams = {
            "axis": m.AxisDiagram,
            "pathway": m.PathwayDiagram,
            "cycle": m.CycleDiagram,
            "chart": m.ChartDiagram,
            "cluster": m.ClusterDiagram,
            "pictogram": m.PictogramDiagram,
        }
        t = str(cur.get("type"))
        kind = str(cur.get("kind", ""))
        cur_model = diagrams.get(kind) if t == "diagram" else block_models.get(t)
    return list(cur_model.model_fields) if cur_model is not None else []


def _validate(model: type[M], doc: YamlDoc, prefix: PathKey, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            path, msg = humanize(dict(err), doc.data, model)
            pos = doc.keys.get(path) if err["type"] == "extra_forbidden" else doc.pos(path)
            ln, col = pos if pos else (None, None)
            problems.append(Problem(doc.file, ln, col, format_path((*prefix, *path)), msg))
        return None


def _under(prefix: PathKey, found: list[Problem]) -> list[Problem]:
    """The reader's problems, their value paths given from the pack (``sections[2].…``)."""
    if not prefix:
        return found
    head = format_path(prefix)
    return [
        replace(p, where=head + ("" if p.where.startswith("[") else ".") + p.where)
        if p.where
        else p
        for p in found
    ]


def _read(path: Path, problems: list[Problem], prefix: PathKey = ()) -> YamlDoc | None:
    try:
        doc, warnings = read_yaml(path, shown_path(path))
    except YamlError as e:
        problems.extend(_under(prefix, e.problems))
        return None
    problems.extend(_under(prefix, warnings))
    return doc


def load_pack(path: str | Path) -> LoadResult:
    """Load and validate the pack at ``path`` (its folder or its pack.yaml)."""
    root = pack_root(path)
    problems: list[Problem] = []
    result = LoadResult(None, problems)
    pack_file = root / PACK_FILE
    if not root.is_dir():
        why = LOOP if _loops(root) else "no such folder"
        problems.append(Problem(shown_path(root), None, None, "", why))
        return result
    if _loops(pack_file):
        problems.append(Problem(shown_path(pack_file), None, None, "", LOOP))
        return result
    if not pack_file.is_file():
        problems.append(
            Problem(
                shown_path(pack_file),
                None,
                None,
                "",
                "no pack.yaml here; a content pack is a folder with a pack.yaml "
                "(see the README, 'Writing a content pack')",
            )
        )
        return result
    result.files.append(pack_file)
    meta_doc = _read(pack_file, problems)
    meta = _validate(PackMeta, meta_doc, (), problems) if meta_doc else None
    if meta is None:
        return result

    sections: list[Section] = []
    section_docs: list[YamlDoc] = []
    seen_ids: dict[str, str] = {}
    for i, rel in enumerate(meta.sections):
        where = f"sections[{i}]"
        target = resolve_inside(root, rel)
        if isinstance(target, str):
            ln, col = meta_doc.pos(("sections", i)) or (None, None)  # type: ignore[union-attr]
            problems.append(Problem(meta_doc.file, ln, col, where, target))  # type: ignore[union-attr]
            continue
        if not target.is_file():
            ln, col = meta_doc.pos(("sections", i)) or (None, None)  # type: ignore[union-attr]
            problems.append(
                Problem(
                    meta_doc.file,  # type: ignore[union-attr]
                    ln,
                    col,
                    where,
                    _not_a_file(target, f"section file '{rel}'", shown_path(root)),
                )
            )
            continue
        result.files.append(target)
        doc = _read(target, problems, ("sections", i))
        if doc is None:
            continue
        section = _validate(Section, doc, ("sections", i), problems)
        if section is None:
            continue
        if section.id in seen_ids:
            ln, col = doc.pos(("id",)) or (None, None)
            problems.append(
                Problem(
                    doc.file,
                    ln,
                    col,
                    f"sections[{i}].id",
                    f"section id '{section.id}' is also used in {seen_ids[section.id]}",
                )
            )
            continue
        seen_ids[section.id] = doc.file
        sections.append(section)
        section_docs.append(doc)

    references: list[Reference] = []
    rdoc: YamlDoc | None = None
    refs_read = False
    ref_target = resolve_inside(root, meta.references)
    if isinstance(ref_target, str):
        ln, col = meta_doc.pos(("references",)) or (None, None)  # type: ignore[union-attr]
        problems.append(Problem(meta_doc.file, ln, col, "references", ref_target))  # type: ignore[union-attr]
    elif ref_target.is_file():
        result.files.append(ref_target)
        rdoc = _read(ref_target, problems)
        refs = _validate(ReferencesFile, rdoc, (), problems) if rdoc else None
        if refs is not None and rdoc is not None:
            keys: set[str] = set()
            for i, r in enumerate(refs.references):
                if r.key in keys:
                    ln, col = rdoc.pos(("references", i, "key")) or (None, None)
                    problems.append(
                        Problem(
                            rdoc.file, ln, col, f"references[{i}].key", f"duplicate key '{r.key}'"
                        )
                    )
                keys.add(r.key)
            references = refs.references
            refs_read = True
    else:
        ln, col = meta_doc.pos(("references",)) or (None, None)  # type: ignore[union-attr]
        problems.append(
            Problem(
                meta_doc.file,  # type: ignore[union-attr]
                ln,
                col,
                "references",
                f"references file '{meta.references}' not found",
            )
        )

    from infodeck.content.icons import icon_problems, read_pack_icons
    from infodeck.content.lint import check_pack
    from infodeck.content.pictures import read_pack_pictures

    pictures, picture_found, picture_files = read_pack_pictures(root, sections, section_docs)
    problems.extend(picture_found)
    result.files.extend(picture_files)
    icons, icon_found, icon_files = read_pack_icons(root, shown_path(root))
    problems.extend(icon_found)
    result.files.extend(icon_files)
    broken = {f.stem for f in icon_files if f.stem not in icons}
    for i, doc in enumerate(section_docs):
        problems.extend(icon_problems(doc, ("sections", i), icons, broken))
    problems.extend(
        check_pack(
            root,
            sections,
            section_docs,
            references,
            meta_doc=meta_doc,
            refs_doc=rdoc,
            refs_read=refs_read,
        )
    )
    if any(p.severity == "error" for p in problems):
        return result
    result.pack = Pack(
        meta=meta, sections=sections, references=references, root=str(root), icons=icons,
        pictures=pictures,
    )
    return result


def validate_doc(
    model: type[M], doc: YamlDoc, prefix: PathKey = ()
) -> tuple[M | None, list[Problem]]:
    """Validate one parsed file against its schema, as :func:`load_pack` does.

    The editor re-validates only the file an edit touched (``content.edit``).
    """
    problems: list[Problem] = []
    return _validate(model, doc, prefix, problems), problems
