"""Figures of the upload checks (README, "Uploads and exports"): `python -m bench.uploads [--users 5000]`.

On a throw-away SQLite database it times how long a zip bomb and an entity-expansion workbook take to be refused
by the upload reader (with the reader's peak traced memory), and how long a users import of --users rows takes
as the background task runs it (the worker's work, committed), without and with passwords in the file.
"""
from __future__ import annotations

import argparse
import io
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from bench.data import _flask
from bench.run import bench_app

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def _workbook(sheet_chunks) -> bytes:
    """A small real workbook whose first sheet is replaced by the given chunks."""
    from cxgov import exports

    plain = exports.xlsx_bytes("t", [exports.Column("title", "Title")], [["x"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            with target.open(item.filename, "w") as written:
                for chunk in (sheet_chunks if item.filename == "xl/worksheets/sheet1.xml" else [source.read(item)]):
                    written.write(chunk)
    return out.getvalue()


def _refusal(raw: bytes) -> tuple[float, float, str]:
    """(milliseconds, peak MB traced, the reader's words) for one hostile file."""
    from cxgov import uploads

    tracemalloc.start()
    started = time.perf_counter()
    try:
        uploads.grid(raw, "hostile.xlsx")
        words = "ACCEPTED"
    except uploads.FileProblem as problem:
        words = problem.message
    elapsed = (time.perf_counter() - started) * 1000
    peak = tracemalloc.get_traced_memory()[1] / (1 << 20)
    tracemalloc.stop()
    return elapsed, peak, words


def _users_file(count: int, passwords: bool) -> bytes:
    head = "email,name,department_code,roles" + (",password" if passwords else "") + "\n"
    return (head + "".join(f"user{i}@example.com,User {i},CS,member" + (f",a-long-password-{i}" if passwords else "")
                           + "\n" for i in range(count))).encode()


def _background_import(app, raw: bytes) -> tuple[float, dict]:
    """Seconds the queued task takes to import the file, and the state it leaves for the progress page."""
    from cxgov import import_jobs
    from cxgov.auth.models import User
    from cxgov.extensions import db
    from cxgov.tasks import huey

    huey.immediate = True  # the task runs here, as the worker would run it
    owner = db.session.scalar(db.select(User.id).where(User.email == "admin@example.com"))
    job = f"{time.time_ns():032d}"[-32:]
    huey.put(import_jobs.store_key(job, "file"), raw)
    import_jobs.save_state(job, {"owner": owner, "kind": "users", "rows": raw.count(b"\n") - 1, "state": "queued"})
    started = time.perf_counter()
    import_jobs.import_task(job, "users.csv", "en", "2026-12-03")
    return time.perf_counter() - started, huey.get(import_jobs.store_key(job, "state"), peek=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5000, help="rows of the users import (default 5000)")
    parser.add_argument("--with-passwords", type=int, default=50, help="rows of the import with passwords")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'uploads.db'}"
        _flask(url, "db", "upgrade")
        app = bench_app(url, "bench-uploads")
        with app.test_request_context():
            from cxgov.extensions import db
            from cxgov.org import operations

            bomb = _workbook(b" " * (1 << 20) for _ in range(200))
            for name, raw in (("zip bomb (200 MB unpacked)", bomb), ("entity expansion", _workbook([LAUGHS.encode()]))):
                ms, peak, words = _refusal(raw)
                print(f"{name}: {len(raw) / 1024:.0f} KB refused in {ms:.0f} ms, peak {peak:.1f} MB traced: {words}")
            operations.create_department({"code": "CS", "name_en": "Service", "name_zh": "客服", "kind": "support"})
            operations.create_user({"email": "admin@example.com", "name": "Admin"}, ["admin"], None)
            db.session.commit()
            for count, passwords in ((args.users, False), (args.with_passwords, True)):
                seconds, state = _background_import(app, _users_file(count, passwords))
                print(f"{count} users {'with' if passwords else 'without'} passwords, in the background: "
                      f"{seconds:.1f} s ({seconds / count * 1000:.1f} ms a row), {state['state']}: "
                      f"{state.get('message') or state.get('errors')[:3]}")


if __name__ == "__main__":
    main()
