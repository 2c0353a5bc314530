"""Workplace chat: the gate of channels, the weekly digests, the event announcements and the sending.

Nothing here makes a page wait for a chat service. An operation adds a queued `ChatDelivery` to the caller's
transaction; once that transaction commits, each delivery becomes a task on the queue (cxgov.tasks). A task
makes one attempt, in its own database session; a failure is retried after 1, 5 and 30 minutes, then the
delivery is marked failed with the service's error. In immediate mode (tests) the first attempt runs at commit
and the retries wait on the queue's schedule: nothing sleeps and nothing raises into the page.
"""
from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.request
from datetime import date, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cxgov import clock
from cxgov.extensions import db
from cxgov.rhythm import chat_formats, chat_labels, chat_secrets  # noqa: F401 - chat_labels registers the wordings
from cxgov.rhythm.chat_digest import DigestFigures, digest, event_message
from cxgov.rhythm.chat_formats import Message
from cxgov.rhythm.chat_models import (
    CYCLE_OPENED,
    DIGEST,
    EVENTS,
    FAILED,
    KINDS,
    LANGUAGES,
    MINUTES_PUBLISHED,
    QUEUED,
    RESULTS_PUBLISHED,
    SENT,
    TEST,
    ChatChannel,
    ChatDelivery,
)
from cxgov.rules import Invalid, Refusal
from cxgov.tasks import app_context, huey

log = logging.getLogger(__name__)
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))
MAX_ATTEMPTS = len(BACKOFF) + 1
PENDING = "chat_pending"  # session.info: deliveries to hand to the queue once the transaction commits


# --- the gate of channels ---
def _problems(data: dict) -> dict[str, str]:
    from cxgov.org.models import Department

    problems = {}
    if not (data.get("name") or "").strip():
        problems["name"] = "chat_name"
    if data.get("kind") not in KINDS:
        problems["kind"] = "chat_kind"
    url = (data.get("webhook_url") or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 1000:
        problems["webhook_url"] = "chat_url"
    if data.get("language") not in LANGUAGES:
        problems["language"] = "chat_language"
    if data.get("digest_weekday") not in range(7):
        problems["digest_weekday"] = "chat_weekday"
    department_id = data.get("department_id")
    if department_id is not None:
        department = db.session.get(Department, department_id)
        if department is None or department.archived:
            problems["department_id"] = "chat_department"
    secret = (data.get("secret") or "").strip()
    if chat_secrets.is_reference(secret) and not chat_secrets.valid_reference(secret):
        problems["secret"] = "chat_secret_env"  # nosec B105  # the name of a message, not a secret
    return problems


def save_channel(channel: ChatChannel | None, data: dict) -> ChatChannel:
    """Add or change a channel (the one gate); an empty secret keeps the stored one unless `clear_secret`."""
    problems = _problems(data)
    if problems:
        raise Invalid(problems)
    channel = channel or ChatChannel()
    channel.name, channel.kind = data["name"].strip(), data["kind"]
    channel.webhook_url, channel.language = data["webhook_url"].strip(), data["language"]
    channel.department_id, channel.digest_weekday = data.get("department_id"), data["digest_weekday"]
    channel.digest, channel.events = bool(data.get("digest")), bool(data.get("events"))
    channel.active = bool(data.get("active", True))
    secret = (data.get("secret") or "").strip()
    if secret or data.get("clear_secret"):
        channel.secret_stored = chat_secrets.store(secret)
    channel.secret_stored = channel.secret_stored or ""
    db.session.add(channel)
    db.session.flush()
    return channel


def set_active(channel: ChatChannel, active: bool) -> ChatChannel:
    """Switch a channel on or off; an inactive channel is kept with its history and sent nothing."""
    channel.active = active
    db.session.flush()
    return channel


def send_test(channel: ChatChannel) -> ChatDelivery:
    """Queue a test message to an active channel."""
    if not channel.active:
        raise Refusal("chat_inactive", channel=channel.name)
    return queue(channel, TEST, event_message(channel, TEST))


# --- queueing ---
def queue(channel: ChatChannel, kind: str, message: Message, dedupe_key: str | None = None) -> ChatDelivery:
    """A delivery in the caller's transaction; it goes to the task queue when that transaction commits."""
    delivery = ChatDelivery(channel=channel, kind=kind, summary=message.title[:300], message_json=message.to_json(),
                            state=QUEUED, attempts=0, last_error="", dedupe_key=dedupe_key, created_at=clock.now())
    db.session.add(delivery)
    db.session.flush()
    db.session().info.setdefault(PENDING, []).append(delivery.id)
    return delivery


def _in_savepoint(make):
    """Run `make` in a savepoint: a failure undoes only its own deliveries, and the caller's stay pending."""
    before = list(db.session().info.get(PENDING, []))
    try:
        with db.session.begin_nested():
            return make()
    except Exception:
        db.session().info[PENDING] = before
        raise


@sa.event.listens_for(Session, "after_commit")
def _hand_to_queue(session: Session) -> None:
    """Committed deliveries become tasks (in immediate mode they run now, in their own session)."""
    if session.in_nested_transaction():  # a savepoint released: the deliveries are not committed yet
        return
    for delivery_id in session.info.pop(PENDING, []):
        deliver(delivery_id)


@sa.event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)


# --- sending ---
@huey.task()
def deliver(delivery_id: int) -> None:
    """One attempt at a delivery (the queue's task)."""
    with app_context():
        attempt(delivery_id)


def attempt(delivery_id: int) -> str | None:
    """Send a queued delivery once, record how it went, schedule the next attempt; the new state."""
    with Session(db.engine, expire_on_commit=False) as session:
        delivery = session.get(ChatDelivery, delivery_id)
        if delivery is None or delivery.state != QUEUED:
            return delivery.state if delivery else None
        delivery.attempts += 1
        error = _post(delivery.channel, Message.from_json(delivery.message_json))
        _record(delivery, error)
        session.commit()
        state, retry_at = delivery.state, delivery.next_attempt_at
    if state == QUEUED and retry_at is not None:
        deliver.schedule((delivery_id,), delay=max((retry_at - clock.now()).total_seconds(), 0))
    return state


def _record(delivery: ChatDelivery, error: str | None) -> None:
    now = clock.now()
    if error is None:
        delivery.state, delivery.sent_at, delivery.next_attempt_at, delivery.last_error = SENT, now, None, ""
        return
    delivery.last_error = error[:1000]
    if delivery.attempts >= MAX_ATTEMPTS or not delivery.channel.active:
        delivery.state, delivery.next_attempt_at = FAILED, None
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
    log.warning("chat delivery %s to channel %s failed (attempt %s): %s", delivery.id, delivery.channel_id,
                delivery.attempts, error)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A webhook answers where it was asked; a redirect (perhaps to another scheme or host) is its failure."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _post(channel: ChatChannel, message: Message) -> str | None:
    """POST the message to the channel's service; the error, or None when the service took it."""
    if not channel.active:
        return "the channel is not active"
    try:
        secret = chat_secrets.reveal(channel.secret_stored)
    except chat_secrets.SecretUnavailable as error:
        return str(error)
    url, body, headers = chat_formats.request(channel.kind, channel.webhook_url, message, secret, clock.now())
    timeout = _timeout()
    try:
        with _OPENER.open(urllib.request.Request(url, body, headers, method="POST"), timeout=timeout) as response:
            return chat_formats.problem(channel.kind, response.status, response.read(65536))
    except urllib.error.HTTPError as error:
        return chat_formats.problem(channel.kind, error.code, error.read(65536))
    except (OSError, http.client.HTTPException, ValueError) as error:  # OSError: URLError, timeouts, resets
        return f"{type(error).__name__}: {getattr(error, 'reason', error)}"


def _timeout() -> float:
    """CXGOV_CHAT_TIMEOUT in seconds; a value nobody can read falls back to 5 rather than stopping the sending."""
    try:
        return min(max(float(current_app.config.get("CXGOV_CHAT_TIMEOUT") or 5), 0.5), 60.0)
    except (TypeError, ValueError):
        return 5.0


def retry_due(now=None) -> dict:
    """Attempt every queued delivery whose time has come (a sweep behind the queue's own schedule)."""
    now = now or clock.now()
    ids = list(db.session.scalars(sa.select(ChatDelivery.id).where(
        ChatDelivery.state == QUEUED,
        sa.or_(ChatDelivery.next_attempt_at <= now, ChatDelivery.next_attempt_at.is_(None)))))
    db.session.commit()  # the attempts run in their own sessions
    states = [attempt(delivery_id) for delivery_id in ids]
    return {"attempted": len(ids), "sent": states.count(SENT), "failed": states.count(FAILED)}


# --- the jobs ---
def week_key(day: date) -> str:
    """The digest's key: one per ISO week."""
    year, week, _weekday = day.isocalendar()
    return f"digest:{year}-W{week:02d}"


def post_digests(day: date | None = None) -> dict:
    """The weekly digests due on the day (each channel on its weekday, once a week); commits; the counts."""
    from cxgov.rhythm import gather

    day = day or clock.today()
    channels = list(db.session.scalars(sa.select(ChatChannel).where(
        ChatChannel.active.is_(True), ChatChannel.digest.is_(True), ChatChannel.digest_weekday == day.weekday())
        .order_by(ChatChannel.id)))
    counts = {"channels": len(channels), "queued": 0, "already": 0}
    figures = DigestFigures(day, gather.due_items(day)) if channels else None
    ids = []
    for channel in channels:
        ids += _queue_digest(channel, figures, counts)
    db.session.commit()
    states = db.session.scalars(sa.select(ChatDelivery.state).where(ChatDelivery.id.in_(ids))).all() if ids else []
    counts.update(sent=states.count(SENT), failed=states.count(FAILED))
    return counts


def _queue_digest(channel: ChatChannel, figures: DigestFigures, counts: dict) -> list[int]:
    key = week_key(figures.day)
    exists = sa.select(ChatDelivery.id).where(ChatDelivery.channel_id == channel.id, ChatDelivery.dedupe_key == key)
    if db.session.scalar(exists) is not None:
        counts["already"] += 1
        return []
    try:  # another runner may have posted it since: the unique key decides
        delivery = _in_savepoint(lambda: queue(channel, DIGEST, digest(channel, figures), dedupe_key=key))
    except IntegrityError:
        counts["already"] += 1
        return []
    counts["queued"] += 1
    return [delivery.id]


def _audience(event: str, **params) -> list[ChatChannel]:
    """The active channels that take events and concern this one (a cycle: the company and its departments)."""
    query = sa.select(ChatChannel).where(ChatChannel.active.is_(True), ChatChannel.events.is_(True))
    cycle = params.get("cycle")
    if cycle is not None:
        from cxgov.assessments.models import CycleDepartment

        taking_part = sa.select(CycleDepartment.department_id).where(CycleDepartment.cycle_id == cycle.id)
        query = query.where(sa.or_(ChatChannel.department_id.is_(None), ChatChannel.department_id.in_(taking_part)))
    return list(db.session.scalars(query.order_by(ChatChannel.id)))


def announce(event: str, **params) -> int:
    """Queue an event's message to every channel concerned (sent once the caller commits); how many."""
    if event not in EVENTS:
        raise ValueError(f"unknown chat event {event!r}")
    try:
        return _in_savepoint(lambda: [queue(channel, event, event_message(channel, event, **params))
                                      for channel in _audience(event, **params)]).__len__()
    except Exception:  # noqa: BLE001 - an announcement must never break the operation that triggered it
        log.exception("announcing %s to chat failed", event)
        return 0


__all__ = ["CYCLE_OPENED", "MINUTES_PUBLISHED", "RESULTS_PUBLISHED", "announce", "post_digests", "retry_due",
           "save_channel", "send_test", "set_active"]
