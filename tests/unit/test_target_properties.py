"""Invariants that tie the target figures together (hypothesis, no app)."""
from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st

from cxgov import months
from cxgov.targets import rollup
from cxgov.targets import status as ts
from cxgov.targets.rollup import Fact

STATUSES = [ts.ACHIEVED, ts.MISSED, ts.ON_TRACK, ts.AT_RISK]
MONTHS = ["2026-09", "2026-10", "2026-11"]


@st.composite
def facts(draw):
    """Targets of a few departments and months: approved or draft, each month closed or not (as a whole)."""
    closed = {m: draw(st.booleans()) for m in MONTHS}
    items = []
    for _ in range(draw(st.integers(0, 30))):
        month = draw(st.sampled_from(MONTHS))
        status = draw(st.sampled_from([ts.ACHIEVED, ts.MISSED] if closed[month] else STATUSES))
        items.append(Fact(draw(st.integers(1, 4)), month, status, draw(st.integers(0, 50)), draw(st.booleans()),
                          closed[month], draw(st.sampled_from([None, 11, 12, 13]))))
    return items


@given(facts())
def test_a_departments_points_are_the_sum_over_its_approved_achieved_targets_of_closed_months(items):
    board = {dept: pts for dept, pts, _rate in rollup.leaderboard(items)}
    for dept in {f.department for f in items}:
        assert board[dept] == sum(f.points for f in items if f.department == dept and f.approved and f.closed
                                  and f.status == ts.ACHIEVED)
    assert sum(board.values()) == rollup.points(items)


@given(facts())
def test_drafts_never_move_points_or_rates(items):
    drafts = [Fact(f.department, f.month, ts.ACHIEVED, 1000, False, f.closed, f.owner) for f in items]
    assert rollup.achievement(items + drafts).points == rollup.achievement(items).points
    assert rollup.rate(items + drafts) == rollup.rate(items)
    assert rollup.leaderboard(items + drafts) == rollup.leaderboard(items)


@given(facts())
def test_per_person_points_add_up_to_the_points_of_owned_targets(items):
    owned = [f for f in items if f.owner is not None]
    assert sum(p for _o, p, _n in rollup.owner_leaderboard(items)) == rollup.points(owned)


@given(facts())
def test_the_company_rate_is_the_per_department_rates_weighted_by_their_counted_targets(items):
    per_dept = {}
    for dept in {f.department for f in items}:
        result = rollup.achievement(f for f in items if f.department == dept)
        per_dept[dept] = (result.rate, result.counted)
    company = rollup.rate(items)
    counted = sum(n for _r, n in per_dept.values())
    if counted == 0:
        assert company is None
        return
    weighted = sum(r * n for r, n in per_dept.values() if n) / counted
    assert abs(company - weighted) < 1e-9
    rates = [r for r, n in per_dept.values() if n]
    assert min(rates) - 1e-9 <= company <= max(rates) + 1e-9


@given(facts())
def test_the_company_year_is_consistent_with_its_months_and_quarters(items):
    year = rollup.achievement(items)
    by_quarter = rollup.company_by_period(items, rollup.quarter_of)
    assert set(by_quarter) <= {months.quarter_key(m) for m in MONTHS}
    if year.counted:
        assert min(r for r in rollup.company_by_period(items).values() if r is not None) - 1e-9 <= year.rate
        assert year.rate <= max(r for r in rollup.company_by_period(items).values() if r is not None) + 1e-9


@st.composite
def histories(draw):
    """A month's updates of a numeric target, some withdrawn."""
    first, last = months.bounds("2026-11")
    days = st.dates(first, last)
    return [ts.Reading(draw(days), seq, draw(st.floats(0, 100)), None, draw(st.booleans()))
            for seq in range(draw(st.integers(0, 8)))]


@given(histories(), st.lists(st.tuples(st.dates(date(2026, 11, 1), date(2026, 11, 30)), st.floats(0, 1000)),
                             max_size=5), st.dates(date(2026, 11, 1), date(2026, 12, 10)), st.booleans())
def test_a_withdrawn_update_never_changes_the_status(history, withdrawn, today, closed):
    def status(readings):
        return ts.status(ts.measure_of("numeric", "higher", 30.0, 40.0, readings), "2026-11", today, closed)

    extra = [ts.Reading(day, 100 + i, value, None, withdrawn=True) for i, (day, value) in enumerate(withdrawn)]
    assert status(history + extra) == status(history)
    assert ts.actual(history + extra) == ts.actual(history)


@given(histories())
def test_withdrawing_the_actual_falls_back_to_the_update_before(history):
    standing = [r for r in history if not r.withdrawn]
    assume(standing)
    latest = ts.actual(history)
    after = [ts.Reading(r.on_date, r.seq, r.value, r.done, True) if r == latest else r for r in history]
    rest = [r for r in standing if r != latest]
    assert ts.actual(after) == (max(rest, key=lambda r: (r.on_date, r.seq)) if rest else None)


@given(st.text(max_size=9))
def test_the_month_module_refuses_whatever_is_not_a_month(text):
    try:
        year, mon = months.parse(text)
    except ValueError:
        return
    assert text == f"{year:04d}-{mon:02d}" and 1 <= mon <= 12


@given(st.integers(1900, 9999), st.integers(1, 12), st.integers(-240, 240))
def test_shifting_a_month_there_and_back_is_the_identity(year, mon, delta):
    month = f"{year:04d}-{mon:02d}"
    try:
        shifted = months.shift(month, delta)
    except ValueError:  # beyond the years a month may have
        return
    assert months.shift(shifted, -delta) == month and months.is_month(shifted)
