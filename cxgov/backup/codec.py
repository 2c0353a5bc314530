"""The backup file's format: which tables, how each column's values are written, and the per-table checksum.

A value is written as JSON the same way whichever database it was read from: binary as base64, dates and
moments as ISO 8601 (moments in UTC), floats as JSON numbers, JSON columns as they are. A table's checksum is the
sum, modulo 2^256, of the SHA-256 of each row's canonical JSON: it does not depend on the order the rows are read
in (PostgreSQL and SQLite sort text differently), and is computed while streaming, a row at a time.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field

from cxgov.extensions import db

FORMAT = "cxgov-backup"
FORMAT_VERSION = 1
MODULUS = 2**256


class BackupError(Exception):
    """What is wrong with a backup file or the database it goes into, in words for the operator."""


class TableHeader(BaseModel):
    """One table of the file: its columns (in the order of each row's values), rows and checksum."""

    model_config = ConfigDict(extra="forbid")
    name: str
    columns: list[str]
    rows: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Header(BaseModel):
    """The file's header, written before its rows."""

    model_config = ConfigDict(extra="forbid")
    format: str
    format_version: int
    alembic_revision: str
    created_at: str
    database: str
    tables: list[TableHeader]


def tables(connection: sa.Connection) -> list[sa.Table]:
    """Every table the migrations created, parents before children (the models' foreign-key order).

    A table the database has but the models do not know is refused: it could not be restored.
    """
    existing = set(sa.inspect(connection).get_table_names()) - {"alembic_version"}
    unknown = existing - set(db.metadata.tables)
    if unknown:
        raise BackupError(f"the database has tables this version of cxgov does not know: {', '.join(sorted(unknown))}")
    return [table for table in db.metadata.sorted_tables if table.name in existing]


def revision(connection: sa.Connection) -> str | None:
    """The database's alembic revision, or None when it was never migrated."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.scalar(sa.text("SELECT version_num FROM alembic_version"))


def _kind(column: sa.Column) -> str:
    """How a column's values are written: binary, datetime, date, time, float, json or plain."""
    column_type = column.type
    for kind, types in (("binary", sa.LargeBinary), ("json", sa.JSON), ("datetime", sa.DateTime),
                        ("date", sa.Date), ("time", sa.Time), ("float", sa.Float), ("decimal", sa.Numeric)):
        impl = getattr(column_type, "impl", column_type)  # a TypeDecorator such as UTCDateTime
        if isinstance(impl, types):
            return kind
    return "plain"


def kinds(table: sa.Table) -> list[str]:
    """The kind of each of a table's columns, in column order."""
    return [_kind(column) for column in table.columns]


def encode(kind: str, value: Any) -> Any:
    """A value read from the database as JSON."""
    if value is None:
        return None
    if kind == "binary":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind in ("datetime", "date", "time"):
        return value.isoformat()
    if kind == "decimal":
        return str(value)
    if kind == "float":
        return float(value)
    return value


_PARSE = {"datetime": datetime.fromisoformat, "date": date.fromisoformat, "time": time.fromisoformat}


def decode(kind: str, value: Any) -> Any:
    """A value of the file as the database column takes it; ValueError when it is not one."""
    if value is None:
        return None
    try:
        if kind == "binary":
            return base64.b64decode(value, validate=True)
        if kind in _PARSE:
            return _PARSE[kind](value)
        if kind == "decimal":
            from decimal import Decimal

            return Decimal(value)
        if kind == "float":
            return float(value)
    except (TypeError, ValueError, binascii.Error, ArithmeticError) as error:
        raise ValueError(f"{value!r} is not a {kind} value") from error
    return value


def row_digest(values: list) -> int:
    """The SHA-256 of a row's values (as written in the file), as a number."""
    canonical = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return int.from_bytes(hashlib.sha256(canonical.encode("utf-8")).digest(), "big")


class Tally:
    """A table's running row count and checksum."""

    def __init__(self) -> None:
        self.rows = 0
        self.total = 0

    def add(self, values: list) -> None:
        """Count one row."""
        self.rows += 1
        self.total = (self.total + row_digest(values)) % MODULUS

    @property
    def sha256(self) -> str:
        """The checksum as 64 hex digits."""
        return f"{self.total:064x}"
