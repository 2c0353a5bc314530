"""Helpers shared by the forms of every feature."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, StringField

from cxgov import numbers
from cxgov.bounds import whole


def strip(value):
    """Trim surrounding spaces that people paste along with a value."""
    return value.strip() if isinstance(value, str) else value


def options(mapping: dict) -> list[SelectChoice]:
    """Select options from {value: label} (labels may be lazy translations)."""
    return [SelectChoice(value=value, label=label) for value, label in mapping.items()]


def upper(value):
    """Codes are stored in capitals so that "cs" and "CS" are the same department."""
    return value.upper() if isinstance(value, str) else value


def version_of(field) -> int | None:
    """The record version a form was loaded with (hidden field), or None when the form sent none."""
    value = str(field.data or "").strip()
    if not value:
        return None
    # A value that is no version ("-1", "²", 5,000 digits) is one no record has: refused as stale, never an error.
    number = whole(value)
    return 0 if number is None else number


class NumberField(StringField):
    """A decimal typed as people type it (full-width digits, 1,250.5); "42，5" is refused, never read as 425."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        """Read the typed text with cxgov.numbers; a refusal keeps what was typed on the page."""
        self.raw = valuelist[0] if valuelist else ""
        try:
            self.data = numbers.parse(self.raw)
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter an ordinary number, such as 42 or 3.5.")) from None

    def _value(self):
        """What the input shows: the typed text after a refusal, else the number without a needless .0."""
        if getattr(self, "raw", None) is not None and self.data is None:
            return self.raw
        if self.data is None:
            return ""
        return str(int(self.data)) if self.data.is_integer() and abs(self.data) < 1e15 else repr(self.data)
