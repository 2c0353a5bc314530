"""A person's calendar feed, read from the database and worded in their language.

Their workshops (invited or facilitating), the quarterly reviews they attend or chair, their terms as project
director and the deadlines of what is due for them (`gather.due_for`, the inbox's own answer) become `FeedEvent`s;
`calendar_events.build` writes them as iCalendar. The company feed (`calendar_company`) shares the wording here.
"""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.routing import BuildError

from cxgov import clock
from cxgov.extensions import db
from cxgov.i18n import SUPPORTED_LOCALES, organisation_default_locale
from cxgov.rhythm import gather, labels
from cxgov.rhythm.calendar_events import DAY_BEFORE_AT_NINE, FeedEvent, build, host_of, sequence, uid
from cxgov.teams import ics

# How far back a feed reaches: older events are history, and a smaller feed syncs faster.
HISTORY = timedelta(days=365)
WORKSHOP_ALARM = -timedelta(hours=1)


def base_url() -> str:
    """The configured address of cxgov (CXGOV_BASE_URL), without a trailing slash; empty when not set."""
    return (current_app.config.get("CXGOV_BASE_URL") or "").rstrip("/")


def host() -> str:
    """The domain of every UID: the configured host, so that UIDs never depend on how a request came in."""
    return host_of(base_url())


def link(endpoint: str, **args) -> str:
    """An absolute link to a page from the configured base URL; empty without one or for an unknown page."""
    if not base_url():
        return ""
    try:
        return base_url() + url_for(endpoint, **args)
    except BuildError:
        return ""


def locale_of(user) -> str:
    """The language a person reads: their own setting, else the organisation's."""
    return user.locale if user.locale in SUPPORTED_LOCALES else organisation_default_locale()


def person_ics(user, day: date | None = None) -> bytes:
    """The person's private feed, in their language."""
    day = day or clock.today()
    with force_locale(locale_of(user)):
        events = workshop_events(_workshops_of(user.id, day), user.id) + review_events(_reviews_of(user.id, day))
        events += deadline_events(user.id, day)
        terms = term_events(lambda term: term.director_id == user.id)
        name = _("cxgov: %(name)s", name=user.name)
        return build(events, name, clock.zone(), terms)


# --- workshops ---
def _workshops_of(user_id: int, day: date) -> list:
    """Workshops the person is invited to or facilitates, from a year back, with their invitations."""
    from cxgov.workshops.models import Invitation, Workshop

    invited = sa.select(Invitation.workshop_id).where(Invitation.user_id == user_id)
    return list(db.session.scalars(
        sa.select(Workshop).options(selectinload(Workshop.invitations))
        .where(sa.or_(Workshop.id.in_(invited), Workshop.facilitator_id == user_id),
               Workshop.ends_at >= clock.start_of(day - HISTORY))
        .order_by(Workshop.starts_at, Workshop.id)))


def workshop_events(workshops, user_id: int | None = None) -> list[FeedEvent]:
    """One timed event per workshop; for a person, their answer is said and a declined one leaves them free."""
    events = []
    for w in workshops:
        answer = next((i.rsvp for i in w.invitations if i.user_id == user_id), None) if user_id else None
        events.append(FeedEvent(
            uid=uid("workshop", w.id, host()), summary=_workshop_summary(w), start=w.starts_at, end=w.ends_at,
            changed_at=w.updated_at, sequence=sequence(w.version), description=_workshop_text(w, user_id, answer),
            location=w.location or w.online_url, url=link("workshops.workshop", workshop_id=w.id),
            cancelled=w.cancelled, busy=answer != "no", alarm=WORKSHOP_ALARM if user_id else None))
    return events


def _workshop_summary(w) -> str:
    return _("Cancelled: %(title)s", title=w.title) if w.cancelled else _("Workshop: %(title)s", title=w.title)


def _workshop_text(w, user_id: int | None, answer: str | None) -> str:
    from cxgov.workshops.labels import RSVP_LABELS

    lines = [w.topic] if w.topic else []
    if user_id is not None and w.facilitator_id == user_id:
        lines.append(_("You facilitate this workshop."))
    elif answer in RSVP_LABELS:
        lines.append(_("Your answer: %(answer)s", answer=RSVP_LABELS[answer]))
    if w.online_url and w.location:
        lines.append(w.online_url)
    return "\n".join(lines)


# --- quarterly reviews ---
def _reviews_of(user_id: int, day: date) -> list:
    """Reviews the person chairs or attends, from a year back."""
    from cxgov.reviews.models import QuarterlyReview, review_attendees

    attends = sa.select(review_attendees.c.review_id).where(review_attendees.c.user_id == user_id)
    return list(db.session.scalars(
        sa.select(QuarterlyReview).where(sa.or_(QuarterlyReview.chair_id == user_id, QuarterlyReview.id.in_(attends)),
                                         QuarterlyReview.meeting_on >= day - HISTORY)
        .order_by(QuarterlyReview.meeting_on)))


def review_events(reviews, alarm: bool = True) -> list[FeedEvent]:
    """A quarterly review is held on a day (no time is planned): an all-day event, reminded the day before."""
    return [FeedEvent(
        uid=uid("review", r.id, host()), summary=_("Quarterly review %(quarter)s", quarter=r.label),
        start=r.meeting_on, end=r.meeting_on, changed_at=r.updated_at, sequence=sequence(r.version),
        location=r.place, url=link("reviews.show", review_id=r.id),
        alarm=DAY_BEFORE_AT_NINE if alarm else None) for r in reviews]


# --- rotation terms ---
def term_events(keep) -> list[ics.TermEvent]:
    """The rotation's terms as the rotation's own calendar words them, those `keep(term)` accepts."""
    from cxgov.teams.queries import all_terms

    terms = all_terms()
    words = ics.term_events(terms, host(), link("teams.rotation_page"))
    return [event for term, event in zip(terms, words, strict=True) if keep(term)]


# --- deadlines of due items ---
def deadline_events(user_id: int, day: date) -> list[FeedEvent]:
    """What is due for the person with a deadline: an all-day event on that day, with an alarm the day before."""
    stamp = clock.start_of(day)  # the items are the day's answer: they change at most once a day
    events = []
    for item in gather.due_for(user_id, day):
        if item.deadline is None:
            continue
        summary = labels.describe(item)
        events.append(FeedEvent(
            uid=uid("due", f"{user_id}-{item.key.replace(':', '-')}", host()), summary=summary,
            start=item.deadline, end=item.deadline, changed_at=stamp, description=labels.deadline_text(item, day),
            url=link(item.endpoint, **item.url_args), busy=False, alarm=DAY_BEFORE_AT_NINE, alarm_text=summary))
    return events
