"""Translated labels of the workshops feature's fixed choices."""
from flask_babel import lazy_gettext as _l

METHOD_LABELS = {
    "challenge_ideation": _l("Challenge ideation"),
    "brainstorming": _l("Brainstorming"),
    "screening": _l("Screening and prioritisation"),
    "empathy_map": _l("Empathy map"),
    "journey_mapping": _l("Journey mapping"),
    "other": _l("Other method"),
}

RSVP_LABELS = {"pending": _l("No answer yet"), "yes": _l("Coming"), "no": _l("Not coming")}

KIND_LABELS = {"pain_point": _l("Pain point"), "delight_point": _l("Delight point"),
               "improvement": _l("Improvement idea")}

DECISION_LABELS = {"open": _l("To screen"), "shortlisted": _l("Shortlisted"), "parked": _l("Parked")}

STAGE_LABELS = {
    "awareness": _l("Awareness"), "purchase": _l("Purchase"), "delivery": _l("Delivery"),
    "installation": _l("Installation"), "use": _l("Use"), "service": _l("Service and repair"),
    "repurchase": _l("Repurchase and referral"),
}

QUADRANT_LABELS = {"quick_win": _l("Quick win"), "big_bet": _l("Big bet"), "fill_in": _l("Fill-in"),
                   "money_pit": _l("Money pit")}

STATUS_LABELS = {"planned": _l("Planned"), "held": _l("Held"), "cancelled": _l("Cancelled")}

SCALE_LABELS = {1: _l("1 · very low"), 2: _l("2 · low"), 3: _l("3 · medium"), 4: _l("4 · high"),
                5: _l("5 · very high")}
