"""Print pages from blocks: a header and page numbers on every page, nothing split.

A block is a few elements drawn from its own top-left corner with a known height
(one fill-in sentence, a word bank row, a diagram). Blocks are stacked down the
page and a block that does not fit starts the next page; a heading keeps to the
block after it, so no heading is left alone at the foot of a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from infodeck.compose.kit import Kit, fitted_box, frame, text_box
from infodeck.compose.materials.paper import INK, MUTED, PAPER, RULE, Paper
from infodeck.compose.materials.scale import moved_all
from infodeck.scene.elements import Align, Box, Element, Page, Run
from infodeck.scene.markup import plain


@dataclass
class Block:
    """Elements placed from (0, 0), ``height`` tall; ``keep`` keeps it with the next."""

    height: float
    elements: list[Element]
    keep: bool = False
    x: float = 0.0  # its left edge from the text area's


def rule(kit: Kit, x: float, y: float, w: float, color: str = RULE, width: float = 0.75) -> Box:
    """A thin line to write on (a filled box: it prints the same everywhere)."""
    return Box(kit.new_id(), x, y, w, width, "rect", color, name="Line")


def text_block(kit: Kit, runs: list[Run], width: float, *, align: Align = "left",
               spacing: float = 1.3, after: float = 0.0, keep: bool = False,
               x: float = 0.0) -> Block:
    """A paragraph measured for ``width``; ``after`` is the space below it."""
    box = text_box(kit, 0, 0, width, None, frame([kit.para(runs, align=align, spacing=spacing)]))
    return Block(box.h + after, [box], keep, x)


def run(kit: Kit, text: str, size: float, color: str = INK, *, bold: bool = False,
        italic: bool = False) -> Run:
    return kit.run(text, size, color, bold=bold, italic=italic)


@dataclass
class Sheets:
    """Stacks blocks onto pages of ``paper`` and finishes them with header and footer."""

    kit: Kit
    paper: Paper
    header: str  # the pack's title, at the top of every page
    kind: str  # what the sheet is ("Worksheet"), at the top right
    page_of: str  # "Page {k} of {n}"
    pages: list[list[Element]] = field(default_factory=lambda: [[]])
    y: float = 0.0
    _pending: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.y = self.top

    @property
    def top(self) -> float:
        return self.paper.margin + self.paper.small * 2.2

    @property
    def bottom(self) -> float:
        return self.paper.height - self.paper.margin - self.paper.small * 1.8

    def space(self, points: float) -> None:
        """Room between blocks (dropped at the top of a page)."""
        if self.y > self.top:
            self.y = min(self.y + points, self.bottom)

    def add(self, block: Block) -> None:
        """Place ``block`` (and the kept blocks before it) on this page or the next."""
        self._pending.append(block)
        if block.keep:
            return
        group, self._pending = self._pending, []
        need = sum(b.height for b in group)
        if self.y + need > self.bottom + 0.01 and self.y > self.top:
            self.new_page()
        for b in group:
            self.pages[-1] += moved_all(b.elements, self.paper.margin + b.x, self.y)
            self.y += b.height

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def finish(self) -> list[Page]:
        """The pages, each with the header and "Page k of n"."""
        if self._pending:  # kept blocks with nothing after them: placed as they are
            last = self._pending.pop()
            self.add(Block(last.height, last.elements, False, last.x))
        p, k = self.paper, self.kit
        n = len(self.pages)
        out = []
        for i, elements in enumerate(self.pages, start=1):
            w = p.text_w
            head_l = fitted_box(k, p.margin, p.margin, w * 0.68, p.small * 1.35,
                                lambda s: frame([k.para(run(k, plain(self.header), s, MUTED))]),
                                p.small, 6.0, name="Header") or text_box(
                k, p.margin, p.margin, w * 0.68, None,
                frame([k.para(run(k, plain(self.header), 6.0, MUTED))]), name="Header")
            head_r = text_box(k, p.margin + w * 0.68, p.margin, w * 0.32, None, frame([k.para(
                run(k, self.kind, p.small, MUTED, bold=True), align="right")]), name="Header")
            line_y = p.margin + max(head_l.h, head_r.h) + 2
            foot = text_box(k, p.margin, p.height - p.margin - p.small * 1.3, w, None,
                            frame([k.para(run(k, self.page_of.format(k=i, n=n), p.small, MUTED),
                                          align="center")]), name="Page number")
            chrome: list[Element] = [head_l, head_r, rule(k, p.margin, line_y, w, RULE, 0.5), foot]
            out.append(Page(p.width, p.height, PAPER, tuple(chrome + elements), kind="infographic",
                            title=f"{plain(self.header)} – {self.kind} {i}"))
        return out
