"""Published cycles' results are stored at publication and read back by a fresh process instead of every answer.

A "fresh process" is this one with the results it kept forgotten (`result_inputs.kept` cleared): what a new web
worker or the report's PDF worker starts with. Answers being read is seen in the SQL sent (statements naming the
`answers` table), the figures in the pages a user opens.
"""
from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import sqlalchemy as sa

from cxgov.assessments import operations, result_inputs, result_store, results, scoring
from cxgov.assessments.models import Cycle, CycleTarget, Practice, Respondent
from cxgov.assessments.result_store import StoredResult
from cxgov.extensions import db
from tests.factories import make_cycle, make_department, make_user

TOUCHES_ANSWERS = re.compile(r"\banswers\b", re.IGNORECASE)


def _company():
    """Two departments with a lead each and a member in one, a CX office, a CEO."""
    cs, fin = make_department("CS"), make_department("FIN", kind="functional")
    people = {
        "cs_lead": make_user("lead.cs@example.com", roles=["dept_lead"], department=cs),
        "cs_member": make_user("agent@example.com", roles=["member"], department=cs),
        "fin_lead": make_user("lead.fin@example.com", roles=["dept_lead"], department=fin),
        "cxo": make_user("cxo@example.com", roles=["cx_office"]),
        "ceo": make_user("ceo@example.com", roles=["executive"]),
    }
    return cs, fin, people


def _answer(cycle, user, level: int, revise: bool = False) -> None:
    """Submit every practice at one level as the respondent, through the operations."""
    respondent = db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == cycle.id,
                                                               Respondent.user_id == user.id))
    if revise:
        operations.reopen_answers(respondent, user)
    items = db.session.scalars(sa.select(Practice.id).join(Practice.dimension)
                               .where(Practice.dimension.has(framework_id=cycle.framework_id))).all()
    operations.save_answers(respondent, {p: (level, False, "") for p in items}, submit=True, by=user)
    db.session.commit()


def _published(client, people, levels: dict[str, int], name: str = "Spring", opens_on=date(2026, 3, 1)) -> Cycle:
    """A cycle answered at the given levels, moved through its states to published by the CX office's page."""
    cs, fin = people["cs_lead"].department, people["fin_lead"].department
    cycle = make_cycle([cs, fin], state="open", name=name, opens_on=opens_on, due_on=opens_on.replace(day=20))
    for key, level in levels.items():
        _answer(cycle, people[key], level)
    client.login("cxo@example.com")
    for state in ("calibration", "published"):
        client.submit(f"/assessments/{cycle.id}/state/{state}")
    assert db.session.get(Cycle, cycle.id).state == "published"
    return cycle


def _stored(cycle_id: int) -> StoredResult | None:
    db.session.expire_all()
    return db.session.get(StoredResult, cycle_id)


def _fresh(run) -> tuple[object, list[str]]:
    """Run as a fresh process would (nothing kept); what it returned and the statements that named answers."""
    result_inputs.kept.clear()
    seen = []

    def record(_conn, _cursor, statement, *args):
        if TOUCHES_ANSWERS.search(statement):
            seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        return run(), seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


def _computed(cycle_id: int) -> scoring.CycleResult:
    """The cycle's results scored from its answers now (nothing kept or stored used)."""
    cycle = db.session.get(Cycle, cycle_id)
    return scoring.compute(result_inputs.load_inputs([cycle], reuse=False)[cycle.id].data)


def test_publishing_stores_the_results_scored_from_the_answers(client):
    _cs, _fin, people = _company()
    cycle = _published(client, people, {"cs_lead": 4, "cs_member": 5, "fin_lead": 2})
    row = _stored(cycle.id)
    assert row is not None and len(row.inputs) == 64
    decoded = result_store.decode(row.payload)
    assert decoded == _computed(cycle.id)
    assert decoded.organisation and all(isinstance(k, int) for k in decoded.departments)
    assert list(decoded.departments) == sorted(decoded.departments)
    # Dating the publication afterwards (as the demo does) changes the row's version, not what the results are.
    db.session.get(Cycle, cycle.id).published_at = datetime(2026, 3, 25, 9, tzinfo=UTC)
    db.session.commit()
    assert results.outdated() == []
    client.login("ceo@example.com")
    _page, touched = _fresh(lambda: client.text(f"/assessments/{cycle.id}/results"))
    assert touched == []


def test_a_fresh_process_shows_the_results_and_the_annual_report_without_reading_answers(client):
    _cs, _fin, people = _company()
    spring = _published(client, people, {"cs_lead": 4, "cs_member": 5, "fin_lead": 2})
    autumn = _published(client, people, {"cs_lead": 3, "fin_lead": 3}, name="Autumn", opens_on=date(2026, 9, 1))
    client.login("ceo@example.com")
    urls = [f"/assessments/{spring.id}/results", f"/assessments/{autumn.id}/results", "/reports/annual?year=2026"]
    stored_pages, touched = _fresh(lambda: [html.unescape(client.text(url)) for url in urls])
    assert touched == []
    assert "4.5" in stored_pages[0] and "Compared with Spring" in stored_pages[1]
    db.session.execute(sa.delete(StoredResult))  # without stored rows, the same pages from every answer
    db.session.commit()
    computed_pages, touched = _fresh(lambda: [html.unescape(client.text(url)) for url in urls])
    assert touched, "without stored results the answers are read"
    assert all(_figures(stored_pages)) and _figures(stored_pages) == _figures(computed_pages)


def _figures(pages: list[str]) -> list[list[str]]:
    """Every number a page shows (scores, gaps, changes), in order."""
    return [re.findall(r"[+−-]?\d+\.\d+", re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S))
            for page in pages]


def test_a_changed_target_after_publication_leaves_the_stored_row_unused(client):
    _cs, _fin, people = _company()
    cycle = _published(client, people, {"cs_lead": 3, "fin_lead": 3})
    before = _stored(cycle.id).inputs
    # The operations refuse to change a published cycle; a data fix (or an upgrade) still may.
    first = db.session.scalars(sa.select(CycleTarget).where(CycleTarget.cycle_id == cycle.id)
                               .order_by(CycleTarget.dimension_id)).first()
    first.target = 4.7
    db.session.commit()
    client.login("ceo@example.com")
    page, touched = _fresh(lambda: html.unescape(client.text(f"/assessments/{cycle.id}/results")))
    assert touched, "the stored row no longer matches: the results are computed again"
    assert "4.7" in page and "1.7" in page  # the new target, and the company's gap to it (4.7 − 3.0)
    assert _stored(cycle.id).inputs == before  # a GET never writes: the row waits for `cxgov store-results`
    assert [c.id for c in results.outdated()] == [cycle.id]


def test_reopening_deletes_the_row_and_republishing_replaces_it(client):
    _cs, _fin, people = _company()
    cycle = _published(client, people, {"cs_lead": 2, "fin_lead": 2})
    assert _stored(cycle.id).payload["overall"] == 2.0
    client.submit(f"/assessments/{cycle.id}/state/open", {"reason": "Finance answered too early"})
    assert db.session.get(Cycle, cycle.id).state == "open" and _stored(cycle.id) is None
    _answer(cycle, people["fin_lead"], 4, revise=True)
    for state in ("calibration", "published"):
        client.submit(f"/assessments/{cycle.id}/state/{state}")
    row = _stored(cycle.id)
    assert row.payload["overall"] == 3.0 and result_store.decode(row.payload) == _computed(cycle.id)
    client.login("ceo@example.com")
    page, touched = _fresh(lambda: html.unescape(client.text(f"/assessments/{cycle.id}/results")))
    assert touched == [] and '<div class="kpi-value">3.0</div>' in page


def test_store_results_stores_missing_and_outdated_rows_and_says_how_many(app, client):
    cs, fin, people = _company()
    published = _published(client, people, {"cs_lead": 3, "fin_lead": 4})
    older = make_cycle([cs, fin], state="published", name="From before the upgrade")  # no row: set directly
    make_cycle([cs], state="open", name="Still open")
    db.session.get(StoredResult, published.id).inputs = "0" * 64  # computed from other inputs
    db.session.commit()
    runner = app.test_cli_runner()
    output = runner.invoke(args=["cxgov", "store-results"]).output
    assert "Stored the results of 2 published cycle(s)" in output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredResult)) == 2
    for cycle in (published, older):
        row = _stored(cycle.id)
        assert result_store.decode(row.payload) == _computed(cycle.id)
    assert "Stored the results of 0 published cycle(s)" in runner.invoke(args=["cxgov", "store-results"]).output


def test_odd_results_round_trip_through_the_database(app):
    cs = make_department("CS")
    cycle = make_cycle([cs], state="published", name="Odd")
    empty = scoring.Spread(None, None, None, None, 0)
    odd = scoring.CycleResult(
        departments={cs.id: scoring.DepartmentResult(
            raw={"LISTEN": empty, "中文": scoring.Spread(1 / 3, 0.0, -0.0, 5.0, 1)}, calibrated={},
            scores={"LISTEN": None, "中文": 1 / 3}, overall=None, respondents=0, executive={"LISTEN": None},
            perception_gap={})},
        organisation={"LISTEN": None}, overall=None, target_gaps={"LISTEN": None, "中文": -2.0000000000000004},
        walls={}, practice_means={7: scoring.Spread(4.0, 1e-300, 3, 5, 2)})
    result_store.save(cycle.id, "f" * 64, odd)
    db.session.commit()
    assert result_store.decode(_stored(cycle.id).payload) == odd
    nothing = scoring.compute(scoring.CycleInput({}, {}, {}, []))
    result_store.save(cycle.id, "e" * 64, nothing)  # replaces the row
    db.session.commit()
    row = _stored(cycle.id)
    assert row.inputs == "e" * 64 and result_store.decode(row.payload) == nothing
    assert nothing.departments == {}


def test_the_large_demo_generator_stores_its_published_cycles_results(app, on_day):
    on_day(date(2026, 12, 3))
    result = app.test_cli_runner().invoke(args=["cxgov", "demo", "--scale", "0.3"])
    assert result.exit_code == 0, result.output
    published = db.session.scalars(sa.select(Cycle.id).where(Cycle.state == "published").order_by(Cycle.id)).all()
    assert f"assessment_results {len(published)}" in result.output and len(published) > 1
    assert db.session.scalars(sa.select(StoredResult.cycle_id).order_by(StoredResult.cycle_id)).all() == published
    assert results.outdated() == []
    assert result_store.decode(_stored(published[-1]).payload) == _computed(published[-1])


def test_a_row_that_does_not_decode_is_ignored_and_the_results_computed(client):
    _cs, _fin, people = _company()
    cycle = _published(client, people, {"cs_lead": 4, "fin_lead": 2})
    client.login("ceo@example.com")
    for payload in ({"departments": "not pairs"}, [], {"overall": 3.0}):
        row = _stored(cycle.id)
        row.payload = payload
        db.session.commit()
        page, touched = _fresh(lambda: html.unescape(client.text(f"/assessments/{cycle.id}/results")))
        assert touched and '<div class="kpi-value">3.0</div>' in page
