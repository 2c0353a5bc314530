"""The rotation as an iCalendar file (RFC 5545): one all-day event per term, with a stable UID."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event


@dataclass(frozen=True)
class TermEvent:
    """What a calendar shows of one term."""

    uid: str
    starts_on: date
    ends_on: date  # the term's last day
    summary: str
    description: str
    sequence: int  # grows when the term changes, so calendar apps replace the old event
    changed_at: datetime  # aware, as stored


def build(events: list[TermEvent], name: str) -> bytes:
    """A calendar with one event per term."""
    calendar = Calendar()
    calendar.add("prodid", "-//cxgov//Project director rotation//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in events:
        calendar.add_component(term_event(item))
    return calendar.to_ical()


def term_event(item: TermEvent) -> Event:
    """One all-day event spanning the term (DTEND is the day after the last day)."""
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", item.changed_at.astimezone(UTC))
    event.add("dtstart", item.starts_on)
    event.add("dtend", item.ends_on + timedelta(days=1))
    event.add("summary", item.summary)
    event.add("description", item.description)
    event.add("sequence", item.sequence)
    event.add("transp", "TRANSPARENT")  # a term does not make anyone busy all quarter
    return event


def rotation_ics(terms, host: str, page_url: str) -> bytes:
    """The calendar of the given terms (models, by date), in the reader's language."""
    from flask_babel import gettext as _

    return build(term_events(terms, host, page_url), _("CX project director rotation"))


def term_events(terms, host: str, page_url: str) -> list[TermEvent]:
    """One event per term (models, by date), worded in the reader's language; the calendar feeds reuse them."""
    from flask_babel import gettext as _

    from cxgov.teams.labels import term_label

    by_start = {t.starts_on: t for t in terms}
    events = []
    for term in terms:
        label = term_label(term.plan.cadence, term.starts_on)
        following = by_start.get(term.ends_on + timedelta(days=1))
        name = term.director.name if term.director else _("vacant")
        lines = [_("Project director of the virtual CX team, %(term)s: %(name)s", term=label, name=name)]
        if following is not None and following.director is not None:
            lines.append(_("Next director (deputy): %(name)s", name=following.director.name))
        lines.append(page_url)
        events.append(TermEvent(
            uid=f"cxgov-rotation-{term.plan_id}-{term.number}@{host}", starts_on=term.starts_on,
            ends_on=term.ends_on, summary=_("CX project director: %(name)s", name=name),
            description="\n".join(lines), sequence=max(0, term.version - 1), changed_at=term.updated_at))
    return events
