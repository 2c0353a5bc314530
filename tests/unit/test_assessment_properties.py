"""Invariants that tie the maturity figures together (hypothesis): scores, coverage, history, change as shown."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxgov.assessments import comparison as c
from cxgov.assessments import scoring as s
from cxgov.assessments.scoring import CycleInput, PracticeRef, RespondentRef

PRACTICES = {1: PracticeRef("LEAD", 1.0), 2: PracticeRef("LEAD", 2.0), 3: PracticeRef("LISTEN", 1.0),
             4: PracticeRef("JOURNEY", 0.5)}
WEIGHTS = {"LEAD": 2.0, "LISTEN": 1.0, "JOURNEY": 1.0}

levels = st.one_of(st.none(), st.integers(1, 5))
answer_sets = st.dictionaries(st.sampled_from(sorted(PRACTICES)), levels, max_size=4)
respondents = st.tuples(st.integers(1, 4), st.sampled_from(["self", "executive"]), st.booleans(), answer_sets)


def build(people, departments=(), calibrations=None) -> CycleInput:
    """A cycle's input from (department, perspective, submitted, answers) tuples."""
    refs, answers = {}, []
    for rid, (dept, perspective, submitted, items) in enumerate(people, start=1):
        refs[rid] = RespondentRef(dept, perspective, submitted)
        answers += [(rid, practice, level) for practice, level in items.items()]
    return CycleInput(WEIGHTS, PRACTICES, refs, answers, {}, calibrations or {}, list(departments))


@given(st.lists(respondents, max_size=8), st.data())
def test_a_department_score_uses_only_its_submitted_respondents(people, data):
    """Whatever a draft says, or whether it exists at all, no score moves."""
    redrafted = [(d, p, sub, items if sub else data.draw(answer_sets)) for d, p, sub, items in people]
    without_drafts = [person for person in people if person[2]]
    result = s.compute(build(people, departments=[1, 2, 3, 4]))
    for other in (build(redrafted, departments=[1, 2, 3, 4]), build(without_drafts, departments=[1, 2, 3, 4])):
        again = s.compute(other)
        assert again.organisation == result.organisation and again.overall == result.overall
        for dept, res in result.departments.items():
            assert again.departments[dept].scores == res.scores
            assert again.departments[dept].executive == res.executive
            assert again.departments[dept].respondents == res.respondents


@given(st.lists(respondents, max_size=8))
def test_a_department_score_is_the_mean_of_its_submitted_self_assessments(people):
    result = s.compute(build(people, departments=[1, 2, 3, 4]))
    for dept, res in result.departments.items():
        own = [s.respondent_scores(items, PRACTICES) for d, p, sub, items in people
               if d == dept and p == "self" and sub]
        for dim in WEIGHTS:
            known = [scores[dim] for scores in own if dim in scores]
            assert res.scores[dim] == (pytest.approx(sum(known) / len(known)) if known else None)


@given(st.lists(respondents, max_size=8), st.lists(st.integers(1, 6), max_size=6))
def test_the_company_figure_is_the_mean_over_the_departments_the_cycle_covered(people, extra_departments):
    """Departments without a score (no submitted self-assessment) never weigh in the company figure."""
    result = s.compute(build(people, departments=extra_departments))
    covered = s.covered(result)
    assert covered == {d for d, p, sub, items in people if p == "self" and sub
                       and s.respondent_scores(items, PRACTICES)}
    for dim in WEIGHTS:
        known = [result.departments[d].scores[dim] for d in covered if result.departments[d].scores[dim] is not None]
        assert result.organisation[dim] == (pytest.approx(sum(known) / len(known)) if known else None)
    assert s.compute(build(people)).organisation == result.organisation  # listing more departments changes nothing


def record(cycle_id, people, opens_on=date(2026, 3, 1), expected=frozenset({1, 2, 3, 4}), published=True,
           weights=None):
    """A cycle record for history and comparisons."""
    result = s.compute(build(people, departments=sorted(expected)))
    return c.CycleRecord(cycle_id, opens_on, opens_on + timedelta(days=20), published, frozenset(expected), result,
                         weights or WEIGHTS)


@given(st.lists(respondents, max_size=8), st.sampled_from([1, 2, 3]))
def test_comparing_a_cycle_with_itself_shows_no_change(people, places):
    rec = record(1, people)
    same = c.compare(rec, rec)
    assert not same.left_out and set(same.departments) == rec.covered
    for dim in (None, *WEIGHTS):
        for dept in (None, *same.departments):
            before, after = same.pair(dim, dept)
            assert before == after
            shown = c.shown_change(before, after, places)
            assert shown is None or (shown.delta == 0 and shown.direction == c.FLAT and not shown.crossed_level)


scores = st.floats(1, 5, allow_nan=False)


@given(scores, scores, st.sampled_from([1, 2, 3]))
def test_the_arrow_agrees_with_the_rounded_numbers_shown_beside_it(before, after, places):
    shown = c.shown_change(before, after, places)
    fmt = f"%.{places}f"
    then, now = Decimal(fmt % before), Decimal(fmt % after)  # exactly what the page prints
    assert fmt % shown.before == fmt % before and fmt % shown.after == fmt % after
    assert Decimal(fmt % shown.delta) == now - then
    assert shown.direction == (c.UP if now > then else c.DOWN if now < then else c.FLAT)
    assert shown.crossed_level == (s.level_of(float(then)) != s.level_of(float(now)))


def test_the_change_never_reads_minus_nothing():
    """The reproduction: 2.76 → 2.74 shows 2.8 → 2.7, so it reads ▼ -0.1, never ▼ -0.0."""
    shown = c.shown_change(2.76, 2.74, 1)
    assert (shown.before, shown.after, shown.delta, shown.direction) == (2.8, 2.7, -0.1, c.DOWN)
    hidden = c.shown_change(2.74, 2.71, 1)
    assert (hidden.delta, hidden.direction) == (0.0, c.FLAT)
    assert c.shown_change(4.35, 4.34, 1).direction == c.FLAT  # both print 4.3 (4.35 is stored just below it)


periods = st.lists(st.tuples(st.integers(0, 400), st.booleans(), st.booleans()), min_size=1, max_size=8)


def history(spec):
    """Records from (days after 2025-01-01, published, full) with a full or a one-department scope."""
    everyone = [(d, "self", True, {1: 3}) for d in (1, 2, 3, 4)]
    return [record(i, everyone if full else everyone[:1], opens_on=date(2025, 1, 1) + timedelta(days=day),
                   published=published) for i, (day, published, full) in enumerate(spec, start=1)]


@given(periods)
def test_the_company_figure_comes_from_the_latest_full_published_cycle_by_period(spec):
    records = history(spec)
    head = c.headline(c.newest_first(records))
    candidates = [r for r in records if r.published and c.is_full(r)]
    assert head == (max(candidates, key=c.key_of) if candidates else None)
    for partial in c.partials_after(head, c.newest_first(records)):
        assert not c.is_full(partial) and (head is None or c.key_of(partial) > c.key_of(head))


@given(periods, st.randoms())
def test_the_previous_cycle_ran_before_whatever_the_order_of_publication(spec, rnd):
    records = history(spec)
    shuffled = records[:]
    rnd.shuffle(shuffled)  # publishing in another order changes nothing: only periods count
    for rec in records:
        before = c.previous(rec, c.newest_first(shuffled))
        earlier = [r for r in records if r.published and c.key_of(r) < c.key_of(rec)
                   and (c.is_full(r) if c.is_full(rec) else r.covered & rec.covered)]
        assert before == (max(earlier, key=c.key_of) if earlier else None)


def test_history_out_of_period_order_is_refused():
    records = history([(1, True, False), (50, True, True)])
    with pytest.raises(ValueError):
        c.headline(records)  # oldest first: a caller forgot newest_first


def test_a_partial_cycle_says_how_much_it_covered_and_never_gives_the_company_figure():
    everyone = [(d, "self", True, {1: 4}) for d in (1, 2, 3, 4)]
    full = record(1, everyone, opens_on=date(2026, 3, 1))
    pilot = record(2, everyone[:2], opens_on=date(2026, 9, 1))
    assert c.coverage(pilot) == c.Coverage(2, 4, False, frozenset({3, 4}))
    assert c.headline(c.newest_first([full, pilot])) is full
    assert c.partials_after(full, c.newest_first([full, pilot])) == [pilot]
    assert c.latest_covering(1, c.newest_first([full, pilot])) is pilot
    assert c.latest_covering(4, c.newest_first([full, pilot])) is full


def test_a_comparison_is_like_for_like_and_says_what_it_left_out():
    before = record(1, [(1, "self", True, {1: 2, 3: 2}), (2, "self", True, {1: 5, 3: 5})],
                    weights={"LEAD": 2.0, "LISTEN": 1.0, "JOURNEY": 1.0})
    after = record(2, [(1, "self", True, {1: 3, 3: 3}), (3, "self", True, {1: 1, 3: 1})], opens_on=date(2026, 9, 1),
                   weights={"LEAD": 2.0, "LISTEN": 1.0, "CAPAB": 1.0})
    cmp = c.compare(before, after)
    assert cmp.departments == (1,) and cmp.only_before == {2} and cmp.only_after == {3}
    assert cmp.dimensions == ("LEAD", "LISTEN") and cmp.dimensions_left_out == ("CAPAB", "JOURNEY")
    assert cmp.pair("LEAD") == (2.0, 3.0) and cmp.overall == (2.0, 3.0)  # department 1 only
    assert cmp.pair(None, 1) == (2.0, 3.0)


def test_a_change_needs_both_values():
    assert c.shown_change(None, 3.0) is None and c.shown_change(3.0, None) is None
