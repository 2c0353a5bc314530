"""Targets in the REST API: list, read, create, update (409 on a stale version), post progress."""

import marshmallow as ma
import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint
from cxgov.api.errors import error_response
from cxgov.api.pagination import PageArgsSchema, page_schema, paginate
from cxgov.api.schemas import UtcDateTime
from cxgov.api.versioning import Version, expected_version
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.permissions import (
    can_edit_department_targets,
    can_update_target,
    can_view_targets,
    check,
)
from cxgov.rules import Invalid
from cxgov.targets import operations, progress
from cxgov.targets.models import Target, TargetUpdate

blp = api_blueprint("api_targets", __name__, "/targets", "Monthly per-department CX improvement targets.")


MONTH = ma.validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="Use YYYY-MM.")


class UpdateSchema(ma.Schema):
    """A progress update; the gate refuses a date outside the month or in the future, a numeric update without
    a value and a milestone update without `done`."""

    id = ma.fields.Integer(dump_only=True)
    on_date = ma.fields.Date(required=True)
    value = ma.fields.Float(allow_none=True, allow_nan=True,
                            metadata={"description": "The measured value (numeric targets)."})
    done = ma.fields.Boolean(allow_none=True, metadata={"description": "Done or not (milestone targets)."})
    note = ma.fields.String(load_default="", metadata={"description": "At most 2000 characters."})
    reason = ma.fields.String(load_default=None, allow_none=True, metadata={
        "description": "Why: required to correct an update, and for an executive's late actual of a closed month."})
    corrects = ma.fields.Integer(attribute="corrects_id", data_key="corrects", load_default=None, allow_none=True,
                                 metadata={
        "description": "The id of the update this one corrects (that update is then withdrawn)."})
    withdrawn_at = UtcDateTime(dump_only=True)
    withdrawal_reason = ma.fields.String(dump_only=True)
    created_at = UtcDateTime(dump_only=True)


class WithdrawSchema(ma.Schema):
    """Why an update is withdrawn."""

    reason = ma.fields.String(required=True)


class TargetSchema(ma.Schema):
    """A monthly target; `version` must be sent back on update (or as If-Match)."""

    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    department_id = ma.fields.Integer(required=True)
    month = ma.fields.String(required=True, metadata={"description": "YYYY-MM."})
    title = ma.fields.String(required=True, metadata={"description": "At most 200 characters."})
    description = ma.fields.String(load_default="", metadata={"description": "At most 4000 characters."})
    kind = ma.fields.String(required=True, metadata={"description": "numeric or milestone."})
    unit = ma.fields.String(load_default="", metadata={"description": "At most 30 characters."})
    direction = ma.fields.String(load_default="higher", metadata={"description": "higher or lower."})
    baseline = ma.fields.Float(allow_none=True, load_default=None)
    target_value = ma.fields.Float(allow_none=True, load_default=None)
    owner_id = ma.fields.Integer(allow_none=True, load_default=None)
    dimension_code = ma.fields.String(allow_none=True, load_default=None)
    points = ma.fields.Integer(load_default=10, strict=True, metadata={
        "description": "Whole points within the CX office's points scale (Targets → Settings)."})
    evidence = ma.fields.String(load_default="", metadata={"description": "At most 2000 characters."})
    approval = ma.fields.String(dump_only=True)
    status = ma.fields.Method("_status", dump_only=True,
                              metadata={"description": "achieved, on_track, at_risk or missed (computed)."})
    actual = ma.fields.Method("_actual", dump_only=True)

    def _status(self, target):
        """The status today."""
        return operations.current_status(target, clock.today())

    def _actual(self, target):
        """The latest update still standing."""
        last = operations.latest(target)
        if last is None:
            return None
        return {"on_date": last.on_date.isoformat(), "value": last.value, "done": last.done}


class TargetPatchSchema(ma.Schema):
    """Fields that may change; `version` is the version the client read."""

    version = Version()
    title = ma.fields.String()
    description = ma.fields.String()
    unit = ma.fields.String()
    baseline = ma.fields.Float(allow_none=True)
    target_value = ma.fields.Float(allow_none=True)
    owner_id = ma.fields.Integer(allow_none=True)
    dimension_code = ma.fields.String(allow_none=True)
    points = ma.fields.Integer(strict=True)
    evidence = ma.fields.String()
    override_reason = ma.fields.String(load_default=None, allow_none=True, metadata={
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
def get_target(target_id: int):
    """One target with its status and latest actual; the ETag is its version."""
    target = _load(target_id)
    return target, 200, {"ETag": f'"{target.version}"'}


@blp.route("", methods=["POST"])
@token_required(can_view_targets)
@blp.arguments(TargetSchema)
@blp.response(201, TargetSchema)
def create_target(data: dict):
    """Draft a target: the same gate as the pages (who may, window, maximum, values, points scale)."""
    department = db.session.get(Department, data.pop("department_id"))
    if department is None:  # a value of the body, not the address: 422 with the field, as actions answer
        raise Invalid({"department_id": "target_department_unknown"})
    check(can_edit_department_targets(current_user, department))
    target = operations.add_target(department, data.pop("month"), data, current_user, clock.today())
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
    expected = expected_version(data)  # required by the schema: a missing one was answered 422 already
    data.pop("version", None)
    reason = data.pop("override_reason", None)
    try:
        operations.edit_target(target, data, current_user, clock.today(), expected, reason)
    except StaleEdit:
        db.session.rollback()
        fresh = _load(target_id)
        return error_response(409, None, {"current": TargetSchema().dump(fresh)})
    db.session.commit()
    return target, 200, {"ETag": f'"{target.version}"'}


@blp.route("/<int:target_id>/updates", methods=["POST"])
@token_required(can_view_targets)
@blp.arguments(UpdateSchema)
@blp.response(201, UpdateSchema)
def post_update(data: dict, target_id: int):
    """Post progress, e.g. this month's NPS from a BI job; with `corrects`, correct an earlier update (reason
    required); after the close, an executive's late actual with a reason."""
    target = _load(target_id)
    check(can_update_target(current_user, target))
    corrects = _update(target, data["corrects_id"]) if data.get("corrects_id") is not None else None
    update = progress.post_update(target, data["on_date"], data.get("value"), data.get("done"),
                                  data.get("note", ""), current_user, clock.today(), data.get("reason"), corrects)
    db.session.commit()
    return update


@blp.route("/<int:target_id>/updates/<int:update_id>/withdraw", methods=["POST"])
@token_required(can_view_targets)
@blp.arguments(WithdrawSchema)
@blp.response(200, UpdateSchema)
def withdraw_update(data: dict, target_id: int, update_id: int):
    """Withdraw a wrong update with a reason; it stays in the history and no longer counts."""
    target = _load(target_id)
    check(can_update_target(current_user, target))
    update = progress.withdraw_update(_update(target, update_id), current_user, clock.today(), data["reason"])
    db.session.commit()
    return update


def _update(target: Target, update_id: int) -> TargetUpdate:
    """One of the target's updates, or a JSON 404."""
    update = db.session.get(TargetUpdate, update_id)
    if update is None or update.target_id != target.id:
        abort(404)
    return update
