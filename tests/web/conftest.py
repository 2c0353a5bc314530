"""Fixtures shared by the web tests."""
from datetime import date

import pytest


@pytest.fixture
def on_day(monkeypatch):
    """Set the rotation's today: on_day(date(2027, 1, 1))."""

    def set_day(day: date) -> None:
        monkeypatch.setattr("cxgov.clock.today", lambda: day)

    return set_day


@pytest.fixture
def worker_queue(monkeypatch):
    """The task queue as in production: a queued task waits for the worker instead of running in the request.

    Run what waits with `run_queued(worker_queue)`. The queue is kept in memory, one per test."""
    from huey.storage import MemoryStorage

    from cxgov.tasks import huey

    monkeypatch.setattr(huey, "_immediate", False)
    monkeypatch.setattr(huey, "storage", MemoryStorage("tests"))
    return huey


def run_queued(huey) -> int:
    """Be the worker: run every waiting task; how many ran."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran
