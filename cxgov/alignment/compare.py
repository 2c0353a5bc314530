"""Change since last year's review, per area, and the summary counts of a review (pure: plain values only)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

# Worst to best: a higher index is a better rating.
RATING_ORDER = ("misaligned", "partly", "aligned")
CHANGES = ("improved", "same", "worse", "new")


class AreaRow(NamedTuple):
    """What comparing needs of an area: its key ("custom" or a standard key), its name and its rating."""

    key: str
    name: str
    rating: str | None


def match_key(key: str, name: str) -> str:
    """Standard areas match by key; custom areas by their name, ignoring case and surrounding spaces."""
    return f"custom:{' '.join(name.split()).casefold()}" if key == "custom" else key


def change(last: str | None, current: str | None) -> str | None:
    """improved / same / worse between two ratings; "new" without a rated predecessor; None while unrated."""
    if current not in RATING_ORDER:
        return None
    if last not in RATING_ORDER:
        return "new"
    step = RATING_ORDER.index(current) - RATING_ORDER.index(last)
    return "improved" if step > 0 else "worse" if step < 0 else "same"


def last_ratings(current: Iterable[AreaRow], last: Iterable[AreaRow]) -> list[str | None]:
    """For each current area, in order, the rating of the matching area last year (None when there is none)."""
    previous = {match_key(row.key, row.name): row.rating for row in last}
    return [previous.get(match_key(row.key, row.name)) for row in current]


def changes(current: list[AreaRow], last: Iterable[AreaRow]) -> list[tuple[str | None, str | None]]:
    """(last year's rating, change) for each current area, in order."""
    before = last_ratings(current, last)
    return [(was, change(was, row.rating)) for was, row in zip(before, current, strict=True)]


def summary(ratings: Iterable[str | None], cells: Iterable[str] = (),
            area_changes: Iterable[str | None] = ()) -> dict[str, int]:
    """Counts: aligned, partly, misaligned, unrated, conflicts in the matrix, and areas improved / worse."""
    counts = dict.fromkeys((*RATING_ORDER, "unrated", "conflicts", "supports", "improved", "worse"), 0)
    for rating in ratings:
        counts[rating if rating in RATING_ORDER else "unrated"] += 1
    for value in cells:
        if value in ("conflicts", "supports"):
            counts[value] += 1
    for item in area_changes:
        if item in ("improved", "worse"):
            counts[item] += 1
    return counts
