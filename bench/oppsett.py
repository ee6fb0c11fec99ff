"""Shared start of the benchmarks: Django on a fresh database, migrated. With DATABASE_URL
(PostgreSQL) each run gets its own new database next to it (test_<name>, made again each time),
so the scripts of `make bench` never meet each other's data; without it, a new SQLite file."""

import os
import tempfile
from pathlib import Path


def start_django() -> None:
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    if not os.environ.get("DATABASE_URL"):
        settings.DATABASES["default"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    # No setup_test_environment(): it instruments every template render for the test client's
    # response.context, which production does not pay for.
    if connection.vendor == "postgresql":
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
