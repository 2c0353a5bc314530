"""UTCDateTime: the column type of every stored moment refuses naive datetimes and reads back aware UTC."""
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from cxgov.models_base import UTCDateTime, utcnow

SHANGHAI_OFFSET = timezone(timedelta(hours=8))


@pytest.fixture
def table():
    """One UTCDateTime column in an in-memory SQLite database: the type is exercised by a real bind and fetch."""
    engine = sa.create_engine("sqlite://")
    metadata = sa.MetaData()
    moments = sa.Table("moments", metadata, sa.Column("id", sa.Integer, primary_key=True),
                       sa.Column("at", UTCDateTime))
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection, moments
    engine.dispose()


def test_a_naive_datetime_is_refused_when_bound(table):
    connection, moments = table
    with pytest.raises(sa.exc.StatementError, match="naive"):
        connection.execute(moments.insert().values(at=datetime(2026, 12, 1, 9, 30)))
    with pytest.raises(sa.exc.StatementError, match="naive"):  # in a comparison too, not only in a write
        connection.execute(sa.select(moments).where(moments.c.at < datetime(2026, 12, 1))).all()


def test_the_type_names_the_rule_when_it_refuses():
    with pytest.raises(ValueError, match=r"refuses the naive datetime 2026-12-01T09:30:00.*aware"):
        UTCDateTime().process_bind_param(datetime(2026, 12, 1, 9, 30), None)
    with pytest.raises(TypeError):
        UTCDateTime().process_bind_param("2026-12-01 09:30", None)


def test_an_aware_time_in_another_zone_is_stored_as_the_same_instant_in_utc(table):
    connection, moments = table
    in_shanghai = datetime(2026, 12, 1, 8, 30, tzinfo=SHANGHAI_OFFSET)
    connection.execute(moments.insert().values(id=1, at=in_shanghai))
    stored = connection.execute(sa.text("SELECT at FROM moments WHERE id = 1")).scalar_one()
    assert stored.startswith("2026-12-01 00:30:00")  # the column holds UTC, with no offset, as before
    read = connection.execute(sa.select(moments.c.at)).scalar_one()
    assert read == in_shanghai and read.tzinfo is UTC and read.hour == 0


def test_comparisons_bind_through_the_type(table):
    connection, moments = table
    connection.execute(moments.insert().values(id=1, at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC)))
    just_after = datetime(2026, 12, 1, 8, 31, tzinfo=SHANGHAI_OFFSET)
    assert connection.execute(sa.select(moments.c.id).where(moments.c.at < just_after)).scalars().all() == [1]
    assert connection.execute(sa.select(moments.c.id).where(moments.c.at > just_after)).scalars().all() == []


def test_none_stays_none_and_utcnow_is_aware_utc(table):
    connection, moments = table
    connection.execute(moments.insert().values(id=1, at=None))
    assert connection.execute(sa.select(moments.c.at)).scalar_one() is None
    assert utcnow().tzinfo is UTC
