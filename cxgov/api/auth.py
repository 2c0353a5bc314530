"""Bearer-token authentication for the API; cookies play no part in it.

Every /api/ request gets an empty session that is never read from nor written
to a cookie, so a browser's session cannot call the API (no cross-site
request forgery is possible) and no API response sets a cookie. Pages ignore
Bearer headers: tokens authenticate the API only. The token's user
becomes flask-login's `current_user`, so the permission predicates and the
audit trail work exactly as for pages.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Flask, Request, g, request
from flask.sessions import NullSession, SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_login import current_user

from cxgov.api import operations
from cxgov.api.errors import error_response, is_api_request
from cxgov.extensions import db, login_manager

# RFC 6750: the challenge a client gets when its token is missing or refused.
CHALLENGE = 'Bearer realm="cxgov"'
MISSING, MALFORMED, INVALID = "missing_token", "malformed_token", "invalid_token"


class NoSession(NullSession):
    """The session of an API request: always empty; writing to it is a bug."""

    def _refuse(self, *args, **kwargs):
        raise RuntimeError("API requests have no session; they authenticate with a Bearer token")

    __setitem__ = __delitem__ = clear = pop = popitem = update = setdefault = _refuse


class ApiAwareSessionInterface(SecureCookieSessionInterface):
    """Signed-cookie sessions for pages; no session at all under /api/."""

    null_session_class = NoSession

    def open_session(self, app: Flask, request: Request):
        """Skip the cookie entirely for API requests (a null session is never saved)."""
        if is_api_request(request):
            return self.make_null_session(app)
        return super().open_session(app, request)


def _bearer_header(req: Request) -> str | None:
    """The value of an 'Authorization: Bearer …' header, or None without one."""
    scheme, _sep, value = (req.headers.get("Authorization") or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def _authenticate(req: Request):
    """(user, None) for a usable token, else (None, reason)."""
    plain = _bearer_header(req)
    if not plain:
        return None, MISSING
    if not plain.startswith(operations.TOKEN_PREFIX) or " " in plain:
        return None, MALFORMED
    token = operations.find_token(plain)
    if token is None or token.revoked or not token.user.active:
        return None, INVALID
    if operations.note_use(token):
        db.session.commit()
    return token.user, None


def load_token_user() -> None:
    """Before every API request: make the token's user (or an anonymous one) the current user.

    Setting it here also keeps flask-login from looking at a remember-me cookie.
    """
    if not is_api_request():
        return
    user, g.api_auth_error = _authenticate(request)
    # flask-login keeps the request's user in g._login_user; login_user() would also write the session.
    g._login_user = user or login_manager.anonymous_user()


def _unauthorized():
    """401 with the reason and the Bearer challenge."""
    reason = g.get("api_auth_error") or MISSING
    messages = {
        MISSING: _("A valid API token is required: send it as 'Authorization: Bearer <token>'."),
        MALFORMED: _("The Authorization header does not hold a cxgov API token."),
        INVALID: _("The API token is unknown or revoked, or its user is deactivated."),
    }
    challenge = CHALLENGE if reason == MISSING else f'{CHALLENGE}, error="invalid_token"'
    return error_response(401, messages[reason], {"reason": reason}, headers={"WWW-Authenticate": challenge})


def token_required(predicate: Callable[..., bool]):
    """Decorate an API view: 401 without a usable token, 403 unless predicate(current_user) holds.

    Views needing a record check `predicate(current_user, record)` after loading it,
    with `permissions.check` as on pages.
    """

    def decorator(view):
        view.permission = predicate.__name__

        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return _unauthorized()
            if not predicate(current_user):
                return error_response(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def register(app: Flask) -> None:
    """Install the cookie-free session and the token check."""
    app.session_interface = ApiAwareSessionInterface()
    app.before_request(load_token_user)
