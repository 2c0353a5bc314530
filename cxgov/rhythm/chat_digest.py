"""What a channel is told: the weekly digest of a department or of the company, and the events.

The figures come from the due items (`gather.due_items`: targets gone without an update) and two small queries
(overdue actions, the next workshop); the words are written in the channel's language.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from cxgov import clock
from cxgov.extensions import db
from cxgov.rhythm import due
from cxgov.rhythm.chat_formats import Message, Section
from cxgov.rhythm.chat_models import CYCLE_OPENED, DIGEST, MINUTES_PUBLISHED, RESULTS_PUBLISHED, TEST, ChatChannel

WORKSHOP_HORIZON_DAYS = 14  # a workshop further ahead is not "upcoming" in a weekly digest
MAX_LINES = 8  # a chat message is read on a phone: the rest is counted, not listed


def link(endpoint: str, **values) -> str:
    """An absolute link into cxgov (CXGOV_BASE_URL), or "" when no base URL is configured."""
    base = str(current_app.config.get("CXGOV_BASE_URL") or "").rstrip("/")
    if not base:
        return ""
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)


def _department_name(channel: ChatChannel) -> str:
    return channel.department.display_name(channel.language) if channel.department else ""


def _stale_targets(items: dict[int, list[due.Item]]) -> dict[int, dict[str, tuple[str, int]]]:
    """Department → target key → (title, days without an update), from the due items of owners and leads."""
    found: dict[int, dict[str, tuple[str, int]]] = defaultdict(dict)
    for person_items in items.values():
        for item in person_items:
            if item.kind in (due.UPDATE, due.ESCALATED) and item.department_id is not None:
                target = item.key.split(":", 1)[1]
                found[item.department_id][target] = (item.values.get("title", ""), item.values.get("idle_days", 0))
    return found


def _overdue_actions(day: date) -> dict[int, list[tuple[str, date]]]:
    """Department → open actions past their due date (the action's department, else its owner's)."""
    from cxgov.actions.models import OPEN_STATUSES, ActionItem
    from cxgov.auth.models import User

    department = sa.func.coalesce(ActionItem.department_id, User.department_id)
    rows = db.session.execute(
        sa.select(department, ActionItem.title, ActionItem.due_on).join(User, User.id == ActionItem.owner_id)
        .where(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_on < day).order_by(ActionItem.due_on))
    found: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for department_id, title, due_on in rows:
        if department_id is not None:
            found[department_id].append((title, due_on))
    return found


def _upcoming_workshops(day: date, department_id: int | None) -> list:
    """Workshops starting within the horizon; for a department, those it takes part in or open to all."""
    from cxgov.workshops.models import Workshop, WorkshopDepartment

    start = datetime.combine(day, time.min, tzinfo=clock.zone())
    end = start + timedelta(days=WORKSHOP_HORIZON_DAYS + 1)
    query = (sa.select(Workshop).where(Workshop.cancelled_at.is_(None), Workshop.starts_at >= start,
                                       Workshop.starts_at < end).order_by(Workshop.starts_at))
    if department_id is not None:
        linked = sa.select(WorkshopDepartment.workshop_id).where(WorkshopDepartment.workshop_id == Workshop.id)
        mine = linked.where(WorkshopDepartment.department_id == department_id)
        query = query.where(sa.or_(mine.exists(), ~linked.exists()))
    return list(db.session.scalars(query))


def _listed(lines: list[str]) -> tuple[str, ...]:
    if len(lines) <= MAX_LINES:
        return tuple(lines)
    return (*lines[:MAX_LINES], _("… and %(count)s more", count=len(lines) - MAX_LINES))


def _workshop_line(workshop) -> str:
    return _("%(title)s on %(day)s", title=workshop.title,
             day=format_date(workshop.starts_at.astimezone(clock.zone()).date(), "medium"))


class DigestFigures:
    """The week's figures, read once and shared by every channel's digest."""

    def __init__(self, day: date, items: dict[int, list[due.Item]]):
        self.day = day
        self.stale = _stale_targets(items)
        self.actions = _overdue_actions(day)


def digest(channel: ChatChannel, figures: DigestFigures) -> Message:
    """The weekly digest of the channel's department, or the company summary."""
    with force_locale(channel.language):
        if channel.department_id is None:
            return _company_digest(channel, figures)
        return _department_digest(channel, figures)


def _department_digest(channel: ChatChannel, figures: DigestFigures) -> Message:
    stale = sorted(figures.stale.get(channel.department_id, {}).values(), key=lambda t: (-t[1], t[0]))
    actions = figures.actions.get(channel.department_id, [])
    workshops = _upcoming_workshops(figures.day, channel.department_id)
    name = _department_name(channel)
    sections = (
        Section(_("Targets not updated (%(count)s)", count=len(stale)),
                _listed([_("%(title)s: no update for %(days)s days", title=t, days=d) for t, d in stale])
                or (_("Every target has a recent update."),)),
        Section(_("Overdue actions (%(count)s)", count=len(actions)),
                _listed([_("%(title)s (due %(day)s)", title=t, day=format_date(d, "medium")) for t, d in actions])
                or (_("No action is overdue."),)),
        Section(_("Upcoming workshop"), (_workshop_line(workshops[0]),) if workshops
                else (_("No workshop in the next two weeks."),)),
    )
    return Message(event=DIGEST, title=_("%(department)s: the week of %(day)s", department=name,
                                         day=format_date(figures.day, "medium")),
                   language=channel.language, sections=sections, department=name,
                   link_text=_("Open the targets"), link_url=link("targets.index", department=channel.department_id),
                   data={"day": figures.day.isoformat(), "targets_not_updated": len(stale),
                         "overdue_actions": len(actions), "upcoming_workshops": len(workshops)})


def _company_digest(channel: ChatChannel, figures: DigestFigures) -> Message:
    from cxgov.org.models import Department

    departments = db.session.scalars(sa.select(Department).where(Department.archived_at.is_(None))
                                     .order_by(Department.code))
    lines = []
    for department in departments:
        stale, actions = len(figures.stale.get(department.id, {})), len(figures.actions.get(department.id, []))
        if stale or actions:
            lines.append(_("%(department)s: targets not updated %(stale)s, overdue actions %(actions)s",
                           department=department.display_name(channel.language), stale=stale, actions=actions))
    workshops = _upcoming_workshops(figures.day, None)
    total_stale = sum(len(v) for v in figures.stale.values())
    total_actions = sum(len(v) for v in figures.actions.values())
    sections = (
        Section(_("Targets not updated %(stale)s, overdue actions %(actions)s", stale=total_stale,
                  actions=total_actions), _listed(lines) or (_("Every department is up to date."),)),
        Section(_("Upcoming workshops"), _listed([_workshop_line(w) for w in workshops])
                or (_("No workshop in the next two weeks."),)),
    )
    return Message(event=DIGEST, title=_("The company's week of %(day)s", day=format_date(figures.day, "medium")),
                   language=channel.language, sections=sections,
                   link_text=_("Open the company's targets"), link_url=link("targets.company"),
                   data={"day": figures.day.isoformat(), "targets_not_updated": total_stale,
                         "overdue_actions": total_actions, "upcoming_workshops": len(workshops)})


def event_message(channel: ChatChannel, event: str, **params) -> Message:
    """The announcement of an event (or a test message) in the channel's language."""
    with force_locale(channel.language):
        name = _department_name(channel)
        if event == CYCLE_OPENED:
            cycle = params["cycle"]
            return Message(event=event, title=_("The assessment %(cycle)s is open", cycle=cycle.name),
                           language=channel.language, department=name,
                           sections=(Section("", (_("Please answer the questionnaire by %(day)s.",
                                                    day=format_date(cycle.due_on, "medium")),)),),
                           link_text=_("Open the assessment"), link_url=link("assessments.cycle", cycle_id=cycle.id),
                           data={"cycle_id": cycle.id, "cycle": cycle.name, "due_on": cycle.due_on.isoformat()})
        if event == RESULTS_PUBLISHED:
            cycle = params["cycle"]
            return Message(event=event, title=_("The results of %(cycle)s are published", cycle=cycle.name),
                           language=channel.language, department=name,
                           link_text=_("See the results"),
                           link_url=link("assessments.results_page", cycle_id=cycle.id),
                           data={"cycle_id": cycle.id, "cycle": cycle.name})
        if event == MINUTES_PUBLISHED:
            review = params["review"]
            period = f"{review.year} Q{review.quarter}"
            return Message(event=event, title=_("The minutes of the %(period)s review are published", period=period),
                           language=channel.language, department=name,
                           link_text=_("Read the minutes"), link_url=link("reviews.show", review_id=review.id),
                           data={"review_id": review.id, "year": review.year, "quarter": review.quarter})
        return Message(event=TEST, title=_("cxgov test message"), language=channel.language, department=name,
                       sections=(Section("", (_("If you can read this, %(channel)s is connected.",
                                                channel=channel.name),)),))
