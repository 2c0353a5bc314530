"""Each main page costs the same number of SQL statements however large the company and its history.

A company is built at two sizes with the factories (2 departments with a few records each, then 6 departments
with three times as much of everything); the CEO opens every main page at both sizes and the statements each
GET sends are counted. Counts are deterministic (times are not), so equal counts are the honest guard that no
page reads one query per department, person, target or cycle.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import sqlalchemy as sa

from cxgov.assessments import operations as assessments
from cxgov.assessments.models import Practice, Respondent
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.permissions import EXECUTIVE, HR
from cxgov.reviews import operations as reviews
from cxgov.reviews import queries as review_queries
from cxgov.reviews.views import pack_context
from cxgov.targets import operations as targets
from cxgov.targets import progress
from cxgov.workshops import operations as workshops
from tests.conftest import _empty_tables
from tests.factories import (
    make_action,
    make_alignment_review,
    make_cycle,
    make_department,
    make_organisation,
    make_target,
    make_user,
)

DAY = date(2026, 12, 3)
# Three months closed by the job, one closed by its date only (its close day, 5 November, has passed), this one.
MONTHS = ("2026-08", "2026-09", "2026-10", "2026-11", "2026-12")
CLOSED_BY_JOB = ("2026-08", "2026-09", "2026-10")


def _answer_all(cycle, user, level: int) -> None:
    """Submit every practice of the cycle's framework at one level, through the operation."""
    respondent = db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == cycle.id,
                                                               Respondent.user_id == user.id))
    items = db.session.scalars(sa.select(Practice).join(Practice.dimension)
                               .where(Practice.dimension.has(framework_id=cycle.framework_id))).all()
    assessments.save_answers(respondent, {p.id: (level, False, "") for p in items}, submit=True, by=user)


def _workshop(hr, start: datetime, people) -> object:
    """A two-hour workshop starting at `start`, inviting `people`."""
    data = {"title": f"Co-creation {start:%m-%d %H}", "topic": "", "starts_at": start,
            "ends_at": start + timedelta(hours=2), "location": "Room 1", "online_url": "", "facilitator_id": hr.id,
            "method": "brainstorming", "method_note": "", "employees_count": 0, "customers_count": 0,
            "experts_count": 0, "core_users_count": 0, "cocreator_notes": "", "capacity": 60}
    return workshops.create_workshop(data, [], people, hr)


def _department(code: str, n: int, ceo) -> tuple:
    """A department with a lead and 2n members, n targets a month with an update each, n open actions."""
    dept = make_department(code)
    lead = make_user(f"lead.{code.lower()}@example.com", roles=("dept_lead",), department=dept)
    dept.lead_id = lead.id
    members = [make_user(f"{code.lower()}.{i}@example.com", department=dept) for i in range(2 * n)]
    for month in MONTHS:
        for i in range(n):
            target = make_target(dept, month, approved=True, title=f"Target {i}", owner_id=members[i].id)
            first = date.fromisoformat(f"{month}-01")
            progress.post_update(target, first + timedelta(days=1), 35.0 + 5 * i, None, "", ceo, today=first +
                                 timedelta(days=1))
    for i in range(n):
        make_action(members[i], dept, due_on=DAY + timedelta(days=i - 1), title=f"Action {i}")
    return dept, lead, members


def build(n: int) -> SimpleNamespace:
    """The company at size n: 2n departments, n of each per department and month, more people, workshops."""
    make_organisation()
    ceo = make_user("ceo@example.com", roles=(EXECUTIVE,))
    hr = make_user("hr@example.com", roles=(HR,))
    cxo = make_user("cxo@example.com", roles=("cx_office",))
    built = [_department(f"D{k}", n, ceo) for k in range(2 * n)]
    depts = [d for d, _lead, _members in built]
    for month in CLOSED_BY_JOB:
        targets.close_month(month, None, DAY)
    cycles = []
    for k, (opens, published) in enumerate(((date(2026, 3, 1), date(2026, 4, 2)), (date(2026, 9, 1),
                                                                                 date(2026, 10, 2)))):
        cycle = make_cycle(depts, state="open", name=f"Cycle {k}", opens_on=opens, due_on=opens + timedelta(days=20))
        for _dept, lead, members in built:
            for person in [lead, *members[:n]]:
                _answer_all(cycle, person, 2 + (k + person.id) % 3)
        cycle.state, cycle.published_at = "published", datetime.combine(published, datetime.min.time(), UTC)
        cycles.append(cycle)
    people = [p for _d, lead, members in built for p in (lead, *members)]
    for w in range(2 * n):
        held = _workshop(hr, utcnow().replace(microsecond=0) - timedelta(days=10 + 20 * w), people)
        workshops.record_attendance(held, {p.id for p in people[w::2]}, set(), hr)
        for i in range(n):
            workshops.add_idea(held, {"kind": "improvement", "title": f"Idea {w}.{i}", "stage": "service",
                                      "touchpoint": "", "department_id": depts[i % len(depts)].id}, hr)
    review = reviews.create_review(2026, 3, {"chair_id": ceo.id, "meeting_on": DAY - timedelta(days=2),
                                             "place": ""}, [lead.id for _d, lead, _m in built], cxo, DAY)
    reviews.start_meeting(review, DAY - timedelta(days=2))
    for i in range(n):
        decision = reviews.add_decision(review, f"Decision {i}", ceo)
        reviews.add_action(decision, {"title": f"Follow-up {i}", "owner_id": built[0][1].id,
                                      "due_on": DAY + timedelta(days=30)}, None)
    reviews.publish(review, ceo)
    db.session.commit()
    make_alignment_review(2026, rating="partly")
    return SimpleNamespace(ceo=ceo, cycle=cycles[-1], dept=depts[0], review=review)


def pages(c) -> dict[str, str]:
    """The main pages, by name, for a built company."""
    return {
        "home": "/",
        "targets month board": "/targets/?month=2026-11",
        "targets company grid": "/targets/company?year=2026",
        "assessment results and heatmap": f"/assessments/{c.cycle.id}/results",
        "department page": f"/departments/{c.dept.id}",
        "workshop culture metrics": "/workshops/culture",
        "quarterly review page": f"/reviews/{c.review.id}",
        # The long lists' other pages cost what the first does.
        "assessment heatmap, page 2": f"/assessments/{c.cycle.id}/results?page=2",
        "workshop culture metrics, page 2": "/workshops/culture?page=2",
        "quarterly review page, pages 2": f"/reviews/{c.review.id}?page=2&missed=2",
        "action list": "/actions/",
        "annual report page": "/reports/annual?year=2026",
    }


def statements(run) -> int:
    """How many SQL statements `run()` sends."""
    seen = []

    def count(_conn, _cursor, statement, *args):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def measure(app, n: int) -> dict[str, int]:
    """Statements per page at size n, as the CEO (each page opened once before, to warm what a server keeps)."""
    company = build(n)
    client = app.test_client()
    client.login("ceo@example.com")
    counts = {}
    for name, url in pages(company).items():
        assert client.get(url).status_code == 200, name
        counts[name] = statements(lambda url=url: _ok(client.get(url), url))
    review_id = company.review.id
    db.session.commit()
    with app.app_context(), app.test_request_context():  # its own `g` and session, as a request has
        counts["review pack data"] = statements(lambda: pack_context(review_queries.load_review(review_id), "en"))
    db.session.rollback()
    return counts


def _ok(response, url: str) -> None:
    """The page answered."""
    assert response.status_code == 200, url


def test_every_main_page_costs_the_same_statements_at_both_sizes(app, on_day):
    on_day(DAY)
    small = measure(app, 1)
    _empty_tables()
    db.session.remove()
    large = measure(app, 3)
    print("\nstatements per page (small → large):")
    for name in small:
        print(f"  {name:32} {small[name]:4} → {large[name]:4}")
    assert large == small
