"""Every door of an action item gives the same refusal for the same bad input, and writes nothing.

Doors that add an action: the action page, the API, a review's decision, a workshop idea, an alignment area.
Doors that change one: the edit page and the API; its status: the action page and the API.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import format_date

from cxgov.actions import operations
from cxgov.actions.models import ActionItem
from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.org.operations import archive_department, set_active
from cxgov.reviews import operations as reviews
from cxgov.reviews.models import Decision
from cxgov.rules import Refusal
from cxgov.workshops import operations as workshops
from cxgov.workshops.models import Idea
from tests.factories import make_action, make_alignment_review, make_department, make_organisation, make_user

TODAY = date(2026, 11, 18)
CONTROL = "The text holds invisible control characters (for example pasted from another program); type it again " \
          "or remove them."


@dataclass
class World:
    """What the doors need: people, departments, a running review's decision, an idea, an alignment area."""

    people: dict
    cs: object
    archived: object
    decision_id: int
    idea_id: int
    area_id: int
    token: dict


@pytest.fixture
def world(client, monkeypatch) -> World:
    """An organisation on a fixed day, with one record behind each door."""
    monkeypatch.setattr("cxgov.clock.today", lambda: TODAY)
    make_organisation()
    cs, archived = make_department("CS"), make_department("OLD")
    archive_department(archived)
    people = {
        "ceo": make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo"),
        "agent": make_user("agent@example.com", department=cs, name="李娜 Li Na"),
        "viewer": make_user("viewer@example.com", roles=["viewer"], name="Board Observer"),
        "gone": make_user("gone@example.com", department=cs, name="Gone Person"),
    }
    set_active(people["gone"], False)
    review = reviews.create_review(2026, 3, {"chair_id": people["ceo"].id, "meeting_on": TODAY, "place": ""}, [],
                                   people["ceo"], TODAY)
    reviews.start_meeting(review, TODAY)
    decision = reviews.add_decision(review, "Call every poor rating back", people["ceo"])
    idea = _idea(people, cs)
    area = make_alignment_review(2026).areas[0]
    _row, plain = create_token(people["ceo"], "doors")
    db.session.commit()
    client.login("ceo@example.com")
    return World(people, cs, archived, decision.id, idea.id, area.id, {"Authorization": f"Bearer {plain}"})


def _idea(people, cs) -> Idea:
    """An idea of a workshop held yesterday."""
    from datetime import UTC, datetime

    start = datetime(2026, 11, 17, 6, 0, tzinfo=UTC)
    workshop = workshops.create_workshop({
        "title": "Co-creating the 48-hour promise", "topic": "", "starts_at": start,
        "ends_at": start + timedelta(hours=2), "location": "Room 1", "online_url": "", "facilitator_id": None,
        "method": "brainstorming", "method_note": "",
        "employees_count": 0, "customers_count": 0, "experts_count": 0, "core_users_count": 0, "cocreator_notes": "",
        "capacity": 30}, [], [], None)
    return workshops.add_idea(workshop, {"kind": "improvement", "title": "Night rota", "stage": "service",
                                         "touchpoint": "", "department_id": cs.id, "description": ""}, None)


def good(w: World) -> dict:
    """A valid action, in operation terms."""
    return {"title": "Call back every poor rating", "owner_id": w.people["agent"].id, "department_id": w.cs.id,
            "due_on": TODAY + timedelta(days=14)}


def _form(values: dict, prefix: str = "", title: str = "title") -> dict:
    """An action as a posted form."""
    due = values["due_on"]
    return {f"{prefix}{title}": values["title"], f"{prefix}owner_id": str(values["owner_id"] or 0),
            f"{prefix}department_id": str(values["department_id"] or 0),
            f"{prefix}due_on": due.isoformat() if due else ""}


def _json(values: dict) -> dict:
    """An action as an API body."""
    return {**values, "due_on": values["due_on"].isoformat() if values["due_on"] else None}


def _page(response) -> str:
    """What the reader sees on the page a form post ends on."""
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _api(response) -> str:
    """What an API caller reads: the 422's message."""
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]["message"]


ADD_DOORS = {
    "page": lambda c, w, v: _page(c.submit("/actions/new", _form(v), follow_redirects=True)),
    "api": lambda c, w, v: _api(c.post("/api/v1/actions", headers=w.token, json=_json(v))),
    "review decision": lambda c, w, v: _page(c.submit(f"/reviews/decisions/{w.decision_id}/actions",
                                                      _form(v, "action-", "action_title"), follow_redirects=True)),
    "workshop idea": lambda c, w, v: _page(c.submit(f"/workshops/ideas/{w.idea_id}/action", _form(v),
                                                    follow_redirects=True)),
    "alignment area": lambda c, w, v: _page(c.submit(f"/alignment/areas/{w.area_id}/actions", _form(v, "action-"),
                                                     follow_redirects=True)),
}


def _today_text(client) -> str:
    """Today as an English page shows it."""
    with client.application.test_request_context():
        return format_date(TODAY)


# (case, change to a valid action, what the reader is told)
CASES = [
    ("a viewer as owner", lambda w: {"owner_id": w.people["viewer"].id},
     "Board Observer only reads cxgov and cannot own an action; choose someone else."),
    ("a deactivated owner", lambda w: {"owner_id": w.people["gone"].id},
     "Gone Person is deactivated; choose an active owner."),
    ("no owner", lambda w: {"owner_id": None}, "An action needs an owner."),
    ("an unknown department", lambda w: {"department_id": 999999},
     "There is no such department; choose one from the list."),
    ("an archived department", lambda w: {"department_id": w.archived.id},
     "This department is archived; choose a current one."),
    ("a due date in the past", lambda w: {"due_on": TODAY - timedelta(days=1)},
     "The due date cannot be before {today}."),
    ("a control character", lambda w: {"title": "Call\x0bback"}, CONTROL),
    ("an over-long title", lambda w: {"title": "x" * 201}, "Use at most 200 characters."),
    ("a blank title", lambda w: {"title": "   "}, "Say what is to be done."),
]


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(ActionItem.id)))


@pytest.mark.parametrize("door", list(ADD_DOORS))
@pytest.mark.parametrize(("case", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_adding_an_action_is_refused_alike_through_every_door(client, world, door, case, change, message):
    before = (_count(), db.session.scalar(sa.select(sa.func.count(Decision.id))))
    said = ADD_DOORS[door](client, world, good(world) | change(world))
    assert message.format(today=_today_text(client)) in said
    assert (_count(), db.session.scalar(sa.select(sa.func.count(Decision.id)))) == before


@pytest.mark.parametrize("door", [d for d in ADD_DOORS if d != "api"])
def test_a_valid_action_goes_through_every_door(client, world, door):
    ADD_DOORS[door](client, world, good(world))
    assert _count() == 1


def test_a_valid_action_goes_through_the_api(client, world):
    assert client.post("/api/v1/actions", headers=world.token, json=_json(good(world))).status_code == 201
    assert _count() == 1


def _existing(w: World) -> ActionItem:
    """An action to change."""
    return make_action(w.people["agent"], w.cs, due_on=TODAY + timedelta(days=3), created_by=w.people["ceo"])


EDIT_DOORS = {
    "page": lambda c, w, a, v: _page(c.submit(f"/actions/{a.id}/edit", {**_form(v), "version": str(a.version)},
                                              follow_redirects=True)),
    "api": lambda c, w, a, v: _api(c.patch(f"/api/v1/actions/{a.id}", headers=w.token,
                                           json={**_json(v), "version": a.version})),
}


@pytest.mark.parametrize("door", list(EDIT_DOORS))
@pytest.mark.parametrize(("case", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_changing_an_action_is_refused_alike_through_every_door(client, world, door, case, change, message):
    action = _existing(world)
    values = {"title": action.title, "owner_id": action.owner_id, "department_id": action.department_id,
              "due_on": action.due_on} | change(world)
    said = EDIT_DOORS[door](client, world, action, values)
    assert message.format(today=_today_text(client)) in said
    db.session.expire_all()
    kept = db.session.get(ActionItem, action.id)
    assert (kept.title, kept.owner_id, kept.department_id, kept.due_on, kept.version) == (
        "Call back every poor rating", world.people["agent"].id, world.cs.id, TODAY + timedelta(days=3), 1)


STATUS_DOORS = {
    "page": lambda c, w, a, reason: _page(c.submit(f"/actions/{a.id}/status", {
        "status": "dropped", "reason": reason, "version": str(a.version)}, follow_redirects=True)),
    "api": lambda c, w, a, reason: _api(c.patch(f"/api/v1/actions/{a.id}", headers=w.token, json={
        "status": "dropped", "dropped_reason": reason, "version": a.version})),
}


@pytest.mark.parametrize("door", list(STATUS_DOORS))
@pytest.mark.parametrize(("reason", "message"), [("", "Say why the action is dropped."),
                                                  ("Not\x00needed", CONTROL),
                                                  ("y" * 2001, "Use at most 2000 characters.")])
def test_dropping_an_action_is_refused_alike_through_every_door(client, world, door, reason, message):
    action = _existing(world)
    assert message in STATUS_DOORS[door](client, world, action, reason)
    db.session.expire_all()
    assert db.session.get(ActionItem, action.id).status == "open"


def test_the_gate_itself_refuses_someone_whose_role_may_not_add_or_change_an_action(app, world):
    """Whichever door forgets its own check, the gate does not: a member adds no action by hand."""
    with pytest.raises(Refusal, match="action_not_allowed"):
        operations.create_action(good(world), world.people["agent"])
    action = _existing(world)
    with pytest.raises(Refusal, match="action_not_allowed"):
        operations.update_action(action, {"title": "Mine now"}, None, world.people["viewer"])
    db.session.rollback()
    assert _count() == 1 and db.session.get(ActionItem, action.id).title == "Call back every poor rating"
