"""The rotation plan through the web: creating, the pool, leave and skips, swaps, regeneration, the calendar."""
import html
import re
from datetime import date

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from cxgov.audit.models import AuditEntry
from cxgov.extensions import db
from cxgov.org.operations import set_active
from cxgov.teams import operations
from cxgov.teams.models import LeavePeriod, RotationPlan, Term
from tests.web.test_teams import company, count, make_plan

TODAY = date(2026, 11, 22)


def directors(plan_or_none=None):
    """[(start, director name or None)] of every term, by date."""
    terms = db.session.scalars(sa.select(Term).order_by(Term.starts_on)).all()
    return [(t.starts_on, t.director.name if t.director else None) for t in terms]


def names_from(start):
    return [name for day, name in directors() if day >= start]


def pool_form(people, name="Rotation 2027", cadence="quarterly", starts_on="2027-01-01"):
    data = {"name": name, "cadence": cadence, "starts_on": starts_on}
    for order, person in enumerate(people, start=1):
        data[f"pool-{person.id}"] = "1"
        data[f"order-{person.id}"] = str(order)
    return data


# --- creating a plan -------------------------------------------------------------------------------------------

def test_the_new_plan_form_defaults_to_the_department_leads_but_not_the_ceo(client, on_day):
    c = company()
    on_day(TODAY)
    client.login(c.cxo.email)
    page = client.text("/team/rotation/new")
    assert 'value="2026-12-01"' in page  # the first day of next month
    for lead in c.leads:
        assert f'name="pool-{lead.id}" id="pool-{lead.id}" value="1" checked' in page
    assert f'name="pool-{c.ceo.id}" id="pool-{c.ceo.id}" value="1">' in page  # listed, not ticked


def test_cx_office_creates_a_quarterly_plan_in_the_order_chosen(client, on_day):
    c = company()
    on_day(TODAY)
    client.login(c.cxo.email)
    chosen = [c.leads[2], c.leads[0], c.leads[1]]
    response = client.submit("/team/rotation/new", pool_form(chosen))
    assert response.status_code == 302
    plan = db.session.scalar(sa.select(RotationPlan))
    assert [m.user_id for m in plan.pool] == [p.id for p in chosen]
    assert names_from(date(2027, 1, 1))[:6] == ["Lead SAL", "Lead PRD", "Lead MKT"] * 2
    assert len(plan.terms) == 8  # a full round and more, planned ahead
    page = client.text("/team/rotation")
    assert "Q1 2027" in page and "Lead SAL" in page and "Swap or reassign" in page


@pytest.mark.parametrize("change,message", [
    ({"pool": []}, "Choose at least one person for the pool."),
    ({"starts_on": "2026-11-21"}, "A rotation plan cannot start in the past. Choose Nov 22, 2026 or later."),
    ({"starts_on": ""}, "Enter a date."),
    ({"name": ""}, "This field is required."),
])
def test_a_bad_plan_is_refused_with_a_clear_message_and_nothing_is_written(client, on_day, change, message):
    c = company()
    on_day(TODAY)
    client.login(c.cxo.email)
    change = dict(change)
    data = pool_form(change.pop("pool", c.leads[:2]))
    data.update(change)
    page = client.submit("/team/rotation/new", data).get_data(as_text=True)
    assert message in page
    assert count(RotationPlan) == 0 and count(Term) == 0


def test_a_plan_may_start_today(client, on_day):
    c = company()
    on_day(TODAY)
    client.login(c.cxo.email)
    assert client.submit("/team/rotation/new", pool_form(c.leads[:2], starts_on="2026-11-22")).status_code == 302


def test_a_new_plan_takes_over_after_the_current_term_on_a_term_boundary(client, on_day):
    c = company()
    old = make_plan(c.leads[:3], start=date(2026, 1, 1))  # Q4 2026 is current on TODAY
    on_day(TODAY)
    client.login(c.cxo.email)
    page = client.text("/team/rotation/new")
    assert 'value="2027-01-01"' in page and "takes over from" in page
    refused = {"2026-12-01": "The current term runs until Dec 31, 2026; a new plan can start on Jan 1, 2027 or later.",
               "2027-02-01": "Start the new plan on the first day of a term of the current plan, e.g. Jan 1, 2027 "
                             "or Apr 1, 2027"}
    for start, message in refused.items():
        assert message in html.unescape(client.submit("/team/rotation/new", pool_form(
            c.leads[3:], cadence="half_yearly", starts_on=start)).get_data(as_text=True))
    assert count(RotationPlan) == 1
    before = directors()[:4]  # Q1–Q4 2026
    response = client.submit("/team/rotation/new", pool_form(c.leads[3:], cadence="half_yearly",
                                                             starts_on="2027-04-01"))
    assert response.status_code == 302
    db.session.refresh(old)
    assert old.ends_on == date(2027, 3, 31)
    assert directors()[:4] == before
    starts = [day for day, _name in directors()]
    assert starts[:6] == [date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1), date(2027, 1, 1),
                          date(2027, 4, 1)]
    assert starts[6] == date(2027, 10, 1)  # half-yearly from then on
    assert names_from(date(2027, 4, 1))[:2] == ["Lead CS", "Lead SCM"]


def test_a_plan_that_has_not_started_can_be_deleted_and_the_previous_plan_runs_on(client, on_day):
    c = company()
    old = make_plan(c.leads[:3], start=date(2026, 1, 1))
    make_plan(c.leads[3:], start=date(2027, 1, 1), today=TODAY, name="Next")
    on_day(TODAY)
    client.login(c.ceo.email)
    new = db.session.scalar(sa.select(RotationPlan).where(RotationPlan.name == "Next"))
    assert client.submit(f"/team/rotation/{new.id}/delete").status_code == 302
    assert count(RotationPlan) == 1 and db.session.get(RotationPlan, old.id).ends_on is None
    assert "Lead PRD" in names_from(date(2027, 1, 1))
    started = db.session.get(RotationPlan, old.id)
    client.submit(f"/team/rotation/{started.id}/delete")
    assert count(RotationPlan) == 1  # a started plan is history


# --- the pool, leave and regeneration --------------------------------------------------------------------------

def test_someone_on_leave_is_skipped_shown_on_the_schedule_and_served_when_back(client, on_day):
    c = company()
    make_plan(c.leads[:4], start=date(2027, 1, 1), today=TODAY)
    on_day(TODAY)
    client.login(c.cxo.email)
    response = client.submit("/team/rotation/leave/new", {
        "user_id": c.leads[1].id, "starts_on": "2027-03-20", "ends_on": "2027-06-15", "note": "Parental leave"})
    assert response.status_code == 302
    assert names_from(date(2027, 1, 1))[:5] == ["Lead PRD", "Lead SAL", "Lead MKT", "Lead CS", "Lead PRD"]
    q2 = db.session.scalar(sa.select(Term).where(Term.starts_on == date(2027, 4, 1)))
    assert q2.skipped == [c.leads[1].id]
    page = client.text("/team/rotation")
    assert "Lead MKT skipped: on leave" in page and "Parental leave" in page
    update = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.table_name == "rotation_terms",
                                                           AuditEntry.action == "update"))
    assert update.reason == "Leave recorded for Lead MKT."
    leave = db.session.scalar(sa.select(LeavePeriod))
    client.submit(f"/team/rotation/leave/{leave.id}/delete")
    assert names_from(date(2027, 1, 1))[:4] == ["Lead PRD", "Lead MKT", "Lead SAL", "Lead CS"]


@pytest.mark.parametrize("dates,message", [
    (("2027-05-01", "2027-04-01"), "The leave ends before it starts."),
    (("2027-03-01", "2027-03-10"), "Lead MKT already has leave from Feb 1, 2027 to Mar 31, 2027"),
])
def test_bad_leave_is_refused_and_nothing_is_written(client, on_day, dates, message):
    c = company()
    make_plan(c.leads[:3], start=date(2027, 1, 1), today=TODAY)
    operations.add_leave(c.leads[1], date(2027, 2, 1), date(2027, 3, 31), "", TODAY)
    db.session.commit()
    schedule = directors()
    on_day(TODAY)
    client.login(c.cxo.email)
    page = client.submit("/team/rotation/leave/new", {"user_id": c.leads[1].id, "starts_on": dates[0],
                                                      "ends_on": dates[1]}).get_data(as_text=True)
    assert message in page
    assert count(LeavePeriod) == 1 and directors() == schedule


def test_leaving_the_pool_regenerates_future_terms_only(client, on_day):
    c = company()
    make_plan(c.leads[:3], start=date(2026, 1, 1))
    past_and_current = directors()[:4]  # Q1–Q4 2026; Q4 is current
    on_day(TODAY)
    client.login(c.cxo.email)
    plan = db.session.scalar(sa.select(RotationPlan))
    assert past_and_current[3][1] == "Lead PRD"  # the current director is about to leave the pool
    data = pool_form([c.leads[1], c.leads[2]], name="Renamed")
    data["version"] = plan.version
    assert client.submit(f"/team/rotation/{plan.id}/edit", data).status_code == 302
    assert directors()[:4] == past_and_current
    assert "Lead PRD" not in names_from(date(2027, 1, 1))
    assert names_from(date(2027, 1, 1))[:4] == ["Lead MKT", "Lead SAL", "Lead MKT", "Lead SAL"]
    member = next(m for m in db.session.get(RotationPlan, plan.id).pool if m.user_id == c.leads[0].id)
    assert member.left_on == TODAY
    assert "Left the pool" in client.text("/team/rotation")


def test_deactivating_someone_regenerates_future_terms_only(client, on_day):
    c = company()
    make_plan(c.leads[:3], start=date(2026, 1, 1))
    past_and_current = directors()[:4]
    on_day(TODAY)
    admin = __import__("tests.factories", fromlist=["make_user"]).make_user("admin@example.com", roles=["admin"])
    client.login(admin.email)
    lead_mkt = c.leads[1]
    assert "Lead MKT" in names_from(date(2027, 1, 1))
    assert client.submit(f"/admin/users/{lead_mkt.id}/deactivate").status_code == 302
    assert directors()[:4] == past_and_current
    assert "Lead MKT" not in names_from(date(2027, 1, 1))
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.table_name == "rotation_terms",
                                                          AuditEntry.action == "update"))
    assert "Lead MKT" in entry.reason and entry.actor_label == "admin@example.com"
    set_active(db.session.get(type(lead_mkt), lead_mkt.id), True)
    db.session.commit()
    assert "Lead MKT" in names_from(date(2027, 1, 1))


# --- swaps and reassignments -----------------------------------------------------------------------------------

def terms_by_start():
    return {t.starts_on: t for t in db.session.scalars(sa.select(Term))}


def test_a_swap_exchanges_two_planned_terms_with_a_reason_in_the_audit_trail(client, on_day):
    c = company()
    make_plan(c.leads[:4], start=date(2027, 1, 1), today=TODAY)
    on_day(TODAY)
    client.login(c.ceo.email)
    terms = terms_by_start()
    q1, q3 = terms[date(2027, 1, 1)], terms[date(2027, 7, 1)]
    response = client.submit(f"/team/rotation/terms/{q1.id}/change", {
        "mode": "swap", "other_term_id": q3.id, "reason": "Year-end close in finance", "version": q1.version})
    assert response.status_code == 302
    assert names_from(date(2027, 1, 1))[:4] == ["Lead SAL", "Lead MKT", "Lead PRD", "Lead CS"]
    assert terms_by_start()[date(2027, 1, 1)].change_reason == "Year-end close in finance"
    reasons = db.session.scalars(sa.select(AuditEntry.reason).where(AuditEntry.table_name == "rotation_terms",
                                                                    AuditEntry.action == "update")).all()
    assert reasons and set(reasons) == {"Year-end close in finance"}
    assert "Year-end close in finance" in client.text("/team/rotation")


def test_a_reassignment_reschedules_the_later_terms(client, on_day):
    c = company()
    make_plan(c.leads[:3], start=date(2027, 1, 1), today=TODAY)
    on_day(TODAY)
    client.login(c.cxo.email)
    q2 = terms_by_start()[date(2027, 4, 1)]
    client.submit(f"/team/rotation/terms/{q2.id}/change", {
        "mode": "reassign", "person_id": c.leads[2].id, "reason": "Launch season", "version": q2.version})
    assert names_from(date(2027, 1, 1))[:4] == ["Lead PRD", "Lead SAL", "Lead MKT", "Lead PRD"]


@pytest.mark.parametrize("case,message", [
    ("inactive", "Lead SAL is deactivated and cannot direct a term."),
    ("on_leave", "Lead SAL is on leave during Q2 2027 and cannot direct it."),
    ("outsider", "Lead SCM is not in the rotation pool. Add them to the pool first."),
    ("started", "Q4 2026 has already started; only planned terms can change."),
    ("no_reason", "Give a reason; it is kept in the audit trail."),
    ("in_a_row", "Lead PRD would direct two terms in a row."),
])
def test_a_bad_swap_is_refused_and_nothing_is_written(client, on_day, case, message):
    c = company()
    make_plan(c.leads[:3], start=date(2026, 1, 1))
    if case == "inactive":
        c.leads[2].active = False
    if case == "on_leave":
        operations.add_leave(c.leads[2], date(2027, 5, 1), date(2027, 5, 10), "", TODAY)
    db.session.commit()
    on_day(TODAY)
    client.login(c.cxo.email)
    client.text("/team/rotation")  # plans the terms ahead, as time has moved on since the plan was made
    schedule = directors()
    terms = terms_by_start()
    term = terms[date(2026, 10, 1) if case == "started" else (date(2027, 1, 1) if case == "in_a_row"
                                                               else date(2027, 4, 1))]
    person = {"outsider": c.leads[4], "in_a_row": c.leads[0]}.get(case, c.leads[2])
    data = {"mode": "reassign", "person_id": person.id, "reason": "" if case == "no_reason" else "Because",
            "version": term.version}
    page = client.submit(f"/team/rotation/terms/{term.id}/change", data, follow_redirects=True).get_data(as_text=True)
    assert message in page
    assert directors() == schedule
    assert not db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.table_name == "rotation_terms", AuditEntry.reason == "Because"))


def test_a_swap_into_someone_away_during_the_other_term_is_refused(client, on_day):
    c = company()
    make_plan(c.leads[:3], start=date(2027, 1, 1), today=TODAY)
    operations.add_leave(c.leads[0], date(2027, 7, 1), date(2027, 7, 2), "", TODAY)
    db.session.commit()
    schedule = directors()
    on_day(TODAY)
    client.login(c.cxo.email)
    terms = terms_by_start()
    q1, q3 = terms[date(2027, 1, 1)], terms[date(2027, 7, 1)]
    page = client.submit(f"/team/rotation/terms/{q1.id}/change", {
        "mode": "swap", "other_term_id": q3.id, "reason": "x", "version": q1.version}).get_data(as_text=True)
    assert "Lead PRD is on leave during Q3 2027 and cannot direct it." in page
    assert directors() == schedule


# --- the calendar ----------------------------------------------------------------------------------------------

def test_the_calendar_has_one_event_per_term_with_stable_uids(client, on_day):
    c = company()
    plan = make_plan(c.leads[:3], start=date(2026, 1, 1))
    on_day(TODAY)
    client.login(c.viewer.email)
    response = client.get("/team/rotation.ics")
    assert response.mimetype == "text/calendar" and "attachment" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    terms = db.session.scalars(sa.select(Term).order_by(Term.starts_on)).all()
    assert len(events) == len(terms) == len(plan.terms)
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 1, 1) and first.decoded("dtend") == date(2026, 4, 1)
    assert str(first["summary"]) == "CX project director: Lead PRD"
    assert "Next director (deputy): Lead MKT" in str(first["description"])
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    operations.add_leave(c.leads[2], date(2027, 4, 1), date(2027, 4, 2), "", TODAY)  # Q2 2027 was Lead SAL's
    db.session.commit()
    again = Calendar.from_ical(client.get("/team/rotation.ics").data).walk("VEVENT")
    assert [str(e["uid"]) for e in again][:len(uids)] == uids
    changed = {str(e["uid"]): int(e["sequence"]) for e in again}
    assert max(changed.values()) >= 1  # a rescheduled term tells calendar apps to replace the event


def test_without_a_rotation_there_is_no_calendar(client):
    c = company()
    client.login(c.member.email)
    assert client.get("/team/rotation.ics").status_code == 404
    assert "No rotation plan yet." in client.text("/team/rotation")


def test_the_rotation_page_shows_how_the_terms_are_spread_per_person_and_department(client, on_day):
    c = company()
    make_plan(c.leads[:3], today=date(2026, 12, 1))  # quarterly from 1 January 2027: PRD, MKT, SAL, PRD…
    on_day(date(2027, 5, 10))
    client.login(c.member.email)
    page = html.unescape(client.text("/team/rotation"))
    section = page[page.index('id="spread"'):page.index("Pool, in order")]
    rows = re.findall(r"<tr><td>(Lead \w+).*?</td>\s*<td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>"
                      r"<td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td></tr>", section, re.S)
    # Q1 PRD served; Q2 MKT running since 1 April (40 days); eight terms planned ahead: SAL, PRD, MKT, SAL, …
    assert rows == [("Lead PRD", "1", "90", "3", "0"), ("Lead MKT", "1", "40", "2", "0"),
                    ("Lead SAL", "0", "0", "3", "0")]
    assert "Uneven" not in section
    zh = html.unescape(client.get("/team/rotation", headers={"Accept-Language": "zh"}).get_data(as_text=True))
    assert "任期分布" in zh
