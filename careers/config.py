"""Configuration: the only module that reads the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("CAREERS_INSTANCE_PATH", ROOT / "instance"))
REDIS_URL = os.environ.get("REDIS_URL", "")

# argon2id for passwords (careers/auth/passwords.py). OWASP's floor is m=19 MiB, t=2, p=1; we use 64 MiB
# and two passes (about 0.15 s a hash on a 2-core server). The ARGON2_* variables can only be meant to
# raise these in production; the test suite lowers them to stay fast.
ARGON2_PRODUCTION = {"time_cost": 2, "memory_cost": 65536, "parallelism": 1}


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the instance folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    INSTANCE.mkdir(parents=True, exist_ok=True)
    path = INSTANCE / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'careers.sqlite3'}"
    # Heroku-style URLs name the old driver; we use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def load() -> dict[str, Any]:
    """Settings for create_app, from the environment with safe defaults for a newcomer."""
    INSTANCE.mkdir(parents=True, exist_ok=True)
    return {
        "SECRET_KEY": _secret_key(),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "JOBS_PER_PAGE": int(os.environ.get("JOBS_PER_PAGE", "20")),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "REMEMBER_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "WTF_CSRF_TIME_LIMIT": None,
        # Meilisearch: empty MEILI_URL means no engine (the board searches with SQL and says so).
        "MEILI_URL": os.environ.get("MEILI_URL", ""),
        "MEILI_INDEX": os.environ.get("MEILI_INDEX", "jobs"),
        "MEILI_SEARCH_KEY": os.environ.get("MEILI_SEARCH_KEY", ""),
        "MEILI_INDEX_KEY": os.environ.get("MEILI_INDEX_KEY", ""),
        # Used only to create the two scoped keys above when they are not given.
        "MEILI_MASTER_KEY": os.environ.get("MEILI_MASTER_KEY", ""),
        "MEILI_MASTER_KEY_FILE": os.environ.get("MEILI_MASTER_KEY_FILE", str(INSTANCE / "meili" / "master.key")),
        "MEILI_TIMEOUT": float(os.environ.get("MEILI_TIMEOUT", "1.0")),
        "MEILI_INDEX_TIMEOUT": float(os.environ.get("MEILI_INDEX_TIMEOUT", "5.0")),
        "MEILI_PUSH_TIMEOUT": float(os.environ.get("MEILI_PUSH_TIMEOUT", "1.0")),
        "MEILI_BREAKER_SECONDS": float(os.environ.get("MEILI_BREAKER_SECONDS", "15")),
        "SEARCH_SYNC_ON_COMMIT": os.environ.get("SEARCH_SYNC_ON_COMMIT", "1") == "1",
        # Where links in mails point (mails rendered by the queue consumer have no request to ask).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", f"http://{os.environ.get('HOST', '127.0.0.1')}:"
                                                   f"{os.environ.get('PORT', '5000')}"),
        # Mail: SMTP to MAIL_URL (smtp://[user:pass@]host:port, smtps:// for implicit TLS,
        # ?starttls=1 for STARTTLS). `make run` starts a catcher on 127.0.0.1:8025 that saves to MAIL_DIR.
        "MAIL_URL": os.environ.get("MAIL_URL", "smtp://127.0.0.1:8025"),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "CodeCareers <no-reply@codecareers.example>"),
        "MAIL_DIR": os.environ.get("MAIL_DIR", str(INSTANCE / "mail")),
        # The queue (Huey): SQLite in the instance folder, Redis when REDIS_URL is set.
        "REDIS_URL": REDIS_URL,
        "QUEUE_SQLITE_PATH": os.environ.get("QUEUE_SQLITE_PATH", str(INSTANCE / "queue.sqlite3")),
        # Rate limits (Flask-Limiter): in memory for one process, Redis when REDIS_URL is set.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", REDIS_URL or "memory://"),
        "RATELIMIT_ENABLED": os.environ.get("RATELIMIT_ENABLED", "1") == "1",
        # Rates in Flask-Limiter's notation ("10 per 15 minutes; 50 per day"); careers/limits.py applies them.
        # Logins count failed attempts only; the others count every POST (the API: every request).
        "RATELIMIT_LOGIN_PER_ACCOUNT": os.environ.get("RATELIMIT_LOGIN_PER_ACCOUNT", "10 per 15 minutes"),
        "RATELIMIT_LOGIN_PER_ADDRESS": os.environ.get("RATELIMIT_LOGIN_PER_ADDRESS", "50 per 15 minutes"),
        "RATELIMIT_REGISTER_PER_ADDRESS": os.environ.get("RATELIMIT_REGISTER_PER_ADDRESS", "20 per hour"),
        "RATELIMIT_RESET_PER_ADDRESS": os.environ.get("RATELIMIT_RESET_PER_ADDRESS", "20 per hour"),
        "RATELIMIT_RESET_PER_EMAIL": os.environ.get("RATELIMIT_RESET_PER_EMAIL", "5 per hour"),
        "RATELIMIT_APPLY_PER_USER": os.environ.get("RATELIMIT_APPLY_PER_USER", "30 per hour; 100 per day"),
        "RATELIMIT_API_PER_ADDRESS": os.environ.get("RATELIMIT_API_PER_ADDRESS", "120 per minute"),
        # Reverse proxies in front of the app (0: none). Only then is X-Forwarded-For believed, for that many hops.
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        # Accounts: password hashing (see ARGON2_PRODUCTION) and how long each signed link in a mail lives.
        "ARGON2_TIME_COST": int(os.environ.get("ARGON2_TIME_COST", ARGON2_PRODUCTION["time_cost"])),
        "ARGON2_MEMORY_COST": int(os.environ.get("ARGON2_MEMORY_COST", ARGON2_PRODUCTION["memory_cost"])),  # KiB
        "ARGON2_PARALLELISM": int(os.environ.get("ARGON2_PARALLELISM", ARGON2_PRODUCTION["parallelism"])),
        "EMAIL_VERIFY_MAX_AGE": int(os.environ.get("EMAIL_VERIFY_MAX_AGE", str(3 * 24 * 3600))),
        "EMAIL_CHANGE_MAX_AGE": int(os.environ.get("EMAIL_CHANGE_MAX_AGE", str(24 * 3600))),
        "PASSWORD_RESET_MAX_AGE": int(os.environ.get("PASSWORD_RESET_MAX_AGE", "3600")),
        # Remember-me lasts 30 days (Flask-Login's default is a year); a password change or a logout
        # ends it sooner (the cookie names the account's session token, see careers/auth/models.py).
        "REMEMBER_COOKIE_DURATION": 30 * 24 * 3600,
    }
