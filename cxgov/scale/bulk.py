"""Bulk writing for the large demo: rows as plain dicts, inserted with SQLAlchemy Core in chunks.

The generator hands out ids itself (so rows can point at each other before they are written); on PostgreSQL the
id sequences are moved past them afterwards, so the app's own inserts do not collide.
"""
from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from cxgov.extensions import db

CHUNK = 5000


class Writer:
    """Hands out ids per table and inserts rows in chunks, counting what it wrote."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._next: dict[str, int] = {}

    def ids(self, table: sa.Table, how_many: int) -> range:
        """The next `how_many` free ids of a table."""
        start = self._next.get(table.name)
        if start is None:
            start = (db.session.scalar(sa.select(sa.func.max(table.c.id))) or 0) + 1
        self._next[table.name] = start + how_many
        return range(start, start + how_many)

    def next_id(self, table: sa.Table) -> int:
        """One free id of a table."""
        return self.ids(table, 1)[0]

    def insert(self, table: sa.Table, rows: list[dict]) -> None:
        """Insert the rows in chunks (rows of one call share their keys)."""
        for start in range(0, len(rows), CHUNK):
            db.session.execute(table.insert(), rows[start:start + CHUNK])
        self.counts[table.name] += len(rows)

    def move_sequences(self) -> None:
        """On PostgreSQL, move each id sequence past the ids handed out here."""
        if db.engine.dialect.name != "postgresql":
            return
        for name, next_id in self._next.items():
            db.session.execute(sa.text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, false)"),
                               {"t": name, "v": next_id})


def table(model) -> sa.Table:
    """The Core table of a model."""
    return model.__table__
