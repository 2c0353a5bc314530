"""One page of the audit trail as its reader sees it: names, labels, local times.

Every record an entry's values point to is named with one query per referenced table for the whole
page, so the page's statement count does not grow with its number of entries.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import format_date, get_locale

from cxgov.audit.labels import ACTOR_LABELS, field_label, table_label
from cxgov.audit.models import AuditEntry
from cxgov.audit.records import RECORD_PARTS, parts
from cxgov.audit.values import Shown, referenced_table, show
from cxgov.extensions import db


@dataclass
class Change:
    """One field's change: its label, and the value before and after."""

    label: str
    before: Shown
    after: Shown


@dataclass
class Row:
    """One audit entry as shown."""

    at: datetime
    actor: str
    actor_email: str
    action: str
    record_type: str
    record: str
    reason: str | None
    changes: list[Change] = field(default_factory=list)


def _zh() -> bool:
    return str(get_locale() or "en").startswith("zh")


def _bilingual(row) -> str:
    return (row.name_zh if _zh() else row.name_en) or row.name_en or row.name_zh


# How a referenced record is named: the columns to read and the name made of them.
NAMERS: dict[str, tuple[tuple[str, ...], Callable]] = {
    "users": (("name", "email"), lambda r: r.name or r.email),
    "departments": (("name_en", "name_zh"), _bilingual),
    "frameworks": (("name_en", "name_zh"), _bilingual),
    "dimensions": (("name_en", "name_zh"), _bilingual),
    "practices": (("code",), lambda r: r.code),
    "quarterly_reviews": (("year", "quarter"), lambda r: f"Q{r.quarter} {r.year}"),
    "alignment_reviews": (("year",), lambda r: str(r.year)),
    "alignment_areas": (("name", "key"), lambda r: r.name or _area(r.key)),
    "rotation_terms": (("starts_on", "ends_on"), lambda r: f"{format_date(r.starts_on)} – {format_date(r.ends_on)}"),
    "target_updates": (("on_date",), lambda r: format_date(r.on_date)),
}


def _area(key: str) -> str:
    from cxgov.alignment.labels import AREA_LABELS

    return str(AREA_LABELS.get(key, key))


def _namer(table: sa.Table) -> tuple[tuple[str, ...], Callable] | None:
    """The namer of a table: its own, else its title or name column, else none (shown as #id)."""
    if table.name in NAMERS:
        return NAMERS[table.name]
    for col in ("title", "name"):
        if col in table.c:
            return (col,), lambda r, col=col: getattr(r, col)
    return None


def names(references: dict[str, set[int]]) -> dict[tuple[str, int], str]:
    """(table, id) → the record's name, one query per table; gone records are simply absent."""
    found = {}
    for table_name, ids in references.items():
        table = db.Model.metadata.tables.get(table_name)
        namer = _namer(table) if table is not None else None
        if not ids or namer is None:
            continue
        columns, name_of = namer
        query = sa.select(table.c.id, *(table.c[c] for c in columns)).where(table.c.id.in_(sorted(ids)))
        for row in db.session.execute(query):
            found[(table_name, row.id)] = str(name_of(row))
    return found


def _pairs(entry: AuditEntry) -> Iterable[tuple[str, object, object]]:
    """(field, before, after) of an entry, whatever shape old entries stored."""
    changes = entry.changes if isinstance(entry.changes, dict) else {"changes": [None, entry.changes]}
    for name, pair in changes.items():
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            yield str(name), pair[0], pair[1]
        else:
            yield str(name), None, pair


def _references(entries: list[AuditEntry], named_by: dict) -> dict[str, set[int]]:
    """Every record id the page's values, records and actors point to, by table."""
    wanted = defaultdict(set)
    for entry in entries:
        if entry.actor_id:
            wanted["users"].add(entry.actor_id)
        if _self_named(entry):
            wanted[entry.table_name].add(int(entry.record_id))
        values = [(name, v) for name, before, after in _pairs(entry) for v in (before, after)]
        for name, value in values + named_by.get(entry.id, []):
            target = referenced_table(entry.table_name, name)
            if target and isinstance(value, int) and not isinstance(value, bool):
                wanted[target].add(value)
    return wanted


def rows(entries: list[AuditEntry]) -> list[Row]:
    """The page's entries as their reader sees them."""
    named_by = parts(entries)
    named = names(_references(entries, named_by))
    result = []
    for entry in entries:
        machine = entry.actor_id is None and entry.actor_label in ACTOR_LABELS
        actor = str(ACTOR_LABELS[entry.actor_label]) if machine else \
            named.get(("users", entry.actor_id)) or entry.actor_label
        record = _record(entry, named_by, named)
        row = Row(entry.at, actor, "" if machine else entry.actor_label, entry.action,
                  table_label(entry.table_name), record, entry.reason)
        for name, before, after in _pairs(entry):
            if before in (None, "") and after in (None, ""):
                continue
            row.changes.append(Change(field_label(entry.table_name, name),
                                      show(entry.table_name, name, before, named),
                                      show(entry.table_name, name, after, named)))
        result.append(row)
    return result


def _self_named(entry: AuditEntry) -> bool:
    """Whether the record is named by its own name column (a department, a target, a person …)."""
    table = db.Model.metadata.tables.get(entry.table_name)
    return (entry.table_name not in RECORD_PARTS and table is not None and _namer(table) is not None
            and entry.record_id.isdigit())


def _record(entry: AuditEntry, named_by: dict, named: dict) -> str:
    """The record in the reader's language: its current name, the names of what it links, else the stored label."""
    if entry.id in named_by:
        return " · ".join(show(entry.table_name, name, value, named).text for name, value in named_by[entry.id])
    if _self_named(entry):
        return named.get((entry.table_name, int(entry.record_id))) or entry.record_label
    return entry.record_label
