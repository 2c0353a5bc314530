"""The filtered action list as CSV (UTF-8 with a byte-order mark, for Excel) or XLSX, as the other exports are."""
from __future__ import annotations

from datetime import date

from flask import abort, request
from flask_login import current_user

from cxgov import clock, exports
from cxgov.actions import queries, sources
from cxgov.actions.models import ActionItem
from cxgov.actions.views import bp
from cxgov.permissions import can_view_actions, require

COLUMNS = ("id", "title", "description", "owner", "owner_email", "department_code", "due_on", "status", "overdue",
           "done_on", "dropped_reason", "source", "source_id", "source_url", "created_at")


@bp.route("/export.<fmt>")
@require(can_view_actions)
def export(fmt: str):
    """The list with the page's filters (open or in progress by default; `status=all` for every action)."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    today = clock.today()
    rows = [_row(a, today) for a in queries.actions(queries.filters_from(request.args, current_user.id), today)]
    return exports.response(fmt, f"cxgov-actions-{today.isoformat()}.{fmt}", "actions", COLUMNS, rows,
                            widths=(6, 48, 40, 20, 28, 12, 12))


def _row(a: ActionItem, today: date) -> list:
    """One action as export cells (codes, not translated labels, so that a file reads the same in any language)."""
    link = sources.source_url(a.source, a.source_id, external=True)
    return [a.id, a.title, a.description, a.owner.name, a.owner.email, a.department.code if a.department else "",
            a.due_on, a.status, "yes" if a.is_overdue(today) else "", a.done_on or "", a.dropped_reason, a.source,
            "" if a.source_id is None else a.source_id, link or "",
            a.created_at.replace(microsecond=0) if a.created_at else ""]
