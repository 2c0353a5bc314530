"""Every import door's one way in: a short file is imported in the request, a long one in the background.

A file with more data rows than CXGOV_IMPORT_BACKGROUND_ROWS is queued (cxgov/tasks.py): the upload is
kept in the queue's store, the worker runs the same import (all rows or none, problems by spreadsheet
row) in the uploader's language and keeps its outcome; the uploader follows it on a page that
reloads itself. A file the upload checks refuse is never queued: it is answered at once.
"""
from __future__ import annotations

import uuid
from datetime import date

from flask import current_app, flash, redirect, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock, uploads
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.imports import ImportResult
from cxgov.tasks import app_context, huey

DONE_PAGE = {"departments": "org.admin_departments", "users": "org.admin_users", "targets": "targets.index"}


def run_import(kind: str, raw: bytes, filename: str, user: User, today: date) -> ImportResult:
    """The import of one kind of file (nothing committed)."""
    from cxgov.org import importing as org_importing
    from cxgov.targets import importing as target_importing

    if kind == "targets":
        return target_importing.import_targets(raw, filename, user, today)
    return {"departments": org_importing.import_departments,
            "users": org_importing.import_users}[kind](raw, filename)


def done_message(kind: str, result: ImportResult) -> str:
    """What an import that wrote its rows says."""
    if kind == "targets":
        return _("Imported: %(c)s created, %(u)s updated, %(n)s unchanged.", c=result.created, u=result.updated,
                 n=result.unchanged)
    return _("Imported: %(c)s created, %(u)s updated.", c=result.created, u=result.updated)


def data_rows(raw: bytes, filename: str) -> int:
    """About how many rows the file has (filled rows but the first); 0 when the checks refuse it."""
    try:
        grid = uploads.grid(raw, filename)
    except uploads.FileProblem:
        return 0
    return max(0, sum(1 for row in grid if any(v not in (None, "") for v in row)) - 1)


def submit(kind: str, upload):
    """The door: (a redirect, None) when the file was imported or queued, (None, result) when it was refused."""
    raw, filename = upload.read(), upload.filename or "data.csv"
    rows = data_rows(raw, filename)
    if rows > int(current_app.config.get("CXGOV_IMPORT_BACKGROUND_ROWS", 500)):
        job = uuid.uuid4().hex
        huey.put(store_key(job, "file"), raw)
        save_state(job, {"owner": current_user.id, "kind": kind, "rows": rows, "state": "queued"})
        import_task(job, filename, str(get_locale() or "en"), clock.today().isoformat())
        return redirect(url_for("org.import_job", job=job)), None
    result = run_import(kind, raw, filename, current_user, clock.today())
    if not result.ok:
        db.session.rollback()
        return None, result
    db.session.commit()
    flash(done_message(kind, result), "success")
    return redirect(url_for(DONE_PAGE[kind])), result


def status(job: str) -> dict | None:
    """A job's state (its "owner" alone may see it); None for an unknown job."""
    return huey.get(store_key(job, "state"), peek=True) if len(job) == 32 and job.isalnum() else None


def store_key(job: str, part: str) -> str:
    """The store key of a job's file or state."""
    return f"cxgov-import:{job}:{part}"


def save_state(job: str, state: dict) -> None:
    """Keep a job's state (a few hundred bytes; the file itself is taken out of the store when the job starts)."""
    huey.put(store_key(job, "state"), state)


@huey.task()
def import_task(job: str, filename: str, locale: str, today: str) -> None:
    """Run a queued import: commit all of it or nothing, and keep its outcome for the progress page."""
    with app_context():
        state = huey.get(store_key(job, "state"), peek=True)
        raw = huey.get(store_key(job, "file"))
        if state is None or raw is None:
            return
        save_state(job, state | {"state": "running"})
        try:
            with force_locale(locale):
                result = run_import(state["kind"], raw, filename, db.session.get(User, state["owner"]),
                                    date.fromisoformat(today))
                outcome = {"state": "done", "errors": [(n, str(m)) for n, m in result.errors],
                           "message": "" if result.errors else done_message(state["kind"], result)}
            if result.ok:
                db.session.commit()
            else:
                db.session.rollback()
        except Exception:
            db.session.rollback()
            save_state(job, state | {"state": "failed"})
            raise
        save_state(job, state | outcome)
