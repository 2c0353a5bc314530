"""Writes on a user's own account; the caller commits."""
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow


def find_user_by_email(email: str) -> User | None:
    """The user with this e-mail, compared case-insensitively."""
    return db.session.scalar(db.select(User).where(User.email == email.strip().lower()))


def note_sign_in(user: User) -> None:
    """Remember when the user last signed in."""
    user.last_login_at = utcnow()
    db.session.flush()


def change_password(user: User, new_password: str) -> None:
    """Set a new password; this also ends the user's other sessions."""
    user.set_password(new_password)
    db.session.flush()


def set_locale(user: User, locale: str | None) -> None:
    """Store the user's language (None: follow the browser)."""
    user.locale = locale or None
    db.session.flush()
