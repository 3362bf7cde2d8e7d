"""Bad template files: each is built here and refused with a message naming the file."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from infodeck.template import TemplateError, read_template, safety

from template_kit import DEFAULT_TEMPLATE

CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(TemplateError) as e:
        read_template(path)
    msg = str(e.value)
    assert str(path) in msg
    for w in words:
        assert w in msg, msg
    assert e.value.exit_status == 2
    return msg


def _rezip(src: bytes, change: dict[str, bytes | None], add: dict[str, bytes] | None = None
           ) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in change:
                body = change[info.filename]
                if body is None:
                    continue
            else:
                body = zin.read(info)
            zout.writestr(info.filename, body)
        for name, body in (add or {}).items():
            zout.writestr(name, body)
    return out.getvalue()


def test_macro_enabled_names_are_refused_before_reading(tmp_path: Path) -> None:
    for ext in (".pptm", ".potm"):
        p = tmp_path / f"school{ext}"
        p.write_bytes(DEFAULT_TEMPLATE.read_bytes())
        _refused(p, "macro-enabled", ext)


def test_a_vba_project_inside_a_pptx_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "renamed.pptx"
    p.write_bytes(_rezip(DEFAULT_TEMPLATE.read_bytes(), {}, {"ppt/vbaProject.bin": b"x" * 64}))
    _refused(p, "macros")


def test_a_macro_content_type_is_refused(tmp_path: Path) -> None:
    data = DEFAULT_TEMPLATE.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml")
    types = types.replace(b"presentationml.presentation.main+xml",
                          b"presentation.macroEnabled.main+xml")
    p = tmp_path / "macro.pptx"
    p.write_bytes(_rezip(data, {"[Content_Types].xml": types}))
    _refused(p, "macro-enabled")


def test_password_protected_office_file_is_refused(tmp_path: Path) -> None:
    # An encrypted OOXML file is an OLE compound file holding an EncryptedPackage stream.
    p = tmp_path / "locked.pptx"
    p.write_bytes(CFB + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600)
    _refused(p, "password-protected")


def test_old_binary_powerpoint_is_refused_with_advice(tmp_path: Path) -> None:
    p = tmp_path / "old.pot"
    p.write_bytes(CFB + b"\x00" * 1000)
    _refused(p, "97–2003", ".potx")


def test_encrypted_zip_entries_are_refused(tmp_path: Path) -> None:
    data = bytearray(DEFAULT_TEMPLATE.read_bytes())
    # Set the "encrypted" flag bit in every central directory header.
    i = data.find(b"PK\x01\x02")
    while i >= 0:
        flags = struct.unpack_from("<H", data, i + 8)[0]
        struct.pack_into("<H", data, i + 8, flags | 1)
        i = data.find(b"PK\x01\x02", i + 4)
    p = tmp_path / "zipcrypto.pptx"
    p.write_bytes(bytes(data))
    _refused(p, "password-protected")


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    data = DEFAULT_TEMPLATE.read_bytes()
    p = tmp_path / "cut.pptx"
    p.write_bytes(data[: len(data) // 2])
    _refused(p, "damaged")


def test_a_damaged_entry_is_found_before_parsing(tmp_path: Path) -> None:
    data = bytearray(DEFAULT_TEMPLATE.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("ppt/slideMasters/slideMaster1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(40):  # scramble the compressed bytes: CRC or inflate fails
        data[start + 10 + k] ^= 0x5A
    p = tmp_path / "scrambled.pptx"
    p.write_bytes(bytes(data))
    _refused(p, "damaged")


def test_not_a_presentation(tmp_path: Path) -> None:
    p = tmp_path / "notes.pptx"
    p.write_text("just some text\n")
    _refused(p, "not a PowerPoint presentation")
    empty = tmp_path / "empty.potx"
    empty.write_bytes(b"")
    _refused(empty, "empty")
    docx = tmp_path / "letter.pptx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    docx.write_bytes(buf.getvalue())
    _refused(docx, "not a PowerPoint presentation")
    _refused(tmp_path, "folder")
    _refused(tmp_path / "missing.potx", "no such file")


def test_broken_xml_is_damaged_not_a_crash(tmp_path: Path) -> None:
    p = tmp_path / "badxml.pptx"
    p.write_bytes(_rezip(DEFAULT_TEMPLATE.read_bytes(),
                         {"ppt/slideMasters/slideMaster1.xml": b"<p:sldMaster><unclosed"}))
    _refused(p, "damaged")


def test_zip_bomb_by_ratio_is_refused_before_inflating(tmp_path: Path) -> None:
    p = tmp_path / "bomb.pptx"
    # 5 MB of zeros deflate to ~5 KB: a ratio of about 1000.
    big = b"\0" * (5 << 20)
    p.write_bytes(_rezip(DEFAULT_TEMPLATE.read_bytes(), {}, {"ppt/media/image99.png": big}))
    _refused(p, "zip bomb", "image99.png")


def test_huge_media_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_ENTRY_BYTES", 1 << 20)
    monkeypatch.setattr(safety, "RATIO_FLOOR", 1 << 30)
    p = tmp_path / "video.pptx"
    p.write_bytes(_rezip(DEFAULT_TEMPLATE.read_bytes(), {},
                         {"ppt/media/media1.mp4": bytes(range(256)) * 8192}))
    _refused(p, "media1.mp4", "huge media")


def test_a_header_that_understates_its_size_is_caught(tmp_path: Path) -> None:
    """A lying central directory (small declared size) is caught while inflating, bounded."""
    src = _rezip(DEFAULT_TEMPLATE.read_bytes(), {},
                 {"ppt/media/image99.png": b"\x89PNG" + b"\0" * 500_000})
    data = bytearray(src)
    name = b"ppt/media/image99.png"
    i = data.find(b"PK\x01\x02")
    while i >= 0:  # patch the declared size in the central directory to 1000 bytes
        n = struct.unpack_from("<H", data, i + 28)[0]
        if bytes(data[i + 46 : i + 46 + n]) == name:
            struct.pack_into("<I", data, i + 24, 1000)
        i = data.find(b"PK\x01\x02", i + 4)
    p = tmp_path / "liar.pptx"
    p.write_bytes(bytes(data))
    _refused(p, "image99.png")


def test_too_many_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_ENTRIES", 50)
    p = tmp_path / "many.pptx"
    p.write_bytes(_rezip(DEFAULT_TEMPLATE.read_bytes(), {},
                         {f"ppt/media/x{i}.bin": b"x" for i in range(60)}))
    _refused(p, "files")


def test_huge_file_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 10_000)
    _refused(DEFAULT_TEMPLATE.parent / DEFAULT_TEMPLATE.name, "larger than")


def test_absurd_slide_size_is_refused(tmp_path: Path) -> None:
    data = DEFAULT_TEMPLATE.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("ppt/presentation.xml")
    assert b'cx="9144000"' in xml
    p = tmp_path / "tiny.pptx"  # 40 points wide: less than an inch
    p.write_bytes(_rezip(data, {"ppt/presentation.xml": xml.replace(b'cx="9144000"',
                                                                    b'cx="508000"')}))
    _refused(p, "1.4 × 19.1 cm", "can be used")


def test_an_opendocument_template_says_how_to_convert_it(tmp_path: Path) -> None:
    p = tmp_path / "school.otp"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.presentation-template")
        z.writestr("content.xml", "<office:document-content/>")
    p.write_bytes(buf.getvalue())
    _refused(p, "OpenDocument", ".potx")


def test_a_master_with_thousands_of_shapes_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infodeck.template import read

    monkeypatch.setattr(read, "MAX_SHAPES", 3)  # the default master has 5 placeholders
    _refused(DEFAULT_TEMPLATE, "shapes")
