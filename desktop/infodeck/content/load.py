"""Load a content pack folder into a validated ``Pack``, collecting every problem.

A pack is ``pack.yaml`` + the section files it lists + ``references.yaml``. All
files are read and validated even after a failure, so a teacher sees every mistake
at once, each with file:line:col and the path of the value.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from infodeck.content.icons import ICON_FIELDS, icon_problems, read_pack_icons
from infodeck.content.lint import (
    PackContext,
    PictureReads,
    citation_problems,
    example_text_warnings,
    glyph_warnings,
    picture_problems,
    reported,
    text_warnings,
    unused_references,
)
from infodeck.content.model import (
    Pack,
    PackMeta,
    Reference,
    ReferencesFile,
    Section,
)
from infodeck.content.paths import LOOP, resolve_inside, shown_path
from infodeck.content.problems import Problem, close_name
from infodeck.content.yamlread import PathKey, YamlDoc, YamlError, format_path, read_yaml

if TYPE_CHECKING:
    from infodeck.scene.elements import VectorIcon

PACK_FILE = "pack.yaml"
M = TypeVar("M", bound=BaseModel)


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


def _not_a_file(target: Path, what: str, folder: str) -> str:
    """Why ``target``, which is not a regular file, cannot be read as ``what``."""
    if target.is_dir():
        return f"{what} is a folder, not a file"
    if target.exists():
        return f"{what} is not a regular file (a pipe, socket or device?)"
    return f"{what} not found in {folder}"


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
# Pydantic error types whose message ends with what was given instead.
_SAYS_WHAT_IT_GOT = {
    "float_parsing",
    "float_type",
    "int_parsing",
    "int_type",
    "int_from_float",
    "bool_parsing",
    "bool_type",
    "finite_number",
    "string_type",
}
# A number written with its unit or with separators: '50%', '50 %', '3 kg', '1,000'.
_NUMBER_WITH_UNIT = re.compile(r"^\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(\S.*?)?\s*$")


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every model an annotation names, through lists, optionals, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _tags(model: type[BaseModel]) -> dict[str, tuple[Any, ...]]:
    """A model's fixed fields (``type: stat``, ``kind: pathway``): name -> allowed values."""
    out: dict[str, tuple[Any, ...]] = {}
    for name, f in model.model_fields.items():
        if get_origin(f.annotation) is Literal and f.is_required():
            out[name] = get_args(f.annotation)
    return out


def _pick(candidates: list[type[BaseModel]], data: Any) -> type[BaseModel] | None:
    """The candidate model that describes ``data``: the only one, or the one whose tags match."""
    if len(candidates) == 1:
        return candidates[0]
    if not isinstance(data, dict):
        return None
    for c in candidates:
        tags = _tags(c)
        if tags and all(data.get(k) in v for k, v in tags.items()):
            return c
    return None


def _candidates_at(
    model: type[BaseModel], data: Any, path: list[str | int] | PathKey
) -> tuple[list[type[BaseModel]], Any]:
    """The models that may describe the value at ``path`` (a union's members), and the value.

    Found from the annotations, so a new block type or diagram kind needs no entry here.
    """
    candidates: list[type[BaseModel]] = [model]
    cur = data
    for part in path:
        if isinstance(part, int):
            cur = cur[part] if isinstance(cur, list) and 0 <= part < len(cur) else None
            continue
        m = _pick(candidates, cur)
        f = m.model_fields.get(part) if m is not None else None
        candidates = _models_in(f.annotation) if f is not None else []
        cur = cur.get(part) if isinstance(cur, dict) else None
    return candidates, cur


def _fields_at(model: type[BaseModel], data: Any, path: list[str | int] | PathKey) -> list[str]:
    """Field names of the model that describes the mapping at ``path`` (best effort)."""
    candidates, cur = _candidates_at(model, data, path)
    m = _pick(candidates, cur)
    return list(m.model_fields) if m is not None else []


def _number_hint(got: str, model: type[BaseModel], data: Any, path: list[str | int]) -> str:
    """How to write a number given with its unit or separators, or '' when it is not one.

    The unit goes in the ``unit`` field beside the number, or in the one of the
    diagram that holds it (a chart's items share the chart's unit).
    """
    m = _NUMBER_WITH_UNIT.match(got)
    if m is None or not (m.group(2) or "," in m.group(1)):
        return ""
    name = str(path[-1])
    number = m.group(1).replace(",", "")
    unit = m.group(2)
    if not unit:
        return f"; write the number without separators: {name}: {number}"
    quoted = f'"{unit}"' if unit == "%" else unit
    if "unit" in _fields_at(model, data, path[:-1]):
        return f"; write the number alone and the unit apart: {name}: {number} and unit: {quoted}"
    for up in range(len(path) - 2, 0, -1):  # the item of a list inside a diagram
        if isinstance(path[up], int) and "unit" in _fields_at(model, data, path[: up - 1]):
            return (
                f"; write the number alone ({name}: {number}) and the unit once, in the "
                f"diagram's unit: {quoted}"
            )
    if unit == "%":
        return f"; write the number alone ({name}: {number}): it is a percentage already"
    return f"; write the number alone ({name}: {number})"


def _colon_hint(got: dict[Any, Any]) -> str:
    """For text that YAML read as 'key: value' because of an unquoted ': '."""
    if len(got) != 1:
        return ""
    ((k, v),) = got.items()
    if not isinstance(k, str) or not (v is None or isinstance(v, str)):
        return ""
    text = f"{k}: {v}" if v else f"{k}:"
    return f"; put text containing ': ' in quotes: \"{text}\""


def _likely_tag(candidates: list[type[BaseModel]], here: Any, disc: str) -> str | None:
    """The tag of the one candidate whose fields the mapping uses most, if one stands out.

    A true/false quiz written without its kind has a ``statement``: suggest that kind.
    """
    if not isinstance(here, dict):
        return None
    scored = sorted(
        ((len(set(here) & set(c.model_fields)), c) for c in candidates if _tags(c).get(disc)),
        key=lambda sc: -sc[0],
    )
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return str(_tags(scored[0][1])[disc][0])


def humanize(err: dict[str, Any], data: Any, model: type[BaseModel]) -> tuple[PathKey, str]:
    """Turn a pydantic error into (data path, plain message that says how to fix it).

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
        close = close_name(name, parent_fields)
        if close:
            return tuple(path), f"unknown field '{name}'; did you mean '{close}'?"
        msg = f"unknown field '{name}'"
        if parent_fields:
            msg += f"; remove it, or use one of: {', '.join(sorted(parent_fields))}"
        return tuple(path), msg
    if typ == "union_tag_invalid":
        tag = ctx.get("tag")
        expected = ctx.get("expected_tags", "")
        disc = ctx.get("discriminator", "").strip("'")
        path.append(disc)
        close = close_name(str(tag), re.findall(r"'([^']*)'", str(expected)))
        hint = f"did you mean '{close}'? " if close else ""
        return tuple(path), f"unknown {disc} '{tag}'; {hint}use one of {expected}"
    if typ == "union_tag_not_found":
        disc = ctx.get("discriminator", "").strip("'")
        candidates, here = _candidates_at(model, data, path)
        if isinstance(here, dict):  # type: quiz asks for a quiz's kinds, not a diagram's
            candidates = [
                c for c in candidates
                if all(here[k] in v for k, v in _tags(c).items() if k != disc and k in here)
            ] or candidates
        values = sorted({str(v) for c in candidates for v in _tags(c).get(disc, ())})
        allowed = f" ({', '.join(values)})" if values else ""
        if isinstance(here, dict):
            for key in here:
                if key != disc and close_name(str(key), [disc]) == disc:
                    return (*path, key), (
                        f"needs a '{disc}' field{allowed}; '{key}' looks like a misspelling "
                        f"of '{disc}': write {disc}: {here[key]}"
                    )
        return tuple(path), f"needs a '{disc}' field{allowed}; add one, e.g. {disc}: " + (
            _likely_tag(candidates, here, disc) or (values[0] if values else "…")
        )
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
        if "a-z0-9" not in str(ctx.get("pattern", "")):
            return tuple(path), f"is not in the expected form (got {got!r})"
        fixed = re.sub(r"[^a-z0-9]+", "-", str(got).lower()).strip("-")
        hint = f", e.g. '{fixed}'" if fixed and fixed[0].isalnum() else ""
        return tuple(path), f"must use lowercase letters, digits and '-' only (got {got!r}){hint}"
    if typ == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "', '")
        close = close_name(str(got), re.findall(r"'([^']*)'", expected))
        hint = f"; did you mean '{close}'?" if close else ""
        return tuple(path), f"must be one of {expected} (got {got!r}){hint}"
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
    if typ == "string_type" and got is None:  # 'statement:' with nothing after it
        return tuple(path), "must not be empty; write the text after the colon"
    if typ in _SAYS_WHAT_IT_GOT:
        if isinstance(got, dict):
            base += " (got a mapping of fields)"
            if typ == "string_type":
                base += _colon_hint(got)
        elif isinstance(got, list):
            base += " (got a list)"
        else:
            base += f" (got {got!r})"
            if typ in ("float_parsing", "int_parsing") and isinstance(got, str) and path:
                base += _number_hint(got, model, data, path)
    return tuple(path), base


def validate(
    model: type[M], doc: YamlDoc, prefix: PathKey = ()
) -> tuple[M | None, list[Problem], list[PathKey]]:
    """Validate a parsed file against ``model``: (the model or None, problems, error paths).

    The error paths (inside the file, without ``prefix``) let the checks that do not
    need the schema (icons, citations, pictures) skip values already reported.
    """
    problems: list[Problem] = []
    paths: list[PathKey] = []
    try:
        return model.model_validate(doc.data), problems, paths
    except ValidationError as e:
        for err in e.errors(include_url=False):
            path, msg = humanize(dict(err), doc.data, model)
            at_key = err["type"] in ("extra_forbidden", "union_tag_not_found")
            pos = (doc.keys.get(path) if at_key else None) or doc.pos(path)
            ln, col = pos if pos else (None, None)
            problems.append(Problem(doc.file, ln, col, format_path((*prefix, *path)), msg))
            # A wrong type says nothing good about what is inside; a missing or extra
            # field says nothing bad about its neighbours.
            paths.append((*path, "*") if err["type"] in _SHAPE_ERRORS else path)
        return None, problems, paths


# Errors that make everything inside the value meaningless.
_SHAPE_ERRORS = {"list_type", "dict_type", "model_type", "model_attributes_type"}


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


def _read(
    files: PackFiles, path: Path, problems: list[Problem], prefix: PathKey = ()
) -> YamlDoc | None:
    doc, found = files.read(path)
    problems.extend(_under(prefix, found))
    return doc


class PackFiles:
    """Where a pack's files come from: the disk here.

    The editor's subclass (``content/edit/check.py``) gives the text it holds, saved
    or not, so that it runs the very checks ``infodeck check`` runs.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def why_missing(self, target: Path, what: str) -> str | None:
        """Why ``target`` cannot be read as ``what`` (None: it is a regular file)."""
        if target.is_file():
            return None
        return _not_a_file(target, what, shown_path(self.root))

    def read(self, target: Path) -> tuple[YamlDoc | None, list[Problem]]:
        """The parsed file (None when it cannot be read) and its problems or warnings."""
        try:
            return read_yaml(target, shown_path(target))
        except YamlError as e:
            return None, list(e.problems)

    def icons(self) -> tuple[dict[str, VectorIcon], list[Problem], list[Path]]:
        """The pack's own icons: (name -> icon, problems, files read)."""
        return read_pack_icons(self.root, shown_path(self.root))

    def picture_reads(self) -> PictureReads:
        """What reads the pack's pictures for one check (the editor keeps what it read)."""
        return PictureReads()


@dataclass
class SectionCheck:
    """Everything found in one section file.

    ``problems`` are its own mistakes (listed by ``check``); ``derived`` are why it
    cannot be used because another file has errors (a broken reference it cites, a
    broken icon it uses): they keep the section out of a partial pack without
    repeating the other file's errors. ``cited`` is None when the citations could
    not be read (the file is not valid YAML).
    """

    section: Section | None
    doc: YamlDoc
    problems: list[Problem] = field(default_factory=list)
    derived: list[Problem] = field(default_factory=list)
    cited: set[str] | None = None

    @property
    def usable(self) -> bool:
        return (
            self.section is not None
            and not self.derived
            and not any(p.severity == "error" for p in self.problems)
        )


def check_section(doc: YamlDoc, index: int, ctx: PackContext) -> SectionCheck:
    """Validate one parsed section file and run every check that does not need the others.

    The independent checks (icons, citations, pictures, drawn text) run on the file's
    data even when the schema finds errors, so one run lists every mistake. Values that
    already have a schema error are not checked again. ``index`` is the section's
    position in pack.yaml (messages say ``sections[index]``). The document model calls
    this after an edit, with a ``doc`` from :func:`infodeck.content.yamlread.parse_yaml`.
    """
    prefix: PathKey = ("sections", index)
    section, problems, skip = validate(Section, doc, prefix)
    out = SectionCheck(section, doc, problems)
    own, derived, out.cited = citation_problems(doc, prefix, ctx, skip)
    out.problems += own
    out.derived += derived
    already = {format_path((*prefix, *path)) for path in skip}
    out.problems += [
        p
        for p in icon_problems(doc, prefix, ctx.icons, ctx.broken_icons)
        if p.where not in already
    ]
    for path, name in _icon_uses(doc.data, ()):
        if name in ctx.broken_icons and name not in ctx.icons and not reported(path, skip):
            ln, col = doc.pos(path) or (None, None)
            out.derived.append(
                Problem(
                    doc.file,
                    ln,
                    col,
                    format_path((*prefix, *path)),
                    f"the icon '{name}' cannot be drawn until its file, icons/{name}.svg, "
                    "is fixed",
                )
            )
    out.problems += picture_problems(doc, prefix, ctx, skip)
    out.problems += text_warnings(doc, prefix)
    return out


def _icon_uses(data: Any, path: PathKey) -> list[tuple[PathKey, str]]:
    """Every icon name a section's data gives, with its path."""
    if isinstance(data, dict):
        return [
            x
            for k, v in data.items()
            for x in (
                [((*path, k), v)] if k in ICON_FIELDS and isinstance(v, str)
                else _icon_uses(v, (*path, k))
            )
        ]
    if isinstance(data, list):
        return [x for i, v in enumerate(data) for x in _icon_uses(v, (*path, i))]
    return []


@dataclass
class BrokenSection:
    """A section pack.yaml lists that cannot be used, and why (the window marks these).

    ``index`` is its position in pack.yaml's list (``sections[index]`` in messages);
    ``file`` the path as pack.yaml gives it; ``id`` and ``title`` are read from the
    file when it could be read and they are text. ``problems`` holds its errors and
    warnings, and why it depends on another file's errors (a reference it cites).
    """

    index: int
    file: str
    id: str | None
    title: str | None
    problems: list[Problem]

    @property
    def name(self) -> str:
        """How to name it to a teacher: its title, else its id, else its file."""
        return self.title or self.id or self.file


@dataclass
class LoadResult:
    """What loading a pack found.

    ``pack`` is the whole pack, or None when anything has an error: what a strict
    export writes. ``usable`` is the pack without its broken sections (every valid
    section, typed, ready to compose and export), or None only when pack.yaml itself
    cannot be used; ``broken`` lists the others with their problems, in pack order.
    ``problems`` holds every error and warning, each once: what ``infodeck check``
    prints. ``positions`` maps each usable section's id to its index in pack.yaml;
    ``section_problems`` gives each listed section's problems by that index (a broken
    one's include why it depends on another file's errors). ``meta`` is pack.yaml,
    when valid.
    """

    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every file read, for watching
    usable: Pack | None = None
    broken: list[BrokenSection] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)
    meta: PackMeta | None = None
    section_problems: dict[int, list[Problem]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class _References:
    references: list[Reference]
    keys: set[str] | None  # None: the file could not be read
    broken: set[str]
    doc: YamlDoc | None
    problems: list[Problem]


def _load_references(
    files: PackFiles, rel: str, meta_doc: YamlDoc, read: list[Path]
) -> _References:
    """references.yaml: every valid entry, even when others have errors."""
    out = _References([], None, set(), None, [])
    target = resolve_inside(files.root, rel)
    why = target if isinstance(target, str) else files.why_missing(
        target, f"references file '{rel}'"
    )
    if why is not None:
        ln, col = meta_doc.pos(("references",)) or (None, None)
        out.problems.append(Problem(meta_doc.file, ln, col, "references", why))
        return out
    assert isinstance(target, Path)
    read.append(target)
    doc = _read(files, target, out.problems)
    if doc is None:
        return out
    out.doc = doc
    whole, found, _ = validate(ReferencesFile, doc)
    out.problems += found
    if whole is not None:
        candidates: list[Reference | None] = list(whole.references)
    else:
        entries = doc.data.get("references") if isinstance(doc.data, dict) else None
        if not isinstance(entries, list):
            return out
        candidates = []
        for entry in entries:  # the errors are reported already: pick the good ones
            try:
                candidates.append(Reference.model_validate(entry))
            except ValidationError:
                candidates.append(None)
                key = entry.get("key") if isinstance(entry, dict) else None
                if isinstance(key, str):
                    out.broken.add(key)
    out.keys = set()
    for i, r in enumerate(candidates):
        if r is None:
            continue
        if r.key in out.keys:
            ln, col = doc.pos(("references", i, "key")) or (None, None)
            out.problems.append(
                Problem(doc.file, ln, col, f"references[{i}].key", f"duplicate key '{r.key}'; "
                        "give each reference its own key")
            )
            continue
        out.keys.add(r.key)
        out.references.append(r)
    out.broken -= out.keys
    return out


def _raw_list(data: Any, key: str) -> list[str]:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        return [v if isinstance(v, str) else "" for v in value]
    return []


def _sorted_by_position(problems: list[Problem]) -> list[Problem]:
    """Each file's problems from top to bottom, files in the order they were first named."""
    order: dict[str, int] = {}
    for p in problems:
        order.setdefault(p.file, len(order))
    return sorted(problems, key=lambda p: (order[p.file], p.line or 0, p.col or 0))


def load_pack(path: str | Path, files: PackFiles | None = None) -> LoadResult:
    """Load and check the pack at ``path`` (its folder or its pack.yaml).

    Every file is read and every check runs, whatever fails: the result lists every
    problem, the whole pack when there are none, and the usable part otherwise.
    ``files`` gives the files' text (default: the disk; the editor gives its own).
    """
    root = pack_root(path) if files is None else files.root
    problems: list[Problem] = []
    result = LoadResult(None, problems)
    pack_file = root / PACK_FILE
    if files is None:
        if not root.is_dir():
            why = LOOP if _loops(root) else "no such folder"
            problems.append(Problem(shown_path(root), None, None, "", why))
            return result
        if _loops(pack_file):
            problems.append(Problem(shown_path(pack_file), None, None, "", LOOP))
            return result
        files = PackFiles(root)
    if files.why_missing(pack_file, PACK_FILE) is not None:
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
    meta_doc = _read(files, pack_file, problems)
    if meta_doc is None:
        return result
    meta, found, _ = validate(PackMeta, meta_doc)
    problems += found
    if not isinstance(meta_doc.data, dict):
        return result  # not a pack's fields at all: nothing to go on
    # An invalid pack.yaml stops the pack, but its sections are still checked when it
    # lists them, so that one run of `check` shows every mistake.
    section_files = meta.sections if meta else _raw_list(meta_doc.data, "sections")
    refs_rel = meta.references if meta else "references.yaml"
    if meta is None and isinstance(meta_doc.data, dict):
        written = meta_doc.data.get("references")
        refs_rel = written if isinstance(written, str) and written else refs_rel

    result.meta = meta
    if meta is not None and meta.template:
        problems += _template_problems(files, meta.template, meta_doc, result.files)
    refs = _load_references(files, refs_rel, meta_doc, result.files)
    icons, icon_found, icon_files = files.icons()
    ctx = PackContext(
        root,
        refs.keys,
        refs.broken,
        icons,
        {f.stem for f in icon_files if f.stem not in icons},
        refs_rel,
        files.picture_reads(),
    )

    sections: list[Section] = []
    places: dict[str, tuple[int, YamlDoc]] = {}
    cited: set[str] = set()
    all_cites_known = True
    seen_ids: dict[str, str] = {}
    section_problems: list[Problem] = []
    for i, rel in enumerate(section_files):
        own: list[Problem] = []
        check = _load_section(files, i, rel, meta_doc, ctx, own, result.files)
        result.section_problems[i] = own
        if check is None:
            all_cites_known = False
            result.broken.append(BrokenSection(i, rel, None, None, own))
            section_problems += own
            continue
        if check.cited is None:
            all_cites_known = False
        else:
            cited |= check.cited
        own += check.problems
        section = check.section
        if section is not None and section.id in seen_ids:
            ln, col = check.doc.pos(("id",)) or (None, None)
            own.append(
                Problem(
                    check.doc.file,
                    ln,
                    col,
                    f"sections[{i}].id",
                    f"section id '{section.id}' is also used in {seen_ids[section.id]}; "
                    "give each section its own id",
                )
            )
        section_problems += own
        if section is not None and check.usable and not any(
            p.severity == "error" for p in own
        ):
            seen_ids[section.id] = check.doc.file
            sections.append(section)
            result.positions[section.id] = i
            places[section.id] = (i, check.doc)
            continue
        data = check.doc.data
        raw_id, raw_title = (
            (data.get("id"), data.get("title")) if isinstance(data, dict) else (None, None)
        )
        if section is not None and section.id not in seen_ids:
            seen_ids[section.id] = check.doc.file
        result.broken.append(
            BrokenSection(
                i,
                rel,
                raw_id if isinstance(raw_id, str) else None,
                raw_title if isinstance(raw_title, str) else None,
                own + check.derived,
            )
        )
        result.section_problems[i] = own + check.derived

    problems += section_problems
    problems += refs.problems
    problems += icon_found
    result.files.extend(ctx.pictures.files)
    result.files.extend(icon_files)
    from infodeck.content.wordsfile import pack_words_problems
    from infodeck.resources import font_path, resource_path

    problems += pack_words_problems(root, resource_path("assets", "words", "en.yaml"), shown_path)
    if (root / "words").is_dir():
        result.files.extend(sorted((root / "words").glob("*.yaml")))

    font = str(font_path("Carlito-Regular.ttf"))
    problems += glyph_warnings(meta_doc, font, skip=("sections", "references"))
    problems += example_text_warnings(meta_doc)
    if refs.doc is not None:
        problems += glyph_warnings(refs.doc, font)
    if all_cites_known and section_files:
        # Only when every section's citations were read: a file that failed to read
        # may cite the rest.
        problems += unused_references(refs.references, cited, ctx.references_file, refs.doc)
    result.problems[:] = _sorted_by_position(problems)
    if meta is None:
        return result
    result.usable = Pack(
        meta=meta,
        sections=sections,
        references=refs.references,
        root=str(root),
        icons=icons,
        pictures=ctx.pictures.pictures,
        places=places,
    )
    if not result.errors:
        result.pack = result.usable
    return result


TEMPLATE_SUFFIXES = (".pptx", ".potx")


def _template_problems(
    files: PackFiles, rel: str, meta_doc: YamlDoc, read: list[Path]
) -> list[Problem]:
    """Whether pack.yaml's ``template:`` names a presentation file inside the pack.

    Only that it is there and what it is called: the template itself is read (and
    checked thoroughly) when the deck is exported.
    """
    ln, col = meta_doc.pos(("template",)) or (None, None)
    target = resolve_inside(files.root, rel)
    why = target if isinstance(target, str) else files.why_missing(target, f"template '{rel}'")
    if why is None and Path(rel).suffix.lower() not in TEMPLATE_SUFFIXES:
        why = (f"template '{rel}' must be a PowerPoint presentation or template "
               "(.pptx or .potx)")
    if why is not None:
        return [Problem(meta_doc.file, ln, col, "template", why)]
    assert isinstance(target, Path)
    read.append(target)  # the window reloads the pack when it changes
    return []


def _load_section(
    files: PackFiles,
    index: int,
    rel: str,
    meta_doc: YamlDoc,
    ctx: PackContext,
    problems: list[Problem],
    read: list[Path],
) -> SectionCheck | None:
    """Find, read and check the section file pack.yaml lists at ``index``.

    None (with ``problems``) when the file is refused, missing or not valid YAML.
    """
    where = f"sections[{index}]"
    target = resolve_inside(files.root, rel) if rel else "must be a file name (text)"
    why = target if isinstance(target, str) else files.why_missing(
        target, f"section file '{rel}'"
    )
    if why is not None:
        ln, col = meta_doc.pos(("sections", index)) or (None, None)
        if rel:  # a value of the wrong type is reported by the schema already
            problems.append(Problem(meta_doc.file, ln, col, where, why))
        return None
    assert isinstance(target, Path)
    read.append(target)
    doc = _read(files, target, problems, ("sections", index))
    if doc is None:
        return None
    return check_section(doc, index, ctx)


def validate_doc(
    model: type[M], doc: YamlDoc, prefix: PathKey = ()
) -> tuple[M | None, list[Problem]]:
    """Validate one parsed file against its schema, as :func:`load_pack` does."""
    found, problems, _ = validate(model, doc, prefix)
    return found, problems
