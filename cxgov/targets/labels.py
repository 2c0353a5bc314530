"""Translated labels and messages of the targets feature."""
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {"achieved": _l("Achieved"), "on_track": _l("On track"), "at_risk": _l("At risk"),
                 "missed": _l("Missed")}
APPROVAL_LABELS = {"draft": _l("Draft"), "approved": _l("Approved")}
# Problems found by cxgov.targets.checks and operations.check_values, by code.
PROBLEM_MESSAGES = {
    "values_required": _l("A numeric target needs a baseline and a target value."),
    "values_equal": _l("The target value must differ from the baseline."),
    "not_above": _l("Higher is better, so the target must be above the baseline."),
    "not_below": _l("Lower is better, so the target must be below the baseline."),
    "owner_unknown": _l("The owner must be an active user who may make changes (not a viewer)."),
    "points_whole": _l("Incentive points must be a whole number from 0 to 1000."),
    "not_a_number": _l("Enter an ordinary number, such as 42 or 3.5."),
}


def problem_messages(problems: dict[str, str]) -> dict[str, list[str]]:
    """Field → translated messages, for a form or an API error body."""
    return {field: [str(PROBLEM_MESSAGES[code])] for field, code in problems.items()}


def rule_message(error) -> str:
    """The user-facing message for a refused monthly rule."""
    p = error.params
    if error.code == "month_closed":
        return _("%(month)s is closed: its targets can no longer change (an executive may override with a reason).",
                 month=p["month"])
    if error.code == "outside_window":
        return _("Targets for %(month)s can be drafted from %(opens)s to %(closes)s.", month=p["month"],
                 opens=format_date(p["opens"]), closes=format_date(p["closes"]))
    if error.code == "too_many":
        return _("A department may have at most %(n)s targets in %(month)s.", n=p["n"], month=p["month"])
    if error.code == "approved":
        return _("“%(title)s” has been approved: only the CX office or an executive may change it now.",
                 title=p["title"])
    if error.code == "edit_outside_window":
        return _("A department lead may change the targets of %(month)s only while drafting is open, from %(opens)s "
                 "to %(closes)s; ask the CX office.", month=p["month"], opens=format_date(p["opens"]),
                 closes=format_date(p["closes"]))
    if error.code == "invalid":
        return " ".join(str(PROBLEM_MESSAGES[code]) for code in p["problems"].values())
    if error.code == "not_missed":
        return _("Only a missed target of a closed month can be carried over.")
    return _("This change is not allowed.")
