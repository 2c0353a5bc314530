"""Translated labels of the action tracker, and the wording of every refusal its gate raises."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as pgettext

from cxgov import rules

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


# The wording of every refusal of the actions gate (cxgov.actions.operations), by code.
rules.wordings({
    "no_owner": _l("An action needs an owner."),
    "owner_inactive": _l("%(name)s is deactivated; choose an active owner."),
    "owner_read_only": _l("%(name)s only reads cxgov and cannot own an action; choose someone else."),
    "no_due_date": _l("An action needs a due date."),
    "due_not_a_date": _l("Enter the due date as a date, e.g. 2026-12-31."),
    "due_too_early": _l("The due date cannot be before %(date)s."),
    "action_no_title": _l("Say what is to be done."),
    "action_department_unknown": _l("There is no such department; choose one from the list."),
    "action_department_archived": _l("This department is archived; choose a current one."),
    "action_not_allowed": _l("Your role does not allow this change to the action."),
    "bad_status": _l("Unknown status."),
    "drop_needs_reason": _l("Say why the action is dropped."),
})

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
