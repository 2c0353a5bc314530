"""What a workshop hands out as a file: an .ics invitation (its sign-in sheet is made by reports/documents.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar


@dataclass(frozen=True)
class CalendarEvent:
    """What a calendar needs to know of a workshop (aware times, as stored)."""

    uid: str
    sequence: int
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    location: str
    url: str
    organizer_email: str | None
    organizer_name: str | None
    cancelled: bool
    stamp: datetime


def _utc(value: datetime) -> datetime:
    """The time in UTC, so the file carries a 'Z' time every calendar places right."""
    return value.astimezone(UTC)


def ics_bytes(event: CalendarEvent) -> bytes:
    """An iCalendar file with one event; a cancelled workshop is sent as a cancellation."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//cxgov//workshops//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if event.cancelled else "PUBLISH")
    item = icalendar.Event()
    item.add("uid", event.uid)
    item.add("sequence", event.sequence)
    item.add("dtstamp", _utc(event.stamp))
    item.add("dtstart", _utc(event.starts_at))
    item.add("dtend", _utc(event.ends_at))
    item.add("summary", event.title)
    item.add("description", event.description)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.location:
        item.add("location", event.location)
    if event.url:
        item.add("url", event.url)
    if event.organizer_email:
        organizer = icalendar.vCalAddress(f"mailto:{event.organizer_email}")
        if event.organizer_name:
            organizer.params["cn"] = icalendar.vText(event.organizer_name)
        item.add("organizer", organizer)
    calendar.add_component(item)
    return calendar.to_ical()
