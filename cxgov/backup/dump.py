"""Write every table to one JSON file, a row at a time, from one consistent snapshot of the database.

The rows go to a scratch file first (their counts and checksums are known only once read); the final file is
the header followed by those rows, renamed into place when complete, so an interrupted export leaves no file
that looks whole.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from cxgov import clock
from cxgov.backup import codec
from cxgov.extensions import db

BATCH = 1000  # rows fetched from the database at a time


def export(out: Path, echo: Callable[[str], None] = print) -> codec.Header:
    """Write the backup of the whole database to `out`; its header."""
    out = out.resolve()
    if not out.parent.is_dir():
        raise codec.BackupError(f"{out.parent} is not a folder: create it first")
    with _snapshot() as connection, tempfile.TemporaryFile("w+", encoding="utf-8", dir=out.parent) as scratch:
        rows = _Rows(scratch)
        revision = codec.revision(connection)
        if revision is None:
            raise codec.BackupError("the database has not been migrated (no alembic_version table)")
        tables = [_write_table(connection, table, rows) for table in codec.tables(connection)]
        header = codec.Header(format=codec.FORMAT, format_version=codec.FORMAT_VERSION, alembic_revision=revision,
                              created_at=clock.now().isoformat(), database=connection.dialect.name, tables=tables)
        scratch.seek(0)
        partial = out.with_name(out.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8") as target:
                target.write('{"header": ' + header.model_dump_json() + ',\n"rows": [\n')
                shutil.copyfileobj(scratch, target)
                target.write("]}\n")
                target.flush()
                os.fsync(target.fileno())
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
    for table in header.tables:
        echo(f"{table.name}: {table.rows:,}")
    return header


class _Rows:
    """The scratch file of rows, each `[table, [values…]]` on a line, separated by commas."""

    def __init__(self, file) -> None:
        self.file, self.started = file, False

    def write(self, text: str) -> None:
        """Append text."""
        self.file.write(text)


class _snapshot:
    """A connection that reads every table as of one moment, while the app goes on writing."""

    def __enter__(self) -> sa.Connection:
        engine = db.engine
        if engine.dialect.name == "postgresql":
            self.connection = engine.connect().execution_options(isolation_level="REPEATABLE READ")
            self.connection.exec_driver_sql("SET TRANSACTION READ ONLY")
        else:
            self.connection = engine.connect()
            # pysqlite begins transactions only before writes: without BEGIN each SELECT would see its own moment.
            self.connection.exec_driver_sql("BEGIN")
        return self.connection

    def __exit__(self, *_exc) -> None:
        self.connection.rollback()
        self.connection.close()


def _write_table(connection: sa.Connection, table: sa.Table, rows) -> codec.TableHeader:
    """Append a table's rows to the scratch file (ordered by primary key), counting them as they go."""
    kinds = codec.kinds(table)
    tally = codec.Tally()
    query = sa.select(*table.columns).order_by(*table.primary_key.columns)
    result = connection.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for row in result:
        values = [codec.encode(kind, value) for kind, value in zip(kinds, row, strict=True)]
        tally.add(values)
        rows.write(("," if rows.started else "") + json.dumps([table.name, values], ensure_ascii=False) + "\n")
        rows.started = True
    return codec.TableHeader(name=table.name, columns=[column.name for column in table.columns], rows=tally.rows,
                             sha256=tally.sha256)
