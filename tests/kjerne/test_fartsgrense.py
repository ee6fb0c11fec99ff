"""Rate limits on login, search, the municipality picker and avvik registration."""

import os

import pytest

from sikkerhet.models import Sikkerhetshendelse
from tests.sikkerhet.hjelp import klokke


@pytest.fixture
def lave_grenser(settings):
    settings.FARTSGRENSER = {
        "innlogging": (3, 300),
        "sok": (3, 60),
        "kommuneforslag": (3, 60),
        "avviksregistrering": (3, 3600),
    }


def test_search_is_limited_per_address_and_opens_again(client, lave_grenser, db):
    with klokke():
        for _ in range(3):
            assert client.get("/sok/", {"q": "utskrivning"}).status_code == 200
        svar = client.get("/sok/", {"q": "utskrivning"})
        assert svar.status_code == 429
        assert svar["Retry-After"] == "60"
        assert "veldig mange forespørsler" in svar.content.decode()
        # Another address is not held back.
        assert client.get("/sok/", {"q": "x"}, REMOTE_ADDR="10.0.0.9").status_code == 200
        # Search-as-you-type gets the message in place of the results, not a whole page.
        delvis = client.get("/sok/", {"q": "x"}, headers={"HX-Request": "true"})
        assert delvis.status_code == 429 and b"<html" not in delvis.content
    with klokke(61):
        assert client.get("/sok/", {"q": "utskrivning"}).status_code == 200
    hendelse = Sikkerhetshendelse.objects.latest("pk")
    assert (hendelse.type, hendelse.beskrivelse, hendelse.ip) == (
        "for_mange_foresporsler",
        "sok",
        "127.0.0.1",
    )


def test_the_municipality_picker_is_limited(client, lave_grenser, kommune):
    with klokke():
        koder = [client.get("/kommuner/forslag/", {"q": "Test"}).status_code for _ in range(4)]
    assert koder == [200, 200, 200, 429]


def test_login_attempts_are_limited_per_address_across_user_names(client, lave_grenser, db):
    with klokke():
        for n in range(3):
            svar = client.post("/logg-inn/", {"username": f"x{n}@example.no", "password": "x"})
            assert svar.status_code == 200
        assert (
            client.post("/logg-inn/", {"username": "x9@example.no", "password": "x"}).status_code
            == 429
        )
        # Showing the login page is not limited.
        assert client.get("/logg-inn/").status_code == 200


def test_avvik_registration_is_limited_per_user(client, lave_grenser, ansatt, annen_kommune):
    client.force_login(ansatt)
    with klokke():
        for _ in range(3):
            assert client.post("/avvik/ny/", {"beskrivelse": "x"}).status_code == 400
        assert client.post("/avvik/ny/", {"beskrivelse": "x"}).status_code == 429
        # The form itself still opens.
        assert client.get("/avvik/ny/").status_code == 200


REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_cache(settings):
    """The shared cache production uses with several workers: Redis, as it runs here."""
    import redis

    klient = redis.Redis.from_url(REDIS)
    try:
        klient.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("Ingen Redis på 127.0.0.1:6379")
    klient.flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    }
    yield klient
    klient.flushdb()


def test_with_redis_the_count_is_shared_by_every_worker(client, lave_grenser, redis_cache, db):
    with klokke():
        for _ in range(2):
            assert client.get("/sok/", {"q": "x"}).status_code == 200
        # Another worker is another process with its own connection: it sees the same count.
        (nokkel,) = redis_cache.keys("*fartsgrense:sok:*")
        assert int(redis_cache.get(nokkel)) == 2
        redis_cache.incr(nokkel)
        assert client.get("/sok/", {"q": "x"}).status_code == 429


def test_a_flood_is_logged_once_per_window_not_once_per_request(client, lave_grenser, db):
    with klokke():
        for _ in range(20):
            client.get("/sok/", {"q": "x"})
    assert Sikkerhetshendelse.objects.filter(type="for_mange_foresporsler").count() == 1
