"""One JSON error body for every /api/ path: {"error": {"code", "message", "details"}}.

Pages keep their HTML error pages: the handlers here answer only under /api/
and hand every other request to the app's own HTTPException handler.
"""
from __future__ import annotations

import marshmallow as ma
from flask import Flask, Request, current_app, jsonify, request
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from cxgov.extensions import db
from cxgov.rules import Invalid, Refusal, field_messages, word

API_PREFIX = "/api/"

# Status → machine-readable code; clients branch on the code, people read the message.
ERROR_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
    422: "validation_failed", 429: "too_many_requests", 500: "internal_error",
}


class ErrorSchema(ma.Schema):
    """What went wrong."""

    code = ma.fields.String(required=True, metadata={"description": "Machine-readable code, e.g. not_found."})
    message = ma.fields.String(required=True, metadata={"description": "Explanation in the caller's language."})
    details = ma.fields.Dict(metadata={"description": "More about the error, e.g. the invalid fields."})


class ErrorBodySchema(ma.Schema):
    """The body of every API error response."""

    error = ma.fields.Nested(ErrorSchema, required=True)


def is_api_request(req: Request | None = None) -> bool:
    """True for a request to the API (which never uses cookies)."""
    return (req or request).path.startswith(API_PREFIX)


def _default_message(status: int) -> str:
    """Translated explanation of a status."""
    return {
        400: _("The request could not be understood."),
        401: _("A valid API token is required: send it as 'Authorization: Bearer <token>'."),
        403: _("Your role does not allow this request."),
        404: _("The resource does not exist."),
        405: _("This address does not accept that method."),
        409: _("The record was changed by someone else; fetch it again and retry."),
        413: _("The request body is too large."),
        422: _("Some values are not valid; see details."),
        429: _("Too many requests; wait a moment and try again."),
        500: _("An unexpected error happened and was logged. Nothing was saved."),
    }.get(status, _("The request failed."))


def error_response(status: int, message: str | None = None, details: dict | None = None,
                   code: str | None = None, headers: dict | None = None):
    """A JSON error response in the one shape every API error has."""
    body = {"code": code or ERROR_CODES.get(status, "error"), "message": message or _default_message(status)}
    if details:
        body["details"] = details
    response = jsonify(error=body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _from_exception(error: HTTPException):
    """The JSON response for an HTTP error raised under /api/ (abort, routing, webargs)."""
    data = getattr(error, "data", None) or {}
    details = data.get("details") or data.get("errors") or data.get("messages")
    headers = dict(data.get("headers") or {})
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return error_response(error.code or 500, data.get("message"), details, data.get("code"), headers)


def handle_http_exception(error: HTTPException):
    """JSON under /api/; elsewhere whatever the app answers for an HTTP error (its HTML pages)."""
    if is_api_request():
        return _from_exception(error)
    page_handler = current_app.error_handler_spec[None][None].get(HTTPException)
    return page_handler(error) if page_handler else error


def handle_stale_data(error: StaleDataError):
    """A concurrent change of the same record answers 409."""
    db.session.rollback()
    return error_response(409)


def refusal_response(error: Refusal):
    """The 422 answer for a change a rule refused: its code, its wording, and the fields when values are invalid."""
    details = {"rule": error.code}
    if isinstance(error, Invalid):
        details["json"] = field_messages(error)
    return error_response(422, word(error), details)


def handle_refusal(error: Refusal):
    """A refusal raised by an operation under an API route: nothing is written, the caller reads why."""
    db.session.rollback()
    return refusal_response(error)


def handle_unexpected(error):
    """An unexpected failure in an API view (production only: tests let it propagate)."""
    db.session.rollback()
    return error_response(500)


def register(app: Flask) -> None:
    """Answer every listed status under /api/ with the JSON body.

    Handlers registered for a status code take precedence over the app's handler
    for HTTPException, whatever the order of registration; unmatched URLs (404,
    405) reach them too, which blueprint handlers would not.
    """
    for status in ERROR_CODES:
        if status != 500:
            app.register_error_handler(status, handle_http_exception)


def attach(blueprint) -> None:
    """Errors raised by an API blueprint's own views: stale saves and unexpected failures."""
    blueprint.register_error_handler(StaleDataError, handle_stale_data)
    blueprint.register_error_handler(Refusal, handle_refusal)
    blueprint.register_error_handler(500, handle_unexpected)
