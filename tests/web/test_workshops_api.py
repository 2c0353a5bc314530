"""The read-only workshops API: workshops with their counts, attendance counts by department, ideas."""
from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.workshops import operations
from tests.web.test_workshops import company, workshop


def bearer(user):
    _row, plain = create_token(user, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def held_workshop(depts, people):
    """A held workshop: three invited, two came, one walk-in, two ratings, two ideas (one became a target)."""
    from cxgov.targets import operations as targets

    item = workshop(people, invite=("agent", "agent2", "designer"), guests=2)
    operations.record_attendance(item, {people["agent"].id, people["designer"].id, people["planner"].id},
                                 {people["planner"].id}, people["hr"])
    operations.give_feedback(item, people["agent"], 5, "")
    operations.give_feedback(item, people["designer"], 4, "")
    first = operations.add_idea(item, {"kind": "pain_point", "title": "Waiting all day", "stage": "delivery",
                                       "department_id": depts["scm"].id}, people["hr"])
    second = operations.add_idea(item, {"kind": "improvement", "title": "Two-hour slots", "stage": "delivery",
                                        "department_id": depts["scm"].id}, people["hr"])
    operations.screen_ideas(item, {second.id: {"dot_votes": 7, "impact": 5, "effort": 2, "decision": "shortlisted"}})
    target = targets.create_target(depts["scm"], "2099-01", {"title": "Two-hour slots", "kind": "milestone"},
                                   people["hr"])
    second.target_id = target.id
    db.session.commit()
    return item, first, second, target


def test_workshops_with_their_counts(client):
    depts, people = company()
    item, _first, _second, _target = held_workshop(depts, people)
    body = client.get("/api/v1/workshops", headers=bearer(people["viewer"])).get_json()
    assert body["total"] == 1 and body["page"] == 1
    found = body["items"][0]
    assert found["id"] == item.id and found["status"] == "held" and found["method"] == "brainstorming"
    assert found["starts_at"].endswith("+00:00") and found["minutes"] == 120
    assert found["cocreators"]["customers"] == 2
    assert found["counts"] == {"invited": 3, "coming": 0, "not_coming": 0, "no_answer": 3, "attended": 3,
                               "walk_ins": 1, "ideas": 2, "ideas_promoted": 1, "ratings": 2, "rating_mean": 4.5}
    one = client.get(f"/api/v1/workshops/{item.id}", headers=bearer(people["agent"])).get_json()
    assert one["title"] == item.title and one["month"] == found["month"]
    assert client.get("/api/v1/workshops?year=2001", headers=bearer(people["agent"])).get_json()["items"] == []
    missing = client.get("/api/v1/workshops/999", headers=bearer(people["agent"]))
    assert missing.status_code == 404 and missing.get_json()["error"]["code"]


def test_attendance_counts_by_department_without_names(client):
    depts, people = company()
    item, *_rest = held_workshop(depts, people)
    body = client.get(f"/api/v1/workshops/{item.id}/attendance", headers=bearer(people["viewer"])).get_json()
    assert (body["invited"], body["attended"], body["walk_ins"], body["guests"]) == (3, 3, 1, 2)
    assert abs(body["rate"] - 2 / 3) < 1e-9
    rows = {r["department_id"]: r for r in body["departments"]}
    assert rows[depts["cs"].id] == {"department_id": depts["cs"].id, "invited": 2, "came": 1, "walk_ins": 0,
                                    "rate": 0.5}
    assert rows[depts["scm"].id]["walk_ins"] == 1 and rows[depts["scm"].id]["rate"] is None
    assert "李娜" not in str(body)


def test_ideas_filtered_and_linked_to_their_target(client):
    depts, people = company()
    item, first, second, target = held_workshop(depts, people)
    headers = bearer(people["agent"])
    body = client.get(f"/api/v1/ideas?workshop_id={item.id}", headers=headers).get_json()
    assert [i["id"] for i in body["items"]] == [second.id, first.id]
    promoted = client.get("/api/v1/ideas?promoted=true", headers=headers).get_json()["items"]
    assert [(i["id"], i["target_id"], i["quadrant"], i["dot_votes"]) for i in promoted] == [
        (second.id, target.id, "quick_win", 7)]
    pains = client.get("/api/v1/ideas?kind=pain_point", headers=headers).get_json()["items"]
    assert [i["title"] for i in pains] == ["Waiting all day"]
    bad = client.get("/api/v1/ideas?kind=rumour", headers=headers)
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "validation_failed"
    assert client.get(f"/api/v1/ideas/{first.id}", headers=headers).get_json()["stage"] == "delivery"


def test_the_api_needs_a_token_and_is_in_the_openapi_document(client):
    _depts, people = company()
    assert client.get("/api/v1/workshops").status_code == 401
    document = client.get("/api/v1/openapi.json").get_json()
    assert {"/api/v1/workshops", "/api/v1/workshops/{workshop_id}/attendance", "/api/v1/ideas"} <= set(
        document["paths"])
