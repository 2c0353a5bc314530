"""Who may use each route of the team and the rotation: rows for the role × URL table of test_access.py.

`routes()` is unpacked into TABLE under the teams marker. Each row's URL builder sets up, on the
table's data `d`, a monthly rotation that started today: the department lead directs the current
term and the HR user the next one, with a shared handover, a past leave and an assignment.
"""
from datetime import date, timedelta
from types import SimpleNamespace

from cxgov import clock
from cxgov.extensions import db
from cxgov.permissions import CX_OFFICE, DEPT_LEAD, EXECUTIVE, HR, MEMBER, ROLES
from cxgov.teams import operations, team_operations
from cxgov.teams.models import LeavePeriod

EVERYONE = set(ROLES)
MANAGERS = {CX_OFFICE, EXECUTIVE}


def team(d) -> SimpleNamespace:
    """The rotation data for the table's data `d`, built once."""
    if not hasattr(d, "teams"):
        today = clock.today()
        lead, hr = d.users[DEPT_LEAD], d.users[HR]
        plan = operations.create_plan("Access", "monthly", today, [lead, hr], today)
        current = plan.terms[0]
        team_operations.save_handover(current, "Notes", [], True, lead)
        leave = LeavePeriod(user_id=hr.id, starts_on=today - timedelta(days=60), ends_on=today - timedelta(days=30))
        db.session.add(leave)
        assignment = team_operations.add_assignment("member", d.users[MEMBER], None, date(2026, 1, 1), None)
        db.session.commit()
        d.teams = SimpleNamespace(plan=plan, current=current, planned=plan.terms[2], leave=leave,
                                  assignment=assignment)
    return d.teams


def routes() -> dict:
    """(method, rule) → (URL builder, who may use it), in the table's format."""
    from tests.web.test_access import Api

    return {
        ("GET", "/team"): (lambda d: "/team", EVERYONE),
        ("GET", "/team/assignments/new"): (lambda d: "/team/assignments/new", MANAGERS),
        ("POST", "/team/assignments/new"): (lambda d: "/team/assignments/new", MANAGERS),
        ("GET", "/team/assignments/<int:assignment_id>/end"):
            (lambda d: f"/team/assignments/{team(d).assignment.id}/end", MANAGERS),
        ("POST", "/team/assignments/<int:assignment_id>/end"):
            (lambda d: f"/team/assignments/{team(d).assignment.id}/end", MANAGERS),
        ("GET", "/team/rotation"): (lambda d: "/team/rotation", EVERYONE),
        # (the query string only makes the row build the rotation: without terms there is no calendar)
        ("GET", "/team/rotation.ics"): (lambda d: f"/team/rotation.ics?plan={team(d).plan.id}", EVERYONE),
        ("GET", "/team/rotation/new"): (lambda d: "/team/rotation/new", MANAGERS),
        ("POST", "/team/rotation/new"): (lambda d: "/team/rotation/new", MANAGERS),
        ("GET", "/team/rotation/<int:plan_id>/edit"): (lambda d: f"/team/rotation/{team(d).plan.id}/edit", MANAGERS),
        ("POST", "/team/rotation/<int:plan_id>/edit"): (lambda d: f"/team/rotation/{team(d).plan.id}/edit", MANAGERS),
        # The plan has started, so an allowed request is refused with a message and the next role finds it again.
        ("POST", "/team/rotation/<int:plan_id>/delete"):
            (lambda d: f"/team/rotation/{team(d).plan.id}/delete", MANAGERS),
        ("GET", "/team/rotation/leave/new"): (lambda d: "/team/rotation/leave/new", MANAGERS),
        ("POST", "/team/rotation/leave/new"): (lambda d: "/team/rotation/leave/new", MANAGERS),
        # A leave that is over is kept: same reason as above.
        ("POST", "/team/rotation/leave/<int:leave_id>/delete"):
            (lambda d: f"/team/rotation/leave/{team(d).leave.id}/delete", MANAGERS),
        ("GET", "/team/rotation/terms/<int:term_id>/change"):
            (lambda d: f"/team/rotation/terms/{team(d).planned.id}/change", MANAGERS),
        ("POST", "/team/rotation/terms/<int:term_id>/change"):
            (lambda d: f"/team/rotation/terms/{team(d).planned.id}/change", MANAGERS),
        ("GET", "/team/rotation/terms/<int:term_id>/handover"):
            (lambda d: f"/team/rotation/terms/{team(d).current.id}/handover", EVERYONE),
        # Only the current director writes the handover, only the next director acknowledges it.
        ("POST", "/team/rotation/terms/<int:term_id>/handover"):
            (lambda d: f"/team/rotation/terms/{team(d).current.id}/handover", {DEPT_LEAD}),
        ("POST", "/team/rotation/terms/<int:term_id>/handover/acknowledge"):
            (lambda d: f"/team/rotation/terms/{team(d).current.id}/handover/acknowledge", {HR}),
        ("GET", "/api/v1/team"): (lambda d: "/api/v1/team", Api(EVERYONE)),
        ("GET", "/api/v1/team/assignments"): (lambda d: "/api/v1/team/assignments", Api(EVERYONE)),
        ("GET", "/api/v1/rotation"): (lambda d: "/api/v1/rotation", Api(EVERYONE)),
        ("GET", "/api/v1/rotation/terms"): (lambda d: "/api/v1/rotation/terms", Api(EVERYONE)),
        ("GET", "/api/v1/rotation/terms/<int:term_id>"):
            (lambda d: f"/api/v1/rotation/terms/{team(d).current.id}", Api(EVERYONE)),
    }
