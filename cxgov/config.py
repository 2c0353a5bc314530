"""Configuration read from CXGOV_* environment variables."""
import os
import secrets
from datetime import timedelta
from pathlib import Path


def _env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_or_create_secret(instance_path: str) -> str:
    """Return the secret kept under instance/, creating it once if missing.

    A generated secret survives restarts so that sessions stay valid, and is
    never part of the code.
    """
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


class Config:
    """Settings for a normal run; every value can come from the environment."""

    def __init__(self) -> None:
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("CXGOV_DATABASE_URL")  # None: SQLite under instance/
        self.SECRET_KEY = os.environ.get("CXGOV_SECRET_KEY")  # None: generated under instance/
        # The address people open cxgov at: every absolute link (API answers, .ics files, e-mails) starts with it,
        # never with the Host header a request happens to carry (cxgov/urls.py).
        self.CXGOV_BASE_URL = os.environ.get("CXGOV_BASE_URL", "")
        # Served over HTTPS (https base URL, or said so): cookies only travel encrypted, and HSTS is sent.
        self.SESSION_COOKIE_SECURE = _env_bool("CXGOV_SECURE_COOKIES", self.CXGOV_BASE_URL.startswith("https://"))
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.SESSION_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.CXGOV_HSTS_SECONDS = int(os.environ.get("CXGOV_HSTS_SECONDS", str(365 * 24 * 3600)))
        # A sign-in lasts this long at most, remembered on the device or not (checked on the server too).
        self.PERMANENT_SESSION_LIFETIME = timedelta(hours=int(os.environ.get("CXGOV_SESSION_HOURS", "12")))
        self.REMEMBER_COOKIE_DURATION = self.PERMANENT_SESSION_LIFETIME
        # How many reverse proxies in front of cxgov set X-Forwarded-For/-Proto; 0: trust no such header.
        self.CXGOV_PROXY_COUNT = int(os.environ.get("CXGOV_PROXY_COUNT", "0"))
        self.BABEL_DEFAULT_LOCALE = os.environ.get("CXGOV_DEFAULT_LOCALE", "en")
        self.BABEL_DEFAULT_TIMEZONE = os.environ.get("CXGOV_TIMEZONE", "Asia/Shanghai")
        self.CXGOV_LOGIN_MAX_FAILURES = int(os.environ.get("CXGOV_LOGIN_MAX_FAILURES", "5"))
        self.CXGOV_LOGIN_LOCK_MINUTES = int(os.environ.get("CXGOV_LOGIN_LOCK_MINUTES", "15"))
        # Uploads (cxgov/uploads.py): data rows one import takes, the bytes of a file, what an .xlsx may unpack to
        # (in all, and each part at most this many times its packed size); longer imports run in the background.
        self.CXGOV_MAX_UPLOAD_ROWS = int(os.environ.get("CXGOV_MAX_UPLOAD_ROWS", "5000"))
        self.MAX_CONTENT_LENGTH = int(os.environ.get("CXGOV_MAX_UPLOAD_MB", "5")) * 1024 * 1024
        self.CXGOV_MAX_UNZIPPED_MB = int(os.environ.get("CXGOV_MAX_UNZIPPED_MB", "30"))
        self.CXGOV_MAX_ZIP_RATIO = int(os.environ.get("CXGOV_MAX_ZIP_RATIO", "100"))
        self.CXGOV_IMPORT_BACKGROUND_ROWS = int(os.environ.get("CXGOV_IMPORT_BACKGROUND_ROWS", "500"))
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.WTF_CSRF_TIME_LIMIT = None  # tied to the session instead of a clock
        # werkzeug hash method; scrypt by default, a cheaper salted hash keeps the test suite quick.
        self.CXGOV_PASSWORD_HASH = os.environ.get("CXGOV_PASSWORD_HASH", "scrypt")
        # Long work (publishing the annual report) goes to a Huey queue: SQLite under instance/ by default,
        # Redis when a URL is given; "immediate" runs tasks in the request instead (no consumer needed).
        self.CXGOV_TASKS_IMMEDIATE = _env_bool("CXGOV_TASKS_IMMEDIATE", False)
        self.CXGOV_REDIS_URL = os.environ.get("CXGOV_REDIS_URL")
        # Rate limits (cxgov/ratelimit.py), in the limits library's words ("20 per minute; 200 per hour"): sign-in
        # attempts per address, API requests per user. Counted in Redis when CXGOV_REDIS_URL is set (shared by every
        # instance), in each process's memory otherwise.
        self.RATELIMIT_ENABLED = _env_bool("CXGOV_RATELIMIT_ENABLED", True)
        self.CXGOV_RATELIMIT_SIGN_IN = os.environ.get("CXGOV_RATELIMIT_SIGN_IN", "20 per minute; 200 per hour")
        self.CXGOV_RATELIMIT_API = os.environ.get("CXGOV_RATELIMIT_API", "600 per minute; 10000 per hour")
        # E-mail reminders (cxgov/rhythm/mail.py). Kept as given: a malformed value is reported by the job that
        # sends, in words, instead of stopping the app from starting. Links in e-mails start with the base URL (above).
        # Seconds a chat service (DingTalk, Feishu, WeCom, a webhook) may take to answer before the attempt fails.
        self.CXGOV_CHAT_TIMEOUT = os.environ.get("CXGOV_CHAT_TIMEOUT", "5")  # read by chat.py; unreadable: 5
        self.CXGOV_SMTP_HOST = os.environ.get("CXGOV_SMTP_HOST", "")
        self.CXGOV_SMTP_PORT = os.environ.get("CXGOV_SMTP_PORT", "")  # empty: 25, 587 or 465 by security
        self.CXGOV_SMTP_USER = os.environ.get("CXGOV_SMTP_USER", "")
        self.CXGOV_SMTP_PASSWORD = os.environ.get("CXGOV_SMTP_PASSWORD", "")
        self.CXGOV_SMTP_FROM = os.environ.get("CXGOV_SMTP_FROM", "")
        self.CXGOV_SMTP_SECURITY = os.environ.get("CXGOV_SMTP_SECURITY", "starttls")  # none | starttls | ssl
        self.CXGOV_SMTP_TIMEOUT = os.environ.get("CXGOV_SMTP_TIMEOUT", "10")  # seconds


class TestConfig(Config):
    """Settings for the test suite: the database URL is given by the fixture."""

    __test__ = False  # not a pytest test class

    def __init__(self, database_url: str) -> None:
        super().__init__()
        self.TESTING = True
        self.SQLALCHEMY_DATABASE_URI = database_url
        self.SECRET_KEY = "test-only-" + secrets.token_hex(8)
        self.CXGOV_PASSWORD_HASH = "pbkdf2:sha256:1000"  # nosec B105  # a hashing method, not a password
        self.CXGOV_TASKS_IMMEDIATE = True  # the same task code, run in the request
        self.CXGOV_REDIS_URL = None  # tests that want Redis start one (tests/redisserver.py)
        # No rate limits (counting in memory starts a timer thread per request); tests/web/test_rate_limits.py and
        # the several-instances test turn them on in apps of their own.
        self.RATELIMIT_ENABLED = False
