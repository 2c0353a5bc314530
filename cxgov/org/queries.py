"""Read helpers for the organisation pages (a fixed number of queries per page)."""
import sqlalchemy as sa
from flask_babel import get_locale
from sqlalchemy.orm import selectinload

from cxgov import paging
from cxgov.auth.models import User, UserRole
from cxgov.extensions import db
from cxgov.org.models import Department


def locale_code() -> str:
    """'zh' or 'en' for the current request."""
    return "zh" if str(get_locale() or "en").startswith("zh") else "en"


def departments(include_archived: bool = False) -> list[Department]:
    """Departments by code, with lead and parent loaded."""
    query = db.select(Department).options(selectinload(Department.lead), selectinload(Department.parent))
    if not include_archived:
        query = query.where(Department.archived_at.is_(None))
    return list(db.session.scalars(query.order_by(Department.code)))


def _named(locale: str) -> list[sa.Row]:
    """Every department's id, code, name in the locale and whether archived, by code, as plain rows: pickers and
    filters need no department objects with their leads (hundreds of them at a large company)."""
    name = Department.name_zh if locale.startswith("zh") else Department.name_en  # as Department.display_name
    return db.session.execute(sa.select(Department.id, Department.code, name.label("name"),
                                        Department.archived_at.is_not(None).label("archived"))
                              .order_by(Department.code)).all()


def department_names(locale: str) -> list[tuple[int, str]]:
    """(id, name in the locale) of the departments in use, by code."""
    return [(row.id, row.name) for row in _named(locale) if not row.archived]


def member_counts(ids: list[int] | None = None) -> dict[int, int]:
    """Active members per department id (of some departments, when given), counted in SQL."""
    query = (sa.select(User.department_id, sa.func.count(User.id))
             .where(User.active.is_(True), User.department_id.is_not(None)).group_by(User.department_id))
    if ids is not None:
        query = query.where(User.department_id.in_(ids))
    return dict(db.session.execute(query).all())


def department_rows(locale: str, first_id: int | None = None, limit: int | None = None) -> list[sa.Row]:
    """The home page's department table as plain rows, in one query: id, name in the locale, kind, lead's name
    and active members, by code (no department or person objects: at hundreds of departments they cost most);
    `first_id`'s department first and at most `limit` rows, when given."""
    lead, members = sa.orm.aliased(User), sa.orm.aliased(User)
    counts = (sa.select(members.department_id, sa.func.count(members.id).label("n"))
              .where(members.active.is_(True), members.department_id.is_not(None))
              .group_by(members.department_id).subquery())
    name = Department.name_zh if locale.startswith("zh") else Department.name_en
    return db.session.execute(
        sa.select(Department.id, name.label("name"), Department.kind, lead.name.label("lead"),
                  sa.func.coalesce(counts.c.n, 0).label("people"))
        .outerjoin(lead, lead.id == Department.lead_id).outerjoin(counts, counts.c.department_id == Department.id)
        .where(Department.archived_at.is_(None))
        .order_by(sa.case((Department.id == first_id, 0), else_=1), Department.code).limit(limit)).all()


def department_count() -> int:
    """How many departments are in use."""
    return db.session.scalar(sa.select(sa.func.count(Department.id)).where(Department.archived_at.is_(None)))


def department_page(page_arg) -> tuple[paging.Window, list[Department]]:
    """One page of the departments in use, by code, with lead and parent loaded: the ids are read for the whole
    list, the departments only for the page."""
    ids = db.session.scalars(sa.select(Department.id).where(Department.archived_at.is_(None))
                             .order_by(Department.code)).all()
    window = paging.window(ids, page_arg)
    shown = {d.id: d for d in db.session.scalars(
        db.select(Department).options(selectinload(Department.lead), selectinload(Department.parent))
        .where(Department.id.in_(window.items)))}
    return window, [shown[i] for i in window.items]


def department_choices(blank_label: str, keep_id: int | None = None, exclude_id: int | None = None):
    """{id: name} of active departments for a select, keeping the current value."""
    items = {0: blank_label}
    for row in _named(locale_code()):
        if row.id == exclude_id or (row.archived and row.id != keep_id):
            continue
        items[row.id] = f"{row.name} ({row.code})"
    return items


def user_choices(blank_label: str, keep_id: int | None = None):
    """{id: name} of active users for a select, keeping the current value."""
    users = db.session.scalars(
        db.select(User).where(sa.or_(User.active.is_(True), User.id == keep_id)).order_by(User.name)
    )
    return {0: blank_label} | {u.id: f"{u.name} <{u.email}>" for u in users}


def users_filtered(q: str = "", department_id: int | None = None, role: str = "", status: str = "active"):
    """Users matching the admin list's filters, with department and roles loaded."""
    query = db.select(User).options(selectinload(User.department), selectinload(User.role_rows))
    if q:
        like = f"%{q.lower()}%"
        query = query.where(sa.or_(sa.func.lower(User.name).like(like), User.email.like(like)))
    if department_id:
        query = query.where(User.department_id == department_id)
    if role:
        query = query.where(User.id.in_(sa.select(UserRole.user_id).where(UserRole.role == role)))
    if status in ("active", "inactive"):
        query = query.where(User.active.is_(status == "active"))
    return list(db.session.scalars(query.order_by(User.name)))


def is_parent_cycle(department: Department, parent_id: int | None) -> bool:
    """True when making parent_id the parent would put the department under itself."""
    seen = set()
    while parent_id and parent_id not in seen:
        if parent_id == department.id:
            return True
        seen.add(parent_id)
        parent = db.session.get(Department, parent_id)
        parent_id = parent.parent_id if parent else None
    return False
