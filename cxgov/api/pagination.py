"""Page-number pagination: `?page=&page_size=` in, an envelope with the items and the totals out."""
import marshmallow as ma

from cxgov.extensions import db

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageArgsSchema(ma.Schema):
    """The query arguments every list accepts."""

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1),
                             metadata={"description": "Page number, from 1."})
    page_size = ma.fields.Integer(load_default=DEFAULT_PAGE_SIZE, validate=ma.validate.Range(min=1, max=MAX_PAGE_SIZE),
                                  metadata={"description": f"Items per page, 1–{MAX_PAGE_SIZE}."})


class PageSchema(ma.Schema):
    """The envelope of every list: one page of items and where it sits."""

    page = ma.fields.Integer(required=True, metadata={"description": "This page's number."})
    page_size = ma.fields.Integer(required=True, metadata={"description": "Items per page."})
    total = ma.fields.Integer(required=True, metadata={"description": "Items on all pages."})
    pages = ma.fields.Integer(required=True, metadata={"description": "Number of pages."})


def page_schema(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """The envelope schema for a list of item_schema (name: how the OpenAPI document calls it)."""
    return PageSchema.from_dict({"items": ma.fields.List(ma.fields.Nested(item_schema), required=True)}, name=name)


def paginate(query, args: dict) -> dict:
    """One page of a select, counted in SQL, as the envelope's data (a page past the end is empty)."""
    page = db.paginate(query, page=args["page"], per_page=args["page_size"], max_per_page=MAX_PAGE_SIZE,
                       error_out=False)
    return {"items": page.items, "page": args["page"], "page_size": args["page_size"], "total": page.total,
            "pages": page.pages}
