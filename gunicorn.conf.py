"""gunicorn reads this file from the working directory. The worker count comes from
WEB_CONCURRENCY (gunicorn's own variable; the Dockerfile sets 3) or --workers."""

import os


def on_starting(server):
    """Refuse to start several workers that would each count the rate limits for themselves."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from kjerne.sjekker import delt_cache_mangler

    if grunn := delt_cache_mangler(server.cfg.workers):
        raise SystemExit(f"Starter ikke: {grunn}")
