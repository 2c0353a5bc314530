"""E-mail digests: what is due for each person, sent once a day (or week) in their language.

`send_digests(day)` is the job the scheduler and the CLI run. It reads the due items (cxgov.rhythm.gather, the
same answer as the inbox), leaves out what the person snoozed, keeps the kinds they chose on the days their
preference allows, and sends one multipart message (plain text and HTML) per person. Each message is claimed in
the sent-log before it leaves (cxgov.rhythm.mail_log), so a second run, or two runs at once, send nothing twice.
Settings or a server that make sending impossible raise `MailError` before anything is claimed; one recipient's
failure is counted.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from cxgov import clock
from cxgov.extensions import db
from cxgov.i18n import SUPPORTED_LOCALES, organisation_default_locale
from cxgov.rhythm import gather, inbox, labels, mail_log
from cxgov.rhythm import mail_labels as _wordings  # noqa: F401 - registers the refusals' wordings
from cxgov.rhythm.due import Item
from cxgov.rhythm.inbox_models import Snooze
from cxgov.rhythm.mail_models import DIGEST, MailPreference, allows, digest_key, wanted
from cxgov.rhythm.mail_transport import DeliveryFailed, Mailer, MailError, SmtpSettings, read_settings

__all__ = ["MailError", "send_digests", "settings", "compose"]


@dataclass(frozen=True)
class Recipient:
    """Who a message goes to, read once (the run commits after each message)."""

    id: int
    name: str
    email: str
    locale: str


def settings() -> SmtpSettings:
    """The app's checked e-mail settings (MailError when one is wrong)."""
    return read_settings(current_app.config)


def recipient(user) -> Recipient:
    """A user as a recipient, in their language or else the organisation's."""
    locale = user.locale if user.locale in SUPPORTED_LOCALES else organisation_default_locale()
    return Recipient(id=user.id, name=user.name, email=user.email, locale=locale)


def absolute_url(base_url: str, endpoint: str, values: dict | None = None) -> str:
    """The page's address under the configured base URL (never the Host of whatever request is running)."""
    parts = urlsplit(base_url)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values or {}, force_external=True)


def _rows(items: list[Item], day: date, base_url: str) -> list[dict]:
    """What the templates show of each item, worded in the current locale."""
    return [{"text": labels.describe(item), "deadline": labels.deadline_text(item, day),
             "urgency": item.urgency, "urgency_label": str(labels.URGENCY_LABELS[item.urgency]),
             "kind_label": str(labels.KIND_LABELS[item.kind]),
             "url": absolute_url(base_url, item.endpoint, item.url_args)} for item in items]


def _render(template: str, context: dict) -> str:
    """A template rendered without a request (the job runs from the scheduler and the CLI too)."""
    return current_app.jinja_env.get_template(template).render(**context)


def _links(base_url: str) -> dict[str, str]:
    links = {"preferences": absolute_url(base_url, "rhythm.reminders"), "home": absolute_url(base_url, "main.home")}
    if "rhythm.inbox_page" in current_app.view_functions:
        links["inbox"] = absolute_url(base_url, "rhythm.inbox_page")
    return links


def compose(to: Recipient, items: list[Item], day: date, config: SmtpSettings, subject: str | None = None,
            intro: str | None = None) -> EmailMessage:
    """One message to one person: their items in their language, as plain text and HTML."""
    with force_locale(to.locale):
        subject = subject or ngettext("%(num)d thing is waiting for you in cxgov",
                                      "%(num)d things are waiting for you in cxgov", len(items))
        context = {"name": to.name, "items": _rows(items, day, config.base_url), "day": day,
                   "intro": intro or _("Here is what is waiting for you today."), "subject": subject,
                   "links": _links(config.base_url), "lang": "zh-CN" if to.locale.startswith("zh") else "en"}
        text, html = _render("rhythm/email/digest.txt", context), _render("rhythm/email/digest.html", context)
    message = EmailMessage()
    message["Subject"] = _one_line(subject)
    message["From"] = config.sender
    message["To"] = formataddr((_one_line(to.name), to.email))
    message["Date"] = formatdate(clock.now().timestamp(), usegmt=True)
    message["Message-ID"] = make_msgid(domain=urlsplit(config.base_url).hostname or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office replies stay quiet
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    message["Content-Language"] = context["lang"]  # after the parts: set_content drops Content-* headers
    return message


def _one_line(text: str) -> str:
    """A header value from typed text (a name, a cycle's title): a line break would make the message unsendable."""
    return " ".join(str(text).split())


def _plan(day: date) -> tuple[list[tuple[Recipient, list[Item]]], Counter]:
    """Who gets a digest today and with what; the others counted."""
    from cxgov.auth.models import User

    due = gather.due_items(day)
    counts = Counter(sent=0, skipped=0, failed=0, not_wanted=0, people=0)
    if not due:
        return [], counts
    users = db.session.scalars(sa.select(User).where(User.id.in_(due), User.active.is_(True)).order_by(User.id))
    prefs = {p.user_id: p for p in db.session.scalars(
        sa.select(MailPreference).where(MailPreference.user_id.in_(due)))}
    done = mail_log.keys_done(day, f"{DIGEST}:")
    snoozed = _snoozes(list(due))
    plan = []
    for user in users:
        counts["people"] += 1
        pref = prefs.get(user.id)
        shown = inbox.split(due[user.id], snoozed.get(user.id, {}), day)[0]  # what their inbox shows today
        items = wanted(shown, pref.kinds if pref else ())
        if not items or (pref and not allows(pref.frequency, pref.weekday, day)):
            counts["not_wanted"] += 1
        elif digest_key(user.id) in done:
            counts["skipped"] += 1
        else:
            plan.append((recipient(user), items))
    return plan, counts


def _snoozes(user_ids: list[int]) -> dict[int, dict[str, date]]:
    """Everyone's snoozes in one query: user → {item key: until}."""
    found: dict[int, dict[str, date]] = defaultdict(dict)
    for user_id, key, until in db.session.execute(
            sa.select(Snooze.user_id, Snooze.item_key, Snooze.until).where(Snooze.user_id.in_(user_ids))):
        found[user_id][key] = until
    return found


def send_digests(day: date | None = None) -> dict[str, int]:
    """Send today's digests once: {"sent", "skipped" (already sent), "failed", "not_wanted", "people"}.

    Raises MailError (settings, server) before anything is sent or recorded.
    """
    day = day or clock.today()
    config = settings()
    plan, counts = _plan(day)
    if not plan:
        return dict(counts)
    with Mailer(config) as mailer:
        for to, items in plan:
            counts[_send_one(mailer, config, to, items, day)] += 1
    return dict(counts)


def _send_one(mailer: Mailer, config: SmtpSettings, to: Recipient, items: list[Item], day: date) -> str:
    """Claim, send and record one digest; committed at once so that other senders see it."""
    try:
        message = compose(to, items, day, config)
    except Exception:  # a fault in one person's digest must not keep everyone else's from going out
        current_app.logger.exception("The e-mail digest of user %s could not be composed", to.id)
        return "failed"
    row = mail_log.claim(day, digest_key(to.id), DIGEST, user_id=to.id, items=len(items))
    db.session.commit()
    if row is None:
        return "skipped"
    try:
        mailer.send(message)
    except DeliveryFailed as error:
        mail_log.mark_failed(row, str(error))
        outcome = "failed"
    else:
        mail_log.mark_sent(row)
        outcome = "sent"
    db.session.commit()
    return outcome
