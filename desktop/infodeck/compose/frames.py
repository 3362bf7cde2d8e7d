"""Step-by-step frames of a diagram, for printed handouts.

On a slide, the pathway, axis and cluster diagrams reveal their parts click by
click. Paper cannot animate, so a handout gets the same story as numbered frames:
frame *k* shows what the audience sees after click *k* ("Step k of n" in the
badge corner), and the last frame is the whole diagram. Every frame is composed
with the same badge height, so the diagram stands in the same place on each.
"""

from __future__ import annotations

from dataclasses import replace

from infodeck.compose.deck import diagram_slide
from infodeck.compose.diagrams import DiagramBlock, described
from infodeck.compose.kit import Kit
from infodeck.content.model import Pack, Section
from infodeck.scene.elements import Element, Group, Page, iter_elements
from infodeck.scene.markup import plain


def step_count(page: Page) -> int:
    """How many clicks reveal the page's parts (0: nothing is revealed step by step)."""
    return max((getattr(e, "reveal", 0) for e in iter_elements(page.elements)), default=0)


def _upto(elements: tuple[Element, ...], step: int) -> tuple[Element, ...]:
    """The elements shown after click ``step``; groups keep their revealed children."""
    out: list[Element] = []
    for el in elements:
        if isinstance(el, Group):
            out.append(replace(el, children=_upto(el.children, step)))
        elif getattr(el, "reveal", 0) <= step:
            out.append(el)
    return tuple(out)


def step_frames(kit: Kit, pack: Pack, section: Section, d: DiagramBlock) -> list[Page]:
    """One page per click of the diagram's reveal, numbered; empty when it has none."""
    first = diagram_slide(kit, pack, section, d, "diagram", step_badge=kit.say("step", k=1, n=1))
    n = step_count(first)
    frames = []
    for k in range(1, n + 1):
        step = kit.say("step", k=k, n=n)
        page = diagram_slide(kit, pack, section, d, "diagram", step_badge=step)
        frames.append(
            replace(
                page,
                elements=_upto(page.elements, k),
                alt=plain(f"{step}. {described(kit, d)}"),
                title=f"{page.title} (step {k} of {n})",
            )
        )
    return frames
