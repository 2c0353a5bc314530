"""Targets through the API: the BI job pushing NPS, stale writes, other departments, the error body."""
from datetime import date

import sqlalchemy as sa

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
    month = date.today().strftime("%Y-%m")
    target = make_target(cs, month, title="NPS", owner_id=lead.id)
    headers = bearer(lead)
    listed = client.get(f"/api/v1/targets?department={cs.id}&month={month}", headers=headers).get_json()
    assert [t["title"] for t in listed["items"]] == ["NPS"] and listed["total"] == 1
    response = client.post(f"/api/v1/targets/{target.id}/updates", headers=headers,
                           json={"on_date": date.today().isoformat(), "value": 41.5, "note": "from BI"})
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
    target = make_target(cs, date.today().strftime("%Y-%m"), owner_id=lead.id)
    headers = bearer(lead)
    bad = client.post(f"/api/v1/targets/{target.id}/updates", headers=headers,
                      json={"on_date": date.today().isoformat(), "value": "lots"})
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "validation_failed"
    missing = client.post("/api/v1/targets", headers=headers, json={
        "department_id": cs.id, "month": "2026-13", "title": "", "kind": "numeric"})
    assert missing.status_code == 422
    outside = client.post("/api/v1/targets", headers=headers, json={
        "department_id": cs.id, "month": next_month(4), "title": "Later", "kind": "milestone"})
    assert outside.status_code == 422 and outside.get_json()["error"]["details"]["rule"] == "outside_window"
    assert db.session.scalar(sa.select(sa.func.count(TargetUpdate.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == 1
