"""Numbers as people type them (pure): full-width digits, thousands separators, nothing ambiguous.

"42，5" is refused rather than read as 425 or 42.5: a comma is accepted only as a thousands
separator in groups of three ("1,250.5"); the form, the imports and every other door read numbers here.
"""
from __future__ import annotations

import math
import re
import unicodedata

GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse(text: str) -> float | None:
    """The finite number in `text`, None when it is blank; ValueError when it is not plainly a number."""
    shown = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not shown:
        return None
    if "," in shown:
        if not GROUPED.fullmatch(shown):
            raise ValueError(text)
        shown = shown.replace(",", "")
    result = float(shown)
    if not math.isfinite(result):
        raise ValueError(text)
    return result
