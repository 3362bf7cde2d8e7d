"""A school's template made in the tests: a crest on the master, a dark theme, odd size.

Like the templates schools hand out: slide size 28 × 15.75 cm (neither 16:9 in
inches nor 4:3), a dark background with light text (the master's colour map swaps
them), a crest picture in the master's top-right corner that the title placeholder
is shortened to clear, and two sample slides that a deck built on it must drop.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Cm

EMU_PER_PT = 12700
WIDTH_CM, HEIGHT_CM = 28.0, 15.75
BACKGROUND = "#14213D"
CREST_PT = 54.0  # the crest's side, points
CREST_MARGIN_PT = 14.0


def crest_png() -> bytes:
    """A shield-shaped crest (gold on navy) as a PNG."""
    im = Image.new("RGBA", (120, 140), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.polygon([(6, 6), (114, 6), (114, 80), (60, 134), (6, 80)], fill="#F2C14E",
              outline="#FFFFFF")
    d.rectangle((40, 30, 80, 70), fill="#14213D")
    out = BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def crest_rect() -> tuple[float, float, float, float]:
    """Where the crest stands on every slide: (x, y, w, h) in points."""
    width = Cm(WIDTH_CM) / EMU_PER_PT
    h = CREST_PT * 140 / 120
    return width - CREST_MARGIN_PT - CREST_PT, CREST_MARGIN_PT, CREST_PT, h


def make_school_template(path: Path, *, samples: int = 2, clear_title: bool = True) -> Path:
    """Write the template to ``path`` (.pptx) and return it.

    ``clear_title=False``: the titles run under the crest, as in a careless template.
    """
    prs = Presentation()
    sx = Cm(WIDTH_CM) / prs.slide_width
    sy = Cm(HEIGHT_CM) / prs.slide_height
    prs.slide_width, prs.slide_height = Cm(WIDTH_CM), Cm(HEIGHT_CM)
    master = prs.slide_master
    crest_x, crest_y, crest_w, crest_h = crest_rect()
    holders = [*master.placeholders, *(ph for lay in prs.slide_layouts for ph in lay.placeholders)]
    for ph in holders:
        if ph.element.find(qn("p:spPr")).find(qn("a:xfrm")) is None:
            continue
        left, top = round(ph.left * sx), round(ph.top * sy)
        width, height = round(ph.width * sx), round(ph.height * sy)
        if clear_title and top < (crest_y + crest_h) * EMU_PER_PT \
                and left + width > crest_x * EMU_PER_PT:
            width = round((crest_x - 10) * EMU_PER_PT) - left  # titles clear the crest
        ph.left, ph.top, ph.width, ph.height = left, top, width, height
    # Dark: a navy background, and text colours swapped through the colour map.
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string(BACKGROUND[1:])
    clr_map = master.element.find(qn("p:clrMap"))
    for key, slot in (("bg1", "dk1"), ("tx1", "lt1"), ("bg2", "dk2"), ("tx2", "lt2")):
        clr_map.set(key, slot)
    # python-pptx adds pictures to slides only: the master's is written as XML.
    _, r_id = master.part.get_or_add_image_part(BytesIO(crest_png()))
    tree = master.element.find(qn("p:cSld")).find(qn("p:spTree"))
    ids = [int(el.get("id")) for el in tree.iter(qn("p:cNvPr"))]
    emu = [round(v * EMU_PER_PT) for v in (crest_x, crest_y, crest_w, crest_h)]
    tree.append(CT_Picture.new_pic(max(ids) + 1, "School crest", "School crest", r_id, *emu))
    for i in range(samples):
        slide = prs.slides.add_slide(prs.slide_layouts[1 if i else 0])
        slide.shapes.title.text = f"Sample slide {i + 1}"
        slide.notes_slide.notes_text_frame.text = "Delete me"
    prs.save(str(path))
    return path
