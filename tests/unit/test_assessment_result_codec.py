"""A cycle's results survive storing as JSON exactly (hypothesis): int keys, order, every float, None and Spread."""
import json

from hypothesis import given
from hypothesis import strategies as st

from cxgov.assessments import result_store
from cxgov.assessments import scoring as s
from cxgov.assessments.scoring import CycleInput, PracticeRef, RespondentRef

PRACTICES = {1: PracticeRef("LEAD", 1.0), 2: PracticeRef("LEAD", 2.0), 3: PracticeRef("LISTEN", 1.0),
             4: PracticeRef("旅程", 0.5)}
WEIGHTS = {"LEAD": 2.0, "LISTEN": 1.0, "旅程": 1.0}

levels = st.one_of(st.none(), st.integers(1, 5))
people = st.lists(st.tuples(st.integers(1, 5), st.sampled_from(["self", "executive"]), st.booleans(),
                            st.dictionaries(st.sampled_from(sorted(PRACTICES)), levels, max_size=4)), max_size=8)
calibrations = st.dictionaries(st.tuples(st.integers(1, 6), st.sampled_from(sorted(WEIGHTS))),
                               st.floats(1, 5), max_size=4)
targets = st.dictionaries(st.sampled_from(sorted(WEIGHTS)), st.floats(1, 5), max_size=3)
scores = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))
spreads = st.builds(s.Spread, scores, scores, scores, scores, st.integers(0, 10**6))
keys = st.text(max_size=12)


def _through_json(result: s.CycleResult) -> s.CycleResult:
    """Encoded, written as JSON text (as the database column holds it), read back and decoded."""
    return result_store.decode(json.loads(json.dumps(result_store.encode(result))))


def _same(a: s.CycleResult, b: s.CycleResult) -> None:
    """Equal, with every dict in the same order (pages iterate them)."""
    assert a == b
    assert list(a.departments) == list(b.departments) and list(a.practice_means) == list(b.practice_means)
    for dept, res in a.departments.items():
        assert list(res.scores) == list(b.departments[dept].scores)
        assert list(res.raw) == list(b.departments[dept].raw)


@given(people, calibrations, targets, st.lists(st.integers(1, 6), max_size=6))
def test_computed_results_come_back_equal(rows, calibrated, wanted, departments):
    refs, answers = {}, []
    for rid, (dept, perspective, submitted, items) in enumerate(rows, start=1):
        refs[rid] = RespondentRef(dept, perspective, submitted)
        answers += [(rid, practice, level) for practice, level in items.items()]
    result = s.compute(CycleInput(WEIGHTS, PRACTICES, refs, answers, wanted, calibrated, departments))
    _same(_through_json(result), result)


departments = st.builds(
    s.DepartmentResult, st.dictionaries(keys, spreads, max_size=3), st.dictionaries(keys, st.floats(1, 5), max_size=2),
    st.dictionaries(keys, scores, max_size=3), scores, st.integers(0, 500), st.dictionaries(keys, scores, max_size=3),
    st.dictionaries(keys, scores, max_size=3))
results = st.builds(
    s.CycleResult, st.dictionaries(st.integers(-5, 10**9), departments, max_size=4),
    st.dictionaries(keys, scores, max_size=3), scores, st.dictionaries(keys, scores, max_size=3),
    st.dictionaries(keys, spreads, max_size=3), st.dictionaries(st.integers(0, 10**9), spreads, max_size=4))


@given(results)
def test_any_results_come_back_equal(result):
    """Odd values too: None everywhere, no departments, negative zero, tiny and huge floats, any dimension code."""
    _same(_through_json(result), result)
