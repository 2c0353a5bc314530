"""Local time ↔ stored UTC and month arithmetic for workshops (pure: no Flask, no database)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo

from cxgov import months


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
    return months.month_of(day)


def local_month(stored: datetime, tz: tzinfo) -> str:
    """The local month a stored time falls in."""
    return month_key(to_local(stored, tz))


def parse_month(text: str) -> tuple[int, int] | None:
    """(year, month) from 'YYYY-MM', or None when it is not a month."""
    try:
        return months.parse(text)
    except ValueError:
        return None


# Month arithmetic is the one month module's (it refuses a malformed month instead of inventing '-001-12').
shift_month = months.shift
months_between = months.between


def month_span(month: str, tz: tzinfo) -> tuple[datetime, datetime]:
    """The stored-UTC start (included) and end (excluded) of a local month."""
    first = months.bounds(month)[0]
    following = months.bounds(months.shift(month, 1))[0]
    return to_utc(datetime.combine(first, time()), tz), to_utc(datetime.combine(following, time()), tz)
