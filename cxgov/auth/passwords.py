"""The password policy: one check that every door setting a password goes through (via User.set_password).

A password is refused when it is shorter than MIN_PASSWORD, longer than MAX_PASSWORD, one of the 10,000 most common
passwords shipped in common_passwords.txt, the person's e-mail or name (or mostly made of them), or the password
they have now (on a change). Pure apart from reading the list once; wordings are in cxgov/auth/labels.py.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from cxgov.auth import labels  # noqa: F401 - the wordings of the codes below
from cxgov.rules import Invalid

MIN_PASSWORD = 10
MAX_PASSWORD = 200
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
# A part of the e-mail or name shorter than this may appear in a password by chance ("li", "an").
MIN_PART = 4


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, in lower case (its leading comment block skipped)."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    return frozenset(line.strip().lower() for line in lines[start:] if line.strip())


def _letters(text: str) -> str:
    """Lower case, without spaces or punctuation: 'Lena.Lead-1' and 'lena lead 1' compare equal."""
    return re.sub(r"[\W_]+", "", text.lower())


def _account_parts(email: str, name: str) -> set[str]:
    """The e-mail, its local part and its pieces, the name and its words: what a password must not be made of."""
    local = email.partition("@")[0]
    parts = {email, local, name, *re.split(r"[\W_]+", local), *name.split()}
    return {_letters(part) for part in parts if len(_letters(part)) >= MIN_PART}


def problem(password: str, email: str = "", name: str = "") -> str | None:
    """The rule a new password breaks (a code), or None when it may be used."""
    if len(password) < MIN_PASSWORD:
        return "password_too_short"
    if len(password) > MAX_PASSWORD:
        return "password_too_long"
    if password.strip().lower() in common_passwords() or _letters(password) in common_passwords():
        return "password_common"
    plain = _letters(password)
    for part in _account_parts(email or "", name or ""):
        # The whole password, or more than half of it, is the e-mail or the name: easy to guess for anyone.
        if part == plain or (part in plain and len(part) * 2 > len(plain)):
            return "password_like_account"
    return None


def check_new_password(password: str, user, changing: bool = False) -> None:
    """Raise Invalid({"password": code}) unless the password may become this user's.

    `changing`: the person (or the set-password command) replaces their password, which must then differ from
    the current one (a hash check, so only there, not for every row of an import).
    """
    code = problem(password, user.email or "", user.name or "")
    if code is None and changing and user.password_hash and user.check_password(password):
        code = "password_same_as_current"
    if code is not None:
        raise Invalid({"password": code}, n=MIN_PASSWORD, most=MAX_PASSWORD)


def problem_text(password: str, email: str, name: str) -> str | None:
    """The policy's refusal of a password in the reader's language, or None (for doors that list problems)."""
    from cxgov.rules import say

    code = problem(password, email, name)
    return say(code, {"n": MIN_PASSWORD, "most": MAX_PASSWORD}) if code else None
