"""Integers from outside are bounded to what every database column of ours can hold.

Ids, versions, counts and years are INTEGER columns: 32 bits on PostgreSQL, 64 on SQLite. A number past
that cannot name a row or be stored, and used to fail in the database driver (a 500) instead of being
answered. Each door checks once, here: the URL's `<int:…>` (404; a `<int:year>` to the app's years), a
query or form value read with `type=int` (404), an API argument (422, cxgov/api/blueprint.py) and a
lookup by id (no such row, cxgov/extensions.py).
"""
from __future__ import annotations

from flask import Flask, Request, abort
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict
from werkzeug.routing import IntegerConverter, Rule, ValidationError
from werkzeug.utils import cached_property

DB_INT_MIN, DB_INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL's INTEGER, the narrower of our two databases
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a review, an alignment or a report may have (forms, CLI, rules)
_DIGITS = len(str(DB_INT_MAX))


def holds(value: object) -> bool:
    """True for an int (not a bool) every database column of ours can store."""
    return isinstance(value, int) and not isinstance(value, bool) and DB_INT_MIN <= value <= DB_INT_MAX


def _between(low: str, high: str) -> str:
    """A regex for the numbers from low to high, both written with the same number of digits."""
    if not low:
        return ""
    rest = len(low) - 1
    if low[0] == high[0]:
        return low[0] + f"(?:{_between(low[1:], high[1:])})"
    if low[1:] == "0" * rest and high[1:] == "9" * rest:
        return f"[{low[0]}-{high[0]}]" + (rf"\d{{{rest}}}" if rest else "")
    options = [low[0] + f"(?:{_between(low[1:], '9' * rest)})", high[0] + f"(?:{_between('0' * rest, high[1:])})"]
    if int(high[0]) - int(low[0]) > 1:
        options.insert(1, f"[{int(low[0]) + 1}-{int(high[0]) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    return "|".join(options)


def range_regex(low: int, high: int) -> str:
    """A regex matching exactly the decimal numbers from low to high (0 <= low <= high), no leading zeros."""
    options = []
    for digits in range(len(str(low)), len(str(high)) + 1):
        first = str(low) if digits == len(str(low)) else "1" + "0" * (digits - 1)
        last = str(high) if digits == len(str(high)) else "9" * digits
        options.append(f"(?:{_between(first, last)})")
    return "|".join(options)


def whole(text: object) -> int | None:
    """A whole number typed or posted in a form (full-width digits too), or None when it is not one a column
    holds: `"²".isdigit()` is true but int() refuses it, and int() stops at 4,300 digits."""
    text = str(text if text is not None else "").strip()
    if not text.isdecimal() or len(text) > _DIGITS:
        return None
    number = int(text)
    return number if number <= DB_INT_MAX else None


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` from 1 to the largest id: any other number matches no route (404, never a 405 or a 500).

    The bounds are in the regex itself: a value refused only after matching would make werkzeug answer
    405 for a path whose other methods matched.
    """

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, 1 if min is None else min, DB_INT_MAX if max is None else max, signed)
        if not signed and not fixed_digits:
            self.regex = f"(?:{range_regex(self.min, self.max)})"

    def to_python(self, value: str) -> int:
        """Refuse before converting: Python will not read an int of more than 4,300 digits."""
        if len(value.lstrip("-")) > _DIGITS:
            raise ValidationError()
        return super().to_python(value)


def query_int(value: str) -> int:
    """`type=` for request.args/form integers: ValueError when not a number (the caller's default applies),
    404 when a number no row can have."""
    digits = value.strip().lstrip("+-")
    if len(digits) > _DIGITS and digits.isdecimal():  # int() would also refuse one of more than 4,300 digits
        abort(404)
    number = int(value)
    if not holds(number):
        abort(404)
    return number


class BoundedRule(Rule):
    """A URL rule whose `<int:year>` is a year the app works with (a report of year 99999 cannot be made)."""

    def get_converter(self, variable_name, converter_name, args, kwargs):
        """As Rule.get_converter; an int named `year` without its own bounds gets FIRST_YEAR..LAST_YEAR."""
        if converter_name == "int" and variable_name == "year" and not {"min", "max"} & set(kwargs):
            kwargs = {**kwargs, "min": FIRST_YEAR, "max": LAST_YEAR}
        return super().get_converter(variable_name, converter_name, args, kwargs)


def _bounded(type):  # noqa: A002 - werkzeug's name
    """query_int in place of int."""
    return query_int if type is int else type


class BoundedArgs(ImmutableMultiDict):
    """Query and form values: `.get(name, type=int)` and `.getlist(name, type=int)` read integers bounded (see
    query_int)."""

    def get(self, key, default=None, type=None):  # noqa: A002 - werkzeug's signature
        """As MultiDict.get, with `int` replaced by query_int."""
        return super().get(key, default, _bounded(type))

    def getlist(self, key, type=None):  # noqa: A002
        """As MultiDict.getlist (values that are not numbers skipped), with `int` replaced by query_int."""
        return super().getlist(key, _bounded(type))


class BoundedValues(CombinedMultiDict):
    """request.values: the query's values, then the form's, read as BoundedArgs read them."""

    def get(self, key, default=None, type=None):  # noqa: A002
        """As CombinedMultiDict.get, with `int` replaced by query_int."""
        return super().get(key, default, _bounded(type))

    def getlist(self, key, type=None):  # noqa: A002
        """As CombinedMultiDict.getlist, with `int` replaced by query_int."""
        return super().getlist(key, _bounded(type))


class BoundedRequest(Request):
    """Flask's request whose args, form and values read integers bounded."""

    parameter_storage_class = BoundedArgs

    @cached_property
    def values(self) -> BoundedValues:
        """The query's values, then (except on GET) the form's."""
        return BoundedValues([self.args] if self.method == "GET" else [self.args, self.form])


def install(app: Flask) -> None:
    """Bound every `<int:…>` route (years to the app's years) and every `type=int` read; call before any route
    is added."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.url_rule_class = BoundedRule
    app.request_class = BoundedRequest
