"""The programme calendar of the company, the CX office's feed: cycles, drafting windows and month closes,
workshops, quarterly reviews, rotation terms and the alignment reviews' sign-offs, in the organisation's language.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from cxgov import clock, months
from cxgov.extensions import db
from cxgov.i18n import organisation_default_locale
from cxgov.rhythm import labels
from cxgov.rhythm.calendar import HISTORY, host, link, review_events, term_events, workshop_events
from cxgov.rhythm.calendar_events import FeedEvent, build, sequence, uid
from cxgov.targets import status

# The drafting windows and month closes shown: from last month to this many months ahead.
MONTHS_AHEAD = 3


def company_ics(day: date | None = None) -> bytes:
    """The programme calendar, in the organisation's language."""
    day = day or clock.today()
    with force_locale(organisation_default_locale()):
        events = cycle_events(day) + month_events(day) + workshop_events(_workshops(day))
        events += review_events(_reviews(day), alarm=False) + alignment_events()
        return build(events, _("cxgov: CX programme calendar"), clock.zone(), term_events(lambda term: True))


def cycle_events(day: date) -> list[FeedEvent]:
    """Each assessment cycle: the span it takes answers, and its due date."""
    from cxgov.assessments.models import Cycle

    events = []
    for c in db.session.scalars(sa.select(Cycle).where(Cycle.due_on >= day - HISTORY).order_by(Cycle.opens_on)):
        common = {"changed_at": c.updated_at, "sequence": sequence(c.version),
                  "url": link("assessments.cycle", cycle_id=c.id), "busy": False}
        events.append(FeedEvent(uid=uid("cycle", c.id, host()), start=c.opens_on, end=c.due_on,
                                summary=_("Assessment “%(name)s” takes answers", name=c.name), **common))
        events.append(FeedEvent(uid=uid("cycle-due", c.id, host()), start=c.due_on, end=c.due_on,
                                summary=_("Assessment “%(name)s”: answers due", name=c.name), **common))
    return events


def month_events(day: date) -> list[FeedEvent]:
    """Each month's drafting window for targets, and the day the month locks."""
    from cxgov.targets.models import TargetSettings

    settings = db.session.scalar(sa.select(TargetSettings).limit(1)) or TargetSettings(
        window_opens_day=20, window_closes_day=5, close_day=5, version=1)
    common = {"changed_at": clock.start_of(day), "sequence": sequence(settings.version), "busy": False}
    this_month = months.month_of(day)
    events = []
    for offset in range(-1, MONTHS_AHEAD + 1):
        month = months.shift(this_month, offset)
        opens, closes = status.drafting_window(month, settings.window_opens_day, settings.window_closes_day)
        locks = status.close_date(month, settings.close_day)
        name, url = labels.month_text(month), link("targets.index", month=month)
        events.append(FeedEvent(uid=uid("window", month, host()), start=opens, end=closes, url=url,
                                summary=_("Drafting window: targets of %(month)s", month=name), **common))
        events.append(FeedEvent(uid=uid("close", month, host()), start=locks, end=locks, url=url,
                                summary=_("%(month)s closes", month=name), **common))
    return events


def _workshops(day: date) -> list:
    from cxgov.workshops.models import Workshop

    return list(db.session.scalars(sa.select(Workshop).options(selectinload(Workshop.invitations))
                                   .where(Workshop.ends_at >= clock.start_of(day - HISTORY))
                                   .order_by(Workshop.starts_at, Workshop.id)))


def _reviews(day: date) -> list:
    from cxgov.reviews.models import QuarterlyReview

    return list(db.session.scalars(sa.select(QuarterlyReview).where(QuarterlyReview.meeting_on >= day - HISTORY)
                                   .order_by(QuarterlyReview.meeting_on)))


def alignment_events() -> list[FeedEvent]:
    """An annual alignment review has a date once it is signed off: that day, in the organisation's zone."""
    from cxgov.alignment.models import AlignmentReview

    events = []
    for r in db.session.scalars(sa.select(AlignmentReview).where(AlignmentReview.signed_off_at.is_not(None))):
        on = r.signed_off_at.astimezone(clock.zone()).date()
        events.append(FeedEvent(uid=uid("alignment", r.year, host()), start=on, end=on, changed_at=r.updated_at,
                                sequence=sequence(r.version), url=link("alignment.show", year=r.year), busy=False,
                                summary=_("Annual alignment review %(year)s signed off", year=r.year)))
    return events
