"""Every write on calendar feed addresses, and finding a feed by its secret; the caller commits.

A person creates or resets their own feed; the CX office creates or resets the company feed. Either way a new
random secret replaces the stored hash, so the address given before stops working at once.
"""
from __future__ import annotations

import hashlib
import re
import secrets

from flask_babel import lazy_gettext as _l

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.permissions import can_use_company_calendar
from cxgov.rhythm.calendar_models import COMPANY, PERSON, CalendarFeed
from cxgov.rules import Refusal, wordings

PREFIX_LENGTH = 6
# What token_urlsafe(32) makes: anything else is not a secret we could have issued, and is refused unread.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")

wordings({
    "calendar_inactive": _l("A deactivated account has no calendar feed."),
    "calendar_company_not_allowed": _l("Only the CX office may create or reset the programme calendar's address."),
})


def hash_secret(plain: str) -> str:
    """The stored form of a secret: SHA-256, hex (the secret is random, so no salt is needed)."""
    return hashlib.sha256(plain.encode()).hexdigest()


def _issue(feed: CalendarFeed, by: User) -> str:
    """Give the feed a new secret; returns it in the clear, the only time it exists."""
    plain = secrets.token_urlsafe(32)
    feed.token_hash, feed.prefix, feed.changed_by_id = hash_secret(plain), plain[:PREFIX_LENGTH], by.id
    db.session.flush()
    return plain


def _feed(scope: str, user_id: int | None) -> CalendarFeed | None:
    """The feed row of a person, or the company's."""
    return db.session.scalar(db.select(CalendarFeed).where(
        CalendarFeed.scope == scope,
        CalendarFeed.user_id == user_id if user_id is not None else CalendarFeed.user_id.is_(None)))


def person_feed(user: User) -> CalendarFeed | None:
    """The person's feed, if they made one."""
    return _feed(PERSON, user.id)


def company_feed() -> CalendarFeed | None:
    """The company feed, if the CX office made one."""
    return _feed(COMPANY, None)


def renew_person_feed(user: User) -> str:
    """Create the person's feed or give it a new address; returns the new secret."""
    if not user.active:
        raise Refusal("calendar_inactive")
    feed = person_feed(user)
    if feed is None:
        feed = CalendarFeed(scope=PERSON, user_id=user.id)
        db.session.add(feed)
    return _issue(feed, user)


def renew_company_feed(by: User) -> str:
    """Create the company feed or give it a new address (the CX office); returns the new secret."""
    if not can_use_company_calendar(by):
        raise Refusal("calendar_company_not_allowed")
    feed = company_feed()
    if feed is None:
        feed = CalendarFeed(scope=COMPANY, user_id=None)
        db.session.add(feed)
    return _issue(feed, by)


def find(plain: str, scope: str) -> CalendarFeed | None:
    """The feed a secret opens, or None: a malformed secret, an unknown or replaced one, a deactivated owner."""
    if not isinstance(plain, str) or not TOKEN_SHAPE.fullmatch(plain):
        return None
    feed = db.session.scalar(db.select(CalendarFeed).where(CalendarFeed.token_hash == hash_secret(plain),
                                                           CalendarFeed.scope == scope))
    if feed is None or (scope == PERSON and not (feed.user and feed.user.active)):
        return None
    return feed
