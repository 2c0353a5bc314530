"""In-process measurements with Flask's test client: median server time and SQL statements per page."""
from __future__ import annotations

import contextlib
import gc
import statistics
import time
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask

from bench.pages import Page
from cxgov.extensions import db


def signed_in_client(app: Flask, user_id: int):
    """A test client whose session belongs to the user, as after signing in (no password needed)."""
    from cxgov.auth.session import now_seconds

    with app.app_context():
        user = db.session.get(_user_model(), user_id)
        user.signed_in_at = now_seconds()  # a sign-in starting now, as the sign-in form records it
        session_id = user.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
    return client


def _user_model():
    """The User model (imported late: the app must exist first)."""
    from cxgov.auth.models import User

    return User


WRITES = ("INSERT", "UPDATE", "DELETE")


class StatementCounter:
    """Counts the SQL statements sent to the app's engine while it listens, and those that write."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine, self.count, self.writes = engine, 0, 0

    def _seen(self, _connection, _cursor, statement: str, *_args) -> None:
        """One more statement."""
        self.count += 1
        self.writes += statement.lstrip().upper().startswith(WRITES)

    @contextmanager
    def listening(self):
        """Count statements inside the block."""
        sa.event.listen(self.engine, "before_cursor_execute", self._seen)
        try:
            yield self
        finally:
            sa.event.remove(self.engine, "before_cursor_execute", self._seen)


def timed_get(client, url: str, counter: StatementCounter) -> tuple[float, int, int, int]:
    """One GET: seconds, status, SQL statements, response bytes."""
    before = counter.count
    started = time.perf_counter()
    response = client.get(url, headers={"Accept-Language": "en"})
    body = response.get_data()
    elapsed = time.perf_counter() - started
    return elapsed, response.status_code, counter.count - before, len(body)


class Size:
    """One data size under measurement: its app, pages, signed-in clients and statement counter."""

    def __init__(self, app: Flask, pages: list[Page], people: dict[str, int]) -> None:
        self.app, self.pages = app, {page.key: page for page in pages}
        self.clients = {role: signed_in_client(app, user_id) for role, user_id in people.items()}
        with app.app_context():
            self.counter = StatementCounter(db.engine)

    def get(self, key: str) -> tuple[float, int, int, int]:
        """One timed request of a page, by the person of its role."""
        page = self.pages[key]
        return timed_get(self.clients[page.role], page.url, self.counter)


def _figures(runs: list[tuple], warm_status: int, writes: int) -> dict:
    """Median and spread of a page's runs; the statements are those of the last request."""
    times = [run[0] for run in runs]
    return {"median_ms": round(statistics.median(times) * 1000, 1), "min_ms": round(min(times) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1), "runs": len(runs), "queries": runs[-1][2],
            "queries_varied": len({run[2] for run in runs}) > 1, "writes": writes,
            "status": sorted({warm_status, *(run[1] for run in runs)}), "bytes": runs[-1][3]}


def measure_side_by_side(sizes: dict[str, Size], keys: list[str], repeats: int) -> dict[str, dict[str, dict]]:
    """Each page at every size, requests alternating between sizes so both see the same machine load.

    A page is warmed up once per size, then requested `repeats` times per size in turn. Writes count every
    INSERT, UPDATE or DELETE of all its requests, the warm-up included.
    """
    figures: dict[str, dict[str, dict]] = {name: {} for name in sizes}
    for key in keys:
        writes = {name: size.counter.writes for name, size in sizes.items()}
        warm = {name: size.get(key)[1] for name, size in sizes.items()}
        gc.collect()  # the previous page's garbage is not billed to this one
        runs: dict[str, list] = {name: [] for name in sizes}
        for _ in range(repeats):
            for name, size in sizes.items():
                runs[name].append(size.get(key))
        for name, size in sizes.items():
            figures[name][key] = _figures(runs[name], warm[name], size.counter.writes - writes[name])
    return figures


@contextmanager
def listening(sizes: dict[str, Size]):
    """Count statements on every size's engine inside the block."""
    with contextlib.ExitStack() as stack:
        for size in sizes.values():
            stack.enter_context(size.counter.listening())
        yield


def measure_pages(app: Flask, pages: list[Page], people: dict[str, int], repeats: int) -> dict[str, dict]:
    """Each page's figures at one size, keyed by page key (the smoke test's entry)."""
    sizes = {"only": Size(app, pages, people)}
    with listening(sizes):
        return measure_side_by_side(sizes, [page.key for page in pages], repeats)["only"]
