"""The database going away answers a Norwegian 503, and the application recovers by itself.

The faults are real (tests/databasebrudd.py) and the requests go through a real server
(``live_server``): Django's test client keeps one connection for the whole test and never returns
it to the pool, so it could not show that the next request after an outage succeeds by itself.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import path

from kjerne.tilgang import offentlig
from tests.databasebrudd import databasen_borte, hent

MELDING = "Tjenesten er midlertidig utilgjengelig"


@pytest.fixture
def innlogget_cookie(client, koordinator):
    """The session cookie of a logged-in user, for requests to the live server."""
    client.force_login(koordinator)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_the_database_going_away_gives_a_norwegian_503_and_the_app_recovers_by_itself(
    live_server, kommune, innlogget_cookie
):
    forside = live_server.url + "/"
    assert hent(forside)[0] == 200
    assert hent(live_server.url + "/min-side/", Cookie=innlogget_cookie)[0] == 200

    with databasen_borte():
        status, hoder, html = hent(forside)
        assert status == 503
        assert MELDING in html and "Prøv igjen om et minutt" in html
        assert "Traceback" not in html and "locked" not in html and "connection" not in html
        assert hoder["Retry-After"] == "60"
        assert "no-store" in hoder["Cache-Control"]
        # The view's error passed the rest of the middleware: its headers are there.
        assert "frame-ancestors" in hoder["Content-Security-Policy"]

        # Logged in, the session and user lookup in the middleware meets the outage first.
        status, hoder, html = hent(live_server.url + "/min-side/", Cookie=innlogget_cookie)
        assert status == 503 and MELDING in html and hoder["Retry-After"] == "60"
        assert "frame-ancestors" in hoder["Content-Security-Policy"]

        # An htmx request gets the message alone, to show in place.
        status, _, fragment = hent(forside, **{"HX-Request": "true"})
        assert status == 503
        assert "Prøv igjen om et minutt" in fragment and "<html" not in fragment

    # Nothing restarted: the very next requests are served again.
    assert hent(forside)[0] == 200
    status, _, html = hent(live_server.url + "/min-side/", Cookie=innlogget_cookie)
    assert status == 200 and "Min side" in html


def test_connections_the_server_dropped_are_replaced_without_a_failed_request(live_server, db):
    """With the pool, connections killed while idle are tried before use and replaced.

    On SQLite there is no pool and no server: each request opens the file anew, so the
    equivalent is that a lock released just now stands in the way of no request.
    """
    helse = live_server.url + "/helse/"
    assert hent(helse)[0] == 200
    with databasen_borte():
        pass  # every pooled connection is terminated; the database comes straight back
    for _ in range(5):
        assert hent(helse)[0] == 200


@offentlig
def _feil_sql(request):
    with connection.cursor() as cursor:
        cursor.execute("SELEC 1")  # a mistake in the code, not an outage


urlpatterns = [path("feil-sql/", _feil_sql)]
handler500 = "kjerne.views.serverfeil"


@pytest.mark.urls(__name__)
def test_a_mistake_in_sql_stays_a_500(db):
    """SQLite reports a syntax error as OperationalError too; it must not look like an outage."""
    svar = Client(raise_request_exception=False).get("/feil-sql/")
    assert svar.status_code == 500
    assert "Retry-After" not in svar
    assert "Noe gikk galt" in svar.content.decode()
