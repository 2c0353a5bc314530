"""Local time ↔ stored UTC and month arithmetic for workshops (pure: no Flask, no database)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo


def to_utc(local: datetime, tz: tzinfo) -> datetime:
    """A wall-clock time in the organisation's zone as naive UTC (how every time is stored)."""
    return local.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


def to_local(stored: datetime, tz: tzinfo) -> datetime:
    """A stored naive-UTC time as naive wall-clock time in the organisation's zone."""
    return stored.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)


def combine(day: date, at: time, tz: tzinfo) -> datetime:
    """A local date and time of day as stored UTC."""
    return to_utc(datetime.combine(day, at), tz)


def month_key(day: date | datetime) -> str:
    """'YYYY-MM' of a date."""
    return f"{day.year:04d}-{day.month:02d}"


def local_month(stored: datetime, tz: tzinfo) -> str:
    """The local month a stored time falls in."""
    return month_key(to_local(stored, tz))


def parse_month(text: str) -> tuple[int, int] | None:
    """(year, month) from 'YYYY-MM', or None when it is not a month."""
    parts = (text or "").split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    year, month = int(parts[0]), int(parts[1])
    return (year, month) if 1 <= month <= 12 and year >= 1900 else None


def shift_month(month: str, count: int) -> str:
    """The month `count` months after (or before, when negative) a 'YYYY-MM' month."""
    year, number = parse_month(month) or (0, 0)
    index = year * 12 + number - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last, both included (empty when last is before first)."""
    months, current = [], first
    while current <= last:
        months.append(current)
        current = shift_month(current, 1)
    return months


def month_span(month: str, tz: tzinfo) -> tuple[datetime, datetime]:
    """The stored-UTC start (included) and end (excluded) of a local month."""
    year, number = parse_month(month) or (1970, 1)
    following = shift_month(month, 1)
    next_year, next_number = parse_month(following) or (1970, 2)
    return (to_utc(datetime(year, number, 1), tz), to_utc(datetime(next_year, next_number, 1), tz))
