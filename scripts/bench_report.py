"""Measure how long the annual report takes at the size of a large company.

Usage: .venv/bin/python scripts/bench_report.py [DEPARTMENTS] [PEOPLE_PER_DEPARTMENT]

Builds a throw-away SQLite database with DEPARTMENTS departments (default 40) of PEOPLE people (default 30),
a year of monthly targets (4 per department per month, 3 updates each), two published maturity cycles answered
by everyone, twelve workshops of 60 people with ideas, and a year of quarterly rotation; then times building the
report's data, rendering its HTML and writing its PDF, in both languages. Rows are inserted in bulk, around the
audit trail, since only the reading side is measured.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cxgov import create_app  # noqa: E402
from cxgov.config import Config  # noqa: E402

YEAR = date.today().year - 1  # a whole, closed year


def _insert(model, rows: list[dict]) -> list[int]:
    """Bulk insert rows; return their ids in order."""
    from cxgov.extensions import db

    if not rows:
        return []
    result = db.session.execute(sa.insert(model).returning(model.id), rows)
    return [row[0] for row in result]


def build_company(departments: int, people: int, rng: random.Random) -> None:
    """Departments, people, targets, cycles, workshops and terms of a large company."""
    from cxgov.assessments import operations as assessments
    from cxgov.assessments.models import Answer, Cycle, CycleDepartment, Dimension, Practice, Respondent
    from cxgov.auth.models import User
    from cxgov.extensions import db
    from cxgov.org import operations as org
    from cxgov.org.models import Department
    from cxgov.targets.models import MonthClose, Target, TargetUpdate
    from cxgov.teams.models import RotationPlan, Term
    from cxgov.workshops.models import Attendance, Idea, Invitation, Workshop

    org.save_organisation({"name": "Large Co 大公司", "vision": "", "mission": "", "values": "",
                           "brand_promise": "Answer within 2 hours 两小时内回应", "fiscal_year_start_month": 1,
                           "default_locale": "zh"})
    dept_ids = _insert(Department, [{"code": f"D{i:02d}", "name_en": f"Department {i}", "name_zh": f"第{i}部门",
                                     "kind": "functional"} for i in range(departments)])
    users = _insert(User, [{"email": f"u{d}-{p}@large.example", "name": f"员工 {d}-{p}", "password_hash": "x",
                            "department_id": dept_id, "active": True, "session_token": f"t{d}-{p}"}
                           for d, dept_id in enumerate(dept_ids) for p in range(people)])
    by_dept = {dept_id: users[i * people:(i + 1) * people] for i, dept_id in enumerate(dept_ids)}
    for dept_id, members in by_dept.items():
        db.session.execute(sa.update(Department).where(Department.id == dept_id).values(lead_id=members[0]))

    months = [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    targets = _insert(Target, [{"department_id": d, "month": m, "title": f"目标 Target {k}", "description": "",
                                "kind": "numeric", "unit": "%", "direction": "higher", "baseline": 50.0,
                                "target_value": 60.0, "owner_id": by_dept[d][0], "points": 10, "evidence": "",
                                "approval": "approved", "version": 1}
                               for d in dept_ids for m in months for k in range(4)])
    updates = []
    for index, target_id in enumerate(targets):
        month = months[(index // 4) % 12]
        for day in (8, 16, 24):
            updates.append({"target_id": target_id, "on_date": date.fromisoformat(f"{month}-{day:02d}"),
                            "value": 50.0 + rng.random() * 14, "note": ""})
    _insert(TargetUpdate, updates)
    db.session.execute(sa.insert(MonthClose), [{"month": m, "closed_at": datetime(YEAR + 1, 1, 6)} for m in months])

    framework = assessments.ensure_default_framework()
    practices = db.session.scalars(sa.select(Practice).join(Dimension).where(Dimension.framework_id == framework.id))
    practice_ids = [p.id for p in practices]
    for half in (3, 9):
        cycle_id = _insert(Cycle, [{"name": f"{YEAR}-{half:02d} cycle", "framework_id": framework.id,
                                    "state": "published", "opens_on": date(YEAR, half, 1),
                                    "due_on": date(YEAR, half, 20), "published_at": datetime(YEAR, half, 28)}])[0]
        db.session.execute(sa.insert(CycleDepartment), [{"cycle_id": cycle_id, "department_id": d} for d in dept_ids])
        respondents = _insert(Respondent, [{"cycle_id": cycle_id, "user_id": u, "department_id": d,
                                            "perspective": "self", "submitted_at": datetime(YEAR, half, 15)}
                                           for d, members in by_dept.items() for u in members])
        _insert(Answer, [{"respondent_id": r, "practice_id": p, "level": rng.randint(1, 5), "not_applicable": False,
                          "evidence": "", "version": 1} for r in respondents for p in practice_ids])

    for month in range(1, 13):
        start = datetime(YEAR, month, 15, 6)
        workshop_id = _insert(Workshop, [{"title": f"工作坊 Workshop {month}", "topic": "", "starts_at": start,
                                          "ends_at": start + timedelta(hours=2), "location": "", "online_url": "",
                                          "method": "brainstorming", "method_note": "", "capacity": 80,
                                          "employees_count": 0, "customers_count": 0, "experts_count": 0,
                                          "core_users_count": 0, "cocreator_notes": "", "version": 1}])[0]
        guests = rng.sample(users, 60)
        _insert(Invitation, [{"workshop_id": workshop_id, "user_id": u, "rsvp": "yes", "rsvp_note": ""}
                             for u in guests])
        _insert(Attendance, [{"workshop_id": workshop_id, "user_id": u, "walk_in": False} for u in guests[:50]])
        _insert(Idea, [{"workshop_id": workshop_id, "kind": "improvement", "title": f"点子 Idea {k}",
                        "description": "", "stage": "", "touchpoint": "", "dot_votes": k, "decision": "open",
                        "version": 1} for k in range(8)])

    plan_id = _insert(RotationPlan, [{"name": "Rotation", "cadence": "quarterly", "starts_on": date(YEAR, 1, 1),
                                      "version": 1}])[0]
    quarters = [(date(YEAR, q * 3 - 2, 1), date(YEAR + (q == 4), (q * 3) % 12 + 1, 1) - timedelta(days=1))
                for q in (1, 2, 3, 4)]
    _insert(Term, [{"plan_id": plan_id, "number": i, "starts_on": s, "ends_on": e,
                    "director_id": by_dept[dept_ids[i]][0], "skipped": [], "pinned": False, "version": 1}
                   for i, (s, e) in enumerate(quarters)])
    db.session.commit()


def measure(departments: int, people: int) -> None:
    """Build the company, then time the report's three stages in both languages."""
    from flask_babel import force_locale

    from cxgov.extensions import db
    from cxgov.reports import annual, figures, pdf
    from cxgov.reports.labels import context as label_context
    from cxgov.reports.views import render_annual_pdf

    with tempfile.TemporaryDirectory() as folder:
        config = Config()
        config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.sqlite"
        app = create_app(config)
        with app.app_context():
            from flask_migrate import upgrade

            upgrade(directory=str(Path(__file__).resolve().parents[1] / "migrations"))
            started = time.perf_counter()
            build_company(departments, people, random.Random(1))
            print(f"company: {departments} departments × {people} people, built in "
                  f"{time.perf_counter() - started:.1f} s")
            for lang in ("zh", "en"):
                with force_locale(lang):
                    t0 = time.perf_counter()
                    data = annual.build(YEAR, lang)
                    t1 = time.perf_counter()
                    context = {"data": data, "charts": figures.all_charts(data), "loc": lang, **label_context()}
                    html = pdf.render_html("reports/annual_pdf.html", lang, **context, generated_at=datetime.now())
                    t2 = time.perf_counter()
                body, pages = render_annual_pdf(YEAR, lang)
                t3 = time.perf_counter()
                print(f"{lang}: data {t1 - t0:.2f} s, charts+HTML {t2 - t1:.2f} s ({len(html) // 1024} KiB), "
                      f"whole PDF {t3 - t2:.2f} s ({pages} pages, {len(body) // 1024} KiB)")
            db.session.remove()


if __name__ == "__main__":
    measure(int(sys.argv[1]) if len(sys.argv) > 1 else 40, int(sys.argv[2]) if len(sys.argv) > 2 else 30)
