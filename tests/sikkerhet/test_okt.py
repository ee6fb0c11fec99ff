"""Sessions end after inactivity and after a fixed lifetime; a user can end them all; nothing
behind a login is cached."""

import pytest
from django.test import Client

from sikkerhet.models import Sikkerhetshendelse
from tests.factories import PASSORD
from tests.sikkerhet.hjelp import klokke

MINUTT = 60


def _logg_inn(client, user):
    assert (
        client.post("/logg-inn/", {"username": user.email, "password": PASSORD}).status_code == 302
    )


def test_inactivity_logs_out_after_30_minutes(client, ansatt):
    with klokke():
        _logg_inn(client, ansatt)
    with klokke(29 * MINUTT):
        assert client.get("/min-side/").status_code == 200
    # 29 minutes after that request, not after login: activity counts.
    with klokke(58 * MINUTT):
        assert client.get("/min-side/").status_code == 200
    with klokke(88 * MINUTT + 1):
        svar = client.get("/min-side/", follow=True)
    assert svar.redirect_chain[-1][0].startswith("/logg-inn/")
    assert "ikke hadde gjort noe på en stund" in svar.content.decode()
    hendelse = Sikkerhetshendelse.objects.filter(bruker=ansatt).latest("pk")
    assert (hendelse.type, hendelse.beskrivelse) == ("okt_utlopt", "inaktiv")


def test_the_absolute_lifetime_ends_even_a_busy_session(client, ansatt):
    with klokke():
        _logg_inn(client, ansatt)
    for kvarter in range(1, 12 * 4 + 1):
        with klokke(kvarter * 15 * MINUTT):
            assert client.get("/min-side/").status_code == 200
    with klokke(12 * 60 * MINUTT + 15 * MINUTT):
        svar = client.get("/min-side/", follow=True)
    assert "vært innlogget lenge" in svar.content.decode()


def test_the_times_are_configurable(client, ansatt, settings):
    settings.OKT_INAKTIV_SEKUNDER = 5 * MINUTT
    with klokke():
        _logg_inn(client, ansatt)
    with klokke(6 * MINUTT):
        assert client.get("/min-side/").status_code == 302


def test_continue_keeps_the_session_and_asking_does_not(client, ansatt):
    with klokke():
        _logg_inn(client, ansatt)
    with klokke(28 * MINUTT):
        # The warning asks how long is left: that is not activity.
        assert client.get("/okt/forleng/").json() == {"sekunder": 2 * MINUTT}
    with klokke(29 * MINUTT):
        # «Fortsett» is.
        assert client.post("/okt/forleng/").json() == {"sekunder": 30 * MINUTT}
    with klokke(50 * MINUTT):
        assert client.get("/min-side/").status_code == 200


def test_the_warning_is_on_every_page_for_logged_in_users(client, ansatt):
    assert b'id="okt-varsel"' not in client.get("/").content
    client.force_login(ansatt)
    side = client.get("/").content.decode()
    assert 'id="okt-varsel"' in side
    assert 'data-okt-sekunder="1800"' in side
    assert 'data-okt-adresse="/okt/forleng/"' in side
    assert "/static/js/okt.js" in side
    assert "<script>" not in side  # no inline script: CSP


def test_logging_out_everywhere_ends_every_session(ansatt):
    pc, telefon = Client(), Client()
    _logg_inn(pc, ansatt)
    _logg_inn(telefon, ansatt)
    assert telefon.get("/min-side/").status_code == 200
    svar = pc.post("/min-side/logg-ut-overalt/", follow=True)
    assert "logget ut på alle enheter" in svar.content.decode()
    assert telefon.get("/min-side/").status_code == 302
    assert pc.get("/min-side/").status_code == 302
    # A new login works.
    _logg_inn(telefon, ansatt)
    assert telefon.get("/min-side/").status_code == 200
    assert Sikkerhetshendelse.objects.filter(bruker=ansatt, type="utlogget_overalt").exists()


@pytest.mark.parametrize("adresse", ["/min-side/", "/oversikt/", "/avvik/", "/"])
def test_pages_seen_logged_in_are_not_stored(client, ansatt, adresse):
    client.force_login(ansatt)
    cache_control = client.get(adresse)["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_public_pages_for_the_public_may_be_cached(client, kommune):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_login_required_redirects_are_not_stored(client):
    assert "no-store" in client.get("/min-side/")["Cache-Control"]


def test_a_download_seen_logged_in_is_not_stored_either(rf, ansatt):
    """A view's own caching (a draft PDF says private, no-cache) gets no-store added."""
    from django.http import HttpResponse

    from sikkerhet.middleware import OktMiddleware

    def nedlasting(request):
        svar = HttpResponse(b"%PDF-")
        svar["Cache-Control"] = "private, no-cache"
        return svar

    foresporsel = rf.get("/avtaler/1/versjoner/2/pdf")
    foresporsel.user = ansatt
    foresporsel.session = {"okt_innlogget": 10**10, "okt_sist_aktiv": 10**10}
    svar = OktMiddleware(nedlasting)(foresporsel)
    assert "no-store" in svar["Cache-Control"] and "private" in svar["Cache-Control"]
