"""What is due, for whom, on a given day: a pure function of plain data (no Flask, no session, no database).

`gather.snapshot()` reads the database into a `Snapshot`; `items(snapshot, day)` answers, per person, the tasks
waiting for them with their deadline and urgency. The inbox, the home pages, the e-mail digest, the chat digest
and the calendar feeds all read this one answer, so they never disagree about what is due.

An item is a task, not a message: it exists while the task is undone and disappears the day it is done (the
respondent submits, the target is updated, the attendance is recorded, …). Nothing is ever due for a deactivated
person, and nothing about an archived department.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from cxgov import months
from cxgov.targets import status

# Kinds, in the order an inbox lists them within one urgency.
ANSWER = "answer"  # a questionnaire to answer (respondent)
WINDOW_OPENS = "window_opens"  # next month's drafting window opens soon (lead)
SET_TARGETS = "set_targets"  # the drafting window is open and the department has too few targets (lead)
APPROVE = "approve"  # draft targets waiting for approval (CX office)
UPDATE = "update"  # a target with no progress update for `stale_days` (owner)
ESCALATED = "escalated"  # … and for `escalate_days`: its department's lead is told too
MONTH_CLOSE = "month_close"  # the month locks soon and targets have no final reading (lead)
RSVP = "rsvp"  # a workshop invitation to answer (invitee)
ATTENDANCE = "attendance"  # a workshop that ended without attendance recorded (HR)
SCREEN = "screen"  # ideas of a workshop waiting to be screened (HR)
ACTION = "action"  # an action due soon or overdue (owner)
HANDOVER = "handover"  # the director's handover to write before the term ends (director)
ACKNOWLEDGE = "acknowledge"  # a submitted handover for the next director to acknowledge
PACK = "pack"  # the quarterly review's pack to prepare before the meeting (director, CX office)
RATE = "rate"  # an alignment area to rate (its owner, else the CX office)

KINDS = (ANSWER, WINDOW_OPENS, SET_TARGETS, APPROVE, UPDATE, ESCALATED, MONTH_CLOSE, RSVP, ATTENDANCE, SCREEN,
         ACTION, HANDOVER, ACKNOWLEDGE, PACK, RATE)

# Urgencies, most urgent first.
OVERDUE, TODAY, SOON, LATER = "overdue", "today", "soon", "later"
URGENCIES = (OVERDUE, TODAY, SOON, LATER)

# Roles, as cxgov.permissions names them (kept as plain strings: this module imports nothing of Flask).
CX_OFFICE, EXECUTIVE, HR, VIEWER = "cx_office", "executive", "hr", "viewer"

# The policy, the plain data the rules read and the item they answer, in their own module; named here as due.<Name>.
from cxgov.rhythm.due_facts import (  # noqa: E402
    DEFAULT,
    Action,
    Area,
    Department,
    Invitation,
    Item,
    Person,
    Policy,
    Questionnaire,
    Review,
    Snapshot,
    Target,
    TargetSettings,
    Term,
    Workshop,
)

__all__ = ["DEFAULT", "Action", "Area", "Department", "Invitation", "Person", "Questionnaire", "Review", "Snapshot",
           "Target", "TargetSettings", "Term", "Workshop", "Item", "Policy", "items", "for_person", "urgency",
           "sort_key"]


def urgency(deadline: date | None, day: date, policy: Policy = DEFAULT) -> str:
    """How pressing a deadline is on a day."""
    if deadline is None:
        return LATER
    if deadline < day:
        return OVERDUE
    if deadline == day:
        return TODAY
    return SOON if (deadline - day).days <= policy.soon_days else LATER


def items(snapshot: Snapshot, day: date, policy: Policy = DEFAULT) -> dict[int, list[Item]]:
    """Every active person's due items on `day`, most urgent and soonest first (people with none are absent)."""
    context = _Context(snapshot, day, policy)
    found: list[Item] = []
    for rule in RULES:
        found.extend(rule(context))
    by_person: dict[int, list[Item]] = defaultdict(list)
    seen: set[tuple[int, str]] = set()
    for item in found:
        if item.person_id in context.active and (item.person_id, item.key) not in seen:
            seen.add((item.person_id, item.key))
            by_person[item.person_id].append(item)
    return {person: sorted(found_, key=sort_key) for person, found_ in by_person.items()}


def sort_key(item: Item):
    """Most urgent first, then the soonest deadline, then the kind's place."""
    return (URGENCIES.index(item.urgency), item.deadline or date.max, KINDS.index(item.kind), item.key)


def for_person(snapshot: Snapshot, person_id: int, day: date, policy: Policy = DEFAULT) -> list[Item]:
    """One person's due items on `day`."""
    return items(snapshot, day, policy).get(person_id, [])


@dataclass
class _Context:
    """The snapshot indexed for the rules."""

    snapshot: Snapshot
    day: date
    policy: Policy
    active: set[int] = field(init=False)
    departments: dict[int, Department] = field(init=False)
    closed: status.ClosedMonths = field(init=False)

    def __post_init__(self) -> None:
        self.active = {p.id for p in self.snapshot.people if p.active}
        self.departments = {d.id: d for d in self.snapshot.departments if not d.archived}
        self.closed = status.ClosedMonths(self.snapshot.closed_months, self.snapshot.settings.close_day, self.day)

    def with_role(self, *roles: str) -> list[int]:
        return sorted(p.id for p in self.snapshot.people if p.active and p.roles & set(roles))

    def lead_of(self, department_id: int) -> int | None:
        department = self.departments.get(department_id)
        return department.lead_id if department else None

    def item(self, person_id: int | None, kind: str, key: str, deadline: date | None, endpoint: str,
             args: dict | None = None, params: dict | None = None, count: int = 1,
             department_id: int | None = None) -> Iterable[Item]:
        """The item, or nothing when nobody is there to do it."""
        if person_id is None:
            return ()
        department = self.departments.get(department_id) if department_id is not None else None
        values = dict(params or {})
        if department is not None:
            values.setdefault("department_en", department.name_en)
            values.setdefault("department_zh", department.name_zh)
        return (Item(person_id=person_id, kind=kind, key=key, deadline=deadline,
                     urgency=urgency(deadline, self.day, self.policy), endpoint=endpoint,
                     args=tuple(sorted((args or {}).items())), params=tuple(sorted(values.items())), count=count,
                     department_id=department_id),)


# --- the rules, one per kind of task ---
def _questionnaires(c: _Context) -> Iterable[Item]:
    for q in c.snapshot.questionnaires:
        if q.open and not q.submitted and q.department_id in c.departments:
            yield from c.item(q.person_id, ANSWER, f"answer:{q.respondent_id}", q.due_on, "assessments.answer",
                              {"cycle_id": q.cycle_id, "respondent_id": q.respondent_id}, {"cycle": q.cycle_name},
                              department_id=q.department_id)


def _drafting(c: _Context) -> Iterable[Item]:
    """Leads: next month's window opening soon; an open window while the department has too few targets."""
    s = c.snapshot.settings
    this_month = months.month_of(c.day)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for t in c.snapshot.targets:
        counts[(t.department_id, t.month)] += 1
    for month in (this_month, months.shift(this_month, 1)):
        opens, closes = _window(month, s)
        for department in c.departments.values():
            if opens - timedelta(days=c.policy.window_notice_days) <= c.day < opens:
                yield from c.item(department.lead_id, WINDOW_OPENS, f"window:{department.id}:{month}", opens,
                                  "targets.index", {"month": month, "department": department.id},
                                  {"month": month, "opens_on": opens, "closes_on": closes},
                                  department_id=department.id)
            elif opens <= c.day <= closes and counts[(department.id, month)] < s.min_per_department:
                yield from c.item(department.lead_id, SET_TARGETS, f"set:{department.id}:{month}", closes,
                                  "targets.index", {"month": month, "department": department.id},
                                  {"month": month, "have": counts[(department.id, month)],
                                   "need": s.min_per_department}, department_id=department.id)


def _window(month: str, s: TargetSettings) -> tuple[date, date]:
    return status.drafting_window(month, s.window_opens_day, s.window_closes_day)


def _close_date(month: str, s: TargetSettings) -> date:
    return status.close_date(month, s.close_day)


def _approvals(c: _Context) -> Iterable[Item]:
    """The CX office: draft targets of months still open, one item per month with the count."""
    waiting: dict[str, int] = defaultdict(int)
    for t in c.snapshot.targets:
        if not t.approved and t.department_id in c.departments and t.month not in c.closed:
            waiting[t.month] += 1
    for month, count in sorted(waiting.items()):
        deadline = _window(month, c.snapshot.settings)[1]
        for person in c.with_role(CX_OFFICE):
            yield from c.item(person, APPROVE, f"approve:{month}", deadline, "rhythm.approvals", {},
                              {"month": month}, count=count)


def _stale_targets(c: _Context) -> Iterable[Item]:
    """Approved targets of the running month with no reading for a while: the owner, then also the lead."""
    this_month = months.month_of(c.day)
    first, _last = months.bounds(this_month)
    for t in c.snapshot.targets:
        if not t.approved or t.month != this_month or t.department_id not in c.departments:
            continue
        since = max(d for d in (t.last_update_on, t.approved_on, first) if d is not None)
        idle = (c.day - since).days
        params = {"title": t.title, "since": t.last_update_on, "idle_days": idle}
        owner = t.owner_id if t.owner_id in c.active else c.lead_of(t.department_id)
        if idle >= c.policy.stale_days:
            yield from c.item(owner, UPDATE, f"update:{t.id}", since + timedelta(days=c.policy.stale_days),
                              "targets.target", {"target_id": t.id}, params, department_id=t.department_id)
        lead = c.lead_of(t.department_id)
        if idle >= c.policy.escalate_days and lead != owner:
            yield from c.item(lead, ESCALATED, f"escalated:{t.id}", since + timedelta(days=c.policy.escalate_days),
                              "targets.target", {"target_id": t.id}, {**params, "owner_id": t.owner_id},
                              department_id=t.department_id)


def _month_close(c: _Context) -> Iterable[Item]:
    """Leads, before last month locks: approved targets without a reading in the month's last days."""
    month = months.shift(months.month_of(c.day), -1)
    if month in c.closed:  # recorded, or its close day has come (the one definition)
        return
    locks = _close_date(month, c.snapshot.settings)
    if not locks - timedelta(days=c.policy.close_notice_days) <= c.day:
        return
    final_from = months.bounds(month)[1] - timedelta(days=c.policy.final_reading_days - 1)
    missing: dict[int, int] = defaultdict(int)
    for t in c.snapshot.targets:
        if t.approved and t.month == month and (t.last_update_on is None or t.last_update_on < final_from):
            missing[t.department_id] += 1
    for department_id, count in sorted(missing.items()):
        if department_id in c.departments:
            yield from c.item(c.lead_of(department_id), MONTH_CLOSE, f"close:{department_id}:{month}",
                              locks - timedelta(days=1),
                              "targets.index", {"month": month, "department": department_id},
                              {"month": month, "locks_on": locks}, count=count, department_id=department_id)


def _workshops(c: _Context) -> Iterable[Item]:
    """Invitees answer invitations; HR records attendance after a workshop and screens its ideas."""
    workshops = {w.id: w for w in c.snapshot.workshops if not w.cancelled}
    for invitation in c.snapshot.invitations:
        w = workshops.get(invitation.workshop_id)
        if (w is not None and not invitation.answered and c.day <= w.starts_on
                and (w.starts_on - c.day).days <= c.policy.rsvp_notice_days):
            yield from c.item(invitation.person_id, RSVP, f"rsvp:{invitation.id}", w.starts_on,
                              "workshops.workshop", {"workshop_id": w.id}, {"title": w.title, "on": w.starts_on})
    hr = c.with_role(HR)
    for w in workshops.values():
        if (w.ends_on < c.day and not w.attendance_recorded
                and (c.day - w.ends_on).days <= c.policy.attendance_horizon_days):
            for person in hr:
                yield from c.item(person, ATTENDANCE, f"attendance:{w.id}",
                                  w.ends_on + timedelta(days=c.policy.attendance_days), "workshops.attendance",
                                  {"workshop_id": w.id}, {"title": w.title, "on": w.starts_on})
        if w.ideas_to_screen and w.starts_on <= c.day:
            for person in hr:
                yield from c.item(person, SCREEN, f"screen:{w.id}", None, "workshops.screening",
                                  {"workshop_id": w.id}, {"title": w.title, "on": w.starts_on},
                                  count=w.ideas_to_screen)


def _actions(c: _Context) -> Iterable[Item]:
    for a in c.snapshot.actions:
        if a.open and (a.due_on - c.day).days <= c.policy.action_notice_days:
            yield from c.item(a.owner_id, ACTION, f"action:{a.id}", a.due_on, "actions.action",
                              {"action_id": a.id}, {"title": a.title})


def _handovers(c: _Context) -> Iterable[Item]:
    """The director writes the handover near the term's end; the next director acknowledges it."""
    for term in c.snapshot.terms:
        if (term.submitted_on is None and term.director_id is not None
                and term.ends_on - timedelta(days=c.policy.handover_days) <= c.day
                and (term.next_ends_on is None or c.day <= term.next_ends_on)):
            yield from c.item(term.director_id, HANDOVER, f"handover:{term.id}", term.ends_on, "teams.handover",
                              {"term_id": term.id}, {"ends_on": term.ends_on})
        if (term.submitted_on is not None and not term.acknowledged and term.next_director_id is not None
                and (term.next_ends_on is None or c.day <= term.next_ends_on)):
            deadline = max(term.submitted_on, term.ends_on + timedelta(days=1)) + timedelta(
                days=c.policy.acknowledge_days)
            yield from c.item(term.next_director_id, ACKNOWLEDGE, f"acknowledge:{term.id}", deadline,
                              "teams.handover", {"term_id": term.id}, {"ends_on": term.ends_on})


def _reviews(c: _Context) -> Iterable[Item]:
    """The director and the CX office prepare the pack of a planned review in the weeks before the meeting."""
    people = sorted(set(c.with_role(CX_OFFICE)) | ({c.snapshot.director_id} if c.snapshot.director_id else set()))
    for r in c.snapshot.reviews:
        if r.planned and not r.pack_ready and (r.meeting_on - c.day).days <= c.policy.pack_days:
            for person in people:
                yield from c.item(person, PACK, f"pack:{r.id}", r.meeting_on, "reviews.show",
                                  {"review_id": r.id}, {"year": r.year, "quarter": r.quarter, "on": r.meeting_on})


def _alignment(c: _Context) -> Iterable[Item]:
    """Areas of an open alignment review without a rating: their owner, else the CX office."""
    for area in c.snapshot.areas:
        if area.open and not area.rated:
            people = [area.owner_id] if area.owner_id in c.active else c.with_role(CX_OFFICE)
            for person in people:
                yield from c.item(person, RATE, f"rate:{area.id}", None, "alignment.area", {"area_id": area.id},
                                  {"name": area.name, "key": area.key, "year": area.year})


RULES = (_questionnaires, _drafting, _approvals, _stale_targets, _month_close, _workshops, _actions, _handovers,
         _reviews, _alignment)
