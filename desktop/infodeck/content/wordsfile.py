"""Reading and checking a translation file (``words/<lang>.yaml``) with positions.

It lives with the content loader so that ``infodeck check`` and the window's
problems list name a pack's broken words file at its line and column, like any
other mistake in the pack, before anything is composed; ``compose.words`` reads
the same files through here.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

from infodeck.content.problems import Problem, close_name

MAX_FILE = 64 * 1024  # a translation file is a few lines; refuse anything huge


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` of ``text`` (raises ValueError on a stray brace)."""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _at(file: str, mark: yaml.Mark | None, where: str, message: str) -> Problem:
    if mark is None:
        return Problem(file, None, None, where, message)
    return Problem(file, mark.line + 1, mark.column + 1, where, message)


def read_words(
    path: Path, english: Mapping[str, str] | None = None, shown: str | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """The file as ``{key: text}`` and every mistake in it, each at its line and column.

    With ``english`` (the reference table), keys it does not have and texts whose
    placeholders differ from its are mistakes too. Entries with mistakes are left out.
    """
    file = shown or str(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        return {}, [Problem(file, None, None, "", f"cannot be read: {e.strerror or e}")]
    if len(raw) > MAX_FILE:
        return {}, [Problem(file, None, None, "", f"larger than {MAX_FILE // 1024} KB")]
    try:
        node = yaml.compose(raw.decode("utf-8"), Loader=yaml.BaseLoader)
    except UnicodeDecodeError as e:
        return {}, [Problem(file, None, None, "", f"not UTF-8 text (byte {e.start + 1})")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        why = getattr(e, "problem", None) or str(e)
        return {}, [_at(file, mark, "", f"not readable YAML: {why}")]
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        return {}, [_at(file, node.start_mark, "",
                        "must map each key to a line of text (key: \"text\")")]
    table: dict[str, str] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if not isinstance(key_node, yaml.ScalarNode) or not key:
            problems.append(_at(file, key_node.start_mark, "", "a key must be a plain name"))
            continue
        if key in table:
            problems.append(_at(file, key_node.start_mark, key, f"'{key}' is given twice"))
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            problems.append(_at(file, value_node.start_mark, key, "must be one line of text"))
            continue
        text = value_node.value
        if english is not None and key not in english:
            near = close_name(key, english)
            hint = f"did you mean '{near}'?" if near else f"known: {', '.join(sorted(english))}"
            problems.append(_at(file, key_node.start_mark, key, f"unknown key '{key}' ({hint})"))
            continue
        try:
            have = fields(text)
        except ValueError:
            problems.append(_at(file, value_node.start_mark, key,
                                "a '{' or '}' without its pair (write {{ or }} for a brace)"))
            continue
        if english is not None and have != fields(english[key]):
            need = ", ".join("{" + f + "}" for f in sorted(fields(english[key])))
            problems.append(_at(file, value_node.start_mark, key,
                                f"must contain {need}" if need else "must contain no {…}"))
            continue
        table[key] = text
    return table, problems


def pack_words_problems(
    root: Path, english_file: Path, shown: Callable[[Path], str] = str
) -> list[Problem]:
    """The mistakes in a pack's own translation files (``words/*.yaml``)."""
    folder = root / "words"
    if not folder.is_dir():
        return []
    english, _ = read_words(english_file)
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        problems += read_words(path, english, shown(path))[1]
    return problems
