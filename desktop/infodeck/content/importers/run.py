"""Import a document: pick the reader by the file's content and name, then build the pack."""

from __future__ import annotations

from pathlib import Path

from infodeck.content.importers.build import build_pack
from infodeck.content.importers.outline import ImportRefused, Outline
from infodeck.content.importers.report import ImportReport

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
WORD_SUFFIXES = (".docx",)


def read_document(source: str | Path) -> Outline:
    """The outline of ``source`` (Markdown or Word); ImportRefused for anything else."""
    from infodeck.content.importers.markdown import read_markdown
    from infodeck.content.importers.word import read_word

    path = Path(source).expanduser()
    if not path.exists():
        raise ImportRefused(f"{path}: no such file")
    if not path.is_file():
        raise ImportRefused(f"{path}: not a file; give a Markdown (.md) or Word (.docx) file")
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return read_word(path)
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(path)
    if suffix in (".doc", ".odt", ".rtf", ".pages"):
        raise ImportRefused(
            f"{path}: {suffix} files cannot be imported; save it as a Word document (.docx)"
        )
    raise ImportRefused(
        f"{path}: import takes Markdown (.md) or Word (.docx) files, not '{suffix or 'no suffix'}'"
    )


def import_document(source: str | Path, out: str | Path, *, force: bool = False) -> ImportReport:
    """Read ``source`` and make a pack in ``out``; returns what became what.

    ImportRefused (nothing written) for a document that cannot be read safely or a
    folder that already holds files (unless ``force``).
    """
    return build_pack(read_document(source), Path(out), force=force)
