"""Writes on a user's own account; the caller commits."""
from cxgov.auth.models import User, new_session_token
from cxgov.auth.passwords import check_new_password
from cxgov.extensions import db
from cxgov.models_base import utcnow


def find_user_by_email(email: str) -> User | None:
    """The user with this e-mail, compared case-insensitively."""
    return db.session.scalar(db.select(User).where(User.email == email.strip().lower()))


def note_sign_in(user: User) -> None:
    """Remember when the user last signed in.

    One UPDATE of that column alone: it is no edit of the account, so two sign-ins at once (or an administrator
    saving the account meanwhile) never conflict over the account's version.
    """
    now = utcnow()
    db.session.execute(db.update(User).where(User.id == user.id).values(last_login_at=now)
                       .execution_options(synchronize_session=False))
    db.session.flush()


def end_sessions(user: User) -> None:
    """End every open session of the user, on every device, remembered or not (signing out does this).

    The session and remember-me cookies carry the user's session token; a new one makes every copy of them,
    made before, worthless on the server, whichever instance reads it.
    """
    token = new_session_token()
    db.session.execute(db.update(User).where(User.id == user.id).values(session_token=token)
                       .execution_options(synchronize_session=False))
    db.session.flush()


def change_password(user: User, new_password: str, current: str | None = None) -> None:
    """Set a new password under the password policy; this also ends the user's other sessions.

    `current`, when given (the person changing their own), must be right: an Invalid on "current" otherwise.
    """
    from cxgov.rules import Invalid

    if current is not None and not user.check_password(current):
        raise Invalid({"current": "password_current_wrong"})
    check_new_password(new_password, user, changing=True)
    user.set_password(new_password)
    db.session.flush()


def withdraw_access(user: User) -> None:
    """Revoke the user's API tokens and delete their calendar feed (on deactivation: reactivating revives none)."""
    from cxgov.api.tokens import ApiToken
    from cxgov.rhythm.calendar_models import PERSON, CalendarFeed

    now = utcnow()
    for token in db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == user.id,
                                                              ApiToken.revoked_at.is_(None))):
        token.revoked_at = now
    for feed in db.session.scalars(db.select(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                                                 CalendarFeed.scope == PERSON)):
        db.session.delete(feed)
    db.session.flush()


def set_locale(user: User, locale: str | None) -> None:
    """Store the user's language (None: follow the browser)."""
    user.locale = locale or None
    db.session.flush()
