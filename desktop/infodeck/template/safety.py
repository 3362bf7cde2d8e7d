"""Open a template file once and check it before anything parses it.

A template comes from outside (a school's shared drive, an e-mail), so it is treated
as hostile: the file is read once, with a size bound, and those bytes are what is
checked and parsed (no second open that a swapped file could answer). Refused, each
with a message naming the file: files that are not presentations, macro-enabled ones
(.pptm/.potm, or a macro part inside whatever the name), password-protected ones
(an OLE compound file holding ``EncryptedPackage``; old binary .ppt/.pot too), corrupt
zips, zip bombs (declared sizes, the compression ratio and the entry count are
checked before any entry is inflated; each entry is then inflated with a bound, so
a lying header is caught too) and huge media.

The checked entries are written into a fresh, uncompressed package in memory, with
a .potx's template content type swapped for the presentation one: python-pptx opens
only presentations, and a template is the same package otherwise.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from infodeck.errors import UserError

MAX_FILE_BYTES = 200 * 1024 * 1024  # the file on disk
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # all entries inflated
MAX_ENTRY_BYTES = 60 * 1024 * 1024  # one picture, video or XML part ("huge media")
MAX_XML_BYTES = 20 * 1024 * 1024  # one XML part: a template's largest are ~1 MB
MAX_ENTRIES = 5000
MAX_RATIO = 120  # inflated/compressed, for entries past RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_PML = "application/vnd.openxmlformats-officedocument.presentationml"
PRESENTATION_CT = f"{_PML}.presentation.main+xml"
TEMPLATE_CT = f"{_PML}.template.main+xml"
SLIDESHOW_CT = f"{_PML}.slideshow.main+xml"
MACRO_EXTENSIONS = (".pptm", ".potm", ".ppsm", ".ppam")
ACCEPTED_EXTENSIONS = (".pptx", ".potx", ".ppsx")


class TemplateError(UserError):
    """A template that cannot be used; the message names the file and says why."""

    def __init__(self, path: Path | str, why: str) -> None:
        self.path = Path(path)
        self.why = why
        super().__init__(f"{self.path}: {why}")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read once, refusing folders, missing files and huge ones."""
    ext = path.suffix.lower()
    if ext in MACRO_EXTENSIONS:
        raise TemplateError(
            path, f"a macro-enabled file ({ext}) is refused: templates with macros can run "
            "code; save it in PowerPoint as a PowerPoint Template (.potx) or "
            "Presentation (.pptx)")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise TemplateError(path, "no such file") from None
    except IsADirectoryError:
        raise TemplateError(path, "a folder, not a template file") from None
    except OSError as e:
        raise TemplateError(path, f"cannot be read ({e.strerror or e})") from None
    if len(data) > MAX_FILE_BYTES:
        raise TemplateError(path, f"larger than {_mb(MAX_FILE_BYTES)}; a template is "
                                  "a few MB at most (are there videos in it?)")
    return data


def _refuse_non_zip(path: Path, data: bytes) -> None:
    if data.startswith(CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise TemplateError(
                path, "password-protected (encrypted); open it in PowerPoint, remove the "
                "password (File › Info › Protect Presentation) and save it again")
        raise TemplateError(
            path, "an old PowerPoint 97–2003 file (.ppt/.pot); open it in PowerPoint or "
            "LibreOffice and save it as a PowerPoint Template (.potx) or Presentation (.pptx)")
    if not data.startswith(ZIP_MAGIC):
        what = "empty" if not data else "not a PowerPoint presentation or template"
        raise TemplateError(path, f"{what} (expected a .pptx or .potx file)")


def _check_entries(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb or huge media from the central directory, before inflating."""
    if len(infos) > MAX_ENTRIES:
        raise TemplateError(path, f"holds {len(infos):,} files; a template has a few "
                                  f"hundred (more than {MAX_ENTRIES:,} is refused)")
    total = 0
    names: set[str] = set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise TemplateError(path, "password-protected (its parts are encrypted)")
        if info.filename in names:
            raise TemplateError(path, f"damaged: the part {info.filename} appears twice")
        names.add(info.filename)
        size = info.file_size
        limit = MAX_XML_BYTES if _is_xml(info.filename) else MAX_ENTRY_BYTES
        if size > limit:
            raise TemplateError(
                path, f"its part {info.filename} is {_mb(size)} when inflated; more than "
                f"{_mb(limit)} is refused (huge media: compress or remove it in PowerPoint)")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateError(
                path, f"its part {info.filename} inflates {size // max(info.compress_size, 1):,}"
                " times; refused as a zip bomb")
        total += size
    if total > MAX_TOTAL_BYTES:
        raise TemplateError(path, f"inflates to {_mb(total)}; more than "
                                  f"{_mb(MAX_TOTAL_BYTES)} is refused")


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _inflate(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One entry, inflated with a bound: a header that understates its size is caught."""
    try:
        with zf.open(info) as f:
            data = f.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
            NotImplementedError) as e:
        raise TemplateError(path, f"damaged: its part {info.filename} cannot be read "
                                  f"({e})") from None
    if len(data) != info.file_size:
        raise TemplateError(path, f"damaged or a zip bomb: its part {info.filename} is not "
                                  "the size its header declares")
    return data


_OVERRIDE = re.compile(rb'<Override\b[^>]*PartName="/ppt/presentation\.xml"[^>]*/?>')


def _main_content_type(path: Path, types: bytes) -> str:
    m = _OVERRIDE.search(types)
    if m is None:
        raise TemplateError(path, "not a PowerPoint presentation or template (no "
                                  "presentation part)")
    ct = re.search(rb'ContentType="([^"]+)"', m.group(0))
    return ct.group(1).decode("ascii", "replace") if ct else ""


def checked_package(path: Path, data: bytes) -> bytes:
    """The package's bytes as python-pptx can open them, or TemplateError.

    Every entry is inflated here (bounded), so a corrupt entry is found now rather
    than halfway through reading the layouts.
    """
    _refuse_non_zip(path, data)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as e:
        raise TemplateError(path, f"damaged: not a readable zip package ({e}); the file "
                                  "may be cut short: copy it again") from None
    _check_entries(path, infos)
    names = {i.filename for i in infos}
    if "mimetype" in names and "content.xml" in names:
        raise TemplateError(path, "an OpenDocument file (LibreOffice's .odp/.otp); open it "
                                  "in LibreOffice Impress and save it as a PowerPoint "
                                  "template (.potx)")
    if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
        raise TemplateError(path, "not a PowerPoint presentation or template (a zip "
                                  "without a presentation part)")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise TemplateError(path, "holds macros (a VBA project); macro-enabled templates "
                                  "are refused: save it as a .potx without macros")
    out = io.BytesIO()
    with zf, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as new:
        for info in infos:
            if info.is_dir():
                continue
            body = _inflate(path, zf, info)
            if info.filename == "[Content_Types].xml":
                ct = _main_content_type(path, body)
                if "macroEnabled" in ct:
                    raise TemplateError(path, "a macro-enabled presentation; save it as a "
                                              ".potx or .pptx without macros")
                if ct not in (PRESENTATION_CT, TEMPLATE_CT, SLIDESHOW_CT):
                    raise TemplateError(path, "not a PowerPoint presentation or template "
                                              f"(its main part is {ct or 'untyped'})")
                body = body.replace(f'"{ct}"'.encode(), f'"{PRESENTATION_CT}"'.encode(), 1)
            new.writestr(info.filename, body)
    return out.getvalue()
