"""Read-only API for workshops, their attendance counts and their ideas (/api/v1)."""
import marshmallow as ma
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint
from cxgov.api.pagination import PageArgsSchema, page_schema, paginate
from cxgov.api.schemas import UtcDateTime
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.permissions import can_view_workshops
from cxgov.workshops import metrics, operations, queries, times
from cxgov.workshops.models import IDEA_KINDS, Idea, Workshop

blp = api_blueprint("api_workshops", __name__, description="HR's CX culture workshops, attendance counts and ideas.")


class CocreatorsSchema(ma.Schema):
    """Who co-created besides the invited employees."""

    employees = ma.fields.Integer(required=True)
    customers = ma.fields.Integer(required=True)
    experts = ma.fields.Integer(required=True)
    core_users = ma.fields.Integer(required=True)
    notes = ma.fields.String(required=True)


class CountsSchema(ma.Schema):
    """How many were invited, answered, came, and what came out."""

    invited = ma.fields.Integer(required=True)
    coming = ma.fields.Integer(required=True)
    not_coming = ma.fields.Integer(required=True)
    no_answer = ma.fields.Integer(required=True)
    attended = ma.fields.Integer(required=True)
    walk_ins = ma.fields.Integer(required=True)
    ideas = ma.fields.Integer(required=True)
    ideas_promoted = ma.fields.Integer(required=True)
    ratings = ma.fields.Integer(required=True)
    rating_mean = ma.fields.Float(allow_none=True)


class WorkshopSchema(ma.Schema):
    """A workshop with its counts (no names: the API gives counts of people)."""

    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    topic = ma.fields.String(required=True)
    month = ma.fields.Method("_month", metadata={"description": "Local month of the start, YYYY-MM."})
    starts_at = UtcDateTime(required=True)
    ends_at = UtcDateTime(required=True)
    minutes = ma.fields.Integer(required=True)
    location = ma.fields.String(required=True)
    online_url = ma.fields.String(required=True)
    facilitator_id = ma.fields.Integer(allow_none=True)
    method = ma.fields.String(required=True, metadata={
        "description": "challenge_ideation, brainstorming, screening, empathy_map, journey_mapping or other."})
    method_note = ma.fields.String(required=True)
    capacity = ma.fields.Integer(required=True)
    status = ma.fields.Method("_status", metadata={"description": "planned, held or cancelled."})
    cancelled_at = UtcDateTime(allow_none=True)
    department_ids = ma.fields.Method("_department_ids")
    cocreators = ma.fields.Method("_cocreators")
    counts = ma.fields.Method("_counts")

    def _month(self, workshop):
        return queries.month_of(workshop)

    def _status(self, workshop):
        return queries.status_of(workshop)

    def _department_ids(self, workshop):
        return sorted(wd.department_id for wd in workshop.departments)

    def _cocreators(self, workshop):
        return CocreatorsSchema().dump({"employees": workshop.employees_count, "customers": workshop.customers_count,
                                        "experts": workshop.experts_count, "core_users": workshop.core_users_count,
                                        "notes": workshop.cocreator_notes})

    def _counts(self, workshop):
        answers = [i.rsvp for i in workshop.invitations]
        rating = metrics.ratings(f.rating for f in workshop.feedback)
        return CountsSchema().dump({
            "invited": len(answers), "coming": answers.count("yes"), "not_coming": answers.count("no"),
            "no_answer": answers.count("pending"), "attended": len(workshop.attendance),
            "walk_ins": sum(1 for a in workshop.attendance if a.walk_in), "ideas": len(workshop.ideas),
            "ideas_promoted": sum(1 for i in workshop.ideas if i.target_id), "ratings": rating.count,
            "rating_mean": None if rating.mean is None else round(rating.mean, 2)})


class DepartmentAttendanceSchema(ma.Schema):
    """Attendance of one department's people at a workshop."""

    department_id = ma.fields.Integer(allow_none=True)
    invited = ma.fields.Integer(required=True)
    came = ma.fields.Integer(required=True, metadata={"description": "Invitees who attended."})
    walk_ins = ma.fields.Integer(required=True)
    rate = ma.fields.Float(allow_none=True, metadata={"description": "came / invited."})


class AttendanceSchema(ma.Schema):
    """A workshop's attendance counts, overall and by department."""

    workshop_id = ma.fields.Integer(required=True)
    capacity = ma.fields.Integer(required=True)
    guests = ma.fields.Integer(required=True, metadata={"description": "Customers, experts and core users."})
    invited = ma.fields.Integer(required=True)
    attended = ma.fields.Integer(required=True)
    walk_ins = ma.fields.Integer(required=True)
    rate = ma.fields.Float(allow_none=True)
    departments = ma.fields.List(ma.fields.Nested(DepartmentAttendanceSchema), required=True)


class IdeaSchema(ma.Schema):
    """An idea from a workshop and what became of it."""

    id = ma.fields.Integer(required=True)
    workshop_id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True, metadata={"description": "pain_point, delight_point or improvement."})
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    stage = ma.fields.String(required=True, metadata={"description": "Journey stage, or empty."})
    touchpoint = ma.fields.String(required=True)
    department_id = ma.fields.Integer(allow_none=True)
    dot_votes = ma.fields.Integer(required=True)
    impact = ma.fields.Integer(allow_none=True)
    effort = ma.fields.Integer(allow_none=True)
    quadrant = ma.fields.Method("_quadrant", metadata={"description": "quick_win, big_bet, fill_in or money_pit."})
    decision = ma.fields.String(required=True, metadata={"description": "open, shortlisted or parked."})
    target_id = ma.fields.Integer(allow_none=True, metadata={"description": "The monthly target it became."})
    promoted_at = UtcDateTime(allow_none=True)
    created_at = UtcDateTime()

    def _quadrant(self, idea):
        return metrics.quadrant(idea.impact, idea.effort)


class WorkshopListArgsSchema(PageArgsSchema):
    """Filters of the workshop list."""

    year = ma.fields.Integer(validate=ma.validate.Range(min=2000, max=2100),
                             metadata={"description": "Only workshops starting in this (local) year."})


class IdeaListArgsSchema(PageArgsSchema):
    """Filters of the idea list."""

    workshop_id = ma.fields.Integer()
    department_id = ma.fields.Integer()
    kind = ma.fields.String(validate=ma.validate.OneOf(IDEA_KINDS))
    promoted = ma.fields.Boolean(metadata={"description": "Only ideas that became a target (true) or not (false)."})


WorkshopPageSchema = page_schema(WorkshopSchema, "WorkshopPage")
IdeaPageSchema = page_schema(IdeaSchema, "IdeaPage")


def _workshops() -> sa.Select:
    """Workshops with what their counts need, loaded in a fixed number of queries."""
    return sa.select(Workshop).options(selectinload(Workshop.departments), selectinload(Workshop.invitations),
                                       selectinload(Workshop.attendance), selectinload(Workshop.ideas),
                                       selectinload(Workshop.feedback))


@blp.route("/workshops")
@token_required(can_view_workshops)
@blp.arguments(WorkshopListArgsSchema, location="query", as_kwargs=True)
@blp.response(200, WorkshopPageSchema)
def list_workshops(year: int | None = None, **page_args):
    """Workshops, newest first."""
    query = _workshops()
    if year:
        start, _end = times.month_span(f"{year:04d}-01", queries.tz())
        _start, end = times.month_span(f"{year:04d}-12", queries.tz())
        query = query.where(Workshop.starts_at >= start, Workshop.starts_at < end)
    return paginate(query.order_by(Workshop.starts_at.desc(), Workshop.id.desc()), page_args)


@blp.route("/workshops/<int:workshop_id>")
@token_required(can_view_workshops)
@blp.response(200, WorkshopSchema)
def get_workshop(workshop_id: int):
    """One workshop with its counts."""
    return db.first_or_404(_workshops().where(Workshop.id == workshop_id))


@blp.route("/workshops/<int:workshop_id>/attendance")
@token_required(can_view_workshops)
@blp.response(200, AttendanceSchema)
def get_attendance(workshop_id: int):
    """Attendance counts of a workshop, by department of the people."""
    workshop = db.first_or_404(_workshops().where(Workshop.id == workshop_id))
    ids = {i.user_id for i in workshop.invitations} | {a.user_id for a in workshop.attendance}
    departments = dict(db.session.execute(sa.select(User.id, User.department_id).where(User.id.in_(ids))).all())
    present = {a.user_id for a in workshop.attendance}
    invited = {i.user_id for i in workshop.invitations}
    rows = [metrics.Participation(departments.get(u), True, u in present) for u in invited]
    rows += [metrics.Participation(departments.get(u), False, True) for u in present - invited]
    by_dept = metrics.attendance_by_department(rows)
    total = metrics.overall_attendance(by_dept)
    return {"workshop_id": workshop.id, "capacity": workshop.capacity, "guests": operations.guests(workshop),
            "invited": total.invited, "attended": len(present), "walk_ins": total.walk_ins, "rate": total.rate,
            "departments": [{"department_id": d, "invited": a.invited, "came": a.came, "walk_ins": a.walk_ins,
                             "rate": a.rate} for d, a in sorted(by_dept.items(), key=lambda kv: (kv[0] is None,
                                                                                                  kv[0] or 0))]}


@blp.route("/ideas")
@token_required(can_view_workshops)
@blp.arguments(IdeaListArgsSchema, location="query", as_kwargs=True)
@blp.response(200, IdeaPageSchema)
def list_ideas(workshop_id: int | None = None, department_id: int | None = None, kind: str | None = None,
               promoted: bool | None = None, **page_args):
    """Workshop ideas, newest first, filtered by workshop, department, kind or promotion."""
    query = sa.select(Idea)
    if workshop_id:
        query = query.where(Idea.workshop_id == workshop_id)
    if department_id:
        query = query.where(Idea.department_id == department_id)
    if kind:
        query = query.where(Idea.kind == kind)
    if promoted is not None:
        query = query.where(Idea.target_id.is_not(None) if promoted else Idea.target_id.is_(None))
    return paginate(query.order_by(Idea.id.desc()), page_args)


@blp.route("/ideas/<int:idea_id>")
@token_required(can_view_workshops)
@blp.response(200, IdeaSchema)
def get_idea(idea_id: int):
    """One idea."""
    return db.get_or_404(Idea, idea_id)
