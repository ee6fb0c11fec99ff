"""Shared start of the benchmarks: Django on DATABASE_URL (or a fresh SQLite file), migrated."""

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

    # No setup_test_environment(): it instruments every template render for the test client's
    # response.context, which production does not pay for.
    call_command("migrate", verbosity=0)
