"""Numbers as people type them: read what is plain, refuse what is ambiguous (never 42，5 → 425)."""
import pytest

from cxgov import numbers


@pytest.mark.parametrize("typed,number", [
    ("42", 42.0), ("3.5", 3.5), ("-0.5", -0.5), ("４２", 42.0), ("１，２５０．５", 1250.5), ("1,250", 1250.0),
    ("12,345,678.25", 12345678.25), (" 7 ", 7.0), ("", None), ("   ", None),
])
def test_plain_numbers_are_read(typed, number):
    assert numbers.parse(typed) == number


@pytest.mark.parametrize("typed", ["42，5", "42,5", "1,25", "1,2345", ",5", "abc", "nan", "inf", "1e999", "4 2x"])
def test_ambiguous_or_odd_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        numbers.parse(typed)
