"""How the director's terms are spread: served, days, planned and skipped, per person and per department."""
from datetime import date

from cxgov.teams.spread import TermFact, spread

TODAY = date(2027, 5, 10)
Q1, Q2, Q3 = ((date(2027, 1, 1), date(2027, 3, 31)), (date(2027, 4, 1), date(2027, 6, 30)),
              (date(2027, 7, 1), date(2027, 9, 30)))


def test_started_terms_are_served_to_today_and_later_ones_planned():
    terms = [TermFact(1, *Q1), TermFact(2, *Q2, skipped=(3,)), TermFact(1, *Q3)]
    result = spread(terms, pool=[1, 2, 3], department_of={1: 10, 2: 20, 3: 10}, today=TODAY)
    by_person = {s.key: (s.served, s.days, s.planned, s.skipped) for s in result.people}
    assert by_person == {1: (1, 90, 1, 0), 2: (1, 40, 0, 0), 3: (0, 0, 0, 1)}  # Q2 served 1 April–10 May
    assert [s.key for s in result.people] == [1, 2, 3]  # most served, then most days
    by_department = {s.key: (s.served, s.days, s.planned, s.skipped) for s in result.departments}
    assert by_department == {10: (1, 90, 1, 1), 20: (1, 40, 0, 0)}
    assert result.gap == 1 and not result.uneven


def test_a_person_serving_two_more_terms_than_another_makes_the_spread_uneven():
    terms = [TermFact(1, *Q1), TermFact(1, *Q2), TermFact(None, *Q3)]  # a vacant term counts for nobody
    result = spread(terms, pool=[1, 2], department_of={}, today=date(2027, 8, 1))
    assert [(s.key, s.served) for s in result.people] == [(1, 2), (2, 0)]
    assert result.gap == 2 and result.uneven
    assert [(s.key, s.served) for s in result.departments] == [(None, 2)]  # people without a department together


def test_nobody_no_gap():
    result = spread([], pool=[], department_of={}, today=TODAY)
    assert result.people == [] and result.gap == 0 and not result.uneven
