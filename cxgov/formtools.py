"""Helpers shared by the forms of every feature."""
from wtforms import SelectChoice


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
    """The record version a form was loaded with (hidden field), or None."""
    value = str(field.data or "")
    return int(value) if value.isdigit() else None
