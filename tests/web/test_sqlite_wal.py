"""SQLite runs in WAL mode with a busy timeout: readers never wait, a second writer waits instead of failing."""
import threading
import time

import pytest
import sqlalchemy as sa

from cxgov.extensions import SQLITE_BUSY_TIMEOUT_MS, db

INSERT = ("INSERT INTO departments (code, name_en, name_zh, kind, version, created_at, updated_at) "
          "VALUES (?, 'D', 'D', 'support', 1, '2026-12-03 00:00:00', '2026-12-03 00:00:00')")


@pytest.fixture
def sqlite_engine(app):
    """The app's engine, on the SQLite backend only (PostgreSQL has neither setting)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    return db.engine


def test_a_new_connection_is_in_wal_mode_with_a_busy_timeout(sqlite_engine):
    engine = sa.create_engine(sqlite_engine.url)  # its own pool: a connection opened now, not a reused one
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS > 0
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_a_second_writer_waits_for_the_first_instead_of_failing(sqlite_engine):
    db.session.commit()  # the test's own session holds no lock
    holding, done = threading.Event(), []

    def first_writer():
        with sqlite_engine.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, held for half a second
            connection.exec_driver_sql(INSERT, ("W1",))
            holding.set()
            time.sleep(0.5)
            connection.exec_driver_sql("COMMIT")

    thread = threading.Thread(target=first_writer)
    thread.start()
    holding.wait(5)
    started = time.monotonic()
    with sqlite_engine.begin() as connection:  # would raise "database is locked" without the busy timeout
        connection.exec_driver_sql(INSERT, ("W2",))
        done.append(time.monotonic() - started)
    thread.join()
    with sqlite_engine.connect() as connection:
        codes = connection.execute(sa.text("SELECT code FROM departments ORDER BY code")).scalars().all()
    assert codes == ["W1", "W2"] and done[0] >= 0.3


@pytest.mark.parametrize("round_", [1, 2])  # the second runs after the suite emptied the tables once more
def test_foreign_keys_are_enforced_in_every_test_not_only_the_first(sqlite_engine, round_):
    # The suite empties the tables between tests with the checks off; turning them back on inside a
    # transaction did nothing, and every later test ran on a pooled connection without them.
    assert db.session.scalar(sa.text("PRAGMA foreign_keys")) == 1
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.text("INSERT INTO users (id, email, name, password_hash, department_id, job_title, "
                                   "locale, active, session_token, version, created_at, updated_at) VALUES (1, "
                                   "'x@example.com', 'X', '', 999, '', 'en', 1, 't', 1, '2026-12-03', '2026-12-03')"))
    db.session.rollback()
