"""What is due for whom on a day: each kind appears while its task is undone and disappears once it is done."""
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxgov.rhythm import due

DAY = date(2026, 12, 3)
LEAD, OWNER, CXO, HR, DIRECTOR, NEXT, MEMBER = 1, 2, 3, 4, 5, 6, 7
PEOPLE = (
    due.Person(LEAD, roles=frozenset({"dept_lead"}), department_id=10),
    due.Person(OWNER, roles=frozenset({"member"}), department_id=10),
    due.Person(CXO, roles=frozenset({"cx_office"})),
    due.Person(HR, roles=frozenset({"hr"})),
    due.Person(DIRECTOR, roles=frozenset({"dept_lead"})),
    due.Person(NEXT, roles=frozenset({"dept_lead"})),
    due.Person(MEMBER, roles=frozenset({"member"}), department_id=10),
)
DEPT = due.Department(10, lead_id=LEAD, name_en="Service", name_zh="客服")
BASE = due.Snapshot(people=PEOPLE, departments=(DEPT,), settings=due.TargetSettings(min_per_department=0))


def keys(snapshot, person, day=DAY):
    return [item.key for item in due.for_person(snapshot, person, day)]


def only(snapshot, person, day=DAY):
    found = due.for_person(snapshot, person, day)
    assert len(found) == 1, found
    return found[0]


def test_a_questionnaire_is_due_until_submitted_and_overdue_after_its_date():
    q = due.Questionnaire(respondent_id=9, cycle_id=4, cycle_name="Autumn", person_id=MEMBER, department_id=10,
                          open=True, due_on=date(2026, 12, 10), submitted=False)
    item = only(replace(BASE, questionnaires=(q,)), MEMBER)
    assert (item.kind, item.deadline, item.urgency) == (due.ANSWER, date(2026, 12, 10), due.LATER)
    assert item.endpoint == "assessments.answer" and item.url_args == {"cycle_id": 4, "respondent_id": 9}
    assert item.values["department_zh"] == "客服"
    assert only(replace(BASE, questionnaires=(q,)), MEMBER, date(2026, 12, 11)).urgency == due.OVERDUE
    assert keys(replace(BASE, questionnaires=(replace(q, submitted=True),)), MEMBER) == []
    assert keys(replace(BASE, questionnaires=(replace(q, open=False),)), MEMBER) == []


def test_urgency_follows_the_deadline():
    assert due.urgency(DAY - timedelta(days=1), DAY) == due.OVERDUE
    assert due.urgency(DAY, DAY) == due.TODAY
    assert due.urgency(DAY + timedelta(days=3), DAY) == due.SOON
    assert due.urgency(DAY + timedelta(days=4), DAY) == due.LATER
    assert due.urgency(None, DAY) == due.LATER


def test_the_lead_hears_of_the_window_opening_then_sets_targets_until_the_minimum_is_reached():
    settings_ = due.TargetSettings(min_per_department=2, window_opens_day=20, window_closes_day=5)
    snap = replace(BASE, settings=settings_, targets=tuple(
        due.Target(i, f"t{i}", 10, "2026-12", OWNER, True, date(2026, 12, 17)) for i in (1, 2)))
    opening = only(snap, LEAD, date(2026, 12, 18))
    assert (opening.kind, opening.deadline, opening.values["month"]) == (due.WINDOW_OPENS, date(2026, 12, 20),
                                                                         "2027-01")
    setting = only(snap, LEAD, date(2026, 12, 22))
    assert (setting.kind, setting.deadline, setting.values["have"]) == (due.SET_TARGETS, date(2027, 1, 5), 0)
    two = snap.targets + tuple(due.Target(i, f"t{i}", 10, "2027-01", OWNER, False, None) for i in (3, 4))
    assert due.SET_TARGETS not in [i.kind for i in due.for_person(replace(snap, targets=two), LEAD,
                                                                    date(2026, 12, 22))]


def test_draft_targets_wait_for_the_cx_office_as_one_item_per_month_until_approved():
    drafts = tuple(due.Target(i, f"t{i}", 10, "2027-01", OWNER, False, None) for i in (1, 2, 3))
    item = only(replace(BASE, targets=drafts), CXO)
    assert (item.kind, item.count, item.deadline) == (due.APPROVE, 3, date(2027, 1, 5))
    approved = tuple(replace(t, approved=True) for t in drafts)
    assert keys(replace(BASE, targets=approved), CXO) == []
    # a closed month's drafts are history, not a task
    assert keys(replace(BASE, targets=drafts, closed_months=frozenset({"2027-01"})), CXO) == []


def test_a_quiet_target_is_due_for_its_owner_then_escalates_to_the_lead():
    target = due.Target(1, "Call back in 2 h", 10, "2026-12", OWNER, True, date(2026, 11, 30))
    snap = replace(BASE, targets=(target,))
    assert keys(snap, OWNER, date(2026, 12, 6)) == []
    late = only(snap, OWNER, date(2026, 12, 8))  # idle since the month began, not since November's reading
    assert (late.kind, late.urgency, late.values["idle_days"]) == (due.UPDATE, due.TODAY, 7)
    assert only(snap, OWNER, date(2026, 12, 9)).urgency == due.OVERDUE
    assert keys(snap, LEAD, date(2026, 12, 8)) == []
    assert only(snap, LEAD, date(2026, 12, 15)).kind == due.ESCALATED
    updated = replace(BASE, targets=(replace(target, last_update_on=date(2026, 12, 14)),))
    assert keys(updated, OWNER, date(2026, 12, 15)) == [] and keys(updated, LEAD, date(2026, 12, 15)) == []


def test_a_target_without_an_active_owner_is_its_leads():
    target = due.Target(1, "t", 10, "2026-12", OWNER, True, None)
    people = tuple(replace(p, active=p.id != OWNER) for p in PEOPLE)
    assert [i.kind for i in due.for_person(replace(BASE, people=people, targets=(target,)),
                                           LEAD, date(2026, 12, 9))] == [due.UPDATE]


def test_the_month_close_asks_for_final_readings_until_they_are_in_or_the_month_locks():
    target = due.Target(1, "t", 10, "2026-11", OWNER, True, date(2026, 11, 10))
    snap = replace(BASE, targets=(target,))
    item = only(snap, LEAD, DAY)  # November locks on 5 December: the 4th is the last day to record
    assert (item.kind, item.deadline, item.count) == (due.MONTH_CLOSE, date(2026, 12, 4), 1)
    assert keys(snap, LEAD, date(2026, 12, 5)) == []  # closed by its date, whether or not the job has run
    assert keys(replace(snap, targets=(replace(target, last_update_on=date(2026, 11, 28)),)), LEAD) == []
    assert keys(replace(snap, closed_months=frozenset({"2026-11"})), LEAD) == []
    assert keys(snap, LEAD, date(2026, 12, 6)) == []


def test_workshops_invitations_attendance_and_ideas():
    coming = due.Workshop(1, "Walls", date(2026, 12, 17), date(2026, 12, 17), False, False)
    past = due.Workshop(2, "Promise", date(2026, 11, 26), date(2026, 11, 26), False, False, ideas_to_screen=2)
    invitation = due.Invitation(5, 1, MEMBER, answered=False)
    snap = replace(BASE, workshops=(coming, past), invitations=(invitation,))
    assert only(snap, MEMBER).kind == due.RSVP
    assert keys(replace(snap, invitations=(replace(invitation, answered=True),)), MEMBER) == []
    assert keys(replace(snap, workshops=(replace(coming, cancelled=True), past)), MEMBER) == []
    assert sorted(keys(snap, HR)) == ["attendance:2", "screen:2"]
    done = replace(snap, workshops=(coming, replace(past, attendance_recorded=True, ideas_to_screen=0)))
    assert keys(done, HR) == []


def test_actions_show_a_week_ahead_and_stay_while_open():
    action = due.Action(3, "Night rota", OWNER, date(2026, 12, 12), True)
    snap = replace(BASE, actions=(action,))
    assert keys(snap, OWNER) == []
    assert only(snap, OWNER, date(2026, 12, 5)).urgency == due.LATER
    assert only(snap, OWNER, date(2027, 1, 5)).urgency == due.OVERDUE
    assert keys(replace(snap, actions=(replace(action, open=False),)), OWNER, date(2027, 1, 5)) == []


def test_the_handover_is_written_before_the_term_ends_then_acknowledged_by_the_next_director():
    term = due.Term(7, date(2026, 10, 1), date(2026, 12, 31), DIRECTOR, next_director_id=NEXT,
                    next_ends_on=date(2027, 3, 31))
    snap = replace(BASE, terms=(term,))
    assert keys(snap, DIRECTOR) == []
    assert only(snap, DIRECTOR, date(2026, 12, 20)).kind == due.HANDOVER
    submitted = replace(BASE, terms=(replace(term, submitted_on=date(2026, 12, 28)),))
    assert keys(submitted, DIRECTOR, date(2026, 12, 29)) == []
    ack = only(submitted, NEXT, date(2026, 12, 29))
    assert (ack.kind, ack.deadline) == (due.ACKNOWLEDGE, date(2027, 1, 8))
    assert keys(replace(BASE, terms=(replace(term, submitted_on=date(2026, 12, 28), acknowledged=True),)), NEXT,
                date(2026, 12, 29)) == []


def test_the_pack_is_prepared_by_the_director_and_the_cx_office_before_the_meeting():
    review = due.Review(5, 2026, 4, date(2027, 1, 14), planned=True, pack_ready=False)
    snap = replace(BASE, reviews=(review,), director_id=DIRECTOR)
    assert keys(snap, CXO) == []
    on = date(2027, 1, 4)
    assert keys(snap, CXO, on) == ["pack:5"] and keys(snap, DIRECTOR, on) == ["pack:5"]
    assert keys(replace(snap, reviews=(replace(review, pack_ready=True),)), CXO, on) == []


def test_an_alignment_area_is_rated_by_its_owner_else_the_cx_office():
    owned = due.Area(1, 2026, "", LEAD, rated=False, open=True, key="vision")
    unowned = due.Area(2, 2026, "Pricing", None, rated=False, open=True)
    snap = replace(BASE, areas=(owned, unowned))
    assert keys(snap, LEAD) == ["rate:1"] and keys(snap, CXO) == ["rate:2"]
    assert keys(replace(BASE, areas=(replace(owned, rated=True), replace(unowned, open=False))), LEAD) == []


def test_an_archived_department_asks_nothing_of_anyone():
    q = due.Questionnaire(9, 4, "Autumn", MEMBER, 10, True, DAY, False)
    target = due.Target(1, "t", 10, "2026-11", OWNER, True, None)
    snap = replace(BASE, departments=(replace(DEPT, archived=True),), questionnaires=(q,), targets=(target,))
    assert due.items(snap, DAY) == {}


# --- properties over generated companies ---
people_st = st.lists(st.builds(due.Person, id=st.integers(1, 8), active=st.booleans(),
                               roles=st.sets(st.sampled_from(["member", "dept_lead", "cx_office", "hr"])).map(
                                   frozenset)), max_size=8, unique_by=lambda p: p.id)
ids = st.integers(1, 8)
days = st.dates(min_value=date(2026, 9, 1), max_value=date(2027, 3, 31))
snapshots = st.builds(
    due.Snapshot, people=people_st.map(tuple),
    departments=st.lists(st.builds(due.Department, id=st.integers(1, 3), lead_id=ids, archived=st.booleans()),
                         max_size=3, unique_by=lambda d: d.id).map(tuple),
    questionnaires=st.lists(st.builds(due.Questionnaire, respondent_id=st.integers(1, 50), cycle_id=st.just(1),
                                      cycle_name=st.just("c"), person_id=ids, department_id=st.integers(1, 3),
                                      open=st.booleans(), due_on=days, submitted=st.booleans()),
                            max_size=5, unique_by=lambda q: q.respondent_id).map(tuple),
    targets=st.lists(st.builds(due.Target, id=st.integers(1, 50), title=st.just("t"), department_id=st.integers(1, 3),
                               month=st.sampled_from(["2026-11", "2026-12", "2027-01"]), owner_id=ids,
                               approved=st.booleans(), last_update_on=st.none() | days),
                     max_size=6, unique_by=lambda t: t.id).map(tuple),
    actions=st.lists(st.builds(due.Action, id=st.integers(1, 50), title=st.just("a"), owner_id=ids, due_on=days,
                               open=st.booleans()), max_size=5, unique_by=lambda a: a.id).map(tuple),
    workshops=st.lists(st.builds(due.Workshop, id=st.integers(1, 9), title=st.just("w"), starts_on=days,
                                 ends_on=days, cancelled=st.booleans(), attendance_recorded=st.booleans(),
                                 ideas_to_screen=st.integers(0, 3)), max_size=3, unique_by=lambda w: w.id).map(tuple),
    invitations=st.lists(st.builds(due.Invitation, id=st.integers(1, 50), workshop_id=st.integers(1, 9),
                                   person_id=ids, answered=st.booleans()), max_size=5,
                         unique_by=lambda i: i.id).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(snapshots, days)
def test_nothing_is_ever_due_for_a_deactivated_person(snapshot, day):
    inactive = {p.id for p in snapshot.people if not p.active}
    known = {p.id for p in snapshot.people}
    found = due.items(snapshot, day)
    assert not inactive & found.keys()
    assert found.keys() <= known


@settings(max_examples=150, deadline=None)
@given(snapshots, days)
def test_an_item_disappears_when_its_task_is_done(snapshot, day):
    """Submitting, approving, updating today, closing an action, answering an invitation: that key goes."""
    done = replace(
        snapshot,
        questionnaires=tuple(replace(q, submitted=True) for q in snapshot.questionnaires),
        targets=tuple(replace(t, approved=True, last_update_on=day) for t in snapshot.targets),
        actions=tuple(replace(a, open=False) for a in snapshot.actions),
        invitations=tuple(replace(i, answered=True) for i in snapshot.invitations),
        workshops=tuple(replace(w, attendance_recorded=True, ideas_to_screen=0) for w in snapshot.workshops),
    )
    gone = (due.ANSWER, due.APPROVE, due.UPDATE, due.ESCALATED, due.ACTION, due.RSVP, due.ATTENDANCE, due.SCREEN)
    for person_items in due.items(done, day).values():
        assert not [i for i in person_items if i.kind in gone]


@settings(max_examples=100, deadline=None)
@given(snapshots, days)
def test_each_person_sees_each_task_once_in_order_of_urgency(snapshot, day):
    for person_items in due.items(snapshot, day).values():
        assert len({i.key for i in person_items}) == len(person_items)
        assert person_items == sorted(person_items, key=due.sort_key)
        assert all(i.urgency == due.urgency(i.deadline, day) for i in person_items)


@pytest.mark.parametrize("kind", due.KINDS)
def test_every_kind_has_a_label_and_a_sentence(kind):
    from cxgov.rhythm import labels

    assert kind in labels.KIND_LABELS
