"""How records look in the API (marshmallow schemas, also the OpenAPI document's components)."""
from datetime import UTC, datetime

import marshmallow as ma

from cxgov.api.pagination import PageArgsSchema, page_schema


class UtcDateTime(ma.fields.DateTime):
    """Times are aware; the API gives them in UTC (ISO 8601 with +00:00) and reads them as aware."""

    def _serialize(self, value: datetime | None, attr, obj, **kwargs):
        return super()._serialize(None if value is None else value.astimezone(UTC), attr, obj, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.tzinfo is None:  # a time without an offset is read as UTC, as the API documents
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)


class DepartmentSchema(ma.Schema):
    """A department."""

    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True, metadata={"description": "Short, stable code, e.g. CS."})
    name_en = ma.fields.String(required=True)
    name_zh = ma.fields.String(required=True)
    kind = ma.fields.String(required=True, metadata={"description": "customer_facing, support or functional."})
    lead_id = ma.fields.Integer(allow_none=True, metadata={"description": "The lead's user id."})
    parent_id = ma.fields.Integer(allow_none=True, metadata={"description": "The parent department's id."})
    archived = ma.fields.Boolean(required=True)
    archived_at = UtcDateTime(allow_none=True)


DepartmentPageSchema = page_schema(DepartmentSchema, "DepartmentPage")


class DepartmentListArgsSchema(PageArgsSchema):
    """Filters of the department list."""

    include_archived = ma.fields.Boolean(load_default=False,
                                         metadata={"description": "Also list archived departments."})


class MeSchema(ma.Schema):
    """The user a token belongs to."""

    id = ma.fields.Integer(required=True)
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    job_title = ma.fields.String(allow_none=True)
    locale = ma.fields.String(allow_none=True, metadata={"description": "en, zh, or null to follow the client."})
    roles = ma.fields.List(ma.fields.String(), required=True, metadata={"description": "Role names, sorted."})
    department = ma.fields.Nested(DepartmentSchema, allow_none=True)
