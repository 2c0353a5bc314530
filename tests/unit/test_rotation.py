"""The rotation scheduler: worked examples and its invariants as properties (hypothesis)."""
from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from cxgov.teams import rotation as r
from cxgov.teams.rotation import Plan, Slot

Q1_2025 = date(2025, 1, 1)

cadences = st.sampled_from(sorted(r.CADENCES))
starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
pools = st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=8, unique=True)


@st.composite
def plans(draw, with_leaves=True, min_pool=1):
    """A plan with a pool and, optionally, leave periods placed where the terms are."""
    pool = tuple(draw(pools.filter(lambda p: len(p) >= min_pool)))
    cadence, start = draw(cadences), draw(starts)
    leaves = {}
    if with_leaves:
        horizon = (r.term_dates(cadence, start, 30)[1] - start).days
        for person in draw(st.lists(st.sampled_from(pool), max_size=6)):
            first = start + timedelta(days=draw(st.integers(-60, horizon)))
            length = draw(st.integers(0, 400))
            leaves.setdefault(person, []).append((first, first + timedelta(days=length)))
    return Plan(cadence, start, pool, {p: tuple(v) for p, v in leaves.items()})


def directors(slots):
    return [s.director for s in slots]


def available(plan, index):
    return r.available_people(plan, index)


# --- worked examples -------------------------------------------------------------------------------------------

def test_quarterly_terms_follow_the_calendar_quarters():
    assert r.term_dates("quarterly", Q1_2025, 0) == (date(2025, 1, 1), date(2025, 3, 31))
    assert r.term_dates("quarterly", Q1_2025, 7) == (date(2026, 10, 1), date(2026, 12, 31))
    assert r.term_index_on("quarterly", Q1_2025, date(2026, 11, 22)) == 7
    assert r.term_index_on("quarterly", Q1_2025, date(2024, 12, 31)) is None


def test_a_month_end_start_is_clamped_without_drifting():
    assert r.term_dates("monthly", date(2025, 1, 31), 1) == (date(2025, 2, 28), date(2025, 3, 30))
    assert r.term_dates("monthly", date(2025, 1, 31), 2)[0] == date(2025, 3, 31)


def test_the_pool_serves_in_order_and_someone_on_leave_is_skipped_then_served():
    plan = Plan("quarterly", Q1_2025, (1, 2, 3, 4), {3: ((date(2025, 7, 10), date(2025, 9, 1)),)})
    slots = r.schedule(plan, 6)
    assert directors(slots) == [1, 2, 4, 3, 1, 2]
    assert slots[2].skipped == (3,) and slots[3].skipped == ()


def test_nobody_available_leaves_the_term_vacant():
    plan = Plan("monthly", Q1_2025, (1, 2), {1: ((Q1_2025, Q1_2025),), 2: ((Q1_2025, Q1_2025),)})
    assert r.schedule(plan, 2)[0] == Slot(None, skipped=(1, 2))


def test_a_pin_is_kept_and_the_rest_is_scheduled_around_it():
    plan = Plan("quarterly", Q1_2025, (1, 2, 3))
    slots = r.schedule(plan, 4, pinned={1: 3})
    assert directors(slots) == [1, 3, 2, 1] and slots[1].pinned


def test_a_pin_on_someone_who_left_or_is_away_is_dropped():
    plan = Plan("quarterly", Q1_2025, (1, 2, 3), {2: ((date(2025, 4, 1), date(2025, 4, 2)),)})
    assert r.valid_pins(plan, {1: 2, 2: 9, 3: 3}, first=0) == {3: 3}


def test_a_new_plan_does_not_start_with_the_previous_plans_last_director():
    plan = Plan("quarterly", Q1_2025, (1, 2, 3), before=1)
    assert directors(r.schedule(plan, 4)) == [2, 1, 3, 2]


# --- properties ------------------------------------------------------------------------------------------------

@given(cadences, starts, st.integers(0, 60), st.integers(0, 4000))
def test_terms_follow_each_other_without_gap_or_overlap(cadence, start, index, offset):
    first, last = r.term_dates(cadence, start, index)
    assert first <= last and r.term_dates(cadence, start, index + 1)[0] == last + timedelta(days=1)
    day = start + timedelta(days=offset)
    found = r.term_index_on(cadence, start, day)
    assert r.term_dates(cadence, start, found)[0] <= day <= r.term_dates(cadence, start, found)[1]


@given(plans(), st.integers(1, 30))
def test_every_term_has_exactly_one_director_from_the_available_pool(plan, count):
    slots = r.schedule(plan, count)
    assert len(slots) == count
    for index, slot in enumerate(slots):
        free = available(plan, index)
        if free:
            assert slot.director in free
        else:
            assert slot.director is None


@given(plans(min_pool=2), st.integers(1, 30))
def test_nobody_serves_two_terms_in_a_row_while_someone_else_is_available(plan, count):
    slots = r.schedule(plan, count)
    for index in r.repeats(slots, plan.before):
        assert set(available(plan, index)) <= {slots[index].director}


@given(plans(with_leaves=False), st.integers(0, 12), st.lists(st.integers(1, 70), max_size=12))
def test_over_any_run_as_long_as_the_pool_everyone_serves_once(plan, start, history):
    """After any history (even directors who have left the pool), a run of len(pool) terms is a full round."""
    fixed = [Slot(person) for person in history]
    slots = r.schedule(plan, len(fixed) + start + 2 * len(plan.pool), fixed=fixed)
    future = directors(slots)[len(fixed):]
    for first in range(len(future) - len(plan.pool) + 1):
        assert sorted(future[first:first + len(plan.pool)]) == sorted(plan.pool)


@given(plans(), st.integers(1, 30))
def test_a_run_in_which_everyone_is_available_is_a_full_round(plan, count):
    slots = r.schedule(plan, count)
    size = len(plan.pool)
    for first in range(count - size + 1):
        run = range(first, first + size)
        if all(len(available(plan, i)) == size for i in run):
            assert sorted(slots[i].director for i in run) == sorted(plan.pool)


@given(pools.filter(lambda p: len(p) >= 2), cadences, st.data())
def test_someone_away_is_skipped_and_serves_at_the_first_term_they_are_back(pool, cadence, data):
    away = data.draw(st.sampled_from(pool))
    first, length = data.draw(st.integers(0, 20)), data.draw(st.integers(1, 6))
    leave = (r.term_dates(cadence, Q1_2025, first)[0], r.term_dates(cadence, Q1_2025, first + length - 1)[1])
    plan = Plan(cadence, Q1_2025, tuple(pool), {away: (leave,)})
    slots = r.schedule(plan, first + length + len(pool) + 2)
    skipped = [i for i, slot in enumerate(slots) if away in slot.skipped]
    for index in skipped:
        assert index in range(first, first + length)
    if skipped:
        assert slots[first + length].director == away


@given(plans(min_pool=2), st.integers(1, 30))
def test_people_skipped_for_being_away_come_first_once_back(plan, count):
    """Whenever someone who was skipped (and has not served since) is available, one of them directs."""
    slots = r.schedule(plan, count)
    owed: set[int] = set()
    for index, slot in enumerate(slots):
        if owed & set(available(plan, index)):
            assert slot.director in owed
        owed.discard(slot.director)
        owed |= set(slot.skipped)


@given(plans(min_pool=2), st.integers(2, 30), st.data())
def test_when_someone_leaves_the_pool_only_future_terms_change(plan, count, data):
    """Leaving the pool and deactivation look the same to the scheduler: the person is no longer in the pool."""
    keep = data.draw(st.integers(0, count))
    gone = data.draw(st.sampled_from(plan.pool))
    before = r.schedule(plan, count)
    smaller = Plan(plan.cadence, plan.starts_on, tuple(p for p in plan.pool if p != gone), plan.leaves)
    after = r.schedule(smaller, count, fixed=before[:keep])
    assert after[:keep] == before[:keep]
    assert gone not in directors(after[keep:])
    for index in r.repeats(after):
        if index >= keep:
            assert set(available(smaller, index)) <= {after[index].director}


@given(plans(), st.integers(1, 30), st.data())
def test_regenerating_with_nothing_changed_changes_nothing(plan, count, data):
    slots = r.schedule(plan, count)
    keep = data.draw(st.integers(0, count))
    assert r.schedule(plan, count, fixed=slots[:keep]) == slots


@given(plans(with_leaves=False, min_pool=3), st.data())
def test_valid_pins_are_honoured_and_the_rest_stays_fair(plan, data):
    count = 3 * len(plan.pool)
    index = data.draw(st.integers(1, count - 1))
    person = data.draw(st.sampled_from(plan.pool))
    slots = r.schedule(plan, count, pinned={index: person})
    assert slots[index] == Slot(person, pinned=True)
    assume(not r.repeats(slots))
    counts = [directors(slots).count(p) for p in plan.pool]
    assert max(counts) - min(counts) <= 2
