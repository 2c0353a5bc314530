"""Demo snoozes, so the inbox's snoozed view shows one in use: through the snooze gate, on the demo's day."""
from __future__ import annotations

from cxgov import clock
from cxgov.rhythm import gather, inbox

# Who snoozes something on the demo's day (the least pressing item each may snooze); not the CX office, whose
# approval queue is what its home page is there to show.
SNOOZERS = ("cs.1", "lead.cs", "hr")


def load(users: dict) -> None:
    """Snooze the least pressing snoozable item of a few demo people until halfway to its latest date (caller
    commits)."""
    today = clock.today()
    for prefix in SNOOZERS:
        user = users.get(prefix)
        if user is None:
            continue
        item = next((i for i in reversed(gather.due_for(user.id, today)) if inbox.can_snooze(i, today)), None)
        if item is not None:
            first, last = inbox.snooze_bounds(item, today)
            inbox.snooze(user, item.key, min(last, first + (last - first) // 2), today)
