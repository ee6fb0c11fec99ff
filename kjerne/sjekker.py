"""System checks for production (`manage.py check --deploy`) and gunicorn's start
(gunicorn.conf.py): the rate limits must be counted in one place for every worker."""

from django.conf import settings
from django.core import checks

# Caches each process keeps for itself: with several workers each counts its own rate limit.
PER_PROSESS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def cache_per_prosess() -> bool:
    return settings.CACHES["default"]["BACKEND"] in PER_PROSESS


def delt_cache_mangler(arbeidere: int) -> str | None:
    """Why these many workers cannot run with this cache, or None if they can."""
    if arbeidere > 1 and cache_per_prosess():
        return (
            f"{arbeidere} arbeidsprosesser med en cache per prosess "
            f"({settings.CACHES['default']['BACKEND']}): hver prosess ville telt "
            "fartsgrensene for seg, så en angriper fikk flere forsøk. Sett DJANGO_REDIS_URL "
            "(delt cache), eller kjør én arbeidsprosess (WEB_CONCURRENCY=1)."
        )
    return None


@checks.register(checks.Tags.security, deploy=True)
def delt_cache_for_fartsgrenser(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    grunn = delt_cache_mangler(settings.ARBEIDERE)
    return [checks.Error(grunn, id="kjerne.E001")] if grunn else []
