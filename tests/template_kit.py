"""Templates for the tests: python-pptx's default, and a dark one with a crest made here.

The crest template is what a school's would be: a dark theme (its colour map puts
the dark colours behind the text), a system colour for dk1, Cambria headings and
Georgia text, a crest picture in the master's top-right corner, a band across the
bottom of the master, and a full-slide picture on the title layout (a background,
which is neither a logo nor something to avoid).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pptx
from PIL import Image, ImageDraw
from pptx.util import Emu, Pt

DEFAULT_TEMPLATE = Path(pptx.__file__).parent / "templates" / "default.pptx"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

DARK_SCHEME = {
    "dk1": '<a:sysClr val="windowText" lastClr="0E1A2B"/>',
    "lt1": '<a:srgbClr val="F4F1E8"/>',
    "dk2": '<a:srgbClr val="1B3A5C"/>',
    "lt2": '<a:srgbClr val="DCE6F0"/>',
    "accent1": '<a:srgbClr val="2E4E7E"/>',  # too dark to read on the dark background
    "accent2": '<a:srgbClr val="C9A227"/>',  # school gold
    "accent3": '<a:srgbClr val="7FB77E"/>',
    "accent4": '<a:srgbClr val="D9534F"/>',
    "accent5": '<a:srgbClr val="5BC0DE"/>',
    "accent6": '<a:srgbClr val="F0AD4E"/>',
    "hlink": '<a:srgbClr val="9CC3FF"/>',
    "folHlink": '<a:srgbClr val="C9B3FF"/>',
}
CREST_BOX = (Pt(640), Pt(14), Pt(60), Pt(72))  # x, y, w, h on a 720 × 540 pt slide


def crest_png(size: tuple[int, int] = (200, 240)) -> bytes:
    """A small shield in the school's gold on transparent ground."""
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    w, h = size
    d.polygon([(0, 0), (w, 0), (w, h * 0.6), (w / 2, h), (0, h * 0.6)], fill=(201, 162, 39))
    d.rectangle([w * 0.4, h * 0.15, w * 0.6, h * 0.7], fill=(14, 26, 43))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def pic_xml(shape_id: int, name: str, rid: str, box: tuple[int, int, int, int]) -> str:
    x, y, cx, cy = box
    return (
        f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
        f'<p:cNvPr id="{shape_id}" name="{name}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def rect_xml(shape_id: int, name: str, box: tuple[int, int, int, int], colour: str) -> str:
    x, y, cx, cy = box
    return (
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></p:spPr></p:sp>'
    )


def build_crest_template(path: Path, *, potx: bool = False) -> Path:
    """Write the dark crest template (see the module docstring) to ``path``."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    prs = pptx.Presentation(str(DEFAULT_TEMPLATE))
    master = prs.slide_masters[0]
    # The theme: dark colours, a system colour, Cambria and Georgia.
    theme_part = master.part.part_related_by(RT.THEME)
    theme = parse_xml(theme_part.blob)
    scheme = theme.find(f"{{{A}}}themeElements/{{{A}}}clrScheme")
    scheme.set("name", "School")
    for slot, xml in DARK_SCHEME.items():
        el = scheme.find(f"{{{A}}}{slot}")
        for child in list(el):
            el.remove(child)
        el.append(parse_xml(f'<a:w xmlns:a="{A}">{xml}</a:w>')[0])
    fonts = theme.find(f"{{{A}}}themeElements/{{{A}}}fontScheme")
    fonts.find(f"{{{A}}}majorFont/{{{A}}}latin").set("typeface", "Cambria")
    fonts.find(f"{{{A}}}minorFont/{{{A}}}latin").set("typeface", "Georgia")
    theme.set("name", "School Theme")
    from lxml import etree

    theme_part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8",
                                     standalone=True)
    # Dark slides: the colour map puts dk1 behind and lt1 in front.
    m_el = master.element
    clrmap = m_el.find(f"{{{P}}}clrMap")
    for k, v in {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}.items():
        clrmap.set(k, v)
    csld = m_el.find(f"{{{P}}}cSld")
    csld.insert(0, parse_xml(
        f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgPr><a:solidFill><a:schemeClr val="bg1"/>'
        '</a:solidFill><a:effectLst/></p:bgPr></p:bg>'))
    # The crest and a band on the master.
    _, crest_rid = master.part.get_or_add_image_part(io.BytesIO(crest_png()))
    tree = m_el.find(f"{{{P}}}cSld/{{{P}}}spTree")
    tree.append(parse_xml(pic_xml(90, "School crest", crest_rid,
                                   tuple(int(v) for v in CREST_BOX))))  # type: ignore[arg-type]
    tree.append(parse_xml(rect_xml(91, "Band", (0, int(Pt(510)), int(Pt(720)), int(Pt(30))),
                                    "C9A227")))
    # A full-slide photograph behind the title slide: a background, not a logo.
    title_layout = master.slide_layouts[0]
    photo = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 60, 90)).save(photo, "PNG")
    _, photo_rid = title_layout.part.get_or_add_image_part(photo)
    lt_tree = title_layout.element.find(f"{{{P}}}cSld/{{{P}}}spTree")
    lt_tree.insert(2, parse_xml(pic_xml(92, "Photo", photo_rid,
                                         (0, 0, int(Emu(prs.slide_width)),
                                          int(Emu(prs.slide_height))))))
    buf = io.BytesIO()
    prs.save(buf)
    data = buf.getvalue()
    if potx:
        data = as_potx(data)
    path.write_bytes(data)
    return path


def as_potx(data: bytes) -> bytes:
    """The same package with the template content type PowerPoint gives a .potx."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            dst.writestr(info, body)
    return out.getvalue()
