"""Targets through the API: the BI job pushing NPS, stale writes, other departments, the error body."""

import sqlalchemy as sa

from cxgov import clock
from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.targets.models import Target, TargetUpdate
from tests.factories import make_department, make_target, make_user, next_month, open_target_window


def bearer(user):
    _row, plain = create_token(user, "bi")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def setup():
    cs, prd = make_department("CS"), make_department("PRD")
    lead = make_user("lead.cs@example.com", roles=["dept_lead"], department=cs)
    other = make_user("lead.prd@example.com", roles=["dept_lead"], department=prd)
    open_target_window()
    return cs, prd, lead, other


def test_a_bi_job_pushes_this_months_nps_into_the_service_target(client):
    cs, _prd, lead, _other = setup()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, title="NPS", owner_id=lead.id)
    headers = bearer(lead)
    listed = client.get(f"/api/v1/targets?department={cs.id}&month={month}", headers=headers).get_json()
    assert [t["title"] for t in listed["items"]] == ["NPS"] and listed["total"] == 1
    response = client.post(f"/api/v1/targets/{target.id}/updates", headers=headers,
                           json={"on_date": clock.today().isoformat(), "value": 41.5, "note": "from BI"})
    assert response.status_code == 201
    body = client.get(f"/api/v1/targets/{target.id}", headers=headers).get_json()
    assert body["actual"]["value"] == 41.5 and body["status"] == "achieved"
    assert "Set-Cookie" not in response.headers


def test_create_then_a_stale_patch_gets_409_with_the_current_value(client):
    cs, _prd, lead, _other = setup()
    headers = bearer(lead)
    created = client.post("/api/v1/targets", headers=headers, json={
        "department_id": cs.id, "month": next_month(), "title": "Answer fast", "kind": "numeric",
        "baseline": 70, "target_value": 80})
    assert created.status_code == 201
    target = created.get_json()
    first = client.patch(f"/api/v1/targets/{target['id']}", headers=headers,
                         json={"version": target["version"], "title": "Answer faster"})
    assert first.status_code == 200 and first.headers["ETag"] == f'"{target["version"] + 1}"'
    stale = client.patch(f"/api/v1/targets/{target['id']}", headers={**headers, "If-Match": f'"{target["version"]}"'},
                         json={"title": "Lost update?"})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "conflict" and error["details"]["current"]["title"] == "Answer faster"
    assert db.session.scalar(sa.select(Target.title)) == "Answer faster"


def test_another_departments_lead_gets_403_and_nothing_changes(client):
    cs, _prd, _lead, other = setup()
    target = make_target(cs)
    headers = bearer(other)
    assert client.patch(f"/api/v1/targets/{target.id}", headers=headers,
                        json={"version": target.version, "title": "Mine now"}).status_code == 403
    response = client.post("/api/v1/targets", headers=headers, json={
        "department_id": cs.id, "month": next_month(), "title": "X", "kind": "milestone"})
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == 1


def test_bad_input_gets_422_and_writes_nothing(client):
    cs, _prd, lead, _other = setup()
    target = make_target(cs, clock.today().strftime("%Y-%m"), owner_id=lead.id)
    headers = bearer(lead)
    bad = client.post(f"/api/v1/targets/{target.id}/updates", headers=headers,
                      json={"on_date": clock.today().isoformat(), "value": "lots"})
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "validation_failed"
    missing = client.post("/api/v1/targets", headers=headers, json={
        "department_id": cs.id, "month": "2026-13", "title": "", "kind": "numeric"})
    assert missing.status_code == 422
    outside = client.post("/api/v1/targets", headers=headers, json={
        "department_id": cs.id, "month": next_month(4), "title": "Later", "kind": "milestone"})
    assert outside.status_code == 422 and outside.get_json()["error"]["details"]["rule"] == "outside_window"
    assert db.session.scalar(sa.select(sa.func.count(TargetUpdate.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == 1


# --- review fixes: closed months, the drafting window and the shared validation through the API ----------------

def test_a_due_month_locks_for_api_writes_and_only_an_executive_overrides_with_a_reason(client):
    from cxgov.targets.models import MonthClose

    cs, _prd, lead, _other = setup()
    past = next_month(-2)
    target = make_target(cs, past)
    headers = bearer(lead)
    refused = client.patch(f"/api/v1/targets/{target.id}", headers=headers,
                           json={"version": target.version, "target_value": 35, "override_reason": "Mine"})
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "validation_failed" and error["details"]["rule"] == "month_closed"
    assert f"{past} is closed" in error["message"]
    assert db.session.get(MonthClose, past) is None  # closed by its date; a refused write records nothing
    assert db.session.get(Target, target.id).target_value == 40.0
    ceo = bearer(make_user("ceo@example.com", roles=["executive"]))
    version = db.session.get(Target, target.id).version
    assert client.patch(f"/api/v1/targets/{target.id}", headers=ceo,
                        json={"version": version, "target_value": 35}).status_code == 422
    allowed = client.patch(f"/api/v1/targets/{target.id}", headers=ceo,
                           json={"version": version, "target_value": 35, "override_reason": "Typo"})
    assert allowed.status_code == 200 and db.session.get(Target, target.id).target_value == 35.0
    assert db.session.get(MonthClose, past) is not None  # the write that went through recorded the close


def test_a_lead_cannot_patch_an_approved_target_or_outside_the_window(client):
    from cxgov.targets import operations

    cs, _prd, lead, _other = setup()
    approved, later = make_target(cs), make_target(cs, next_month(3), title="Later")
    operations.approve(approved, make_user("cxo@example.com", roles=["cx_office"]), "")
    db.session.commit()
    headers = bearer(lead)
    response = client.patch(f"/api/v1/targets/{approved.id}", headers=headers,
                            json={"version": approved.version, "target_value": 99})
    assert response.status_code == 422 and response.get_json()["error"]["details"]["rule"] == "approved"
    response = client.patch(f"/api/v1/targets/{later.id}", headers=headers,
                            json={"version": later.version, "title": "Changed"})
    assert response.status_code == 422 and response.get_json()["error"]["details"]["rule"] == "edit_outside_window"
    assert db.session.scalars(sa.select(Target.target_value).order_by(Target.id)).all() == [40.0, 40.0]
    assert db.session.get(Target, later.id).title == "Later"


def test_the_api_validates_values_owner_and_points_like_the_form(client):
    cs, _prd, lead, _other = setup()
    target = make_target(cs)
    headers = bearer(lead)
    nulled = client.patch(f"/api/v1/targets/{target.id}", headers=headers,
                          json={"version": target.version, "baseline": None})
    assert nulled.status_code == 422
    assert nulled.get_json()["error"]["details"]["json"]["baseline"] == [
        "A numeric target needs a baseline and a target value."]
    base = {"department_id": cs.id, "month": next_month(), "title": "Fewer complaints", "kind": "numeric"}
    backwards = client.post("/api/v1/targets", headers=headers,
                            json={**base, "direction": "lower", "baseline": 10, "target_value": 20})
    assert backwards.status_code == 422
    assert backwards.get_json()["error"]["details"]["json"]["target_value"] == [
        "Lower is better, so the target must be below the baseline."]
    ghost = client.post("/api/v1/targets", headers=headers,
                        json={**base, "baseline": 10, "target_value": 20, "owner_id": 99999})
    assert ghost.status_code == 422
    assert ghost.get_json()["error"]["details"]["json"]["owner_id"] == [
        "The owner must be an active user who may make changes (not a viewer)."]
    fraction = client.post("/api/v1/targets", headers=headers,
                           json={**base, "baseline": 10, "target_value": 20, "points": 2.5})
    assert fraction.status_code == 422 and "points" in fraction.get_json()["error"]["details"]["json"]
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == 1
    assert db.session.get(Target, target.id).baseline == 30.0


# --- issue 11: the API goes through the same update gate ---------------------------------------------------------

def test_the_api_refuses_a_future_date_that_would_pin_the_actual_and_a_milestone_without_done(client):
    cs, _prd, lead, _other = setup()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, title="NPS", owner_id=lead.id)
    milestone = make_target(cs, month, title="Launch", kind="milestone", owner_id=lead.id)
    headers = bearer(lead)
    client.post(f"/api/v1/targets/{milestone.id}/updates", headers=headers,
                json={"on_date": clock.today().isoformat(), "done": True})
    future = client.post(f"/api/v1/targets/{target.id}/updates", headers=headers,
                         json={"on_date": "2999-01-01", "value": 99})
    assert future.status_code == 422
    reset = client.post(f"/api/v1/targets/{milestone.id}/updates", headers=headers,
                        json={"on_date": clock.today().isoformat(), "note": "no done given"})
    assert reset.status_code == 422
    assert reset.get_json()["error"]["details"]["json"]["done"] == ["Say whether the milestone is done or not yet."]
    body = client.get(f"/api/v1/targets/{milestone.id}", headers=headers).get_json()
    assert body["actual"]["done"] is True and body["status"] == "achieved"  # not silently reset
    assert db.session.scalar(sa.select(sa.func.count(TargetUpdate.id))) == 1


def test_an_update_is_corrected_or_withdrawn_through_the_api_with_a_reason(client):
    cs, _prd, lead, _other = setup()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, title="NPS", owner_id=lead.id)
    headers = bearer(lead)
    day = clock.today().replace(day=1).isoformat()
    wrong = client.post(f"/api/v1/targets/{target.id}/updates", headers=headers,
                        json={"on_date": day, "value": 410}).get_json()
    fixed = client.post(f"/api/v1/targets/{target.id}/updates", headers=headers,
                        json={"on_date": day, "value": 41, "corrects": wrong["id"], "reason": "Typo"})
    assert fixed.status_code == 201 and fixed.get_json()["corrects"] == wrong["id"]
    body = client.get(f"/api/v1/targets/{target.id}", headers=headers).get_json()
    assert body["actual"]["value"] == 41
    withdrawn = client.post(f"/api/v1/targets/{target.id}/updates/{fixed.get_json()['id']}/withdraw",
                            headers=headers, json={"reason": "Wrong target"})
    assert withdrawn.status_code == 200 and withdrawn.get_json()["withdrawal_reason"] == "Wrong target"
    body = client.get(f"/api/v1/targets/{target.id}", headers=headers).get_json()
    assert body["actual"] is None and body["status"] != "achieved"
    assert db.session.scalar(sa.select(sa.func.count(TargetUpdate.id))) == 2
    other = make_target(cs, month, title="Other", owner_id=lead.id)
    assert client.post(f"/api/v1/targets/{other.id}/updates/{wrong['id']}/withdraw", headers=headers,
                       json={"reason": "x"}).status_code == 404


def test_points_over_the_scale_are_refused_through_the_api(client):
    cs, _prd, lead, _other = setup()
    response = client.post("/api/v1/targets", headers=bearer(lead), json={
        "department_id": cs.id, "month": next_month(), "title": "0 → 1", "kind": "numeric", "baseline": 0,
        "target_value": 1, "points": 1000})
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["json"]["points"] == [
        "A target may carry at most 50 points (the CX office's points scale)."]
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == 0
