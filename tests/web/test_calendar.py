"""Calendar feeds through the web, parsed with the icalendar library as a calendar app would read them: a
person's workshops at local time, deadlines as all-day events with an alarm, stable UIDs and rising SEQUENCE,
addresses that stop working when reset or when their owner is deactivated, and the CX office's company feed."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from cxgov.extensions import db
from cxgov.org import operations as org
from cxgov.rhythm.calendar_models import CalendarFeed
from cxgov.workshops import operations as workshops
from tests.factories import make_cycle, make_department, make_organisation, make_user

TODAY = date(2026, 12, 3)
SHANGHAI = ZoneInfo("Asia/Shanghai")
BASE = "https://cx.example.com"
TITLE = "共创：送装 48 小时, 第一场; Co-creating the 48-hour promise"
ADDRESS = re.compile(r'value="(https?://[^"]+\.ics)"')


@pytest.fixture
def people(app, on_day):
    """A customer-service department in an open cycle due on 10 December, HR, the CX office and a designer."""
    on_day(TODAY)
    app.config["CXGOV_BASE_URL"] = BASE + "/"
    make_organisation()
    cs, prd = make_department("CS"), make_department("PRD")
    found = {"hr": make_user("hr@example.com", roles=["hr"], name="韩梅 Han Mei"),
             "cxo": make_user("cxo@example.com", roles=["cx_office"], name="周敏 Zhou Min"),
             "agent": make_user("agent@example.com", department=cs, name="李娜 Li Na"),
             "designer": make_user("designer@example.com", department=prd, name="孙浩 Sun Hao")}
    make_cycle([cs], state="open", name="2026 秋季 Autumn", opens_on=date(2026, 11, 20), due_on=date(2026, 12, 10))
    return found


def workshop(people, invite, start=datetime(2026, 12, 17, 6, 0, tzinfo=UTC), title=TITLE):
    """A two-hour workshop run by HR (14:00–16:00 in Shanghai by default)."""
    data = {"title": title, "topic": "夜间报修 Night-time faults", "starts_at": start,
            "ends_at": start + timedelta(hours=2), "location": "HQ 3F", "online_url": "",
            "facilitator_id": people["hr"].id, "method": "brainstorming", "method_note": "", "employees_count": 0,
            "customers_count": 0, "experts_count": 0, "core_users_count": 0, "cocreator_notes": "", "capacity": 30}
    item = workshops.create_workshop(data, [], [people[k] for k in invite], people["hr"])
    db.session.commit()
    return item


def new_address(client, email: str, url: str = "/account/calendar/reset") -> str:
    """Sign in, create (or reset) a feed address, read it off the answer page, sign out."""
    client.login(email)
    page = client.submit(url)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    found = ADDRESS.findall(page.get_data(as_text=True))
    assert len(found) == 1
    client.submit("/logout")
    return found[0]


def fetch(app, address: str) -> Calendar:
    """Read a feed without signing in, from a request whose Host header says something else."""
    response = app.test_client().get(urlsplit(address).path, headers={"Host": "evil.example"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response.headers["Cache-Control"] and "private" in response.headers["Cache-Control"]
    return valid(Calendar.from_ical(response.data))


def status_of(app, address: str) -> int:
    return app.test_client().get(urlsplit(address).path).status_code


def valid(calendar: Calendar) -> Calendar:
    """RFC 5545 basics: VERSION and PRODID; every event has UID, DTSTAMP and DTSTART; no two share a UID."""
    assert calendar.name == "VCALENDAR" and str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    assert calendar.subcomponents  # at least one component, even with no event yet
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    events = calendar.walk("VEVENT")
    for event in events:
        assert all(event.get(key) is not None for key in ("UID", "DTSTAMP", "DTSTART")), event
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    return calendar


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_my_workshop_at_its_local_time_and_my_deadlines_with_an_alarm(client, app, people):
    item = workshop(people, invite=["agent"])
    address = new_address(client, "agent@example.com")
    assert address.startswith(BASE + "/calendar/")

    mine = events(fetch(app, address))
    event = mine[f"cxgov-workshop-{item.id}@cx.example.com"]  # the configured host, never the request's
    assert event.decoded("DTSTART") == datetime(2026, 12, 17, 14, 0, tzinfo=SHANGHAI)
    assert event.decoded("DTSTART").tzinfo.key == "Asia/Shanghai"
    assert event.decoded("DTEND") == datetime(2026, 12, 17, 16, 0, tzinfo=SHANGHAI)
    assert str(event["SUMMARY"]).endswith(TITLE)  # Chinese, commas and semicolons intact
    assert str(event["STATUS"]) == "CONFIRMED" and str(event["LOCATION"]) == "HQ 3F"
    assert str(event["URL"]) == f"{BASE}/workshops/{item.id}"

    # The open questionnaire, due on 10 December: an all-day event with a reminder the day before; the
    # invitation to answer is due on the workshop's day.
    due = [e for uid, e in mine.items() if uid.startswith(f"cxgov-due-{people['agent'].id}-answer-")]
    assert len(due) == 1
    rsvp = [e for uid, e in mine.items() if uid.startswith(f"cxgov-due-{people['agent'].id}-rsvp-")]
    assert [e.decoded("DTSTART") for e in rsvp] == [date(2026, 12, 17)]
    assert due[0].decoded("DTSTART") == date(2026, 12, 10) and due[0].decoded("DTEND") == date(2026, 12, 11)
    assert "2026 秋季 Autumn" in str(due[0]["SUMMARY"])
    (alarm,) = due[0].walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == -timedelta(hours=15)


def test_uids_stay_and_sequence_rises_when_the_workshop_changes_through_its_gate(client, app, people):
    item = workshop(people, invite=["agent"])
    address = new_address(client, "agent@example.com")
    before, again = events(fetch(app, address)), events(fetch(app, address))
    assert before.keys() == again.keys() and before
    uid = f"cxgov-workshop-{item.id}@cx.example.com"
    first = before[uid]

    data = {k: getattr(item, k) for k in workshops.WORKSHOP_FIELDS}
    data["starts_at"], data["ends_at"] = data["starts_at"] + timedelta(hours=1), data["ends_at"] + timedelta(hours=1)
    workshops.update_workshop(item, data, item.version, people["hr"])
    db.session.commit()
    moved = events(fetch(app, address))[uid]
    assert moved.decoded("SEQUENCE") > first.decoded("SEQUENCE")
    assert moved.decoded("DTSTART") == datetime(2026, 12, 17, 15, 0, tzinfo=SHANGHAI)

    workshops.cancel_workshop(item, "春节 Spring Festival", people["hr"])
    db.session.commit()
    cancelled = events(fetch(app, address))[uid]  # still there, so calendar apps remove their copy
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("SEQUENCE") > moved.decoded("SEQUENCE")
    assert not cancelled.walk("VALARM")


def test_another_persons_events_never_reach_my_feed(client, app, people):
    theirs = workshop(people, invite=["designer"], title="设计评审 Design review")
    mine = workshop(people, invite=["agent"], start=datetime(2026, 12, 18, 2, 0, tzinfo=UTC))
    agent_feed = fetch(app, new_address(client, "agent@example.com"))
    designer_feed = fetch(app, new_address(client, "designer@example.com"))

    assert f"cxgov-workshop-{theirs.id}@cx.example.com" not in events(agent_feed)
    assert f"cxgov-workshop-{mine.id}@cx.example.com" in events(agent_feed)
    assert f"cxgov-workshop-{mine.id}@cx.example.com" not in events(designer_feed)
    assert "设计评审" not in agent_feed.to_ical().decode()
    # The designer answers no questionnaire; their deadlines are their own invitation's.
    assert [uid for uid in events(designer_feed) if uid.startswith("cxgov-due-")] == [
        uid for uid in events(designer_feed) if uid.startswith(f"cxgov-due-{people['designer'].id}-rsvp-")]
    assert not [uid for uid in events(designer_feed) if "-answer-" in uid]


def test_a_reset_address_a_deactivated_person_and_a_malformed_token_answer_404(client, app, people):
    old = new_address(client, "agent@example.com")
    new = new_address(client, "agent@example.com")  # the same button, once a feed exists, resets it
    assert old != new
    assert status_of(app, old) == 404 and status_of(app, new) == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 1
    stored = db.session.scalar(sa.select(CalendarFeed))
    secret = urlsplit(new).path.split("/")[-1].removesuffix(".ics")
    assert secret not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64

    anonymous = app.test_client()
    for path in ("/calendar/x.ics", "/calendar/" + "A" * 43 + ".ics", "/calendar/" + "é" * 43 + ".ics",
                 "/calendar/" + secret + "x.ics", "/calendar/%00.ics", "/calendar/company/" + secret + ".ics",
                 "/calendar/" + "a" * 5000 + ".ics"):
        assert anonymous.get(path).status_code == 404, path

    org.set_active(people["agent"], False)
    db.session.commit()
    assert status_of(app, new) == 404


def test_resetting_needs_the_csrf_token_and_a_signed_in_person(client, app, people):
    assert urlsplit(client.submit("/account/calendar/reset").location).path == "/login"
    client.login("agent@example.com")
    assert client.post("/account/calendar/reset", data={}).status_code == 400  # no CSRF token: nothing made
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 0
    page = client.text("/account/preferences")
    assert 'href="/account/calendar"' in page


def test_the_company_feed_is_for_the_cx_office_only(client, app, people):
    item = workshop(people, invite=["designer"])
    client.login("agent@example.com")
    assert "Programme calendar" not in client.text("/account/calendar")
    assert client.submit("/account/calendar/company/reset").status_code == 403
    client.submit("/logout")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 0

    address = new_address(client, "cxo@example.com", "/account/calendar/company/reset")
    assert "/calendar/company/" in address
    company = fetch(app, address)
    found = events(company)
    assert f"cxgov-workshop-{item.id}@cx.example.com" in found  # every workshop, whoever is invited
    summaries = " | ".join(str(e["SUMMARY"]) for e in found.values())
    assert "2026 秋季 Autumn" in summaries and "Drafting window" in summaries
    window = found["cxgov-window-2027-01@cx.example.com"]  # January's drafting: 20 December to 5 January
    assert (window.decoded("DTSTART"), window.decoded("DTEND")) == (date(2026, 12, 20), date(2027, 1, 6))
    assert not [uid for uid in found if uid.startswith("cxgov-due-")]  # nobody's personal deadlines

    secret = urlsplit(address).path.split("/")[-1]
    assert app.test_client().get(f"/calendar/{secret}").status_code == 404  # not a person's feed
    new_address(client, "cxo@example.com", "/account/calendar/company/reset")
    assert status_of(app, address) == 404


def test_my_reviews_and_my_terms_as_director_in_my_feed_in_my_language(client, app, people):
    from cxgov.reviews import operations as reviews
    from cxgov.teams import operations as teams

    ceo = make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo", locale="zh")
    review = reviews.create_review(2026, 4, {"chair_id": ceo.id, "meeting_on": date(2026, 12, 22),
                                             "place": "董事会议室 Board room"}, [people["agent"].id], None, TODAY)
    teams.create_plan("轮值 2027", "quarterly", date(2027, 1, 1), [people["agent"], people["designer"]], TODAY)
    db.session.commit()

    agent = events(fetch(app, new_address(client, "agent@example.com")))
    event = agent[f"cxgov-review-{review.id}@cx.example.com"]
    assert event.decoded("DTSTART") == date(2026, 12, 22) and str(event["LOCATION"]) == "董事会议室 Board room"
    assert event.walk("VALARM")
    terms = [e for uid, e in agent.items() if uid.startswith("cxgov-rotation-")]
    assert terms and all(people["agent"].name in str(e["SUMMARY"]) for e in terms)
    assert terms[0].decoded("DTSTART") == date(2027, 1, 1)

    chair = fetch(app, new_address(client, "ceo@example.com"))
    assert f"cxgov-review-{review.id}@cx.example.com" in events(chair)  # the chair, not listed as attendee
    assert not [uid for uid in events(chair) if uid.startswith("cxgov-rotation-")]
    assert "王建国" in str(chair["X-WR-CALNAME"])


def test_the_demo_gives_a_few_people_a_feed_so_the_page_is_not_empty(client, app, people):
    from cxgov.rhythm import calendar_demo

    calendar_demo.load({"cxo": people["cxo"], "cs.1": people["agent"]})
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 3
    client.login("cxo@example.com")
    page = client.text("/account/calendar")
    assert "Reset my calendar address" in page and "Reset the programme calendar address" in page
    assert not ADDRESS.search(page)  # an address is never shown again after the answer that made it


def routes(api):
    """The calendar's rows of the role × URL table (tests/web/test_access.py)."""
    from tests.web.test_access import EVERYONE, PUBLIC

    return {
        ("GET", "/calendar/<token>.ics"): (lambda d: "/calendar/" + "A" * 43 + ".ics", PUBLIC),  # the secret is the key
        ("GET", "/calendar/company/<token>.ics"): (lambda d: "/calendar/company/" + "A" * 43 + ".ics", PUBLIC),
        ("GET", "/account/calendar"): (lambda d: "/account/calendar", EVERYONE),
        ("POST", "/account/calendar/reset"): (lambda d: "/account/calendar/reset", EVERYONE),
        ("POST", "/account/calendar/company/reset"): (lambda d: "/account/calendar/company/reset", {"cx_office"}),
    }
