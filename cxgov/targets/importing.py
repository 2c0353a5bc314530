"""All-or-nothing import of targets from CSV or XLSX: every row checked, every problem by row number."""
from __future__ import annotations

import io
import math
from collections import Counter
from datetime import date

from flask_babel import gettext as _
from openpyxl import load_workbook

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.importing import ImportResult, read_csv
from cxgov.org.models import Department
from cxgov.targets import checks, operations
from cxgov.targets import status as st
from cxgov.targets.labels import PROBLEM_MESSAGES, rule_message
from cxgov.targets.operations import TargetRuleError

COLUMNS = ("department_code", "month", "title", "description", "kind", "unit", "direction", "baseline",
           "target_value", "owner_email", "points", "dimension_code", "evidence")
REQUIRED = ("department_code", "month", "title", "kind")


def read_rows(raw: bytes, filename: str) -> tuple[list[dict], list[tuple[int, str]]]:
    """Rows of a CSV or the first sheet of an XLSX file, with lower-case headers."""
    if not filename.lower().endswith(".xlsx"):
        return read_csv(raw, REQUIRED)
    try:
        sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        return [], [(0, _("The file is not a readable .xlsx workbook."))]
    values = list(sheet.iter_rows(values_only=True))
    if not values:
        return [], [(0, _("The file has no data rows."))]
    headers = [str(h or "").strip().lower() for h in values[0]]
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        return [], [(1, _("Missing columns: %(cols)s.", cols=", ".join(missing)))]
    rows = [{h: ("" if v is None else str(v).strip()) for h, v in zip(headers, row, strict=False) if h}
            for row in values[1:] if any(v not in (None, "") for v in row)]
    return (rows, []) if rows else ([], [(0, _("The file has no data rows."))])


def _number(value: str) -> float | None:
    """A finite float from text, None when empty; ValueError when not a number."""
    if value in ("", None):
        return None
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _value_errors(number: int, kind: str, direction: str, values: dict) -> list[tuple[int, str]]:
    """The shared checks of a row's numbers and points, row-numbered."""
    problems = checks.value_problems(kind, direction, values["baseline"], values["target_value"])
    codes = list(dict.fromkeys(problems.values()))
    if checks.points_problem(values["points"]):
        codes.append("points_whole")
    return [(number, str(PROBLEM_MESSAGES[code])) for code in codes]


def _check_row(row: dict, number: int, user, departments, users, today) -> tuple[list[tuple[int, str]], dict | None]:
    """Problems of one row, and its operation data when it has none."""
    errors = []
    dept = departments.get(row.get("department_code", "").upper())
    if dept is None:
        errors.append((number, _("Department “%(v)s” does not exist.", v=row.get("department_code", ""))))
    else:
        from cxgov.permissions import can_edit_department_targets

        if not can_edit_department_targets(user, dept):
            errors.append((number, _("You may not set targets for %(v)s.", v=dept.code)))
    try:
        st.parse_month(row.get("month", ""))
    except ValueError:
        errors.append((number, _("Month “%(v)s” is not in the form YYYY-MM.", v=row.get("month", ""))))
    if not row.get("title"):
        errors.append((number, _("Column %(c)s is empty.", c="title")))
    elif len(row["title"]) > 200:
        errors.append((number, _("Column %(c)s is longer than %(n)s characters.", c="title", n=200)))
    kind = row.get("kind", "")
    if kind not in ("numeric", "milestone"):
        errors.append((number, _("Kind “%(v)s” is not one of %(choices)s.", v=kind, choices="numeric, milestone")))
    direction = row.get("direction") or "higher"
    if direction not in ("higher", "lower"):
        errors.append((number, _("Direction “%(v)s” is not higher or lower.", v=direction)))
    values = {}
    for column in ("baseline", "target_value", "points"):
        try:
            values[column] = _number(row.get(column, ""))
        except ValueError:
            errors.append((number, _("%(c)s “%(v)s” is not a number.", c=column, v=row.get(column))))
    if not errors:
        errors += _value_errors(number, kind, direction, values)
    owner = users.get(row.get("owner_email", "").lower()) if row.get("owner_email") else None
    if row.get("owner_email") and owner is None:
        errors.append((number, _("No user has the e-mail “%(v)s”.", v=row["owner_email"])))
    if errors:
        return errors, None
    return [], {"department": dept, "month": row["month"], "data": {
        "title": row["title"], "description": row.get("description", ""), "kind": kind, "unit": row.get("unit", ""),
        "direction": direction, "baseline": values["baseline"], "target_value": values["target_value"],
        "owner_id": owner.id if owner else None, "points": int(values["points"] if values["points"] is not None
                                                               else 10),
        "dimension_code": row.get("dimension_code") or None, "evidence": row.get("evidence", "")}}


def import_targets(raw: bytes, filename: str, user, today: date, in_window_only: bool) -> ImportResult:
    """Check the whole file, then create every target or none."""
    rows, errors = read_rows(raw, filename)
    if errors:
        return ImportResult(errors=errors)
    departments = {d.code.upper(): d for d in db.session.scalars(db.select(Department))}
    users = {u.email.lower(): u for u in db.session.scalars(db.select(User))}
    plans = []
    for number, row in enumerate(rows, start=2):
        row_errors, plan = _check_row(row, number, user, departments, users, today)
        errors += row_errors
        if plan:
            plans.append((number, plan))
    per_month = Counter((p["department"].id, p["month"]) for _n, p in plans)
    for number, plan in plans:
        try:
            operations.check_can_add(plan["department"], plan["month"], today, in_window_only,
                                     adding=per_month[(plan["department"].id, plan["month"])])
        except TargetRuleError as error:
            errors.append((number, rule_message(error)))
    if errors:
        return ImportResult(errors=sorted(errors))
    for _row_number, plan in plans:
        operations.create_target(plan["department"], plan["month"], plan["data"], user)
    return ImportResult(created=len(plans))
