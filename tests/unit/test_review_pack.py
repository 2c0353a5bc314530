"""The quarterly pack's pure computations: quarters, traffic lights, sections."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxgov.reviews import pack
from cxgov.reviews.pack import ActionFact, TargetFact

CS = {"id": 1, "code": "CS", "name_en": "Customer Service", "name_zh": "客户服务部"}
FIN = {"id": 2, "code": "FIN", "name_en": "Finance", "name_zh": "财务部"}


def fact(dept, month, status, points=10, title="T"):
    return TargetFact(dept, month, status, points, title, "Li Na")


def test_quarter_months_and_neighbours():
    assert pack.quarter_months(2026, 1) == ["2026-01", "2026-02", "2026-03"]
    assert pack.quarter_months(2026, 4) == ["2026-10", "2026-11", "2026-12"]
    assert pack.quarter_of(date(2026, 12, 2)) == (2026, 4)
    assert pack.previous_quarter(2026, 1) == (2025, 4)
    assert pack.previous_quarter(2026, 3) == (2026, 2)


@pytest.mark.parametrize("rate,expected", [(None, "none"), (0.0, "red"), (0.49, "red"), (0.5, "amber"),
                                           (0.79, "amber"), (0.8, "green"), (1.0, "green")])
def test_traffic_light_thresholds(rate, expected):
    assert pack.light(rate) == expected


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_a_better_rate_never_gets_a_worse_light(a, b):
    order = ["red", "amber", "green"]
    low, high = sorted((a, b))
    assert order.index(pack.light(low)) <= order.index(pack.light(high))


def test_targets_section_counts_each_month_and_the_quarter():
    months = pack.quarter_months(2026, 3)
    facts = [fact(1, "2026-07", "achieved", 20), fact(1, "2026-07", "missed"), fact(1, "2026-08", "achieved", 15),
             fact(2, "2026-09", "missed"), fact(1, "2026-10", "achieved")]  # October is another quarter
    section = pack.targets_section(facts, [CS, FIN], months)
    cs, fin = section["rows"]
    assert [c["total"] for c in cs["months"]] == [2, 1, 0]
    assert [c["light"] for c in cs["months"]] == ["amber", "green", "none"]
    assert cs["quarter"] == {"achieved": 2, "total": 3, "rate": 2 / 3, "light": "amber", "points": 35}
    assert fin["quarter"]["light"] == "red" and fin["quarter"]["points"] == 0
    assert [c["total"] for c in section["company"]] == [2, 1, 1]
    assert section["quarter"]["achieved"] == 2 and section["quarter"]["total"] == 4


def test_a_month_still_running_has_no_light_yet_and_stays_out_of_the_quarter():
    months = pack.quarter_months(2026, 4)
    facts = [fact(1, "2026-10", "achieved"), fact(1, "2026-10", "missed"), fact(1, "2026-12", "on_track"),
             fact(1, "2026-12", "achieved")]
    section = pack.targets_section(facts, [CS], months)
    october, _november, december = section["rows"][0]["months"]
    assert october["light"] == "amber" and december["light"] == "open" and december["rate"] is None
    assert december["achieved"] == 1 and december["total"] == 2
    assert section["rows"][0]["quarter"]["total"] == 2 and section["running"] == ["2026-12"]


def test_problem_targets_lists_missed_before_at_risk_and_skips_the_rest():
    months = pack.quarter_months(2026, 4)
    facts = [fact(1, "2026-11", "at_risk", title="b"), fact(2, "2026-10", "missed", title="a"),
             fact(1, "2026-10", "achieved"), fact(1, "2026-12", "on_track"), fact(1, "2026-07", "missed")]
    rows = pack.problem_targets(facts, {1: CS, 2: FIN}, months)
    assert [(r["title"], r["status"], r["department"]["code"]) for r in rows] == [("a", "missed", "FIN"),
                                                                                  ("b", "at_risk", "CS")]


def action(due, status="open", created=date(2026, 1, 1), done=None):
    return ActionFact("Call back", "Li Na", CS, due, status, created, done)


def test_actions_section_as_of_a_day():
    as_of = date(2026, 10, 10)
    items = [action(date(2026, 10, 1)),  # overdue by 9 days
             action(date(2026, 10, 30), "in_progress"),  # open, not yet due
             action(date(2026, 8, 1), "done", done=date(2026, 8, 20)),  # done in Q3
             action(date(2026, 9, 1), "done", done=date(2026, 10, 20)),  # done after the day: still open then
             action(date(2026, 9, 1), "dropped"),
             action(date(2026, 9, 1), created=date(2026, 11, 1))]  # did not exist yet
    section = pack.actions_section(items, as_of, pack.quarter_months(2026, 3))
    assert section["open"] == 3
    assert section["overdue"] == 2
    assert section["done_in_quarter"] == 1
    assert [(a["due_on"], a["days_overdue"]) for a in section["overdue_items"]] == [("2026-09-01", 39),
                                                                                    ("2026-10-01", 9)]


def test_workshops_section_counts_held_workshops_only():
    months = pack.quarter_months(2026, 3)
    rows = [{"title": "A", "date": "2026-07-10", "month": "2026-07", "status": "held", "invited": 10, "came": 8,
             "attendees": 9, "ideas": 4, "promoted": 1},
            {"title": "B", "date": "2026-08-10", "month": "2026-08", "status": "cancelled", "invited": 10, "came": 0,
             "attendees": 0, "ideas": 0, "promoted": 0},
            {"title": "C", "date": "2026-09-10", "month": "2026-09", "status": "held", "invited": 10, "came": 4,
             "attendees": 5, "ideas": 2, "promoted": 0}]
    section = pack.workshops_section(rows, {"2026-07": 1, "2026-08": 1, "2026-09": 1}, months)
    assert (section["held"], section["goal"], section["attendees"], section["ideas"]) == (2, 3, 14, 6)
    assert section["attendance_rate"] == pytest.approx(12 / 20)
    assert [w["title"] for w in section["items"]] == ["A", "C"]


def test_no_published_cycle_means_no_maturity_section():
    assert pack.maturity_section(None, None, [], []) is None
