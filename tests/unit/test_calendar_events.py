"""The calendar feed's iCalendar writer, from plain events: no app, no database."""
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from cxgov.rhythm.calendar_events import DAY_BEFORE_AT_NINE, FeedEvent, build, host_of, sequence, uid

ZONE = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def parse(events, terms=()) -> dict:
    calendar = Calendar.from_ical(build(events, "日历, test; calendar", ZONE, list(terms)))
    assert str(calendar["X-WR-CALNAME"]) == "日历, test; calendar"
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_a_timed_event_is_written_in_the_organisations_zone_with_escaped_text():
    start = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    event = parse([FeedEvent(uid="a@h", summary="共创, 第一场; x\\y", start=start, end=start + timedelta(hours=2),
                             changed_at=STAMP, sequence=3, location="HQ, 3F")])["a@h"]
    assert event.decoded("DTSTART") == datetime(2026, 7, 1, 14, 0, tzinfo=ZONE)  # summer time in Berlin
    assert str(event["SUMMARY"]) == "共创, 第一场; x\\y" and str(event["LOCATION"]) == "HQ, 3F"
    assert event.decoded("SEQUENCE") == 3 and event.decoded("DTSTAMP") == STAMP
    assert str(event["STATUS"]) == "CONFIRMED" and str(event["TRANSP"]) == "OPAQUE"


def test_an_all_day_deadline_ends_the_next_day_and_reminds_the_day_before():
    event = parse([FeedEvent(uid="d@h", summary="Due", start=date(2026, 12, 10), end=date(2026, 12, 10),
                             changed_at=STAMP, busy=False, alarm=DAY_BEFORE_AT_NINE)])["d@h"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2026, 12, 10), date(2026, 12, 11))
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(hours=15) and str(alarm["DESCRIPTION"]) == "Due"
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_a_cancelled_event_stays_marked_cancelled_and_rings_no_alarm():
    start = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    event = parse([FeedEvent(uid="c@h", summary="Off", start=start, end=start + timedelta(hours=1),
                             changed_at=STAMP, cancelled=True, alarm=-timedelta(hours=1))])["c@h"]
    assert str(event["STATUS"]) == "CANCELLED" and not event.walk("VALARM")


def test_the_same_events_give_the_same_bytes_whatever_their_order():
    one = FeedEvent(uid="1@h", summary="1", start=date(2026, 1, 2), end=date(2026, 1, 2), changed_at=STAMP)
    two = FeedEvent(uid="2@h", summary="2", start=date(2026, 1, 1), end=date(2026, 1, 1), changed_at=STAMP)
    assert build([one, two], "n", ZONE) == build([two, one], "n", ZONE)


def test_uids_take_the_configured_host_and_sequences_the_version():
    assert host_of("https://CX.example.com:8443/app/") == "cx.example.com"
    assert host_of("") == "cxgov" and host_of("not a url") == "cxgov"
    assert uid("workshop", 12, "cx.example.com") == "cxgov-workshop-12@cx.example.com"
    assert (sequence(1), sequence(4), sequence(None)) == (0, 3, 0)
