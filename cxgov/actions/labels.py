"""Translated labels and rule messages of the action tracker."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "open": _l("Open"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "dropped": _l("Dropped"),
}

SOURCE_LABELS = {
    "manual": _l("Added by hand"),
    "review": _l("Quarterly review"),
    "workshop_idea": _l("Workshop idea"),
    "alignment": _l("Alignment review"),
    "assessment": _l("Assessment gap"),
}


def rule_message(error) -> str:
    """The user-facing text of an ActionRuleError."""
    messages = {
        "no_owner": lambda p: _("An action needs an owner."),
        "owner_inactive": lambda p: _("%(name)s is deactivated; choose an active owner.", **p),
        "no_due_date": lambda p: _("An action needs a due date."),
        "due_too_early": lambda p: _("The due date cannot be before %(date)s.", **p),
        "bad_status": lambda p: _("Unknown status."),
        "drop_needs_reason": lambda p: _("Say why the action is dropped."),
    }
    return messages[error.code](error.params)
