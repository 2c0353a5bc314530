"""Every door of a target and of a progress update, one table of bad input: the same refusal, nothing written.

The doors of a target: the page form, the API, an idea's promotion, copying last month, carrying a missed
target over, and the import (every one calls operations.add_target). The doors of an update: the page
and the API (progress.post_update / withdraw_update). A door that cannot be asked a case says why
in NOT_A_DOOR instead of passing silently. An HTTP door answers a role that may not set the department's
targets with 403 before anything is read (the gate refuses the same person too, as the import shows).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from cxgov import clock, months
from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.targets import operations
from cxgov.targets.models import Target, TargetUpdate
from cxgov.workshops import operations as workshops
from cxgov.workshops.models import Idea
from tests.factories import make_department, make_organisation, make_target, make_user, open_target_window

TODAY = clock.today().replace(day=15)  # mid-month, so that tomorrow is still this month
THIS = months.month_of(TODAY)
NEXT, FAR, CLOSED = months.shift(THIS, 1), months.shift(THIS, 3), months.shift(THIS, -2)
GOOD = {"title": "Answer within 2 hours", "description": "", "kind": "numeric", "unit": "%", "direction": "higher",
        "baseline": 78.0, "target_value": 88.0, "dimension_code": None, "points": 20, "evidence": ""}


@pytest.fixture
def world(app, monkeypatch):
    """CS with its lead, the CX office, the CEO, HR, a viewer; the drafting window open all month; a workshop idea."""
    monkeypatch.setattr("cxgov.clock.today", lambda: TODAY)
    make_organisation()
    cs = make_department("CS")
    people = {key: make_user(f"{key}@example.com", roles=roles, department=cs) for key, roles in (
        ("lead", ["dept_lead"]), ("cxo", ["cx_office"]), ("ceo", ["executive"]), ("hr", ["hr"]),
        ("viewer", ["viewer"]), ("agent", ["member"]))}
    cs.lead_id = people["lead"].id
    open_target_window()
    return {"cs": cs, **people}


@dataclass
class Case:
    """One bad input: target values (owner by person key), the month, who tries, what the reader is told."""

    name: str
    says: str
    values: dict = field(default_factory=dict)
    month: str = NEXT
    who: str = "lead"
    forbidden: bool = False  # an HTTP door answers 403 (the person may not set this department's targets)


CASES = [
    Case("viewer as owner", "The owner must be an active user who may make changes (not a viewer).",
         {"owner": "viewer"}),
    Case("1,000 points over the cap", "A target may carry at most 50 points", {"points": 1000}),
    Case("unknown dimension", "“NOPE” is not a dimension of the maturity framework.", {"dimension_code": "NOPE"}),
    Case("over-long title", "The title may have at most 200 characters.", {"title": "T" * 201}),
    Case("control characters", "invisible control characters", {"title": "Answer\x0bfast"}),
    Case("closed month", f"{CLOSED} is closed: its targets can no longer change", month=CLOSED),
    Case("outside the window for a lead", f"Targets for {FAR} can be drafted from", month=FAR),
    Case("HR creating a target", "You may not set the targets of CS", who="hr", forbidden=True),
]
# door → case name → why the door cannot meet the case.
STORED_TITLE = "a stored title has at most 200 characters (the column), so copying cannot bring a longer one"
NOT_A_DOOR = {
    "carry": {"outside the window for a lead": "carrying a missed target over is not bound to the drafting window",
              "over-long title": STORED_TITLE},
    "copy": {"over-long title": STORED_TITLE},
}


def _values(w, case: Case) -> dict:
    """The case's target values, with the owner as a user id."""
    values = GOOD | {k: v for k, v in case.values.items() if k != "owner"}
    values["owner_id"] = w[case.values["owner"]].id if "owner" in case.values else w["lead"].id
    return values


def _form(w, case: Case) -> dict:
    """The values as the page form posts them."""
    values = _values(w, case)
    return {"department_id": str(w["cs"].id), "month": case.month, "owner_id": str(values["owner_id"]),
            **{k: "" if values[k] is None else str(values[k]) for k in GOOD}}


def _client(app, w, who: str):
    client = app.test_client()
    client.login(w[who].email)
    return client


def _page(response) -> str:
    """What the reader sees: the page after the redirect, or 403."""
    return "403" if response.status_code == 403 else html.unescape(response.get_data(as_text=True))


def door_page(app, w, case: Case) -> str:
    return _page(_client(app, w, case.who).submit("/targets/new", _form(w, case), follow_redirects=True))


def door_api(app, w, case: Case) -> str:
    _row, plain = create_token(w[case.who], "doors")
    db.session.commit()
    body = {"department_id": w["cs"].id, "month": case.month, **_values(w, case)}
    response = app.test_client().post("/api/v1/targets", json=body, headers={"Authorization": f"Bearer {plain}"})
    if response.status_code == 403:
        return "403"
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()["error"]
    return " ".join([error["message"], *[m for ms in error.get("details", {}).get("json", {}).values() for m in ms]])


def door_promotion(app, w, case: Case) -> str:
    from tests.web.test_workshops import workshop

    idea = workshops.add_idea(workshop({"hr": w["hr"]}), {"kind": "improvement", "title": "Call back",
                                                          "stage": "use", "department_id": w["cs"].id}, w["hr"])
    db.session.commit()
    page = _page(_client(app, w, case.who).submit(f"/workshops/ideas/{idea.id}/promote", _form(w, case),
                                                  follow_redirects=True))
    assert db.session.get(Idea, idea.id).target_id is None
    return page


def _source(w, case: Case, month: str, closed: bool) -> Target:
    """A target with the case's values already stored (from before the rules), in the month before."""
    values = _values(w, case)
    source = make_target(w["cs"], month, **values)
    if closed:
        operations.close_month(month, None, TODAY)
        db.session.commit()
    return source


def door_copy(app, w, case: Case) -> str:
    _source(w, case, months.shift(case.month, -1), closed=False)
    return _page(_client(app, w, case.who).submit(f"/targets/departments/{w['cs'].id}/copy", {"month": case.month},
                                                  follow_redirects=True))


def door_carry(app, w, case: Case) -> str:
    source = _source(w, case, months.shift(case.month, -1), closed=True)
    assert source.final_status == "missed"
    return _page(_client(app, w, case.who).submit(f"/targets/{source.id}/carry", follow_redirects=True))


def door_import(app, w, case: Case) -> str:
    from cxgov.targets import importing

    values = _values(w, case)
    owner = db.session.get(type(w["lead"]), values["owner_id"])
    header = ["department_code", "month", "title", "kind", "direction", "baseline", "target_value", "owner_email",
              "points", "dimension_code"]
    row = ["CS", case.month, values["title"], "numeric", "higher", values["baseline"], values["target_value"],
           owner.email, values["points"], values["dimension_code"] or ""]
    body = ",".join(header) + "\n" + ",".join(f'"{cell}"' for cell in row) + "\n"
    with app.test_request_context():
        result = importing.import_targets(body.encode(), "targets.csv", w[case.who], TODAY)
        db.session.rollback()  # as the import page does when a row is refused
    assert not result.ok
    return " ".join(message for _row, message in result.errors)


DOORS = {"page": door_page, "api": door_api, "promotion": door_promotion, "copy": door_copy, "carry": door_carry,
         "import": door_import}
HTTP_PERMISSION_CHECKED = {"page", "api", "promotion", "copy", "carry"}


def _targets() -> int:
    return db.session.scalar(sa.select(sa.func.count(Target.id)))


@pytest.mark.parametrize("door", sorted(DOORS))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_target_door_refuses_the_same_way_and_writes_nothing(app, world, door, case):
    if case.name in NOT_A_DOOR.get(door, {}):
        pytest.skip(NOT_A_DOOR[door][case.name])
    before = _targets() + (1 if door in ("copy", "carry") else 0)  # those doors first store their source
    seen = DOORS[door](app, world, case)
    if case.forbidden and door in HTTP_PERMISSION_CHECKED:
        assert seen == "403"
    else:
        assert case.says in seen, f"{door} said: {seen[:3000]}"
    db.session.expire_all()
    assert _targets() == before


def test_the_doors_let_good_input_through(app, world):
    """The same doors accept the same values once they are right (so the table above tests the rules)."""
    good = Case("good", "", month=NEXT)
    assert _page(_client(app, world, "lead").submit("/targets/new", _form(world, good))) != "403"
    _row, plain = create_token(world["cxo"], "doors")
    db.session.commit()
    response = app.test_client().post("/api/v1/targets", headers={"Authorization": f"Bearer {plain}"},
                                      json={"department_id": world["cs"].id, "month": NEXT,
                                            **_values(world, good), "title": "Via the API"})
    assert response.status_code == 201
    assert _targets() == 2


# --- progress updates ------------------------------------------------------------------------------------------

@dataclass
class UpdateCase:
    """One bad progress update: on which target, what is posted, by whom, what the reader is told."""

    name: str
    says: str
    body: dict
    kind: str = "numeric"
    month: str = THIS
    who: str = "lead"
    correct_first: bool = False  # the body corrects the target's existing update


UPDATE_CASES = [
    UpdateCase("future-dated update", "The date cannot be in the future.",
               {"on_date": TODAY + timedelta(days=1), "value": 35}),
    UpdateCase("date outside the month", f"The date must fall in {THIS}.",
               {"on_date": months.bounds(THIS)[0] - timedelta(days=1), "value": 35}),
    UpdateCase("numeric update without a value", "Enter a number for this numeric target.", {"on_date": TODAY}),
    UpdateCase("milestone update without done", "Say whether the milestone is done or not yet.",
               {"on_date": TODAY}, kind="milestone"),
    UpdateCase("a lead after the close", f"{CLOSED} is closed", {"on_date": months.bounds(CLOSED)[0], "value": 35},
               month=CLOSED),
    UpdateCase("a late actual without a reason", f"{CLOSED} is closed: give the reason for recording a late actual.",
               {"on_date": months.bounds(CLOSED)[0], "value": 35}, month=CLOSED, who="ceo"),
    UpdateCase("a correction without a reason", "Give the reason for correcting or withdrawing an update.",
               {"on_date": TODAY, "value": 36}, correct_first=True),
]


def _update_target(w, case: UpdateCase) -> Target:
    """The case's target (owned by the lead) with one earlier update on its first day."""
    values = {"kind": "milestone"} if case.kind == "milestone" else {}
    target = make_target(w["cs"], case.month, owner_id=w["lead"].id, **values)
    db.session.add(TargetUpdate(target_id=target.id, on_date=months.bounds(case.month)[0],
                                value=31.0 if case.kind == "numeric" else None,
                                done=False if case.kind == "milestone" else None, note=""))
    operations.close_due_months(TODAY)  # as the pages do before anything else
    db.session.commit()
    return target


def update_page(app, w, case: UpdateCase, target: Target) -> str:
    prefix = "fix-" if case.correct_first else ""  # the correction form's fields are named apart
    form = {prefix + k: v.isoformat() if isinstance(v, date) else str(v) for k, v in case.body.items()}
    if case.correct_first:
        form["corrects"] = str(target.updates[0].id)
    return _page(_client(app, w, case.who).submit(f"/targets/{target.id}/updates", form, follow_redirects=True))


def update_api(app, w, case: UpdateCase, target: Target) -> str:
    _row, plain = create_token(w[case.who], "doors")
    db.session.commit()
    body = {k: v.isoformat() if isinstance(v, date) else v for k, v in case.body.items()}
    if case.correct_first:
        body["corrects"] = target.updates[0].id
    response = app.test_client().post(f"/api/v1/targets/{target.id}/updates", json=body,
                                      headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()["error"]
    return " ".join([error["message"], *[m for ms in error.get("details", {}).get("json", {}).values() for m in ms]])


UPDATE_DOORS = {"page": update_page, "api": update_api}


def _updates() -> list[tuple]:
    return db.session.execute(sa.select(TargetUpdate.id, TargetUpdate.value, TargetUpdate.done,
                                        TargetUpdate.withdrawn_at).order_by(TargetUpdate.id)).all()


@pytest.mark.parametrize("door", sorted(UPDATE_DOORS))
@pytest.mark.parametrize("case", UPDATE_CASES, ids=lambda c: c.name)
def test_every_update_door_refuses_the_same_way_and_writes_nothing(app, world, door, case):
    target = _update_target(world, case)
    before = _updates()
    status_before = operations.current_status(target, TODAY)
    seen = UPDATE_DOORS[door](app, world, case, target)
    assert case.says in seen, f"{door} said: {seen[:3000]}"
    db.session.expire_all()
    assert _updates() == before
    assert operations.current_status(db.session.get(Target, target.id), TODAY) == status_before


@pytest.mark.parametrize("door", sorted(UPDATE_DOORS))
def test_a_withdrawal_without_a_reason_is_refused_at_every_door(app, world, door):
    target = _update_target(world, UpdateCase("withdraw", "", {}))
    update = target.updates[0]
    if door == "page":
        seen = _page(_client(app, world, "lead").submit(f"/targets/{target.id}/updates/{update.id}/withdraw",
                                                        {"reason": " "}, follow_redirects=True))
    else:
        _row, plain = create_token(world["lead"], "doors")
        db.session.commit()
        response = app.test_client().post(f"/api/v1/targets/{target.id}/updates/{update.id}/withdraw",
                                          json={"reason": " "}, headers={"Authorization": f"Bearer {plain}"})
        assert response.status_code == 422
        seen = str(response.get_json()["error"])
    assert "Give the reason for correcting or withdrawing an update." in seen
    db.session.expire_all()
    assert db.session.get(TargetUpdate, update.id).withdrawn_at is None


@pytest.mark.parametrize("door", ["page", "api", "promotion"])
def test_a_second_target_of_the_same_title_in_a_month_is_refused_at_every_door(app, world, door):
    """A double click, a second script run or a promotion of the same idea never makes two of one target."""
    case = Case("same title", "This department already has a target called “Answer within 2 hours”", month=NEXT)
    make_target(world["cs"], NEXT, **_values(world, case))
    db.session.commit()
    before = _targets()
    assert case.says in DOORS[door](app, world, case)
    db.session.expire_all()
    assert _targets() == before
