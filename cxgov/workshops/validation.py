"""What a workshop, an idea, feedback and the series goal may hold: the value checks of the workshop gates.

Each check raises cxgov.rules.Invalid with a problem code per field (worded in cxgov.workshops.labels);
the operations call them before anything is written, whichever door the values came through.
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlparse

from cxgov import texts
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.permissions import is_read_only
from cxgov.rules import Invalid
from cxgov.workshops.models import IDEA_DECISIONS, IDEA_KINDS, METHODS, STAGES

COUNTS = ("employees_count", "customers_count", "experts_count", "core_users_count")
WORKSHOP_TEXT = {"title": (200, False), "topic": (4000, True), "location": (200, False), "online_url": (500, False),
                 "method_note": (200, False), "cocreator_notes": (4000, True)}
IDEA_TEXT = {"title": (200, False), "description": (4000, True), "touchpoint": (200, False)}
NOTE_TEXT = {"note": (500, False), "comment": (2000, True), "reason": (2000, True)}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _whole(value, low: int, high: int) -> bool:
    """A whole number from low to high (booleans are not numbers)."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _person_problem(user_id) -> tuple[str, dict]:
    """(problem code, arguments) of a person who is to take a part: an active user who may write."""
    person = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if person is None:
        return "workshop_person_unknown", {}
    if not person.active or is_read_only(person):
        return "workshop_person_unavailable", {"name": person.name}
    return "", {}


def _link_problem(url: str) -> str:
    """Only web links, so that nobody is sent to a javascript: address."""
    parsed = urlparse(url)
    return "" if parsed.scheme in ("http", "https") and parsed.netloc else "workshop_bad_link"


def check_workshop(data: dict) -> None:
    """Refuse a workshop's details: a title, a place or a link, a method, the co-creators, the seats, the times."""
    problems = texts.problems(data, WORKSHOP_TEXT)
    if not (data.get("title") or "").strip():
        problems["title"] = "workshop_no_title"
    if not data.get("location") and not data.get("online_url"):
        problems["location"] = "workshop_place_needed"
    if data.get("online_url") and "online_url" not in problems and _link_problem(data["online_url"]):
        problems["online_url"] = "workshop_bad_link"
    if data.get("method") not in METHODS:
        problems["method"] = "workshop_bad_method"
    elif data["method"] == "other" and not (data.get("method_note") or "").strip():
        problems["method_note"] = "workshop_method_note_needed"
    problems |= {name: "workshop_bad_count" for name in COUNTS if not _whole(data.get(name) or 0, 0, 1000)}
    if not _whole(data.get("capacity"), 1, 1000):
        problems["capacity"] = "workshop_bad_capacity"
    params = {}
    if data.get("facilitator_id") is not None:
        code, params = _person_problem(data["facilitator_id"])
        if code:
            problems["facilitator_id"] = code
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if not (isinstance(starts, datetime) and isinstance(ends, datetime)) or ends <= starts:
        problems["end"] = "workshop_ends_before_start"
    if problems:
        raise Invalid(problems, **params)


def _department_problem(department_id, keep: int | None) -> str:
    """The department an idea concerns: one that exists and is current (an archived one only if kept)."""
    if department_id is None:
        return "idea_no_department"
    department = db.session.get(Department, department_id) if isinstance(department_id, int) else None
    if department is None:
        return "idea_department_unknown"
    return "idea_department_archived" if department.archived and department_id != keep else ""


def check_idea(data: dict, keep_department: int | None = None) -> None:
    """Refuse an idea's values: a kind, a title, where in the journey, the department concerned."""
    problems = texts.problems(data, IDEA_TEXT)
    if data.get("kind") not in IDEA_KINDS:
        problems["kind"] = "idea_bad_kind"
    if not (data.get("title") or "").strip():
        problems["title"] = "idea_no_title"
    if data.get("stage") and data["stage"] not in STAGES:
        problems["stage"] = "idea_bad_stage"
    elif not data.get("stage") and not (data.get("touchpoint") or "").strip() and "touchpoint" not in problems:
        problems["touchpoint"] = "idea_where_needed"
    department = _department_problem(data.get("department_id"), keep_department)
    if department:
        problems["department_id"] = department
    if problems:
        raise Invalid(problems)


def check_scores(scores: dict) -> None:
    """Refuse screening values: dot votes 0–999, impact and effort 1–5 or none, a known decision."""
    for values in scores.values():
        if not _whole(values.get("dot_votes"), 0, 999):
            raise Invalid({"dot_votes": "idea_bad_votes"})
        if any(values.get(k) is not None and not _whole(values[k], 1, 5) for k in ("impact", "effort")):
            raise Invalid({"impact": "idea_bad_score"})
        if values.get("decision") not in IDEA_DECISIONS:
            raise Invalid({"decision": "idea_bad_decision"})


def check_notes(**values: str) -> None:
    """Refuse a note, comment or reason past its length or holding control characters."""
    problems = texts.problems(values, NOTE_TEXT)
    if problems:
        raise Invalid(problems)


def check_goal(from_month: str, per_month: int, note: str) -> None:
    """Refuse a series goal: a month YYYY-MM, 0 to 20 workshops a month, a short note."""
    problems = texts.problems({"note": note}, NOTE_TEXT)
    if not isinstance(from_month, str) or not MONTH.match(from_month):
        problems["from_month"] = "goal_bad_month"
    if not _whole(per_month, 0, 20):
        problems["per_month"] = "goal_bad_number"
    if problems:
        raise Invalid(problems)
