"""The policy of the due rules, the plain data they read (`due.Snapshot`, filled by `gather.snapshot()` from the
database or by a test by hand) and the item they answer: no Flask, no session, nothing but values."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Policy:
    """How many days before or after things become due; the organisation's rhythm."""

    soon_days: int = 3  # a deadline this close is "soon"
    stale_days: int = 7  # a running target with no update for this long is due for its owner
    escalate_days: int = 14  # … and for its department's lead after this long
    window_notice_days: int = 3  # leads hear that the drafting window opens this many days ahead
    close_notice_days: int = 5  # leads hear that a month locks this many days ahead
    final_reading_days: int = 7  # a reading dated within the month's last days counts as its final one
    action_notice_days: int = 7  # an action shows this many days before it is due
    rsvp_notice_days: int = 30  # invitations to workshops further ahead wait
    attendance_days: int = 2  # attendance is due this many days after a workshop ends
    attendance_horizon_days: int = 90  # workshops that ended longer ago are history, not a task
    handover_days: int = 14  # the director writes the handover from this many days before the term ends
    acknowledge_days: int = 7  # the next director acknowledges within this many days of the submission
    pack_days: int = 14  # the review pack is prepared from this many days before the meeting


DEFAULT = Policy()


@dataclass(frozen=True)
class Person:
    id: int
    active: bool = True
    roles: frozenset[str] = frozenset()
    department_id: int | None = None


@dataclass(frozen=True)
class Department:
    id: int
    lead_id: int | None
    archived: bool = False
    name_en: str = ""
    name_zh: str = ""


@dataclass(frozen=True)
class Questionnaire:
    """A respondent of a cycle: `open` when the cycle takes answers."""

    respondent_id: int
    cycle_id: int
    cycle_name: str
    person_id: int
    department_id: int
    open: bool
    due_on: date
    submitted: bool


@dataclass(frozen=True)
class TargetSettings:
    min_per_department: int = 1
    window_opens_day: int = 20
    window_closes_day: int = 5
    close_day: int = 5


@dataclass(frozen=True)
class Target:
    id: int
    title: str
    department_id: int
    month: str
    owner_id: int | None
    approved: bool
    last_update_on: date | None  # the latest standing (not withdrawn) reading
    approved_on: date | None = None


@dataclass(frozen=True)
class Workshop:
    id: int
    title: str
    starts_on: date  # the organisation's day
    ends_on: date
    cancelled: bool
    attendance_recorded: bool
    facilitator_id: int | None = None
    ideas_to_screen: int = 0  # ideas with no decision yet


@dataclass(frozen=True)
class Invitation:
    id: int
    workshop_id: int
    person_id: int
    answered: bool


@dataclass(frozen=True)
class Action:
    id: int
    title: str
    owner_id: int
    due_on: date
    open: bool  # not done or dropped


@dataclass(frozen=True)
class Term:
    """A term of the project director; `next_director_id` serves the term that follows."""

    id: int
    starts_on: date
    ends_on: date
    director_id: int | None
    next_director_id: int | None = None
    next_ends_on: date | None = None
    handover_id: int | None = None
    submitted_on: date | None = None
    acknowledged: bool = False


@dataclass(frozen=True)
class Review:
    id: int
    year: int
    quarter: int
    meeting_on: date
    planned: bool  # not started, not published
    pack_ready: bool


@dataclass(frozen=True)
class Area:
    """An area of an alignment review that is still being rated."""

    id: int
    year: int
    name: str  # empty for a standard area, named by its key in the reader's language
    owner_id: int | None
    rated: bool
    open: bool  # the review is not signed off
    key: str = "custom"


@dataclass(frozen=True)
class Snapshot:
    people: tuple[Person, ...] = ()
    departments: tuple[Department, ...] = ()
    questionnaires: tuple[Questionnaire, ...] = ()
    settings: TargetSettings = field(default_factory=TargetSettings)
    targets: tuple[Target, ...] = ()
    closed_months: frozenset[str] = frozenset()  # recorded closes; a month is also closed once its close day comes
    workshops: tuple[Workshop, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    actions: tuple[Action, ...] = ()
    terms: tuple[Term, ...] = ()
    reviews: tuple[Review, ...] = ()
    areas: tuple[Area, ...] = ()
    director_id: int | None = None  # today's project director


# --- the answer ---
@dataclass(frozen=True)
class Item:
    """One task waiting for one person.

    `key` names the task for that person across days (snoozes and the e-mail sent-log use it); `endpoint` and
    `args` say where it is done (a Flask endpoint name and its arguments); `params` carry what its wording needs.
    """

    person_id: int
    kind: str
    key: str
    deadline: date | None
    urgency: str
    endpoint: str
    args: tuple[tuple[str, object], ...] = ()
    params: tuple[tuple[str, object], ...] = ()
    count: int = 1
    department_id: int | None = None

    @property
    def url_args(self) -> dict:
        return dict(self.args)

    @property
    def values(self) -> dict:
        return dict(self.params)
