"""Translated labels of the workshops feature's fixed choices, and the wording of every refusal its gates raise."""
from flask_babel import lazy_gettext as _l

from cxgov import rules

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


def _attendance(params) -> str:
    """Every reason an attendance list was refused, one after the other."""
    return " ".join(rules.say(code, args) for code, args in params["problems"])


# The wording of every refusal of the workshop gates (cxgov.workshops.operations and .validation), by code.
rules.wordings({
    "workshop_not_allowed": _l("Your role does not allow this change to workshops."),
    "workshop_no_title": _l("Give the workshop a title."),
    "workshop_place_needed": _l("Give a place, an online link, or both."),
    "workshop_bad_link": _l("Enter a web address starting with https:// or http://."),
    "workshop_bad_method": _l("Choose a co-creation method."),
    "workshop_method_note_needed": _l("Describe the method."),
    "workshop_bad_count": _l("Enter a number from 0 to 1000."),
    "workshop_bad_capacity": _l("Enter a number of seats from 1 to 1000."),
    "workshop_person_unknown": _l("There is no such person; choose one from the list."),
    "workshop_person_unavailable": _l("%(name)s is deactivated or only reads cxgov; choose someone else."),
    "workshop_ends_before_start": _l("The workshop ends before it starts: choose an end time after the start time."),
    "workshop_over_capacity": _l("The co-creators add up to %(n)s people, more than the capacity of %(capacity)s."),
    "workshop_seats_taken": _l("%(n)s seats are already taken (people coming or present, and guests): the capacity "
                               "cannot be lower."),
    "workshop_cancelled_no_change": _l("This workshop was cancelled and can no longer change."),
    "workshop_already_cancelled": _l("This workshop was already cancelled."),
    "workshop_took_place": _l("People attended this workshop: it took place and cannot be cancelled."),
    "workshop_cancel_reason": _l("Give a reason; it is kept in the audit trail."),
    "workshop_cancelled": _l("This workshop was cancelled."),
    "invitation_attended": _l("%(name)s attended: remove their attendance first."),
    "workshop_answers_closed": _l("This workshop has already started; answers are closed."),
    "rsvp_yes_or_no": _l("Answer yes or no."),
    "workshop_full": _l("The workshop is full (%(capacity)s seats). Ask HR for a place."),
    "attendance_refused": _attendance,
    "attendance_not_yet": _l("Attendance can be taken from two hours before the start."),
    "attendance_not_invited": _l("%(name)s was not invited. Tick “walk-in” to record them as attending without an "
                                 "invitation."),
    "attendance_over_capacity": _l("%(n)s people would be in a room for %(capacity)s (employees marked present, "
                                   "customers, experts and core users). Raise the capacity first, or mark fewer "
                                   "people."),
    "attendance_rated": _l("%(name)s has already rated this workshop, so they attended."),
    "feedback_not_attended": _l("Only people who attended this workshop can rate it."),
    "feedback_given": _l("You have already rated this workshop; feedback is given once."),
    "feedback_rating": _l("Choose a rating from 1 to 5."),
    "idea_no_title": _l("Give the idea a title."),
    "idea_bad_kind": _l("Choose pain point, delight point or improvement idea."),
    "idea_bad_stage": _l("Choose a journey stage from the list."),
    "idea_where_needed": _l("Choose a journey stage or name a touchpoint."),
    "idea_no_department": _l("Choose the department concerned."),
    "idea_department_unknown": _l("There is no such department; choose one from the list."),
    "idea_department_archived": _l("This department is archived; choose a current one."),
    "idea_bad_votes": _l("Dot votes are a whole number from 0 to 999."),
    "idea_bad_score": _l("Impact and effort are scored from 1 to 5."),
    "idea_bad_decision": _l("Choose a decision."),
    "idea_promoted_no_delete": _l("This idea became a target and cannot be deleted."),
    "idea_already_target": _l("This idea has already become a target."),
    "idea_other_department": _l("This idea is about %(department)s: its lead, the CX office or an executive "
                                "promotes it."),
    "goal_bad_month": _l("Use the form YYYY-MM, e.g. 2026-12."),
    "goal_bad_number": _l("Enter a number from 0 to 20."),
})
