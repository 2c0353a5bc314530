"""Read a backup file into an empty database at the same migration, in one transaction: all of it or nothing.

The file is read twice, a row at a time (ijson): once for its header, then for its rows. Every refusal comes
before anything is written, or rolls the one transaction back: a checksum or a count that does not match, a
row that does not fit, a file cut short.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import ijson
import pydantic
import sqlalchemy as sa

from cxgov.backup import codec
from cxgov.extensions import db

BATCH = 500  # rows inserted per statement batch


def read_header(path: Path) -> codec.Header:
    """The file's header, checked; BackupError when the file is not a cxgov backup this version reads."""
    try:
        with path.open("rb") as file:
            found = next(ijson.items(file, "header"), None)
    except OSError as error:
        raise codec.BackupError(f"cannot read {path}: {error.strerror}") from None
    except ijson.JSONError as error:
        raise codec.BackupError(f"{path} is not JSON: {_first_line(error)}") from None
    if not isinstance(found, dict) or found.get("format") != codec.FORMAT:
        raise codec.BackupError(f"{path} is not a cxgov backup (no header with format {codec.FORMAT!r})")
    if found.get("format_version") != codec.FORMAT_VERSION:
        raise codec.BackupError(f"{path} has format version {found.get('format_version')!r}; this version of "
                                f"cxgov reads version {codec.FORMAT_VERSION}")
    try:
        return codec.Header.model_validate(found)
    except pydantic.ValidationError as error:
        raise codec.BackupError(f"{path} has a damaged header: {error.errors()[0]['msg']} "
                                f"at {'.'.join(map(str, error.errors()[0]['loc']))}") from None


def restore(path: Path, echo: Callable[[str], None] = print) -> codec.Header:
    """Import the backup at `path`; its header. Raises BackupError, having written nothing, when it cannot."""
    header = read_header(path)
    with db.engine.connect() as connection:
        tables = _check_target(connection, header)
        try:
            with connection.begin():
                _insert_all(connection, path, header, tables)
                if connection.dialect.name == "postgresql":
                    _reset_sequences(connection, tables.values())
        except ijson.JSONError as error:
            raise codec.BackupError(f"{path} is damaged or cut short: {_first_line(error)}") from None
        except sa.exc.DBAPIError as error:
            raise codec.BackupError(f"the database refused a row: {str(error.orig).strip().rstrip('.')}") from None
    for table in header.tables:
        echo(f"{table.name}: {table.rows:,}")
    return header


def _check_target(connection: sa.Connection, header: codec.Header) -> dict[str, sa.Table]:
    """The tables to fill, once the database is migrated to the file's revision, empty, and of the same shape."""
    found = codec.revision(connection)
    if found is None:
        raise codec.BackupError("the database has not been migrated: run `flask --app wsgi db upgrade` first")
    if found != header.alembic_revision:
        raise codec.BackupError(f"the backup was made at migration {header.alembic_revision} but the database is at "
                                f"{found}: import into a database migrated to {header.alembic_revision}")
    tables = {table.name: table for table in codec.tables(connection)}
    described = {table.name: table.columns for table in header.tables}
    if set(described) != set(tables):
        raise codec.BackupError(f"the backup's tables differ from the database's: "
                                f"{', '.join(sorted(set(described) ^ set(tables)))}")
    for name, columns in described.items():
        if columns != [column.name for column in tables[name].columns]:
            raise codec.BackupError(f"the backup's columns of {name} differ from the database's")
    filled = [name for name, table in tables.items() if connection.scalar(sa.select(sa.exists().select_from(table)))]
    connection.rollback()
    if filled:
        more = f" and {len(filled) - 3} more" if len(filled) > 3 else ""
        raise codec.BackupError(f"the database is not empty ({', '.join(filled[:3])}{more} have rows): import only "
                                "into an empty, migrated database")
    return tables


def _first_line(error: Exception) -> str:
    """The parser's message without its multi-line picture of where."""
    return str(error).strip().splitlines()[0].rstrip(".")


def _rows(path: Path) -> Iterator[tuple[str, list]]:
    """The file's rows as (table, values), one at a time."""
    with path.open("rb") as file:
        for item in ijson.items(file, "rows.item", use_float=True):
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
                    and isinstance(item[1], list)):
                raise codec.BackupError(f"{path} has a row that is not [table, [values]]")
            yield item[0], item[1]


def _insert_all(connection: sa.Connection, path: Path, header: codec.Header, tables: dict[str, sa.Table]) -> None:
    """Insert the rows table by table in the header's order, checking each table's count and checksum."""
    order = {table.name: index for index, table in enumerate(header.tables)}
    loader: _TableLoader | None = None
    finished: list[_TableLoader] = []
    seen: set[str] = set()
    for name, values in _rows(path):
        if loader is None or name != loader.header.name:
            if name not in tables or name in seen or (loader and order[name] < order[loader.header.name]):
                raise codec.BackupError(f"{path} has rows of {name!r} out of place")
            if loader:
                finished.append(loader.finish())
            loader = _TableLoader(connection, header.tables[order[name]], tables[name])
            seen.add(name)
        loader.add(values)
    if loader:
        finished.append(loader.finish())
    missing = [table.name for table in header.tables if table.rows and table.name not in seen]
    if missing:
        raise codec.BackupError(f"{path} is missing the rows of {', '.join(missing)}")
    for done in finished:  # every row is in: references to later rows and tables can be set
        done.set_held()


class _TableLoader:
    """One table's rows: decoded, counted, inserted in batches; self-references to later rows set afterwards."""

    def __init__(self, connection: sa.Connection, header: codec.TableHeader, table: sa.Table) -> None:
        self.connection, self.header, self.table = connection, header, table
        self.kinds = codec.kinds(table)
        self.names = [column.name for column in table.columns]
        self.tally, self.batch, self.later = codec.Tally(), [], []
        self.key = [column.name for column in table.primary_key.columns]
        self.deferred = _deferred_columns(table)

    def add(self, values: list) -> None:
        """Take one row of the file."""
        if len(values) != len(self.names):
            raise codec.BackupError(f"row {self.tally.rows + 1} of {self.header.name} has {len(values)} values, "
                                    f"not {len(self.names)}")
        self.tally.add(values)
        try:
            row = {name: codec.decode(kind, value)
                   for name, kind, value in zip(self.names, self.kinds, values, strict=True)}
        except ValueError as error:
            raise codec.BackupError(f"row {self.tally.rows} of {self.header.name}: {error}") from None
        held = {name: row[name] for name, always in self.deferred.items()
                if row[name] is not None and (always or not _earlier(row, name))}
        if held:
            row.update(dict.fromkeys(held))
            kept = {column.name: row[column.name] for column in self.table.columns if column.onupdate}
            self.later.append(({name: row[name] for name in self.key}, held | kept))  # no onupdate stamp
        self.batch.append(row)
        if len(self.batch) >= BATCH:
            self._flush()

    def finish(self) -> _TableLoader:
        """Insert what is left and check the count and checksum against the header."""
        self._flush()
        if self.tally.rows != self.header.rows or self.tally.sha256 != self.header.sha256:
            raise codec.BackupError(f"{self.header.name} does not match its checksum or count in the header "
                                    f"({self.tally.rows:,} rows read, {self.header.rows:,} expected): the file "
                                    "was changed or damaged")
        return self

    def set_held(self) -> None:
        """Set the references held back from the inserts, once every row is in."""
        for key, held in self.later:
            condition = sa.and_(*(self.table.c[name] == value for name, value in key.items()))
            self.connection.execute(self.table.update().where(condition).values(held))

    def _flush(self) -> None:
        if self.batch:
            self.connection.execute(self.table.insert(), self.batch)
            self.batch = []


def _deferred_columns(table: sa.Table) -> dict[str, bool]:
    """Columns whose reference may point at a row not inserted yet: cyclic ones (use_alter: always set afterwards)
    and self-references (set afterwards when they point at a later row)."""
    return {element.parent.name: constraint.use_alter for constraint in table.foreign_key_constraints
            for element in constraint.elements if constraint.use_alter or element.column.table is table}


def _earlier(row: dict, name: str) -> bool:
    """True when a self-reference points at a row already inserted (rows come in id order)."""
    target = row[name]
    return "id" in row and isinstance(target, int) and isinstance(row["id"], int) and target < row["id"]


def _reset_sequences(connection: sa.Connection, tables) -> None:
    """On PostgreSQL, move each id sequence past the imported ids, so new rows get fresh ones."""
    for table in tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and isinstance(column.type, sa.Integer)
                                                and len(table.primary_key.columns) == 1):
                connection.execute(sa.text(  # names from the migrated schema's metadata, never from the file
                    f"SELECT setval(pg_get_serial_sequence(:table, :column), COALESCE(MAX({column.name}), 1), "  # nosec B608
                    f"MAX({column.name}) IS NOT NULL) FROM {table.name}"), {"table": table.name, "column": column.name})
