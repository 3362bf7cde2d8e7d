"""A quiz block on a slide: the question and its choices, the answer revealed on a click.

The slide shows the question state first; the right choices are marked (an outline
and a tick) by a native entrance animation on the first click, so a class can
answer before the teacher reveals. The marks form an ``answer`` group: the deck
writes its shapes with the click, and pictures (PNG, PDF, the preview), which cannot
click, show the question without them. The answer and the explanation are in the
speaker notes. The words a quiz needs elsewhere (the answer line of the notes, the
worksheet's answer key) come from here too, so every output says the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from infodeck.compose.kit import Kit, frame, icon, text_box
from infodeck.content.model import ChoiceQuiz, Section, TrueFalseQuiz
from infodeck.scene.elements import Box, Element, Group, TextFrame
from infodeck.scene.markup import plain
from infodeck.scene.text import frame_height, layout_frame

QuizBlock = ChoiceQuiz | TrueFalseQuiz

LETTERS = "ABCDEFGH"
SMALLEST = 9.0  # no quiz text is set smaller, whatever the slide's floor
TICK = "circle-check"  # the icon that marks a right answer
CARD_PAD = 10.0  # a card's inner padding, in points
MARK_WIDTH = 3.0  # the outline of a right answer
ROOMY = 1.2  # quiz text starts this much above the body size: a class reads it from afar


def letter(i: int) -> str:
    """The letter of choice ``i`` (0-based): A for the first, then B, C and on."""
    return LETTERS[i]


def choices(kit: Kit, block: QuizBlock) -> list[tuple[str, str, bool]]:
    """(label, text, right) of each answer, in the order shown.

    A choice has its letter ("A)") and the teacher's text (with its markup); a
    true/false quiz has True and False in the section's language, without labels.
    """
    if isinstance(block, ChoiceQuiz):
        return [(f"{letter(i)})", c.text, c.correct) for i, c in enumerate(block.choices)]
    return [("", kit.say("quiz_true"), block.answer), ("", kit.say("quiz_false"), not block.answer)]


def said(label: str, text: str) -> str:
    """A choice as words ("B) Water"): for notes, alt text and answer keys."""
    return f"{label} {plain(text)}" if label else plain(text)


def prompt(block: QuizBlock) -> str:
    """What students read first: the question, or the statement they judge (with markup)."""
    return block.question if isinstance(block, ChoiceQuiz) else block.statement


def answer_line(kit: Kit, block: QuizBlock) -> str:
    """"Answer: B) Water" (every right choice), in the section's language."""
    right = [said(label, text) for label, text, ok in choices(kit, block) if ok]
    return f"{kit.say('quiz_answer')}: {'; '.join(right)}"


def quiz_title(kit: Kit, block: QuizBlock, section: Section) -> str:
    """The slide's title: "Quiz: <section>" or "True or false? <section>"."""
    key = "quiz_title" if isinstance(block, ChoiceQuiz) else "true_false_title"
    return kit.say(key, title=section.title)


def quiz_notes(kit: Kit, block: QuizBlock) -> str:
    """The speaker notes: the answer, then why (with their markup: the page drops it)."""
    right = [f"{label} {text}".strip() for label, text, ok in choices(kit, block) if ok]
    notes = f"{kit.say('quiz_answer')}: {'; '.join(right)}."
    return notes + (f"\n\n{block.explanation}" if block.explanation else "")


def quiz_alt(kit: Kit, block: QuizBlock) -> str:
    """The slide's description, without the answer (with markup: the deck drops it)."""
    options = "; ".join(f"{label} {text}".strip() for label, text, _ in choices(kit, block))
    return f"{prompt(block)} ({options})"


@dataclass(frozen=True)
class _Plan:
    """One try at a text size: the laid-out prompt and cards, and the height they take."""

    size: float
    prompt: TextFrame
    cards: list[TextFrame]
    card_h: float
    height: float


def _plan(kit: Kit, block: QuizBlock, w: float, size: float, cols: int, gap: float) -> _Plan:
    col = kit.theme.colors
    tf = isinstance(block, TrueFalseQuiz)
    texts = choices(kit, block)
    tick = size * 1.6
    card_w = (w - gap * (cols - 1)) / cols
    inset = (CARD_PAD * 1.4, CARD_PAD, CARD_PAD * 1.4 + tick + CARD_PAD, CARD_PAD)
    if tf:  # the statement in a card of its own, the two answers centred under it
        head = frame([kit.para(kit.marked(prompt(block), size * 1.3, col.on_card), spacing=1.1)],
                     inset=(CARD_PAD * 2, CARD_PAD * 1.5, CARD_PAD * 2, CARD_PAD * 1.5))
    else:
        head = frame([kit.para(kit.marked(prompt(block), size * 1.15, col.text, bold=True),
                               spacing=1.1)])
    laid_head = layout_frame(head, w)
    cards = []
    for label, text, _ in texts:
        if tf:
            par = kit.para(kit.run(text, size * 1.2, col.on_card, bold=True), align="center")
        else:
            par = kit.para([kit.run(label + " ", size, col.accent, bold=True),
                            *kit.marked(text, size, col.on_card)], spacing=1.1)
        cards.append(layout_frame(frame([par], valign="middle", inset=inset), card_w))
    card_h = max(max(frame_height(c) for c in cards), tick + 2 * CARD_PAD)
    rows = -(-len(cards) // cols)
    height = frame_height(laid_head) + gap * 1.5 + rows * card_h + (rows - 1) * gap
    return _Plan(size, laid_head, cards, card_h, height)


def quiz_body(kit: Kit, block: QuizBlock, x: float, y: float, w: float, h: float) -> list[Element]:
    """The question and its choices in the region (x, y, w, h), then the answer group.

    Text starts a little above the layout's body size and shrinks, a point at a time,
    until the question and every choice fit (never below 9 pt); room left over makes
    the cards taller, up to 40 %.
    """
    lay, col = kit.layout, kit.theme.colors
    gap = lay.gap
    tf = isinstance(block, TrueFalseQuiz)
    texts = choices(kit, block)
    longest = max(len(plain(t)) for _, t, _ in texts)
    cols = 2 if tf or (len(texts) >= 4 and longest <= 120 and w > 400) else 1
    size = lay.type.body * ROOMY
    plan = _plan(kit, block, w, size, cols, gap)
    while plan.height > h and size > SMALLEST:
        size = max(SMALLEST, size - 1.0)
        plan = _plan(kit, block, w, size, cols, gap)
    rows = -(-len(texts) // cols)
    card_h = plan.card_h + max(0.0, min((h - plan.height) / rows, plan.card_h * 0.4))

    out: list[Element] = []
    head_h = frame_height(plan.prompt)
    if tf:
        out.append(text_box(kit, x, y, w, head_h, plan.prompt, geometry="roundrect",
                            fill=col.card, name="Statement"))
    else:
        out.append(text_box(kit, x, y, w, head_h, plan.prompt, name="Question"))
    top = y + head_h + gap * 1.5
    card_w = (w - gap * (cols - 1)) / cols
    marks: list[Element] = []
    tick = plan.size * 1.6
    for i, ((label, text, right), laid) in enumerate(zip(texts, plan.cards, strict=True)):
        r, c = divmod(i, cols)
        cx, cy = x + c * (card_w + gap), top + r * (card_h + gap)
        name = text if tf else f"Choice {letter(i)}"
        words = said(label, text)
        out.append(text_box(kit, cx, cy, card_w, card_h, laid, geometry="roundrect",
                            fill=col.card, name=name))
        if not right:
            continue
        right_one = f"{kit.say('quiz_right')}: {words}"
        marks.append(Box(kit.new_id(), cx, cy, card_w, card_h, "roundrect", None,
                         col.accent, MARK_WIDTH, name=right_one, alt=right_one, reveal=1))
        mark = icon(kit, TICK, cx + card_w - CARD_PAD * 1.4 - tick, cy + (card_h - tick) / 2,
                    tick, on=col.card, text=col.on_card, reveal=1)
        if mark is not None:
            marks.append(mark)
    out.append(Group(kit.new_id("g"), tuple(marks), name="Answer", alt=answer_line(kit, block),
                     answer=True))
    return out
