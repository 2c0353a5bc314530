"""Demo snoozes, so the inbox's snoozed view shows one in use: through the snooze gate, on the demo's day."""
from __future__ import annotations

from cxgov import clock
from cxgov.rhythm import gather, inbox

# Who snoozes something on the demo's day (the first item each may snooze).
SNOOZERS = ("cs.1", "lead.cs", "cxo")


def load(users: dict) -> None:
    """Snooze the first snoozable due item of a few demo people until a couple of days ahead (caller commits)."""
    today = clock.today()
    for prefix in SNOOZERS:
        user = users.get(prefix)
        if user is None:
            continue
        item = next((i for i in gather.due_for(user.id, today) if inbox.can_snooze(i, today)), None)
        if item is not None:
            first, last = inbox.snooze_bounds(item, today)
            inbox.snooze(user, item.key, min(last, first + (last - first) // 2), today)
