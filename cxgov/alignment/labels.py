"""Translated labels and rule messages of the annual alignment review."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

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


def rule_message(error) -> str:
    """The user-facing text of an AlignmentRuleError."""
    messages = {
        "duplicate": lambda p: _("There is already an alignment review for %(year)s; open it instead.", **p),
        "signed_off": lambda p: _("This review has been signed off and is read-only; nothing was changed."),
        "not_draft": lambda p: _("The review is in review: send it back to draft to change its experience, "
                                 "attributes or areas."),
        "not_in_review": lambda p: _("Only a review that is in review can be signed off or sent back."),
        "not_executive": lambda p: _("Only an executive can sign off the alignment review."),
        "unrated": lambda p: _("Rate every area first; still unrated: %(names)s.", names="; ".join(
            name or str(AREA_LABELS.get(key, key)) for key, name in p["areas"])),
        "empty_name": lambda p: _("Give it a name."),
        "duplicate_name": lambda p: _("There is already an area called “%(name)s”.", **p),
        "bad_rating": lambda p: _("Choose aligned, partly aligned or misaligned."),
        "bad_cell": lambda p: _("The matrix contains a value that is not supports, neutral or conflicts."),
        "matrix_changed": lambda p: _("Someone changed %(n)s of the cells you changed while you were editing; nothing "
                                      "was saved. Here is the matrix as it is now.", **p),
        "last_area": lambda p: _("A review needs at least one area."),
        "area_has_actions": lambda p: _("This area has corrective actions in the tracker; it cannot be removed."),
    }
    return messages[error.code](error.params)
