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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from infodeck.content.problems import ContentError
from infodeck.content.wordsfile import read_words
from infodeck.resources import resource_path

FALLBACK = "en"


class WordsError(ContentError):
    """A translation file that cannot be used: the teacher's mistakes, named with their line."""


@lru_cache(maxsize=64)
def _read(path: Path, english: tuple[tuple[str, str], ...] | None = None,
          strict: bool = True, stamp: object = None) -> Mapping[str, str]:
    """A translation file as ``{key: text}``.

    A mistake in a built-in file (``strict``) raises WordsError. A pack's own file
    gives its sound entries: its mistakes are the pack's problems, listed by
    ``load_pack`` (check, the problems list), and a preview of a pack with problems
    shows English for a broken entry rather than failing. ``stamp`` (the file's
    modification time) makes an edited file read again.
    """
    table, problems = read_words(path, dict(english) if english is not None else None)
    if problems and strict:
        raise WordsError(problems)
    return table


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
def _words(lang: str, pack_root: str, stamp: tuple[tuple[str, int], ...]) -> Words:
    english = _read(_builtin_dir() / f"{FALLBACK}.yaml")
    table = dict(english)
    folders = [_builtin_dir()]
    if pack_root:
        folders.append(Path(pack_root) / "words")
    for tag in reversed(_candidates(lang)):  # least specific first, so specific wins
        for folder in folders:
            path = folder / f"{tag}.yaml"
            if path.is_file():
                own = folder != folders[0]
                table.update(_read(path, tuple(english.items()), not own,
                                   dict(stamp).get(path.name) if own else None))
    return Words(lang, table)


def words(lang: str, pack_root: str = "") -> Words:
    """The words for text in ``lang`` (a pack's ``words/`` folder first, when given)."""
    return _words(lang or FALLBACK, pack_root, _stamp(pack_root))


def _stamp(pack_root: str) -> tuple[tuple[str, int], ...]:
    """The pack's words files and their modification times: an edit is seen at once."""
    if not pack_root:
        return ()
    out = []
    for p in sorted((Path(pack_root) / "words").glob("*.yaml")):
        with contextlib.suppress(OSError):
            out.append((p.name, p.stat().st_mtime_ns))
    return tuple(out)


def languages(pack_root: str = "") -> list[str]:
    """The language tags Infodeck has words for (built in, and the pack's own)."""
    found = {p.stem for p in _builtin_dir().glob("*.yaml")}
    if pack_root and (Path(pack_root) / "words").is_dir():
        found |= {p.stem for p in (Path(pack_root) / "words").glob("*.yaml")}
    return sorted(found)
