"""The command line: a thin face over the engine (content → compose → export).

Exit status: 0 success, 2 bad input or usage (a message on stderr, no traceback),
1 a fault in the program (a short message; the traceback goes to the log file).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from infodeck import __version__
from infodeck.errors import TargetsExist, UsageError, UserError

if TYPE_CHECKING:
    from infodeck.export.plan import ExportRequest
    from infodeck.export.pool import Writers
    from infodeck.export.write import ExportResult

EXIT_OK, EXIT_FAULT, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


MAX_PAGES = 20  # an infographic of more pages is a booklet: the slides' handout does that


def _page_count(text: str) -> int:
    """``--pages``: a whole number from 1 to ``MAX_PAGES`` (argparse reports the rest)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of pages") from None
    if not 1 <= n <= MAX_PAGES:
        raise argparse.ArgumentTypeError(f"{n} pages: choose from 1 to {MAX_PAGES}")
    return n


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the command line)."""
    p = _Parser(
        prog="infodeck",
        description="Editable slide decks, print infographics and "
        "diagrams from YAML content packs. Without a command, opens the app.",
    )
    p.add_argument("--version", action="version", version=f"infodeck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    from infodeck.export import formats as fmts

    width = max(len(f.name) for f in fmts.FORMATS)
    e = sub.add_parser(
        "export",
        help="export a pack to a deck, infographic and diagrams",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="formats:\n"
        + "\n".join(
            f"  {f.name:<{width}}  {f.description}{' (default)' if f.default else ''}"
            for f in fmts.FORMATS
        ),
    )
    e.add_argument("pack", nargs="?", help="pack folder or pack.yaml (default: built-in pack)")
    e.add_argument("--out", required=True, type=Path, help="output folder")
    e.add_argument(
        "--sections",
        help="section ids in order, comma-separated (default: the pack's default sections)",
    )
    e.add_argument("--layout", default="deck-16x9", help="deck layout (default: deck-16x9)")
    e.add_argument(
        "--infographic", default="a4-portrait", help="infographic layout (default: a4-portrait)"
    )
    e.add_argument(
        "--pages",
        type=_page_count,
        default=1,
        metavar="N",
        help="let the infographic run to at most N pages (default: 1, everything chosen "
        "fitted on one page; the command says what did not fit)",
    )
    e.add_argument("--theme", default="default", help="colour theme (default: default)")
    e.add_argument(
        "--template",
        metavar="FILE",
        help="build the deck on a school's PowerPoint template (.pptx or .potx): its "
        "masters, layouts, slide size, colours, fonts and logo (also for the infographic "
        "and diagrams; replaces --layout and --theme). Default: the pack's 'template:', "
        "if any; 'none' for no template",
    )
    e.add_argument(
        "--formats",
        default=",".join(fmts.DEFAULTS),
        help=f"comma-separated, from: {','.join(fmts.NAMES)} (default: {','.join(fmts.DEFAULTS)})",
    )
    e.add_argument("--force", action="store_true", help="replace existing files")
    e.add_argument(
        "--skip-broken",
        action="store_true",
        help="export the sections without errors when others have some (each skipped "
        "section is named; pack.yaml must be valid)",
    )
    e.add_argument("--quiet", action="store_true", help="print only errors")

    s = sub.add_parser("sections", help="list a pack's sections")
    s.add_argument("pack", nargs="?", help="pack folder (default: built-in pack)")
    sub.add_parser("layouts", help="list page layouts")
    sub.add_parser("themes", help="list colour themes (with their contrast check)")
    c = sub.add_parser("check", help="validate a pack and list every problem")
    c.add_argument("pack", help="pack folder or pack.yaml")
    sub.add_parser("schema", help="print the content schema (JSON Schema)")
    n = sub.add_parser("new", help="make a new pack (pack.yaml, references, a title section)")
    n.add_argument("pack", type=Path, help="the new pack's folder (must not exist, or be empty)")
    n.add_argument("--title", required=True, help="the pack's title")
    n.add_argument("--subtitle", help="a subtitle")
    n.add_argument("--audience", help="who it is for (default: Students)")
    n.add_argument("--language", default="en", help="language tag, e.g. en, de, pt-BR")
    n.add_argument("--author", help="the author, shown on the title slide (default: Your name)")
    m = sub.add_parser("import", help="make a pack from Markdown or Word notes (.md, .docx)")
    m.add_argument("source", type=Path, help="the notes: a Markdown (.md) or Word (.docx) file")
    m.add_argument("--out", required=True, type=Path, help="the new pack's folder")
    m.add_argument("--force", action="store_true",
                   help="import into a folder that holds files (the old one is kept, renamed)")
    t = sub.add_parser(
        "check-template",
        help="report how a school's PowerPoint template (.pptx, .potx) will be used",
        description="Lists the template's layouts, which slide kind uses which, missing "
        "placeholders, colours changed for contrast, fonts without metrics and unusual "
        "slide sizes. Exit status 0 when the template can be used, 2 when it cannot.",
    )
    t.add_argument("template", type=Path, help="the template: a .pptx or .potx file")
    t.add_argument("--save-theme", metavar="NAME",
                   help="also save its colours, fonts and logo as a theme called NAME "
                   "(in your themes folder), usable without the template")
    t.add_argument("--force", action="store_true", help="replace a saved theme of that name")
    i = sub.add_parser("icons", help="find icons by name or keyword (all of them without QUERY)")
    i.add_argument("query", nargs="*", metavar="QUERY", help="words to look for, e.g. water cycle")
    i.add_argument("--pack", help="also list this pack's own icons (pack folder)")
    return p


def _pack_path(arg: str | None) -> Path:
    from infodeck.resources import builtin_pack_dir

    return Path(arg) if arg else builtin_pack_dir()


def _load(  # type: ignore[no-untyped-def]
    arg: str | None, *, skip_broken: bool = False, exporting: bool = False
):
    """The pack, or UsageError after printing its errors.

    ``skip_broken``: a pack with errors gives its usable sections (each broken one is
    named in a note), as long as pack.yaml itself is valid and some section is left.
    ``exporting``: the message may point to ``export --skip-broken``.
    """
    from infodeck.content.load import load_pack
    from infodeck.content.problems import count

    result = load_pack(_pack_path(arg))
    if result.pack is not None:
        for w in result.warnings:
            print(w, file=sys.stderr)
        return result.pack
    for p in result.problems:
        print(p, file=sys.stderr)
    usable = result.usable
    if skip_broken and usable is not None and usable.sections:
        for b in result.broken:
            print(f"note: skipped sections[{b.index}] {b.file} ({b.name}): it has errors",
                  file=sys.stderr)
        return usable
    n = len(result.errors)
    fix = f"fix {'it' if n == 1 else 'them'} and try again"
    if exporting and not skip_broken and usable is not None and usable.sections:
        left = count(len(usable.sections), "section")
        fix += f" (--skip-broken exports the {left} without errors)"
    elif skip_broken and usable is not None:
        fix = "no section can be used; " + fix
    raise UsageError(f"the pack has {count(n, 'error')}; {fix}")


def configure_drawing() -> None:
    """The command line's configure step, run where drawing happens (here or in a writer).

    Importing the renderer changes no process-wide setting; a face says when. It is
    passed to the writers rather than called here, so that commands that do not draw
    (check, sections) and this process, which only composes, never import matplotlib.
    """
    from infodeck.render.mpl import configure

    configure()


def _cmd_export(ns: argparse.Namespace) -> int:
    from infodeck.export import formats as fmts
    from infodeck.export.pool import Writers

    formats = tuple(f.strip() for f in ns.formats.split(",") if f.strip())
    if not formats:
        raise UsageError(f"--formats is empty; give one or more of: {','.join(fmts.NAMES)}")
    # The writers start importing matplotlib now, before this process imports the
    # composer and reads the pack (they need neither).
    writers = Writers.start(formats, setup=configure_drawing)
    try:
        result = _export_pack(ns, formats, writers)
    finally:
        writers.stop()
    for n in result.notices:  # what was split or changed: worth knowing even when quiet
        print(f"note: {n}", file=sys.stderr)
    if not ns.quiet:
        for path in result.written:
            print(f"wrote {path}")
    return EXIT_OK


def _export_pack(
    ns: argparse.Namespace, formats: tuple[str, ...], writers: Writers
) -> ExportResult:
    """Read the pack, check the request and export it with ``writers``."""
    from infodeck.export.plan import ExportRequest

    pack = _load(ns.pack, skip_broken=ns.skip_broken, exporting=True)
    if ns.skip_broken and ns.sections:
        known = {sec.id for sec in pack.sections}
        asked = [i.strip() for i in ns.sections.split(",") if i.strip()]
        for sid in asked:
            if sid not in known:
                raise UsageError(
                    f"section '{sid}' cannot be exported: it has errors or is not in the "
                    f"pack (usable sections: {', '.join(sorted(known))})"
                )
    if not ns.sections and not pack.default_section_ids():
        raise UsageError(
            "no section of the pack is chosen by default; name the ones to export with "
            f"--sections (the pack has: {', '.join(s.id for s in pack.sections)})"
        )
    req = ExportRequest(
        pack=pack,
        out_dir=ns.out,
        section_ids=tuple(s.strip() for s in ns.sections.split(",") if s.strip())
        if ns.sections
        else (),
        formats=formats,
        deck_layout=ns.layout,
        infographic_layout=ns.infographic,
        infographic_pages=ns.pages,
        theme=ns.theme,
        force=ns.force,
        template=_template_arg(ns.template),
    )
    return _export(req, writers, one_shot=ns.one_shot)


def _template_arg(arg: str | None) -> Path | None:
    """``--template``: a file, 'none' (no template at all), or None (the pack's own)."""
    from infodeck.export.plan import NO_TEMPLATE

    if arg is None:
        return None
    if arg.strip().lower() == "none":
        return NO_TEMPLATE
    return Path(arg).expanduser()


def _export(req: ExportRequest, writers: Writers, *, one_shot: bool) -> ExportResult:
    """``run_export`` with the garbage collector tuned for one export.

    The modules and the pack live until the export ends: take them out of the
    collector's scans, and let it run less often while composing and drawing make
    their many short-lived objects (a cold export spent 0.2 s in it; now 0.05 s, for
    ~8 MB more at the peak). Cycles are still collected (a figure's, say). When the
    process ends with the export, nothing is restored (that would cost one slow
    collection more); callers that go on (tests call main() in-process) get the
    collector back as it was.
    """
    from infodeck.export.pool import ONE_EXPORT_GC
    from infodeck.export.write import run_export

    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*ONE_EXPORT_GC)
    try:
        return run_export(req, writers=writers)
    finally:
        if not one_shot:
            gc.set_threshold(*threshold)
            gc.unfreeze()


def _cmd_sections(ns: argparse.Namespace) -> int:
    pack = _load(ns.pack)
    width = max(len(s.id) for s in pack.sections)
    for s in pack.sections:
        mark = "*" if s.default else " "
        label = {"manufacturer": "  [manufacturer's description]", "title": "  [title]"}.get(
            s.kind, ""
        )
        print(f"{mark} {s.id:<{width}}  {s.title}{label}")
    print("\n* chosen by default")
    return EXIT_OK


def _cmd_layouts(_: argparse.Namespace) -> int:
    from infodeck.compose.layouts import layouts

    for lay in layouts().values():
        w, h = lay.pixel_size()
        size = f"{w}×{h} px"
        if lay.max_height:
            size = f"{w} px wide, as tall as the content up to {h} px"
        print(f"{lay.name:<18} {lay.kind:<12} {lay.title}  ({size} at {lay.dpi} dpi)")
    return EXIT_OK


def _cmd_themes(_: argparse.Namespace) -> int:
    from infodeck.compose.layouts import contrast_report, themes, user_theme_problems

    for p in user_theme_problems():
        print(f"{p}; the theme is left out", file=sys.stderr)
    for t in themes().values():
        worst = min(r for _, _, r in contrast_report(t))
        verdict = "passes WCAG AA" if worst >= 4.5 else "FAILS WCAG AA"
        print(f"{t.name:<20} {t.title}  (lowest text contrast {worst:.1f}:1, {verdict})")
    return EXIT_OK


def _cmd_check_template(ns: argparse.Namespace) -> int:
    from infodeck.compose.templates import template_report
    from infodeck.template import read_template

    report = template_report(read_template(ns.template))
    for line in report.lines():
        print(line)
    if ns.save_theme is not None:
        from infodeck.export.theme_file import save_theme

        saved = save_theme(report.theme, report.template, ns.save_theme, force=ns.force)
        logo = f" and {saved.logo}" if saved.logo else ""
        print(f"\nsaved the theme '{saved.name}': {saved.path}{logo}; use it with "
              f"--theme {saved.name}")
    return EXIT_OK if report.usable else EXIT_INPUT


def _cmd_check(ns: argparse.Namespace) -> int:
    from infodeck.content.load import load_pack
    from infodeck.content.problems import count

    result = load_pack(ns.pack)
    for p in result.problems:
        print(p, file=sys.stderr if p.severity == "error" else sys.stdout)
    warnings = count(len(result.warnings), "warning")
    if result.pack is None:
        summary = f"{count(len(result.errors), 'error')}, {warnings}"
        usable = result.usable
        if usable is not None:
            total = len(usable.sections) + len(result.broken)
            summary += f"; {len(usable.sections)} of {count(total, 'section')} can be used"
            if result.broken:
                names = ", ".join(f"{b.file} ({b.name})" if b.name != b.file else b.file
                                  for b in result.broken)
                summary += f"; with errors: {names}"
        else:
            summary += "; pack.yaml must be fixed before the pack can open"
        print(summary, file=sys.stderr)
        return EXIT_INPUT
    print(
        f"ok: {result.pack.meta.title} — {count(len(result.pack.sections), 'section')}, "
        f"{count(len(result.pack.references), 'reference')}, {warnings}"
    )
    return EXIT_OK


def _cmd_schema(_: argparse.Namespace) -> int:
    from infodeck.content.schema import pack_schema

    print(json.dumps(pack_schema(), indent=2))
    return EXIT_OK


def _cmd_new(ns: argparse.Namespace) -> int:
    from infodeck.content.edit.document import PackDocument

    doc = PackDocument.new(
        ns.pack,
        title=ns.title,
        subtitle=ns.subtitle,
        audience=ns.audience,
        language=ns.language,
        author=ns.author,
    )
    errors = doc.validation.errors
    if errors:  # nothing is written: say which option was wrong
        for p in errors:
            option = p.where.split(".")[-1] if p.where else ""
            print(f"infodeck: --{option}: {p.message}" if option else f"infodeck: {p}",
                  file=sys.stderr)
        return EXIT_INPUT
    written = doc.save()
    print(f"made {ns.pack}: {', '.join(written)}")
    print(f"next: add sections in the app (infodeck {ns.pack}) or in sections/*.yaml, "
          f"then run: infodeck check {ns.pack}")
    return EXIT_OK


def _cmd_import(ns: argparse.Namespace) -> int:
    from infodeck.content.importers.build import PackFolderExists
    from infodeck.content.importers.run import import_document

    try:
        report = import_document(ns.source, ns.out, force=ns.force)
    except PackFolderExists as e:
        print(f"infodeck: {e}; use --force to import anyway", file=sys.stderr)
        return EXIT_INPUT
    print(report.text())
    print(f"\nnext: infodeck check {ns.out}, then open it: infodeck {ns.out}")
    return EXIT_OK


def _cmd_icons(ns: argparse.Namespace) -> int:
    from infodeck.scene.icons import library_source, search_icons

    own = _load(ns.pack).icons if ns.pack else {}
    query = " ".join(ns.query)
    found = search_icons(query, own)
    if not found:
        print(f"no icon matches '{query}'; try a broader word, or 'infodeck icons' for all",
              file=sys.stderr)
        return EXIT_INPUT
    width = max(len(i.name) for i in found)
    for info in found:
        words = ", ".join(info.keywords[:8])
        alias = f"(draws {info.alias_of}) " if info.alias_of else ""
        print(f"{info.name:<{width}}  {alias}{words}  [{info.source}]".rstrip())
    src = library_source()
    print(f"\n{len(found)} icon{'s' * (len(found) != 1)}. Library icons: {src['name']} "
          f"{src['version']}, {src['license']} licence ({src['homepage']}). "
          "Use one with 'icon: NAME'.")
    return EXIT_OK


COMMANDS = {
    "icons": _cmd_icons,
    "export": _cmd_export,
    "sections": _cmd_sections,
    "layouts": _cmd_layouts,
    "themes": _cmd_themes,
    "check": _cmd_check,
    "check-template": _cmd_check_template,
    "schema": _cmd_schema,
    "new": _cmd_new,
    "import": _cmd_import,
}


def main(argv: Sequence[str] | None = None, *, one_shot: bool = False) -> int:
    """Run a command; returns the exit status.

    ``one_shot``: the process ends after this command (``python -m infodeck``), so
    process-wide tuning for speed need not be undone.
    """
    parser = build_parser()
    ns = parser.parse_args(argv)
    ns.one_shot = one_shot
    if ns.command is None:
        parser.print_help()
        return EXIT_INPUT
    from infodeck.content.problems import ContentError

    try:
        status = COMMANDS[ns.command](ns)
        sys.stdout.flush()  # here, where a reader that went away is handled (below)
        return status
    except TargetsExist as e:
        print(f"infodeck: {e}; use --force to replace them or choose another output folder",
              file=sys.stderr)
        return EXIT_INPUT
    except ContentError as e:  # a layout, theme or words file with mistakes: the user's data
        for p in e.problems:
            print(p, file=sys.stderr)
        from infodeck.compose.words import WordsError

        fmt = getattr(e, "format_name", "")  # content.problems.FormatRefused
        if fmt:
            print(f"infodeck: {fmt} cannot take the pack as it is; change what is listed or "
                  f"leave {fmt} out (nothing was written)", file=sys.stderr)
            return EXIT_INPUT
        what = "a translation (words) file" if isinstance(e, WordsError) else \
            "a layout or theme file"
        print(f"infodeck: {what} has errors; fix it and try again", file=sys.stderr)
        return EXIT_INPUT
    except UserError as e:
        print(f"infodeck: {e}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt as e:
        written = getattr(e, "written", None)  # write.InterruptedAfterWriting
        if written:
            print(f"infodeck: interrupted while the files were moved into place; the moves "
                  f"were finished first: all {len(written)} file(s) were written", file=sys.stderr)
        else:
            print("infodeck: interrupted; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`infodeck export | head`): stop quietly, as `ls` does.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # SIGPIPE
    except Exception as e:  # a fault in the program: short message, details in the log
        from infodeck.logs import log_exception

        where = log_exception(e)
        print(
            f"infodeck: internal error ({type(e).__name__}: {e}); this is a bug in "
            f"Infodeck. Details were written to {where}",
            file=sys.stderr,
        )
        return EXIT_FAULT
