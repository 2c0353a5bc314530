"""The culture page's counts in SQL (workshops.culture_queries) agree with the definitions of workshops.metrics
applied to every workshop, invitation, attendance, idea and rating loaded as objects, as the page did before."""
from __future__ import annotations

from datetime import timedelta

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.workshops import culture_queries as reads
from cxgov.workshops import culture_views, metrics, operations, queries, times
from cxgov.workshops.models import IDEA_KINDS
from tests.factories import make_department, make_organisation, make_user


def workshop(hr, hours_from_now: int, invited, came=(), walk_ins=(), ratings=(), ideas=0, cancelled=False):
    """A two-hour workshop `hours_from_now`, with its invitations, attendance, ratings and ideas."""
    start = utcnow().replace(microsecond=0) + timedelta(hours=hours_from_now)
    data = {"title": "Co-creation", "topic": "", "starts_at": start, "ends_at": start + timedelta(hours=2),
            "location": "Room 1", "online_url": "", "facilitator_id": hr.id, "method": "brainstorming",
            "method_note": "", "employees_count": 0, "customers_count": 0, "experts_count": 0, "core_users_count": 0,
            "cocreator_notes": "", "capacity": 60}
    item = operations.create_workshop(data, [], list(invited), hr)
    if came or walk_ins:
        operations.record_attendance(item, {p.id for p in (*came, *walk_ins)}, {p.id for p in walk_ins}, hr)
    for person, rating in ratings:
        operations.give_feedback(item, person, rating, "")
    for k in range(ideas):
        operations.add_idea(item, {"kind": IDEA_KINDS[k % 3], "title": f"Idea {k}", "stage": "service",
                                   "touchpoint": "", "department_id": _first_department()}, hr)
    if cancelled:
        operations.cancel_workshop(item, "Room flooded", hr)
    db.session.commit()
    return item


def _first_department() -> int:
    """The id of the first department made."""
    return db.session.scalar(db.select(Department.id).order_by(Department.id).limit(1))


def company():
    """Three departments; people in each, one without a department, a viewer, a viewer who also leads, a leaver."""
    make_organisation()
    depts = [make_department(code) for code in ("CS", "PRD", "SCM")]
    hr = make_user("hr@example.com", roles=("hr",))
    people = [make_user(f"p{k}@example.com", department=depts[k % 3]) for k in range(9)]
    loose = make_user("loose@example.com")
    viewer = make_user("viewer@example.com", roles=("viewer",), department=depts[0])
    lead_viewer = make_user("lead@example.com", roles=("viewer", "dept_lead"), department=depts[1])
    leaver = make_user("leaver@example.com", department=depts[2])
    everyone = [*people, loose, viewer, lead_viewer, leaver]
    workshop(hr, -26, everyone[:10], came=people[:6], walk_ins=[viewer, lead_viewer], ideas=4,
             ratings=[(people[0], 5), (people[1], 3), (lead_viewer, 4)])
    workshop(hr, -24 * 40, people[3:], came=[people[3], people[8]], walk_ins=[loose, leaver], ideas=2,
             ratings=[(people[3], 2), (leaver, 1)])
    workshop(hr, 48, people[:4], cancelled=True)
    workshop(hr, 24 * 3, people, ideas=1)  # planned: its invitations count for nothing yet
    leaver.active = False
    db.session.commit()


def as_objects(months):
    """Every figure the way the page read it before: workshops with all their rows as objects."""
    workshops = queries.workshops_between(months[0], months[-1])
    held = [w for w in workshops if queries.status_of(w) == metrics.HELD]
    by_dept = metrics.attendance_by_department(queries.participations(held, _departments()))
    employees = dict(db.session.execute(db.select(User.id, User.department_id).where(reads.employee())).all())
    reach = metrics.reach(employees, {a.user_id for w in held for a in w.attendance})
    ideas = [i for w in workshops for i in w.ideas]
    return {"held": sorted(w.id for w in held), "by_dept": by_dept, "reach": reach,
            "conversion": metrics.conversion(i.target_id is not None for i in ideas),
            "ideas": metrics.ideas_by_kind([(queries.month_of(w), i.kind) for w in workshops for i in w.ideas],
                                           months, IDEA_KINDS),
            "ratings": metrics.ratings(f.rating for w in held for f in w.feedback)}


def _departments() -> dict[int, int | None]:
    """Every person's department."""
    return dict(db.session.execute(db.select(User.id, User.department_id)).all())


def test_the_counts_in_sql_are_the_metrics_of_every_row(client):
    company()
    client.login("hr@example.com")
    assert client.get("/workshops/culture").status_code == 200
    months = _window()
    old = as_objects(months)
    rows = reads.workshops_between(months[0], months[-1])
    held = sorted(r.id for r in rows if queries.status_of(r) == metrics.HELD)
    assert held == old["held"] and len(held) == 2
    assert reads.attendance_by_department(held) == old["by_dept"]
    assert metrics.reach_counts(reads.employees_by_department(), reads.reached_by_department(held)) == old["reach"]
    assert culture_views._ideas({r.id: queries.month_of(r) for r in rows}, months) == (old["ideas"],
                                                                                       old["conversion"])
    assert metrics.ratings(reads.each_rating(reads.ratings(held).values())) == old["ratings"]
    # Not a vacuous agreement: the two held workshops sent 16 invitations and got 5 ratings.
    assert sum(a.invited for a in old["by_dept"].values()) == 16 and old["ratings"].count == 5


def _window() -> list[str]:
    """The culture page's twelve months."""
    this_month = queries.this_month()
    return times.months_between(times.shift_month(this_month, 1 - culture_views.WINDOW), this_month)
