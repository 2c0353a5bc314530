"""The filtered action list as CSV (UTF-8 with a byte-order mark, for Excel) or XLSX, as the other exports are."""
from __future__ import annotations

import csv
import io
from datetime import date

from flask import Response, abort, request
from flask_login import current_user
from openpyxl import Workbook
from openpyxl.styles import Font

from cxgov.actions import queries, sources
from cxgov.actions.models import ActionItem
from cxgov.actions.views import bp
from cxgov.permissions import can_view_actions, require

COLUMNS = ("id", "title", "description", "owner", "owner_email", "department_code", "due_on", "status", "overdue",
           "done_on", "dropped_reason", "source", "source_id", "source_url", "created_at")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/export.<fmt>")
@require(can_view_actions)
def export(fmt: str):
    """The list with the page's filters (open or in progress by default; `status=all` for every action)."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    today = date.today()
    rows = [_row(a, today) for a in queries.actions(queries.filters_from(request.args, current_user.id), today)]
    disposition = {"Content-Disposition": f"attachment; filename=cxgov-actions-{today.isoformat()}.{fmt}"}
    if fmt == "csv":
        return Response(_csv(rows), mimetype="text/csv", headers=disposition)
    return Response(_xlsx(rows), mimetype=XLSX, headers=disposition)


def _row(a: ActionItem, today: date) -> list:
    """One action as export cells (codes, not translated labels, so that a file reads the same in any language)."""
    link = sources.source_url(a.source, a.source_id, external=True)
    return [a.id, a.title, a.description, a.owner.name, a.owner.email, a.department.code if a.department else "",
            a.due_on, a.status, "yes" if a.is_overdue(today) else "", a.done_on or "", a.dropped_reason, a.source,
            "" if a.source_id is None else a.source_id, link or "",
            a.created_at.replace(microsecond=0) if a.created_at else ""]


def _csv(rows: list[list]) -> str:
    """The rows as CSV text starting with the byte-order mark Excel needs to read UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([[v.isoformat() if isinstance(v, date) else v for v in row] for row in rows])
    return out.getvalue()


def _xlsx(rows: list[list]) -> bytes:
    """A one-sheet workbook with a bold, frozen header row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "actions"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFG", (6, 48, 40, 20, 28, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
