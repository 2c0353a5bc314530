"""The pure culture metrics of the workshop series, and the month arithmetic and screening they rely on."""
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxgov.workshops import metrics as m
from cxgov.workshops import times

SHANGHAI = ZoneInfo("Asia/Shanghai")
months_strategy = st.builds(lambda y, n: f"{y:04d}-{n:02d}", st.integers(2000, 2100), st.integers(1, 12))


# --- months and time zones -----------------------------------------------------------------------

def test_local_times_are_stored_in_utc_and_read_back():
    stored = times.combine(date(2026, 12, 1), time(8, 30), SHANGHAI)
    assert stored == datetime(2026, 12, 1, 0, 30, tzinfo=UTC) and stored.tzinfo is UTC
    local = times.to_local(stored, SHANGHAI)
    assert local.replace(tzinfo=None) == datetime(2026, 12, 1, 8, 30) and local.tzinfo is SHANGHAI
    # 07:00 on the 1st in Shanghai is still the previous month in UTC: the month is the local one.
    assert times.local_month(times.combine(date(2026, 12, 1), time(7), SHANGHAI), SHANGHAI) == "2026-12"


def test_month_span_covers_a_local_month():
    start, end = times.month_span("2026-12", SHANGHAI)
    assert start == datetime(2026, 11, 30, 16, tzinfo=UTC) and end == datetime(2026, 12, 31, 16, tzinfo=UTC)


@given(months_strategy, st.integers(-600, 600))
def test_shifting_a_month_there_and_back_is_the_identity(month, count):
    assert times.shift_month(times.shift_month(month, count), -count) == month


@given(months_strategy, st.integers(0, 40))
def test_months_between_lists_consecutive_months(first, count):
    last = times.shift_month(first, count)
    months = times.months_between(first, last)
    assert len(months) == count + 1 and months[0] == first and months[-1] == last
    assert all(times.shift_month(a, 1) == b for a, b in zip(months, months[1:], strict=False))


def test_parse_month_refuses_what_is_not_a_month():
    assert times.parse_month("2026-07") == (2026, 7)
    assert [times.parse_month(t) for t in ("2026-13", "26-01", "2026/01", "", "abcd-ef")] == [None] * 5


# --- the series against the goal -----------------------------------------------------------------

def test_goal_in_force_is_the_latest_set_on_or_before_the_month():
    goals = {"2026-02": 0, "2026-03": 1, "2026-09": 2}
    assert m.goal_for("2026-01", goals) == 1  # the default before any goal
    assert m.goal_for("2026-02", goals) == 0
    assert m.goal_for("2026-08", goals) == 1
    assert m.goal_for("2027-05", goals) == 2
    assert m.goal_for("2026-01", {}, default=3) == 3


def test_series_counts_held_planned_and_cancelled_per_month_against_the_goal():
    facts = [m.WorkshopFact("2026-09", m.HELD), m.WorkshopFact("2026-09", m.HELD),
             m.WorkshopFact("2026-10", m.HELD), m.WorkshopFact("2026-10", m.CANCELLED),
             m.WorkshopFact("2026-11", m.PLANNED), m.WorkshopFact("2025-01", m.HELD)]
    rows = m.series(facts, ["2026-09", "2026-10", "2026-11"], {"2026-09": 2})
    assert [(r.month, r.goal, r.held, r.planned, r.cancelled, r.met, r.shortfall) for r in rows] == [
        ("2026-09", 2, 2, 0, 0, True, 0), ("2026-10", 2, 1, 0, 1, False, 1), ("2026-11", 2, 0, 1, 0, False, 2)]
    summary = m.summarise(rows[:2])
    assert (summary.held, summary.goal, summary.months, summary.months_met, summary.rate) == (3, 4, 2, 1, 0.5)


@given(st.lists(st.tuples(st.integers(0, 11), st.sampled_from([m.HELD, m.PLANNED, m.CANCELLED])), max_size=60),
       st.dictionaries(st.sampled_from([f"2026-{n:02d}" for n in range(1, 13)]), st.integers(0, 5), max_size=4))
def test_series_accounts_for_every_workshop_in_the_window_once(rows, goals):
    months = [f"2026-{n:02d}" for n in range(1, 13)]
    facts = [m.WorkshopFact(months[i], status) for i, status in rows]
    result = m.series(facts, months, goals)
    assert sum(r.held + r.planned + r.cancelled for r in result) == len(facts)
    assert all(r.met == (r.held >= r.goal) and r.shortfall >= 0 for r in result)
    summary = m.summarise(result)
    assert 0 <= summary.months_met <= summary.months == 12


# --- attendance, reach, conversion, ratings ------------------------------------------------------

def test_attendance_rate_counts_invitees_who_came_and_walk_ins_apart():
    rows = [m.Participation(1, True, True), m.Participation(1, True, False), m.Participation(1, True, True),
            m.Participation(1, False, True), m.Participation(2, True, False), m.Participation(3, False, True)]
    by_dept = m.attendance_by_department(rows)
    assert (by_dept[1].invited, by_dept[1].came, by_dept[1].walk_ins) == (3, 2, 1)
    assert by_dept[1].rate == pytest.approx(2 / 3)
    assert by_dept[2].rate == 0.0
    assert by_dept[3].rate is None and by_dept[3].walk_ins == 1  # walk-ins only: no rate to give
    total = m.overall_attendance(by_dept)
    assert (total.invited, total.came, total.walk_ins) == (4, 2, 2)


@given(st.lists(st.tuples(st.integers(1, 4), st.booleans(), st.booleans()), max_size=80))
def test_attendance_rates_are_shares_and_add_up(rows):
    participations = [m.Participation(d, invited, attended) for d, invited, attended in rows]
    by_dept = m.attendance_by_department(participations)
    assert all(r.rate is None or 0 <= r.rate <= 1 for r in by_dept.values())
    total = m.overall_attendance(by_dept)
    assert total.invited == sum(1 for _d, invited, _a in rows if invited)
    assert total.came + total.walk_ins == sum(1 for _d, _i, attended in rows if attended)


def test_reach_is_the_share_of_active_employees_who_attended_once_or_more():
    employees = {1: 10, 2: 10, 3: 20, 4: None}
    result = m.reach(employees, [1, 1, 3, 99])  # 99 has left the company: not counted
    assert (result.reached, result.employees, result.share) == (2, 4, 0.5)
    assert result.by_department == {10: (1, 2), 20: (1, 1), None: (0, 1)}
    assert m.reach({}, [1]).share is None


@given(st.dictionaries(st.integers(1, 60), st.one_of(st.none(), st.integers(1, 5)), max_size=40),
       st.lists(st.integers(1, 80), max_size=100))
def test_reach_never_exceeds_everyone(employees, attendees):
    result = m.reach(employees, attendees)
    assert 0 <= result.reached <= result.employees == len(employees)
    assert result.share is None or 0 <= result.share <= 1
    assert sum(r for r, _t in result.by_department.values()) == result.reached
    assert all(r <= t for r, t in result.by_department.values())


@given(st.lists(st.booleans(), max_size=50))
def test_conversion_is_converted_ideas_over_ideas(flags):
    result = m.conversion(flags)
    assert result.converted == sum(flags) and result.total == len(flags)
    assert result.rate is None if not flags else result.rate == sum(flags) / len(flags)


def test_ideas_by_kind_per_month():
    rows = [("2026-01", "pain_point"), ("2026-01", "pain_point"), ("2026-02", "improvement")]
    assert m.ideas_by_kind(rows, ["2026-01", "2026-02"], ["pain_point", "delight_point", "improvement"]) == {
        "pain_point": [2, 0], "delight_point": [0, 0], "improvement": [0, 1]}


def test_ratings_mean_and_distribution():
    result = m.ratings([5, 4, 4, 3])
    assert result.count == 4 and result.mean == 4.0 and result.distribution == (0, 0, 1, 2, 1)
    assert m.ratings([]).mean is None
    with pytest.raises(ValueError):
        m.ratings([6])


@given(st.lists(st.integers(1, 5), max_size=40))
def test_the_mean_rating_stays_on_the_scale(values):
    result = m.ratings(values)
    assert sum(result.distribution) == result.count == len(values)
    assert result.mean is None or 1 <= result.mean <= 5


# --- screening -----------------------------------------------------------------------------------

def test_quadrants_of_the_impact_effort_matrix():
    assert m.quadrant(5, 1) == "quick_win" and m.quadrant(4, 4) == "big_bet"
    assert m.quadrant(1, 1) == "fill_in" and m.quadrant(2, 5) == "money_pit"
    assert m.quadrant(None, 3) is None and m.priority(5, None) is None
    assert m.priority(5, 1) == 25 and m.priority(1, 5) == 1


@given(st.integers(1, 5), st.integers(1, 4))
def test_priority_prefers_more_impact_and_less_effort(impact, effort):
    assert 1 <= m.priority(impact, effort) <= 25
    assert m.priority(impact, effort) > m.priority(impact, effort + 1)
    if impact < 5:
        assert m.priority(impact + 1, effort) > m.priority(impact, effort)


def test_ranking_by_votes_or_by_the_matrix():
    ideas = [m.IdeaScore(1, 3, 2, 5), m.IdeaScore(2, 8, None, None), m.IdeaScore(3, 3, 5, 1), m.IdeaScore(4, 0, 4, 2)]
    assert m.rank(ideas, "votes") == [2, 3, 1, 4]  # ties on votes broken by the matrix
    assert m.rank(ideas, "matrix") == [3, 4, 1, 2]  # unscored ideas last


@given(st.lists(st.tuples(st.integers(0, 20), st.one_of(st.none(), st.integers(1, 5)),
                          st.one_of(st.none(), st.integers(1, 5))), max_size=30), st.sampled_from(["votes", "matrix"]))
def test_ranking_is_a_permutation_and_votes_never_go_up(rows, by):
    ideas = [m.IdeaScore(i, votes, impact, effort) for i, (votes, impact, effort) in enumerate(rows)]
    ranked = m.rank(ideas, by)
    assert sorted(ranked) == list(range(len(ideas)))
    if by == "votes":
        votes = [ideas[i].dot_votes for i in ranked]
        assert votes == sorted(votes, reverse=True)


def test_the_module_is_pure():
    import cxgov.workshops.metrics as module

    source = open(module.__file__, encoding="utf-8").read()
    assert "flask" not in source and "sqlalchemy" not in source and "cxgov.extensions" not in source
