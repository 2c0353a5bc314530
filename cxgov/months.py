"""Month arithmetic on 'YYYY-MM' strings, written once (pure: no Flask, no database).

Every function refuses a malformed month with ValueError instead of inventing one
(an older copy turned 'x' into '-001-12'); a door turns that into its own refusal.
"""
from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime

_MONTH = re.compile(r"(\d{4})-(\d{2})")
FIRST_YEAR, LAST_YEAR = 1900, 9999


def parse(month: str) -> tuple[int, int]:
    """'2026-11' → (2026, 11); ValueError when it is not a month from 1900-01 to 9999-12."""
    if not isinstance(month, str):
        raise ValueError(f"not a month: {month!r}")
    return _parse(month)


@functools.lru_cache(maxsize=4096)  # a page reads the same few months for each of its hundreds of targets
def _parse(month: str) -> tuple[int, int]:
    """parse() of a string (refusals are not cached: only months from 1900 to 9999 fill the cache)."""
    match = _MONTH.fullmatch(month)
    if match is None:
        raise ValueError(f"not a month: {month!r}")
    year, mon = int(match.group(1)), int(match.group(2))
    if not (1 <= mon <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise ValueError(f"not a month: {month!r}")
    return year, mon


def is_month(month: str) -> bool:
    """True for a well-formed 'YYYY-MM' month."""
    try:
        parse(month)
    except ValueError:
        return False
    return True


def month_of(day: date | datetime) -> str:
    """The 'YYYY-MM' a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def shift(month: str, delta: int) -> str:
    """The month `delta` months after (before, when negative) the given one; ValueError when out of range."""
    year, mon = parse(month)
    index = year * 12 + (mon - 1) + delta
    shifted = f"{index // 12:04d}-{index % 12 + 1:02d}"
    parse(shifted)  # refuses a shift past the years a month may have
    return shifted


def bounds(month: str) -> tuple[date, date]:
    """First and last day of a month."""
    return _bounds(*parse(month))


@functools.lru_cache(maxsize=4096)
def _bounds(year: int, mon: int) -> tuple[date, date]:
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def between(first: str, last: str) -> list[str]:
    """Every month from first to last, both included (empty when last is before first)."""
    parse(last)
    months, current = [], first
    while current <= last:
        months.append(current)
        current = shift(current, 1)
    return months


def quarter_of(month: str) -> tuple[int, int]:
    """'2026-11' → (2026, 4)."""
    year, mon = parse(month)
    return year, (mon - 1) // 3 + 1


def quarter_key(month: str) -> str:
    """'2026-11' → '2026-Q4'."""
    year, quarter = quarter_of(month)
    return f"{year:04d}-Q{quarter}"


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    """The quarter before (year, quarter)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"not a quarter: {quarter!r}")
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def year_of(month: str) -> str:
    """'2026-11' → '2026'."""
    return f"{parse(month)[0]:04d}"
