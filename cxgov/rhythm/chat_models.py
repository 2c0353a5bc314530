"""Workplace chat: the channels (a DingTalk, Feishu/Lark, WeCom robot or a generic webhook) and what was sent."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin, utcnow

if TYPE_CHECKING:
    from cxgov.org.models import Department

DINGTALK, FEISHU, WECOM, GENERIC = "dingtalk", "feishu", "wecom", "generic"
KINDS = (DINGTALK, FEISHU, WECOM, GENERIC)
LANGUAGES = ("zh", "en")

# What a delivery carries.
DIGEST, CYCLE_OPENED, RESULTS_PUBLISHED, MINUTES_PUBLISHED, TEST = (
    "digest", "cycle_opened", "results_published", "minutes_published", "test")
EVENTS = (CYCLE_OPENED, RESULTS_PUBLISHED, MINUTES_PUBLISHED)
MESSAGES = (DIGEST, *EVENTS, TEST)

QUEUED, SENT, FAILED = "queued", "sent", "failed"
STATES = (QUEUED, SENT, FAILED)


class ChatChannel(Audited, TimestampMixin, VersionedMixin, db.Model):
    """A group chat that hears from cxgov: the whole company's (no department) or one department's."""

    __tablename__ = "chat_channels"
    # The webhook URL carries the access token (DingTalk) or the key (WeCom): as secret as the secret.
    __audit_exclude__ = (*Audited.__audit_exclude__, "webhook_url", "secret_stored")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(12))
    webhook_url: Mapped[str] = mapped_column(sa.String(1000))
    # "" (none), "env:NAME" (read from the environment when sending) or "fernet:<token>" (encrypted here).
    secret_stored: Mapped[str] = mapped_column(sa.Text, default="")
    language: Mapped[str] = mapped_column(sa.String(8), default="zh")
    digest: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    digest_weekday: Mapped[int] = mapped_column(sa.Integer, default=0)  # Monday = 0, as date.weekday()
    events: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)

    department: Mapped[Department | None] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.kind} {self.name}"


class ChatDelivery(db.Model):
    """One message to one channel: queued, then sent or (after its last attempt) failed with the error."""

    __tablename__ = "chat_deliveries"
    # A weekly digest is keyed "digest:<channel>:<ISO week>", so the job can run twice and post once.
    __table_args__ = (sa.UniqueConstraint("channel_id", "dedupe_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(sa.ForeignKey("chat_channels.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    summary: Mapped[str] = mapped_column(sa.String(300), default="")
    message_json: Mapped[str] = mapped_column(sa.Text, default="{}")  # the message, rendered once, unsigned
    state: Mapped[str] = mapped_column(sa.String(10), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    channel: Mapped[ChatChannel] = relationship()
