"""Every write on quarterly reviews: plan, refresh the pack, start, decide, assign actions, publish.

Each operation is the one gate of its change: who may (the permission predicates; `by` None is the system,
e.g. the demo loader), which state, which values; a refusal is a cxgov.rules.Refusal worded in labels.
"""
from __future__ import annotations

import json
from datetime import date

import sqlalchemy as sa

from cxgov import texts
from cxgov.actions import operations as actions
from cxgov.actions.models import ActionItem
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.operations import check_version
from cxgov.permissions import EXECUTIVE, can_prepare_reviews, can_run_review
from cxgov.reviews import building
from cxgov.reviews.models import SECTIONS, Decision, QuarterlyReview, ReviewSettings
from cxgov.reviews.queries import decision_actions
from cxgov.rules import Invalid, Refusal
from cxgov.targets import operations as target_operations

REVIEW_FIELDS = ("chair_id", "meeting_on", "place")
TEXT_LIMITS = {"place": (200, False), "text": (4000, True), "notes": (20000, True)}
YEARS = range(2000, 2101)


def _may(by: User | None, allowed) -> None:
    """Refuse a change the person's role does not allow; `allowed` is asked only for a person."""
    if by is not None and not allowed(by):
        raise Refusal("review_not_allowed")


def _check_text(**values: str) -> None:
    """Refuse text past its column's length or holding control characters."""
    problems = texts.problems(values, TEXT_LIMITS)
    if problems:
        raise Invalid(problems)


def settings() -> ReviewSettings:
    """The organisation's agenda template: the stored row, else every section (unsaved: reading never writes)."""
    return _stored_settings() or ReviewSettings(agenda=",".join(SECTIONS), version=1)


def _stored_settings() -> ReviewSettings | None:
    """The agenda row, if anyone saved an agenda."""
    return db.session.scalar(sa.select(ReviewSettings).order_by(ReviewSettings.id).limit(1))


def stored_settings() -> ReviewSettings:
    """The agenda row to change: created with every section the first time someone saves the agenda."""
    current = _stored_settings()
    if current is None:
        current = ReviewSettings(agenda=",".join(SECTIONS))
        db.session.add(current)
        db.session.flush()
    return current


def save_agenda(sections: list[str], expected_version: int | None, by: User | None = None) -> ReviewSettings:
    """Choose the pack's sections and their order."""
    _may(by, can_prepare_reviews)
    current = stored_settings()
    check_version(current, expected_version)
    chosen = [key for key in sections if key in SECTIONS]
    if not chosen:
        raise Refusal("review_empty_agenda")
    current.agenda = ",".join(dict.fromkeys(chosen))
    db.session.flush()
    return current


def _check_plan(data: dict) -> None:
    """The chair is an active executive; the meeting has a date; the place is a line of text."""
    chair = db.session.get(User, data.get("chair_id")) if isinstance(data.get("chair_id"), int) else None
    if chair is None or not chair.active or not chair.has_role(EXECUTIVE):
        raise Invalid({"chair_id": "chair_not_executive"})
    if not isinstance(data.get("meeting_on"), date) or data["meeting_on"].year not in YEARS:
        raise Invalid({"meeting_on": "review_no_meeting_day"})
    _check_text(place=data.get("place") or "")


def _set_attendees(review: QuarterlyReview, attendee_ids: list[int]) -> None:
    """Replace the attendees (the chair always attends)."""
    ids = set(attendee_ids) | {review.chair_id}
    review.attendees = list(db.session.scalars(sa.select(User).where(User.id.in_(ids))))


def create_review(year: int, quarter: int, data: dict, attendee_ids: list[int], created_by: User | None,
                  today: date) -> QuarterlyReview:
    """Plan the review of a quarter (one per quarter) and prepare its pack."""
    _may(created_by, can_prepare_reviews)
    if year not in YEARS or quarter not in (1, 2, 3, 4):
        raise Invalid({"quarter": "review_no_such_quarter"})
    if db.session.scalar(sa.select(QuarterlyReview.id).where(QuarterlyReview.year == year,
                                                             QuarterlyReview.quarter == quarter)):
        raise Refusal("review_duplicate", quarter=f"{year} Q{quarter}")
    _check_plan(data)
    review = QuarterlyReview(year=year, quarter=quarter, state="planned",
                             created_by_id=created_by.id if created_by else None)
    for field in REVIEW_FIELDS:
        setattr(review, field, data.get(field) or ("" if field == "place" else None))
    db.session.add(review)
    _set_attendees(review, attendee_ids)
    _store_pack(review, today)
    db.session.flush()
    return review


def update_review(review: QuarterlyReview, data: dict, attendee_ids: list[int],
                  expected_version: int | None, by: User | None = None) -> QuarterlyReview:
    """Change the chair, date, place and attendees before the meeting starts."""
    _may(by, can_prepare_reviews)
    check_version(review, expected_version)
    _require_state(review, "planned")
    _check_plan(data)
    for field in REVIEW_FIELDS:
        setattr(review, field, data.get(field) or ("" if field == "place" else None))
    _set_attendees(review, attendee_ids)
    db.session.flush()
    return review


def _require_state(review: QuarterlyReview, *states: str) -> None:
    """Refuse a change the review's state does not allow."""
    if review.state not in states:
        raise Refusal("review_published" if review.state == "published" else f"review_not_{states[0]}")


def _store_pack(review: QuarterlyReview, as_of: date) -> None:
    """Build the pack from the data as of the day and keep it on the review (due months close first)."""
    target_operations.close_due_months(as_of)
    review.pack_json = json.dumps(building.build(review.year, review.quarter, as_of), ensure_ascii=False,
                                  sort_keys=True)
    review.pack_built_at = utcnow()


def refresh_pack(review: QuarterlyReview, today: date, by: User | None = None) -> QuarterlyReview:
    """Rebuild the pack from the latest data; only before the meeting starts."""
    _may(by, can_prepare_reviews)
    _require_state(review, "planned")
    _store_pack(review, today)
    db.session.flush()
    return review


def start_meeting(review: QuarterlyReview, today: date, expected_version: int | None = None,
                  by: User | None = None) -> QuarterlyReview:
    """Open the meeting: the pack is built one last time and frozen; the meeting is held today."""
    _may(by, lambda user: can_run_review(user, review))
    check_version(review, expected_version)
    _require_state(review, "planned")
    _store_pack(review, today)
    review.state, review.started_at, review.meeting_on = "in_meeting", utcnow(), today
    db.session.flush()
    return review


def add_decision(review: QuarterlyReview, text: str, user: User | None) -> Decision:
    """Record a decision, in or after the meeting, until the minutes are published (the one gate of decisions)."""
    _may(user, lambda person: can_run_review(person, review))
    _require_state(review, "in_meeting")
    text = (text or "").strip() if isinstance(text, str) else ""
    if not text:
        raise Invalid({"text": "review_empty_decision"})
    _check_text(text=text)
    position = max((d.position for d in review.decisions), default=0) + 1
    decision = Decision(review=review, text=text, position=position,
                        created_by_id=user.id if user else None)
    db.session.add(decision)
    db.session.flush()
    return decision


def remove_decision(decision: Decision, by: User | None = None) -> None:
    """Take back a decision recorded by mistake; one with actions stays (drop its actions instead)."""
    _may(by, lambda user: can_run_review(user, decision.review))
    _require_state(decision.review, "in_meeting")
    if decision_actions([decision.id]):
        raise Refusal("review_decision_has_actions")
    db.session.delete(decision)
    db.session.flush()


def add_action(decision: Decision, data: dict, user: User | None) -> ActionItem:
    """An action arising from a decision: an owner, and a due date not before the meeting (the actions gate)."""
    _may(user, lambda person: can_run_review(person, decision.review))
    _require_state(decision.review, "in_meeting")
    return actions.create_action(data, user, source="review", source_id=decision.id,
                                 not_before=decision.review.meeting_on)


def save_notes(review: QuarterlyReview, notes: str, expected_version: int | None,
               by: User | None = None) -> QuarterlyReview:
    """Keep the meeting's notes, until the minutes are published."""
    _may(by, lambda user: can_run_review(user, review))
    check_version(review, expected_version)
    _require_state(review, "planned", "in_meeting")
    _check_text(notes=notes)
    review.notes = notes
    db.session.flush()
    return review


def publish(review: QuarterlyReview, user: User, expected_version: int | None = None) -> QuarterlyReview:
    """Publish the minutes; from then on the review is read-only."""
    _may(user, lambda person: can_run_review(person, review))
    check_version(review, expected_version)
    _require_state(review, "in_meeting")
    review.state, review.published_at, review.published_by_id = "published", utcnow(), user.id
    db.session.flush()
    from cxgov.rhythm import chat  # the chat hears of it once the caller commits

    chat.announce(chat.MINUTES_PUBLISHED, review=review)
    return review

