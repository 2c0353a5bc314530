"""Sign-in throttling per account and per address, in the database, counted atomically.

Each attempt first *reserves* a guess on its address and on its account: one UPDATE adds one to the window's count
unless the window is full, and says whether it did (RETURNING). Only a reserved attempt has its password checked,
so parallel attempts can never evaluate more guesses than the limit. Afterwards a success gives its guess back to
the address (it was no guess) and clears the account's count (its owner proved the password); a failure keeps both.
Signing in to one's own account therefore never resets what an address has guessed at other accounts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from cxgov.auth.models import LoginAttempt, LoginThrottle
from cxgov.extensions import db
from cxgov.models_base import UTCDateTime, utcnow

# An address trying many accounts (an office behind one proxy, or an attacker) may fail this many times more.
IP_FACTOR = 4


@dataclass(frozen=True)
class Limits:
    """Failures allowed per account (per address: IP_FACTOR times more) within `minutes`."""

    max_failures: int
    minutes: int


def account_key(email: str) -> str:
    """The counter of one account (or of an e-mail nobody has: it is guessed at all the same)."""
    return f"account:{email}"[:300]


def address_key(ip: str) -> str:
    """The counter of one client address."""
    return f"address:{ip}"[:300]


def _reserve_statement(key: str, limit: int, now: datetime, since: datetime):
    """UPDATE … SET failures = failures + 1 (or 1 in a new window) WHERE the window has room … RETURNING failures."""
    stale = LoginThrottle.window_start <= since
    return (sa.update(LoginThrottle)
            .where(LoginThrottle.key == key, sa.or_(stale, LoginThrottle.failures < limit))
            .values(failures=sa.case((stale, 1), else_=LoginThrottle.failures + 1),
                    window_start=sa.case((stale, sa.literal(now, UTCDateTime)), else_=LoginThrottle.window_start))
            .returning(LoginThrottle.failures)
            .execution_options(synchronize_session=False))


def _insert_first(key: str, now: datetime) -> bool:
    """Start a counter at one guess; False when another request made it first."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(LoginThrottle).values(key=key, failures=1, window_start=now)
                 .on_conflict_do_nothing(index_elements=["key"]).returning(LoginThrottle.key))
    return db.session.execute(statement).first() is not None


def _reserve(key: str, limit: int, now: datetime, since: datetime) -> bool:
    """Take one guess from the key's window; False when the window is full."""
    statement = _reserve_statement(key, limit, now, since)
    if db.session.execute(statement).first() is not None:
        return True
    # No row yet, or a full window. A row made meanwhile by a parallel request is updated by the second try.
    return _insert_first(key, now) or db.session.execute(statement).first() is not None


def _give_back(key: str) -> None:
    """Return one reserved guess (the attempt turned out not to be one)."""
    db.session.execute(sa.update(LoginThrottle).where(LoginThrottle.key == key, LoginThrottle.failures > 0)
                       .values(failures=LoginThrottle.failures - 1).execution_options(synchronize_session=False))


def reserve(email: str, ip: str | None, limits: Limits) -> bool:
    """Reserve one guess on the address and the account, and commit; False (nothing kept) when either is full."""
    now = utcnow()
    since = now - timedelta(minutes=limits.minutes)
    if ip and not _reserve(address_key(ip), limits.max_failures * IP_FACTOR, now, since):
        db.session.commit()
        return False
    if not _reserve(account_key(email), limits.max_failures, now, since):
        if ip:
            _give_back(address_key(ip))
        db.session.commit()
        return False
    db.session.commit()  # now, so that parallel attempts see the guess taken (and row locks end)
    return True


def settle(email: str, ip: str | None, success: bool, limits: Limits) -> None:
    """After the password check of a reserved attempt: log it; a success gives the address its guess back and
    clears the account's count (the caller commits)."""
    db.session.add(LoginAttempt(email=email, ip=ip, success=success))
    if success:
        if ip:
            _give_back(address_key(ip))
        db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.key == account_key(email))
                           .execution_options(synchronize_session=False))
        forget_old(limits)


def forget_old(limits: Limits) -> None:
    """Drop counters whose window has passed (they would start again from one anyway)."""
    since = utcnow() - timedelta(minutes=limits.minutes)
    db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.window_start <= since)
                       .execution_options(synchronize_session=False))
