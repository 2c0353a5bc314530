"""Workshops through the web: scheduling, invitations and answers, attendance, feedback, ideas, screening,
promotion to a target, the series and the culture page; every refused input writes nothing."""
from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from cxgov.audit.models import AuditEntry
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.targets.models import Target
from cxgov.workshops import operations
from cxgov.workshops.models import Attendance, Feedback, Idea, Invitation, Workshop, WorkshopGoal
from tests.factories import make_department, make_organisation, make_user


def company():
    """Three departments with people (Chinese names), HR, an executive, a product lead and a viewer."""
    make_organisation()
    cs, prd, scm = make_department("CS"), make_department("PRD"), make_department("SCM")
    people = {
        "hr": make_user("hr@example.com", roles=["hr"], name="韩梅 Han Mei"),
        "ceo": make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo"),
        "agent": make_user("agent@example.com", department=cs, name="李娜 Li Na"),
        "agent2": make_user("agent2@example.com", department=cs, name="高飞 Gao Fei"),
        "designer": make_user("designer@example.com", department=prd, name="孙浩 Sun Hao"),
        "prd_lead": make_user("lead.prd@example.com", roles=["dept_lead"], department=prd, name="刘洋 Liu Yang"),
        "planner": make_user("planner@example.com", department=scm, name="宋佳 Song Jia"),
        "outsider": make_user("outsider@example.com", name="外人 Outsider"),
        "viewer": make_user("viewer@example.com", roles=["viewer"], department=cs, name="董事 Board"),
    }
    prd.lead_id = people["prd_lead"].id
    db.session.commit()
    return {"cs": cs, "prd": prd, "scm": scm}, people


def workshop(people, hours_from_now=-26, invite=(), capacity=30, guests=0, **extra):
    """A two-hour workshop facilitated by HR, inviting the given people."""
    start = utcnow().replace(microsecond=0) + timedelta(hours=hours_from_now)
    data = {"title": "共创：送装 48 小时 Co-creating the 48-hour promise", "topic": "t", "starts_at": start,
            "ends_at": start + timedelta(hours=2), "location": "Room 1", "online_url": "",
            "facilitator_id": people["hr"].id, "method": "brainstorming", "method_note": "", "employees_count": 0,
            "customers_count": guests, "experts_count": 0, "core_users_count": 0, "cocreator_notes": "",
            "capacity": capacity}
    data.update(extra)
    item = operations.create_workshop(data, [], [people[k] for k in invite], people["hr"])
    db.session.commit()
    return item


def count(model) -> int:
    """Rows of a table."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def form(depts, people, **overrides):
    """A complete, valid workshop form."""
    data = {"title": "头脑风暴：2 小时回应 Brainstorming the 2-hour answer", "topic": "夜间报修 Night-time faults",
            "day": "2026-12-17", "start": "14:00", "end": "16:30", "location": "HQ 3F", "online_url": "",
            "facilitator_id": str(people["hr"].id), "method": "brainstorming", "method_note": "",
            "employees_count": "12", "customers_count": "3", "experts_count": "1", "core_users_count": "2",
            "cocreator_notes": "Owners' club", "capacity": "30",
            "department_ids": [str(depts["cs"].id), str(depts["prd"].id), str(depts["scm"].id)],
            "person_ids": [str(people["ceo"].id)]}
    data.update(overrides)
    return data


# --- scheduling ----------------------------------------------------------------------------------

def test_hr_schedules_a_workshop_for_three_departments(client):
    depts, people = company()
    client.login("hr@example.com")
    response = client.submit("/workshops/new", form(depts, people))
    assert response.status_code == 302
    item = db.session.scalar(sa.select(Workshop))
    # 14:00 in Shanghai is 06:00 UTC: times are stored in UTC, shown in local time.
    assert (item.starts_at, item.ends_at, item.minutes) == (datetime(2026, 12, 17, 6, tzinfo=UTC),
                                                           datetime(2026, 12, 17, 8, 30, tzinfo=UTC),
                                                           150)
    assert {wd.department.code for wd in item.departments} == {"CS", "PRD", "SCM"}
    invited = {i.user.email for i in item.invitations}
    assert invited == {"agent@example.com", "agent2@example.com", "designer@example.com", "lead.prd@example.com",
                       "planner@example.com", "ceo@example.com"}  # the viewer in CS only reads: not invited
    page = html.unescape(client.text(f"/workshops/{item.id}"))
    assert "14:00–16:30" in page and "2 h 30 min" in page and "Brainstorming" in page
    assert "Customers <strong>3</strong>" in page
    series = client.text("/workshops/?year=2026")
    assert "Brainstorming the 2-hour answer" in series and "6 invited" in series


def test_an_end_before_the_start_is_refused_and_nothing_written(client):
    depts, people = company()
    client.login("hr@example.com")
    page = client.submit("/workshops/new", form(depts, people, start="16:00", end="15:00")).get_data(as_text=True)
    assert "The workshop ends before it starts: choose an end time after the start time." in page
    assert "Nothing has been saved" in page
    assert count(Workshop) == count(Invitation) == 0


def test_a_workshop_over_capacity_is_refused_and_nothing_written(client):
    depts, people = company()
    client.login("hr@example.com")
    page = client.submit("/workshops/new", form(depts, people, employees_count="25", customers_count="8",
                                                capacity="30")).get_data(as_text=True)
    assert "The co-creators add up to 36 people, more than the capacity of 30." in page  # 25 + 8 + 1 + 2
    assert count(Workshop) == 0


def test_a_place_or_a_link_is_needed_and_only_web_links(client):
    depts, people = company()
    client.login("hr@example.com")
    page = client.submit("/workshops/new", form(depts, people, location="", online_url="")).get_data(as_text=True)
    assert "Give a place, an online link, or both." in page
    page = client.submit("/workshops/new", form(depts, people, online_url="javascript:alert(1)")).get_data(as_text=True)
    assert "Enter a web address starting with https:// or http://." in page
    assert count(Workshop) == 0


def test_capacity_cannot_drop_below_the_people_coming(client):
    depts, people = company()
    item = workshop(people, hours_from_now=48, invite=("agent", "agent2", "designer"), capacity=5)
    for key in ("agent", "agent2", "designer"):
        invitation = next(i for i in item.invitations if i.user_id == people[key].id)
        operations.answer_invitation(invitation, "yes", "")
    db.session.commit()
    client.login("hr@example.com")
    local = item.starts_at + timedelta(hours=8)
    page = client.submit(f"/workshops/{item.id}/edit", form(depts, people, capacity="2", employees_count="0",
                                                             customers_count="0", experts_count="0",
                                                             core_users_count="0", day=local.date().isoformat(),
                                                             start=local.strftime("%H:%M"), end="23:59",
                                                             version=str(item.version))).get_data(as_text=True)
    assert "3 seats are already taken" in page
    assert db.session.get(Workshop, item.id).capacity == 5


def test_a_stale_edit_is_refused(client):
    depts, people = company()
    item = workshop(people, hours_from_now=48)
    client.login("hr@example.com")
    local = item.starts_at + timedelta(hours=8)
    data = form(depts, people, title="Renamed", version=str(item.version - 1 if item.version > 1 else 99),
                day=local.date().isoformat(), start=local.strftime("%H:%M"), end="23:59")
    page = client.submit(f"/workshops/{item.id}/edit", data, follow_redirects=True).get_data(as_text=True)
    assert "Someone else saved this workshop" in page
    assert db.session.get(Workshop, item.id).title != "Renamed"


def test_cancelling_needs_a_reason_kept_in_the_audit_trail(client):
    _depts, people = company()
    item = workshop(people, hours_from_now=48)
    client.login("hr@example.com")
    client.submit(f"/workshops/{item.id}/cancel", {"reason": ""})
    assert db.session.get(Workshop, item.id).cancelled_at is None
    client.submit(f"/workshops/{item.id}/cancel", {"reason": "春节 Spring Festival"})
    assert db.session.get(Workshop, item.id).cancelled_at is not None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.table_name == "workshops",
                                                          AuditEntry.action == "update"))
    assert entry.reason == "春节 Spring Festival" and entry.actor_label == "hr@example.com"


# --- invitations and answers ---------------------------------------------------------------------

def test_an_invitee_answers_and_a_full_workshop_refuses_more_yes(client):
    _depts, people = company()
    item = workshop(people, hours_from_now=48, invite=("agent", "agent2"), capacity=2, guests=1)
    client.login("agent@example.com")
    assert "Your invitations" in client.text("/workshops/")
    client.submit(f"/workshops/{item.id}/rsvp", {"answer": "yes", "note": "我会来"})
    mine = db.session.scalar(sa.select(Invitation).where(Invitation.user_id == people["agent"].id))
    assert (mine.rsvp, mine.rsvp_note) == ("yes", "我会来")
    other = client.application.test_client()
    other.login("agent2@example.com")
    page = other.submit(f"/workshops/{item.id}/rsvp", {"answer": "yes"}, follow_redirects=True).get_data(as_text=True)
    assert "The workshop is full (2 seats). Ask HR for a place." in page
    theirs = db.session.scalar(sa.select(Invitation).where(Invitation.user_id == people["agent2"].id))
    assert theirs.rsvp == "pending" and theirs.rsvp_at is None


def test_only_the_invitee_answers(client):
    _depts, people = company()
    item = workshop(people, hours_from_now=48, invite=("agent",))
    for email in ("agent2@example.com", "hr@example.com", "viewer@example.com"):
        other = client.application.test_client()
        other.login(email)
        assert other.submit(f"/workshops/{item.id}/rsvp", {"answer": "yes"}).status_code == 403
    assert db.session.scalar(sa.select(Invitation.rsvp)) == "pending"


def test_hr_invites_more_people_and_withdraws_an_invitation(client):
    depts, people = company()
    item = workshop(people, hours_from_now=48, invite=("agent",))
    client.login("hr@example.com")
    client.submit(f"/workshops/{item.id}/invitations", {"department_ids": [str(depts["prd"].id)],
                                                        "person_ids": [str(people["planner"].id)]})
    assert {i.user.email for i in db.session.get(Workshop, item.id).invitations} == {
        "agent@example.com", "designer@example.com", "lead.prd@example.com", "planner@example.com"}
    planner = db.session.scalar(sa.select(Invitation.id).where(Invitation.user_id == people["planner"].id))
    client.submit(f"/workshops/{item.id}/invitations/{planner}/remove")
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id)).where(Invitation.id == planner)) == 0


# --- attendance ----------------------------------------------------------------------------------

def test_attendance_for_fifty_people_on_one_screen(client):
    depts, people = company()
    crowd = [make_user(f"p{n}@example.com", department=depts["cs"], name=f"员工{n:02d} Person {n}") for n in range(50)]
    item = workshop(people, capacity=60)
    operations.invite_people(item, crowd)
    db.session.commit()
    client.login("hr@example.com")
    page = client.text(f"/workshops/{item.id}/attendance")
    assert page.count('name="present"') == 50 and "data-attendance-search" in page and "js/workshops.js" in page
    assert 'data-select="all"' in page and 'name="all"' in page  # select all with and without JavaScript
    client.submit(f"/workshops/{item.id}/attendance", {"all": "1"})
    assert count(Attendance) == 50
    present = [str(u.id) for u in crowd[:40]]
    client.submit(f"/workshops/{item.id}/attendance", {"present": present})
    assert count(Attendance) == 40


def test_attendance_for_someone_not_invited_needs_the_walk_in_mark(client):
    _depts, people = company()
    item = workshop(people, invite=("agent", "agent2"))
    client.login("hr@example.com")
    data = {"present": [str(people["agent"].id)], "add_person": str(people["planner"].id)}
    page = html.unescape(client.submit(f"/workshops/{item.id}/attendance", data).get_data(as_text=True))
    assert "宋佳 Song Jia was not invited. Tick “walk-in” to record them as attending without an invitation." in page
    assert "Nothing has been saved." in page
    assert count(Attendance) == 0
    # A crafted list naming someone not invited is refused the same way.
    page = html.unescape(client.submit(f"/workshops/{item.id}/attendance",
                                       {"present": [str(people["outsider"].id)]}).get_data(as_text=True))
    assert "外人 Outsider was not invited." in page and count(Attendance) == 0
    client.submit(f"/workshops/{item.id}/attendance", {**data, "add_walk_in": "1"})
    rows = {a.user_id: a.walk_in for a in db.session.scalars(sa.select(Attendance))}
    assert rows == {people["agent"].id: False, people["planner"].id: True}
    # The walk-in stays on the list and keeps their mark when the list is saved again.
    page = client.text(f"/workshops/{item.id}/attendance")
    assert f'name="walk_in" value="{people["planner"].id}"' in page
    client.submit(f"/workshops/{item.id}/attendance", {"present": [str(people["agent"].id),
                                                                   str(people["planner"].id)],
                                                       "walk_in": [str(people["planner"].id)]})
    assert count(Attendance) == 2


def test_attendance_over_capacity_is_refused_and_nothing_written(client):
    _depts, people = company()
    item = workshop(people, invite=("agent", "agent2", "designer"), capacity=3, guests=1)
    client.login("hr@example.com")
    ids = [str(people[k].id) for k in ("agent", "agent2", "designer")]
    page = client.submit(f"/workshops/{item.id}/attendance", {"present": ids}).get_data(as_text=True)
    assert "4 people would be in a room for 3" in page
    assert count(Attendance) == 0


def test_attendance_is_not_taken_long_before_the_workshop(client):
    _depts, people = company()
    item = workshop(people, hours_from_now=72, invite=("agent",))
    client.login("hr@example.com")
    page = client.submit(f"/workshops/{item.id}/attendance", {"present": [str(people["agent"].id)]})
    assert "Attendance can be taken from two hours before the start." in page.get_data(as_text=True)
    assert count(Attendance) == 0


# --- feedback ------------------------------------------------------------------------------------

def test_feedback_from_an_attendee_once(client):
    _depts, people = company()
    item = workshop(people, invite=("agent", "agent2"))
    operations.record_attendance(item, {people["agent"].id}, set(), people["hr"])
    db.session.commit()
    client.login("agent@example.com")
    assert "Rate this workshop" in client.text(f"/workshops/{item.id}")
    client.submit(f"/workshops/{item.id}/feedback", {"rating": "4", "comment": "很有收获 Useful"})
    assert [(f.rating, f.comment) for f in db.session.scalars(sa.select(Feedback))] == [(4, "很有收获 Useful")]
    page = client.submit(f"/workshops/{item.id}/feedback", {"rating": "1", "comment": "again"}).get_data(as_text=True)
    assert "You have already rated this workshop; feedback is given once." in page
    assert [f.rating for f in db.session.scalars(sa.select(Feedback))] == [4]


def test_feedback_from_someone_who_did_not_attend_is_refused(client):
    _depts, people = company()
    item = workshop(people, invite=("agent", "agent2"))
    operations.record_attendance(item, {people["agent"].id}, set(), people["hr"])
    db.session.commit()
    client.login("agent2@example.com")
    page = client.submit(f"/workshops/{item.id}/feedback", {"rating": "5"}).get_data(as_text=True)
    assert "Only people who attended this workshop can rate it." in page
    assert count(Feedback) == 0
    viewer = client.application.test_client()
    viewer.login("viewer@example.com")
    assert viewer.submit(f"/workshops/{item.id}/feedback", {"rating": "5"}).status_code == 403


def test_a_rating_outside_one_to_five_is_refused(client):
    _depts, people = company()
    item = workshop(people, invite=("agent",))
    operations.record_attendance(item, {people["agent"].id}, set(), people["hr"])
    db.session.commit()
    client.login("agent@example.com")
    page = client.submit(f"/workshops/{item.id}/feedback", {"rating": "7"}).get_data(as_text=True)
    assert "Not a valid choice" in page or "Choose a rating from 1 to 5." in page
    assert count(Feedback) == 0


def test_hr_reads_the_comments_with_names_others_see_the_mean(client):
    _depts, people = company()
    item = workshop(people, invite=("agent", "agent2"))
    operations.record_attendance(item, {people["agent"].id, people["agent2"].id}, set(), people["hr"])
    operations.give_feedback(item, people["agent"], 5, "客户原话最有力量")
    operations.give_feedback(item, people["agent2"], 3, "")
    db.session.commit()
    client.login("hr@example.com")
    page = client.text(f"/workshops/{item.id}")
    assert "4.0" in page and "2 ratings" in page and "客户原话最有力量" in page and "李娜 Li Na" in page
    member = client.application.test_client()
    member.login("designer@example.com")
    page = member.text(f"/workshops/{item.id}")
    assert "4.0" in page and "客户原话最有力量" not in page


# --- ideas, screening, promotion -----------------------------------------------------------------

def idea_form(dept, **overrides):
    """A valid idea."""
    data = {"kind": "improvement", "title": "夜间值班轮岗 Night rota", "description": "", "stage": "service",
            "touchpoint": "服务热线 Hotline", "department_id": str(dept.id)}
    data.update(overrides)
    return data


def test_hr_records_ideas_and_attendees_may_add_theirs(client):
    depts, people = company()
    item = workshop(people, invite=("agent", "agent2"))
    operations.record_attendance(item, {people["agent"].id}, set(), people["hr"])
    db.session.commit()
    client.login("hr@example.com")
    client.submit(f"/workshops/{item.id}/ideas/new", idea_form(depts["cs"]))
    page = client.submit(f"/workshops/{item.id}/ideas/new", idea_form(depts["cs"], stage="", touchpoint=""))
    assert "Choose a journey stage or name a touchpoint." in page.get_data(as_text=True)
    attendee = client.application.test_client()
    attendee.login("agent@example.com")
    attendee.submit(f"/workshops/{item.id}/ideas/new", idea_form(depts["prd"], kind="pain_point", title="说明书太厚"))
    assert sorted((i.kind, i.title) for i in db.session.scalars(sa.select(Idea))) == [
        ("improvement", "夜间值班轮岗 Night rota"), ("pain_point", "说明书太厚")]
    for email in ("agent2@example.com", "viewer@example.com"):  # did not attend; only reads
        other = client.application.test_client()
        other.login(email)
        assert other.submit(f"/workshops/{item.id}/ideas/new", idea_form(depts["cs"])).status_code == 403
    assert count(Idea) == 2
    listing = client.text("/workshops/ideas?kind=pain_point")
    assert "说明书太厚" in listing and "Night rota" not in listing


def test_screening_saves_votes_and_scores_and_refuses_bad_ones(client):
    depts, people = company()
    item = workshop(people)
    first = operations.add_idea(item, {"kind": "improvement", "title": "A", "stage": "use",
                                       "department_id": depts["cs"].id}, people["hr"])
    second = operations.add_idea(item, {"kind": "pain_point", "title": "B", "stage": "use",
                                        "department_id": depts["cs"].id}, people["hr"])
    db.session.commit()
    client.login("hr@example.com")
    bad = {f"votes-{first.id}": "3", f"impact-{first.id}": "7", f"effort-{first.id}": "1",
           f"decision-{first.id}": "shortlisted", f"votes-{second.id}": "9"}
    page = client.submit(f"/workshops/{item.id}/screening", bad).get_data(as_text=True)
    assert "Impact and effort are scored from 1 to 5." in page and "Nothing has been saved" in page
    assert db.session.get(Idea, first.id).dot_votes == 0 and db.session.get(Idea, second.id).dot_votes == 0
    client.submit(f"/workshops/{item.id}/screening", {**bad, f"impact-{first.id}": "5"})
    a, b = db.session.get(Idea, first.id), db.session.get(Idea, second.id)
    assert (a.dot_votes, a.impact, a.effort, a.decision, b.dot_votes) == (3, 5, 1, "shortlisted", 9)
    page = client.text(f"/workshops/{item.id}/screening?by=matrix")
    assert "Quick win" in page
    viewer = client.application.test_client()
    viewer.login("viewer@example.com")
    assert viewer.get(f"/workshops/{item.id}/screening").status_code == 200
    assert viewer.submit(f"/workshops/{item.id}/screening", bad).status_code == 403


def next_month() -> str:
    """The month after this one, YYYY-MM."""
    from cxgov.workshops import times

    return times.shift_month(f"{utcnow():%Y-%m}", 1)


def test_an_executive_promotes_an_idea_to_a_product_target_linked_both_ways(client):
    depts, people = company()
    item = workshop(people)
    idea = operations.add_idea(item, {"kind": "improvement", "title": "一页快速上手卡 Quick-start card",
                                      "description": "扫码看视频", "stage": "use", "touchpoint": "包装内卡片",
                                      "department_id": depts["prd"].id}, people["hr"])
    db.session.commit()
    client.login("ceo@example.com")  # HR runs the workshop but sets no targets (the targets gate refuses HR)
    page = html.unescape(client.text(f"/workshops/ideas/{idea.id}/promote"))
    assert 'value="一页快速上手卡 Quick-start card"' in page and "扫码看视频" in page  # prefilled from the idea
    assert f'value="{next_month()}"' in page
    data = {"department_id": str(depts["prd"].id), "month": next_month(), "title": "一页快速上手卡 Quick-start card",
            "description": "扫码看视频", "kind": "milestone", "unit": "", "direction": "higher", "baseline": "",
            "target_value": "", "owner_id": str(people["prd_lead"].id), "dimension_code": "", "points": "10",
            "evidence": ""}
    assert client.submit(f"/workshops/ideas/{idea.id}/promote", data).status_code == 302
    target = db.session.scalar(sa.select(Target))
    assert (target.department_id, target.month, target.approval, target.kind) == (depts["prd"].id, next_month(),
                                                                                  "draft", "milestone")
    assert db.session.get(Idea, idea.id).target_id == target.id
    assert "一页快速上手卡 Quick-start card" in client.text(f"/workshops/ideas/{idea.id}")
    # The target's page shows where it came from, through the include the workshops feature provides.
    with client.application.test_request_context():
        from flask import render_template

        shown = render_template("workshops/_target_ideas.html", t=target)
    assert f"/workshops/ideas/{idea.id}" in shown and "From a workshop" in shown
    # Promoting twice is refused; nothing more is written.
    client.submit(f"/workshops/ideas/{idea.id}/promote", data)
    assert count(Target) == 1
    culture = client.text("/workshops/culture")
    assert "1 of 1 ideas became a department target" in culture


def test_promotion_respects_the_target_rules_and_writes_nothing_when_refused(client):
    from cxgov.targets import operations as targets

    depts, people = company()
    item = workshop(people)
    idea = operations.add_idea(item, {"kind": "improvement", "title": "X", "stage": "use",
                                      "department_id": depts["prd"].id}, people["hr"])
    for n in range(targets.settings().max_per_department):
        targets.create_target(depts["prd"], next_month(), {"title": f"T{n}", "kind": "milestone"}, people["ceo"])
    db.session.commit()
    client.login("ceo@example.com")
    data = {"department_id": str(depts["prd"].id), "month": next_month(), "title": "X", "kind": "milestone",
            "direction": "higher", "owner_id": "0", "dimension_code": "", "points": "10"}
    page = client.submit(f"/workshops/ideas/{idea.id}/promote", data).get_data(as_text=True)
    assert "A department may have at most" in page
    assert db.session.get(Idea, idea.id).target_id is None and count(Target) == targets.settings().max_per_department


def test_only_managers_and_the_departments_lead_promote(client):
    depts, people = company()
    item = workshop(people)
    idea = operations.add_idea(item, {"kind": "improvement", "title": "X", "stage": "use",
                                      "department_id": depts["prd"].id}, people["hr"])
    db.session.commit()
    for email, status in (("lead.prd@example.com", 200), ("ceo@example.com", 200), ("hr@example.com", 403),
                          ("agent@example.com", 403), ("viewer@example.com", 403)):
        other = client.application.test_client()
        other.login(email)
        assert other.get(f"/workshops/ideas/{idea.id}/promote").status_code == status, email


# --- the series, the goal and the culture page ---------------------------------------------------

def test_the_goal_is_configurable_and_the_series_shows_months_against_it(client):
    _depts, people = company()
    workshop(people, hours_from_now=-24 * 40)
    client.login("hr@example.com")
    client.submit("/workshops/goals", {"from_month": "2020-01", "per_month": "2", "note": "旺季"})
    assert db.session.scalar(sa.select(WorkshopGoal.per_month)) == 2
    page = client.submit("/workshops/goals", {"from_month": "2026-13", "per_month": "2"}).get_data(as_text=True)
    assert "Use the form YYYY-MM" in page and count(WorkshopGoal) == 1
    series = client.text("/workshops/")
    assert "1 short" in series or "goal met" not in series
    viewer = client.application.test_client()
    viewer.login("viewer@example.com")
    assert "New workshop" not in viewer.text("/workshops/")
    assert viewer.submit("/workshops/goals", {"from_month": "2020-01", "per_month": "5"}).status_code == 403


def test_the_culture_page_shows_the_metrics_as_charts(client):
    depts, people = company()
    item = workshop(people, invite=("agent", "agent2", "designer"))
    operations.record_attendance(item, {people["agent"].id, people["designer"].id, people["planner"].id},
                                 {people["planner"].id}, people["hr"])
    operations.give_feedback(item, people["agent"], 5, "")
    db.session.commit()
    client.login("ceo@example.com")
    page = html.unescape(client.text("/workshops/culture"))
    assert page.count("<svg") >= 5
    assert "Workshops held per month against the goal" in page
    assert "2 of 3 invitees came" in page and "1 walk-in" in page
    # Employees who could take part: everyone active but the viewer (8); three attended.
    assert "3 of 8 employees attended at least once" in page
