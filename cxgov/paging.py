"""One page of a long list of rows a page shows (departments of a heatmap, a table, a chart): pure, no Flask.

A large company has hundreds of departments; a page that draws every one of them costs time that grows with
the company. The page shows PER_PAGE rows at a time and says which ones, and how to reach the others; a
company with fewer rows sees them all on one page, exactly as before.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PER_PAGE = 25


@dataclass(frozen=True)
class Window:
    """The rows of one page of a list, with where they sit in the whole list."""

    items: list[Any]
    page: int  # 1-based
    pages: int
    total: int
    first: int  # 1-based position of the first row shown, 0 when the list is empty
    last: int

    @property
    def has_prev(self) -> bool:
        """A page before this one."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """A page after this one."""
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        """The page before."""
        return self.page - 1

    @property
    def next_num(self) -> int:
        """The page after."""
        return self.page + 1


def page_number(raw: Any) -> int:
    """A page number from a query argument: a whole number from 1, anything else is the first page."""
    text = str(raw or "").strip()
    return int(text) if text.isdecimal() and len(text) < 10 and int(text) > 0 else 1  # "²", 10**5000: not pages


def window(items: Sequence[Any], page: Any = 1, per_page: int = PER_PAGE) -> Window:
    """The rows of one page; a page beyond the last shows the last one."""
    total = len(items)
    pages = max(1, -(-total // per_page))
    page = min(page_number(page), pages)
    start = (page - 1) * per_page
    shown = list(items[start:start + per_page])
    return Window(shown, page, pages, total, start + 1 if shown else 0, start + len(shown))
