"""The virtual CX team through the web: the team page per role, assignments and their bad input.

Also holds the small builders the other teams tests use (company, make_plan, on_day).
"""
from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from cxgov.audit.models import AuditEntry
from cxgov.extensions import db
from cxgov.rules import Refusal
from cxgov.teams import operations, team_operations
from cxgov.teams.models import TeamAssignment
from tests.factories import make_department, make_organisation, make_user

DEPARTMENTS = ("PRD", "MKT", "SAL", "CS", "SCM")


def company():
    """Five departments with a lead each (Lead PRD … Lead SCM), a member in each of two, managers and a viewer."""
    make_organisation()
    depts = [make_department(code) for code in DEPARTMENTS]
    leads = []
    for dept in depts:
        lead = make_user(f"lead.{dept.code.lower()}@example.com", roles=["dept_lead"], department=dept,
                         name=f"Lead {dept.code}")
        dept.lead_id = lead.id
        leads.append(lead)
    ceo = make_user("ceo@example.com", roles=["executive"], name="The CEO")
    depts.append(make_department("EXO", kind="functional"))
    depts[-1].lead_id = ceo.id
    db.session.commit()
    return SimpleNamespace(
        depts=depts, leads=leads, ceo=ceo, cxo=make_user("cxo@example.com", roles=["cx_office"], name="CX Office"),
        hr=make_user("hr@example.com", roles=["hr"], department=depts[0], name="HR Lead"),
        member=make_user("member@example.com", roles=["member"], department=depts[3], name="Agent CS"),
        other=make_user("agent2@example.com", roles=["member"], department=depts[3], name="Agent Two"),
        viewer=make_user("viewer@example.com", roles=["viewer"], name="Board Viewer"))


def make_plan(people, start=date(2027, 1, 1), today=None, cadence="quarterly", name="Rotation"):
    """A plan created on `today` (default: its first day)."""
    plan = operations.create_plan(name, cadence, start, list(people), today or start)
    db.session.commit()
    return plan


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- the team page ---------------------------------------------------------------------------------------------

def test_everyone_signed_in_sees_who_holds_which_role_today_and_before(client, on_day):
    c = company()
    on_day(date(2027, 2, 10))
    make_plan(c.leads[:3], today=date(2026, 12, 1))
    operations_add = team_operations.add_assignment
    operations_add("sponsor", c.ceo, None, date(2026, 1, 1), None)
    operations_add("champion", c.other, c.depts[3], date(2026, 1, 1), date(2026, 12, 31), "moved on")
    operations_add("champion", c.member, c.depts[3], date(2027, 1, 1), None)
    db.session.commit()
    for who in (c.viewer, c.member, c.leads[4]):
        client.login(who.email)
        page = client.text("/team")
        assert "Sponsor and overall lead" in page and "The CEO" in page
        assert "Lead PRD" in page and "50 days left" in page  # 10 Feb to 31 Mar, both included
        assert "Lead MKT" in page and "directs from" in page  # the deputy: the next director
        assert "Agent CS" in page and "No champion" in page
        assert "Who held the roles before" in page and "Agent Two" in page and "moved on" in page
        assert "Add an assignment" not in page
        client.submit("/logout")
    client.login(c.cxo.email)
    assert "Add an assignment" in client.text("/team")


def test_the_home_page_shows_the_director_days_left_and_who_is_next(client, on_day):
    c = company()
    on_day(date(2027, 3, 30))
    make_plan(c.leads[:3], today=date(2026, 12, 1))
    client.login(c.ceo.email)
    page = client.text("/")
    assert "Project director · Q1 2027" in page and "Lead PRD" in page
    assert "2 days left" in page and "Next director" in page and "Lead MKT" in page
    on_day(date(2027, 3, 31))
    assert "1 day left" in client.text("/")


def test_without_a_rotation_managers_are_invited_to_plan_it(client):
    c = company()
    client.login(c.cxo.email)
    assert "Plan the rotation" in client.text("/")
    client.submit("/logout")
    client.login(c.member.email)
    assert "Plan the rotation" not in client.text("/")


# --- assignments -----------------------------------------------------------------------------------------------

def test_cx_office_appoints_a_champion_and_ends_it_with_a_reason(client):
    c = company()
    client.login(c.cxo.email)
    response = client.submit("/team/assignments/new", {
        "role": "champion", "user_id": c.member.id, "department_id": c.depts[3].id, "starts_on": "2026-12-01",
        "ends_on": "", "note": "Volunteered"})
    assert response.status_code == 302
    assignment = db.session.scalar(sa.select(TeamAssignment))
    assert (assignment.role, assignment.user_id, assignment.department_id) == ("champion", c.member.id, c.depts[3].id)
    assert assignment.ends_on is None and assignment.note == "Volunteered"
    response = client.submit(f"/team/assignments/{assignment.id}/end", {
        "ends_on": "2027-06-30", "reason": "Moves to sales", "version": assignment.version})
    assert response.status_code == 302
    assert db.session.get(TeamAssignment, assignment.id).ends_on == date(2027, 6, 30)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.table_name == "team_assignments",
                                                          AuditEntry.action == "update"))
    assert entry.reason == "Moves to sales" and entry.changes["ends_on"] == [None, "2027-06-30"]


@pytest.mark.parametrize("form,message", [
    ({"role": "champion", "department_id": "CS", "starts_on": "2027-03-01"},
     "Agent Two is already CX champion from Jan 1, 2027 to open-ended."),
    ({"role": "champion", "department_id": "PRD", "starts_on": "2027-03-01"},
     "A department&#39;s CX champion works in that department; Agent CS does not."),
    ({"role": "champion", "department_id": "", "starts_on": "2027-03-01"},
     "Choose the department this person champions."),
    ({"role": "sponsor", "starts_on": "2027-03-01", "ends_on": "2027-02-01"}, "The end date is before the start date."),
    ({"role": "director", "starts_on": "2027-03-01"}, "Not a valid choice."),
])
def test_bad_assignments_are_refused_with_a_clear_message_and_nothing_is_written(client, form, message):
    c = company()
    operations_add = team_operations.add_assignment
    operations_add("champion", c.other, c.depts[3], date(2027, 1, 1), None)
    db.session.commit()
    codes = {d.code: d.id for d in c.depts}
    data = {"user_id": c.member.id, "ends_on": "", "note": "", **form}
    if "department_id" in form:
        data["department_id"] = codes.get(form["department_id"], "")
    client.login(c.cxo.email)
    page = client.submit("/team/assignments/new", data).get_data(as_text=True)
    assert message in page
    assert count(TeamAssignment) == 1


def test_overlapping_sponsors_are_refused_but_consecutive_ones_are_fine(client):
    c = company()
    client.login(c.ceo.email)
    first = {"role": "sponsor", "user_id": c.ceo.id, "starts_on": "2026-01-01", "ends_on": "2026-12-31",
             "department_id": "", "note": ""}
    assert client.submit("/team/assignments/new", first).status_code == 302
    overlap = dict(first, user_id=c.cxo.id, starts_on="2026-12-31", ends_on="")
    assert "The CEO is already Sponsor and overall lead" in client.submit("/team/assignments/new", overlap).get_data(
        as_text=True)
    after = dict(overlap, starts_on="2027-01-01")
    assert client.submit("/team/assignments/new", after).status_code == 302
    assert count(TeamAssignment) == 2


def test_a_deactivated_person_cannot_be_appointed(client):
    c = company()
    from cxgov.org.operations import set_active

    set_active(c.other, False)
    db.session.commit()
    with pytest.raises(Refusal, match="assignment_inactive"):
        team_operations.add_assignment("member", c.other, None, date(2027, 1, 1), None)


@pytest.mark.parametrize("email", ["viewer@example.com", "member@example.com", "lead.cs@example.com",
                                   "hr@example.com"])
def test_only_managers_write_assignments(client, email):
    c = company()
    client.login(email)
    assert client.get("/team").status_code == 200
    response = client.submit("/team/assignments/new", {"role": "member", "user_id": c.member.id,
                                                       "starts_on": "2027-01-01"})
    assert response.status_code == 403
    assert count(TeamAssignment) == 0


@pytest.mark.parametrize("role", ["sponsor", "hr_lead", "champion"])
def test_pushing_an_end_past_a_successors_start_is_refused_and_nothing_changes(client, role):
    c = company()
    cs = c.depts[3]
    department = cs if role == "champion" else None
    first = team_operations.add_assignment(role, c.member, department, date(2026, 1, 1), date(2026, 12, 31))
    team_operations.add_assignment(role, c.other, department, date(2027, 1, 1), None)
    db.session.commit()
    client.login(c.cxo.email)
    page = client.submit(f"/team/assignments/{first.id}/end", {
        "ends_on": "2027-03-31", "reason": "Stays longer", "version": first.version}).get_data(as_text=True)
    assert "Agent Two is already" in page and "choose dates that do not overlap" in page
    assert db.session.get(TeamAssignment, first.id).ends_on == date(2026, 12, 31)
    with pytest.raises(Refusal, match="assignment_overlap"):  # whatever the caller
        team_operations.end_assignment(db.session.get(TeamAssignment, first.id), date(2027, 1, 1), "Overlap")
    db.session.rollback()
    team_operations.end_assignment(db.session.get(TeamAssignment, first.id), date(2026, 11, 30), "Leaves early")
    db.session.commit()
    assert db.session.get(TeamAssignment, first.id).ends_on == date(2026, 11, 30)
