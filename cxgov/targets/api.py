"""Targets in the REST API: list, read, create, update (409 on a stale version), post progress."""

import marshmallow as ma
import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint
from cxgov.api.errors import error_response
from cxgov.api.pagination import PageArgsSchema, page_schema, paginate
from cxgov.api.schemas import UtcDateTime
from cxgov.api.versioning import expected_version
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.permissions import (
    can_edit_department_targets,
    can_manage_targets,
    can_override_closed_month,
    can_update_target,
    can_view_targets,
    check,
)
from cxgov.targets import operations
from cxgov.targets.labels import problem_messages, rule_message
from cxgov.targets.models import Target
from cxgov.targets.operations import TargetInvalid, TargetRuleError

blp = api_blueprint("api_targets", __name__, "/targets", "Monthly per-department CX improvement targets.")


@blp.before_request
def close_due_months():
    """Months lock on their close day for API clients too (as on the pages)."""
    if operations.close_due_months(clock.today()):
        db.session.commit()


def _refusal(error: TargetRuleError):
    """The 422 answer for a refused rule; invalid values come with their fields."""
    if isinstance(error, TargetInvalid):
        return error_response(422, None, {"json": problem_messages(error.problems), "rule": error.code})
    return error_response(422, rule_message(error), {"rule": error.code})

MONTH = ma.validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="Use YYYY-MM.")


class UpdateSchema(ma.Schema):
    """A progress update."""

    id = ma.fields.Integer(dump_only=True)
    on_date = ma.fields.Date(required=True)
    value = ma.fields.Float(allow_none=True, metadata={"description": "The measured value (numeric targets)."})
    done = ma.fields.Boolean(allow_none=True, metadata={"description": "Done or not (milestone targets)."})
    note = ma.fields.String(load_default="", validate=ma.validate.Length(max=2000))
    created_at = UtcDateTime(dump_only=True)


class TargetSchema(ma.Schema):
    """A monthly target; `version` must be sent back on update (or as If-Match)."""

    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    department_id = ma.fields.Integer(required=True)
    month = ma.fields.String(required=True, validate=MONTH)
    title = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    description = ma.fields.String(load_default="", validate=ma.validate.Length(max=4000))
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(["numeric", "milestone"]))
    unit = ma.fields.String(load_default="", validate=ma.validate.Length(max=30))
    direction = ma.fields.String(load_default="higher", validate=ma.validate.OneOf(["higher", "lower"]))
    baseline = ma.fields.Float(allow_none=True, load_default=None)
    target_value = ma.fields.Float(allow_none=True, load_default=None)
    owner_id = ma.fields.Integer(allow_none=True, load_default=None)
    dimension_code = ma.fields.String(allow_none=True, load_default=None)
    points = ma.fields.Integer(load_default=10, strict=True, validate=ma.validate.Range(min=0, max=1000))
    evidence = ma.fields.String(load_default="", validate=ma.validate.Length(max=2000))
    approval = ma.fields.String(dump_only=True)
    status = ma.fields.Method("_status", dump_only=True,
                              metadata={"description": "achieved, on_track, at_risk or missed (computed)."})
    actual = ma.fields.Method("_actual", dump_only=True)

    def _status(self, target):
        return operations.current_status(target, clock.today())

    def _actual(self, target):
        last = operations.latest(target)
        if last is None:
            return None
        return {"on_date": last.on_date.isoformat(), "value": last.value, "done": last.done}


class TargetPatchSchema(ma.Schema):
    """Fields that may change; `version` is the version the client read."""

    version = ma.fields.Integer(load_default=None)
    title = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    description = ma.fields.String(validate=ma.validate.Length(max=4000))
    unit = ma.fields.String(validate=ma.validate.Length(max=30))
    baseline = ma.fields.Float(allow_none=True)
    target_value = ma.fields.Float(allow_none=True)
    owner_id = ma.fields.Integer(allow_none=True)
    points = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0, max=1000))
    evidence = ma.fields.String(validate=ma.validate.Length(max=2000))
    override_reason = ma.fields.String(load_default=None, validate=ma.validate.Length(max=2000), metadata={
        "description": "Executives only: why a target of a closed month changes (kept in the audit trail)."})


class TargetListArgsSchema(PageArgsSchema):
    """Filters of the target list."""

    department = ma.fields.Integer(metadata={"description": "Department id."})
    month = ma.fields.String(validate=MONTH)


TargetPageSchema = page_schema(TargetSchema, "TargetPage")


def _load(target_id: int) -> Target:
    """A target with its updates, or a JSON 404."""
    return db.first_or_404(sa.select(Target).where(Target.id == target_id).options(selectinload(Target.updates)))


@blp.route("")
@token_required(can_view_targets)
@blp.arguments(TargetListArgsSchema, location="query", as_kwargs=True)
@blp.response(200, TargetPageSchema)
def list_targets(department: int | None = None, month: str | None = None, **page_args):
    """Targets, filtered by department and month, newest month first."""
    query = sa.select(Target).options(selectinload(Target.updates)).order_by(
        Target.month.desc(), Target.department_id, Target.id)
    if department:
        query = query.where(Target.department_id == department)
    if month:
        query = query.where(Target.month == month)
    return paginate(query, page_args)


@blp.route("/<int:target_id>")
@token_required(can_view_targets)
@blp.response(200, TargetSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_target(target_id: int):
    """One target with its status and latest actual; the ETag is its version."""
    target = _load(target_id)
    return target, 200, {"ETag": f'"{target.version}"'}


@blp.route("", methods=["POST"])
@token_required(can_view_targets)
@blp.arguments(TargetSchema)
@blp.response(201, TargetSchema)
def create_target(data: dict):
    """Draft a target (the same window, maximum, values and permissions as the pages)."""
    department = db.get_or_404(Department, data.pop("department_id"))
    check(can_edit_department_targets(current_user, department))
    month = data.pop("month")
    try:
        operations.check_values(data)
        operations.check_can_add(department, month, clock.today(), in_window_only=not can_manage_targets(current_user))
    except TargetRuleError as error:
        db.session.rollback()
        return _refusal(error)
    target = operations.create_target(department, month, data, current_user)
    db.session.commit()
    return target


@blp.route("/<int:target_id>", methods=["PATCH"])
@token_required(can_view_targets)
@blp.arguments(TargetPatchSchema)
@blp.response(200, TargetSchema)
def update_target(data: dict, target_id: int):
    """Change a target under the edit page's rules; send the version you read (body or If-Match), else 409."""
    target = _load(target_id)
    check(can_edit_department_targets(current_user, target.department))
    expected = expected_version(data)
    if expected is None:
        return error_response(400, None, {"version": ["Send the version you read, in the body or as If-Match."]})
    data.pop("version", None)
    reason = data.pop("override_reason", None)
    reason = reason if can_override_closed_month(current_user) else None
    try:
        operations.check_values(data, target)
        operations.update_target(target, data, expected, clock.today(), not can_manage_targets(current_user), reason)
    except StaleEdit:
        db.session.rollback()
        fresh = _load(target_id)
        return error_response(409, None, {"current": TargetSchema().dump(fresh)})
    except TargetRuleError as error:
        db.session.rollback()
        return _refusal(error)
    db.session.commit()
    return target, 200, {"ETag": f'"{target.version}"'}


@blp.route("/<int:target_id>/updates", methods=["POST"])
@token_required(can_view_targets)
@blp.arguments(UpdateSchema)
@blp.response(201, UpdateSchema)
def post_update(data: dict, target_id: int):
    """Post progress, e.g. this month's NPS from a BI job."""
    target = _load(target_id)
    check(can_update_target(current_user, target))
    from cxgov.targets import status as st

    first, last = st.month_bounds(target.month)
    if target.kind == "numeric" and data.get("value") is None:
        return error_response(422, None, {"json": {"value": ["A numeric target needs a value."]}})
    if not first <= data["on_date"] <= last:
        return error_response(422, None, {"json": {"on_date": [f"The date must fall in {target.month}."]}})
    try:
        update = operations.post_update(target, data["on_date"], data.get("value"), data.get("done"),
                                        data.get("note", ""), current_user, clock.today())
    except TargetRuleError as error:
        db.session.rollback()
        return error_response(422, rule_message(error), {"rule": error.code})
    db.session.commit()
    return update
