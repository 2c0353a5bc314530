"""Flask-Login wiring: loading the user from the session or remember-me cookie, and bounding its age."""
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from cxgov import clock
from cxgov.extensions import db, login_manager


def now_seconds() -> int:
    """The current time in whole seconds since the epoch (the unit of a sign-in's start)."""
    return int(clock.now().timestamp())


def parse_session_id(session_id: str) -> tuple[int, str, int] | None:
    """(user id, token, signed in at) from "<id>:<token>:<seconds>", or None when it has another shape."""
    parts = session_id.split(":")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    return int(parts[0]), parts[1], int(parts[2])


def still_valid(signed_in_at: int, now: int, lifetime_seconds: float) -> bool:
    """True while a sign-in is younger than the session policy (a time in the future is refused too)."""
    return signed_in_at <= now + 60 and now - signed_in_at < lifetime_seconds


def load_user(session_id: str):
    """Return the user for a session id, or None.

    The id comes from the signed session cookie or the remember-me cookie. A deactivated user, one whose token
    changed (signing out, password change, deactivation), or a sign-in older than CXGOV_SESSION_HOURS gets None:
    every copy of such a cookie stops working at its next request, on every instance.
    """
    from cxgov.auth.models import User

    parsed = parse_session_id(session_id)
    if parsed is None:
        return None
    user_id, token, signed_in_at = parsed
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    if not still_valid(signed_in_at, now_seconds(), lifetime):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_token != token:
        return None
    user.signed_in_at = signed_in_at
    return user


def register_login(app: Flask) -> None:
    """Configure the login manager."""
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
