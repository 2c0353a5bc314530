"""Every door of a review decision gives the same refusal for the same bad input, and writes nothing.

Doors: the review page's decision form and the operation the demo loader calls (reviews have no API). The
actions a decision adds go through the actions gate (tests/web/test_doors_actions.py).
"""
from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from cxgov import clock
from cxgov.extensions import db
from cxgov.reviews import operations
from cxgov.reviews.models import Decision, QuarterlyReview
from cxgov.rules import Refusal, word
from tests.factories import make_organisation, make_user

CONTROL = "The text holds invisible control characters (for example pasted from another program); type it again " \
          "or remove them."


@pytest.fixture
def world(client):
    """The CEO chairing a review of a quarter, signed in."""
    make_organisation()
    ceo = make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo")
    review = operations.create_review(2026, 3, {"chair_id": ceo.id, "meeting_on": clock.today(), "place": ""}, [],
                                      ceo, clock.today())
    db.session.commit()
    client.login("ceo@example.com")
    return {"ceo": ceo, "review_id": review.id}


def _review(w) -> QuarterlyReview:
    return db.session.get(QuarterlyReview, w["review_id"])


def _page(client, w, text: str) -> str:
    response = client.submit(f"/reviews/{w['review_id']}/decisions", {
        "text": text, "action_title": "", "owner_id": "0", "department_id": "0", "due_on": ""})
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _loader(client, w, text: str) -> str:
    with pytest.raises(Refusal) as refused:
        operations.add_decision(_review(w), text, w["ceo"])
    db.session.rollback()
    with client.application.test_request_context():
        return word(refused.value)


DOORS = {"review page": _page, "loader": _loader}


def _started(w) -> None:
    operations.start_meeting(_review(w), clock.today())
    db.session.commit()


def _published(w) -> None:
    _started(w)
    operations.publish(_review(w), w["ceo"])
    db.session.commit()


CASES = [
    ("an empty decision", _started, "   ", "Write the decision."),
    ("a control character", _started, "Call back\x0bwithin 2 hours", CONTROL),
    ("an over-long decision", _started, "x" * 4001, "Use at most 4000 characters."),
    ("before the meeting starts", lambda w: None, "Call back within 2 hours", "Start the meeting first."),
    ("after the minutes are published", _published, "Call back within 2 hours",
     "The minutes are published and can no longer change."),
]


def _decisions() -> int:
    return db.session.scalar(sa.select(sa.func.count(Decision.id)))


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize(("case", "state", "text", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_decision_is_refused_alike_through_every_door(client, world, door, case, state, text, message):
    state(world)
    assert message in DOORS[door](client, world, text)
    assert _decisions() == 0


def test_a_valid_decision_goes_through_the_page(client, world):
    _started(world)
    client.submit(f"/reviews/{world['review_id']}/decisions", {
        "text": "Call back within 2 hours", "action_title": "", "owner_id": "0", "department_id": "0", "due_on": ""})
    assert _decisions() == 1


def test_the_gate_refuses_a_decision_from_someone_who_does_not_run_the_review(app, world):
    """Whichever door forgets its check, the gate does not: a member records no decision."""
    _started(world)
    with pytest.raises(Refusal, match="review_not_allowed"):
        operations.add_decision(_review(world), "Mine", make_user("member@example.com"))
    db.session.rollback()
    assert _decisions() == 0
