"""The data the benchmark reads: SQLite files checked and copied (never written), a throw-away PostgreSQL."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.pages import BenchError

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "instance" / "bench"
SCALES = {"small": [], "large": ["--scale", "large"]}


def check_sqlite(path: Path) -> None:
    """A readable SQLite file holding a loaded cxgov company, else a BenchError saying what is wrong."""
    if not path.is_file():
        raise BenchError(f"{path}: no such data file")
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise BenchError(f"{path}: not an SQLite database" if path.stat().st_size else f"{path}: empty file")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "users" not in tables:
            raise BenchError(f"{path}: an empty database (no cxgov tables): load the demo into it first")
        if not connection.execute("SELECT count(*) FROM users").fetchone()[0]:
            raise BenchError(f"{path}: an empty database (no users): load the demo into it first")


def copy_sqlite(path: Path, folder: Path, name: str) -> Path:
    """A private copy to measure on: pages write (they close due months), the original stays as it was."""
    check_sqlite(path)
    target = folder / f"{name}.sqlite"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def _flask(database_url: str, *args: str) -> None:
    """Run a cxgov command on a database; its failure is a BenchError with its output."""
    env = {**os.environ, "CXGOV_DATABASE_URL": database_url}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-6:])
        raise BenchError(f"flask {' '.join(args)} failed:\n{tail}")


def load_demo(database_url: str, scale: str) -> float:
    """Migrate an empty database and load the demo at a scale; the seconds the load took."""
    _flask(database_url, "db", "upgrade")
    started = time.perf_counter()
    _flask(database_url, "cxgov", "demo", *SCALES[scale])
    return time.perf_counter() - started


def cached_sqlite(scale: str) -> Path:
    """instance/bench/<scale>.sqlite, loaded once with the demo command (into a temporary name first)."""
    path = CACHE / f"{scale}.sqlite"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    print(f"loading the {scale} demo into {path} (once)…", file=sys.stderr)
    try:
        load_demo(f"sqlite:///{partial}", scale)
    except BenchError:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(path)
    return path


def start_postgres():
    """A throw-away PostgreSQL server, started the way the test suite starts one."""
    sys.path.insert(0, str(ROOT))
    from tests.pgserver import PostgresServer

    server = PostgresServer()
    try:
        server.start()
    except Exception as error:  # initdb missing, port taken: say so instead of a traceback
        server.stop()
        raise BenchError(f"PostgreSQL did not start: {error}") from error
    return server


def migrate(database_url: str) -> None:
    """Bring a copy to the code's migration head, so indexes added since it was generated count."""
    _flask(database_url, "db", "upgrade")
