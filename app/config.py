"""Configuration classes, driven by the environment.

DATABASE_URL          main database (default: SQLite file in instance/)
PRACTICE_DATABASE_URL practice bind (default: a second SQLite file, or a `practice`
                      schema in the same PostgreSQL database)
REDIS_URL             optional: Celery broker and shared rate-limit storage
TRUSTED_PROXIES       how many reverse proxies set X-Forwarded-For (default 0: none trusted)
SECRET_KEY            required (>= 32 bytes) in production; generated once under
                      instance/ in development
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))


def _sqlite_url(name: str) -> str:
    return f"sqlite:///{INSTANCE_DIR / name}"


def practice_url_for(main_url: str) -> str:
    """The practice bind lives apart: its own SQLite file, or its own PostgreSQL schema."""
    if main_url.startswith("postgresql"):
        sep = "&" if "?" in main_url else "?"
        return f"{main_url}{sep}options=-csearch_path%3Dpractice"
    if main_url.startswith("sqlite:///") and main_url.endswith(".db"):
        return main_url[:-3] + "-practice.db"
    return _sqlite_url("practice.db")


def normalize_db_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def development_secret_key() -> str:
    """Generate a secret once and keep it under instance/ (never in the repo)."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


class Config:
    TESTING = False

    def __init__(self) -> None:
        main = os.environ.get("DATABASE_URL") or _sqlite_url("service_academy.db")
        practice = os.environ.get("PRACTICE_DATABASE_URL") or practice_url_for(main)
        self.SQLALCHEMY_DATABASE_URI = normalize_db_url(main)
        self.SQLALCHEMY_BINDS = {"practice": normalize_db_url(practice)}
        self.REDIS_URL = os.environ.get("REDIS_URL") or None
        # Number of reverse proxies in front of the app whose X-Forwarded-* we trust.
        self.TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
        # Webhooks go to public addresses only unless this is set (an ATS on your network).
        self.WEBHOOK_ALLOW_PRIVATE_NETWORKS = os.environ.get(
            "WEBHOOK_ALLOW_PRIVATE_NETWORKS", "") in ("1", "true", "yes")
        # Mail: with no MAIL_SERVER each message is written to MAIL_OUTBOX_DIR (see app.mail).
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
        self.MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
        self.MAIL_USE_TLS = _flag("MAIL_USE_TLS")
        self.MAIL_USE_SSL = _flag("MAIL_USE_SSL")
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
        self.MAIL_DEFAULT_SENDER = os.environ.get(
            "MAIL_DEFAULT_SENDER", "Service Academy <no-reply@serviceacademy.test>")
        self.MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "10"))
        self.MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR") or str(INSTANCE_DIR / "outbox")
        self.ORGANIZATION_NAME = os.environ.get("ORGANIZATION_NAME", "Service Academy")
        self.REMINDER_HOURS_BEFORE_EXPIRY = int(os.environ.get("REMINDER_HOURS_BEFORE_EXPIRY",
                                                               "48"))
        # Links in e-mails sent outside a request (timer jobs), e.g. https://academy.example.
        self.PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
        # Simulated seconds per wall second on top of a practice profile's own speed
        # (demos and browser tests run a 10-minute live shift faster).
        self.PRACTICE_TIME_FACTOR = float(os.environ.get("PRACTICE_TIME_FACTOR", "1"))
    # The longest sitting is 25 min x 2.0 accommodation + grace: sessions outlive it.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    # The server-side login session expires 8 h after sign-in whatever the cookie says,
    # so re-signing the cookie on every request (every autosave) would buy nothing.
    SESSION_REFRESH_EACH_REQUEST = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # a CSRF token is valid for the whole session
    WTF_CSRF_SSL_STRICT = True
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    CONTENT_ROOT = str(BASE_DIR)
    LOGIN_RATE_LIMIT = "5 per minute"
    ACCOUNT_LOGIN_RATE_LIMIT = "10 per 15 minutes"
    RATELIMIT_HEADERS_ENABLED = True
    # If Redis goes away, keep serving (candidates must still be able to save) and fall
    # back to per-process limits until it is back.
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    CANDIDATE_DATA_RETENTION_DAYS = int(os.environ.get("CANDIDATE_DATA_RETENTION_DAYS", "180"))
    INVITATION_VALID_DAYS = 14
    # Autosave checks the assessment content for a `flask content load` at most this often.
    CATALOG_RECHECK_SECONDS = 5.0

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802 - Flask config key
        return os.environ.get("SECRET_KEY") or development_secret_key()


class DevelopmentConfig(Config):
    DEBUG = False


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789"  # noqa: S105
    RATELIMIT_ENABLED = True
    PASSWORD_HASH_FAST = True
    CATALOG_RECHECK_SECONDS = 0.0

    def __init__(self) -> None:
        super().__init__()
        self.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True  # the tests' receivers run on 127.0.0.1


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802 - Flask config key
        key = os.environ.get("SECRET_KEY", "")
        if len(key.encode()) < 32:
            raise RuntimeError("SECRET_KEY must be set to at least 32 random bytes in production")
        return key


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
