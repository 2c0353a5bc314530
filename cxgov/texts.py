"""What any typed text must be, whichever feature keeps it: within its column's length, free of control characters.

Each feature's gate names its text fields with their limits; the problems come back as codes (for
cxgov.rules.Invalid) whose wording is registered here once, in every reader's language.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import rules

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what no keyboard types (a pasted U+000B, a NUL)
LINE_BREAKS = re.compile(r"[\t\n\r]")
LIMITS = (200, 500, 2000, 4000, 8000, 20000)  # the lengths of the columns that hold typed text
CONTROL_CHARACTERS = "text_control_characters"


def too_long(most: int) -> str:
    """The problem code of a text longer than `most` characters."""
    return f"text_too_long_{most}"


def problems(data: Mapping, limits: Mapping[str, tuple[int, bool]]) -> dict[str, str]:
    """Field → problem code for each text in `data` longer than its limit or holding control characters.

    `limits` maps a field to (longest length, may hold line breaks); fields absent from `data` are not checked.
    """
    found = {}
    for field, (most, multi_line) in limits.items():
        text = data.get(field)
        if not isinstance(text, str):
            continue
        if len(text) > most:
            found[field] = too_long(most)
        elif CONTROL.search(text) or (not multi_line and LINE_BREAKS.search(text)):
            found[field] = CONTROL_CHARACTERS
    return found


def _at_most(most: int):
    """The wording of a too-long text (a callable, so that the limit needs no argument of the refusal)."""
    return lambda params: _("Use at most %(n)s characters.", n=most)


rules.wordings({too_long(most): _at_most(most) for most in LIMITS} | {CONTROL_CHARACTERS: _l(
    "The text holds invisible control characters (for example pasted from another program); type it again or "
    "remove them.")})
