"""Every door of an alignment rating gives the same refusal for the same bad input, and writes nothing.

Doors: the area's rating form and the operation the demo loader calls (alignment has no API). Corrective
actions go through the actions gate (tests/web/test_doors_actions.py).
"""
from __future__ import annotations

import html

import pytest

from cxgov.alignment import operations
from cxgov.alignment.models import AlignmentArea
from cxgov.extensions import db
from cxgov.org.operations import set_active
from cxgov.rules import Refusal, word
from tests.factories import make_alignment_review, make_organisation, make_user

CONTROL = "The text holds invisible control characters (for example pasted from another program); type it again " \
          "or remove them."


@pytest.fixture
def world(client):
    """A draft review of 2026, the CEO signed in, a viewer and a deactivated colleague."""
    make_organisation()
    people = {"ceo": make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo"),
              "viewer": make_user("viewer@example.com", roles=["viewer"], name="Board Observer"),
              "gone": make_user("gone@example.com", name="Gone Person")}
    set_active(people["gone"], False)
    review = make_alignment_review(2026)
    client.login("ceo@example.com")
    return {"people": people, "area_id": review.areas[0].id}


def good(w) -> dict:
    return {"rating": "partly", "evidence": "Installer budget cut", "owner_id": w["people"]["ceo"].id}


def _area(w) -> AlignmentArea:
    return db.session.get(AlignmentArea, w["area_id"])


def _page(client, w, values: dict) -> str:
    response = client.submit(f"/alignment/areas/{w['area_id']}", {
        "rating": values["rating"], "evidence": values["evidence"], "owner_id": str(values["owner_id"] or 0),
        "version": str(_area(w).version)})
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _loader(client, w, values: dict) -> str:
    with pytest.raises(Refusal) as refused:
        operations.rate_area(_area(w), values, None)
    db.session.rollback()
    with client.application.test_request_context():
        return word(refused.value)


DOORS = {"area page": _page, "loader": _loader}


def _signed_off(w) -> None:
    review = _area(w).review
    for area in review.areas:
        operations.rate_area(area, {"rating": "aligned"}, None)
    operations.submit(review)
    operations.sign_off(review, w["people"]["ceo"])
    db.session.commit()


CASES = [
    ("no rating", lambda w: {"rating": ""}, "Choose aligned, partly aligned or misaligned."),
    ("an unknown rating", lambda w: {"rating": "great"}, "Choose aligned, partly aligned or misaligned."),
    ("a control character", lambda w: {"evidence": "Budget\x00cut"}, CONTROL),
    ("over-long evidence", lambda w: {"evidence": "x" * 8001}, "Use at most 8000 characters."),
    ("a viewer as owner", lambda w: {"owner_id": w["people"]["viewer"].id},
     "Board Observer only reads cxgov and cannot own an area; choose someone else."),
    ("a deactivated owner", lambda w: {"owner_id": w["people"]["gone"].id},
     "Gone Person is deactivated; choose an active owner."),
    ("an unknown owner", lambda w: {"owner_id": 999999}, "There is no such user; choose the owner from the list."),
]


def _stored(w) -> tuple:
    db.session.expire_all()
    area = _area(w)
    return area.rating, area.evidence, area.owner_id, area.version


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize(("case", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_rating_is_refused_alike_through_every_door(client, world, door, case, change, message):
    before = _stored(world)
    assert message in DOORS[door](client, world, good(world) | change(world))
    assert _stored(world) == before


@pytest.mark.parametrize("door", list(DOORS))
def test_a_signed_off_review_refuses_a_rating_through_every_door(client, world, door):
    _signed_off(world)
    before = _stored(world)
    assert "This review has been signed off and is read-only; nothing was changed." in DOORS[door](
        client, world, good(world))
    assert _stored(world) == before


def test_a_valid_rating_goes_through_the_page(client, world):
    client.submit(f"/alignment/areas/{world['area_id']}", {
        "rating": "misaligned", "evidence": "Installer budget cut", "owner_id": str(world["people"]["ceo"].id),
        "version": str(_area(world).version)})
    assert _stored(world)[:3] == ("misaligned", "Installer budget cut", world["people"]["ceo"].id)


def test_the_gate_refuses_a_rating_from_someone_who_may_not_edit_the_review(app, world):
    """Whichever door forgets its check, the gate does not: a viewer rates nothing."""
    with pytest.raises(Refusal, match="alignment_not_allowed"):
        operations.rate_area(_area(world), good(world), None, world["people"]["viewer"])
    db.session.rollback()
    assert _stored(world)[0] is None
