"""The words of the rhythm: what each due item asks of its reader, in the reader's language.

One sentence per kind, used by the inbox, the home page, the e-mail digest, the chat digest and the calendar
feed alike. Dates and months are formatted here, at the edge, in the current locale (`force_locale` for mail).
"""
from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton
from flask_babel import format_date, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import clock, months
from cxgov.rhythm import due

KIND_LABELS = {
    due.ANSWER: _l("Questionnaires"),
    due.WINDOW_OPENS: _l("Drafting opens"),
    due.SET_TARGETS: _l("Targets to set"),
    due.APPROVE: _l("Targets to approve"),
    due.UPDATE: _l("Progress to update"),
    due.ESCALATED: _l("Targets gone quiet"),
    due.MONTH_CLOSE: _l("Month close"),
    due.RSVP: _l("Invitations"),
    due.ATTENDANCE: _l("Attendance to record"),
    due.SCREEN: _l("Ideas to screen"),
    due.ACTION: _l("Actions"),
    due.HANDOVER: _l("Handover to write"),
    due.ACKNOWLEDGE: _l("Handover to acknowledge"),
    due.PACK: _l("Review pack"),
    due.RATE: _l("Alignment ratings"),
}

URGENCY_LABELS = {
    due.OVERDUE: _l("Overdue"),
    due.TODAY: _l("Due today"),
    due.SOON: _l("Due soon"),
    due.LATER: _l("Coming up"),
}


def month_text(month: str) -> str:
    """A month as its reader says it: "December 2026", "2026年12月"."""
    year, number = months.parse(month)
    return format_skeleton("yMMMM", date(year, number, 1), locale=_locale())


def _locale() -> str:
    return str(get_locale() or "en")


def _day(value: date | None) -> str:
    return format_date(value, "medium") if value else ""


def _department(values: dict) -> str:
    if _locale().startswith("zh"):
        return values.get("department_zh") or values.get("department_en", "")
    return values.get("department_en") or values.get("department_zh", "")


def _area(values: dict) -> str:
    from cxgov.alignment.labels import AREA_LABELS

    return values.get("name") or str(AREA_LABELS.get(values.get("key"), values.get("key", "")))


def describe(item: due.Item) -> str:
    """The sentence that says what the item asks, e.g. "Answer the Autumn 2026 questionnaire for Sales"."""
    v = item.values
    kind = item.kind
    if kind == due.ANSWER:
        return _("Answer the questionnaire “%(cycle)s” for %(department)s", cycle=v["cycle"],
                 department=_department(v))
    if kind == due.WINDOW_OPENS:
        return _("Drafting of %(department)s's targets for %(month)s opens on %(day)s",
                 department=_department(v), month=month_text(v["month"]), day=_day(v["opens_on"]))
    if kind == due.SET_TARGETS:
        return _("Set %(department)s's targets for %(month)s: %(have)s so far, at least %(need)s needed",
                 department=_department(v), month=month_text(v["month"]), have=v["have"], need=v["need"])
    if kind == due.APPROVE:
        return ngettext("Approve the draft target for %(month)s (%(num)d waiting)",
                        "Approve the draft targets for %(month)s (%(num)d waiting)", item.count,
                        month=month_text(v["month"]))
    if kind == due.UPDATE:
        return _("Post progress on “%(title)s”: no update for %(days)s days", title=v["title"], days=v["idle_days"])
    if kind == due.ESCALATED:
        return _("“%(title)s” of %(department)s has had no update for %(days)s days: follow up with its owner",
                 title=v["title"], department=_department(v), days=v["idle_days"])
    if kind == due.MONTH_CLOSE:
        return ngettext("%(month)s locks on %(day)s: record the final result of %(num)d target of %(department)s",
                        "%(month)s locks on %(day)s: record the final result of %(num)d targets of %(department)s",
                        item.count, month=month_text(v["month"]), day=_day(v["locks_on"]),
                        department=_department(v))
    if kind == due.RSVP:
        return _("Answer the invitation to the workshop “%(title)s” on %(day)s", title=v["title"], day=_day(v["on"]))
    if kind == due.ATTENDANCE:
        return _("Record who attended the workshop “%(title)s” of %(day)s", title=v["title"], day=_day(v["on"]))
    if kind == due.SCREEN:
        return ngettext("Screen %(num)d idea from the workshop “%(title)s”",
                        "Screen %(num)d ideas from the workshop “%(title)s”", item.count, title=v["title"])
    if kind == due.ACTION:
        return _("Complete the action “%(title)s”", title=v["title"])
    if kind == due.HANDOVER:
        return _("Write your handover to the next project director: your term ends on %(day)s",
                 day=_day(v["ends_on"]))
    if kind == due.ACKNOWLEDGE:
        return _("Acknowledge the handover of the project director whose term ended on %(day)s",
                 day=_day(v["ends_on"]))
    if kind == due.PACK:
        return _("Prepare the pack of the Q%(quarter)s %(year)s review, meeting on %(day)s", quarter=v["quarter"],
                 year=v["year"], day=_day(v["on"]))
    if kind == due.RATE:
        return _("Rate “%(area)s” in the %(year)s alignment review", area=_area(v), year=v["year"])
    raise ValueError(f"no wording for the kind {kind!r}")


def deadline_text(item: due.Item, today: date | None = None) -> str:
    """When it is due: "Was due 1 Dec 2026", "Due today", "Due 5 Dec 2026" (nothing without a deadline)."""
    if item.deadline is None:
        return ""
    if item.deadline < (today or clock.today()):
        return _("Was due %(day)s", day=_day(item.deadline))
    if item.deadline == (today or clock.today()):
        return _("Due today")
    return _("Due %(day)s", day=_day(item.deadline))
