"""The annual report's pure figures: fiscal years, target roll-ups, rankings."""
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cxgov.reports import summary
from cxgov.reports.summary import TargetFact


def test_a_calendar_fiscal_year():
    assert summary.fiscal_months(2026) == [f"2026-{m:02d}" for m in range(1, 13)]
    assert summary.fiscal_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))


def test_a_fiscal_year_starting_in_april_runs_into_the_next_calendar_year():
    months = summary.fiscal_months(2026, 4)
    assert months[0] == "2026-04" and months[-1] == "2027-03" and len(months) == 12
    assert summary.fiscal_bounds(2026, 4) == (date(2026, 4, 1), date(2027, 3, 31))


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12))
def test_fiscal_years_have_twelve_distinct_consecutive_months(year, start):
    months = summary.fiscal_months(year, start)
    assert len(set(months)) == 12 and months == sorted(months)
    assert summary.fiscal_months(year + 1, start)[0] > months[-1]


def test_target_figures_over_the_year():
    months = summary.fiscal_months(2026)
    facts = [TargetFact(1, "2026-01", "achieved", 20), TargetFact(1, "2026-01", "missed", 10),
             TargetFact(2, "2026-03", "achieved", 15), TargetFact(2, "2025-12", "achieved", 99)]
    figures = summary.target_figures(facts, months)
    assert (figures["set"], figures["achieved"], figures["points"]) == (3, 2, 35)
    assert figures["rate"] == 2 / 3
    assert figures["by_month"][:3] == [0.5, None, 1.0]


def test_a_running_month_counts_its_targets_but_not_yet_in_the_rate():
    months = summary.fiscal_months(2026)
    facts = [TargetFact(1, "2026-11", "achieved", 10), TargetFact(1, "2026-11", "missed", 10),
             TargetFact(1, "2026-12", "achieved", 20), TargetFact(1, "2026-12", "on_track", 10)]
    figures = summary.target_figures(facts, months)
    # Points are earned when the month closes (a target achieved mid-month can fall back): 10, not 30.
    assert figures["set"] == 4 and figures["achieved"] == 2 and figures["points"] == 10
    assert figures["open_months"] == ["2026-12"] and figures["rate"] == 0.5
    assert figures["by_month"][-2:] == [0.5, None]
    december = summary.department_months(facts, 1, months)[-1]
    assert december["open"] and december["rate"] is None and december["achieved"] == 1


def test_department_months_fill_every_month():
    months = summary.fiscal_months(2026)
    cells = summary.department_months([TargetFact(1, "2026-02", "achieved", 10), TargetFact(2, "2026-02", "missed", 5)],
                                      1, months)
    assert len(cells) == 12
    assert cells[1] == {"month": "2026-02", "achieved": 1, "total": 1, "open": False, "rate": 1.0, "points": 10}
    assert cells[0]["rate"] is None and cells[0]["total"] == 0


def test_ranking_puts_departments_without_targets_last():
    assert summary.ranking({1: 0.5, 2: None, 3: 0.9, 4: 0.5}) == [3, 1, 4, 2]


def test_share_needs_a_whole():
    assert summary.share(1, 0) is None and summary.share(1, 4) == 0.25


def test_a_tally_of_targets_counts_as_the_targets_it_stands_for():
    """The report reads closed months as tallies summed in SQL: the figures must equal those of the targets one by
    one, cell by cell."""
    from cxgov.targets.rollup import Tally

    months = summary.fiscal_months(2026)
    one_by_one = [TargetFact(1, "2026-02", "achieved", 10, closed=True)] * 3 + [
        TargetFact(1, "2026-02", "missed", 5, closed=True), TargetFact(1, "2026-03", "achieved", 7, approved=False,
                                                                       closed=True)]
    tallied = [Tally(1, "2026-02", "achieved", 30, closed=True, count=3), TargetFact(1, "2026-02", "missed", 5,
                                                                                      closed=True),
               Tally(1, "2026-03", "achieved", 7, approved=False, closed=True, count=1)]
    assert summary.target_figures(tallied, months) == summary.target_figures(one_by_one, months)
    assert summary.department_months(tallied, 1, months) == summary.department_months(one_by_one, 1, months)
    assert summary.department_months(tallied, 1, months)[1]["achieved"] == 3
