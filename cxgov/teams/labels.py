"""Translated labels for team roles, cadences and terms."""
from datetime import date

from flask import has_request_context
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "sponsor": _l("Sponsor and overall lead"),
    "director": _l("Project director"),
    "deputy": _l("Deputy (next director)"),
    "champion": _l("CX champion"),
    "hr_lead": _l("HR culture lead"),
    "member": _l("Team member"),
}

ROLE_HELP = {
    "sponsor": _l("The CEO: leads the virtual team and chairs the quarterly review."),
    "director": _l("A department head in their term: looks beyond their own function at the balance between "
                   "departments, the company and the customer."),
    "deputy": _l("Directs the next term and shadows the current director until then."),
    "champion": _l("One per department: carries the CX work into their own team."),
    "hr_lead": _l("Runs the monthly CX culture workshops."),
    "member": _l("Takes part in the team's work and owns actions."),
}

CADENCE_LABELS = {
    "monthly": _l("Monthly"),
    "quarterly": _l("Quarterly"),
    "half_yearly": _l("Half-yearly"),
    "yearly": _l("Yearly"),
}


def term_label(cadence: str, starts_on: date) -> str:
    """A short name for a term: “Q4 2026”, “H1 2027”, “2027” or “March 2027” when it follows the calendar."""
    if starts_on.day != 1:
        return format_date(starts_on, "medium")
    month, year = starts_on.month, starts_on.year
    if cadence == "quarterly" and month in (1, 4, 7, 10):
        return _("Q%(q)s %(year)s", q=(month - 1) // 3 + 1, year=year)
    if cadence == "half_yearly" and month in (1, 7):
        return _("H1 %(year)s", year=year) if month == 1 else _("H2 %(year)s", year=year)
    if cadence == "yearly" and month == 1:
        return str(year)
    if cadence == "monthly":
        return format_date(starts_on, "LLLL y")
    return format_date(starts_on, "MMM y")


def say(message: str, **values) -> str:
    """gettext in a request; the English text elsewhere (the CLI and the demo loader have no reader)."""
    if has_request_context():
        return _(message, **values)
    return message % values if values else message
