"""Which record an audit entry is about, said with names instead of ids.

Many records are named by what they link (a workshop and a person, a cycle and a department); the stored
label says "workshop 3: invitation of user 5", in English. Here the record is named by those fields' values,
taken from the entry itself (a create or delete holds the whole record) or, for an update, from the record
as it is now (one query per table on the page); the stored label stays the fallback.
"""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from cxgov.extensions import db

# The fields that name a record of each table, in the order they are said.
RECORD_PARTS: dict[str, tuple[str, ...]] = {
    "workshop_invitations": ("workshop_id", "user_id"), "workshop_attendance": ("workshop_id", "user_id"),
    "workshop_feedback": ("workshop_id", "user_id"), "workshop_departments": ("workshop_id", "department_id"),
    "cycle_departments": ("cycle_id", "department_id"), "cycle_targets": ("cycle_id", "dimension_id"),
    "respondents": ("cycle_id", "user_id", "department_id"), "answers": ("respondent_id", "practice_id"),
    "calibrations": ("cycle_id", "department_id", "dimension_id"), "user_roles": ("user_id", "role"),
    "team_assignments": ("role", "user_id"), "rotation_pool": ("plan_id", "user_id"),
    "leave_periods": ("user_id", "starts_on", "ends_on"), "rotation_terms": ("plan_id", "starts_on", "ends_on"),
    "handovers": ("term_id",), "target_updates": ("target_id", "on_date"), "month_closes": ("month",),
    "alignment_cells": ("area_id", "attribute_id"), "workshop_goals": ("from_month",),
    "inbox_snoozes": ("user_id",), "mail_preferences": ("user_id",), "api_tokens": ("user_id", "name"),
    "calendar_feeds": ("scope", "user_id"),
}


def _value(entry, name: str):
    """The field's value as the entry holds it (after, else before), or None."""
    pair = entry.changes.get(name) if isinstance(entry.changes, dict) else None
    if isinstance(pair, (list, tuple)) and len(pair) == 2:
        return pair[1] if pair[1] is not None else pair[0]
    return None


def _record_id(entry) -> int | None:
    try:
        return int(entry.record_id)
    except (TypeError, ValueError):
        return None


def parts(entries) -> dict[int, list[tuple[str, object]]]:
    """entry id → [(field, value)] naming its record, for the entries whose table is named by its fields."""
    missing = defaultdict(set)
    for entry in entries:
        fields = RECORD_PARTS.get(entry.table_name, ())
        if any(_value(entry, f) is None for f in fields) and _record_id(entry) is not None:
            missing[entry.table_name].add(_record_id(entry))
    current = {}
    for table_name, ids in missing.items():
        table = db.Model.metadata.tables.get(table_name)
        if table is None or "id" not in table.c:
            continue
        columns = [table.c[f] for f in RECORD_PARTS[table_name] if f in table.c]
        for row in db.session.execute(sa.select(table.c.id, *columns).where(table.c.id.in_(sorted(ids)))):
            current[(table_name, row.id)] = {k: v.isoformat() if hasattr(v, "isoformat") else v
                                             for k, v in row._mapping.items()}
    found = {}
    for entry in entries:
        fields = RECORD_PARTS.get(entry.table_name)
        if not fields:
            continue
        now = current.get((entry.table_name, _record_id(entry)))
        whole = entry.action in ("create", "delete") or now is not None  # a field left None is truly empty
        values = [(f, v if (v := _value(entry, f)) is not None else (now or {}).get(f)) for f in fields]
        if all(v is not None for _f, v in values) or (whole and any(v is not None for _f, v in values)):
            found[entry.id] = [(f, v) for f, v in values if v is not None]
    return found
