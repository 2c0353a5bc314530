"""`flask --app wsgi cxgov export|import|backup-sqlite`: the backup commands (see README, "Backup and restore")."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import click

from cxgov.backup import codec
from cxgov.cli import cxgov_cli
from cxgov.extensions import db

OUT = click.Path(dir_okay=False, writable=True, path_type=Path)


@cxgov_cli.command("export")
@click.option("--out", type=OUT, required=True, help="JSON file to write (replaced when complete).")
def export_command(out: Path) -> None:
    """Write every table to one JSON file (a consistent snapshot; the app may keep serving)."""
    from cxgov.backup.dump import export

    started = time.perf_counter()
    try:
        header = export(out, click.echo)
    except codec.BackupError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:  # a full disk, a folder one may not write in
        raise click.ClickException(f"cannot write {out}: {error.strerror}") from None
    total = sum(table.rows for table in header.tables)
    click.echo(f"Exported {total:,} rows of {len(header.tables)} tables at migration {header.alembic_revision} "
               f"to {out} in {time.perf_counter() - started:.1f} s.")


@cxgov_cli.command("import")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(backup: Path) -> None:
    """Load a backup made by `cxgov export` into an empty database migrated to the same revision."""
    from cxgov.backup.load import restore

    started = time.perf_counter()
    try:
        header = restore(backup, click.echo)
    except codec.BackupError as error:
        raise click.ClickException(f"{error}. Nothing was imported.") from None
    total = sum(table.rows for table in header.tables)
    click.echo(f"Imported {total:,} rows of {len(header.tables)} tables (exported {header.created_at} from "
               f"{header.database}) in {time.perf_counter() - started:.1f} s.")


@cxgov_cli.command("backup-sqlite")
@click.option("--out", type=OUT, required=True, help="SQLite file to write; must not exist yet.")
def backup_sqlite(out: Path) -> None:
    """Copy the SQLite database with SQLite's online backup, safe while the app serves."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise click.ClickException("backup-sqlite copies SQLite databases only; on PostgreSQL use pg_dump "
                                   "(see README, 'Backup and restore') or `cxgov export`")
    if not url.database or url.database == ":memory:":
        raise click.ClickException("the database is in memory: nothing to copy to a file")
    if out.exists():
        raise click.ClickException(f"{out} already exists: give a new file")
    started = time.perf_counter()
    source = sqlite3.connect(url.database)
    target = sqlite3.connect(out)
    try:
        with target:
            # One step: a read transaction on the WAL database, so writers go on and the copy is one moment's
            # (copied in steps, every write by the app would restart the copy).
            source.backup(target)
        pages = target.execute("PRAGMA page_count").fetchone()[0]
        check = target.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        target.close()
        source.close()
    if check != "ok":
        out.unlink()
        raise click.ClickException(f"the copy failed SQLite's check ({check}); nothing kept")
    click.echo(f"Copied {url.database} to {out}: {pages:,} pages in {time.perf_counter() - started:.1f} s.")
