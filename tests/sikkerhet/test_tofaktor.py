"""Two-factor login: required for the roles that can change agreements and access, set up in
the browser, used at login, with recovery codes."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikkerhet import tofaktor
from sikkerhet.models import Sikkerhetshendelse
from tests.factories import PASSORD
from tests.sikkerhet.hjelp import klokke, kode, med_tofaktor

Type = Sikkerhetshendelse.Type


@pytest.fixture
def pakrevd(settings):
    settings.TOFAKTOR_PAKREVD = True


def _passord(client, user, neste="/min-side/"):
    return client.post(
        f"/logg-inn/?next={neste}", {"username": user.email, "password": PASSORD, "next": neste}
    )


def _typer(user) -> list[str]:
    return list(
        Sikkerhetshendelse.objects.filter(bruker=user).order_by("pk").values_list("type", flat=True)
    )


@pytest.mark.parametrize("rolle", ["administrator", "koordinator", "systemforvalter"])
def test_the_roles_that_require_it_must_turn_it_on_first(client, db, pakrevd, rolle, request):
    user = request.getfixturevalue(rolle)
    client.force_login(user)
    svar = client.get("/oversikt/")
    assert svar.status_code == 302
    assert svar["Location"] == "/min-side/tofaktor/"
    # htmx gets a whole-page redirect, not a fragment.
    svar = client.get("/oversikt/", headers={"HX-Request": "true"})
    assert svar["HX-Redirect"] == "/min-side/tofaktor/"
    assert client.get("/min-side/tofaktor/").status_code == 200


@pytest.mark.parametrize("rolle", ["ansatt", "sekretaer", "uten_rolle"])
def test_other_roles_may_but_need_not(client, db, pakrevd, rolle, request):
    client.force_login(request.getfixturevalue(rolle))
    assert client.get("/min-side/").status_code == 200


def test_the_admin_site_is_behind_it_too(client, pakrevd, systemforvalter):
    client.force_login(systemforvalter)
    assert client.get("/admin/")["Location"] == "/min-side/tofaktor/"
    # The admin's own password-only login leads to the product's login.
    client.logout()
    svar = client.get("/admin/login/?next=/admin/")
    assert svar["Location"] == "/logg-inn/?next=%2Fadmin%2F"
    # Set up, but this session never gave a code: out, and in again with one.
    with klokke():
        med_tofaktor(systemforvalter)
    client.force_login(systemforvalter)
    svar = client.get("/admin/")
    assert svar["Location"].startswith("/logg-inn/?next=/admin/")
    assert client.get("/min-side/").status_code == 302


def test_setting_it_up_in_the_browser(client, pakrevd, koordinator):
    client.force_login(koordinator)
    with klokke():
        # The role requires it, so first the administrator's one-time code
        # (test_registreringskode.py).
        registreringskode = tofaktor.lag_registreringskode(koordinator)
        client.post(
            "/min-side/tofaktor/",
            {"handling": "registreringskode", "registreringskode": registreringskode},
        )
        side = client.get("/min-side/tofaktor/")
        assert b"<svg" in side.content and b"Skann QR-koden" in side.content
        enhet = TOTPDevice.objects.get(user=koordinator, confirmed=False)
        # A reload shows the same key: the app scanned before it still fits.
        client.get("/min-side/tofaktor/")
        assert TOTPDevice.objects.get(user=koordinator).pk == enhet.pk
        feil = client.post("/min-side/tofaktor/", {"handling": "aktiver", "kode": "000000"})
        assert feil.status_code == 400
        assert "Koden stemmer ikke" in feil.content.decode()
        assert not TOTPDevice.objects.filter(user=koordinator, confirmed=True).exists()
    with klokke(60):
        svar = client.post("/min-side/tofaktor/", {"handling": "aktiver", "kode": kode(enhet)})
        assert svar.status_code == 200
        koder = svar.context["koder"]
        assert len(koder) == 10 and len(set(koder)) == 10
        for gjenopprettingskode in koder:
            assert gjenopprettingskode in svar.content.decode()
        # Verified in this session: the product opens.
        assert client.get("/oversikt/").status_code == 200
    assert Type.TOFAKTOR_AKTIVERT in _typer(koordinator)


def test_login_asks_for_the_code_before_anything_is_open(client, pakrevd, koordinator):
    with klokke():
        enhet, _ = med_tofaktor(koordinator)
    with klokke(30):
        svar = _passord(client, koordinator)
        assert svar["Location"] == "/logg-inn/kode/"
        # Password alone logs nobody in.
        assert client.get("/min-side/")["Location"].startswith("/logg-inn/")
        svar = client.post("/logg-inn/kode/", {"kode": "123456"})
        assert svar.status_code == 400
        assert "Koden stemmer ikke" in svar.content.decode()
    with klokke(60):
        svar = client.post("/logg-inn/kode/", {"kode": kode(enhet)})
        assert svar["Location"] == "/min-side/"
        assert client.get("/oversikt/").status_code == 200
    assert _typer(koordinator)[-3:] == [Type.TOFAKTOR_FEILET, Type.INNLOGGING, Type.TOFAKTOR_OK]


def test_the_code_step_without_the_password_step_goes_back(client, koordinator):
    svar = client.get("/logg-inn/kode/")
    assert svar["Location"] == "/logg-inn/"


def test_the_code_step_expires_after_five_minutes(client, koordinator):
    with klokke():
        enhet, _ = med_tofaktor(koordinator)
    with klokke(30):
        _passord(client, koordinator)
    with klokke(30 + 5 * 60 + 1):
        svar = client.post("/logg-inn/kode/", {"kode": kode(enhet)})
        assert svar["Location"] == "/logg-inn/"
        assert client.get("/min-side/").status_code == 302


def test_five_wrong_codes_start_over_from_the_password(client, koordinator):
    with klokke():
        med_tofaktor(koordinator)
        _passord(client, koordinator)
    for forsok in range(5):
        # Far enough apart that django-otp's own throttling lets each try through.
        with klokke(60 * (forsok + 1)):
            svar = client.post("/logg-inn/kode/", {"kode": "000000"})
    assert svar["Location"] == "/logg-inn/"
    assert _typer(koordinator).count(Type.TOFAKTOR_FEILET) == 5


def test_a_recovery_code_works_once(client, koordinator):
    with klokke():
        _, koder = med_tofaktor(koordinator)
        _passord(client, koordinator)
        svar = client.post("/logg-inn/kode/", {"kode": koder[0].upper()}, follow=True)
        assert "Du har 9 igjen" in svar.content.decode()
        assert client.get("/min-side/").status_code == 200
        client.post("/logg-ut/")
        _passord(client, koordinator)
        assert client.post("/logg-inn/kode/", {"kode": koder[0]}).status_code == 400
    assert Type.GJENOPPRETTINGSKODE_BRUKT in _typer(koordinator)


def test_new_recovery_codes_replace_the_old(client, ansatt):
    with klokke():
        enhet, gamle = med_tofaktor(ansatt)
    client.force_login(ansatt)
    with klokke(30):
        svar = client.post("/min-side/tofaktor/", {"handling": "nye_koder", "kode": kode(enhet)})
    nye = svar.context["koder"]
    assert set(nye).isdisjoint(gamle)
    with klokke(60):
        client.post("/logg-ut/")
        _passord(client, ansatt)
        assert client.post("/logg-inn/kode/", {"kode": gamle[1]}).status_code == 400
    with klokke(120):
        assert client.post("/logg-inn/kode/", {"kode": nye[1]}).status_code == 302


def test_turning_it_off_needs_a_code_and_a_role_that_allows_it(client, ansatt, koordinator):
    with klokke():
        ansatt_enhet, _ = med_tofaktor(ansatt)
        koordinator_enhet, _ = med_tofaktor(koordinator)
    client.force_login(koordinator)
    with klokke(30):
        svar = client.post(
            "/min-side/tofaktor/", {"handling": "slaa_av", "kode": kode(koordinator_enhet)}
        )
    assert svar.status_code == 400
    assert "krever tofaktor" in svar.content.decode()
    assert TOTPDevice.objects.filter(user=koordinator).exists()
    client.force_login(ansatt)
    with klokke(30):
        assert (
            client.post(
                "/min-side/tofaktor/", {"handling": "slaa_av", "kode": "999999"}
            ).status_code
            == 400
        )
    with klokke(90):
        svar = client.post(
            "/min-side/tofaktor/", {"handling": "slaa_av", "kode": kode(ansatt_enhet)}
        )
    assert svar["Location"] == "/min-side/tofaktor/"
    assert not TOTPDevice.objects.filter(user=ansatt).exists()
    assert Type.TOFAKTOR_DEAKTIVERT in _typer(ansatt)


def test_a_role_that_requires_it_applies_at_the_next_request(client, pakrevd, ansatt, kommune):
    """Given or changed in place (the admin site edits memberships), the new role's
    requirement is asked on the very next request of every session the user has."""
    from helsefellesskap.models import Medlemskap

    client.force_login(ansatt)
    assert client.get("/min-side/").status_code == 200
    medlemskap = ansatt.medlemskap.get()
    medlemskap.rolle = Medlemskap.Rolle.ADMINISTRATOR
    medlemskap.save()
    assert client.get("/min-side/")["Location"] == "/min-side/tofaktor/"
    assert client.get("/sikkerhetslogg/")["Location"] == "/min-side/tofaktor/"
    assert _typer(ansatt)[-2:] == [Type.ROLLE_FJERNET, Type.ROLLE_GITT]
    # Not so for a user who has it and gave the code.
    with klokke():
        enhet, _ = med_tofaktor(ansatt)
    client.post("/logg-ut/")
    with klokke(30):
        _passord(client, ansatt)
        client.post("/logg-inn/kode/", {"kode": kode(enhet)})
        Medlemskap.objects.create(
            bruker=ansatt, organisasjon=kommune, rolle=Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR
        )
        assert client.get("/min-side/").status_code == 200


def test_a_setup_key_is_never_shared_between_sessions(koordinator):
    """Someone with only the password must not see the key the user will confirm."""
    from django.test import Client

    angriper, eier = Client(), Client()
    angriper.force_login(koordinator)
    eier.force_login(koordinator)
    with klokke():
        angriper_side = angriper.get("/min-side/tofaktor/").context["hemmelighet"]
        eier_side = eier.get("/min-side/tofaktor/").context["hemmelighet"]
        assert angriper_side != eier_side
        # The owner's session keeps its key on reload; the attacker's key is gone.
        assert eier.get("/min-side/tofaktor/").context["hemmelighet"] == eier_side
        enhet = TOTPDevice.objects.get(user=koordinator)
        assert eier.post("/min-side/tofaktor/", {"handling": "aktiver", "kode": kode(enhet)})
    assert TOTPDevice.objects.get(user=koordinator, confirmed=True).pk == enhet.pk


def test_turning_it_on_ends_the_users_other_sessions(pakrevd, ansatt):
    from django.test import Client

    denne, andre = Client(), Client()
    for klient in (denne, andre):
        klient.post("/logg-inn/", {"username": ansatt.email, "password": PASSORD})
    with klokke():
        denne.get("/min-side/tofaktor/")
        enhet = TOTPDevice.objects.get(user=ansatt)
        denne.post("/min-side/tofaktor/", {"handling": "aktiver", "kode": kode(enhet)})
        assert denne.get("/min-side/").status_code == 200
        assert andre.get("/min-side/").status_code == 302


def test_a_logged_in_user_without_admin_access_is_refused_not_sent_in_circles(client, ansatt):
    client.force_login(ansatt)
    svar = client.get("/admin/", follow=True)
    assert svar.status_code == 403
    assert len(svar.redirect_chain) <= 2


def test_wrong_codes_in_a_row_must_wait_and_are_told_so(client, koordinator):
    with klokke():
        enhet, _ = med_tofaktor(koordinator)
        _passord(client, koordinator)
    with klokke(30):
        assert client.post("/logg-inn/kode/", {"kode": "000000"}).status_code == 400
        # At once again, even with the right code: wait (django-otp doubles the wait each time).
        svar = client.post("/logg-inn/kode/", {"kode": kode(enhet)})
        assert svar.status_code == 429
        assert "Vent 1 sekunder" in svar.content.decode()
    with klokke(32):
        assert client.post("/logg-inn/kode/", {"kode": kode(enhet)}).status_code == 302
