"""Flask-Login wiring: loading the user from the session cookie."""
from flask import Flask
from flask_babel import lazy_gettext as _l

from cxgov.extensions import db, login_manager


def load_user(session_id: str):
    """Return the user for a session id "<id>:<token>", or None.

    A deactivated user, or one whose token changed (password change, deactivation),
    gets None: their open sessions stop working at the next request.
    """
    from cxgov.auth.models import User

    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def register_login(app: Flask) -> None:
    """Configure the login manager."""
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
