"""One hook that writes the audit trail for every Audited model.

Operations change models and flush; this hook sees the flush and records who
changed what, field by field. No view writes audit entries by hand.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from cxgov.audit.models import AuditEntry
from cxgov.models_base import Audited, utcnow

_actor: contextvars.ContextVar[tuple[int | None, str] | None] = contextvars.ContextVar("audit_actor", default=None)
_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar("audit_reason", default=None)


class AuditTrailIsReadOnly(Exception):
    """Raised when code tries to change or delete an audit entry."""


@contextmanager
def acting_as(actor_id: int | None, label: str):
    """Attribute changes in this block to the given actor (CLI, background jobs)."""
    token = _actor.set((actor_id, label))
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def audit_reason(reason: str):
    """Attach a written reason to every change recorded in this block."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


def current_actor() -> tuple[int | None, str]:
    """The signed-in user in a request, else the CLI actor, else 'system'."""
    explicit = _actor.get()
    if explicit is not None:
        return explicit
    if has_request_context() and current_user.is_authenticated:
        return current_user.id, current_user.email
    return None, "system"


def _plain(value: Any) -> Any:
    """Make a column value JSON-friendly."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _columns(obj: Audited):
    """The audited column attributes of an object."""
    excluded = set(obj.__audit_exclude__)
    return [c for c in inspect(obj).mapper.column_attrs if c.key not in excluded]


def _snapshot(obj: Audited, side: str) -> dict[str, list]:
    """All audited fields as [before, after] for a created or deleted record."""
    values = {attr.key: _plain(getattr(obj, attr.key)) for attr in _columns(obj)}
    if side == "after":
        return {k: [None, v] for k, v in values.items() if v is not None}
    return {k: [v, None] for k, v in values.items()}


def _diff(obj: Audited) -> dict[str, list]:
    """The changed audited fields of an updated record as [before, after]."""
    state = inspect(obj)
    changes = {}
    for attr in _columns(obj):
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if _plain(before) != _plain(after):
            changes[attr.key] = [_plain(before), _plain(after)]
    return changes


def _record_id(obj: Audited) -> str:
    """The primary key as text (composite keys joined by '/')."""
    identity = inspect(obj).identity or inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join(str(part) for part in identity)


def _row(obj: Audited, action: str, changes: dict) -> dict:
    """One audit row, attributed to the current actor and reason."""
    actor_id, actor_label = current_actor()
    return dict(
        at=utcnow(), actor_id=actor_id, actor_label=actor_label, action=action,
        table_name=obj.__tablename__, record_id=_record_id(obj),
        record_label=str(obj.audit_label())[:254], changes=changes, reason=_reason.get(),
    )


def _entries(session: Session) -> list[dict]:
    """Audit rows for the records the flush just created or changed (deletes: see _record_delete)."""
    rows = []
    for obj in session.new:
        if isinstance(obj, Audited):
            rows.append(_row(obj, "create", _snapshot(obj, "after")))
    for obj in session.dirty:
        if isinstance(obj, Audited) and (changes := _diff(obj)):
            rows.append(_row(obj, "update", changes))
    return rows


def _record_delete(mapper, connection, target) -> None:
    """A deleted record, including orphans removed by a cascade that session.deleted never lists."""
    connection.execute(sa.insert(AuditEntry.__table__), [_row(target, "delete", _snapshot(target, "before"))])


def _refuse_audit_changes(session: Session, flush_context, instances) -> None:
    """Nobody changes the audit trail, not even through the ORM."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise AuditTrailIsReadOnly("audit entries cannot be changed or deleted")


def _write_entries(session: Session, flush_context) -> None:
    """Insert the audit rows in the same transaction as the change."""
    rows = _entries(session)
    if rows:
        session.connection().execute(sa.insert(AuditEntry.__table__), rows)


def install(session_class) -> None:
    """Attach the hooks to a session class once (every session made from it is audited)."""
    if event.contains(session_class, "after_flush", _write_entries):
        return
    event.listen(session_class, "before_flush", _refuse_audit_changes)
    event.listen(session_class, "after_flush", _write_entries)
    event.listen(Audited, "after_delete", _record_delete, propagate=True)
