"""Every door of a workshop idea gives the same refusal for the same bad input, and writes nothing.

Doors: recording an idea on the workshop page, editing it, and the operation the demo loader calls (the API
only reads ideas).
"""
from __future__ import annotations

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.operations import archive_department
from cxgov.rules import Refusal, word
from cxgov.workshops import operations
from cxgov.workshops.models import Idea
from tests.factories import make_department, make_organisation, make_user

CONTROL = "The text holds invisible control characters (for example pasted from another program); type it again " \
          "or remove them."


@pytest.fixture
def world(client):
    """A workshop held yesterday with one idea, HR signed in, a current and an archived department."""
    make_organisation()
    cs, old = make_department("CS"), make_department("OLD")
    archive_department(old)
    hr = make_user("hr@example.com", roles=["hr"], name="韩梅 Han Mei")
    start = utcnow().replace(microsecond=0) - timedelta(days=1)
    workshop = operations.create_workshop({
        "title": "Co-creating the 48-hour promise", "topic": "", "starts_at": start,
        "ends_at": start + timedelta(hours=2), "location": "Room 1", "online_url": "", "facilitator_id": hr.id,
        "method": "brainstorming", "method_note": "", "employees_count": 0, "customers_count": 0,
        "experts_count": 0, "core_users_count": 0, "cocreator_notes": "", "capacity": 30}, [], [], hr)
    idea = operations.add_idea(workshop, good(cs.id), hr)
    db.session.commit()
    client.login("hr@example.com")
    return {"workshop": workshop, "idea": idea, "cs": cs, "old": old, "hr": hr}


def good(department_id: int) -> dict:
    """A valid idea, in operation terms."""
    return {"kind": "improvement", "title": "Night rota", "description": "", "stage": "service",
            "touchpoint": "Service hotline", "department_id": department_id}


def _form(values: dict, **extra) -> dict:
    """An idea as a posted form."""
    return {**{k: "" if v is None else str(v) for k, v in values.items()}, **extra}


def _page(response) -> str:
    """What the reader sees on the re-shown form."""
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _loader(app, w, values) -> str:
    """The demo loader's door: the operation itself, its refusal worded as a reader would read it."""
    with pytest.raises(Refusal) as refused, app.test_request_context():
        operations.add_idea(db.session.get(type(w["workshop"]), w["workshop"].id), values, w["hr"])
        db.session.flush()
    with app.test_request_context():
        message = word(refused.value)
    db.session.rollback()
    return message


DOORS = {
    "new idea page": lambda c, w, v: _page(c.submit(f"/workshops/{w['workshop'].id}/ideas/new", _form(v))),
    "edit page": lambda c, w, v: _page(c.submit(f"/workshops/ideas/{w['idea'].id}/edit",
                                                _form(v, version=w["idea"].version))),
    "loader": lambda c, w, v: _loader(c.application, w, v),
}

CASES = [
    ("a blank title", lambda w: {"title": "  "}, "Give the idea a title."),
    ("a control character", lambda w: {"title": "Night\x0brota"}, CONTROL),
    ("an over-long title", lambda w: {"title": "x" * 201}, "Use at most 200 characters."),
    ("an over-long touchpoint", lambda w: {"touchpoint": "x" * 201}, "Use at most 200 characters."),
    ("nowhere in the journey", lambda w: {"stage": "", "touchpoint": ""},
     "Choose a journey stage or name a touchpoint."),
    ("an unknown stage", lambda w: {"stage": "moon"}, "Choose a journey stage from the list."),
    ("an unknown kind", lambda w: {"kind": "wish"}, "Choose pain point, delight point or improvement idea."),
    ("no department", lambda w: {"department_id": None}, "Choose the department concerned."),
    ("an unknown department", lambda w: {"department_id": 999999},
     "There is no such department; choose one from the list."),
    ("an archived department", lambda w: {"department_id": w["old"].id},
     "This department is archived; choose a current one."),
]


def _ideas() -> list[tuple]:
    """Every idea as stored."""
    db.session.expire_all()
    return [(i.kind, i.title, i.stage, i.touchpoint, i.department_id, i.version)
            for i in db.session.scalars(sa.select(Idea).order_by(Idea.id))]


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize(("case", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_an_idea_is_refused_alike_through_every_door(client, world, door, case, change, message):
    before = _ideas()
    values = good(world["cs"].id) | change(world)
    if door != "loader" and values["department_id"] is None:
        values["department_id"] = 0  # the form's "— choose —"
    assert message in DOORS[door](client, world, values)
    assert _ideas() == before


def test_a_valid_idea_goes_through_the_pages(client, world):
    client.submit(f"/workshops/{world['workshop'].id}/ideas/new", _form(good(world["cs"].id), title="Callback"))
    client.submit(f"/workshops/ideas/{world['idea'].id}/edit",
                  _form(good(world["cs"].id), title="Night rota, 2 weeks", version=world["idea"].version))
    assert [row[1] for row in _ideas()] == ["Night rota, 2 weeks", "Callback"]


def test_the_gate_refuses_an_idea_from_someone_who_did_not_attend(app, world):
    """Whichever door forgets its check, the gate does not: a member who was not there records no idea."""
    stranger = make_user("stranger@example.com", department=world["cs"])
    with pytest.raises(Refusal, match="workshop_not_allowed"):
        operations.add_idea(world["workshop"], good(world["cs"].id), stranger)
    db.session.rollback()
    assert len(_ideas()) == 1
