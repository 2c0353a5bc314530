"""Chat secrets at rest: encrypted with a key derived from the app's SECRET_KEY, or a reference to the environment.

Stored forms: "" (no secret), "env:NAME" (read from the environment variable NAME when sending, never stored
here) and "fernet:<token>" (Fernet, the key derived from SECRET_KEY by HKDF). A page shows only which form a
channel uses, never the secret.
"""
from __future__ import annotations

import base64
import os
import re

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

ENV_NAME = re.compile(r"CXGOV_CHAT_[A-Z0-9_]{1,80}")  # only chat secrets: never SECRET_KEY or a password
ENV_PREFIX, FERNET_PREFIX = "env:", "fernet:"


class SecretUnavailable(Exception):
    """The secret cannot be read: its environment variable is unset, or SECRET_KEY changed since it was stored."""


def _fernet() -> Fernet:
    """The cipher of this installation (the same SECRET_KEY gives the same key)."""
    secret_key = str(current_app.config["SECRET_KEY"]).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cxgov chat secrets").derive(secret_key)
    return Fernet(base64.urlsafe_b64encode(key))


def is_reference(value: str) -> bool:
    """True when the value names an environment variable ("env:NAME")."""
    return value.startswith(ENV_PREFIX)


def valid_reference(value: str) -> bool:
    """An "env:NAME" naming a chat secret (CXGOV_CHAT_…): the app's other secrets are never lent to a webhook,
    whose signature would let them be guessed offline."""
    return bool(ENV_NAME.fullmatch(value[len(ENV_PREFIX):]))


def store(value: str) -> str:
    """What the database keeps for a secret typed in a form."""
    value = value.strip()
    if not value or is_reference(value):
        return value
    return FERNET_PREFIX + _fernet().encrypt(value.encode()).decode()


def reveal(stored: str) -> str:
    """The secret itself, to sign a message with."""
    if not stored:
        return ""
    if is_reference(stored):
        name = stored[len(ENV_PREFIX):]
        if name not in os.environ:
            raise SecretUnavailable(f"the environment variable {name} is not set")
        return os.environ[name]
    try:
        return _fernet().decrypt(stored.removeprefix(FERNET_PREFIX).encode()).decode()
    except InvalidToken:
        raise SecretUnavailable("the stored secret cannot be decrypted (SECRET_KEY changed?); enter it again") \
            from None


def kind_of(stored: str) -> str:
    """none, env or encrypted: what a page may say about a secret."""
    if not stored:
        return "none"
    return "env" if is_reference(stored) else "encrypted"
