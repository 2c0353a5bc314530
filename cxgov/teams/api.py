"""Read-only API for the virtual team and the rotation (/api/v1/team, /api/v1/rotation)."""
import marshmallow as ma
import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint
from cxgov.api.pagination import PageArgsSchema, page_schema, paginate
from cxgov.api.schemas import UtcDateTime
from cxgov.extensions import db
from cxgov.permissions import can_read_handover_draft, can_view_team
from cxgov.teams import queries
from cxgov.teams.models import TEAM_ROLES, Handover, TeamAssignment, Term

blp = api_blueprint("api_teams", __name__, description="The virtual CX team and the project director rotation.")


class PersonSchema(ma.Schema):
    """Someone on the team."""

    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    department_id = ma.fields.Integer(allow_none=True)


class AssignmentSchema(ma.Schema):
    """A team role held from a date, until a date or open-ended."""

    id = ma.fields.Integer(required=True)
    role = ma.fields.String(required=True, metadata={"description": "sponsor, champion, hr_lead or member."})
    person = ma.fields.Nested(PersonSchema, attribute="user", required=True)
    department_id = ma.fields.Integer(allow_none=True, metadata={"description": "The department a champion serves."})
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(allow_none=True, metadata={"description": "Null while the assignment lasts."})
    note = ma.fields.String()


class HandoverSchema(ma.Schema):
    """The outgoing director's handover; notes and open actions once submitted (or to those who may read drafts)."""

    submitted_at = UtcDateTime(allow_none=True)
    acknowledged_at = UtcDateTime(allow_none=True)
    acknowledged_by_id = ma.fields.Integer(allow_none=True)
    notes = ma.fields.String(allow_none=True)
    open_items = ma.fields.List(ma.fields.String(), allow_none=True)


class TermSchema(ma.Schema):
    """One term of the rotation and its director."""

    id = ma.fields.Integer(required=True)
    plan_id = ma.fields.Integer(required=True)
    number = ma.fields.Integer(required=True, metadata={"description": "Position in its plan, from 0."})
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    status = ma.fields.Method("_status", metadata={"description": "past, current or planned."})
    director = ma.fields.Nested(PersonSchema, allow_none=True, metadata={"description": "Null when vacant."})
    skipped_ids = ma.fields.List(ma.fields.Integer(), attribute="skipped",
                                 metadata={"description": "People skipped for this term because they were away."})
    pinned = ma.fields.Boolean(required=True, metadata={"description": "Set by a swap or reassignment."})
    change_reason = ma.fields.String(allow_none=True)
    handover = ma.fields.Method("_handover", metadata={"description": "The handover to the next director."})

    def _status(self, term):
        today = clock.today()
        return "past" if term.ends_on < today else ("current" if term.contains(today) else "planned")

    def _handover(self, term):
        handover: Handover | None = term.handover
        if handover is None:
            return None
        body = {"submitted_at": handover.submitted_at, "acknowledged_at": handover.acknowledged_at,
                "acknowledged_by_id": handover.acknowledged_by_id, "notes": None, "open_items": None}
        if handover.submitted_at or can_read_handover_draft(current_user, term, queries.term_after(term)):
            body.update(notes=handover.notes, open_items=handover.open_items)
        return HandoverSchema().dump(body)


class PoolMemberSchema(ma.Schema):
    """A person in a plan's pool."""

    person = ma.fields.Nested(PersonSchema, attribute="user", required=True)
    position = ma.fields.Integer(required=True)
    joined_on = ma.fields.Date(required=True)
    left_on = ma.fields.Date(allow_none=True)


class PlanSchema(ma.Schema):
    """A rotation plan."""

    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    cadence = ma.fields.String(required=True, metadata={"description": "monthly, quarterly, half_yearly, yearly."})
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(allow_none=True, metadata={"description": "Set when a newer plan took over."})
    pool = ma.fields.List(ma.fields.Nested(PoolMemberSchema), required=True)


class LeaveSchema(ma.Schema):
    """A leave period: the person is not scheduled for any term it touches."""

    id = ma.fields.Integer(required=True)
    person = ma.fields.Nested(PersonSchema, attribute="user", required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    note = ma.fields.String()


class TeamSchema(ma.Schema):
    """The team on a day."""

    on = ma.fields.Date(required=True)
    sponsor = ma.fields.List(ma.fields.Nested(AssignmentSchema), required=True)
    director = ma.fields.Nested(TermSchema, allow_none=True, metadata={"description": "The current term."})
    deputy = ma.fields.Nested(TermSchema, allow_none=True, metadata={"description": "The next term."})
    hr_lead = ma.fields.List(ma.fields.Nested(AssignmentSchema), required=True)
    champions = ma.fields.List(ma.fields.Nested(AssignmentSchema), required=True)
    members = ma.fields.List(ma.fields.Nested(AssignmentSchema), required=True)


class RotationSchema(ma.Schema):
    """The rotation: the plan in force, earlier plans, leave periods."""

    plan = ma.fields.Nested(PlanSchema, allow_none=True)
    earlier_plans = ma.fields.List(ma.fields.Nested(PlanSchema), required=True)
    leaves = ma.fields.List(ma.fields.Nested(LeaveSchema), required=True)


class OnArgsSchema(ma.Schema):
    """Which day to look at."""

    on = ma.fields.Date(load_default=None, metadata={"description": "A day (YYYY-MM-DD); today by default."})


class AssignmentArgsSchema(PageArgsSchema):
    """Filters of the assignment list."""

    role = ma.fields.String(load_default=None, validate=ma.validate.OneOf(TEAM_ROLES))


AssignmentPageSchema = page_schema(AssignmentSchema, "TeamAssignmentPage")
TermPageSchema = page_schema(TermSchema, "RotationTermPage")


@blp.route("/team")
@token_required(can_view_team)
@blp.arguments(OnArgsSchema, location="query", as_kwargs=True)
@blp.response(200, TeamSchema)
def get_team(on=None):
    """Who holds which team role on a day (today by default)."""
    team = queries.team_on(on or clock.today())
    return {"on": team.day, "sponsor": team.sponsor, "director": team.term, "deputy": team.next_term,
            "hr_lead": team.hr_lead, "champions": list(team.champions.values()), "members": team.members}


@blp.route("/team/assignments")
@token_required(can_view_team)
@blp.arguments(AssignmentArgsSchema, location="query", as_kwargs=True)
@blp.response(200, AssignmentPageSchema)
def list_assignments(role=None, **page_args):
    """Every team assignment, current and past, newest first."""
    query = sa.select(TeamAssignment).options(selectinload(TeamAssignment.user))
    if role:
        query = query.where(TeamAssignment.role == role)
    return paginate(query.order_by(TeamAssignment.starts_on.desc(), TeamAssignment.id.desc()), page_args)


@blp.route("/rotation")
@token_required(can_view_team)
@blp.response(200, RotationSchema)
def get_rotation():
    """The plan in force with its pool, the plans before it, and the leave periods."""
    current = queries.active_plan()
    return {"plan": current, "earlier_plans": [p for p in queries.plans() if p is not current],
            "leaves": queries.leaves()}


@blp.route("/rotation/terms")
@token_required(can_view_team)
@blp.arguments(PageArgsSchema, location="query", as_kwargs=True)
@blp.response(200, TermPageSchema)
def list_terms(**page_args):
    """Every term of every plan, by date: past, current and planned."""
    return paginate(sa.select(Term).options(selectinload(Term.director), selectinload(Term.handover))
                    .order_by(Term.starts_on), page_args)


@blp.route("/rotation/terms/<int:term_id>")
@token_required(can_view_team)
@blp.response(200, TermSchema)
def get_term(term_id: int):
    """One term with its director and handover."""
    return db.get_or_404(Term, term_id)
