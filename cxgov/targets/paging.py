"""A page of departments on the target pages (pure: no Flask, no database).

A large company has hundreds of departments; the month board and the company grid show a page of them at a
time, so a request costs the same however many there are. A company of up to PAGE_SIZE departments sees them
all on one page, with no page links.
"""
from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 20


@dataclass(frozen=True)
class Window:
    """Page `number` (from 1) of `total` items, `size` to a page."""

    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        """How many pages there are (one, even when empty)."""
        return max(1, -(-self.total // self.size))

    @property
    def start(self) -> int:
        """Index of the page's first item."""
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        """Index after the page's last item."""
        return min(self.start + self.size, self.total)

    @property
    def has_prev(self) -> bool:
        """True when a page comes before."""
        return self.number > 1

    @property
    def has_next(self) -> bool:
        """True when a page comes after."""
        return self.number < self.pages

    def of(self, items: list) -> list:
        """The page's share of the items."""
        return items[self.start:self.stop]


def window(requested: int | None, total: int, size: int = PAGE_SIZE) -> Window:
    """The page asked for, kept within the pages there are (a page past the end shows the last)."""
    pages = max(1, -(-total // size))
    return Window(min(max(requested or 1, 1), pages), total, size)
