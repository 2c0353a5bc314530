"""The way out for e-mail: the CXGOV_SMTP_* settings, read and checked, and one SMTP connection per run.

Everything that can go wrong before a message leaves (a setting that makes no sense, a server that cannot be
reached or refuses to sign in) raises `MailError`: a refusal with a code and its values, worded in the reader's
language by cxgov.rules at the edge, and readable in plain English as `str(error)` in a log. A message that one
recipient's server refuses is the caller's to count (`Mailer.send` raises `DeliveryFailed`), never the run's end.
"""
from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import urlsplit

from cxgov.rules import Refusal

SECURITIES = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}

# English wordings for logs (the translated ones are registered in mail_labels).
_PLAIN = {
    "mail_not_configured": "E-mail is not set up: CXGOV_SMTP_HOST is empty.",
    "mail_setting": "The e-mail setting %(name)s is %(value)r; expected %(expected)s.",
    "mail_unreachable": "The mail server %(server)s could not be reached: %(reason)s",
    "mail_login": "The mail server %(server)s refused to sign in as %(user)s: %(reason)s",
}


class MailError(Refusal):
    """E-mail cannot be sent at all: the settings or the server. One clear message, never a traceback."""

    def __str__(self) -> str:
        return _PLAIN.get(self.code, self.code) % self.params


class DeliveryFailed(Exception):
    """One message was not accepted (that recipient is counted as failed; the run goes on)."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str
    security: str
    timeout: float
    base_url: str

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def _bad(name: str, value, expected: str) -> MailError:
    return MailError("mail_setting", name=name, value=str(value), expected=expected)


def _number(config: Mapping, name: str, default, cast, low, high, expected: str):
    raw = str(config.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = cast(raw)
    except ValueError:
        raise _bad(name, raw, expected) from None
    if not low <= value <= high:
        raise _bad(name, raw, expected)
    return value


def _address(config: Mapping, name: str) -> str:
    raw = str(config.get(name) or "").strip()
    _display, address = parseaddr(raw)
    if not raw or "@" not in address or any(c in raw for c in "\r\n"):
        raise _bad(name, raw, "an e-mail address such as cxgov@example.com or 'cxgov <cxgov@example.com>'")
    return raw


def _base_url(config: Mapping) -> str:
    raw = str(config.get("CXGOV_BASE_URL") or "").strip()
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise _bad("CXGOV_BASE_URL", raw, "the address people open cxgov at, such as https://cxgov.example.com")
    return raw.rstrip("/")


def read_settings(config: Mapping) -> SmtpSettings:
    """The checked settings from the app's config; MailError names the first one that is wrong."""
    host = str(config.get("CXGOV_SMTP_HOST") or "").strip()
    if not host:
        raise MailError("mail_not_configured")
    security = str(config.get("CXGOV_SMTP_SECURITY") or "starttls").strip().lower()
    if security not in SECURITIES:
        raise _bad("CXGOV_SMTP_SECURITY", security, "none, starttls or ssl")
    port = _number(config, "CXGOV_SMTP_PORT", DEFAULT_PORTS[security], int, 1, 65535, "a port from 1 to 65535")
    timeout = _number(config, "CXGOV_SMTP_TIMEOUT", 10.0, float, 0.1, 300, "seconds, from 0.1 to 300")
    user = str(config.get("CXGOV_SMTP_USER") or "").strip()
    password = str(config.get("CXGOV_SMTP_PASSWORD") or "")
    if bool(user) != bool(password):
        raise _bad("CXGOV_SMTP_PASSWORD" if user else "CXGOV_SMTP_USER", "…" if user else "",
                   "a user and a password together, or neither")
    return SmtpSettings(host=host, port=port, user=user, password=password,
                        sender=_address(config, "CXGOV_SMTP_FROM"), security=security, timeout=timeout,
                        base_url=_base_url(config))


def _reason(error: BaseException) -> str:
    """A short, single-line reason from an exception."""
    if isinstance(error, smtplib.SMTPResponseException):
        detail = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {detail}".strip()[:200]
    text = str(error) or type(error).__name__
    return " ".join(text.split())[:200]


class Mailer:
    """One SMTP session for a run: `with Mailer(settings) as mailer: mailer.send(message)`."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        self._connect()
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _connect(self) -> None:
        s = self.settings
        try:
            if s.security == "ssl":
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        except (OSError, smtplib.SMTPException) as error:
            raise MailError("mail_unreachable", server=s.server, reason=_reason(error)) from None
        try:
            if s.user:
                smtp.login(s.user, s.password)
        except (OSError, smtplib.SMTPException) as error:
            _quit(smtp)
            raise MailError("mail_login", server=s.server, user=s.user, reason=_reason(error)) from None
        self._smtp = smtp

    def _close(self) -> None:
        if self._smtp is not None:
            _quit(self._smtp)
            self._smtp = None

    def send(self, message: EmailMessage) -> None:
        """Hand one message to the server; DeliveryFailed when it is not accepted (a lost connection is
        reopened for the next message)."""
        try:
            if self._smtp is None:
                self._connect()
            self._smtp.send_message(message)
        except MailError as error:
            raise DeliveryFailed(str(error)) from None
        except smtplib.SMTPRecipientsRefused as error:
            refused = next(iter(error.recipients.values()), (0, b""))
            raise DeliveryFailed(f"{refused[0]} {refused[1].decode(errors='replace')}"[:200]) from None
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self._smtp = None
            raise DeliveryFailed(_reason(error)) from None
        except smtplib.SMTPException as error:
            raise DeliveryFailed(_reason(error)) from None


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye; a server already gone needs no goodbye."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
