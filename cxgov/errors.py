"""Error pages in both languages and the exceptions operations raise."""
from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from cxgov.extensions import db


class StaleEdit(Exception):
    """Someone saved the record after this editor loaded it."""

    def __init__(self, record):
        super().__init__(f"stale edit of {record!r}")
        self.record = record


def _wants_json() -> bool:
    """API and health routes answer JSON."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def _page(status: int):
    """Render the error page for a status code."""
    if _wants_json():
        return jsonify(error={"code": str(status), "message": _error_title(status)}), status
    return render_template("errors/error.html", status=status, title=_error_title(status),
                           message=_error_message(status)), status


def _error_title(status: int) -> str:
    """Short translated title of an error."""
    return {
        400: _("Bad request"), 403: _("Access denied"), 404: _("Page not found"),
        405: _("Method not allowed"), 409: _("Changed by someone else"), 413: _("File too large"),
        429: _("Too many requests"), 500: _("Something went wrong"),
    }.get(status, _("Error"))


def _error_message(status: int) -> str:
    """Longer translated explanation of an error."""
    return {
        400: _("The request could not be understood. If you submitted a form, reload the page and try again."),
        403: _("Your role does not allow this page. Ask an administrator if you need access."),
        404: _("The page you asked for does not exist or was moved."),
        405: _("This address does not accept that kind of request."),
        409: _("Someone else saved this record after you opened it. Reload to see their version."),
        413: _("The file is larger than %(mb)s MB, the most an upload may be.",
               mb=(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)),
        429: _("Too many attempts in a short time. Please wait a moment and try again."),
        500: _("An unexpected error happened and was logged. Nothing was saved. Please try again."),
    }.get(status, "")


def register(app: Flask) -> None:
    """Attach handlers for HTTP errors, stale saves and unexpected failures."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _page(error.code or 500)

    @app.errorhandler(StaleDataError)
    def stale_data(error):
        db.session.rollback()
        return _page(409)

    @app.errorhandler(500)
    def unexpected(error):
        # Reached in production only; under TESTING the exception propagates to the test.
        db.session.rollback()
        return _page(500)
