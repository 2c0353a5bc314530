"""Calendar feeds as iCalendar (RFC 5545), from plain data: no Flask, no database.

`calendar.py` reads the records and words them; this module turns the resulting `FeedEvent`s into a VCALENDAR.
Timed events carry the organisation's zone (TZID plus its VTIMEZONE), all-day events are dates; every text is
escaped by the icalendar library; an event keeps its UID for life and its SEQUENCE grows with each change, so a
calendar app replaces the old copy instead of adding a second one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from cxgov.teams import ics

PRODID = "-//cxgov//Programme calendar//EN"
CONFIRMED, CANCELLED = "CONFIRMED", "CANCELLED"
# An all-day deadline reminds at 09:00 the day before (its start is midnight, local to the reader).
DAY_BEFORE_AT_NINE = -timedelta(hours=15)
DEFAULT_HOST = "cxgov"


@dataclass(frozen=True)
class FeedEvent:
    """What a calendar shows of one thing: a timed meeting (datetimes) or an all-day span (dates, end inclusive)."""

    uid: str
    summary: str
    start: date | datetime  # aware datetime, or a date for an all-day event
    end: date | datetime  # for a date: the last day
    changed_at: datetime  # aware; DTSTAMP and LAST-MODIFIED
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    busy: bool = True
    alarm: timedelta | None = None  # before the start
    alarm_text: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def host_of(base_url: str) -> str:
    """The host part of the configured base URL, the domain of every UID (never a request's Host header)."""
    return (urlsplit(base_url).hostname or "").lower() or DEFAULT_HOST


def uid(kind: str, key: object, host: str) -> str:
    """A UID that stays the same for the life of the record: cxgov-workshop-12@cx.example.com."""
    return f"cxgov-{kind}-{key}@{host}"


def sequence(version: int | None) -> int:
    """SEQUENCE from a record's version column: 0 for a record never changed since it was created."""
    return max(0, (version or 1) - 1)


def build(events: list[FeedEvent], name: str, zone: ZoneInfo, terms: list[ics.TermEvent] = ()) -> bytes:
    """The VCALENDAR: one VEVENT per event (and per rotation term), times in `zone` with its VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    # Always the zone's definition: it says which zone the feed speaks, and keeps a feed with no event yet valid
    # (RFC 5545 wants at least one component).
    calendar.add_component(Timezone.from_tzinfo(zone))
    for item in sorted(events, key=_order):
        calendar.add_component(_event(item, zone))
    for term in terms:
        calendar.add_component(ics.term_event(term))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _order(item: FeedEvent):
    """By start, then UID, so that two fetches of unchanged data give the same bytes."""
    start = item.start if not item.all_day else datetime.combine(item.start, datetime.min.time(), UTC)
    return start.astimezone(UTC), item.uid


def _event(item: FeedEvent, zone: ZoneInfo) -> Event:
    """One VEVENT; a cancelled one stays, marked CANCELLED, so that apps remove it from their copy."""
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", item.changed_at.astimezone(UTC))
    event.add("last-modified", item.changed_at.astimezone(UTC))
    if item.all_day:
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))  # DTEND of a date is exclusive
    else:
        event.add("dtstart", item.start.astimezone(zone))
        event.add("dtend", item.end.astimezone(zone))
    event.add("summary", item.summary)
    event.add("sequence", item.sequence)
    event.add("status", CANCELLED if item.cancelled else CONFIRMED)
    event.add("transp", "OPAQUE" if item.busy and not item.cancelled else "TRANSPARENT")
    for key, value in (("description", item.description), ("location", item.location), ("url", item.url)):
        if value:
            event.add(key, value)
    if item.alarm is not None and not item.cancelled:
        event.add_component(_alarm(item))
    return event


def _alarm(item: FeedEvent) -> Alarm:
    """A reminder shown by the calendar app before the start."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item.alarm_text or item.summary)
    alarm.add("trigger", item.alarm)
    return alarm
