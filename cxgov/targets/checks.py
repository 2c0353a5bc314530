"""Whether a target's definition makes sense, from plain values (no Flask, no database).

The form, the API and the import share these rules; each answers with problem codes
that cxgov.targets.labels turns into translated messages.
"""
from __future__ import annotations

import math
import re

MAX_POINTS = 1000
KINDS = ("numeric", "milestone")
DIRECTIONS = ("higher", "lower")
# field → (longest length, may hold line breaks); the columns' own limits.
TEXT_LIMITS = {"title": (200, False), "description": (4000, True), "unit": (30, False), "evidence": (2000, True),
               "note": (2000, True), "reason": (2000, True)}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what no keyboard types (a pasted U+000B, a NUL)
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def text_problems(data: dict) -> dict[str, str]:
    """Field → problem code for text that is too long or holds control characters (tab and line breaks only in
    multi-line fields); a title must not be blank."""
    problems = {}
    if "title" in data and not (data["title"] or "").strip():
        problems["title"] = "title_required"
    for field, (longest, multi_line) in TEXT_LIMITS.items():
        text = data.get(field)
        if not isinstance(text, str) or field in problems:
            continue
        if len(text) > longest:
            problems[field] = f"{field}_too_long"
        elif _CONTROL.search(text) or (not multi_line and _LINE_BREAKS.search(text)):
            problems[field] = "control_characters"
    return problems


def choice_problems(data: dict) -> dict[str, str]:
    """Field → problem code for a kind or direction that is not one of the choices."""
    problems = {}
    if "kind" in data and data["kind"] not in KINDS:
        problems["kind"] = "kind_unknown"
    if "direction" in data and data["direction"] not in DIRECTIONS:
        problems["direction"] = "direction_unknown"
    return problems


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
    if isinstance(points, bool) or not isinstance(points, int | float):
        return "points_whole"
    if not math.isfinite(points) or points != int(points) or not 0 <= points <= MAX_POINTS:
        return "points_whole"
    return None


def allowed_points(text: str) -> list[int]:
    """The allowed values of a points scale from its text ('5, 10, 20'); ValueError when one is not a whole
    number from 0 to MAX_POINTS."""
    values = sorted({int(part) for part in re.split(r"[,，;\s]+", text or "") if part})
    if any(not 0 <= value <= MAX_POINTS for value in values):
        raise ValueError(text)
    return values


def points_scale_problem(points: int, cap: int, allowed: list[int]) -> str | None:
    """The problem code when points break the scale: above the cap per target, or not an allowed value."""
    if allowed and points not in allowed:
        return "points_not_allowed"
    if points > cap:
        return "points_over_cap"
    return None
