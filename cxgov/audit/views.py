"""Browse and filter the audit trail (read-only: there is no route that changes it)."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Blueprint, render_template, request

from cxgov import clock
from cxgov.audit import present
from cxgov.audit.labels import sort_key, table_label
from cxgov.audit.models import AuditEntry
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.permissions import can_view_audit, require
from cxgov.webtools import paginated

bp = Blueprint("audit", __name__)

PER_PAGE = 50


def _date(value: str | None) -> datetime | None:
    """The start of a YYYY-MM-DD filter day in the organisation's zone; None when empty or malformed."""
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=clock.zone()) if value else None
    except ValueError:
        return None


def _filtered(args) -> sa.Select:
    """The audit query for the filters in the request."""
    query = sa.select(AuditEntry)
    if args.get("table"):
        query = query.where(AuditEntry.table_name == args["table"])
    if args.get("action"):
        query = query.where(AuditEntry.action == args["action"])
    if args.get("actor"):
        pattern = f"%{args['actor']}%"
        named = sa.select(User.id).where(User.name.ilike(pattern))
        query = query.where(sa.or_(AuditEntry.actor_label.ilike(pattern), AuditEntry.actor_id.in_(named)))
    if args.get("record"):
        query = query.where(AuditEntry.record_label.ilike(f"%{args['record']}%"))
    if start := _date(args.get("from")):
        query = query.where(AuditEntry.at >= start)
    if end := _date(args.get("to")):
        query = query.where(AuditEntry.at < end + timedelta(days=1))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


@bp.route("/audit")
@require(can_view_audit)
def index():
    """The audit trail, newest first, filtered and paginated."""
    page = paginated(_filtered(request.args), PER_PAGE)
    tables = db.session.scalars(sa.select(AuditEntry.table_name).distinct()).all()
    choices = sorted(((t, table_label(t)) for t in tables), key=lambda choice: sort_key(choice[1]))
    return render_template("audit/index.html", page=page, rows=present.rows(page.items), tables=choices,
                           args=request.args)
