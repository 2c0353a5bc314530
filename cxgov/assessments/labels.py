"""Translated labels for cycle states and level names."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

STATE_LABELS = {"draft": _l("Draft"), "open": _l("Open"), "calibration": _l("Calibration"),
                "published": _l("Published")}


def transition_message(state: str, reopening: bool) -> str:
    """What to tell the user after a state change."""
    if reopening:
        return _("The cycle has been reopened; the reason is in the audit trail.")
    return {"open": _("The cycle is open: respondents can answer now."),
            "calibration": _("Answers are closed. Review and calibrate the scores, then publish."),
            "published": _("The results are published and visible to everyone.")}.get(state, "")
