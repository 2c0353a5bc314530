"""Translated labels and messages of the targets feature."""
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {"achieved": _l("Achieved"), "on_track": _l("On track"), "at_risk": _l("At risk"),
                 "missed": _l("Missed")}
APPROVAL_LABELS = {"draft": _l("Draft"), "approved": _l("Approved")}


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
    if error.code == "not_missed":
        return _("Only a missed target of a closed month can be carried over.")
    return _("This change is not allowed.")
