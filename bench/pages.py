"""The main pages to measure, each with the person who opens it, found in whatever data is loaded."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from cxgov import clock
from cxgov.extensions import db


class BenchError(Exception):
    """Input the benchmark cannot run on (a missing file, an empty database): said in words, exit non-zero."""


@dataclass(frozen=True)
class Page:
    """One page: a stable key, what the table calls it, who opens it (a role key) and its URL."""

    key: str
    label: str
    role: str
    url: str


# Role keys and the role a person must hold to be chosen for them.
ROLES = {"ceo": "executive", "cxo": "cx_office", "lead": "dept_lead", "hr": "hr", "member": "member"}


def _first(statement) -> int | None:
    """The first id a query finds, or None."""
    return db.session.scalar(statement.limit(1))


USERS = sa.table("users", sa.column("id"), sa.column("active"), sa.column("department_id"))
ROLE_ROWS = sa.table("user_roles", sa.column("user_id"), sa.column("role"))
DEPARTMENTS = sa.table("departments", sa.column("id"), sa.column("lead_id"), sa.column("archived_at"))
CYCLES = sa.table("assessment_cycles", sa.column("id"), sa.column("state"), sa.column("published_at"))
ACTIONS = sa.table("action_items", sa.column("owner_id"), sa.column("status"))
REVIEWS = sa.table("quarterly_reviews", sa.column("id"), sa.column("state"), sa.column("year"), sa.column("quarter"))


def _user_with(role: str) -> int | None:
    """The earliest active user holding a role (the member: holding no other role, in a department)."""
    query = sa.select(USERS.c.id).join(ROLE_ROWS, ROLE_ROWS.c.user_id == USERS.c.id).where(
        ROLE_ROWS.c.role == role, USERS.c.active.is_(True)).order_by(USERS.c.id)
    if role == "member":
        others = sa.select(ROLE_ROWS.c.user_id).where(ROLE_ROWS.c.role != "member")
        query = query.where(USERS.c.department_id.is_not(None), USERS.c.id.not_in(others))
    return _first(query)


def _led_departments():
    """Departments in use that have a lead, the earliest first."""
    return DEPARTMENTS.c.lead_id.is_not(None), DEPARTMENTS.c.archived_at.is_(None)


def people() -> dict[str, int]:
    """The user id for each role key (the lead: of the earliest led department whose lead has open actions, so
    that both sizes show a lead with work on their plate); none is a BenchError."""
    if not db.session.scalar(sa.select(sa.func.count()).select_from(USERS)):
        raise BenchError("the database has no users: load the demo first (flask --app wsgi cxgov demo)")
    found = {key: _user_with(role) for key, role in ROLES.items()}
    leads = sa.select(DEPARTMENTS.c.lead_id).where(*_led_departments())
    busy = leads.where(DEPARTMENTS.c.lead_id.in_(sa.select(ACTIONS.c.owner_id).where(ACTIONS.c.status.in_(
        ("open", "in_progress")))))
    lead = _first(busy.order_by(DEPARTMENTS.c.id)) or _first(leads.order_by(DEPARTMENTS.c.id))
    found["lead"] = lead or found["lead"]
    missing = sorted(key for key, user_id in found.items() if user_id is None)
    if missing:
        raise BenchError(f"the data has nobody for: {', '.join(missing)} (is it the cxgov demo?)")
    return found


def _ids() -> dict[str, int | None]:
    """The records the pages show: the latest published cycle, the latest review (published first), a department."""
    published = REVIEWS.c.state == "published"
    return {
        "cycle": _first(sa.select(CYCLES.c.id).where(CYCLES.c.state == "published")
                        .order_by(CYCLES.c.published_at.desc(), CYCLES.c.id.desc())),
        "review": _first(sa.select(REVIEWS.c.id).order_by(sa.case((published, 0), else_=1), REVIEWS.c.year.desc(),
                                                          REVIEWS.c.quarter.desc())),
        "department": _first(sa.select(DEPARTMENTS.c.id).where(*_led_departments()).order_by(DEPARTMENTS.c.id)),
    }


def report_year() -> int:
    """The fiscal year running today, the one the annual report page opens on."""
    from cxgov.reports.views import current_fiscal_year

    return current_fiscal_year(clock.today())


def _checked_ids() -> dict[str, int]:
    """The records the pages show; none found is a BenchError."""
    ids = _ids()
    missing = sorted(name for name, value in ids.items() if value is None)
    if missing:
        raise BenchError(f"the data has no {', '.join(missing)} to show (a published cycle, a review, a department "
                         "with a lead are needed)")
    return ids


def catalogue() -> list[Page]:
    """The main pages of the issue, with URLs into the loaded data (run inside an app context)."""
    ids, year = _checked_ids(), report_year()
    return [
        Page("home_ceo", "home (CEO)", "ceo", "/"),
        Page("home_cxo", "home (CX office)", "cxo", "/"),
        Page("home_lead", "home (department lead)", "lead", "/"),
        Page("home_hr", "home (HR)", "hr", "/"),
        Page("home_member", "home (member)", "member", "/"),
        Page("results", "assessment results and heatmap", "cxo", f"/assessments/{ids['cycle']}/results"),
        Page("department", "department page", "lead", f"/departments/{ids['department']}"),
        Page("targets_board", "targets month board", "cxo", "/targets/"),
        Page("targets_grid", "targets company grid", "ceo", "/targets/company"),
        Page("culture", "workshop culture metrics", "hr", "/workshops/culture"),
        Page("review", "quarterly review page", "ceo", f"/reviews/{ids['review']}"),
        Page("actions", "action list", "cxo", "/actions/"),
        Page("annual", "annual report page", "ceo", f"/reports/annual?year={year}"),
    ]


def documents() -> list[Page]:
    """The PDFs, made by the task worker: the review's pack and the annual report's preview."""
    ids, year = _checked_ids(), report_year()
    return [Page("review_pack", "review pack PDF", "ceo", f"/reviews/{ids['review']}/pack.pdf?lang=en"),
            Page("annual_pdf", "annual report PDF (preview)", "ceo", f"/reports/annual/{year}.pdf?lang=zh")]


def row_counts() -> dict[str, int]:
    """How big the data is, in the issue's terms."""
    tables = ["departments", "users", "targets", "target_updates", "answers", "workshops", "quarterly_reviews",
              "action_items", "audit_entries"]
    existing = set(sa.inspect(db.engine).get_table_names())
    return {name: db.session.scalar(sa.text(f"SELECT count(*) FROM {name}")) for name in tables if name in existing}
