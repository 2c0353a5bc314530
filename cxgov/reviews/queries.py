"""Reads for the review pages, in a fixed number of queries."""
from __future__ import annotations

import re
from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov.actions.models import ActionItem
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.permissions import CX_OFFICE, DEPT_LEAD, EXECUTIVE
from cxgov.reviews.models import Decision, QuarterlyReview


def reviews() -> list[QuarterlyReview]:
    """Every review, newest quarter first, with chair and decisions loaded."""
    return list(db.session.scalars(
        sa.select(QuarterlyReview).options(selectinload(QuarterlyReview.chair),
                                           selectinload(QuarterlyReview.decisions))
        .order_by(QuarterlyReview.year.desc(), QuarterlyReview.quarter.desc())))


def load_review(review_id: int) -> QuarterlyReview:
    """A review with attendees and decisions, or 404."""
    review = db.session.scalar(sa.select(QuarterlyReview).where(QuarterlyReview.id == review_id).options(
        selectinload(QuarterlyReview.attendees), selectinload(QuarterlyReview.decisions),
        selectinload(QuarterlyReview.chair)))
    if review is None:
        from flask import abort

        abort(404)
    return review


def decision_actions(decision_ids: list[int]) -> list[ActionItem]:
    """The actions arising from some decisions, oldest first, with owner and department."""
    if not decision_ids:
        return []
    return list(db.session.scalars(
        sa.select(ActionItem).options(selectinload(ActionItem.owner), selectinload(ActionItem.department))
        .where(ActionItem.source == "review", ActionItem.source_id.in_(decision_ids)).order_by(ActionItem.id)))


def actions_by_decision(decisions: list[Decision]) -> dict[int, list[ActionItem]]:
    """Each decision's actions."""
    grouped: dict[int, list[ActionItem]] = defaultdict(list)
    for action in decision_actions([d.id for d in decisions]):
        grouped[action.source_id].append(action)
    return grouped


def active_users() -> list[User]:
    """Active people, by name, for owners and attendees."""
    return list(db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name)))


def people_by_email(text: str) -> tuple[list[int], list[str]]:
    """The active people whose e-mails a text lists (separated by commas, semicolons or spaces), and the e-mails
    that are nobody's."""
    emails = list(dict.fromkeys(e.lower() for e in re.split(r"[\s,;，；、]+", text or "") if e))
    found = dict(db.session.execute(sa.select(sa.func.lower(User.email), User.id).where(
        sa.func.lower(User.email).in_(emails), User.active.is_(True))).all()) if emails else {}
    return [found[e] for e in emails if e in found], [e for e in emails if e not in found]


def default_attendees(users: list[User]) -> list[int]:
    """Who usually sits in the review: executives, the CX office and department leads."""
    return [u.id for u in users if u.has_role(EXECUTIVE, CX_OFFICE, DEPT_LEAD)]


def executives(users: list[User]) -> list[User]:
    """Who may chair."""
    return [u for u in users if u.has_role(EXECUTIVE)]
