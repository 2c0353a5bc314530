"""Culture metrics of the workshop series (pure: plain values in, plain values out; no Flask, no database).

- workshops held per month against HR's goal (the goal can change from a given month on);
- attendance rate by department: invitees who came / invitees (walk-ins are counted apart);
- share of employees reached: active employees who attended at least one workshop in a window;
- idea-to-action conversion: ideas turned into something owned (a target today, an action item later) / ideas;
- screening: impact × effort quadrants and a ranking by dot votes or by the matrix.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_GOAL = 1
HELD, PLANNED, CANCELLED = "held", "planned", "cancelled"
QUADRANTS = ("quick_win", "big_bet", "fill_in", "money_pit")


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


# --- the series against the goal -----------------------------------------------------------------

@dataclass(frozen=True)
class WorkshopFact:
    """What the series needs of one workshop: its local month and whether it was held."""

    month: str
    status: str  # held, planned or cancelled


@dataclass(frozen=True)
class MonthRow:
    """One month of the series."""

    month: str
    goal: int
    held: int
    planned: int
    cancelled: int

    @property
    def met(self) -> bool:
        """True when the month held at least as many workshops as the goal."""
        return self.held >= self.goal

    @property
    def shortfall(self) -> int:
        """Workshops still missing to reach the goal (0 when met)."""
        return max(self.goal - self.held, 0)


def goal_for(month: str, goals: Mapping[str, int], default: int = DEFAULT_GOAL) -> int:
    """The goal in force in a month: the latest one set from that month or before, else the default."""
    earlier = [start for start in goals if start <= month]
    return goals[max(earlier)] if earlier else default


def series(facts: Iterable[WorkshopFact], months: Sequence[str], goals: Mapping[str, int],
           default: int = DEFAULT_GOAL) -> list[MonthRow]:
    """Held, planned and cancelled workshops per month, each with the goal in force."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for fact in facts:
        counts[fact.month][fact.status] += 1
    return [MonthRow(m, goal_for(m, goals, default), counts[m][HELD], counts[m][PLANNED], counts[m][CANCELLED])
            for m in months]


@dataclass(frozen=True)
class SeriesSummary:
    """The series over a window of past months."""

    held: int
    goal: int
    months: int
    months_met: int

    @property
    def rate(self) -> float | None:
        """Share of the months that met their goal."""
        return ratio(self.months_met, self.months)


def summarise(rows: Sequence[MonthRow]) -> SeriesSummary:
    """Totals of a series (pass only the months that are over)."""
    return SeriesSummary(sum(r.held for r in rows), sum(r.goal for r in rows), len(rows),
                         sum(1 for r in rows if r.met))


# --- attendance ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Participation:
    """One person at one held workshop: invited or not, there or not."""

    department_id: int | None
    invited: bool
    attended: bool


@dataclass(frozen=True)
class DepartmentAttendance:
    """Attendance of one department's people across workshops."""

    invited: int
    came: int  # invitees who attended
    walk_ins: int

    @property
    def rate(self) -> float | None:
        """Invitees who came / invitees."""
        return ratio(self.came, self.invited)


def attendance_by_department(rows: Iterable[Participation]) -> dict[int | None, DepartmentAttendance]:
    """Invitations, invitees who came and walk-ins, per department."""
    invited: Counter = Counter()
    came: Counter = Counter()
    walk_ins: Counter = Counter()
    for row in rows:
        if row.invited:
            invited[row.department_id] += 1
            came[row.department_id] += row.attended
        elif row.attended:
            walk_ins[row.department_id] += 1
    keys = set(invited) | set(walk_ins)
    return {k: DepartmentAttendance(invited[k], came[k], walk_ins[k]) for k in keys}


def overall_attendance(by_department: Mapping[int | None, DepartmentAttendance]) -> DepartmentAttendance:
    """All departments together."""
    values = list(by_department.values())
    return DepartmentAttendance(sum(v.invited for v in values), sum(v.came for v in values),
                                sum(v.walk_ins for v in values))


# --- reach -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reach:
    """How many of the employees took part at least once."""

    reached: int
    employees: int
    by_department: dict[int | None, tuple[int, int]]  # department -> (reached, employees)

    @property
    def share(self) -> float | None:
        """reached / employees."""
        return ratio(self.reached, self.employees)


def reach(employees: Mapping[int, int | None], attendees: Iterable[int]) -> Reach:
    """Employees {user id: department id} who attended at least once; attendees who left are ignored."""
    came = set(attendees) & set(employees)
    return reach_of(Counter(employees.values()), {user: employees[user] for user in came})


def reach_of(employees_by_department: Mapping[int | None, int], came: Mapping[int, int | None]) -> Reach:
    """Reach from the number of employees per department and the employees who came {user id: department id}
    (counted in SQL, so that the page never loads everyone)."""
    return reach_counts(employees_by_department, Counter(came.values()))


def reach_counts(employees_by_department: Mapping[int | None, int],
                 reached_by_department: Mapping[int | None, int]) -> Reach:
    """Reach from the number of employees and of employees who came, per department (both counted in SQL)."""
    totals = {d: n for d, n in employees_by_department.items() if n}
    return Reach(sum(reached_by_department.values()), sum(totals.values()),
                 {d: (reached_by_department.get(d, 0), totals[d]) for d in totals})


# --- ideas -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Conversion:
    """How many ideas became something owned (a target, later an action item)."""

    converted: int
    total: int

    @property
    def rate(self) -> float | None:
        """converted / total."""
        return ratio(self.converted, self.total)


def conversion(converted_flags: Iterable[bool]) -> Conversion:
    """Idea-to-action conversion from one flag per idea."""
    flags = list(converted_flags)
    return Conversion(sum(1 for f in flags if f), len(flags))


def ideas_by_kind(rows: Iterable[tuple[str, str]], months: Sequence[str], kinds: Sequence[str]) -> dict[str, list[int]]:
    """Ideas per kind per month from (month, kind) rows: {kind: [count per month]}."""
    counts = Counter(rows)
    return {kind: [counts[(m, kind)] for m in months] for kind in kinds}


# --- feedback --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ratings:
    """Feedback ratings of one or more workshops."""

    count: int
    mean: float | None
    distribution: tuple[int, int, int, int, int]  # how many gave 1, 2, 3, 4, 5


def ratings(values: Iterable[int]) -> Ratings:
    """Count, mean and distribution of 1–5 ratings (values outside 1–5 are refused)."""
    values = list(values)
    if any(not 1 <= v <= 5 for v in values):
        raise ValueError("a rating is between 1 and 5")
    counts = Counter(values)
    dist = (counts[1], counts[2], counts[3], counts[4], counts[5])
    return Ratings(len(values), sum(values) / len(values) if values else None, dist)


# --- screening -------------------------------------------------------------------------------------

def quadrant(impact: int | None, effort: int | None) -> str | None:
    """Where an idea sits on the impact × effort matrix (3 and above counts as high on both scales)."""
    if impact is None or effort is None:
        return None
    high_impact, high_effort = impact >= 3, effort >= 3
    if high_impact:
        return "big_bet" if high_effort else "quick_win"
    return "money_pit" if high_effort else "fill_in"


def priority(impact: int | None, effort: int | None) -> int | None:
    """impact × (6 − effort): 1–25, high impact for little effort first; None until both are scored."""
    if impact is None or effort is None:
        return None
    return impact * (6 - effort)


@dataclass(frozen=True)
class IdeaScore:
    """What screening reads of one idea."""

    id: int
    dot_votes: int
    impact: int | None
    effort: int | None


def rank(ideas: Sequence[IdeaScore], by: str = "votes") -> list[int]:
    """Idea ids best first: by dot votes (then the matrix), or by the matrix (then votes); ties by id."""
    def key(idea: IdeaScore):
        score = priority(idea.impact, idea.effort)
        matrix = -score if score is not None else 1  # unscored ideas after every scored one
        return (-idea.dot_votes, matrix, idea.id) if by == "votes" else (matrix, -idea.dot_votes, idea.id)

    return [idea.id for idea in sorted(ideas, key=key)]
