"""A rectangle in points, the one both template reading and composing measure with.

It sits on the shared floor so ``infodeck.template`` (what a template's layouts
hold) and ``infodeck.compose.room`` (the room they leave for content) speak of the
same rectangles without one importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    """A rectangle in points, x and y from the page's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def area(self) -> float:
        return max(self.w, 0.0) * max(self.h, 0.0)

    def overlap(self, other: Rect) -> float:
        """The area both rectangles cover (slivers under 0.01 pt from rounding aside)."""
        w = min(self.right, other.right) - max(self.x, other.x)
        h = min(self.bottom, other.bottom) - max(self.y, other.y)
        return w * h if w > 0.01 and h > 0.01 else 0.0

    def overlaps(self, other: Rect, slack: float = 0.5) -> bool:
        """Whether the two share more than a hairline (``slack`` points) of area."""
        return (
            min(self.right, other.right) - max(self.x, other.x) > slack
            and min(self.bottom, other.bottom) - max(self.y, other.y) > slack
        )

    def holds(self, other: Rect, slack: float = 0.5) -> bool:
        """Whether ``other`` lies inside this rectangle (within ``slack`` points)."""
        return (
            other.x >= self.x - slack
            and other.y >= self.y - slack
            and other.right <= self.right + slack
            and other.bottom <= self.bottom + slack
        )

    def union(self, other: Rect) -> Rect:
        """The smallest rectangle holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def rounded(self) -> tuple[float, float, float, float]:
        return (round(self.x, 1), round(self.y, 1), round(self.w, 1), round(self.h, 1))

    def __str__(self) -> str:
        return f"{self.w:.0f}×{self.h:.0f} pt at ({self.x:.0f}, {self.y:.0f})"
