"""A structural check of a .pptx package: what PowerPoint "repairs" or refuses.

PowerPoint is stricter than python-pptx and LibreOffice. It offers to repair (and
then drops content from) a package whose relationships point at missing parts,
whose parts lack a content type, whose XML is malformed, whose text bodies hold
no paragraph, or whose shapes on one slide share an id.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
SLIDE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"


def _rels_source(rels_name: str) -> str:
    """The part a .rels file belongs to: ``ppt/_rels/presentation.xml.rels`` → ``ppt``."""
    return posixpath.dirname(posixpath.dirname(rels_name))


def check_package(path: Path | bytes, *, slides: int | None = None) -> list[str]:
    """Every structural problem of the package (an empty list when it is sound)."""
    data = path.read_bytes() if isinstance(path, Path) else path
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        if len(names) != len(set(names)):
            problems.append("duplicate zip entries")
        if z.testzip() is not None:
            problems.append(f"corrupt zip entry {z.testzip()}")
        files = {n: z.read(n) for n in names if not n.endswith("/")}

    # Every XML part is well-formed.
    trees: dict[str, etree._Element] = {}
    for name, raw in files.items():
        if name.endswith((".xml", ".rels")):
            try:
                trees[name] = etree.fromstring(raw)
            except etree.XMLSyntaxError as e:
                problems.append(f"{name}: not well-formed XML ({e})")
    if "[Content_Types].xml" not in trees:
        return [*problems, "no [Content_Types].xml"]

    # Every part has a content type (an Override, or a Default for its extension),
    # and every Override names a part that exists.
    ct = trees["[Content_Types].xml"]
    defaults = {d.get("Extension", "").lower() for d in ct.iter(f"{CT_NS}Default")}
    overrides = {o.get("PartName", "").lstrip("/") for o in ct.iter(f"{CT_NS}Override")}
    for name in files:
        if name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(name) else ""
        if name not in overrides and ext not in defaults:
            problems.append(f"{name}: no content type")
    for part in overrides - set(files):
        problems.append(f"[Content_Types].xml: override for a missing part {part}")

    # Every internal relationship points at a part that exists; ids are unique.
    if "_rels/.rels" not in files:
        problems.append("no package relationships (_rels/.rels)")
    for name, tree in trees.items():
        if not name.endswith(".rels"):
            continue
        base = _rels_source(name)
        ids = [r.get("Id") for r in tree.iter(f"{REL_NS}Relationship")]
        if len(ids) != len(set(ids)):
            problems.append(f"{name}: duplicate relationship ids")
        for rel in tree.iter(f"{REL_NS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            full = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            if full not in files:
                problems.append(f"{name}: {rel.get('Id')} points at missing {full}")

    # Text bodies hold at least one paragraph; no escaped control characters.
    for name, tree in trees.items():
        if not name.endswith(".xml"):
            continue
        for tag in ("p:txBody", "a:txBody", "c:rich", "c:txPr"):
            for body in tree.iterfind(f".//{tag}", NS):
                if body.find("a:p", NS) is None:
                    problems.append(f"{name}: a {tag} without a paragraph")
        if b"_x00" in files[name]:
            problems.append(f"{name}: a control character written as an _xHHHH_ escape")
        if name.startswith("ppt/slides/slide"):
            ids = tree.xpath(".//p:cNvPr/@id", namespaces=NS)
            if len(ids) != len(set(ids)):
                problems.append(f"{name}: shapes share an id")

    # The presentation lists each slide once, and every slide it lists exists.
    pres_rels = trees.get("ppt/_rels/presentation.xml.rels")
    pres = trees.get("ppt/presentation.xml")
    if pres is None or pres_rels is None:
        problems.append("no ppt/presentation.xml or its relationships")
    else:
        slide_rids = {
            r.get("Id") for r in pres_rels.iter(f"{REL_NS}Relationship") if r.get("Type") == SLIDE_REL
        }
        listed = pres.xpath("./p:sldIdLst/p:sldId/@r:id", namespaces=NS)
        if set(listed) != slide_rids or len(listed) != len(set(listed)):
            problems.append("ppt/presentation.xml: slide list and relationships disagree")
        if slides is not None and len(listed) != slides:
            problems.append(f"{len(listed)} slides, expected {slides}")

    # Embedded chart workbooks are sound zips themselves.
    for name, raw in files.items():
        if name.endswith(".xlsx"):
            try:
                with zipfile.ZipFile(io.BytesIO(raw)) as inner:
                    if inner.testzip() is not None:
                        problems.append(f"{name}: corrupt workbook")
            except zipfile.BadZipFile:
                problems.append(f"{name}: not a workbook")
    return problems
