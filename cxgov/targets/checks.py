"""Whether a target's definition makes sense, from plain values (no Flask, no database).

The form, the API and the import share these rules; each answers with problem codes
that cxgov.targets.labels turns into translated messages.
"""
from __future__ import annotations

import math

MAX_POINTS = 1000


def value_problems(kind: str | None, direction: str | None, baseline: float | None,
                   target_value: float | None) -> dict[str, str]:
    """Field → problem code for a numeric target's numbers; empty when they make sense."""
    if kind != "numeric":
        return {}
    numbers = (("baseline", baseline), ("target_value", target_value))
    missing = {name: "values_required" for name, value in numbers if value is None}
    if missing:
        return missing
    odd = {name: "not_a_number" for name, value in numbers if not math.isfinite(value)}
    if odd:
        return odd
    if target_value == baseline:
        return {"target_value": "values_equal"}
    if direction == "lower" and target_value > baseline:
        return {"target_value": "not_below"}
    if direction != "lower" and target_value < baseline:
        return {"target_value": "not_above"}
    return {}


def value_problem(value: float | None) -> str | None:
    """The problem code of a measured value that is not an ordinary number (NaN, infinity)."""
    return "not_a_number" if value is not None and not math.isfinite(value) else None


def points_problem(points: float | None) -> str | None:
    """The problem code when incentive points are not a whole number from 0 to MAX_POINTS."""
    if points is None:
        return None
    if not math.isfinite(points) or points != int(points) or not 0 <= points <= MAX_POINTS:
        return "points_whole"
    return None
