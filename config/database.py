"""The database configuration: SQLite in WAL mode by default, PostgreSQL from DATABASE_URL."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
# the start of a transaction, so two writers queue instead of failing half-way.
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"


def database_config(url: str, sqlite_path: Path) -> dict:
    """Return Django's DATABASES["default"] for the given URL (empty: the embedded SQLite)."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(sqlite_path),
            "OPTIONS": {
                "init_command": SQLITE_INIT,
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    try:
        config = dj_database_url.parse(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://…)")
    # psycopg 3's pool keeps connections open between requests; it cannot be
    # combined with CONN_MAX_AGE, which must stay 0.
    config["CONN_MAX_AGE"] = 0
    # With the pool, Django turns this into the pool's check=ConnectionPool.check_connection:
    # a connection is tried (an empty query) before it is handed out, and one the server
    # dropped is replaced. Without it, after a database restart every pooled connection
    # would fail one request before the pool noticed.
    config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 10, "timeout": 10}
    return config
