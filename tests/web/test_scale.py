"""The large demo generator at a small scale: counts, the gates' invariants, pages that render, bad input."""
from datetime import date

import pytest
import sqlalchemy as sa

from cxgov import demo
from cxgov.assessments.models import Cycle, Respondent
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.reviews.models import QuarterlyReview
from cxgov.targets import status as st
from cxgov.targets.models import MonthClose, Target
from cxgov.teams.models import Handover, Term

TODAY = date(2026, 12, 3)


@pytest.fixture
def small(app, on_day):
    """A company at scale 0.3 (three departments), generated through the command."""
    on_day(TODAY)
    result = app.test_cli_runner().invoke(args=["cxgov", "demo", "--scale", "0.3"])
    assert result.exit_code == 0, result.output
    return result.output


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_scaled_demo_has_five_years_of_every_kind_of_history(small):
    assert "Demo at scale 0.3 loaded" in small and "placeholder" in small
    assert _count(Department) == 3
    assert _count(User) > 30
    assert _count(Cycle) == 10 and _count(QuarterlyReview) == 20
    months = db.session.scalars(sa.select(Target.month).distinct().order_by(Target.month)).all()
    assert months[0] == "2022-01" and months[-1] == "2026-12" and len(months) == 60
    titles = db.session.scalars(sa.select(Target.title).distinct()).all()
    assert len(titles) > 10  # drawn from lists, not one record copied
    # The director rotation since the first quarter: every past change of director handed over and acknowledged.
    terms = db.session.scalars(sa.select(Term).order_by(Term.starts_on)).all()
    assert terms[0].starts_on == date(2022, 1, 1) and terms[-1].ends_on > TODAY
    changes = [t for t, nxt in zip(terms, terms[1:], strict=False) if nxt.director_id != t.director_id
               and t.ends_on < TODAY]
    handovers = {h.term_id: h for h in db.session.scalars(sa.select(Handover))}
    assert changes and all(handovers[t.id].acknowledged_at is not None for t in changes)


def test_the_generated_data_keeps_the_rules_the_gates_enforce(small):
    per_month = db.session.execute(sa.select(Target.department_id, Target.month, sa.func.count(), sa.func.sum(
        Target.points), sa.func.max(Target.points), sa.func.count(sa.distinct(Target.title)))
        .group_by(Target.department_id, Target.month)).all()
    assert all(n <= 5 and total <= 150 and top <= 50 and titles == n for _d, _m, n, total, top, titles in per_month)
    founded = {d.id: d.created_at.strftime("%Y-%m") for d in db.session.scalars(sa.select(Department))}
    assert all(month >= founded[dept] for dept, month, *_rest in per_month)
    closed = set(db.session.scalars(sa.select(MonthClose.month)))
    due = {m for _d, m, *_rest in per_month if st.close_date(m, 5) <= TODAY}
    assert closed == due and "2026-10" in closed and "2026-11" not in closed
    assert db.session.scalar(sa.select(sa.func.count(Target.id)).where(
        Target.month.in_(closed), Target.final_status.is_(None))) == 0
    pairs = db.session.execute(sa.select(Respondent.cycle_id, Respondent.user_id, Respondent.department_id)).all()
    assert len(pairs) == len(set(pairs))
    members = {u.id: u.department_id for u in db.session.scalars(sa.select(User))}
    selves = db.session.scalars(sa.select(Respondent).where(Respondent.perspective == "self")).all()
    assert all(members[r.user_id] == r.department_id for r in selves)


def test_the_main_pages_answer_for_the_ceo(small, client):
    assert client.login(f"ceo@{demo.DEMO_DOMAIN}", demo.DEMO_PASSWORD).status_code == 302
    latest = db.session.scalar(sa.select(Cycle.id).where(Cycle.state == "published").order_by(Cycle.opens_on.desc()))
    published = db.session.scalar(sa.select(QuarterlyReview.id).where(QuarterlyReview.state == "published")
                                  .order_by(QuarterlyReview.year.desc(), QuarterlyReview.quarter.desc()))
    for url in ("/", "/targets/", "/targets/company", f"/assessments/{latest}/results", "/workshops/culture",
                f"/reviews/{published}", "/reports/annual"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("scale", ["0", "-1", "abc", "1e9", "nan", "inf"])
def test_a_scale_that_is_not_a_sane_positive_number_is_refused_and_writes_nothing(app, scale):
    result = app.test_cli_runner().invoke(args=["cxgov", "demo", "--scale", scale])
    assert result.exit_code == 2 and "Invalid value for '--scale'" in result.output
    assert _count(User) == 0 and _count(Department) == 0


def test_a_database_with_data_is_refused_unless_if_empty_says_skip(small, app):
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["cxgov", "demo", "--scale", "0.3"])
    assert refused.exit_code == 1 and "already has users" in refused.output
    assert "demo not loaded" in runner.invoke(args=["cxgov", "demo", "--scale", "0.3", "--if-empty"]).output
    assert _count(Department) == 3


def test_a_failure_half_way_leaves_nothing_behind(app, monkeypatch, on_day):
    on_day(TODAY)

    def broken(world):
        raise RuntimeError("disk full")

    monkeypatch.setattr("cxgov.scale.workshops.load", broken)
    result = app.test_cli_runner().invoke(args=["cxgov", "demo", "--scale", "0.3"])
    assert result.exit_code != 0
    db.session.rollback()
    assert _count(User) == 0 and _count(Target) == 0 and _count(Department) == 0
