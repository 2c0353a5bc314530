"""Small factory functions that build test data through the real operations."""
from __future__ import annotations

import itertools

from cxgov import clock
from cxgov.extensions import db
from cxgov.org import operations

PASSWORD = "correct-horse-1"
_counter = itertools.count(1)


def make_organisation(**overrides):
    """The organisation profile."""
    data = {"name": "Acme 测试", "vision": "V", "mission": "M", "values": "Values",
            "brand_promise": "We answer every customer within 2 hours.", "fiscal_year_start_month": 1,
            "default_locale": "en"}
    data.update(overrides)
    org = operations.save_organisation(data)
    db.session.commit()
    return org


def make_department(code: str | None = None, **overrides):
    """A department with both names."""
    code = code or f"D{next(_counter)}"
    data = {"code": code, "name_en": f"Department {code}", "name_zh": f"部门{code}", "kind": "customer_facing"}
    data.update(overrides)
    dept = operations.create_department(data)
    db.session.commit()
    return dept


def make_user(email: str | None = None, roles=("member",), department=None, password: str = PASSWORD, **extra):
    """A user with roles, optionally in a department."""
    email = email or f"user{next(_counter)}@example.com"
    data = {"email": email, "name": extra.pop("name", email.split("@")[0].title()),
            "department_id": department.id if department else None}
    data.update(extra)
    user = operations.create_user(data, list(roles), password)
    db.session.commit()
    return user


def make_cycle(departments, state: str = "draft", name: str | None = None, targets: dict | None = None,
               opens_on=None, due_on=None):
    """A cycle on the shipped framework with each department's lead and members as respondents."""
    from datetime import date

    from cxgov.assessments import operations as assessments
    from cxgov.models_base import utcnow

    framework = assessments.ensure_default_framework()
    target_levels = {d.id: (targets or {}).get(d.code, 3.0) for d in framework.dimensions}
    cycle = assessments.create_cycle(name or f"Cycle {next(_counter)}", framework, opens_on or date(2026, 3, 1),
                                     due_on or date(2026, 3, 31), list(departments), target_levels, None)
    cycle.state = state
    if state == "published":
        cycle.published_at = utcnow()
    db.session.commit()
    return cycle


def open_target_window():
    """Let leads draft next month's targets whatever today's date (window from the 1st to the 28th)."""
    from cxgov.targets import operations as targets

    conf = targets.stored_settings()
    conf.window_opens_day, conf.window_closes_day = 1, 28
    db.session.commit()


def next_month(offset: int = 1) -> str:
    """The YYYY-MM `offset` months from now."""

    from cxgov.targets.status import month_of, shift_month

    return shift_month(month_of(clock.today()), offset)


def make_target(department, month: str | None = None, approved: bool = False, **overrides):
    """A numeric target (NPS 30 → 40) for a department's month, a draft unless `approved` (only approved
    targets count for achievement and points)."""
    from cxgov.models_base import utcnow
    from cxgov.targets import operations as targets

    data = {"title": "Raise NPS", "kind": "numeric", "unit": "pts", "direction": "higher", "baseline": 30.0,
            "target_value": 40.0, "points": 10}
    data.update(overrides)
    target = targets.create_target(department, month or next_month(), data, None)
    if approved:
        target.approval, target.approved_at = "approved", utcnow()
    db.session.commit()
    return target


def make_action(owner, department=None, due_on=None, created_by=None, **overrides):
    """An open action owned by `owner`, due in two weeks unless told otherwise."""
    from datetime import timedelta

    from cxgov.actions import operations as actions

    source, source_id = overrides.pop("source", "manual"), overrides.pop("source_id", None)
    data = {"title": "Call back every poor rating", "description": "", "owner_id": owner.id,
            "department_id": department.id if department else None,
            "due_on": due_on or clock.today() + timedelta(days=14)}
    data.update(overrides)
    # An action due in the past was added before it fell due (the gate refuses a due date before today).
    action = actions.create_action(data, created_by, source, source_id, today=min(data["due_on"], clock.today()))
    db.session.commit()
    return action


def make_alignment_review(year: int, rating: str | None = None, attributes=(), created_by=None):
    """A draft alignment review of `year` with the standard areas, each rated `rating` when given."""
    from cxgov.alignment import operations as alignment

    review = alignment.start_review(year, created_by)
    for name in attributes:
        alignment.add_attribute(review, name)
    if rating:
        for area in review.areas:
            alignment.rate_area(area, {"rating": rating, "evidence": "", "owner_id": None}, None)
    db.session.commit()
    return review
