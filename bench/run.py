"""Measure cxgov's main pages at the small and the large demo, the annual PDF, and latency under load.

    .venv/bin/python -m bench.run [--small PATH] [--large PATH] [--postgres] [--quick] [--out DIR]

Writes bench/results/<date>.md and .json (…-quick with --quick) and prints the Markdown. See the README.
"""
from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench import data
from bench.load import measure_load
from bench.measure import Size, listening, measure_side_by_side
from bench.pages import BenchError, catalogue, documents, people, report_year, row_counts
from bench.pdfs import measure_pdf
from bench.report import goals, machine, page_rows, write

RESULTS = Path(__file__).resolve().parent / "results"


def _count(minimum: int):
    """An argparse type: a whole number at least `minimum`, else argparse's own one-line error."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}: {text}")
        return value
    return parse


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=Path, help="SQLite file of the small demo (default: instance/bench/"
                                                   "small.sqlite, loaded once)")
    parser.add_argument("--large", type=Path, help="SQLite file of the large demo (default: instance/bench/"
                                                   "large.sqlite, loaded once with --scale large)")
    parser.add_argument("--postgres", action="store_true", help="also load the large demo into a throw-away "
                                                                "PostgreSQL and measure latency under load there")
    parser.add_argument("--postgres-scale", choices=sorted(data.SCALES), default="large",
                        help="the demo loaded into PostgreSQL (default: large)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a short load: a smoke run")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the results (default: bench/results)")
    parser.add_argument("--clients", type=_count(1), default=16, help="concurrent clients (default: 16)")
    parser.add_argument("--seconds", type=float, help="length of each load run (default: 20, quick: 5)")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn phase")
    parser.add_argument("--repeats", type=_count(1), help="timed requests a page at each size (default: 5, quick: 2)")
    parser.add_argument("--pdf-runs", type=_count(0), default=1,
                        help="cold starts of each PDF: the worker's render and WeasyPrint's alone "
                             "(default: 1; about a minute each at the large size; 0 skips the PDFs)")
    args = parser.parse_args(argv)
    if args.seconds is not None and not args.seconds > 0:
        parser.error(f"--seconds must be more than 0: {args.seconds}")
    args.repeats = args.repeats or (2 if args.quick else 5)
    args.seconds = args.seconds or (5 if args.quick else 20)
    return args


def bench_app(database_url: str, secret: str):
    """The app on a database, as gunicorn would build it, with this run's secret key."""
    from cxgov import create_app
    from cxgov.config import Config

    config = Config()
    config.SQLALCHEMY_DATABASE_URI, config.SECRET_KEY = database_url, secret
    return create_app(config)


def survey(app) -> tuple[list, dict, dict, int]:
    """The pages, the people who open them, the data's size and the report year, read from the database."""
    with app.app_context():
        persons = people()  # first: an empty database is said as such
        return catalogue(), persons, row_counts(), report_year()


def prepare(url: str, secret: str) -> dict:
    """Migrate a copy to the code's head; its app, pages, people, size and report year."""
    data.migrate(url)
    app = bench_app(url, secret)
    pages, persons, counts, year = survey(app)
    return {"app": app, "pages": pages, "people": persons, "counts": counts, "year": year, "url": url}


def measure_sizes(sizes: dict[str, dict], repeats: int) -> dict[str, dict[str, dict]]:
    """Every page at both sizes, side by side."""
    measured = {name: Size(size["app"], size["pages"], size["people"]) for name, size in sizes.items()}
    print(f"measuring {len(sizes['small']['pages'])} pages at {', '.join(sizes)}…", file=sys.stderr)
    with listening(measured):
        return measure_side_by_side(measured, [page.key for page in sizes["small"]["pages"]], repeats)


def postgres_load(args, secret: str, folder: Path) -> tuple[dict, str | None]:
    """Load the demo into a throw-away PostgreSQL and measure latency under load there.

    A failure here (no server, the generator failing) is reported in the results instead of discarding the
    SQLite figures measured so far; the run then exits with status 1.
    """
    try:
        return _postgres_load(args, secret, folder)
    except BenchError as error:
        print(f"bench: PostgreSQL not measured: {error}", file=sys.stderr)
        return {"backend": "PostgreSQL", "failed": str(error).splitlines()[0]}, None


def _postgres_load(args, secret: str, folder: Path) -> tuple[dict, str]:
    """Start the server, load the demo, serve it with gunicorn under load, stop the server."""
    server = data.start_postgres()
    try:
        print(f"loading the {args.postgres_scale} demo into PostgreSQL…", file=sys.stderr)
        seconds = data.load_demo(server.url, args.postgres_scale)
        app = bench_app(server.url, secret)
        pages, persons, _counts, _year = survey(app)
        with app.app_context():
            from cxgov.extensions import db

            version = db.session.scalar(db.text("SHOW server_version"))
        load = measure_load(app, server.url, pages, persons, clients=args.clients, workers=2, seconds=args.seconds,
                            log=folder / "gunicorn-postgresql.log")
        return {"backend": "PostgreSQL", "demo_load_s": round(seconds, 1), **load}, version
    finally:
        server.stop()


def run(args: argparse.Namespace) -> dict:
    """The whole benchmark on private copies of the data, removed afterwards; returns the result."""
    started, host = datetime.now().astimezone(), machine(None)  # the load average before we add to it
    small_file = args.small or data.cached_sqlite("small")
    large_file = args.large or data.cached_sqlite("large")
    for path in (small_file, large_file):
        data.check_sqlite(path)
    folder = Path(tempfile.mkdtemp(prefix="cxgov-bench-"))
    try:
        result = measure_all(args, folder, small_file, large_file)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"started_at": started.isoformat(timespec="seconds"), "quick": args.quick, "repeats": args.repeats,
            "files": {"small": str(small_file), "large": str(large_file)}, **result,
            "machine": {**host, "postgresql": result.pop("postgresql")}}


def measure_all(args: argparse.Namespace, folder: Path, small_file: Path, large_file: Path) -> dict:
    """Pages at both sizes, the annual PDF, then the load on SQLite (and PostgreSQL)."""
    secret = secrets.token_hex(32)
    sizes = {name: prepare(f"sqlite:///{data.copy_sqlite(path, folder, name)}", secret)
             for name, path in (("small", small_file), ("large", large_file))}
    figures, large = measure_sizes(sizes, args.repeats), sizes["large"]
    with large["app"].app_context():
        papers = documents() if args.pdf_runs else []
    print("the PDFs…" if papers else "the PDFs: skipped (--pdf-runs 0)", file=sys.stderr)
    pdfs = [{"key": paper.key, "label": paper.label,
             **measure_pdf(large["app"], large["people"][paper.role], paper.url, args.pdf_runs)} for paper in papers]
    loads, pg_version = [], None
    if not args.no_load:
        print(f"{args.clients} clients against gunicorn on SQLite…", file=sys.stderr)
        loads.append({"backend": "SQLite", **measure_load(large["app"], large["url"], large["pages"], large["people"],
                                                          clients=args.clients, workers=2, seconds=args.seconds,
                                                          log=folder / "gunicorn-sqlite.log")})
        if args.postgres:
            pg_load, pg_version = postgres_load(args, secret, folder)
            loads.append(pg_load)
    pages = sizes["small"]["pages"]
    rows = page_rows({page.key: page.label for page in pages}, figures["small"], figures["large"])
    for row, small_page, large_page in zip(rows, pages, large["pages"], strict=True):
        row.update(role=small_page.role, url_small=small_page.url, url_large=large_page.url)
    return {"data": {name: size["counts"] for name, size in sizes.items()}, "postgresql": pg_version,
            "pages": rows, "pdfs": pdfs, "load": loads, "goals": goals(rows, pdfs, loads)}


def main(argv: list[str] | None = None) -> int:
    """Run, write the results, print the Markdown; bad input is one clear line and exit status 2."""
    args = arguments(argv)
    try:
        result = run(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    md, js = write(result, args.out)
    print(md.read_text(encoding="utf-8"))
    print(f"written: {md} and {js}", file=sys.stderr)
    return 1 if any(load.get("failed") for load in result["load"]) else 0


if __name__ == "__main__":
    sys.exit(main())
