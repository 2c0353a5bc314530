"""Reads for the action tracker, each page in a fixed number of queries."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov.actions.models import OPEN_STATUSES, SOURCES, STATUSES, ActionItem
from cxgov.audit.models import AuditEntry
from cxgov.auth.models import User
from cxgov.bounds import whole
from cxgov.extensions import db
from cxgov.org.models import Department

ACTIVE, ALL = "active", "all"  # the status filter's groupings: open or in progress (the default), any


@dataclass(frozen=True)
class Filters:
    """What the list shows: a department, an owner, a source, a status (or grouping), overdue only."""

    department_id: int | None = None
    owner_id: int | None = None
    source: str | None = None
    status: str = ALL
    overdue: bool = False

    def as_args(self) -> dict:
        """The filters as query arguments (for links that keep them)."""
        names = {"department_id": "department", "owner_id": "owner"}
        return {names.get(k, k): (1 if v is True else v) for k, v in asdict(self).items() if v not in (None, False)}


def filters_from(args, me_id: int | None, default_status: str = ACTIVE) -> Filters:
    """Filters from query arguments; `owner=me` is the signed-in user, unknown values are ignored."""
    owner = args.get("owner", "")
    status = args.get("status") or default_status
    return Filters(
        department_id=args.get("department", type=int),
        owner_id=me_id if owner == "me" else whole(owner),
        source=args.get("source") if args.get("source") in SOURCES else None,
        status=status if status in (*STATUSES, ACTIVE, ALL) else default_status,
        overdue=args.get("overdue") in ("1", "true", "yes"),
    )


def _overdue(today: date):
    """The SQL condition of an overdue action."""
    return sa.and_(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_on < today)


def filtered(query: sa.Select, filters: Filters, today: date, with_status: bool = True) -> sa.Select:
    """Restrict a select of actions to the filters (`with_status=False` ignores status and overdue)."""
    if filters.department_id:
        query = query.where(ActionItem.department_id == filters.department_id)
    if filters.owner_id:
        query = query.where(ActionItem.owner_id == filters.owner_id)
    if filters.source:
        query = query.where(ActionItem.source == filters.source)
    if with_status and filters.status == ACTIVE:
        query = query.where(ActionItem.status.in_(OPEN_STATUSES))
    elif with_status and filters.status in STATUSES:
        query = query.where(ActionItem.status == filters.status)
    if with_status and filters.overdue:
        query = query.where(_overdue(today))
    return query


def select_actions(filters: Filters, today: date) -> sa.Select:
    """The filtered actions, soonest due first, with owner and department loaded."""
    query = sa.select(ActionItem).options(selectinload(ActionItem.owner), selectinload(ActionItem.department))
    return filtered(query, filters, today).order_by(ActionItem.due_on, ActionItem.id)


def actions(filters: Filters, today: date) -> list[ActionItem]:
    """Every filtered action (exports)."""
    return list(db.session.scalars(select_actions(filters, today)))


def status_counts(filters: Filters, today: date) -> dict[str, int]:
    """How many actions have each status under the other filters, plus how many are overdue."""
    base = filtered(sa.select(ActionItem.status, sa.func.count(ActionItem.id)), filters, today, with_status=False)
    counts = {status: 0 for status in STATUSES} | dict(db.session.execute(base.group_by(ActionItem.status)).all())
    overdue = filtered(sa.select(sa.func.count(ActionItem.id)), filters, today, with_status=False)
    counts["overdue"] = db.session.scalar(overdue.where(_overdue(today)))
    return counts


def owners() -> list[User]:
    """People who own at least one action, by name (the owner filter)."""
    owned = sa.select(ActionItem.owner_id).distinct()
    return list(db.session.scalars(sa.select(User).where(User.id.in_(owned)).order_by(User.name)))


def my_summary(user_id: int, today: date, limit: int = 5) -> dict:
    """The user's open actions, soonest due first (at most `limit`), how many are open and overdue."""
    mine = Filters(owner_id=user_id, status=ACTIVE)
    items = db.session.scalars(select_actions(mine, today).limit(limit)).all()
    counts = status_counts(mine, today)
    return {"items": items, "open": sum(counts[s] for s in OPEN_STATUSES), "overdue": counts["overdue"]}


def of_source(source: str, source_id: int) -> list[ActionItem]:
    """The actions made from one record (e.g. a workshop idea), with their owners."""
    return list(db.session.scalars(
        sa.select(ActionItem).where(ActionItem.source == source, ActionItem.source_id == source_id)
        .options(selectinload(ActionItem.owner)).order_by(ActionItem.due_on, ActionItem.id)))


def history(action: ActionItem) -> list[AuditEntry]:
    """The audit trail of one action, newest first."""
    return list(db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.table_name == ActionItem.__tablename__,
                                    AuditEntry.record_id == str(action.id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())))


def names(user_ids: set[int], department_ids: set[int]) -> tuple[dict[int, str], dict[int, Department]]:
    """User names and departments by id, in two queries (for the history)."""
    users = dict(db.session.execute(sa.select(User.id, User.name).where(User.id.in_(user_ids))).all()) \
        if user_ids else {}
    depts = {d.id: d for d in db.session.scalars(sa.select(Department).where(Department.id.in_(department_ids)))} \
        if department_ids else {}
    return users, depts


def active_people() -> list[User]:
    """Active people who may own an action (viewers never write), by name."""
    from cxgov.permissions import is_read_only

    users = db.session.scalars(sa.select(User).where(User.active.is_(True))
                               .options(selectinload(User.role_rows)).order_by(User.name))
    return [u for u in users if not is_read_only(u)]
