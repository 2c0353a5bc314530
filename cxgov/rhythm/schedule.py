"""The rhythm on the task queue, without cron: every few minutes the consumer asks which jobs are due.

`make run` starts the Huey consumer (scripts/serve.sh), which runs `tick` every five minutes. A job runs once a
day after its time in the organisation's zone (`runs.JOBS`); if the consumer was down at that time, the next tick
catches up. Each job is also a CLI command, for operators who prefer cron (see cxgov/rhythm/commands.py).

Several consumers on one queue (CXGOV_REDIS_URL) each put a tick on it every five minutes, and their ticks may run
at the same moment: a tick first takes a lock in Redis (cxgov.tasks.only_one), and a tick that finds it taken does
nothing, so each job runs once a day however many consumers run (tests/web/test_several_instances.py).
"""
from __future__ import annotations

from huey import crontab

from cxgov.tasks import app_context, huey, only_one

TICK_LOCK = "rhythm-tick"
TICK_LOCK_SECONDS = 30 * 60  # a consumer killed during a tick holds the lock this long at most


@huey.periodic_task(crontab(minute="*/5"))
def tick() -> list[str]:
    """Run every job whose time has come today and that has not run well yet; retry chat deliveries whose
    scheduled retry was lost from the queue (a restart of the consumer). Nothing while another tick runs."""
    from cxgov.rhythm import chat

    with only_one(TICK_LOCK, TICK_LOCK_SECONDS) as mine:
        if not mine:
            return []
        with app_context():
            ran = run_due()
            chat.retry_due()
            return ran


@huey.task()
def run_job(name: str, trigger: str = "admin") -> None:
    """One job now (the admin's "run now"), logged like a scheduled run."""
    from cxgov.rhythm import runs

    with app_context():
        runs.run(name, trigger=trigger)


def run_due() -> list[str]:
    """The scheduler's step: run today's due jobs, in their order; the names it ran."""
    from cxgov.rhythm import runs

    names = runs.due_now()
    for name in names:
        runs.run(name, trigger="schedule")
    return names
