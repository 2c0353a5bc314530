"""The inbox: a person's due items minus the ones they snoozed, and the one gate that snoozes.

An item can be snoozed, never dismissed: it stays due until its task is done, and a snooze only hides it until a
date (on that date it returns). An overdue item cannot be snoozed, and a snooze cannot outlast the deadline, so
nothing overdue is ever hidden.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import g, has_request_context

from cxgov import clock
from cxgov.extensions import db
from cxgov.rhythm import due, gather, inbox_labels  # noqa: F401 - inbox_labels words the refusals below
from cxgov.rhythm.inbox_models import Snooze
from cxgov.rules import Refusal

MAX_SNOOZE_DAYS = 30  # a longer snooze is a dismissal in disguise


@dataclass(frozen=True)
class Snoozed:
    """A due item hidden until a date."""

    item: due.Item
    until: date


# --- the gate ---
def snooze(user, key: str, until: date | None, today: date | None = None) -> Snooze:
    """Hide the user's due item `key` until `until` (the day it returns); refused for what is not snoozable."""
    today = today or clock.today()
    item = _due_item(user.id, key, today)
    _check_until(item, until, today)
    row = _snooze_of(user.id, key)
    if row is None:
        row = Snooze(user_id=user.id, item_key=key, until=until)
        db.session.add(row)
    else:
        row.until = until
    db.session.flush()
    _forget(user.id)
    return row


def unsnooze(user, key: str) -> None:
    """Bring a snoozed item back now."""
    row = _snooze_of(user.id, key)
    if row is None:
        raise Refusal("snooze_missing")
    db.session.delete(row)
    db.session.flush()
    _forget(user.id)


def _due_item(user_id: int, key: str, today: date) -> due.Item:
    """The user's item with that key, due today; refused when it is not (done, someone else's, made up)."""
    item = next((i for i in gather.due_for(user_id, today) if i.key == key), None)
    if item is None:
        raise Refusal("snooze_not_due")
    if item.urgency in (due.OVERDUE, due.TODAY):
        raise Refusal("snooze_overdue" if item.urgency == due.OVERDUE else "snooze_due_today")
    return item


def _check_until(item: due.Item, until: date | None, today: date) -> None:
    """A date after today, within MAX_SNOOZE_DAYS, and no later than the item's deadline."""
    if not isinstance(until, date):
        raise Refusal("snooze_no_date")
    if until <= today:
        raise Refusal("snooze_past", day=today)
    if until > today + timedelta(days=MAX_SNOOZE_DAYS):
        raise Refusal("snooze_too_far", days=MAX_SNOOZE_DAYS, day=today + timedelta(days=MAX_SNOOZE_DAYS))
    if item.deadline is not None and until > item.deadline:
        raise Refusal("snooze_after_deadline", day=item.deadline)


def _snooze_of(user_id: int, key: str) -> Snooze | None:
    return db.session.scalar(sa.select(Snooze).where(Snooze.user_id == user_id, Snooze.item_key == key))


# --- reading ---
def snoozes(user_id: int) -> dict[str, date]:
    """The user's snoozes, key → until; read once per request."""
    cache = g.setdefault("inbox_snoozes", {}) if has_request_context() else {}
    if user_id not in cache:
        cache[user_id] = dict(db.session.execute(
            sa.select(Snooze.item_key, Snooze.until).where(Snooze.user_id == user_id)).all())
    return cache[user_id]


def _forget(user_id: int) -> None:
    """A snooze changed: the request's cached reading is stale."""
    if has_request_context():
        g.setdefault("inbox_snoozes", {}).pop(user_id, None)


def split(items: list[due.Item], snoozed: dict[str, date], day: date) -> tuple[list[due.Item], list[Snoozed]]:
    """Items still shown and items hidden on `day` (pure): a snooze hides until its date, never an overdue item."""
    shown, hidden = [], []
    for item in items:
        until = snoozed.get(item.key)
        if until is not None and day < until and item.urgency != due.OVERDUE:
            hidden.append(Snoozed(item, until))
        else:
            shown.append(item)
    return shown, hidden


def open_items(user_id: int, day: date | None = None) -> list[due.Item]:
    """The user's due items on `day` that are not snoozed, most urgent first."""
    day = day or clock.today()
    return split(gather.due_for(user_id, day), snoozes(user_id), day)[0]


def snoozed_items(user_id: int, day: date | None = None) -> list[Snoozed]:
    """The user's due items hidden by a snooze on `day`."""
    day = day or clock.today()
    return split(gather.due_for(user_id, day), snoozes(user_id), day)[1]


def counts(items: list[due.Item]) -> dict[str, int]:
    """How many items of each urgency, every urgency present (zero when none)."""
    found = Counter(item.urgency for item in items)
    return {urgency: found.get(urgency, 0) for urgency in due.URGENCIES}


def kind_counts(items: list[due.Item]) -> dict[str, int]:
    """How many items of each kind present, in the kinds' order."""
    found = Counter(item.kind for item in items)
    return {kind: found[kind] for kind in due.KINDS if found[kind]}


def can_snooze(item: due.Item, today: date) -> bool:
    """Whether the item may be snoozed at all today (the gate decides the date)."""
    return item.urgency not in (due.OVERDUE, due.TODAY) and (item.deadline is None or item.deadline > today)


def default_until(item: due.Item, today: date) -> date:
    """The date a snooze form offers: in three days, or the deadline when it comes sooner."""
    offered = today + timedelta(days=3)
    return min(offered, item.deadline) if item.deadline else offered


def snooze_bounds(item: due.Item, today: date) -> tuple[date, date]:
    """The first and last dates a snooze of the item may end on (for the date picker; the gate decides)."""
    latest = today + timedelta(days=MAX_SNOOZE_DAYS)
    return today + timedelta(days=1), min(latest, item.deadline) if item.deadline else latest
