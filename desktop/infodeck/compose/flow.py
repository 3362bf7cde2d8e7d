"""Flowing blocks down a column: shrink to fit, then continue on the next page.

A flow item knows how to build its text at a given base size. ``flow`` first looks
for the largest size (down to the floor) at which everything fits one column; if
nothing fits even at the floor, it fills columns at the floor size and splits text
between paragraphs or, for a paragraph taller than a column, between lines. Text
is never clipped and never leaves its column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from infodeck.scene.elements import Paragraph, Run, TextFrame
from infodeck.scene.text import frame_height, layout_frame, line_height

Builder = Callable[[float], TextFrame]


@dataclass(frozen=True)
class Item:
    """A block of the flow: text built at a size, or a fixed-height element."""

    build: Builder | None = None
    fixed_height: float = 0.0  # for pictures and other non-text items
    payload: object = None  # what the placer needs for non-text items
    style: str = "text"  # "text" or "quote": how the placer decorates it
    keep_whole: bool = False


@dataclass(frozen=True)
class Placed:
    """An item (or part of one) placed in a column at ``y`` with its laid text."""

    item: Item
    y: float
    height: float
    frame: TextFrame | None


def _height(item: Item, size: float, width: float) -> float:
    if item.build is None:
        return item.fixed_height
    return frame_height(layout_frame(item.build(size), width))


def best_size(
    items: list[Item], width: float, height: float, gap: float, size: float, floor: float
) -> float | None:
    """The largest size (in 1 pt steps, down to ``floor``) at which all items fit."""
    sizes: list[float] = []
    s = size
    while s > floor + 1e-9:
        sizes.append(s)
        s -= 1.0
    sizes.append(floor)
    for s in sizes:
        total = sum(_height(it, s, width) for it in items) + gap * max(0, len(items) - 1)
        if total <= height + 1e-6:
            return s
    return None


def _par_from_lines(par: Paragraph, lines: tuple) -> Paragraph:  # type: ignore[type-arg]
    """A paragraph holding just the text of ``lines`` of ``par`` (runs rebuilt)."""
    runs: list[Run] = []
    for n, ln in enumerate(lines):
        for j, seg in enumerate(ln.segments):
            joint = n and not j and not runs[-1].text.endswith("-")  # no space after a hyphen
            text = (" " if joint else "") + seg.text
            if runs and runs[-1].font == seg.run.font and runs[-1].color == seg.run.color:
                runs[-1] = replace(runs[-1], text=runs[-1].text + text)
            else:
                runs.append(replace(seg.run, text=text))
    return replace(par, runs=tuple(runs), lines=())


def split_frame(laid: TextFrame, max_h: float) -> tuple[TextFrame, TextFrame] | None:
    """Split a laid-out frame so the head fits ``max_h`` (outer height).

    Splits between paragraphs when it can, else between lines. Returns unlaid
    (head, tail) frames, or None when not even one line fits.
    """
    avail = max_h - laid.inset_t - laid.inset_b
    head: list[Paragraph] = []
    y = 0.0
    for i, par in enumerate(laid.paragraphs):
        lh = line_height(par)
        start = y + (par.space_before if i else 0.0)
        n_fit = 0
        for k in range(len(par.lines)):
            if start + (k + 1) * lh <= avail + 1e-6:
                n_fit = k + 1
        if n_fit == len(par.lines):
            head.append(replace(par, lines=()))
            y = start + len(par.lines) * lh
            continue
        rest = list(laid.paragraphs[i + 1 :])
        if n_fit:
            head.append(_par_from_lines(par, par.lines[:n_fit]))
            tail_first = _par_from_lines(par, par.lines[n_fit:])
            if par.bullet:  # the continuation of a bullet is not a new bullet
                tail_first = replace(tail_first, bullet=None)
        else:
            tail_first = replace(par, lines=())
        if not head:
            return None
        tail = [replace(tail_first, space_before=0.0)] + [replace(p, lines=()) for p in rest]
        return (
            replace(laid, paragraphs=tuple(head), content_height=0.0),
            replace(laid, paragraphs=tuple(tail), content_height=0.0),
        )
    return None


def paginate(
    items: list[Item], width: float, height: float, gap: float, size: float
) -> list[list[Placed]]:
    """Fill columns of ``height`` at ``size``, splitting text items as needed."""
    columns: list[list[Placed]] = [[]]
    y = 0.0
    queue: list[tuple[Item, TextFrame | None]] = [(it, None) for it in items]
    while queue:
        item, pending = queue.pop(0)
        col = columns[-1]
        top = y + (gap if col else 0.0)
        room = height - top
        if item.build is None:
            h = item.fixed_height
            if h > room and col:
                columns.append([])
                y = 0.0
                queue.insert(0, (item, None))
                continue
            col.append(Placed(item, top, min(h, height), None))
            y = top + min(h, height)
            continue
        laid = layout_frame(pending if pending is not None else item.build(size), width)
        h = frame_height(laid)
        if h <= room + 1e-6:
            col.append(Placed(item, top, h, laid))
            y = top + h
            continue
        if item.keep_whole and h <= height and col:
            columns.append([])
            y = 0.0
            queue.insert(0, (item, laid))
            continue
        parts = split_frame(laid, room)
        if parts is None:
            if not col:  # not a single line fits an empty column: give it the column
                col.append(Placed(item, top, h, laid))
                y = top + h
                continue
            columns.append([])
            y = 0.0
            queue.insert(0, (item, laid))
            continue
        head, tail = parts
        head_laid = layout_frame(head, width)
        col.append(Placed(item, top, frame_height(head_laid), head_laid))
        columns.append([])
        y = 0.0
        queue.insert(0, (item, tail))
    return [c for c in columns if c]
