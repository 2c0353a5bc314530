"""Local time ↔ stored UTC and month arithmetic for workshops (pure: no Flask, no database)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo

from cxgov import months


def to_utc(local: datetime, tz: tzinfo) -> datetime:
    """A wall-clock time in the organisation's zone as the aware UTC moment every column stores."""
    return local.replace(tzinfo=tz).astimezone(UTC)


def to_local(stored: datetime, tz: tzinfo) -> datetime:
    """An aware stored moment as the organisation's (aware) wall-clock time."""
    if stored.tzinfo is None:  # astimezone would read it in the server's zone
        raise ValueError(f"to_local needs an aware time, not the naive {stored.isoformat()}")
    return stored.astimezone(tz)


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
    """The aware UTC start (included) and end (excluded) of a local month."""
    first = months.bounds(month)[0]
    following = months.bounds(months.shift(month, 1))[0]
    return to_utc(datetime.combine(first, time()), tz), to_utc(datetime.combine(following, time()), tz)
