"""An action's audit trail as readable lines: who changed which field from what to what."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _

from cxgov.actions import queries
from cxgov.actions.labels import FIELD_LABELS, STATUS_LABELS
from cxgov.actions.models import ActionItem
from cxgov.templating import dept_name


@dataclass
class Event:
    """One save of the action."""

    at: datetime
    who: str
    kind: str  # create / update / delete
    reason: str | None
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, before, after)


def events(action: ActionItem) -> list[Event]:
    """The action's history, newest first, with people, departments, statuses and dates spelled out."""
    entries = queries.history(action)
    actors = {e.actor_id for e in entries if e.actor_id is not None}
    users, depts = queries.names(_ids(entries, "owner_id") | actors, _ids(entries, "department_id"))
    lookups = {"owner_id": lambda v: users.get(v, f"#{v}"), "department_id": lambda v: dept_name(depts.get(v)),
               "status": lambda v: str(STATUS_LABELS.get(v, v)), "due_on": _date, "done_on": _date}
    result = []
    for entry in entries:
        who = users.get(entry.actor_id) or (_("system") if entry.actor_label == "system" else entry.actor_label)
        event = Event(entry.at, who, entry.action, entry.reason)
        for key, label in FIELD_LABELS.items():
            if key in (entry.changes or {}):
                before, after = (_text(lookups, key, v) for v in entry.changes[key])
                if before or after:
                    event.changes.append((str(label), before, after))
        result.append(event)
    return result


def _ids(entries, key: str) -> set[int]:
    """Every id a field took in the entries."""
    return {v for e in entries for v in (e.changes or {}).get(key, []) if isinstance(v, int)}


def _text(lookups: dict, key: str, value) -> str:
    """A stored value as a reader would say it."""
    if value in (None, ""):
        return ""
    return str(lookups[key](value)) if key in lookups else str(value)


def _date(value: str) -> str:
    """An ISO date in the reader's language."""
    try:
        return format_date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)
