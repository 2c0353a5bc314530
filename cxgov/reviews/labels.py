"""Translated labels and rule messages of quarterly reviews."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

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


def rule_message(error) -> str:
    """The user-facing text of a ReviewRuleError."""
    messages = {
        "duplicate": lambda p: _("There is already a review for %(quarter)s; open it instead.", **p),
        "chair_not_executive": lambda p: _("The chair must be an active executive."),
        "not_planned": lambda p: _("The meeting has started: the pack is frozen and the plan can no longer change."),
        "not_in_meeting": lambda p: _("Start the meeting first."),
        "published": lambda p: _("The minutes are published and can no longer change."),
        "empty_decision": lambda p: _("Write the decision."),
        "decision_has_actions": lambda p: _("This decision has actions; drop them in the tracker instead."),
        "empty_agenda": lambda p: _("Choose at least one section."),
        "no_action_title": lambda p: _("Say what the action is, or leave the action's fields empty."),
    }
    return messages[error.code](error.params)
