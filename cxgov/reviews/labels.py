"""Translated labels of quarterly reviews, and the wording of every refusal their gates raise."""
from flask_babel import lazy_gettext as _l

from cxgov import rules

STATE_LABELS = {
    "planned": _l("Planned"),
    "in_meeting": _l("In the meeting"),
    "published": _l("Minutes published"),
}

SECTION_LABELS = {
    "targets": _l("Targets achievement by department"),
    "missed_targets": _l("Missed and at-risk targets"),
    "maturity": _l("CX maturity"),
    "rotation": _l("Project director and handover"),
    "workshops": _l("Workshops and participation"),
    "actions": _l("Open and overdue actions"),
}

LIGHT_LABELS = {"green": _l("On track: at least 80 percent achieved"), "amber": _l("Watch: 50 to 79 percent achieved"),
                "red": _l("Off track: under 50 percent achieved"), "none": _l("No targets"),
                "open": _l("Month not closed yet: achieved so far of all targets")}

HANDOVER_LABELS = {"none": _l("Not started"), "draft": _l("Being written"),
                   "submitted": _l("Shared, awaiting acknowledgement"),
                   "acknowledged": _l("Acknowledged")}


# The wording of every refusal of the reviews' gates (cxgov.reviews.operations), by code.
rules.wordings({
    "review_duplicate": _l("There is already a review for %(quarter)s; open it instead."),
    "review_no_such_quarter": _l("Choose a quarter from 1 to 4 of a year from 2000 to 2100."),
    "review_no_meeting_day": _l("Choose the meeting date."),
    "chair_not_executive": _l("The chair must be an active executive."),
    "review_not_planned": _l("The meeting has started: the pack is frozen and the plan can no longer change."),
    "review_not_in_meeting": _l("Start the meeting first."),
    "review_published": _l("The minutes are published and can no longer change."),
    "review_empty_decision": _l("Write the decision."),
    "review_decision_has_actions": _l("This decision has actions; drop them in the tracker instead."),
    "review_empty_agenda": _l("Choose at least one section."),
    "review_not_allowed": _l("Your role does not allow this change to the review."),
})
