"""Translated labels of the annual alignment review, and the wording of every refusal its gates raise."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import rules

STATE_LABELS = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "signed_off": _l("Signed off"),
}

AREA_LABELS = {
    "vision": _l("Vision"),
    "mission": _l("Mission"),
    "values": _l("Values"),
    "structure": _l("Organisation structure"),
    "policies": _l("Policies"),
    "capex": _l("Capital expenditure"),
    "opex": _l("Operating expenditure"),
    "hiring_onboarding": _l("Hiring and onboarding"),
    "training": _l("Training"),
    "performance_evaluation": _l("Performance evaluation"),
    "incentives_rewards": _l("Incentives and rewards"),
}

RATING_LABELS = {
    "aligned": _l("Aligned"),
    "partly": _l("Partly aligned"),
    "misaligned": _l("Misaligned"),
}

CELL_LABELS = {
    "supports": _l("Supports"),
    "neutral": _l("Neutral"),
    "conflicts": _l("Conflicts"),
}
CELL_SYMBOLS = {"supports": "✓", "neutral": "·", "conflicts": "✗"}

CHANGE_LABELS = {
    "improved": _l("Improved"),
    "same": _l("Unchanged"),
    "worse": _l("Worse"),
    "new": _l("New this year"),
}
CHANGE_SYMBOLS = {"improved": "▲", "same": "=", "worse": "▼", "new": "+"}


def area_name(area) -> str:
    """A standard area's name in the reader's language; a custom area's name as typed."""
    return area.name or str(AREA_LABELS.get(area.key, area.key))


def _unrated(params) -> str:
    """The refusal to submit or sign off while areas are unrated, naming them in the reader's language."""
    names = "; ".join(name or str(AREA_LABELS.get(key, key)) for key, name in params["areas"])
    return _("Rate every area first; still unrated: %(names)s.", names=names)


# The wording of every refusal of the alignment gates (cxgov.alignment.operations), by code.
rules.wordings({
    "alignment_duplicate": _l("There is already an alignment review for %(year)s; open it instead."),
    "alignment_no_such_year": _l("Choose a year from 2000 to 2100."),
    "alignment_signed_off": _l("This review has been signed off and is read-only; nothing was changed."),
    "alignment_not_draft": _l("The review is in review: send it back to draft to change its experience, "
                              "attributes or areas."),
    "alignment_not_in_review": _l("Only a review that is in review can be signed off or sent back."),
    "alignment_not_executive": _l("Only an executive can sign off the alignment review."),
    "alignment_not_allowed": _l("Your role does not allow this change to the alignment review."),
    "alignment_unrated": _unrated,
    "alignment_empty_name": _l("Give it a name."),
    "alignment_duplicate_name": _l("There is already an area called “%(name)s”."),
    "alignment_bad_rating": _l("Choose aligned, partly aligned or misaligned."),
    "alignment_owner_unknown": _l("There is no such user; choose the owner from the list."),
    "alignment_owner_inactive": _l("%(name)s is deactivated; choose an active owner."),
    "alignment_owner_read_only": _l("%(name)s only reads cxgov and cannot own an area; choose someone else."),
    "alignment_bad_cell": _l("The matrix contains a value that is not supports, neutral or conflicts."),
    "alignment_matrix_changed": _l("Someone changed %(n)s of the cells you changed while you were editing; nothing "
                                   "was saved. Here is the matrix as it is now."),
    "alignment_last_area": _l("A review needs at least one area."),
    "alignment_area_has_actions": _l("This area has corrective actions in the tracker; it cannot be removed."),
})
