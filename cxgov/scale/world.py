"""What every generator of the large demo shares: the size, the random generator, the calendar and the people."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from cxgov import months
from cxgov.scale.bulk import Writer

YEARS = 5
LARGE = 25.0  # `--scale large`: 200 departments, about 5,000 people
MAX_SCALE = 50.0  # beyond this a run takes minutes and gigabytes: refused


@dataclass
class Dept:
    """A generated department as the other generators need it."""

    id: int
    code: str
    library: str
    founded: str  # first month it existed (YYYY-MM)
    archived: str | None  # last month it existed, when archived
    lead_id: int = 0
    member_ids: list[int] = field(default_factory=list)

    def exists_in(self, month: str) -> bool:
        """True when the department existed in the month."""
        return self.founded <= month and (self.archived is None or month <= self.archived)

    @property
    def people(self) -> list[int]:
        """Its lead first, then its active members."""
        return [self.lead_id, *self.member_ids]


@dataclass
class World:
    """The run's shared state."""

    scale: float
    today: date
    rng: random.Random
    writer: Writer = field(default_factory=Writer)
    depts: list[Dept] = field(default_factory=list)
    accounts: dict[str, int] = field(default_factory=dict)  # ceo, cxo, hr, viewer, admin → user id
    names: dict[int, str] = field(default_factory=dict)  # user id → name
    hr_ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the run chose not to do, told to the user

    @property
    def first_month(self) -> str:
        """The first month of history: five years back, counting this month."""
        return months.shift(months.month_of(self.today), -(12 * YEARS - 1))

    @property
    def history(self) -> list[str]:
        """Every month of history up to this one."""
        return months.between(self.first_month, months.month_of(self.today))

    def department_count(self) -> int:
        """How many departments: 8 per unit of scale, at least three."""
        return max(3, round(8 * self.scale))

    def live(self, month: str) -> list[Dept]:
        """The departments that existed in a month."""
        return [d for d in self.depts if d.exists_in(month)]


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A stored (UTC) moment on a day, given in the demo company's time (8 hours ahead of UTC)."""
    return datetime.combine(day, time(0), tzinfo=UTC).replace(hour=(hour - 8) % 24, minute=minute)


def first_day(month: str) -> date:
    """The first day of a month."""
    return months.bounds(month)[0]
