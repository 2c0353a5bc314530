"""Translated labels for team roles, cadences and terms."""
from datetime import date

from flask import has_request_context
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import rules

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


def _term(p) -> str:
    """The short name of the term a refusal names (its arguments: cadence, first day in ISO form)."""
    return term_label(p["cadence"], date.fromisoformat(p["starts_on"]))


def _overlap(p) -> str:
    """Someone already holds the seat: who, which role, from when until when (or open-ended)."""
    return _("%(name)s is already %(role)s from %(start)s to %(end)s. End that assignment first, or choose dates "
             "that do not overlap.", name=p["name"], role=ROLE_LABELS.get(p["role"], p["role"]), start=p["start"],
             end=p["end"] if p["end"] is not None else _("open-ended"))


# The wording of every refusal of the team and rotation operations, by code (a term is named at the edge).
rules.wordings({
    "rotation_pool_empty": _l("Choose at least one person for the pool."),
    "rotation_pool_inactive": _l("%(names)s cannot join the pool: deactivated."),
    "rotation_start_past": _l("A rotation plan cannot start in the past. Choose %(date)s or later."),
    "rotation_plan_not_started": _l("The plan “%(name)s” has not started yet. Change its pool, or delete it and "
                                    "create a new one."),
    "rotation_current_term_runs": _l("The current term runs until %(end)s; a new plan can start on %(date)s or "
                                     "later."),
    "rotation_start_on_boundary": _l("Start the new plan on the first day of a term of the current plan, e.g. %(a)s "
                                     "or %(b)s, so that no term is cut short."),
    "rotation_bad_cadence": _l("Choose a cadence."),
    "rotation_plan_started": _l("A plan that has started is kept as history; create a new plan to change the "
                                "rotation."),
    "leave_ends_before_start": _l("The leave ends before it starts."),
    "leave_overlaps": _l("%(name)s already has leave from %(start)s to %(end)s; change that one instead."),
    "leave_over": _l("A leave that is over is kept as history: it explains past skips."),
    "term_started": lambda p: _("%(term)s has already started; only planned terms can change.",
                                term=_term(p)),
    "director_inactive": _l("%(name)s is deactivated and cannot direct a term."),
    "director_not_in_pool": _l("%(name)s is not in the rotation pool. Add them to the pool first."),
    "director_on_leave": lambda p: _("%(name)s is on leave during %(term)s and cannot direct it.", name=p["name"],
                                     term=_term(p)),
    "term_same_director": lambda p: _("%(name)s already directs %(term)s.", name=p["name"],
                                      term=_term(p)),
    "swap_other_term": _l("Choose another planned term of the same plan to swap with."),
    "swap_vacant": _l("A vacant term cannot be swapped; give it a director instead."),
    "director_twice": _l("%(name)s would direct two terms in a row. Choose another person or term."),
    "assignment_rotation_role": _l("The project director and the deputy come from the rotation, not from an "
                                   "assignment."),
    "assignment_inactive": _l("%(name)s is deactivated and cannot hold a team role."),
    "assignment_end_before_start": _l("The end date is before the start date."),
    "assignment_ends_too_early": _l("The end date is before the start date (%(date)s)."),
    "champion_department": _l("Choose the department this person champions."),
    "champion_elsewhere": _l("A department's CX champion works in that department; %(name)s does not."),
    "assignment_overlap": _overlap,
    "handover_acknowledged": _l("The next director has acknowledged this handover; it no longer changes."),
    "handover_notes_needed": _l("Write your handover notes before you submit them."),
    "handover_not_submitted": _l("The handover has not been submitted yet."),
})
