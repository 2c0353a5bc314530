"""The bounds every door reads integers with (cxgov/bounds.py), without an app."""
import random
import re

import pytest

from cxgov.bounds import DB_INT_MAX, range_regex, whole


@pytest.mark.parametrize(("low", "high"), [(1, DB_INT_MAX), (2000, 2100), (0, 9), (5, 5), (7, 1234), (1, 10)])
def test_the_route_regex_matches_exactly_the_numbers_in_bounds(low, high):
    pattern = re.compile(range_regex(low, high))
    rng = random.Random(14)
    tried = [*range(max(0, low - 30), low + 30), *range(high - 30, high + 30),
             *(rng.randrange(0, high * 10 + 10) for _ in range(3000))]
    assert [n for n in tried if bool(pattern.fullmatch(str(n))) != (low <= n <= high)] == []
    assert not pattern.fullmatch("0" + str(high)) and not pattern.fullmatch("-1") and not pattern.fullmatch("")


@pytest.mark.parametrize(("text", "number"), [
    ("42", 42), (" 7 ", 7), ("５", 5), ("0", 0), (str(DB_INT_MAX), DB_INT_MAX),
    (str(DB_INT_MAX + 1), None), ("²", None), ("9" * 5000, None), ("-1", None), ("1e3", None), ("", None),
    (None, None), ("0x10", None), ("1_000", None),
])
def test_a_whole_number_from_a_form_is_one_a_column_holds_or_none(text, number):
    assert whole(text) == number
