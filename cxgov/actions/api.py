"""Action items in the REST API: list, read, create, change (409 on a stale version), move along."""

import marshmallow as ma
import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.actions import operations, queries, sources
from cxgov.actions.models import SOURCES, STATUSES, ActionItem
from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint
from cxgov.api.errors import error_response
from cxgov.api.pagination import PageArgsSchema, page_schema, paginate
from cxgov.api.schemas import UtcDateTime
from cxgov.api.versioning import Version, expected_version
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.org.operations import check_version
from cxgov.permissions import can_create_action, can_edit_action, can_update_action_status, can_view_actions, check

blp = api_blueprint("api_actions", __name__, "/actions", "Action items from every source.")


class ActionSchema(ma.Schema):
    """An action item; `version` must be sent back on update (or as If-Match)."""

    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    # Lengths, owners, departments and dates are the actions gate's to refuse, as for every other door.
    title = ma.fields.String(required=True, metadata={"description": "At most 200 characters."})
    description = ma.fields.String(load_default="", metadata={"description": "At most 4000 characters."})
    owner_id = ma.fields.Integer(allow_none=True, load_default=None, metadata={"description": "Required."})
    department_id = ma.fields.Integer(allow_none=True, load_default=None)
    due_on = ma.fields.Date(allow_none=True, load_default=None,
                            metadata={"description": "Required; not before today on create."})
    status = ma.fields.String(dump_only=True, metadata={"description": "open, in_progress, done or dropped."})
    dropped_reason = ma.fields.String(dump_only=True)
    done_on = ma.fields.Date(dump_only=True, allow_none=True)
    overdue = ma.fields.Method("_overdue", dump_only=True, metadata={"description": "Open past its due date."})
    source = ma.fields.String(dump_only=True, metadata={
        "description": "Where the action came from. The API adds actions by hand ('manual'); actions of reviews and "
                       "alignment areas are added there, under their own rules."})
    source_id = ma.fields.Integer(dump_only=True, allow_none=True,
                                  metadata={"description": "The record of that source (none for manual)."})
    source_url = ma.fields.Method("_source_url", dump_only=True, allow_none=True)
    created_by_id = ma.fields.Integer(dump_only=True, allow_none=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)

    def _overdue(self, action):
        return action.is_overdue(clock.today())

    def _source_url(self, action):
        return sources.source_url(action.source, action.source_id, external=True)


class ActionPatchSchema(ma.Schema):
    """Fields that may change; `version` is the version the client read. Dropping needs `dropped_reason`."""

    version = Version()
    title = ma.fields.String()
    description = ma.fields.String()
    owner_id = ma.fields.Integer(allow_none=True)
    department_id = ma.fields.Integer(allow_none=True)
    due_on = ma.fields.Date(allow_none=True)
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    dropped_reason = ma.fields.String(load_default="", metadata={"description": "At most 2000 characters."})


class ActionListArgsSchema(PageArgsSchema):
    """Filters of the action list."""

    department = ma.fields.Integer(metadata={"description": "Department id."})
    owner = ma.fields.Integer(metadata={"description": "Owner's user id."})
    status = ma.fields.String(validate=ma.validate.OneOf([*STATUSES, queries.ACTIVE]),
                              metadata={"description": "A status, or `active` for open or in progress."})
    source = ma.fields.String(validate=ma.validate.OneOf(SOURCES))
    overdue = ma.fields.Boolean(load_default=False, metadata={"description": "Only open actions past due."})


ActionPageSchema = page_schema(ActionSchema, "ActionPage")


def _load(action_id: int) -> ActionItem:
    """An action, or a JSON 404."""
    return db.first_or_404(sa.select(ActionItem).where(ActionItem.id == action_id))


@blp.route("")
@token_required(can_view_actions)
@blp.arguments(ActionListArgsSchema, location="query", as_kwargs=True)
@blp.response(200, ActionPageSchema)
def list_actions(department: int | None = None, owner: int | None = None, status: str | None = None,
                 source: str | None = None, overdue: bool = False, **page_args):
    """Actions, filtered by department, owner, status and source, soonest due first."""
    filters = queries.Filters(department, owner, source, status or queries.ALL, overdue)
    query = queries.filtered(sa.select(ActionItem), filters, clock.today()).order_by(ActionItem.due_on, ActionItem.id)
    return paginate(query.options(selectinload(ActionItem.owner)), page_args)


@blp.route("/<int:action_id>")
@token_required(can_view_actions)
@blp.response(200, ActionSchema)
def get_action(action_id: int):
    """One action; the ETag is its version."""
    action = _load(action_id)
    return action, 200, {"ETag": f'"{action.version}"'}


@blp.route("", methods=["POST"])
@token_required(can_view_actions)
@blp.arguments(ActionSchema)
@blp.response(201, ActionSchema)
def create_action(data: dict):
    """Add an open action (the same rules and permissions as the pages: an active owner, a due date from today)."""
    check(can_create_action(current_user))
    action = operations.create_action(data, current_user)
    db.session.commit()
    return action


@blp.route("/<int:action_id>", methods=["PATCH"])
@token_required(can_view_actions)
@blp.arguments(ActionPatchSchema)
@blp.response(200, ActionSchema)
def update_action(data: dict, action_id: int):
    """Change an action or its status; send the version you read (body or If-Match): a stale one gets 409."""
    action = _load(action_id)
    status, reason = data.pop("status", None), data.pop("dropped_reason", "")
    fields = {key: value for key, value in data.items() if key in operations.FIELDS}
    check(can_edit_action(current_user, action) if fields else can_update_action_status(current_user, action))
    expected = expected_version(data)
    try:
        if fields:
            operations.update_action(action, fields, expected, current_user)
        if status is not None and status != action.status:
            operations.set_status(action, status, clock.today(), reason, None if fields else expected, current_user)
        elif not fields:
            check_version(action, expected)  # nothing to change, but a stale read is still told
    except StaleEdit:
        db.session.rollback()
        return error_response(409, None, {"current": ActionSchema().dump(_load(action_id))})
    db.session.commit()
    return action, 200, {"ETag": f'"{action.version}"'}
