"""Every door of a workshop and of its attendance gives the same refusal for the same bad input, and writes nothing.

Workshop doors: scheduling one, editing one, and the operation the demo loader calls. Attendance doors: the
attendance page and the loader's operation. (The workshops API only reads.)
"""
from __future__ import annotations

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.rules import Refusal, word
from cxgov.workshops import operations, queries
from cxgov.workshops.models import Attendance, Workshop
from tests.factories import make_organisation, make_user

CONTROL = "The text holds invisible control characters (for example pasted from another program); type it again " \
          "or remove them."


@pytest.fixture
def world(client):
    """HR signed in, a viewer, a colleague, and a workshop next month to edit."""
    make_organisation()
    people = {"hr": make_user("hr@example.com", roles=["hr"], name="韩梅 Han Mei"),
              "viewer": make_user("viewer@example.com", roles=["viewer"], name="Board Observer"),
              "agent": make_user("agent@example.com", name="李娜 Li Na")}
    client.login("hr@example.com")
    return {"people": people, "workshop_id": _workshop(people, days=30).id}


def _workshop(people, days: int, invite=()) -> Workshop:
    """A workshop starting `days` from now (negative: already started), 30 seats."""
    start = utcnow().replace(microsecond=0) + timedelta(days=days)
    item = operations.create_workshop(values(people, start), [], [people[k] for k in invite], people["hr"])
    db.session.commit()
    return item


def values(people, start) -> dict:
    """A valid workshop, in operation terms."""
    return {"title": "Co-creating the 48-hour promise", "topic": "", "starts_at": start,
            "ends_at": start + timedelta(hours=2), "location": "Room 1", "online_url": "",
            "facilitator_id": people["hr"].id, "method": "brainstorming", "method_note": "", "employees_count": 0,
            "customers_count": 0, "experts_count": 0, "core_users_count": 0, "cocreator_notes": "", "capacity": 30}


def _form(data: dict) -> dict:
    """A workshop as the form posts it: the day and local times instead of UTC instants."""
    with_times = {k: v for k, v in data.items() if k not in ("starts_at", "ends_at")}
    starts, ends = (queries.local(data[k]) for k in ("starts_at", "ends_at"))
    form = {k: "" if v is None else str(v) for k, v in with_times.items()}
    return form | {"day": starts.date().isoformat(), "start": starts.strftime("%H:%M"), "end": ends.strftime("%H:%M")}


def _page(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _loader(client, change) -> str:
    with pytest.raises(Refusal) as refused:
        change()
    db.session.rollback()
    with client.application.test_request_context():
        return word(refused.value)


def _existing(w) -> Workshop:
    return db.session.get(Workshop, w["workshop_id"])


WORKSHOP_DOORS = {
    "new workshop page": lambda c, w, v: _page(c.submit("/workshops/new", _form(v))),
    "edit page": lambda c, w, v: _page(c.submit(f"/workshops/{w['workshop_id']}/edit",
                                                _form(v) | {"version": str(_existing(w).version)})),
    "loader": lambda c, w, v: _loader(c, lambda: operations.create_workshop(v, [], [], w["people"]["hr"])),
}


CASES = [
    ("a blank title", lambda w, v: {"title": " "}, "Give the workshop a title."),
    ("a control character", lambda w, v: {"title": "Co-creating\x0bthe promise"}, CONTROL),
    ("an over-long title", lambda w, v: {"title": "x" * 201}, "Use at most 200 characters."),
    ("neither place nor link", lambda w, v: {"location": "", "online_url": ""},
     "Give a place, an online link, or both."),
    ("a javascript link", lambda w, v: {"online_url": "javascript:alert(1)"},
     "Enter a web address starting with https:// or http://."),
    ("another method, undescribed", lambda w, v: {"method": "other", "method_note": ""}, "Describe the method."),
    ("a viewer as facilitator", lambda w, v: {"facilitator_id": w["people"]["viewer"].id},
     "Board Observer is deactivated or only reads cxgov; choose someone else."),
    ("more co-creators than seats", lambda w, v: {"customers_count": 40},
     "The co-creators add up to 40 people, more than the capacity of 30."),
    ("an end before the start", lambda w, v: {"ends_at": v["starts_at"] - timedelta(hours=1)},
     "The workshop ends before it starts: choose an end time after the start time."),
]


def _workshops() -> list[tuple]:
    db.session.expire_all()
    return [(w.title, w.location, w.online_url, w.method, w.facilitator_id, w.capacity, w.customers_count,
             w.version) for w in db.session.scalars(sa.select(Workshop).order_by(Workshop.id))]


@pytest.mark.parametrize("door", list(WORKSHOP_DOORS))
@pytest.mark.parametrize(("case", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_workshop_is_refused_alike_through_every_door(client, world, door, case, change, message):
    before = _workshops()
    start = (utcnow() + timedelta(days=20)).replace(hour=6, minute=0, second=0, microsecond=0)
    data = values(world["people"], start)
    assert message in WORKSHOP_DOORS[door](client, world, data | change(world, data))
    assert _workshops() == before


def test_a_valid_workshop_goes_through_the_pages(client, world):
    start = (utcnow() + timedelta(days=20)).replace(hour=6, minute=0, second=0, microsecond=0)
    client.submit("/workshops/new", _form(values(world["people"], start)))
    assert len(_workshops()) == 2


ATTENDANCE_DOORS = {
    "attendance page": lambda c, w, item, present: _page(c.submit(
        f"/workshops/{item.id}/attendance", {"present": [str(i) for i in present]})),
    "loader": lambda c, w, item, present: _loader(c, lambda: operations.record_attendance(
        db.session.get(Workshop, item.id), set(present), set(), w["people"]["hr"],
        {u.id: u.name for u in w["people"].values()})),
}


@pytest.mark.parametrize("door", list(ATTENDANCE_DOORS))
@pytest.mark.parametrize(("case", "days", "capacity", "message"), [
    ("someone not invited", -1, 30, "李娜 Li Na was not invited. Tick “walk-in” to record them as attending "
                                    "without an invitation."),
    ("before the list opens", 2, 30, "Attendance can be taken from two hours before the start."),
    ("more people than seats", -1, 1, "2 people would be in a room for 1"),
])
def test_attendance_is_refused_alike_through_every_door(client, world, door, case, days, capacity, message):
    item = _workshop(world["people"], days, invite=("agent", "hr") if case != "someone not invited" else ("hr",))
    item.capacity = capacity
    db.session.commit()
    present = [world["people"]["agent"].id] if case == "someone not invited" else \
        [world["people"]["agent"].id, world["people"]["hr"].id]
    assert message in ATTENDANCE_DOORS[door](client, world, item, present)
    assert db.session.scalar(sa.select(sa.func.count(Attendance.id))) == 0
