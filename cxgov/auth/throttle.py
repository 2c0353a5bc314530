"""Sign-in throttling: after repeated failures an address or account waits."""
from datetime import timedelta

import sqlalchemy as sa

from cxgov.auth.models import LoginAttempt
from cxgov.extensions import db
from cxgov.models_base import utcnow

# An address trying many accounts is slowed down too, but less eagerly.
IP_FACTOR = 4


def _recent_failures(column, value, since) -> int:
    """Failures for this e-mail or address since the window start or the last success."""
    last_success = db.session.scalar(
        sa.select(sa.func.max(LoginAttempt.at)).where(column == value, LoginAttempt.success.is_(True))
    )
    start = max(since, last_success) if last_success else since
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(LoginAttempt).where(
            column == value, LoginAttempt.success.is_(False), LoginAttempt.at > start
        )
    )


def is_locked(email: str, ip: str | None, max_failures: int, lock_minutes: int) -> bool:
    """True while the e-mail or the address has too many recent failures."""
    since = utcnow() - timedelta(minutes=lock_minutes)
    if _recent_failures(LoginAttempt.email, email, since) >= max_failures:
        return True
    return bool(ip) and _recent_failures(LoginAttempt.ip, ip, since) >= max_failures * IP_FACTOR


def record_attempt(email: str, ip: str | None, success: bool) -> None:
    """Remember an attempt (the caller commits)."""
    db.session.add(LoginAttempt(email=email, ip=ip, success=success))
