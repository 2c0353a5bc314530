"""How fairly the project director's terms are spread over people and departments. Pure: plain values in and out.

A term counts as served once it has started (the current term included); days served run to today at most. A
term still to come is planned. A person skipped for being on leave is counted as skipped, not as served.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TermFact:
    """What the spread needs of a term."""

    director: int | None
    starts_on: date
    ends_on: date
    skipped: tuple[int, ...] = ()


@dataclass(frozen=True)
class Share:
    """One person's (or one department's) share of the terms."""

    key: int | None
    served: int
    days: int
    planned: int
    skipped: int


@dataclass(frozen=True)
class Spread:
    """Everyone's share, most served first, and the gap between the most and the fewest terms served."""

    people: list[Share]
    departments: list[Share]

    @property
    def gap(self) -> int:
        """Terms served by the most-served person minus the least-served (0 with fewer than two people)."""
        served = [share.served for share in self.people]
        return max(served) - min(served) if len(served) > 1 else 0

    @property
    def uneven(self) -> bool:
        """More than one term apart: a rotation in turns never is, unless someone was skipped or swapped in."""
        return self.gap > 1


def spread(terms: Iterable[TermFact], pool: Iterable[int], department_of: dict[int, int | None],
           today: date) -> Spread:
    """The terms' spread over the people who directed one or are in the pool, and over their departments."""
    counts = {person: [0, 0, 0, 0] for person in pool}  # served, days, planned, skipped; the pool listed first
    for term in terms:
        for person in term.skipped:
            counts.setdefault(person, [0, 0, 0, 0])[3] += 1
        if term.director is None:
            continue
        mine = counts.setdefault(term.director, [0, 0, 0, 0])
        if term.starts_on <= today:
            mine[0] += 1
            mine[1] += (min(term.ends_on, today) - term.starts_on).days + 1
        else:
            mine[2] += 1
    people = [Share(person, *values) for person, values in counts.items()]
    by_department: dict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for share in people:
        totals = by_department[department_of.get(share.key)]
        for index, value in enumerate((share.served, share.days, share.planned, share.skipped)):
            totals[index] += value
    departments = [Share(key, *values) for key, values in by_department.items()]
    return Spread(sorted(people, key=_most_first), sorted(departments, key=_most_first))


def _most_first(share: Share) -> tuple:
    """Most terms served first, then most days, most planned; people or departments without an id last."""
    return (-share.served, -share.days, -share.planned, share.key is None, share.key or 0)
