"""The one-page infographic's decisions: what each section shows, and on which page.

A teacher prints one sheet or posts one picture, so the infographic fits its
sections on one page by default. This module decides, from measured heights only
(it draws nothing), in a fixed order of things to give up:

1. pictures and quotes (the least important sections' first);
2. a long pathway's boxes: it becomes a compact numbered flow of text;
3. text size, in steps down to the layout's print floor, never below;
4. parts of sections, each from the end of its ``infographic.show`` list, the
   sections with the largest ``priority`` number (then the last ones) first;
5. whole sections, which are then named to the teacher.

After the first state that fits, the text is made as large again as that state
allows. More pages (``pages``) let the same order stop earlier. The pack's order
is the reading order: sections flow down the columns of a page, then to the next
page, never reordered. Ties are broken by position, so the same inputs always
give the same plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

EXTRAS = ("picture", "quote")  # given up first: they illustrate, the rest informs


@dataclass(frozen=True)
class Entry:
    """A section as the planner sees it: the parts it has and asks for, and its weight."""

    sid: str
    title: str
    wanted: tuple[str, ...]  # most important first; never empty
    priority: int  # 1 keeps its parts longest
    pathway: bool = False  # its diagram is a pathway, which has a compact form


@dataclass(frozen=True)
class State:
    """One try: the parts each entry shows, the compact pathways, the text scale."""

    parts: tuple[tuple[str, ...], ...]
    compact: frozenset[int] = frozenset()
    scale: int = 0  # an index into the scales; 0 is the layout's own sizes
    left_out: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PagePlan:
    """The entries of one page, by column, and how full the page is before spare room is shared."""

    columns: tuple[tuple[int, ...], ...]
    heights: tuple[float, ...]  # each column's natural height
    room: float

    @property
    def fill(self) -> float:
        """The share of the page's columns that content covers (0–1)."""
        return sum(self.heights) / (self.room * len(self.heights)) if self.room > 0 else 1.0


@dataclass(frozen=True)
class Plan:
    """What to draw: the state chosen and its pages."""

    state: State
    pages: tuple[PagePlan, ...]
    scales: tuple[float, ...]
    given_up: tuple[tuple[int, str], ...] = field(default=())  # (entry, part) not shown

    @property
    def scale(self) -> float:
        """The factor applied to the layout's type sizes (the floor is never crossed)."""
        return self.scales[self.state.scale]


# Height of an entry's block (entry, its parts, compact, scale index) and of a gap.
Measure = Callable[[int, tuple[str, ...], bool, int], float]


def scales(body: float, floor: float, steps: int = 3) -> tuple[float, ...]:
    """Factors from 1 down to the one that sets body text at ``floor``."""
    low = floor / body if body > 0 else 1.0
    if low >= 1.0:
        return (1.0,)
    return tuple(round(1.0 - (1.0 - low) * k / steps, 4) for k in range(steps + 1))


def _flow(hs: list[float], cap: float, gap: float) -> list[int]:
    """Where columns start when blocks flow down columns ``cap`` tall (never split)."""
    starts = [0]
    used = 0.0
    for k, h in enumerate(hs):
        need = h if used == 0.0 else used + gap + h
        if need > cap + 1e-6 and used > 0.0:
            starts.append(k)
            used = h
        else:
            used = need
    return starts


def columns(hs: list[float], n: int, gap: float) -> tuple[float, list[int]]:
    """Cut ``hs`` (in order) into at most ``n`` columns with the shortest tallest column.

    Returns that height and the cut positions (start index of each column after the
    first). Found by bisecting the column height: blocks flowing into columns of a
    height either fit ``n`` columns or not. The left columns are the fuller ones.
    """
    if not hs:
        return 0.0, []
    total = sum(hs) + gap * (len(hs) - 1)
    if n <= 1 or len(hs) == 1:
        return total, []
    lo, hi = max(hs), total
    for _ in range(40):
        if hi - lo < 0.05:
            break
        mid = (lo + hi) / 2
        if len(_flow(hs, mid, gap)) <= n:
            hi = mid
        else:
            lo = mid
    starts = _flow(hs, hi, gap)
    bounds = [*starts, len(hs)]
    tallest = max(sum(hs[a:b]) + gap * (b - a - 1) for a, b in itertools.pairwise(bounds))
    return tallest, starts[1:]


@dataclass
class Planner:
    """Plans the pages of ``entries`` from ``measure``'d block heights.

    ``rooms`` is the height a column has on the first page and on the others;
    ``ncols`` the columns of a page; ``gap`` the space between blocks in a column.
    """

    entries: list[Entry]
    measure: Measure
    rooms: tuple[float, float]
    ncols: int
    gap: float
    scales: tuple[float, ...]
    pages: int = 1
    _memo: dict[tuple[object, ...], float] = field(default_factory=dict)

    def height(self, state: State, i: int) -> float:
        """The block height of entry ``i`` in ``state`` (memoised)."""
        key = (i, state.parts[i], i in state.compact, state.scale)
        if key not in self._memo:
            self._memo[key] = self.measure(i, state.parts[i], i in state.compact, state.scale)
        return self._memo[key]

    def _page(self, state: State, ids: list[int], first: bool) -> PagePlan:
        room = self.rooms[0] if first else self.rooms[1]
        hs = [self.height(state, i) for i in ids]
        _, cuts = columns(hs, self.ncols, self.gap)
        bounds = [0, *cuts, len(ids)]
        cols = [tuple(ids[a:b]) for a, b in itertools.pairwise(bounds)]
        cols += [()] * (self.ncols - len(cols))
        heights = tuple(
            sum(self.height(state, i) for i in c) + self.gap * max(0, len(c) - 1) for c in cols
        )
        return PagePlan(tuple(cols), heights, room)

    def _fits(self, state: State, ids: list[int], first: bool) -> bool:
        room = self.rooms[0] if first else self.rooms[1]
        hs = [self.height(state, i) for i in ids]
        return max(hs, default=0.0) <= room + 1e-6 and len(_flow(hs, room, self.gap)) <= self.ncols

    def paginate(self, state: State) -> list[PagePlan] | None:
        """The fewest pages that hold the state, balanced; None if a block fits no page.

        Blocks flow down the columns of a page, then on to the next page (the
        fewest pages); up to 40 sections, the cuts between pages are then moved
        so the fullest page is as empty as it can be.
        """
        ids = [i for i in range(len(self.entries)) if i not in state.left_out]
        groups: list[list[int]] = []
        cur: list[int] = []
        col_used, col = 0.0, 0
        for i in ids:
            h = self.height(state, i)
            room = self.rooms[0] if not groups else self.rooms[1]
            if h > max(self.rooms) + 1e-6:
                return None  # one block taller than a page
            need = h if not cur or col_used == 0.0 else col_used + self.gap + h
            if need <= room + 1e-6:
                cur.append(i)
                col_used = need
                continue
            if cur and col + 1 < self.ncols and h <= room + 1e-6:
                col, col_used = col + 1, h
                cur.append(i)
                continue
            if not cur:
                return None  # taller than the first page's room
            groups.append(cur)
            cur, col, col_used = [i], 0, h
            if h > self.rooms[1] + 1e-6:
                return None
        groups.append(cur)
        if 1 < len(groups) <= self.pages and len(ids) <= 40:  # worth balancing: acceptable
            groups = self._balanced(state, ids, len(groups)) or groups
        return [self._page(state, g, k == 0) for k, g in enumerate(groups)]

    def _balanced(self, state: State, ids: list[int], k: int) -> list[list[int]] | None:
        """``ids`` cut into ``k`` pages so the fullest page is as empty as it can be."""
        n = len(ids)
        inf = float("inf")

        def cost(a: int, b: int, page: int) -> float:
            if a == b:
                return 0.0
            room = self.rooms[0] if page == 0 else self.rooms[1]
            hs = [self.height(state, i) for i in ids[a:b]]
            tallest = columns(hs, self.ncols, self.gap)[0]
            return tallest / room if tallest <= room + 1e-6 else inf

        best = [[inf] * (n + 1) for _ in range(k + 1)]
        cut = [[0] * (n + 1) for _ in range(k + 1)]
        best[0][0] = 0.0
        for p in range(1, k + 1):
            for j in range(1, n + 1):
                for i in range(p - 1, j):
                    if best[p - 1][i] == inf:
                        continue
                    v = max(best[p - 1][i], cost(i, j, p - 1))
                    if v < best[p][j] - 1e-9:
                        best[p][j], cut[p][j] = v, i
        if best[k][n] == inf:
            return None
        out: list[list[int]] = []
        j = n
        for p in range(k, 0, -1):
            i = cut[p][j]
            out.append(ids[i:j])
            j = i
        return out[::-1]

    def acceptable(self, pages: list[PagePlan] | None) -> bool:
        """At most ``pages`` pages, none but the last less than half full."""
        if pages is None or len(pages) > self.pages:
            return False
        return all(p.fill >= 0.5 for p in pages[:-1])

    def order(self) -> list[int]:
        """Entries from the first to give things up to the last: larger priority, later."""
        return sorted(range(len(self.entries)), key=lambda i: (-self.entries[i].priority, -i))

    def ladder(self) -> Iterator[State]:
        """States from the richest to the barest, each giving up one more thing."""
        st = State(tuple(e.wanted for e in self.entries))
        yield st
        for i in self.order():  # 1. pictures and quotes
            for extra in EXTRAS:
                if extra in st.parts[i] and len(st.parts[i]) > 1:
                    st = _without(st, i, extra)
                    yield st
        long_first = sorted(
            (i for i, e in enumerate(self.entries) if e.pathway and "diagram" in st.parts[i]),
            key=lambda i: i,
        )
        for i in long_first:  # 2. compact pathways
            st = replace(st, compact=st.compact | {i})
            yield st
        for s in range(1, len(self.scales)):  # 3. smaller text, down to the floor
            st = replace(st, scale=s)
            yield st
        dropping = True
        while dropping:  # 4. parts, from the ends of the show lists, a round at a time
            dropping = False
            for i in self.order():
                if len(st.parts[i]) > 1:
                    st = _without(st, i, st.parts[i][-1])
                    dropping = True
                    yield st
        for i in self.order():  # 5. whole sections
            st = replace(st, left_out=st.left_out | {i})
            if len(st.left_out) < len(self.entries):
                yield st

    def plan(self) -> Plan:
        """The richest acceptable state: the ladder's first, then given back what still fits.

        The ladder gives things up a round at a time, so its first acceptable state
        may have given up more than it had to: each thing given up is offered back,
        the last given up (the most important) first, then the text is made as
        large again as the result allows.
        """
        chosen: State | None = None
        pages: list[PagePlan] | None = None
        history: list[State] = []
        for st in self.ladder():
            pages = self.paginate(st)
            if self.acceptable(pages):
                chosen = st
                break
            history.append(st)
        if chosen is None:  # not even one section's barest block fits: show the first
            keep = frozenset(range(1, len(self.entries)))
            chosen = State(tuple(e.wanted[:1] for e in self.entries), frozenset(),
                           len(self.scales) - 1, keep)
            pages = self.paginate(chosen) or [PagePlan(((0,),), (0.0,), self.rooms[0])]
        else:
            for back in self._undos(history, chosen):
                trial = self.paginate(back)
                if self.acceptable(trial):
                    chosen, pages = back, trial
        for s in range(chosen.scale):  # as large again as the parts chosen allow
            bigger = replace(chosen, scale=s)
            trial = self.paginate(bigger)
            if self.acceptable(trial):
                chosen, pages = bigger, trial
                break
        assert pages is not None
        given = tuple(
            (i, p)
            for i, e in enumerate(self.entries)
            if i not in chosen.left_out
            for p in e.wanted
            if p not in chosen.parts[i]
        )
        return Plan(chosen, tuple(pages), self.scales, given)

    def _undos(self, history: list[State], chosen: State) -> Iterator[State]:
        """``chosen`` with one more of the things the ladder gave up given back, in turn.

        Each offer builds on the ones accepted before it (the caller keeps a state
        only when it is acceptable, and the next offer is made to the state kept).
        """
        steps = [*history, chosen]
        cur = chosen
        for before, after in reversed(list(itertools.pairwise(steps))):
            back = _undo(cur, before, after)
            if back is not None and self._extra_first(cur, back):
                continue  # a picture or quote only once nothing more important is missing
            if back is not None:
                trial = self.paginate(back)
                if self.acceptable(trial):
                    cur = back
                    yield back


    def _extra_first(self, cur: State, back: State) -> bool:
        """Whether ``back`` regains a picture or quote while more important parts are missing.

        Pictures and quotes come after every section's takeaway, stat and diagram (and
        after every section left out).
        """
        regained = {p for a, b in zip(cur.parts, back.parts, strict=True) for p in b if p not in a}
        if not regained or not regained <= set(EXTRAS):
            return False
        return bool(cur.left_out) or any(
            p not in cur.parts[i] and p not in EXTRAS
            for i, e in enumerate(self.entries)
            for p in e.wanted
        )


def _undo(cur: State, before: State, after: State) -> State | None:
    """``cur`` with the one change from ``before`` to ``after`` reverted (not the scale)."""
    if after.left_out != before.left_out:
        return replace(cur, left_out=cur.left_out - (after.left_out - before.left_out))
    if after.compact != before.compact:
        return replace(cur, compact=cur.compact - (after.compact - before.compact))
    for i, (a, b) in enumerate(zip(before.parts, after.parts, strict=True)):
        if a != b:
            lost = [p for p in a if p not in b]
            parts = list(cur.parts)
            parts[i] = tuple(p for p in a if p in cur.parts[i] or p in lost)
            return replace(cur, parts=tuple(parts))
    return None


def _without(st: State, i: int, part: str) -> State:
    parts = list(st.parts)
    parts[i] = tuple(p for p in parts[i] if p != part)
    return replace(st, parts=tuple(parts))
