"""Translated labels of the targets feature, and the wording of every refusal its gates raise."""
from flask_babel import lazy_gettext as _l

from cxgov import rules

STATUS_LABELS = {"achieved": _l("Achieved"), "on_track": _l("On track"), "at_risk": _l("At risk"),
                 "missed": _l("Missed")}
APPROVAL_LABELS = {"draft": _l("Draft"), "approved": _l("Approved")}
# Problems of a field (cxgov.targets.checks and the gates in operations), by code.
PROBLEM_MESSAGES = {
    "values_required": _l("A numeric target needs a baseline and a target value."),
    "values_equal": _l("The target value must differ from the baseline."),
    "not_above": _l("Higher is better, so the target must be above the baseline."),
    "not_below": _l("Lower is better, so the target must be below the baseline."),
    "owner_unknown": _l("The owner must be an active user who may make changes (not a viewer)."),
    "points_whole": _l("Incentive points must be a whole number from 0 to 1000."),
    "not_a_number": _l("Enter an ordinary number, such as 42 or 3.5."),
    "title_required": _l("Give the target a title."),
    "title_too_long": _l("The title may have at most 200 characters."),
    "description_too_long": _l("The description may have at most 4000 characters."),
    "unit_too_long": _l("The unit may have at most 30 characters."),
    "evidence_too_long": _l("The evidence may have at most 2000 characters."),
    "note_too_long": _l("The note may have at most 2000 characters."),
    "reason_too_long": _l("The reason may have at most 2000 characters."),
    "control_characters": _l("The text holds invisible control characters (for example pasted from another "
                             "program); type it again or remove them."),
    "kind_unknown": _l("The kind must be numeric or milestone."),
    "direction_unknown": _l("The direction must be higher or lower is better."),
    "dimension_unknown": _l("“%(dimension)s” is not a dimension of the maturity framework."),
    "month_format": _l("Use the form YYYY-MM for the month, e.g. 2026-12."),
    "points_over_cap": _l("A target may carry at most %(cap)s points (the CX office's points scale)."),
    "points_not_allowed": _l("The points must be one of %(allowed)s (the CX office's points scale)."),
    "points_over_month_cap": _l("A department's targets of %(month)s may carry at most %(cap)s points in all; "
                                "%(left)s are left."),
    "reason_required": _l("Give the reason for changing a closed month."),
    "late_reason_required": _l("%(month)s is closed: give the reason for recording a late actual."),
    "correction_reason_required": _l("Give the reason for correcting or withdrawing an update."),
    "date_required": _l("Enter a date."),
    "date_outside_month": _l("The date must fall in %(month)s."),
    "date_in_future": _l("The date cannot be in the future."),
    "value_required": _l("Enter a number for this numeric target."),
    "done_required": _l("Say whether the milestone is done or not yet."),
    "day_range": _l("Choose a day from 1 to 28."),
    "limit_range": _l("Choose a number from 0 to 20 (the maximum at least 1)."),
    "minimum_above_maximum": _l("The minimum cannot be above the maximum."),
    "points_allowed_format": _l("List whole numbers from 0 to %(most)s, separated by commas, e.g. 5, 10, 20."),
    "month_cap_below_target_cap": _l("A department's month may not carry fewer points than one target may."),
    "points_allowed_over_cap": _l("An allowed value is above the cap per target."),
}
RULE_MESSAGES = {
    "month_closed": _l("%(month)s is closed: its targets can no longer change (an executive may override with a "
                       "reason)."),
    "outside_window": _l("Targets for %(month)s can be drafted from %(opens)s to %(closes)s."),
    "too_many": _l("A department may have at most %(n)s targets in %(month)s."),
    "approved": _l("“%(title)s” has been approved: only the CX office or an executive may change it now."),
    "edit_outside_window": _l("A department lead may change the targets of %(month)s only while drafting is open, "
                              "from %(opens)s to %(closes)s; ask the CX office."),
    "not_missed": _l("Only a missed target of a closed month can be carried over."),
    "title_taken": _l("This department already has a target called “%(title)s” in %(month)s."),
    "already_carried": _l("“%(title)s” is already in %(month)s: it is not carried over twice."),
    "nothing_last_month": _l("The department had no targets in %(month)s: there is nothing to copy."),
    "nothing_to_copy": _l("Every target of last month is already in %(month)s: nothing to copy."),
    "target_department_unknown": _l("There is no such department; choose one from the list."),
    "targets_not_yours": _l("You may not set the targets of %(department)s: its lead, the CX office and "
                            "executives may."),
    "may_not_update": _l("You may not post progress on “%(title)s”: its owner, its department's lead, the CX "
                         "office and executives may."),
    "may_not_review": _l("Only the CX office and executives approve targets."),
    "may_not_change_settings": _l("Only the CX office and executives change the target settings."),
    "update_not_found": _l("That update belongs to another target."),
    "update_withdrawn": _l("That update has already been withdrawn or corrected."),
    "confirm_month_changes": _l("This change closes %(closing)s and reopens %(reopening)s. Check the months and "
                                "save again to confirm."),
}
rules.wordings(PROBLEM_MESSAGES | RULE_MESSAGES)

