"""Concurrent writers under gunicorn, and kill -9 while they write: is every acknowledged write stored?

    .venv/bin/python -m bench.writes [--postgres] [--seconds N] [--clients N] [--workers N] [--crash [--crashes N]]

On a fresh SQLite file (WAL) and, with --postgres, a throw-away PostgreSQL server (or the empty database of
--postgres-url), the app runs under gunicorn while clients edit targets (page and API, with versions, a share
deliberately stale), post progress (API and page) and save draft answers. With --crash every app process is
killed with SIGKILL at a random moment, the database's integrity is checked and the app restarted, --crashes
times. Then the database is held against every answer the clients got (bench/writes_check.py). Prints a table;
exits 1 when anything failed (a 5xx, a lost or stale write saved, a damaged database). See the README.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import shutil
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bench.load import Gunicorn
from bench.pages import BenchError
from bench.run import _count, bench_app
from bench.writers import run_writers
from bench.writes_check import check
from bench.writes_data import integrity, seed, stored

APP_ENV = {"CXGOV_RATELIMIT_ENABLED": "0"}  # the API's budget is item 2's concern: here every write must land


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.writes", description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    parser.add_argument("--postgres-url", help="an empty PostgreSQL database (default: a throw-away server)")
    parser.add_argument("--seconds", type=float, default=30, help="length of the run per backend (default: 30)")
    parser.add_argument("--clients", type=_count(1), default=16, help="concurrent clients (default: 16)")
    parser.add_argument("--workers", type=_count(1), default=4, help="gunicorn workers (default: 4)")
    parser.add_argument("--crash", action="store_true", help="kill -9 every app process while writes are in flight")
    parser.add_argument("--crashes", type=_count(1), default=3, help="kills in a --crash run (default: 3)")
    args = parser.parse_args(argv)
    if not args.seconds > 0:
        parser.error(f"--seconds must be more than 0: {args.seconds}")
    return args


@contextmanager
def database(backend: str, given: str | None):
    """An empty database: a new SQLite file, the given PostgreSQL URL, or a throw-away PostgreSQL server."""
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="cxgov-writes-"))
        try:
            yield f"sqlite:///{folder / 'writes.sqlite'}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    elif given:
        yield given
    else:
        from bench.data import start_postgres

        server = start_postgres()
        try:
            yield server.url
        finally:
            server.stop()


class Crasher(threading.Thread):
    """Kills every app process at a random moment of each slot of writing, checks the database, restarts; stops
    the clients after one more slot. The time restarts take is not counted in the slots."""

    def __init__(self, server: Gunicorn, url: str, seconds: float, crashes: int, restart) -> None:
        super().__init__(daemon=True)
        self.server, self.url, self.restart, self.crashes = server, url, restart, crashes
        self.slot = seconds / (crashes + 1)
        self.killed: list[int] = []
        self.checks: list[str] = []
        self.stop = threading.Event()
        self.error: BenchError | None = None

    def run(self) -> None:
        """Kill, check, restart; then let the clients write one more slot and stop them."""
        try:
            for _ in range(self.crashes):
                time.sleep(self.slot * random.uniform(0.5, 1.5))  # on average one slot of writing
                self.killed.append(self.server.kill())
                self.checks.append(integrity(self.url))
                self.server = self.restart()
            time.sleep(self.slot)
        except BenchError as error:  # the app did not start again: said by run_backend
            self.error = error
        finally:
            self.stop.set()


def run_backend(backend: str, url: str, args: argparse.Namespace, folder: Path) -> tuple[dict, list[str]]:
    """Seed, serve, write (and crash), check; the figures and the failures."""
    secret = secrets.token_hex(32)
    app = bench_app(url, secret)
    plan = seed(app, targets=max(2, args.clients // 4), respondents=max(1, (args.clients + 7) // 8))
    log_file, port = folder / f"gunicorn-{backend}.log", None

    def start() -> Gunicorn:
        server = Gunicorn(url, secret, args.workers, log_file, port=port, env=APP_ENV)
        server.wait_ready(180)  # four workers importing the app on a busy machine
        return server

    server = start()
    port, log, crasher = server.port, [], None
    began = time.monotonic()
    try:
        seconds, stop = args.seconds, None
        if args.crash:
            crasher = Crasher(server, url, args.seconds, args.crashes, start)
            seconds, stop = args.seconds + args.crashes * 300, crasher.stop  # the crasher says when to stop
            crasher.start()
        run_writers(f"http://127.0.0.1:{port}", plan, args.clients, seconds, log, stop)
        if crasher:
            crasher.join()
            server = crasher.server
            if crasher.error:
                raise crasher.error
        wall = time.monotonic() - began
    finally:
        server.kill()  # the clients are done (or failed): nothing is in flight, and a graceful stop takes seconds
    figures, failures = check(log, stored(app))
    after = integrity(url)
    failures += [f"database after the run: {after}"] if after != "ok" else []
    if crasher:
        failures += [f"database after kill {i + 1}: {c}" for i, c in enumerate(crasher.checks) if c != "ok"]
        figures.update(crashes=len(crasher.killed), processes_killed=sum(crasher.killed),
                       integrity=", ".join(crasher.checks + [after]))
    figures.update(backend=backend, clients=args.clients, workers=args.workers, seconds=round(wall, 1),
                   writes_per_second=round(figures["writes_sent"] / wall, 1))
    if figures["errors_5xx"]:
        failures.append(f"server log: {log_file.read_text(errors='replace')[-3000:]}")
    return figures, failures


ROWS = [("writes_sent", "write requests"), ("writes_per_second", "write requests a second"),
        ("acknowledged", "writes acknowledged"), ("ack_targets", "… target edits (page + API)"),
        ("ack_progress", "… progress updates"), ("ack_answers", "… draft answers"),
        ("targets_found", "acknowledged target edits found in the history"),
        ("rows_found", "acknowledged progress / answers found"),
        ("stale_sent", "deliberately stale target writes"), ("stale_refused", "… refused (409 or conflict page)"),
        ("conflicts", "fresh writes that lost a race (409)"), ("errors_5xx", "5xx answers"),
        ("refused_other", "other refusals"), ("unanswered", "no answer (server killed)"),
        ("crashes", "kill -9 of every app process"), ("processes_killed", "processes killed"),
        ("integrity", "database check after each kill and at the end")]


def table(results: list[dict]) -> str:
    """The figures side by side, one column a backend, as Markdown."""
    lines = ["| | " + " | ".join(f"{r['backend']}, {r['clients']} clients, {r['workers']} workers, {r['seconds']} s"
                                   for r in results) + " |", "|---|" + "---:|" * len(results)]
    lines += [f"| {label} | " + " | ".join(str(r.get(key, "–")) for r in results) + " |"
              for key, label in ROWS if any(key in r for r in results)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run on each backend, print the table and the failures; 1 when anything failed, 2 on a setup error."""
    args = arguments(argv)
    folder = Path(tempfile.mkdtemp(prefix="cxgov-writes-logs-"))
    results, failures = [], []
    try:
        for backend in ["sqlite"] + (["postgresql"] if args.postgres or args.postgres_url else []):
            print(f"{args.clients} clients writing on {backend} for {args.seconds:g} s…", file=sys.stderr)
            with database(backend, args.postgres_url) as url:
                figures, failed = run_backend(backend, url, args, folder)
            results.append(figures)
            failures += [f"{backend}: {text}" for text in failed]
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{'Crash safety' if args.crash else 'Concurrent writers'}, {when}, {platform.node()} "
          f"({platform.machine()}, {_cores()} cores)\n")
    print(table(results))
    print("\n" + ("\n".join(f"FAILED {text}" for text in failures) if failures else "every check held"))
    return 1 if failures else 0


def _cores() -> int:
    """CPU cores this process may use."""
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())

