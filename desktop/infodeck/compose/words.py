"""Infodeck's own words on slides and pictures, in the language of the text around them.

"Sources", "Takeaways", "(continued)", "Step 2 of 5"… are data, not code: one YAML
file per language in ``assets/words`` (``en.yaml`` names every key and is the
fallback for any key a translation leaves out). A pack may bring its own files in a
``words/`` folder (``words/it.yaml``), which add a language or override built-in
wording. A language tag is looked up from the most specific to the least
(``pt-BR`` → ``pt-br.yaml``, then ``pt.yaml``), then English.
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from infodeck.content.problems import ContentError, Problem
from infodeck.resources import resource_path

FALLBACK = "en"
MAX_FILE = 64 * 1024  # a translation file is a few lines; refuse anything huge


class WordsError(ContentError):
    """A translation file that cannot be used: the teacher's mistake, named with its line."""

    def __init__(self, path: Path, message: str, key: str | None = None) -> None:
        line = None
        if key is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                lines = path.read_text(encoding="utf-8").splitlines()
                line = next((i for i, t in enumerate(lines, 1) if t.startswith(f"{key}:")), None)
        super().__init__([Problem(str(path), line, 1 if line else None, key or "", message)])


@lru_cache(maxsize=64)
def _read(path: Path) -> Mapping[str, str]:
    """A translation file as ``{key: text}`` (strings only; placeholders checked)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise WordsError(path, f"cannot be read: {e.strerror or e}") from e
    if len(raw) > MAX_FILE:
        raise WordsError(path, f"larger than {MAX_FILE // 1024} KB")
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=yaml.BaseLoader)  # strings stay strings
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise WordsError(path, f"not readable YAML: {e}") from e
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise WordsError(path, "must map each key to a line of text")
    return dict(data)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _candidates(lang: str) -> list[str]:
    parts = lang.lower().replace("_", "-").split("-")
    return ["-".join(parts[:i]) for i in range(len(parts), 0, -1) if parts[:i] != [""]]


@dataclass(frozen=True)
class Words:
    """The words of one language, English where the translation has no entry."""

    lang: str
    table: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        """The text for ``key`` with its ``{placeholders}`` filled in."""
        return self.table[key].format(**values)


def _builtin_dir() -> Path:
    return resource_path("assets", "words")


@lru_cache(maxsize=128)
def _words(lang: str, pack_root: str) -> Words:
    english = _read(_builtin_dir() / f"{FALLBACK}.yaml")
    table = dict(english)
    folders = [_builtin_dir()]
    if pack_root:
        folders.append(Path(pack_root) / "words")
    for tag in reversed(_candidates(lang)):  # least specific first, so specific wins
        for folder in folders:
            path = folder / f"{tag}.yaml"
            if path.is_file():
                for key, text in _read(path).items():
                    if key not in english:
                        raise WordsError(path, f"unknown key '{key}' (known: "
                                         f"{', '.join(sorted(english))})", key)
                    if _fields(text) != _fields(english[key]):
                        need = ", ".join("{" + f + "}" for f in sorted(_fields(english[key])))
                        raise WordsError(path, f"must contain {need or 'no {…}'}", key)
                    table[key] = text
    return Words(lang, table)


def words(lang: str, pack_root: str = "") -> Words:
    """The words for text in ``lang`` (a pack's ``words/`` folder first, when given)."""
    return _words(lang or FALLBACK, pack_root)


def languages(pack_root: str = "") -> list[str]:
    """The language tags Infodeck has words for (built in, and the pack's own)."""
    found = {p.stem for p in _builtin_dir().glob("*.yaml")}
    if pack_root and (Path(pack_root) / "words").is_dir():
        found |= {p.stem for p in (Path(pack_root) / "words").glob("*.yaml")}
    return sorted(found)
