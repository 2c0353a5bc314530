"""Roles and the named permission predicates every view and API route checks.

A predicate takes the user (and the record at stake) and answers yes or no.
Views use `require(predicate)` or call predicates after loading a record;
templates use the same predicates to show or hide controls.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from cxgov import clock

ADMIN = "admin"
EXECUTIVE = "executive"
CX_OFFICE = "cx_office"
DEPT_LEAD = "dept_lead"
HR = "hr"
MEMBER = "member"
VIEWER = "viewer"

ROLES = (ADMIN, EXECUTIVE, CX_OFFICE, DEPT_LEAD, HR, MEMBER, VIEWER)

ROLE_LABELS = {
    ADMIN: _l("Administrator"),
    EXECUTIVE: _l("Executive (CEO / CXO)"),
    CX_OFFICE: _l("CX office"),
    DEPT_LEAD: _l("Department lead"),
    HR: _l("HR"),
    MEMBER: _l("Member"),
    VIEWER: _l("Viewer"),
}

ROLE_HELP = {
    ADMIN: _l("Manages users, departments and the organisation profile."),
    EXECUTIVE: _l("Sponsors the CX programme, chairs reviews, signs off the annual review."),
    CX_OFFICE: _l("Runs assessment cycles, the rotation and the review preparation."),
    DEPT_LEAD: _l("Leads a department: answers assessments, sets monthly targets."),
    HR: _l("Runs the CX culture workshops and tracks participation."),
    MEMBER: _l("Answers assessments, attends workshops, owns actions."),
    VIEWER: _l("Reads published results; never writes."),
}


def _signed_in(user) -> bool:
    """True for an authenticated, active user."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    """Administrators manage accounts and structure."""
    return _signed_in(user) and user.has_role(ADMIN)


def is_executive(user) -> bool:
    """The CEO / CXO and other executives."""
    return _signed_in(user) and user.has_role(EXECUTIVE)


def can_view_app(user) -> bool:
    """Every signed-in, active user may use the app."""
    return _signed_in(user)


def can_manage_users(user) -> bool:
    """Create, edit, deactivate users and reset passwords."""
    return is_admin(user)


def can_manage_departments(user) -> bool:
    """Create, edit, archive and import departments."""
    return is_admin(user)


def can_view_directory(user) -> bool:
    """See the list of departments and who leads them (everyone signed in)."""
    return _signed_in(user)


def can_view_organisation(user) -> bool:
    """Read the organisation profile (everyone signed in)."""
    return _signed_in(user)


def can_edit_organisation(user) -> bool:
    """Change the organisation profile: admins and executives."""
    return _signed_in(user) and user.has_role(ADMIN, EXECUTIVE)


def can_view_audit(user) -> bool:
    """Browse the audit trail: admins and executives."""
    return _signed_in(user) and user.has_role(ADMIN, EXECUTIVE)


def can_edit_department(user, department) -> bool:
    """Edit a department's record: admins only (leads change their targets, not the structure)."""
    return is_admin(user)


def can_manage_assessments(user) -> bool:
    """Create cycles, choose respondents, move cycles through their states, calibrate."""
    return _signed_in(user) and user.has_role(CX_OFFICE, EXECUTIVE)


def can_manage_frameworks(user) -> bool:
    """Import and version maturity frameworks: the CX office keeps the instrument."""
    return _signed_in(user) and user.has_role(CX_OFFICE, EXECUTIVE)


def can_view_assessments(user) -> bool:
    """See the list of cycles (viewers see the published ones only)."""
    return _signed_in(user)


def can_view_frameworks(user) -> bool:
    """Read the maturity framework and its level descriptions."""
    return _signed_in(user)


def _leads(user, department) -> bool:
    """True when the user leads this department."""
    return department is not None and (department.lead_id == user.id or (
        user.has_role(DEPT_LEAD) and user.department_id == department.id))


def can_view_cycle(user, cycle) -> bool:
    """A cycle's page: managers; everyone once published; else its respondents and participating leads."""
    if not _signed_in(user):
        return False
    if can_manage_assessments(user) or cycle.state == "published":
        return True
    if user.has_role(VIEWER) and not user.has_role(MEMBER, DEPT_LEAD, HR):
        return False
    return any(r.user_id == user.id for r in cycle.respondents) or any(
        _leads(user, cd.department) for cd in cycle.departments)


def can_view_results(user, cycle) -> bool:
    """Results: everyone once published; managers and the current project director may preview them."""
    if not _signed_in(user):
        return False
    return cycle.state == "published" or ((can_manage_assessments(user) or is_project_director(user))
                                          and cycle.state in ("open", "calibration"))


def can_answer(user, respondent) -> bool:
    """Only the respondent answers their own questionnaire, and not once only a viewer (a reader never writes)."""
    return _signed_in(user) and respondent.user_id == user.id and not is_read_only(user)


def can_view_department_answers(user, cycle, department) -> bool:
    """A department's individual answers: managers, the department's lead and the current project director."""
    return _signed_in(user) and (can_manage_assessments(user) or _leads(user, department)
                                 or is_project_director(user))


def can_use_api(user) -> bool:
    """Hold personal API tokens and call the API; each route still checks its own predicate."""
    return _signed_in(user)


def can_revoke_token(user, token) -> bool:
    """Revoke an API token: only the person it belongs to (deactivating a user stops all of theirs)."""
    return can_use_api(user) and token.user_id == user.id


# Each feature below adds its predicates under its own marker.
# --- teams ---
def can_view_team(user) -> bool:
    """The team page, the rotation, handovers and the calendar: everyone signed in."""
    return _signed_in(user)


def can_manage_team(user) -> bool:
    """Team assignments, the rotation plan and its pool, leave periods, swaps: the CX office and executives."""
    return _signed_in(user) and user.has_role(CX_OFFICE, EXECUTIVE)


def is_project_director(user, on=None) -> bool:
    """The user directs the rotation term containing `on` (today by default): powers start and end with the term."""
    from cxgov.teams.queries import director_id_on

    return _signed_in(user) and director_id_on(on) == user.id


def can_write_handover(user, term, on=None) -> bool:
    """A term's handover to the next director: written by the term's director while the term runs."""
    day = on or clock.today()
    return is_project_director(user, day) and term.director_id == user.id and term.contains(day)


def can_acknowledge_handover(user, handover, next_term, on=None) -> bool:
    """The next director acknowledges a submitted handover, at the latest on the last day of their own term."""
    return (_signed_in(user) and handover is not None and handover.submitted_at is not None
            and handover.acknowledged_at is None and next_term is not None and next_term.director_id == user.id
            and (on or clock.today()) <= next_term.ends_on)


def can_read_handover_draft(user, term, next_term) -> bool:
    """A handover not yet submitted: its writer, the next director (who shadows) and the managers."""
    return can_manage_team(user) or (_signed_in(user) and user.id in (
        term.director_id, next_term.director_id if next_term else None))


# --- targets ---
def can_view_targets(user) -> bool:
    """Everyone signed in sees every department's targets: transparency drives the monthly rhythm."""
    return _signed_in(user)


def can_manage_targets(user) -> bool:
    """Approve and comment on targets, add them outside the drafting window, change settings."""
    return _signed_in(user) and user.has_role(CX_OFFICE, EXECUTIVE)


def can_use_inbox(user) -> bool:
    """The inbox and its header badge: everyone signed in who has tasks (a reader only never has any)."""
    return _signed_in(user) and bool(user.roles - {VIEWER})


def can_edit_department_targets(user, department) -> bool:
    """Draft and edit a department's targets: its lead, and the programme managers."""
    return _signed_in(user) and (can_manage_targets(user) or _leads(user, department))


def can_update_target(user, target) -> bool:
    """Post progress on a target: its owner (unless now only a viewer), its department's lead, the managers."""
    return _signed_in(user) and ((target.owner_id == user.id and not is_read_only(user))
                                 or can_edit_department_targets(user, target.department))


def can_override_closed_month(user) -> bool:
    """Change a target after its month closed: executives only, with a reason."""
    return _signed_in(user) and user.has_role(EXECUTIVE)


def can_import_targets(user) -> bool:
    """Import a month's targets from a file (per department rights checked row by row)."""
    return _signed_in(user) and user.has_role(CX_OFFICE, EXECUTIVE, DEPT_LEAD)


# --- workshops ---
def is_read_only(user) -> bool:
    """A viewer and nothing else: reads everything allowed, never writes, is never invited."""
    return user.has_role(VIEWER) and not user.has_role(*(r for r in ROLES if r != VIEWER))


def can_view_workshops(user) -> bool:
    """The series, each workshop, its ideas and the culture metrics: everyone signed in."""
    return _signed_in(user)


def can_manage_workshops(user) -> bool:
    """Create and run workshops, invite, take attendance, record and screen ideas: HR, executives, CX office."""
    return _signed_in(user) and user.has_role(HR, EXECUTIVE, CX_OFFICE)


def can_take_part(user) -> bool:
    """Answer invitations, rate workshops and add ideas to one attended: everyone who is not read-only."""
    return _signed_in(user) and not is_read_only(user)


def can_rsvp(user, invitation) -> bool:
    """Only the invitee answers their invitation."""
    return can_take_part(user) and invitation.user_id == user.id


def can_see_attendees(user) -> bool:
    """Names on the invitation and attendance lists, and feedback comments: the people who run workshops."""
    return can_manage_workshops(user)


def can_add_idea(user, attended: bool) -> bool:
    """Record an idea: workshop managers, and people who attended the workshop."""
    return can_manage_workshops(user) or (can_take_part(user) and attended)


def can_edit_idea(user, idea) -> bool:
    """Change an idea: workshop managers, and its author until it becomes a target."""
    return can_manage_workshops(user) or (can_take_part(user) and idea.created_by_id == user.id
                                          and idea.target_id is None)


def can_promote_idea(user, department, idea=None) -> bool:
    """Turn an idea into a department's draft target: whoever may set that department's targets (its lead, the
    CX office, executives); HR runs workshops but sets no targets, as on the target pages. A lead promotes ideas
    about their own department (or about none), not another department's into their own targets."""
    return can_edit_department_targets(user, department) and (
        idea is None or idea.department_id in (None, department.id) or can_manage_targets(user))


# --- actions ---
def can_view_actions(user) -> bool:
    """The action tracker: everyone signed in (transparency on who owes what)."""
    return _signed_in(user)


def can_create_action(user) -> bool:
    """Add an action by hand: executives, the CX office, department leads, HR and the project director."""
    return _signed_in(user) and not is_read_only(user) and (
        user.has_role(EXECUTIVE, CX_OFFICE, DEPT_LEAD, HR) or is_project_director(user))


def can_edit_action(user, action) -> bool:
    """Change an action's what, who and when: managers, the director, its creator, its department's lead."""
    return _signed_in(user) and not is_read_only(user) and (
        user.has_role(EXECUTIVE, CX_OFFICE) or is_project_director(user) or action.created_by_id == user.id
        or _leads(user, action.department))


def can_update_action_status(user, action) -> bool:
    """Move an action along (in progress, done, dropped): whoever may edit it, and its owner (unless now a viewer)."""
    return can_edit_action(user, action) or (_signed_in(user) and not is_read_only(user)
                                             and action.owner_id == user.id)


# --- reviews ---
def can_view_reviews(user) -> bool:
    """Quarterly reviews, their packs and published minutes: everyone signed in."""
    return _signed_in(user)


def can_prepare_reviews(user) -> bool:
    """Plan a review, refresh its pack, set the agenda template: executives, the CX office, the project director."""
    return _signed_in(user) and (user.has_role(EXECUTIVE, CX_OFFICE) or is_project_director(user))


def can_run_review(user, review) -> bool:
    """Start the meeting, record decisions, actions and notes, publish: the chair, executives, CX office, director."""
    return _signed_in(user) and (review.chair_id == user.id or can_prepare_reviews(user))


def can_view_review_draft(user, review) -> bool:
    """A review before its minutes are published: its attendees and the people who prepare or run it."""
    return _signed_in(user) and (review.is_published() or can_run_review(user, review)
                                 or any(a.id == user.id for a in review.attendees))


# --- alignment ---
def can_view_alignment(user) -> bool:
    """Alignment reviews and their ratings: everyone signed in (the board reads them too)."""
    return _signed_in(user)


def can_edit_alignment(user, review) -> bool:
    """Rate areas, write evidence, set the matrix, submit for review: executives, the CX office, the director.

    Nobody edits a signed-off review.
    """
    return (_signed_in(user) and not review.is_signed_off()
            and (user.has_role(EXECUTIVE, CX_OFFICE) or is_project_director(user)))


def can_start_alignment(user) -> bool:
    """Open the review of a year: executives and the CX office."""
    return _signed_in(user) and user.has_role(EXECUTIVE, CX_OFFICE)


def can_sign_off_alignment(user, review) -> bool:
    """Sign off a review that is in review: executives only."""
    return _signed_in(user) and user.has_role(EXECUTIVE) and review.state == "in_review"


# --- reports ---
def can_view_reports(user) -> bool:
    """The annual report and its published versions: everyone signed in."""
    return _signed_in(user)


def can_publish_report(user) -> bool:
    """Publish a new version of the annual report: executives and the CX office."""
    return _signed_in(user) and user.has_role(EXECUTIVE, CX_OFFICE)


# --- rhythm: calendar feeds ---
def can_use_calendar(user) -> bool:
    """Create or reset one's own calendar feed: everyone signed in."""
    return _signed_in(user)


def can_use_company_calendar(user) -> bool:
    """See, create or reset the programme calendar's feed: the CX office, who run the programme."""
    return _signed_in(user) and user.has_role(CX_OFFICE)




# --- rhythm ---
def can_view_runs(user) -> bool:
    """The scheduled jobs' run log, and running a job now: administrators and the CX office."""
    return _signed_in(user) and user.has_role(ADMIN, CX_OFFICE)


def can_manage_chat(user) -> bool:
    """Workplace chat channels (their webhooks and secrets) and their deliveries: administrators and the CX office."""
    return _signed_in(user) and user.has_role(ADMIN, CX_OFFICE)


def require(predicate: Callable[..., bool]):
    """Decorate a view so that it answers 403 unless predicate(current_user) holds.

    Views needing a record check `predicate(current_user, record)` after loading it.
    """

    def decorator(view):
        view.permission = predicate.__name__

        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from cxgov.extensions import login_manager

                return login_manager.unauthorized()
            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def check(allowed: bool) -> None:
    """Abort with 403 unless allowed (for checks on a loaded record)."""
    if not allowed:
        abort(403)
