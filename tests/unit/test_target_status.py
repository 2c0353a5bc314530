"""Target status and progress, and the roll-ups."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxgov.targets import rollup
from cxgov.targets.rollup import Fact
from cxgov.targets.status import (
    ACHIEVED,
    AT_RISK,
    MISSED,
    ON_TRACK,
    Measure,
    close_date,
    drafting_window,
    elapsed_share,
    is_met,
    progress,
    shift_month,
    status,
)

NPS = Measure("numeric", "higher", baseline=30, target=40)
WAIT = Measure("numeric", "lower", baseline=120, target=60)


def test_higher_is_better_progress_and_met():
    assert progress(Measure(**{**NPS.__dict__, "actual": 35})) == 0.5
    assert is_met(Measure(**{**NPS.__dict__, "actual": 40}))
    assert not is_met(Measure(**{**NPS.__dict__, "actual": 39.9}))


def test_lower_is_better_progress_and_met():
    assert progress(Measure(**{**WAIT.__dict__, "actual": 90})) == 0.5
    assert is_met(Measure(**{**WAIT.__dict__, "actual": 55}))
    assert progress(Measure(**{**WAIT.__dict__, "actual": 150})) == 0.0


def test_milestone_is_met_when_done():
    assert is_met(Measure("milestone", done=True)) and not is_met(Measure("milestone", done=False))
    assert progress(Measure("milestone")) == 0.0


@pytest.mark.parametrize("actual,today,closed,expected", [
    (40, date(2026, 11, 10), False, ACHIEVED),
    (36, date(2026, 11, 15), False, ON_TRACK),   # 60% of the way at half the month
    (31, date(2026, 11, 25), False, AT_RISK),    # 10% of the way with most of the month gone
    (None, date(2026, 11, 3), False, ON_TRACK),  # early days
    (39, date(2026, 12, 6), True, MISSED),
    (41, date(2026, 12, 6), True, ACHIEVED),
])
def test_status_from_progress_against_time(actual, today, closed, expected):
    assert status(Measure(**{**NPS.__dict__, "actual": actual}), "2026-11", today, closed) == expected


def test_calendar_helpers():
    assert shift_month("2026-01", -1) == "2025-12" and shift_month("2026-12", 1) == "2027-01"
    assert drafting_window("2026-03", 20, 5) == (date(2026, 2, 20), date(2026, 3, 5))
    assert close_date("2026-12", 5) == date(2027, 1, 5)
    assert close_date("2026-01", 31) == date(2026, 2, 28)
    assert elapsed_share("2026-11", date(2026, 10, 1)) == 0 and elapsed_share("2026-11", date(2026, 12, 1)) == 1


@given(st.floats(0, 200), st.floats(0, 200), st.floats(0, 300), st.sampled_from(["higher", "lower"]))
def test_progress_stays_between_zero_and_one(baseline, target, actual, direction):
    share = progress(Measure("numeric", direction, baseline, target, actual))
    assert 0.0 <= share <= 1.0


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
def test_a_met_target_is_achieved_whatever_the_day(day):
    assert status(Measure(**{**NPS.__dict__, "actual": 45}), "2026-06", day, closed=day > date(2026, 7, 5)) \
        == ACHIEVED


FACTS = [Fact(1, "2026-09", ACHIEVED, 10), Fact(1, "2026-09", MISSED, 5), Fact(1, "2026-10", ACHIEVED, 10),
         Fact(1, "2026-11", ACHIEVED, 20), Fact(2, "2026-10", MISSED, 10), Fact(2, "2026-11", ACHIEVED, 10)]


def test_rates_points_and_periods():
    assert rollup.rate(FACTS) == 4 / 6
    assert rollup.points(FACTS) == 50
    assert rollup.by_period(FACTS)[(1, "2026-09")] == 0.5
    assert rollup.by_period(FACTS, rollup.quarter_of)[(1, "2026-Q4")] == 1.0
    assert rollup.company_by_period(FACTS, rollup.year_of) == {"2026": 4 / 6}


def test_streaks_and_leaderboard_and_grid():
    months = ["2026-09", "2026-10", "2026-11"]
    assert rollup.streak(FACTS, 1, months) == 3 and rollup.streak(FACTS, 2, months) == 1
    assert rollup.leaderboard(FACTS) == [(1, 40, 0.75), (2, 10, 0.5)]
    assert rollup.grid(FACTS, [1, 2], months)[2] == {"2026-09": None, "2026-10": 0.0, "2026-11": 1.0}


@given(st.lists(st.builds(Fact, st.integers(1, 4), st.sampled_from(["2026-10", "2026-11"]),
                          st.sampled_from([ACHIEVED, MISSED, ON_TRACK, AT_RISK]), st.integers(0, 50))))
def test_leaderboard_points_add_up_to_the_total(facts):
    assert sum(p for _d, p, _r in rollup.leaderboard(facts)) == rollup.points(facts)
    for value in rollup.by_period(facts).values():
        assert value is None or 0.0 <= value <= 1.0


# --- the one month module -------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["x", "", "2026-13", "2026-00", "26-01", "2026/01", "2026-1", " 2026-01", "0999-12",
                                 None, 202601])
def test_a_malformed_month_is_refused_not_turned_into_another(bad):
    from cxgov import months
    from cxgov.workshops import times

    for call in (lambda: months.parse(bad), lambda: months.shift(bad, 1), lambda: months.bounds(bad),
                 lambda: months.quarter_of(bad), lambda: months.year_of(bad), lambda: shift_month(bad, -1)):
        with pytest.raises(ValueError):
            call()
    assert times.parse_month(bad) is None  # an older copy made "x" shift into "-001-12"


def test_month_arithmetic_in_one_place():
    from cxgov import months
    from cxgov.reviews import pack

    assert months.shift("2026-12", 1) == "2027-01" and months.shift("2026-01", -13) == "2024-12"
    assert months.bounds("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    assert months.quarter_of("2026-11") == (2026, 4) and rollup.quarter_of("2026-11") == "2026-Q4"
    assert rollup.year_of("2026-11") == "2026" and pack.quarter_of(date(2026, 12, 2)) == (2026, 4)
    assert months.between("2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert months.previous_quarter(2026, 1) == (2025, 4)


def test_every_code_the_target_gates_raise_is_worded():
    import re
    from pathlib import Path

    import cxgov.targets.labels  # noqa: F401 - registers the wordings
    from cxgov import rules
    from cxgov.targets import checks

    package = Path(__file__).resolve().parents[2] / "cxgov" / "targets"
    pattern = re.compile(r'Refusal\("([a-z_]+)"|Invalid\(\{"[a-z_]+": "([a-z_]+)"|\] = "([a-z_]+)"|return "([a-z_]+)"'
                         r'|: "([a-z_]+)" for ')
    codes = {group for name in ("operations.py", "checks.py")
             for match in pattern.finditer((package / name).read_text(encoding="utf-8")) for group in match.groups()
             if group}
    codes |= {f"{field}_too_long" for field in checks.TEXT_LIMITS}
    assert len(codes) > 30, "the pattern finds the gates' refusals"
    assert sorted(c for c in codes if not rules.is_worded(c)) == []
