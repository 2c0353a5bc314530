"""The one refusal type: operations raise a rule code with its arguments; the edge words it.

An operation never translates. It raises `Refusal("month_closed", month="2026-11")` (or `Invalid`
with a problem code per field); each feature registers the wording of its codes once, in its
`labels` module, with `wordings({...})`; a view, the API, an import or the CLI turns the refusal into
the reader's language with `word(refusal)` (or `field_messages` for a form or a 422 body).
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l

Wording = object  # a lazy string with %(name)s placeholders, or a callable(params) -> str
_WORDINGS: dict[str, Wording] = {}
FALLBACK = _l("This change is not allowed.")


class Refusal(Exception):
    """A change a rule refuses: a stable code and the arguments its message needs."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.params!r})"


class Invalid(Refusal):
    """Values that break a rule, field by field: `problems` maps each field to a problem code."""

    def __init__(self, problems: Mapping[str, str], **params):
        super().__init__("invalid", problems=dict(problems), **params)
        self.problems = dict(problems)


def wordings(mapping: Mapping[str, Wording]) -> None:
    """Register how codes read (called once per feature, from its labels module)."""
    _WORDINGS.update(mapping)


def is_worded(code: str) -> bool:
    """True when a code has a registered wording (tests check every raised code)."""
    return code in _WORDINGS


def _shown(value):
    """A message argument as the reader sees it: dates in their locale."""
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return value


def say(code: str, params: Mapping | None = None) -> str:
    """The reader's wording of one code with its arguments."""
    wording = _WORDINGS.get(code, FALLBACK)
    shown = {key: _shown(value) for key, value in (params or {}).items()}
    if callable(wording):
        return str(wording(shown))
    text = str(wording)
    return text % shown if shown and "%(" in text else text


def field_messages(error: Invalid) -> dict[str, list[str]]:
    """Field → worded problems, for a form or an API error body."""
    return {field: [say(code, error.params)] for field, code in error.problems.items()}


def word(error: Refusal) -> str:
    """The whole refusal as one message in the reader's language."""
    if isinstance(error, Invalid):
        return " ".join(dict.fromkeys(say(code, error.params) for code in error.problems.values()))
    return say(error.code, error.params)


