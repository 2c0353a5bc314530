"""Every write on API tokens; the caller commits."""
import hashlib
import secrets
from datetime import timedelta

from cxgov.api.tokens import ApiToken
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow

TOKEN_PREFIX = "cxg_"  # nosec B105  # the visible prefix of every token, not a secret
PREFIX_LENGTH = 8
# Recording every single call would make each API read a write; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_token(plain: str) -> str:
    """The stored form of a token: SHA-256, hex (the token is random, so no salt is needed)."""
    return hashlib.sha256(plain.encode()).hexdigest()


def new_plain_token() -> str:
    """A fresh random token, recognisable by its prefix."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for the user; returns the row and the plain token to show once."""
    plain = new_plain_token()
    token = ApiToken(user_id=user.id, name=name.strip(), token_hash=hash_token(plain), prefix=plain[:PREFIX_LENGTH])
    db.session.add(token)
    db.session.flush()
    return token, plain


def revoke_token(token: ApiToken) -> None:
    """Revoke a token; it stops working at once and stays listed."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    db.session.flush()


def find_token(plain: str) -> ApiToken | None:
    """The token row whose hash matches, revoked or not."""
    return db.session.scalar(db.select(ApiToken).where(ApiToken.token_hash == hash_token(plain)))


def note_use(token: ApiToken) -> bool:
    """Remember when the token was last used; True when that changed the row."""
    now = utcnow()
    if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
        return False
    token.last_used_at = now
    db.session.flush()
    return True


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first, revoked ones included."""
    return list(db.session.scalars(
        db.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ))
