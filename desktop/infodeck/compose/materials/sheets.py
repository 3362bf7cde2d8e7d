"""The worksheet and its answer key as print pages, from one ``Worksheet``.

The two are laid out by the same code with ``key`` on or off, so every number,
step and question of the answer key stands where the worksheet has it.
"""

from __future__ import annotations

from infodeck.compose.kit import Kit, frame, text_box
from infodeck.compose.layouts import Layout, Theme
from infodeck.compose.materials.model import BLANK, Question, Worksheet
from infodeck.compose.materials.pages import Block, Sheets, rule, run, text_block
from infodeck.compose.materials.paper import INK, MUTED, RULE, Paper, accent_on_paper
from infodeck.compose.materials.scale import moved_all
from infodeck.compose.quiz import letter
from infodeck.scene.elements import Box, Connector, Element, Page
from infodeck.scene.markup import plain
from infodeck.scene.text import text_width

NUMBER_W = 24.0  # the column of item numbers


class _Composer:
    def __init__(self, ws: Worksheet, layout: Layout, theme: Theme, key: bool) -> None:
        self.ws, self.key = ws, key
        self.kit = Kit(layout, theme, lang=ws.lang)
        self.paper = Paper("", *ws.paper)
        self.say = ws.words
        self.accent = accent_on_paper(theme.colors.accent)
        kind = self.say["answer_key"] if key else self.say["worksheet"]
        self.kind = kind
        self.sheets = Sheets(self.kit, self.paper, ws.title, kind, self.say["page_of"])
        self.number = 0

    # ------------------------------------------------------------ small parts

    def text(self, text: str, size: float, color: str = INK, *, bold: bool = False,
             after: float = 4.0, keep: bool = False, x: float = 0.0,
             width: float | None = None) -> Block:
        w = (width if width is not None else self.paper.text_w) - x
        return text_block(self.kit, self.kit.marked(text, size, color, bold=bold), w,
                          after=after, keep=keep, x=x)

    def heading(self, text: str) -> None:
        self.sheets.space(self.paper.body * 1.2)
        self.sheets.add(self.text(text, self.paper.heading, self.accent, bold=True, after=3,
                                  keep=True))

    def subheading(self, text: str) -> None:
        self.sheets.space(self.paper.body * 0.5)
        self.sheets.add(self.text(text, self.paper.body, INK, bold=True, after=2, keep=True))

    def how(self, text: str) -> None:
        self.sheets.add(self.text(text, self.paper.body * 0.95, MUTED, after=6, keep=True))

    def numbered(self, runs_text: list[tuple[str, bool]], keep: bool = False) -> Block:
        """An item with its number in the margin column; (text, is_answer) pieces."""
        self.number += 1
        k, p = self.kit, self.paper
        label = run(k, f"{self.number}.", p.body, INK, bold=True)
        num = text_box(k, 0, 0, NUMBER_W, None, frame([k.para(label, spacing=1.5)]))
        runs = [r for t, ans in runs_text if t
                for r in k.marked(t, p.body, self.accent if ans else INK, bold=ans)]
        body = text_box(k, NUMBER_W, 0, p.text_w - NUMBER_W, None,
                        frame([k.para(runs, spacing=1.5)]))
        return Block(max(num.h, body.h) + 5, [num, body], keep)

    def tick_row(self, label: str, ticked: bool, x: float, bold: bool = False,
                 mark: str = "") -> Block:
        """A square to tick or number, and its text beside it."""
        k, p = self.kit, self.paper
        side = p.body * 1.45
        sq = Box(k.new_id(), 0, 0, side, side, "rect", None, INK, 0.9, name="Box to tick",
                 alt="ticked" if ticked and not mark else "")
        tick: list[Element] = []
        if ticked and not mark:  # a tick drawn in two strokes: it reads as one on any printer
            a, b, c = (side * 0.2, side * 0.55), (side * 0.42, side * 0.78), (side * 0.82,
                                                                               side * 0.22)
            tick = [Connector(k.new_id(), *a, *b, self.accent, 2.0, head="none", name="Tick"),
                    Connector(k.new_id(), *b, *c, self.accent, 2.0, head="none", name="Tick")]
        if mark:
            sq = text_box(k, 0, 0, side, side, frame([k.para(run(k, mark, p.body, self.accent,
                                                                  bold=True), align="center")],
                                                     valign="middle"),
                          geometry="rect", line=INK, line_width=0.9, name="Box")
        gap = side * 0.6
        text = text_box(k, side + gap, 0, p.text_w - x - side - gap, None, frame([k.para(
            k.marked(label, p.body, self.accent if bold else INK, bold=bold), spacing=1.25)]),
            name="Choice")
        # The text's first line centred on the square.
        text = Box(text.id, text.x, (side - p.body * 1.25) / 2, text.w, text.h,
                   text=text.text, name=text.name)
        return Block(max(side, text.y + text.h) + 5, [sq, *tick, text], x=x)

    def bank(self, title: str, items: tuple[str, ...]) -> None:
        """Words in a grid of ruled cells, under a small title."""
        k, p = self.kit, self.paper
        self.sheets.add(self.text(title, p.body, INK, bold=True, after=3, keep=True))
        longest = max((len(plain(i)) for i in items), default=0)
        cols = 4 if longest <= 14 else 3 if longest <= 24 else 2
        cw = p.text_w / cols
        for r in range(0, len(items), cols):
            cells: list[Element] = []
            laid = [text_box(k, c * cw, 0, cw, None, frame([k.para(k.marked(t, p.body, INK),
                                                                    align="center")], inset=6),
                             name="Word") for c, t in enumerate(items[r:r + cols])]
            h = max(b.h for b in laid)
            for b in laid:
                cells.append(Box(k.new_id(), b.x, 0, cw, h, "rect", None, RULE, 0.75,
                                 name="Word bank cell"))
                cells.append(Box(b.id, b.x, (h - b.h) / 2, b.w, b.h, text=b.text, name=b.name))
            last = r + cols >= len(items)
            self.sheets.add(Block(h + (8 if last else 0), cells, keep=not last))

    # ------------------------------------------------------------------ parts

    def top(self) -> None:
        k, p, s = self.kit, self.paper, self.say
        self.sheets.add(self.text(self.ws.title, p.title, INK, bold=True, after=2))
        self.sheets.add(self.text(self.kind, p.heading, self.accent, bold=True, after=10))
        if self.key:
            return
        parts: list[Element] = []
        x = 0.0
        for word, share in ((s["name"], 0.5), (s["class"], 0.25), (s["date"], 0.25)):
            label = text_box(k, x, 0, p.text_w * share, None,
                             frame([k.para(run(k, word, p.body, INK, bold=True))]))
            start = x + text_width(word, k.theme.font_for(p.body, bold=True)) + 8
            parts += [label, rule(k, start, p.body * 1.3, x + p.text_w * share - start - 12,
                                  INK, 0.75)]
            x += p.text_w * share
        self.sheets.add(Block(p.body * 1.6 + 10, parts))

    def fill_blanks(self) -> None:
        ws, s = self.ws, self.say
        if not ws.blanks:
            return
        self.heading(s["fill_blanks"])
        self.how(s["fill_blanks_how"])
        if not self.key:
            self.bank(s["word_bank"], ws.bank)
        for b in ws.blanks:
            gap = b.answer if self.key else BLANK
            self.sheets.add(self.numbered([(b.before, False), (gap, self.key),
                                           (b.after, False)]))

    def orders(self) -> None:
        s = self.say
        for i, task in enumerate(self.ws.orders):
            if i == 0:
                self.heading(s["order_steps"])
            self.subheading(task.title)
            self.how(s["order_steps_how"].format(n=len(task.shuffled)))
            last = len(task.shuffled) - 1
            for j, (step, place) in enumerate(zip(task.shuffled, task.order, strict=True)):
                row = self.tick_row(step, False, 0.0, mark=str(place) if self.key else "")
                row.keep = j < last or self.key  # the steps stay on one page together
                self.sheets.add(row)
            if self.key:
                self.sheets.space(2)
                self.sheets.add(self.text(f"{s['correct_order']}: " + " → ".join(task.in_order),
                                          self.paper.body * 0.95, self.accent, bold=True,
                                          after=4))

    def labels(self) -> None:
        s, p, k = self.say, self.paper, self.kit
        for i, task in enumerate(self.ws.labels):
            if i == 0:
                self.heading(s["label_diagram"])
            self.subheading(task.title)
            if not self.key:
                self.how(s["label_diagram_how"])
            page = task.key if self.key else task.page
            x = max(0.0, (p.text_w - page.width) / 2)
            frame_box = Box(k.new_id(), x - 6, 0, page.width + 12, page.height + 12, "rect",
                            None, RULE, 0.5, name="Diagram frame")
            drawn = moved_all(page.elements, x, 6)
            self.sheets.add(Block(page.height + 22, [frame_box, *drawn], keep=True))
            if self.key:
                listing = "   ".join(f"({n}) {a}" for n, a in enumerate(task.answers, start=1))
                self.sheets.add(self.text(listing, p.body, self.accent, bold=True, after=6))
            else:
                self.bank(s["labels"], task.bank)

    def questions(self) -> None:
        s = self.say
        for i, q in enumerate(self.ws.questions):
            if i == 0:
                self.heading(s["questions"])
            self.question(q)

    def question(self, q: Question) -> None:
        s, p = self.say, self.paper
        how = s["true_false_how"] if q.true_false else (
            s["choose_all"] if len(q.correct) > 1 else s["choose_one"])
        self.sheets.add(self.numbered([(q.text, False), (f"  ({how})", False)], keep=True))
        rows = []
        for j, choice in enumerate(q.choices):
            ok = self.key and j in q.correct
            label = choice if q.true_false else f"{letter(j)})  {choice}"  # as on the slide
            rows.append(self.tick_row(label, ok, NUMBER_W, bold=ok))
        for j, row in enumerate(rows):
            row.keep = j < len(rows) - 1 or (self.key and bool(q.explanation))
            self.sheets.add(row)
        if self.key and q.explanation:
            self.sheets.add(self.text(f"{s['why']} {q.explanation}", p.body * 0.95, MUTED,
                                      after=6, x=NUMBER_W))
        self.sheets.space(4)

    def pages(self) -> list[Page]:
        self.top()
        self.fill_blanks()
        self.orders()
        self.labels()
        self.questions()
        return self.sheets.finish()


def worksheet_pages(ws: Worksheet, layout: Layout, theme: Theme) -> list[Page]:
    """The worksheet a class fills in: name lines, word banks, blanks, boxes to tick."""
    return _Composer(ws, layout, theme, key=False).pages()


def answer_pages(ws: Worksheet, layout: Layout, theme: Theme) -> list[Page]:
    """The answer key of ``ws``: the same items, answered, with the quiz's explanations."""
    return _Composer(ws, layout, theme, key=True).pages()
