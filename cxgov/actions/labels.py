"""Translated labels and rule messages of the action tracker."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as pgettext

# With a context: "Open" and "In progress" already mean an assessment cycle's states (进行中, 作答中) in the
# catalogue. Bound to the lazy variant under the name the extractor knows with its context argument (1c, 2).
STATUS_LABELS = {
    "open": pgettext("action status", "Open"),
    "in_progress": pgettext("action status", "In progress"),
    "done": pgettext("action status", "Done"),
    "dropped": pgettext("action status", "Dropped"),
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
        "owner_read_only": lambda p: _("%(name)s only reads cxgov and cannot own an action; choose someone else.",
                                       **p),
        "no_due_date": lambda p: _("An action needs a due date."),
        "due_too_early": lambda p: _("The due date cannot be before %(date)s.", **p),
        "bad_status": lambda p: _("Unknown status."),
        "drop_needs_reason": lambda p: _("Say why the action is dropped."),
    }
    return messages[error.code](error.params)

# The list's status filter: the two groupings besides the four statuses.
STATUS_FILTER_LABELS = {
    "active": _l("Open or in progress"),
    "all": _l("Any status"),
    **STATUS_LABELS,
}

# Fields as the history on an action's page names them.
FIELD_LABELS = {
    "title": _l("Title"),
    "description": _l("Description"),
    "owner_id": _l("Owner"),
    "department_id": _l("Department"),
    "due_on": _l("Due date"),
    "status": _l("Status"),
    "dropped_reason": _l("Reason for dropping"),
    "done_on": _l("Done on"),
}

# The rule codes that concern one field of the action form (the error is shown under it).
RULE_FIELDS = {"no_owner": "owner_id", "owner_inactive": "owner_id", "owner_read_only": "owner_id",
               "no_due_date": "due_on", "due_too_early": "due_on"}
