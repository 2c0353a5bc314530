"""The read-only assessments API: frameworks, cycles, published results."""
import sqlalchemy as sa

from cxgov.api.operations import create_token
from cxgov.assessments import operations
from cxgov.assessments.models import Practice, Respondent
from cxgov.extensions import db
from tests.factories import make_cycle, make_department, make_user


def bearer(user):
    _row, plain = create_token(user, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def answer_all(cycle, user, level):
    respondent = db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == cycle.id,
                                                               Respondent.user_id == user.id))
    items = db.session.scalars(sa.select(Practice)).all()
    operations.save_answers(respondent, {p.id: (level, False, "") for p in items}, submit=True, by=user)
    db.session.commit()


def test_published_results_as_json(client):
    cs, fin = make_department("CS"), make_department("FIN")
    lead_cs = make_user("a@example.com", roles=["dept_lead"], department=cs)
    lead_fin = make_user("b@example.com", roles=["dept_lead"], department=fin)
    viewer = make_user("v@example.com", roles=["viewer"])
    cycle = make_cycle([cs, fin], state="open", targets={"LISTEN": 4.0})
    answer_all(cycle, lead_cs, 4)
    answer_all(cycle, lead_fin, 2)
    cycle.state = "published"
    db.session.commit()
    body = client.get(f"/api/v1/cycles/{cycle.id}/results", headers=bearer(viewer)).get_json()
    assert body["overall"] == 3.0 and body["level"] == 3
    listen = next(d for d in body["dimensions"] if d["code"] == "LISTEN")
    assert listen["score"] == 3.0 and listen["target"] == 4.0 and listen["gap"] == 1.0 and listen["walls_sd"] == 1.0
    by_code = {d["code"]: d for d in body["departments"]}
    assert by_code["CS"]["overall"] == 4.0 and by_code["FIN"]["scores"]["LEAD"] == 2.0
    assert by_code["CS"]["raw"]["LEAD"] == {"mean": 4.0, "sd": 0.0, "n": 1}
    assert body["coverage"] == {"covered": 2, "of": 2, "full": True, "missing_department_ids": []}
    assert body["previous_cycle_id"] is None and body["comparison"] is None and body["overall_change"] is None


def test_results_count_only_submitted_answers_and_compare_with_the_cycle_that_ran_before(client):
    cs, fin = make_department("CS"), make_department("FIN")
    lead_cs = make_user("a@example.com", roles=["dept_lead"], department=cs)
    member = make_user("m@example.com", department=cs)
    lead_fin = make_user("b@example.com", roles=["dept_lead"], department=fin)
    from datetime import date
    earlier = make_cycle([cs, fin], state="open", name="Earlier", opens_on=date(2026, 3, 1), due_on=date(2026, 3, 20))
    later = make_cycle([cs], state="open", name="Later", opens_on=date(2026, 9, 1), due_on=date(2026, 9, 20))
    answer_all(earlier, lead_cs, 2)
    answer_all(earlier, lead_fin, 3)
    answer_all(later, lead_cs, 4)
    draft = db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == later.id,
                                                          Respondent.user_id == member.id))
    operations.save_answers(draft, {p.id: (1, False, "") for p in db.session.scalars(sa.select(Practice))}, False,
                            member)  # a draft: it never counts
    later.state, earlier.state = "published", "published"
    db.session.commit()
    body = client.get(f"/api/v1/cycles/{later.id}/results", headers=bearer(lead_fin)).get_json()
    assert body["coverage"] == {"covered": 1, "of": 2, "full": False, "missing_department_ids": [fin.id]}
    assert body["overall"] == 4.0 and body["previous_cycle_id"] == earlier.id and body["overall_change"] == 2.0
    assert body["comparison"]["department_ids"] == [cs.id]
    assert body["comparison"]["left_out_department_ids"] == [fin.id]


def test_unpublished_results_are_refused_to_viewers_and_drafts_hidden_from_members(client):
    cs = make_department("CS")
    member = make_user("m@example.com", department=cs)
    viewer = make_user("v@example.com", roles=["viewer"])
    open_cycle = make_cycle([cs], state="open", name="Open one")
    make_cycle([cs], state="draft", name="Draft one")
    response = client.get(f"/api/v1/cycles/{open_cycle.id}/results", headers=bearer(viewer))
    assert response.status_code == 403 and response.get_json()["error"]["code"]
    names = [c["name"] for c in client.get("/api/v1/cycles", headers=bearer(member)).get_json()["items"]]
    assert names == ["Open one"]
    assert client.get("/api/v1/cycles", headers=bearer(viewer)).get_json()["items"] == []


def test_framework_with_levels_and_targets_per_dimension_code(client):
    cs = make_department("CS")
    user = make_user("m@example.com", department=cs)
    cycle = make_cycle([cs], state="published", targets={"LEAD": 4.5})
    headers = bearer(user)
    framework = client.get(f"/api/v1/frameworks/{cycle.framework_id}", headers=headers).get_json()
    assert len(framework["dimensions"]) == 8
    assert all(len(p["levels"]) == 5 for d in framework["dimensions"] for p in d["practices"])
    detail = client.get(f"/api/v1/cycles/{cycle.id}", headers=headers).get_json()
    assert detail["targets"]["LEAD"] == 4.5 and detail["department_ids"] == [cs.id]
    assert client.get("/api/v1/cycles/99999", headers=headers).get_json()["error"]["code"] == "not_found"
