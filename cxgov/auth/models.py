"""Users, their roles and sign-in attempts."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from cxgov.auth.passwords import check_new_password
from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin, utcnow

if TYPE_CHECKING:
    from cxgov.org.models import Department


def new_session_token() -> str:
    """A random token; changing it ends every open session of the user."""
    return secrets.token_urlsafe(16)


class User(UserMixin, Audited, TimestampMixin, VersionedMixin, db.Model):
    """Someone who signs in to cxgov."""

    __tablename__ = "users"
    __audit_exclude__ = Audited.__audit_exclude__ + ("password_hash", "session_token", "last_login_at")

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    department_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("departments.id", use_alter=True), index=True
    )
    job_title: Mapped[str | None] = mapped_column(sa.String(120))
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    department: Mapped[Department | None] = relationship(foreign_keys=[department_id], back_populates="members")
    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    @property
    def roles(self) -> set[str]:
        """The names of the roles this user holds."""
        return {row.role for row in self.role_rows}

    def has_role(self, *names: str) -> bool:
        """True when the user holds any of the given roles."""
        return bool(self.roles.intersection(names))

    def set_password(self, password: str) -> None:
        """Store a salted hash and end every other open session.

        The password policy (cxgov/auth/passwords.py) is checked here, so every door that sets a password (the
        account page, the admin's form, the user import, the CLI) refuses the same passwords with the same words.
        """
        check_new_password(password, self)
        method = current_app.config.get("CXGOV_PASSWORD_HASH", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)
        self.session_token = new_session_token()

    def check_password(self, password: str) -> bool:
        """Compare a password with the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses inactive users."""
        return self.active

    # When the session being served began (seconds since the epoch): set at sign-in and by the session loader,
    # never stored; it travels in the signed session and remember-me cookies so the server can bound their age.
    signed_in_at = 0

    def get_id(self) -> str:
        """The session id "<id>:<token>:<signed in at>": a rotated token or an expired sign-in ends the session."""
        return f"{self.id}:{self.session_token}:{int(self.signed_in_at)}"

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.email


class UserRole(Audited, db.Model):
    """One role held by one user; a user may hold several."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(sa.String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_rows")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.user.email if self.user else self.user_id}: {self.role}"


class LoginAttempt(db.Model):
    """A sign-in attempt, kept to throttle repeated failures."""

    __tablename__ = "login_attempts"
    __table_args__ = (sa.Index("ix_login_attempts_email_at", "email", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    ip: Mapped[str | None] = mapped_column(sa.String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    success: Mapped[bool] = mapped_column(sa.Boolean, default=False)


class LoginThrottle(db.Model):
    """Sign-in guesses counted for one account or one address within a window (see cxgov/auth/throttle.py).

    Kept in the database, so the count survives a restart and every instance shares it; changed only by single
    UPDATE statements, so parallel requests cannot both take the last guess.
    """

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(sa.String(300), primary_key=True)  # "account:<e-mail>" or "address:<ip>"
    failures: Mapped[int] = mapped_column(sa.Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
