"""Tallies (many targets with one outcome, summed in SQL) read by the roll-ups exactly as the targets they stand
for (hypothesis, no app)."""
from hypothesis import given
from hypothesis import strategies as st

from cxgov.targets import rollup
from cxgov.targets import status as ts
from cxgov.targets.rollup import Fact, Tally

MONTHS = ["2026-09", "2026-10", "2026-11"]


@st.composite
def facts(draw):
    """Targets of a few departments and months: approved or draft, each month closed or not (as a whole)."""
    closed = {m: draw(st.booleans()) for m in MONTHS}
    items = []
    for _ in range(draw(st.integers(0, 40))):
        month = draw(st.sampled_from(MONTHS))
        status = draw(st.sampled_from([ts.ACHIEVED, ts.MISSED] if closed[month] else [ts.ON_TRACK, ts.AT_RISK]))
        items.append(Fact(draw(st.integers(1, 4)), month, status, draw(st.integers(0, 50)), draw(st.booleans()),
                          closed[month], draw(st.sampled_from([None, 11, 12, 13]))))
    return items


def tallied(items: list[Fact], by: tuple[str, ...]) -> list[Tally]:
    """The facts summed as SQL groups them (by some keys, approval and status; the last month of a group)."""
    groups: dict = {}
    for f in items:
        key = (*(getattr(f, k) for k in by), f.approved, f.status if f.closed else None)
        groups.setdefault(key, []).append(f)
    return [Tally(g[0].department if "department" in by else None, max(f.month for f in g), g[0].status, sum(f.points
                  for f in g), g[0].approved, g[0].closed, g[0].owner if "owner" in by else None, count=len(g))
            for g in groups.values()]


@given(facts())
def test_the_company_figures_of_tallies_by_month_are_those_of_the_targets(items):
    sums = tallied(items, ("month",))
    assert rollup.achievement(sums) == rollup.achievement(items)
    assert rollup.company_by_period(sums) == rollup.company_by_period(items)
    assert rollup.company_by_period(sums, rollup.quarter_of) == rollup.company_by_period(items, rollup.quarter_of)
    assert rollup.open_months(sums) == rollup.open_months(items)


@given(facts())
def test_the_grid_and_streaks_of_tallies_by_department_and_month_are_those_of_the_targets(items):
    sums, departments = tallied(items, ("department", "month")), [1, 2, 3, 4]
    assert rollup.grid(sums, departments, MONTHS) == rollup.grid(items, departments, MONTHS)
    assert rollup.by_period(sums, rollup.year_of) == rollup.by_period(items, rollup.year_of)
    closed = sorted({f.month for f in items if f.closed})
    assert rollup.streaks(sums, departments, closed) == rollup.streaks(items, departments, closed)


@given(facts())
def test_the_leaderboards_of_tallies_over_the_year_are_those_of_the_targets(items):
    assert rollup.leaderboard(tallied(items, ("department",))) == rollup.leaderboard(items)
    owned = [f for f in items if f.owner is not None]
    assert rollup.owner_leaderboard(tallied(owned, ("owner",))) == rollup.owner_leaderboard(items)


def test_a_tally_counts_as_many_targets_as_it_stands_for():
    sums = [Tally(1, "2026-09", ts.ACHIEVED, 30, True, True, count=3), Tally(1, "2026-09", ts.MISSED, 10, True, True,
                                                                             count=1),
            Tally(1, "2026-11", None, 20, True, False, count=2)]
    assert rollup.achievement(sums) == rollup.Achievement(counted=4, achieved=3, points=30, left_out=2)
