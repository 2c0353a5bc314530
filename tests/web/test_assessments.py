"""Assessment cycles through the web: creating, answering, states, calibration, results, permissions."""
import html
import io
from datetime import date

import sqlalchemy as sa
from openpyxl import load_workbook

from cxgov.assessments.models import Answer, Calibration, Cycle, Practice, Respondent
from cxgov.audit.models import AuditEntry
from cxgov.extensions import db
from tests.factories import make_cycle, make_department, make_user


def setup_company():
    """Two departments with a lead and a member each, a CX office, a CEO in the executive office and a viewer."""
    cs, fin = make_department("CS"), make_department("FIN", kind="functional")
    exo = make_department("EXO", kind="functional")
    people = {
        "cs_lead": make_user("lead.cs@example.com", roles=["dept_lead"], department=cs),
        "cs_member": make_user("agent@example.com", roles=["member"], department=cs),
        "fin_lead": make_user("lead.fin@example.com", roles=["dept_lead"], department=fin),
        "cxo": make_user("cxo@example.com", roles=["cx_office"]),
        "ceo": make_user("ceo@example.com", roles=["executive"], department=exo),
        "viewer": make_user("viewer@example.com", roles=["viewer"]),
    }
    return cs, fin, people


def practices(cycle):
    return db.session.scalars(sa.select(Practice).join(Practice.dimension)
                              .where(Practice.dimension.has(framework_id=cycle.framework_id))
                              .order_by(Practice.id)).all()


def respondent_of(cycle, user):
    return db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == cycle.id,
                                                         Respondent.user_id == user.id))


def full_answers(items, level="3"):
    return {f"level-{p.id}": level for p in items}


def test_cx_office_creates_a_cycle_with_default_respondents_and_targets(client):
    cs, fin, people = setup_company()
    client.login("cxo@example.com")
    page = client.text("/assessments/new")
    assert "Target level per dimension" in page
    form = {"name": "2027 Spring", "framework_id": "", "opens_on": "2027-03-01", "due_on": "2027-03-20",
            "department_ids": [str(cs.id), str(fin.id)]}
    from cxgov.assessments.models import Framework
    framework = db.session.scalar(sa.select(Framework))
    form["framework_id"] = str(framework.id)
    for dim in framework.dimensions:
        form[f"target_{dim.id}"] = "3.5"
    response = client.submit("/assessments/new", form)
    assert response.status_code == 302
    cycle = db.session.scalar(sa.select(Cycle).where(Cycle.name == "2027 Spring"))
    assert cycle.state == "draft" and len(cycle.targets) == 8 and {t.target for t in cycle.targets} == {3.5}
    assert {(r.user.email, r.department.code) for r in cycle.respondents} == {
        ("lead.cs@example.com", "CS"), ("agent@example.com", "CS"), ("lead.fin@example.com", "FIN")}


def test_a_cycle_form_with_bad_dates_and_targets_is_refused(client):
    cs, _fin, _people = setup_company()
    client.login("cxo@example.com")
    client.text("/assessments/new")
    from cxgov.assessments.models import Framework
    framework = db.session.scalar(sa.select(Framework))
    form = {"name": "Bad", "framework_id": str(framework.id), "opens_on": "2027-03-20", "due_on": "2027-03-01",
            "department_ids": []}
    for dim in framework.dimensions:
        form[f"target_{dim.id}"] = "7"
    page = client.submit("/assessments/new", form).get_data(as_text=True)
    assert "The due date is before the opening date." in page
    assert "Choose at least one department." in page
    assert "A target level is between 1 and 5." in page
    assert db.session.scalar(sa.select(sa.func.count(Cycle.id))) == 0


def test_a_respondent_saves_a_draft_then_submits(client):
    cs, _fin, people = setup_company()
    cycle = make_cycle([cs], state="open")
    me = respondent_of(cycle, people["cs_member"])
    items = practices(cycle)
    client.login("agent@example.com")
    page = html.unescape(client.text(f"/assessments/{cycle.id}/answer/{me.id}"))
    assert items[0].statement_en in page and items[0].levels[4]["en"] in page  # level descriptions in view
    client.submit(f"/assessments/{cycle.id}/answer/{me.id}", {f"level-{items[0].id}": "4",
                                                              f"evidence-{items[0].id}": "NPS report",
                                                              f"level-{items[1].id}": "na", "save": "1"})
    answers = {a.practice_id: a for a in db.session.scalars(sa.select(Answer).where(Answer.respondent_id == me.id))}
    assert answers[items[0].id].level == 4 and answers[items[0].id].evidence == "NPS report"
    assert answers[items[1].id].not_applicable and answers[items[1].id].level is None
    assert db.session.get(Respondent, me.id).submitted_at is None
    page = client.submit(f"/assessments/{cycle.id}/answer/{me.id}", {"submit": "1"}).get_data(as_text=True)
    assert "Choose a level or not applicable before submitting." in page
    assert db.session.get(Respondent, me.id).submitted_at is None
    client.submit(f"/assessments/{cycle.id}/answer/{me.id}", {**full_answers(items[2:]), "submit": "1"})
    assert db.session.get(Respondent, me.id).submitted_at is not None
    assert db.session.scalar(sa.select(sa.func.count(Answer.id)).where(Answer.respondent_id == me.id)) == len(items)


def test_a_score_outside_one_to_five_is_refused_and_nothing_saved(client):
    cs, _fin, people = setup_company()
    cycle = make_cycle([cs], state="open")
    me = respondent_of(cycle, people["cs_member"])
    items = practices(cycle)
    client.login("agent@example.com")
    page = client.submit(f"/assessments/{cycle.id}/answer/{me.id}",
                         {f"level-{items[0].id}": "2", f"level-{items[1].id}": "6", "save": "1"}).get_data(as_text=True)
    assert "Choose a level from 1 to 5, or not applicable." in page
    assert "Nothing has been saved" in page
    assert db.session.scalar(sa.select(sa.func.count(Answer.id))) == 0


def test_answers_are_refused_when_the_cycle_is_not_open(client):
    cs, _fin, people = setup_company()
    cycle = make_cycle([cs], state="draft")
    me = respondent_of(cycle, people["cs_member"])
    items = practices(cycle)
    client.login("agent@example.com")
    page = client.submit(f"/assessments/{cycle.id}/answer/{me.id}", {f"level-{items[0].id}": "3", "save": "1"},
                         follow_redirects=True).get_data(as_text=True)
    assert "This cycle is not open" in page
    assert db.session.scalar(sa.select(sa.func.count(Answer.id))) == 0


def test_nobody_answers_on_behalf_of_someone_else(client):
    cs, _fin, people = setup_company()
    cycle = make_cycle([cs], state="open")
    theirs = respondent_of(cycle, people["cs_member"])
    items = practices(cycle)
    for email in ("lead.cs@example.com", "cxo@example.com", "ceo@example.com"):
        other = client.application.test_client()
        other.login(email)
        response = other.submit(f"/assessments/{cycle.id}/answer/{theirs.id}", {f"level-{items[0].id}": "5"})
        assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Answer.id))) == 0


def test_a_lead_sees_who_in_the_department_has_not_answered(client):
    cs, fin, people = setup_company()
    cycle = make_cycle([cs, fin], state="open")
    client.login("lead.cs@example.com")
    page = client.text(f"/assessments/{cycle.id}/departments/{cs.id}/answers")
    assert "Not submitted yet" in page and "agent@example.com" in page
    assert client.get(f"/assessments/{cycle.id}/departments/{fin.id}/answers").status_code == 403


def answer_all(cycle, user, level):
    """Submit every practice at one level, through the operations."""
    from cxgov.assessments import operations
    respondent = respondent_of(cycle, user)
    operations.save_answers(respondent, {p.id: (level, False, "") for p in practices(cycle)}, submit=True, by=user)
    db.session.commit()


def test_the_state_machine_publish_and_reopen_with_reason(client):
    cs, _fin, people = setup_company()
    cycle = make_cycle([cs])
    client.login("cxo@example.com")
    for state in ("open", "calibration", "published"):
        client.submit(f"/assessments/{cycle.id}/state/{state}")
        assert db.session.get(Cycle, cycle.id).state == state
    assert db.session.get(Cycle, cycle.id).published_at is not None
    page = client.submit(f"/assessments/{cycle.id}/state/open", {"reason": ""}, follow_redirects=True) \
        .get_data(as_text=True)
    assert "Give a reason" in page and db.session.get(Cycle, cycle.id).state == "published"
    client.submit(f"/assessments/{cycle.id}/state/open", {"reason": "Finance answered late"})
    assert db.session.get(Cycle, cycle.id).state == "open"
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.table_name == "assessment_cycles")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.reason == "Finance answered late" and entry.changes["state"] == ["published", "open"]


def test_a_skipped_state_is_refused(client):
    cs, _fin, _people = setup_company()
    cycle = make_cycle([cs])
    client.login("cxo@example.com")
    page = client.submit(f"/assessments/{cycle.id}/state/published", follow_redirects=True).get_data(as_text=True)
    assert "cannot move to that state" in page
    assert db.session.get(Cycle, cycle.id).state == "draft"


def test_calibration_is_stored_with_its_reason_and_shown_beside_the_raw_score(client):
    cs, fin, people = setup_company()
    cycle = make_cycle([cs, fin], state="open")
    answer_all(cycle, people["cs_lead"], 4)
    answer_all(cycle, people["fin_lead"], 2)
    client.login("cxo@example.com")
    client.submit(f"/assessments/{cycle.id}/state/calibration")
    dim, second = cycle.framework.dimensions[:2]
    url = f"/assessments/{cycle.id}/calibrate"
    # Two rows typed, one without its reason: both are given back as typed, the row is marked, nothing is saved.
    response = client.submit(url, {"department": str(cs.id), f"score-{dim.id}": "3.2", f"reason-{dim.id}": "",
                                   f"score-{second.id}": "2,5", f"reason-{second.id}": "Moderated"})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and "Some rows need attention; nothing has been saved." in page
    assert page.count("Give a reason; it is kept in the audit trail.") == 1
    assert page.count("Enter an ordinary number, such as 42 or 3.5.") == 1  # "2,5": a comma is not a decimal point
    assert f'name="score-{dim.id}" id="score-{dim.id}" value="3.2"' in page and 'value="Moderated"' in page
    assert db.session.scalar(sa.select(sa.func.count(Calibration.id))) == 0
    response = client.submit(url, {"department": str(cs.id), f"score-{dim.id}": "3.2",
                                    f"reason-{dim.id}": "Evidence was thin", f"score-{second.id}": "2.5",
                                    f"reason-{second.id}": "Moderated"}, follow_redirects=True)
    assert "2 calibrations saved." in response.get_data(as_text=True)
    stored = {c.dimension_id: (c.score, c.reason) for c in db.session.scalars(sa.select(Calibration))}
    assert stored == {dim.id: (3.2, "Evidence was thin"), second.id: (2.5, "Moderated")}
    page = client.text(f"/assessments/{cycle.id}/results/departments/{cs.id}")
    assert "3.2" in page and "raw" in page and "4.0" in page
    del page


def test_results_show_heatmap_gaps_and_walls_once_published(client):
    cs, fin, people = setup_company()
    cycle = make_cycle([cs, fin], state="open", targets={"LEAD": 4.5})
    answer_all(cycle, people["cs_lead"], 4)
    answer_all(cycle, people["cs_member"], 5)
    answer_all(cycle, people["fin_lead"], 2)
    client.login("viewer@example.com")
    assert client.get(f"/assessments/{cycle.id}/results").status_code == 403  # not published yet
    cycle_row = db.session.get(Cycle, cycle.id)
    cycle_row.state = "published"
    db.session.commit()
    page = client.text(f"/assessments/{cycle.id}/results")
    assert "Departments × dimensions" in page
    assert "4.5" in page  # CS: mean of 4 and 5
    assert "1.2" in page  # walls: sd of 4.5 and 2.0 is 1.25
    assert "Top gaps to target" in page
    radar = client.text(f"/assessments/{cycle.id}/results/departments/{fin.id}")
    assert "<svg" in radar and "Maturity profile" in radar


def test_change_since_the_previous_published_cycle_flags_a_crossed_level(client):
    cs, _fin, people = setup_company()
    first = make_cycle([cs], state="open", name="First")
    answer_all(first, people["cs_lead"], 2)
    first.state = "published"
    first.published_at = db.func.now()
    db.session.commit()
    second = make_cycle([cs], state="open", name="Second")
    answer_all(second, people["cs_lead"], 3)
    client.login("cxo@example.com")
    page = client.text(f"/assessments/{second.id}/results")
    assert "Compared with First" in page
    assert "+1.0" in page and "L2 → L3" in page


def test_results_export_as_xlsx_and_csv(client):
    cs, _fin, people = setup_company()
    cycle = make_cycle([cs], state="open")
    answer_all(cycle, people["cs_lead"], 3)
    db.session.get(Cycle, cycle.id).state = "published"
    db.session.commit()
    client.login("ceo@example.com")
    csv_text = client.get(f"/assessments/{cycle.id}/results.csv").get_data(as_text=True)
    assert csv_text.startswith("\ufeffDepartment,Dimension,Score")
    assert "Department CS" in csv_text and ",3.0," in csv_text
    workbook = load_workbook(io.BytesIO(client.get(f"/assessments/{cycle.id}/results.xlsx").data))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Department" and rows[1][0] == "department" and rows[2][2] == 3.0


def test_viewers_see_only_published_cycles(client):
    cs, _fin, _people = setup_company()
    make_cycle([cs], state="open", name="Work in progress")
    make_cycle([cs], state="published", name="Done and dusted")
    client.login("viewer@example.com")
    page = client.text("/assessments/")
    assert "Done and dusted" in page and "Work in progress" not in page


def test_a_draft_cycle_is_hidden_from_departments_not_in_it(client):
    cs, fin, _people = setup_company()
    cycle = make_cycle([cs])
    client.login("lead.fin@example.com")
    assert client.get(f"/assessments/{cycle.id}").status_code == 403
    client.submit("/logout")
    client.login("lead.cs@example.com")
    assert client.get(f"/assessments/{cycle.id}").status_code == 200


def test_respondents_can_be_added_with_the_executive_perspective(client):
    cs, fin, people = setup_company()
    cycle = make_cycle([cs, fin])
    client.login("cxo@example.com")
    client.submit(f"/assessments/{cycle.id}/respondents", {"user_id": str(people["ceo"].id),
                                                            "department_id": str(cs.id), "perspective": "executive"})
    added = respondent_of(cycle, people["ceo"])
    assert added.perspective == "executive" and added.department_id == cs.id


def test_dates_on_pages_follow_the_language(client):
    cs, _fin, people = setup_company()
    make_cycle([cs], state="open", opens_on=date(2026, 11, 9), due_on=date(2026, 11, 30))
    client.login("agent@example.com")
    client.submit("/language/zh")
    assert "2026年11月30日" in client.text("/assessments/")


# --- figures by rule (issue 11) ---

def publish(cycle, when):
    """Publish a cycle as if on a given day."""
    from datetime import UTC, datetime

    row = db.session.get(Cycle, cycle.id)
    row.state, row.published_at = "published", datetime.combine(when, datetime.min.time(), UTC)
    db.session.commit()


def test_a_draft_never_counts_in_a_score(client):
    """The reproduction: a half-filled draft at level 1 moved the department's score; only submissions count."""
    cs, fin, people = setup_company()
    cycle = make_cycle([cs, fin], state="open")
    answer_all(cycle, people["cs_lead"], 4)
    answer_all(cycle, people["fin_lead"], 2)
    from cxgov.assessments import operations
    draft = respondent_of(cycle, people["cs_member"])
    operations.save_answers(draft, {p.id: (1, False, "") for p in practices(cycle)[:13]}, False, people["cs_member"])
    db.session.commit()
    publish(cycle, date(2026, 4, 1))
    client.login("ceo@example.com")
    page = html.unescape(client.text(f"/assessments/{cycle.id}/results/departments/{cs.id}"))
    assert '<div class="kpi-value">4.0</div>' in page and '<div class="kpi-value">1</div>' in page  # 1 respondent
    page = client.text(f"/assessments/{cycle.id}/results")
    assert '<div class="kpi-value">3.0</div>' in page  # (4 + 2) / 2


def calibrated(cycle, scores, user):
    """Give each department the same calibrated score on every dimension, then publish."""
    from cxgov.assessments import operations
    row = db.session.get(Cycle, cycle.id)
    row.state = "calibration"
    for dept, score in scores.items():
        for dim in row.framework.dimensions:
            operations.set_calibration(row, dept.id, dim.id, score, "moderated", user)
    db.session.commit()


def test_the_previous_cycle_is_the_one_that_ran_before_whatever_was_published_last(client):
    """Publishing an overdue cycle after a later one used to reverse every trend; republishing changes nothing."""
    cs, fin, people = setup_company()
    exo = people["ceo"].department
    spring = make_cycle([cs, fin, exo], name="Spring", opens_on=date(2026, 3, 1), due_on=date(2026, 3, 20))
    autumn = make_cycle([cs, fin, exo], name="Autumn", opens_on=date(2026, 9, 1), due_on=date(2026, 9, 20))
    calibrated(spring, {cs: 2.0, fin: 2.0, exo: 2.0}, people["cxo"])
    calibrated(autumn, {cs: 3.0, fin: 3.0, exo: 3.0}, people["cxo"])
    publish(autumn, date(2026, 9, 30))
    publish(spring, date(2026, 10, 15))  # the overdue spring cycle is published last
    client.login("ceo@example.com")
    page = html.unescape(client.text(f"/assessments/{autumn.id}/results"))
    assert "Compared with Spring" in page and "▲ +1.0" in page and "▼" not in page
    assert "First published cycle: no comparison yet" in html.unescape(client.text(f"/assessments/{spring.id}/results"))
    client.submit(f"/assessments/{spring.id}/state/open", {"reason": "A late answer"})
    for state in ("calibration", "published"):
        client.submit(f"/assessments/{spring.id}/state/{state}")
    assert "Compared with Spring" in html.unescape(client.text(f"/assessments/{autumn.id}/results"))
    home = html.unescape(client.text("/"))
    assert "Company maturity · Autumn" in home and "▲ +1.0" in home


def test_arrows_and_signs_follow_the_rounded_numbers_shown(client):
    """2.76 → 2.74 reads 2.8 → 2.7 ▼ -0.1; 2.74 → 2.71 reads 2.7 → 2.7 ■ 0.0 (never ▼ -0.0)."""
    cs, fin, people = setup_company()
    cycles = [make_cycle([cs, fin], name=name, opens_on=date(2026, month, 1), due_on=date(2026, month, 20))
              for name, month in (("First", 3), ("Second", 6), ("Third", 9))]
    for cycle, score, month in zip(cycles, (2.76, 2.74, 2.71), (3, 6, 9), strict=True):
        calibrated(cycle, {cs: score, fin: score}, people["cxo"])
        publish(cycle, date(2026, month, 25))
    client.login("ceo@example.com")
    second = html.unescape(client.text(f"/assessments/{cycles[1].id}/results"))
    assert "▼ -0.1" in second and "-0.0" not in second
    third = html.unescape(client.text(f"/assessments/{cycles[2].id}/results"))
    assert "■ 0.0" in third and "▼" not in third and "-0.0" not in third
    api = client.application.test_client()
    from cxgov.api.operations import create_token
    _row, token = create_token(people["ceo"], "t")
    db.session.commit()
    body = api.get(f"/api/v1/cycles/{cycles[2].id}/results", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert body["overall_change"] == -0.03 and {d["change"] for d in body["dimensions"]} == {-0.03}


def test_a_partial_cycle_is_shown_as_such_and_never_replaces_the_company_figure(client):
    """A pilot over some departments became the headline; now it is shown as '1 of 2' beside the full cycle."""
    cs, fin, people = setup_company()
    exo = people["ceo"].department
    full = make_cycle([cs, fin, exo], name="Spring", opens_on=date(2026, 3, 1), due_on=date(2026, 3, 20))
    pilot = make_cycle([cs], name="Pilot", opens_on=date(2026, 9, 1), due_on=date(2026, 9, 20))
    calibrated(full, {cs: 2.0, fin: 3.0, exo: 2.5}, people["cxo"])
    calibrated(pilot, {cs: 4.0}, people["cxo"])
    publish(full, date(2026, 3, 30))
    publish(pilot, date(2026, 9, 30))
    client.login("ceo@example.com")
    home = html.unescape(client.text("/"))
    assert "Company maturity · Spring" in home and "2.5" in home
    assert "Pilot" in home and "1 of 3" in home and "a partial cycle, not the company figure" in home
    page = html.unescape(client.text(f"/assessments/{pilot.id}/results"))
    assert "Partial cycle: it covered 1 of 3 departments" in page
    assert "Not covered: Department EXO, Department FIN." in page
    assert "Compared with Spring" in page and "▲ +2.0" in page  # customer service, like for like
    assert "The change compares the 1 departments both cycles covered; left out: Department EXO, Department FIN." \
        in page


def test_a_department_founded_after_a_cycle_never_makes_it_partial(client):
    """A new department is expected from the next cycle on: the company keeps its figure meanwhile."""
    cs, fin, people = setup_company()
    exo = people["ceo"].department
    spring = make_cycle([cs, fin, exo], name="Spring", opens_on=date(2026, 3, 1), due_on=date(2026, 3, 20))
    calibrated(spring, {cs: 2.0, fin: 3.0, exo: 2.5}, people["cxo"])
    publish(spring, date(2026, 3, 30))
    make_department("NEW")
    db.session.commit()
    client.login("ceo@example.com")
    home = html.unescape(client.text("/"))
    assert "Company maturity · Spring" in home and "2.5" in home
    assert "Partial cycle" not in html.unescape(client.text(f"/assessments/{spring.id}/results"))


def test_the_annual_report_takes_each_department_from_its_latest_cycle_that_covered_it(client):
    cs, fin, people = setup_company()
    exo = people["ceo"].department
    full = make_cycle([cs, fin, exo], name="Spring", opens_on=date(2025, 3, 1), due_on=date(2025, 3, 20))
    pilot = make_cycle([cs], name="Pilot", opens_on=date(2025, 9, 1), due_on=date(2025, 9, 20))
    calibrated(full, {cs: 2.0, fin: 3.0, exo: 2.5}, people["cxo"])
    calibrated(pilot, {cs: 4.0}, people["cxo"])
    publish(pilot, date(2025, 9, 30))
    publish(full, date(2025, 10, 30))  # published after the pilot: order of publication changes nothing
    client.login("ceo@example.com")
    page = html.unescape(client.text("/reports/annual?year=2025"))
    summary = page[page.index('id="summary"'):page.index('id="maturity"')]
    assert "2.50" in summary and "Company maturity stands at 2.50 (Spring)." in summary
    assert "Partial cycle: Pilot covered 1 of 3 departments; it is not a company figure." in page
    cards = page[page.index('id="scorecards"'):page.index('id="rotation"')]
    assert "Not assessed this year" not in cards
    assert "<dd>4.00 <span class=\"muted small\">Pilot</span></dd>" in cards  # customer service: the pilot, later
    assert "<dd>3.00</dd>" in cards  # finance: the full spring cycle


def test_the_respondent_picker_offers_only_people_who_may_answer(client):
    cs, _fin, people = setup_company()
    cycle = make_cycle([cs])
    client.login("cxo@example.com")
    page = client.text(f"/assessments/{cycle.id}/respondents")
    assert "viewer@example.com" not in page and "agent@example.com" in page
