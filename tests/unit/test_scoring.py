"""Maturity scoring: worked examples and invariants (hypothesis)."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxgov.assessments import scoring as s
from cxgov.assessments.comparison import ShownChange, shown_change
from cxgov.assessments.scoring import CycleInput, PracticeRef, RespondentRef

PRACTICES = {1: PracticeRef("LEAD", 1.0), 2: PracticeRef("LEAD", 3.0), 3: PracticeRef("LISTEN", 1.0)}
WEIGHTS = {"LEAD": 2.0, "LISTEN": 1.0}


def test_dimension_score_is_the_weighted_mean_of_answered_practices():
    assert s.respondent_scores({1: 1, 2: 5, 3: 3}, PRACTICES) == {"LEAD": 4.0, "LISTEN": 3.0}


def test_not_applicable_leaves_the_denominator():
    assert s.respondent_scores({1: 2, 2: None, 3: None}, PRACTICES) == {"LEAD": 2.0}


@pytest.mark.parametrize("score,level", [(1.0, 1), (2.999, 2), (3.0, 3), (2.9999999999, 3), (4.99, 4), (5.0, 5),
                                         (0.5, 1), (None, None)])
def test_level_of_a_score(score, level):
    assert s.level_of(score) == level


def test_change_flags_a_crossed_level_boundary():
    # The change lives in comparison.shown_change now: computed from the values as shown (see test_comparison).
    assert shown_change(2.8, 3.1) == ShownChange(2.8, 3.1, 0.3, "up", 1, 2, 3)
    assert shown_change(2.8, 3.1).crossed_level is True
    assert shown_change(3.1, 3.4).crossed_level is False
    assert shown_change(None, 3.0) is None


def cycle(answers, respondents, targets=None, calibrations=None):
    return s.compute(CycleInput(WEIGHTS, PRACTICES, respondents, answers, targets or {}, calibrations or {}))


def test_a_worked_example_through_every_level():
    respondents = {10: RespondentRef(1), 11: RespondentRef(1), 20: RespondentRef(2), 30: RespondentRef(1, "executive")}
    answers = [(10, 1, 2), (10, 2, 2), (10, 3, 4),   # dept 1, respondent A: LEAD 2, LISTEN 4
               (11, 1, 4), (11, 2, 4), (11, 3, None),  # dept 1, respondent B: LEAD 4, LISTEN n/a
               (20, 1, 5), (20, 2, 5), (20, 3, 1),   # dept 2: LEAD 5, LISTEN 1
               (30, 1, 1), (30, 2, 1), (30, 3, 2)]   # the executive's view of dept 1
    result = cycle(answers, respondents, targets={"LEAD": 4.0, "LISTEN": 3.0})
    d1 = result.departments[1]
    assert d1.raw["LEAD"] == s.Spread(3.0, 1.0, 2.0, 4.0, 2)
    assert d1.raw["LISTEN"].mean == 4.0 and d1.raw["LISTEN"].n == 1
    assert d1.overall == pytest.approx((3.0 * 2 + 4.0 * 1) / 3)
    assert d1.respondents == 2
    assert d1.perception_gap == {"LEAD": -2.0, "LISTEN": -2.0}  # executives see it lower than it sees itself
    assert result.organisation == {"LEAD": 4.0, "LISTEN": 2.5}
    assert result.walls["LEAD"].sd == pytest.approx(1.0) and result.walls["LISTEN"].sd == pytest.approx(1.5)
    assert result.target_gaps == {"LEAD": 0.0, "LISTEN": 0.5}
    assert [pid for pid, _ in s.weakest_practices(result.practice_means, 2)] == [3, 1]
    assert s.top_gaps(result, {"LEAD": 4.0, "LISTEN": 3.0}) == [(2, "LISTEN", 2.0), (1, "LEAD", 1.0)]


def test_a_calibrated_score_replaces_the_raw_mean_and_keeps_the_raw_visible():
    respondents = {10: RespondentRef(1), 20: RespondentRef(2)}
    answers = [(10, 1, 5), (10, 2, 5), (20, 1, 3), (20, 2, 3)]
    result = cycle(answers, respondents, calibrations={(1, "LEAD"): 3.5})
    assert result.departments[1].raw["LEAD"].mean == 5.0
    assert result.departments[1].scores["LEAD"] == 3.5
    assert result.organisation["LEAD"] == pytest.approx(3.25)


def test_a_cycle_without_answers_has_no_scores():
    result = cycle([], {10: RespondentRef(1)})
    assert result.overall is None and result.departments[1].overall is None
    assert result.departments[1].respondents == 0


levels = st.one_of(st.none(), st.integers(1, 5))
answer_sets = st.dictionaries(st.sampled_from([1, 2, 3]), levels, min_size=1)


@given(answer_sets)
def test_scores_stay_between_one_and_five(answers):
    for score in s.respondent_scores(answers, PRACTICES).values():
        assert 1.0 <= score <= 5.0


@given(answer_sets, st.sampled_from([1, 2, 3]))
def test_adding_a_not_applicable_answer_changes_nothing(answers, practice):
    if practice in answers:
        return
    assert s.respondent_scores({**answers, practice: None}, PRACTICES) == s.respondent_scores(answers, PRACTICES)


@given(st.lists(st.floats(1, 5), min_size=1, max_size=12))
def test_spread_mean_lies_within_the_range_and_equal_values_have_no_spread(values):
    result = s.spread(values)
    assert result.low - 1e-9 <= result.mean <= result.high + 1e-9
    assert result.sd >= 0 and result.n == len(values)
    assert s.spread([values[0]] * len(values)).sd < 1e-9


@given(st.lists(st.tuples(st.floats(1, 5), st.floats(0.1, 10)), min_size=1, max_size=10))
def test_weighted_mean_of_identical_values_is_that_value_whatever_the_weights(pairs):
    value = pairs[0][0]
    assert math.isclose(s.weighted_mean((value, w) for _, w in pairs), value, rel_tol=1e-9)


@given(st.dictionaries(st.integers(1, 6), st.lists(st.tuples(st.sampled_from([1, 2, 3]), levels), max_size=3),
                       min_size=1))
def test_organisation_score_is_the_mean_of_department_scores(dept_answers):
    respondents, answers = {}, []
    for dept, items in dept_answers.items():
        respondents[dept * 10] = RespondentRef(dept)
        answers += [(dept * 10, practice, level) for practice, level in items]
    result = cycle(answers, respondents)
    for dim in WEIGHTS:
        known = [r.scores[dim] for r in result.departments.values() if r.scores[dim] is not None]
        expected = sum(known) / len(known) if known else None
        assert result.organisation[dim] == (pytest.approx(expected) if expected is not None else None)
