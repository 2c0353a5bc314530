"""Translated labels for cycle states, and the wording of every assessment refusal."""
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import rules

STATE_LABELS = {"draft": _l("Draft"), "open": _l("Open"), "calibration": _l("Calibration"),
                "published": _l("Published")}


def transition_message(state: str, reopening: bool) -> str:
    """What to tell the user after a state change."""
    if reopening:
        return _("The cycle has been reopened; the reason is in the audit trail.")
    return {"open": _("The cycle is open: respondents can answer now."),
            "calibration": _("Answers are closed. Review and calibrate the scores, then publish."),
            "published": _("The results are published and visible to everyone.")}.get(state, "")


def _department(params) -> str:
    """The department's name in the reader's language (a refusal carries both)."""
    zh = str(get_locale() or "").startswith("zh")
    return params.get("department_zh" if zh else "department_en") or params.get("department_code", "")


def _with_department(message):
    """A wording whose %(department)s is the department's name in the reader's language."""
    return lambda params: str(message) % {**params, "department": _department(params)}


def _state(params) -> str:
    """A cycle state in the reader's language."""
    return str(STATE_LABELS.get(params.get("state"), params.get("state", "")))


rules.wordings({
    # respondents
    "respondents_not_allowed": _l("Only the CX office or an executive chooses who answers a cycle."),
    "respondents_closed": _l("Respondents can change only while the cycle is a draft or open."),
    "respondent_department_not_in_cycle": _with_department(_l("%(department)s does not take part in this cycle.")),
    "respondent_perspective_unknown": _l("Choose self-assessment or executive view."),
    "respondent_inactive": _l("%(name)s’s account is deactivated: an inactive account never answers an assessment."),
    "respondent_read_only": _l("%(name)s has read-only access and never answers an assessment."),
    "respondent_without_department": _l("%(name)s belongs to no department, so cannot answer an assessment."),
    "respondent_not_member": _with_department(_l(
        "%(name)s does not belong to %(department)s: a department’s self-assessment is answered by its own "
        "people. An executive rates it with the executive view.")),
    "respondent_not_executive": _l("Only an executive gives the executive view; %(name)s does not hold the "
                                   "executive role."),
    "respondent_exists": _with_department(_l("%(name)s already rates %(department)s in this cycle.")),
    # answers
    "answer_not_yours": _l("Only the respondent answers their own questionnaire."),
    "answer_cycle_not_open": _l("This cycle is not open: answers can no longer be changed."),
    "answer_already_submitted": _l("You have already submitted. Choose “Revise my answers” first."),
    "answer_not_submitted": _l("These answers have not been submitted yet."),
    "answer_level": _l("Choose a level from 1 to 5, or not applicable."),
    "answer_evidence_too_long": _l("Evidence is longer than %(max_evidence)s characters."),
    "answer_missing": _l("Choose a level or not applicable before submitting."),
    "answer_unknown_practice": _l("This practice is not part of the cycle’s framework."),
    # cycles and calibration
    "cycle_transition": lambda params: _("A cycle that is %(state)s cannot move to that state.",
                                         state=_state(params)),
    "cycle_reopen_reason": _l("Give a reason; it is kept in the audit trail."),
    "framework_invalid": _l("The shipped maturity framework is invalid: %(problems)s"),
    "calibration_closed": _l("Scores can be calibrated only while the cycle is in calibration."),
    "calibration_range": _l("A score is between 1 and 5."),
    "calibration_reason": _l("Give a reason; it is kept in the audit trail."),
})
