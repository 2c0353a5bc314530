"""Stored moments come back aware and in UTC on each backend, and a naive one never reaches the database."""
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.org.models import Department
from tests.factories import make_department

PACIFIC = timezone(timedelta(hours=-8))


def test_a_stored_time_comes_back_aware_in_utc(app):
    dept = make_department("CS")
    dept.archived_at = datetime(2026, 11, 30, 17, 45, tzinfo=PACIFIC)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Department, dept.id)
    assert stored.archived_at == datetime(2026, 12, 1, 1, 45, tzinfo=UTC) and stored.archived_at.tzinfo is UTC
    assert stored.created_at.tzinfo is UTC  # the mixin's default, too
    raw = db.session.execute(sa.text("SELECT archived_at FROM departments WHERE id = :id"), {"id": dept.id}).scalar()
    assert str(raw).startswith("2026-12-01 01:45:00")  # the column keeps naive UTC: no migration was needed
    found = db.session.scalars(sa.select(Department.id).where(
        Department.archived_at > datetime(2026, 12, 1, 9, 44, tzinfo=timezone(timedelta(hours=8))))).all()
    assert found == [dept.id]


def test_a_naive_time_is_refused_and_nothing_is_written(app):
    dept = make_department("CS")
    dept.archived_at = datetime(2026, 12, 1, 9, 30)
    with pytest.raises(sa.exc.StatementError, match="naive"):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(sa.select(Department.archived_at).where(Department.id == dept.id)) is None
