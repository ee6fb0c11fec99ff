"""Test settings: the real settings module, with what tests need to be fast and strict."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-only-for-the-test-suite-" + "x" * 20)
os.environ.setdefault("DJANGO_DEBUG", "0")

from config.settings import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests speak plain HTTP to the test client and the live server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files straight from the finders (no collectstatic before tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# On SQLite, test against a file in WAL mode like production: an in-memory database
# shared between threads reports "table is locked" instead of waiting for the writer.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"samhandling-test-{os.getpid()}.sqlite3")
    }

# Two-factor login is required for the roles in production; here only the tests of that
# requirement turn it on, so the rest can log users in with force_login.
TOFAKTOR_PAKREVD = False
