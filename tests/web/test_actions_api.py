"""Action items through the API: list, filters and pages, create, stale writes, If-Match, rule errors, roles."""
from datetime import timedelta

import sqlalchemy as sa

from cxgov import clock
from cxgov.actions import operations
from cxgov.actions.models import ActionItem
from cxgov.api.operations import create_token
from cxgov.extensions import db
from tests.factories import make_action, make_department, make_user

TODAY = clock.today()


def bearer(user):
    _row, plain = create_token(user, "tracker sync")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def setup():
    cs, prd = make_department("CS"), make_department("PRD")
    lead = make_user("lead.cs@example.com", roles=["dept_lead"], department=cs)
    agent = make_user("agent@example.com", department=cs)
    viewer = make_user("viewer@example.com", roles=["viewer"])
    cs.lead_id = lead.id
    db.session.commit()
    return cs, prd, lead, agent, viewer


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count(ActionItem.id)))


def test_list_filters_and_pages(client):
    cs, prd, lead, agent, viewer = setup()
    for n in range(3):
        make_action(agent, cs, title=f"CS {n}", due_on=TODAY + timedelta(days=n + 1))
    make_action(lead, prd, title="PRD late", due_on=TODAY - timedelta(days=2), source="assessment", source_id=4)
    finished = make_action(lead, cs, title="CS done")
    operations.set_status(finished, "done", TODAY)
    db.session.commit()
    headers = bearer(viewer)
    body = client.get("/api/v1/actions?page_size=2", headers=headers).get_json()
    assert (body["total"], body["pages"], [a["title"] for a in body["items"]]) == (5, 3, ["PRD late", "CS 0"])
    assert body["items"][0]["overdue"] is True and body["items"][0]["source_url"].endswith("/assessments/4/results")
    assert [a["title"] for a in client.get("/api/v1/actions?page=3&page_size=2", headers=headers)
            .get_json()["items"]] == ["CS done"]
    titles = lambda query: [a["title"] for a in client.get(f"/api/v1/actions?{query}", headers=headers)  # noqa: E731
                            .get_json()["items"]]
    assert titles(f"department={prd.id}") == ["PRD late"]
    assert titles(f"owner={lead.id}") == ["PRD late", "CS done"]
    assert titles("status=done") == ["CS done"]
    assert titles("status=active&overdue=true") == ["PRD late"]
    assert titles("source=assessment") == ["PRD late"]
    bad = client.get("/api/v1/actions?status=later", headers=headers)
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "validation_failed"


def test_create_then_a_stale_patch_gets_409_with_the_current_values(client):
    cs, _prd, lead, agent, _viewer = setup()
    headers = bearer(lead)
    created = client.post("/api/v1/actions", headers=headers, json={
        "title": "Weekly poor-rating review", "owner_id": agent.id, "department_id": cs.id,
        "due_on": (TODAY + timedelta(days=10)).isoformat()})
    assert created.status_code == 201
    action = created.get_json()
    assert (action["status"], action["source"], action["version"]) == ("open", "manual", 1)
    first = client.patch(f"/api/v1/actions/{action['id']}", headers=headers,
                         json={"version": action["version"], "title": "Twice-weekly review"})
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    stale = client.patch(f"/api/v1/actions/{action['id']}", headers=headers, json={"version": 1, "title": "Lost?"})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "conflict" and error["details"]["current"]["title"] == "Twice-weekly review"
    assert db.session.scalar(sa.select(ActionItem.title)) == "Twice-weekly review"


def test_if_match_and_etag(client):
    cs, _prd, lead, agent, _viewer = setup()
    action = make_action(agent, cs)
    headers = bearer(lead)
    got = client.get(f"/api/v1/actions/{action.id}", headers=headers)
    assert got.headers["ETag"] == '"1"'
    moved = client.patch(f"/api/v1/actions/{action.id}", headers={**headers, "If-Match": got.headers["ETag"]},
                         json={"status": "in_progress"})
    assert moved.status_code == 200 and moved.get_json()["status"] == "in_progress"
    again = client.patch(f"/api/v1/actions/{action.id}", headers={**headers, "If-Match": '"1"'},
                         json={"status": "done"})
    assert again.status_code == 409 and db.session.get(ActionItem, action.id).status == "in_progress"
    missing = client.patch(f"/api/v1/actions/{action.id}", headers=headers, json={"status": "done"})
    assert missing.status_code == 422 and "version" in missing.get_json()["error"]["details"]["json"]
    assert missing.get_json()["error"]["details"]["json"]["version"] == (
        "Send the version you read, in the body or as If-Match.")


def test_rule_errors_get_422_with_the_translated_message_and_write_nothing(client):
    cs, _prd, lead, agent, _viewer = setup()
    headers = bearer(lead)
    no_owner = client.post("/api/v1/actions", headers=headers,
                           json={"title": "X", "due_on": (TODAY + timedelta(days=3)).isoformat()})
    assert no_owner.status_code == 422
    # A value the gate refuses names its field, in the same shape as a value the schema refuses (details.json).
    assert no_owner.get_json()["error"] == {"code": "validation_failed", "message": "An action needs an owner.",
                                            "details": {"rule": "invalid",
                                                        "json": {"owner_id": ["An action needs an owner."]}}}
    zh = client.post("/api/v1/actions", headers={**headers, "Accept-Language": "zh-CN"},
                     json={"title": "X", "owner_id": agent.id})
    assert zh.status_code == 422 and list(zh.get_json()["error"]["details"]["json"]) == ["due_on"]
    bad_date = client.post("/api/v1/actions", headers=headers,
                           json={"title": "X", "owner_id": agent.id, "due_on": "2026-02-30"})
    assert bad_date.status_code == 422 and "due_on" in str(bad_date.get_json()["error"]["details"])
    assert count() == 0
    action = make_action(agent, cs)
    drop = client.patch(f"/api/v1/actions/{action.id}", headers=headers, json={"version": 1, "status": "dropped"})
    assert drop.status_code == 422 and drop.get_json()["error"]["message"] == "Say why the action is dropped."
    assert db.session.get(ActionItem, action.id).status == "open"


def test_roles_the_owner_moves_a_viewer_gets_403(client):
    cs, _prd, _lead, agent, viewer = setup()
    stranger = make_user("stranger@example.com", department=cs)
    action = make_action(agent, cs)
    owner = bearer(agent)
    assert client.patch(f"/api/v1/actions/{action.id}", headers=owner, json={"version": 1, "title": "Mine"}) \
        .status_code == 403  # the owner moves it along but does not rewrite it
    assert client.patch(f"/api/v1/actions/{action.id}", headers=owner,
                        json={"version": 1, "status": "done"}).status_code == 200
    assert client.patch(f"/api/v1/actions/{action.id}", headers=bearer(stranger),
                        json={"version": 2, "status": "open"}).status_code == 403
    watcher = bearer(viewer)
    assert client.get(f"/api/v1/actions/{action.id}", headers=watcher).status_code == 200
    refused = client.post("/api/v1/actions", headers=watcher,
                          json={"title": "X", "owner_id": agent.id, "due_on": TODAY.isoformat()})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    assert client.patch(f"/api/v1/actions/{action.id}", headers=watcher,
                        json={"version": 2, "status": "open"}).status_code == 403
    assert count() == 1 and db.session.get(ActionItem, action.id).status == "done"


def test_the_api_adds_actions_by_hand_only_and_never_to_a_viewer(client):
    cs, _prd, lead, _agent, viewer = setup()
    headers = bearer(lead)
    due = (TODAY + timedelta(days=10)).isoformat()
    sneaky = client.post("/api/v1/actions", headers=headers, json={
        "title": "Into published minutes", "owner_id": lead.id, "due_on": due, "source": "review", "source_id": 1})
    assert sneaky.status_code == 422 and "source" in sneaky.get_json()["error"]["details"]["json"]
    to_viewer = client.post("/api/v1/actions", headers=headers, json={
        "title": "For the board", "owner_id": viewer.id, "department_id": cs.id, "due_on": due})
    assert to_viewer.status_code == 422
    assert "cannot own an action" in to_viewer.get_json()["error"]["message"]
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0
