"""The rotation scheduler: who directs which term. Pure: plain values in, plain values out.

Rules, strongest first:
1. A term's director is in the pool and available: not on leave on any day of the term.
   When nobody in the pool is available the term stays vacant (director None) for a manager to fill.
2. Nobody directs two terms in a row while someone else in the pool is available.
3. Whoever served longest ago goes next; people who have not served yet go in pool order. Someone who
   is away keeps their place in that queue, so they serve at the first term they are back ("skipped").
Pinned terms (swaps and reassignments) keep their director; the other terms are scheduled around them.
Past and current terms are passed in as `fixed` and come back unchanged.
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

# cadence → months per term
CADENCES = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
# How many terms after the current one are planned: at least this many, and always one full round.
MIN_TERMS_AHEAD = 8

Leave = tuple[date, date]


@dataclass(frozen=True)
class Plan:
    """What the scheduler needs to know about a rotation plan."""

    cadence: str
    starts_on: date
    pool: tuple[int, ...]  # the eligible people, in the plan's order
    leaves: Mapping[int, tuple[Leave, ...]] = field(default_factory=dict)
    before: int | None = None  # who directed the term just before the plan (a previous plan's last director)


@dataclass(frozen=True)
class Slot:
    """One term's outcome: its director, who was skipped for being away, and whether it was set by hand."""

    director: int | None
    skipped: tuple[int, ...] = ()
    pinned: bool = False


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_dates(cadence: str, starts_on: date, index: int) -> tuple[date, date]:
    """First and last day of term `index` (from 0); terms follow each other without gap or overlap."""
    step = CADENCES[cadence]
    return add_months(starts_on, step * index), add_months(starts_on, step * (index + 1)) - timedelta(days=1)


def term_index_on(cadence: str, starts_on: date, day: date) -> int | None:
    """The index of the term that contains `day`, or None before the plan starts."""
    if day < starts_on:
        return None
    months = (day.year - starts_on.year) * 12 + day.month - starts_on.month
    index = max(0, months // CADENCES[cadence])
    while term_dates(cadence, starts_on, index)[0] > day:
        index -= 1
    while term_dates(cadence, starts_on, index)[1] < day:
        index += 1
    return index


def terms_ahead(pool_size: int) -> int:
    """How many terms after the current one to plan: enough for a full round and the deputy."""
    return max(MIN_TERMS_AHEAD, pool_size + 1)


def is_available(leaves: Mapping[int, Sequence[Leave]], person: int, start: date, end: date) -> bool:
    """True when none of the person's leave periods touches the term."""
    return not any(first <= end and last >= start for first, last in leaves.get(person, ()))


def available_people(plan: Plan, index: int) -> list[int]:
    """The pool members available for term `index`, in pool order."""
    start, end = term_dates(plan.cadence, plan.starts_on, index)
    return [person for person in plan.pool if is_available(plan.leaves, person, start, end)]


def schedule(plan: Plan, count: int, fixed: Sequence[Slot] = (), pinned: Mapping[int, int] | None = None) -> list[Slot]:
    """Slots for terms 0 … count-1: the `fixed` ones unchanged, the others scheduled by the rules above."""
    slots = list(fixed[:count])
    pins = valid_pins(plan, pinned or {}, len(slots))
    for index in range(len(slots), count):
        if index in pins:
            slots.append(Slot(pins[index], pinned=True))
        else:
            slots.append(_choose(plan, index, slots, pins))
    return slots


def valid_pins(plan: Plan, pinned: Mapping[int, int], first: int) -> dict[int, int]:
    """Pins on future terms whose person is still in the pool and available for that term."""
    return {index: person for index, person in pinned.items()
            if index >= first and person in plan.pool and person in available_people(plan, index)}


def _last_served(slots: Sequence[Slot]) -> dict[int, int]:
    """The index of each person's latest term so far."""
    return {slot.director: index for index, slot in enumerate(slots) if slot.director is not None}


def _choose(plan: Plan, index: int, slots: Sequence[Slot], pins: Mapping[int, int]) -> Slot:
    """The director of an unpinned term and the people skipped because they are away."""
    free = available_people(plan, index)
    if not free:
        return Slot(None, skipped=tuple(plan.pool))
    previous = slots[index - 1].director if index else plan.before
    following = pins.get(index + 1)
    candidates = ([p for p in free if p not in (previous, following)] or [p for p in free if p != previous]
                  or free)
    last, order = _last_served(slots), {person: i for i, person in enumerate(plan.pool)}

    def queue(person: int) -> tuple[int, int]:
        """Place in the queue: longest since serving first, then pool order."""
        return last.get(person, -1), order[person]

    # Someone pinned to a term in the coming round waits for it rather than serving twice in that round.
    soon = {pins[i] for i in range(index + 1, index + len(plan.pool)) if i in pins}
    director = min(candidates, key=lambda person: (person in soon, queue(person)))
    skipped = tuple(p for p in plan.pool if p not in free and queue(p) < queue(director))
    return Slot(director, skipped=skipped)


def repeats(slots: Sequence[Slot], before: int | None = None) -> list[int]:
    """Indexes of terms whose director also directed the term before."""
    previous = [before] + [slot.director for slot in slots[:-1]]
    return [i for i, slot in enumerate(slots) if slot.director is not None and slot.director == previous[i]]
