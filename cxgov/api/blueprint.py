"""How every API resource's blueprint is made (so that later features get the same behaviour)."""
import json
from http import HTTPStatus

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from webargs.core import missing
from webargs.flaskparser import FlaskParser, is_json_request

from cxgov.api import errors
from cxgov.api.versioning import Version
from cxgov.bounds import DB_INT_MAX, DB_INT_MIN

API_URL_PREFIX = "/api/v1"
MAX_DIGITS = 40  # past 2**128: more than any column of ours, and a float field still reads it
DB_INTEGER = ma.validate.Range(DB_INT_MIN, DB_INT_MAX, error=_l("Must be a whole number from {min} to {max}."))


def _json_int(text: str) -> int:
    """An integer of the JSON body; one of more digits than any number of ours is refused (int() itself stops at
    4,300 digits, and a float field cannot hold 10**400)."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError("number too long")
    return int(text)


class ArgumentsParser(FlaskParser):
    """webargs' parser; a body that cannot be read as our JSON (malformed, nested thousands deep, a number of
    hundreds of digits) is refused with 400 and the standard error body instead of failing. A query argument the
    operation does not take is refused (422) like an unknown field of a body: a misspelt filter would otherwise
    answer every record."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": ma.RAISE,
                                   "querystring": ma.RAISE}

    def _raw_load_json(self, req):
        """The body's JSON, or `missing` when the request does not say it is JSON."""
        if not is_json_request(req):
            return missing
        try:
            return json.loads(req.get_data(cache=True), parse_int=_json_int)
        except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise json.JSONDecodeError(str(error), "(the request body)", 0) from None


def _integers(field: ma.fields.Field):
    """The Integer fields in a field: itself, a list's items, a dict's values, a nested schema's fields."""
    if isinstance(field, ma.fields.Integer):
        yield field
    elif isinstance(field, ma.fields.List):
        yield from _integers(field.inner)
    elif isinstance(field, ma.fields.Dict) and field.value_field is not None:
        yield from _integers(field.value_field)
    elif isinstance(field, ma.fields.Nested) and isinstance(field.schema, ma.Schema):
        for inner in field.schema.fields.values():
            yield from _integers(inner)


def bounded(schema: type[ma.Schema] | ma.Schema) -> ma.Schema:
    """The schema (an instance of its own) whose integers refuse a value the database cannot hold (422)."""
    instance = schema() if isinstance(schema, type) else schema
    for field in instance.fields.values():
        for integer in _integers(field):
            if DB_INTEGER not in integer.validators:
                integer.validators.append(DB_INTEGER)
    return instance


def document_bounds(converter, field: ma.fields.Field, ret: dict, **kwargs) -> dict:
    """apispec attribute function: every integer of the OpenAPI document states the database's bounds."""
    if not isinstance(field, ma.fields.Integer):
        return {}
    return {"minimum": ret.get("minimum", DB_INT_MIN), "maximum": ret.get("maximum", DB_INT_MAX)}


def error_statuses(rule: str, view, doc: dict) -> set[int]:
    """The error answers an operation can give, read from how it is made: a token and a role to check (401,
    403), an id in the path (404), arguments (422; a JSON body also 400 when it cannot be read) and a `version`
    to match (409); every API request counts against its caller's rate limit (429, cxgov/ratelimit.py)."""
    statuses = {429}
    if getattr(view, "permission", None):  # token_required
        statuses |= {401, 403}
    if "<" in rule:
        statuses.add(404)
    for argument in doc.get("arguments", {}).get("parameters", []):
        statuses.add(422)
        if argument.get("in") == "json":
            statuses.add(400)
            if any(isinstance(field, Version) for field in argument["schema"].fields.values()):
                statuses.add(409)
    return statuses


class ApiBlueprint(Blueprint):
    """A flask-smorest blueprint whose arguments are bounded (see `bounded`), whose JSON is read safely and whose
    operations document each error answer they can give (see `error_statuses`)."""

    ARGUMENTS_PARSER = ArgumentsParser()

    def arguments(self, schema, **kwargs):
        """As Blueprint.arguments, with the schema's integers bounded to the database's."""
        return super().arguments(bounded(schema), **kwargs)

    def add_url_rule(self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **kwargs):
        """As Blueprint.add_url_rule; the operations' documentation lists their error answers."""
        super().add_url_rule(rule, endpoint, view_func, provide_automatic_options, **kwargs)
        for method, doc in self._docs[endpoint or view_func.__name__].items():
            if method != "parameters":
                responses = doc.setdefault("response", {}).setdefault("responses", {})
                for status in sorted(error_statuses(rule, view_func, doc)):
                    responses.setdefault(status, [HTTPStatus(status).name])


def api_blueprint(name: str, import_name: str, path: str = "", description: str = "") -> ApiBlueprint:
    """A flask-smorest blueprint under /api/v1 whose own failures answer the JSON error body.

    Register it with the Api (`create_api`), which also exempts it from CSRF checks.
    """
    blueprint = ApiBlueprint(name, import_name, url_prefix=API_URL_PREFIX + path, description=description)
    errors.attach(blueprint)
    return blueprint
