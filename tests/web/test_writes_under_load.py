"""bench.writes, short: gunicorn with two workers, four concurrent writers for a few seconds, on each backend.

Guards the README's claims: no 5xx, every acknowledged write stored, stale writes refused, and after kill -9 of
every app process mid-write the database opens cleanly with every acknowledged write in it. One run a backend
does both (writers before and after the kill), as starting gunicorn is most of its time. The longer runs whose
figures the README quotes are `python -m bench.writes --postgres` and `python -m bench.writes --crash --postgres`.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from bench import writes

pytestmark = pytest.mark.xdist_group("writes_under_load")


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path: Path):
    """(backend, URL) of a new, empty database: an SQLite file, or a database created on the suite's server."""
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'writes.sqlite'}"
        return
    server = sa.engine.make_url(request.getfixturevalue("postgres_url"))
    name = f"writes_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    yield "postgresql", server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def test_concurrent_writers_and_kill_9_lose_no_acknowledged_write(empty_database, tmp_path):
    backend, url = empty_database
    args = writes.arguments(["--seconds", "6", "--clients", "4", "--workers", "2", "--crash", "--crashes", "1"])
    figures, failures = writes.run_backend(backend, url, args, tmp_path)
    # failures lists every 5xx, acknowledged write missing, stale write saved and failed integrity check
    assert failures == []
    assert figures["errors_5xx"] == 0 and figures["refused_other"] == 0
    assert figures["ack_targets"] > 0 and figures["ack_progress"] > 0 and figures["ack_answers"] > 0
    assert figures["targets_found"] == figures["ack_targets"]
    assert figures["rows_found"] == figures["ack_progress"] + figures["ack_answers"]
    assert figures["stale_refused"] + figures["unanswered"] >= figures["stale_sent"] > 0
    assert figures["crashes"] == 1 and figures["processes_killed"] == 3  # the master and its two workers
    assert figures["integrity"] == "ok, ok"  # after the kill, and at the end
