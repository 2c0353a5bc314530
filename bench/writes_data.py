"""The write benchmark's data: a small company seeded through the real operations, and the check of what was stored.

`seed` migrates an empty database and adds one department, a programme manager (who may edit this month's
targets and post progress) with an API token, a few approved targets and an open assessment cycle with its
respondents. `stored` reads back what the clients' acknowledged writes must have left; `integrity` opens the
database as after a crash (SQLite's own integrity check; PostgreSQL accepts a connection and a query).
"""
from __future__ import annotations

import contextlib
import io
import sqlite3
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Plan:
    """What the clients write to: ids, the day's date, the session cookies and the API token."""

    today: date
    targets: list[int]
    cycle: int
    respondents: list[tuple[int, str]]  # (respondent id, role key of its person's cookie)
    practices: list[int]
    token: str
    cookies: dict[str, str] = field(default_factory=dict)


def seed(app, targets: int, respondents: int) -> Plan:
    """Migrate the app's empty database and add the company the clients write to."""
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    from bench.load import session_cookies
    from cxgov import clock
    from cxgov.api.operations import create_token
    from cxgov.assessments.models import Practice
    from cxgov.extensions import db
    from cxgov.months import month_of
    from tests import factories

    with app.app_context():
        with contextlib.redirect_stderr(io.StringIO()):  # alembic's log of every migration: not this run's news
            upgrade(directory=str(ROOT / "migrations"))
        today = clock.today()
        factories.make_organisation()
        department = factories.make_department("LOAD")
        manager = factories.make_user("manager@load.test", roles=("cx_office",))
        members = [factories.make_user(f"member{i}@load.test", department=department) for i in range(respondents)]
        items = [factories.make_target(department, month_of(today), approved=True, title=f"Load target {i}")
                 for i in range(targets)]
        cycle = factories.make_cycle([department], state="open", opens_on=today - timedelta(days=1),
                                     due_on=today + timedelta(days=30))
        _token, plain = create_token(manager, "write benchmark")
        db.session.commit()
        people = {"manager": manager.id, **{f"member{m.id}": m.id for m in members}}
        answering = [(r.id, f"member{r.user_id}") for r in cycle.respondents if f"member{r.user_id}" in people]
        practices = db.session.scalars(sa.select(Practice.id).order_by(Practice.id).limit(4)).all()
        plan = Plan(today, [t.id for t in items], cycle.id, answering, list(practices), plain)
        db.session.remove()
    plan.cookies = session_cookies(app, people)
    return plan


def stored(app) -> dict:
    """What the database holds now: targets (value, version), the target values in their audit trail (in order),
    progress notes, answers' evidence."""
    from cxgov.assessments.models import Answer
    from cxgov.audit.models import AuditEntry
    from cxgov.extensions import db
    from cxgov.targets.models import Target, TargetUpdate

    with app.app_context():
        targets = {row.id: (row.target_value, row.version)
                   for row in db.session.execute(sa.select(Target.id, Target.target_value, Target.version))}
        trail: dict[int, list] = {}
        for record, changes in db.session.execute(sa.select(AuditEntry.record_id, AuditEntry.changes).where(
                AuditEntry.table_name == "targets", AuditEntry.action == "update").order_by(AuditEntry.id)):
            if "target_value" in changes:
                trail.setdefault(int(record), []).append(changes["target_value"][1])
        evidence = {changes["evidence"][1] for changes in db.session.scalars(sa.select(AuditEntry.changes).where(
            AuditEntry.table_name == "answers", AuditEntry.action.in_(["create", "update"]))) if "evidence" in changes}
        notes = set(db.session.scalars(sa.select(TargetUpdate.note)))
        answers = {(row.respondent_id, row.practice_id): row.evidence for row in db.session.execute(
            sa.select(Answer.respondent_id, Answer.practice_id, Answer.evidence))}
        db.session.remove()
        db.engine.dispose()
    return {"targets": targets, "trail": trail, "notes": notes, "answers": answers,
            "evidence_trail": evidence}


def integrity(url: str) -> str:
    """'ok' when the database opens cleanly after a crash, else what is wrong."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT count(*) FROM targets")).scalar_one()
        return "ok"
    except sa.exc.SQLAlchemyError as error:
        return str(error).splitlines()[0]
    finally:
        engine.dispose()
