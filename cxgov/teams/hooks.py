"""Keep the rotation right when someone is deactivated or reactivated, whichever page or import did it.

Deactivation lives in the organisation feature; rather than have it call the rotation, the rotation
watches the flag: a changed `User.active` in a transaction regenerates the future terms before it commits.
"""
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

PENDING = "teams_people_changed"


def _watch(session: Session, flush_context) -> None:
    """Remember who was deactivated or reactivated in this transaction."""
    from cxgov.auth.models import User

    for obj in session.dirty:
        if isinstance(obj, User) and inspect(obj).attrs.active.history.has_changes():
            session.info.setdefault(PENDING, set()).add(obj.name)


def _reschedule(session: Session) -> None:
    """Regenerate the future terms before the transaction commits (past and current terms stay)."""
    names = session.info.pop(PENDING, None)
    if not names:
        return
    from cxgov import clock
    from cxgov.teams import operations
    from cxgov.teams.labels import say as _

    operations.refresh_all(clock.today(), _("Rescheduled: %(names)s deactivated or reactivated.",
                                            names=", ".join(sorted(names))))


def _forget(session: Session) -> None:
    """A rolled-back transaction changed nobody."""
    session.info.pop(PENDING, None)


def install() -> None:
    """Attach the hooks once (every session is watched)."""
    if event.contains(Session, "after_flush", _watch):
        return
    event.listen(Session, "after_flush", _watch)
    event.listen(Session, "before_commit", _reschedule)
    event.listen(Session, "after_rollback", _forget)
