"""The read-only team and rotation API."""
from datetime import date

import sqlalchemy as sa

from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.teams import operations, team_operations
from cxgov.teams.models import Term
from tests.web.test_teams import company, make_plan


def bearer(user):
    _row, plain = create_token(user, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def test_the_team_today_as_json(client, on_day):
    c = company()
    make_plan(c.leads[:3], start=date(2027, 1, 1), today=date(2026, 11, 22))
    team_operations.add_assignment("sponsor", c.ceo, None, date(2026, 1, 1), None)
    team_operations.add_assignment("champion", c.member, c.depts[3], date(2026, 1, 1), None)
    db.session.commit()
    on_day(date(2027, 2, 1))
    body = client.get("/api/v1/team", headers=bearer(c.viewer)).get_json()
    assert body["on"] == "2027-02-01"
    assert [a["person"]["name"] for a in body["sponsor"]] == ["The CEO"]
    assert body["director"]["director"]["name"] == "Lead PRD" and body["director"]["status"] == "current"
    assert body["deputy"]["director"]["name"] == "Lead MKT" and body["deputy"]["starts_on"] == "2027-04-01"
    assert body["champions"][0]["department_id"] == c.depts[3].id
    before = client.get("/api/v1/team?on=2026-12-31", headers=bearer(c.viewer)).get_json()
    assert before["director"] is None and before["deputy"]["director"]["name"] == "Lead PRD"


def test_assignments_are_listed_and_filtered_by_role(client):
    c = company()
    team_operations.add_assignment("sponsor", c.ceo, None, date(2026, 1, 1), None)
    team_operations.add_assignment("member", c.member, None, date(2026, 1, 1), date(2026, 6, 30))
    db.session.commit()
    headers = bearer(c.member)
    everything = client.get("/api/v1/team/assignments", headers=headers).get_json()
    assert everything["total"] == 2 and everything["items"][0]["ends_on"] in ("2026-06-30", None)
    members = client.get("/api/v1/team/assignments?role=member", headers=headers).get_json()
    assert [a["person"]["name"] for a in members["items"]] == ["Agent CS"]
    assert client.get("/api/v1/team/assignments?role=boss", headers=headers).status_code == 422


def test_the_rotation_its_terms_skips_and_handovers(client, on_day):
    c = company()
    make_plan(c.leads[:3], start=date(2027, 1, 1), today=date(2026, 11, 22))
    operations.add_leave(c.leads[1], date(2027, 4, 1), date(2027, 4, 30), "Secondment", date(2026, 11, 22))
    q1 = db.session.scalar(sa.select(Term).where(Term.starts_on == date(2027, 1, 1)))
    team_operations.save_handover(q1, "Draft notes", ["One"], False, c.leads[0])
    db.session.commit()
    on_day(date(2027, 2, 1))
    headers = bearer(c.viewer)
    rotation = client.get("/api/v1/rotation", headers=headers).get_json()
    assert rotation["plan"]["cadence"] == "quarterly"
    assert [m["person"]["name"] for m in rotation["plan"]["pool"]] == ["Lead PRD", "Lead MKT", "Lead SAL"]
    assert rotation["leaves"][0]["note"] == "Secondment" and rotation["earlier_plans"] == []
    terms = client.get("/api/v1/rotation/terms?page_size=4", headers=headers).get_json()
    assert [t["director"]["name"] for t in terms["items"]] == ["Lead PRD", "Lead SAL", "Lead MKT", "Lead PRD"]
    assert terms["items"][1]["skipped_ids"] == [c.leads[1].id]
    assert [t["status"] for t in terms["items"]] == ["current", "planned", "planned", "planned"]
    draft = client.get(f"/api/v1/rotation/terms/{q1.id}", headers=headers).get_json()["handover"]
    assert draft["submitted_at"] is None and draft["notes"] is None  # a draft is not the viewer's to read
    deputy = client.get(f"/api/v1/rotation/terms/{q1.id}", headers=bearer(c.leads[2])).get_json()["handover"]
    assert deputy["notes"] == "Draft notes" and deputy["open_items"] == ["One"]
    missing = client.get("/api/v1/rotation/terms/9999", headers=headers)
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"


def test_the_api_is_read_only_and_needs_a_token(client):
    c = company()
    assert client.get("/api/v1/rotation").status_code == 401
    assert client.post("/api/v1/rotation", headers=bearer(c.cxo)).status_code == 405
