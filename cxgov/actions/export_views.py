"""The filtered action list as CSV (UTF-8 with a byte-order mark, for Excel) or XLSX, as the other exports are."""
from __future__ import annotations

from datetime import date

from flask import abort, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from cxgov import clock, exports
from cxgov.actions import queries, sources
from cxgov.actions.labels import SOURCE_LABELS, STATUS_LABELS
from cxgov.actions.models import ActionItem
from cxgov.actions.views import bp
from cxgov.exports import Column
from cxgov.permissions import can_view_actions, require

COLUMNS = (Column("id", _l("ID")), Column("title", _l("Title")), Column("description", _l("Description")),
           Column("owner", _l("Owner")), Column("owner_email", _l("Owner's e-mail")),
           Column("department_code", _l("Department")), Column("due_on", _l("Due date")),
           Column("status", _l("Status")), Column("overdue", _l("Overdue")), Column("done_on", _l("Done on")),
           Column("dropped_reason", _l("Reason for dropping")), Column("source", _l("Source")),
           Column("source_id", _l("Source number")), Column("source_url", _l("Link to the source")),
           Column("created_at", _l("Created at")))


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
    """One action as export cells: statuses and sources in the reader's language, the department by its code."""
    link = sources.source_url(a.source, a.source_id, external=True)
    return [a.id, a.title, a.description, a.owner.name, a.owner.email, a.department.code if a.department else "",
            a.due_on, str(STATUS_LABELS.get(a.status, a.status)), _("Yes") if a.is_overdue(today) else "",
            a.done_on or "", a.dropped_reason, str(SOURCE_LABELS.get(a.source, a.source)),
            "" if a.source_id is None else a.source_id, link or "",
            a.created_at.replace(microsecond=0) if a.created_at else ""]
