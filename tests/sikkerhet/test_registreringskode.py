"""Enrolling in two-factor login where the role requires it takes a one-time code from an
administrator of the user's organisation (#15 item 4: «a user whose role requires two-factor
can enrol with the password alone»). The code is shown once, stored hashed, expires and works
once."""

import datetime
import io

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikkerhet import tofaktor
from sikkerhet.models import Registreringskode, Sikkerhetshendelse
from tests.sikkerhet.hjelp import START, klokke, kode, med_tofaktor

Type = Sikkerhetshendelse.Type
SIDE = "/min-side/tofaktor/"


@pytest.fixture
def pakrevd(settings):
    settings.TOFAKTOR_PAKREVD = True


def _med_tofaktor_logget_inn(client, user) -> None:
    """Logged in with the second factor, as the middleware demands of an administrator."""
    if not tofaktor.har_tofaktor(user):
        med_tofaktor(user)
    client.force_login(user)
    okt = client.session
    okt[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    okt.save()


def _lag(client, administrator, bruker) -> str:
    """The administrator makes a code on the organisation's user page; the code it shows."""
    medlemskap = bruker.medlemskap.get()
    _med_tofaktor_logget_inn(client, administrator)
    svar = client.post(
        f"/organisasjoner/{medlemskap.organisasjon.organisasjonsnummer}/brukere/"
        f"{medlemskap.pk}/registreringskode/"
    )
    assert svar.status_code == 200
    return svar.context["kode"]


def _gi_kode(client, registreringskode: str):
    return client.post(
        SIDE, {"handling": "registreringskode", "registreringskode": registreringskode}
    )


def test_the_password_alone_shows_no_key_and_enrols_nothing(client, pakrevd, koordinator):
    client.force_login(koordinator)
    with klokke():
        side = client.get(SIDE)
        assert side.status_code == 200
        html = side.content.decode()
        assert "registreringskode fra administratoren" in html
        assert "<svg" not in html and "hemmelighet" not in side.context
        assert not TOTPDevice.objects.filter(user=koordinator).exists()
        svar = client.post(SIDE, {"handling": "aktiver", "kode": "123456"})
        assert "hemmelighet" not in svar.context
        feil = _gi_kode(client, "abcde-fghjk")
        assert feil.status_code == 400
        assert "Be administratoren i organisasjonen din om en ny kode" in feil.content.decode()
    assert not TOTPDevice.objects.filter(user=koordinator).exists()
    assert Type.REGISTRERINGSKODE_FEIL in {h.type for h in Sikkerhetshendelse.objects.all()}


def test_with_the_administrators_code_the_user_enrols_once(
    client, pakrevd, administrator, koordinator
):
    with klokke():
        registreringskode = _lag(client, administrator, koordinator)
    lagret = Registreringskode.objects.get(bruker=koordinator)
    # Stored as a hash only, and logged without the code.
    assert registreringskode.replace("-", "") not in lagret.kode_hash
    assert check_password(registreringskode.replace("-", ""), lagret.kode_hash)
    assert lagret.laget_av == administrator
    assert lagret.utloper == START + datetime.timedelta(days=3)
    laget = Sikkerhetshendelse.objects.get(type=Type.REGISTRERINGSKODE_LAGET)
    assert (laget.bruker, laget.utfort_av) == (koordinator, administrator)
    assert registreringskode not in laget.beskrivelse

    client.force_login(koordinator)
    with klokke(10):
        assert _gi_kode(client, registreringskode.upper())["Location"] == SIDE
        side = client.get(SIDE)
        assert "<svg" in side.content.decode()
        enhet = TOTPDevice.objects.get(user=koordinator, confirmed=False)
        svar = client.post(SIDE, {"handling": "aktiver", "kode": kode(enhet)})
        assert len(svar.context["koder"]) == 10
        lagret.refresh_from_db()
        assert lagret.brukt is not None
        # Used: it enrols nothing more.
        assert tofaktor.sjekk_registreringskode(koordinator, registreringskode) is None


def test_a_code_expires(client, pakrevd, administrator, koordinator):
    with klokke():
        registreringskode = _lag(client, administrator, koordinator)
    client.force_login(koordinator)
    with klokke(3 * 24 * 3600 + 1):
        assert _gi_kode(client, registreringskode).status_code == 400
        assert "<svg" not in client.get(SIDE).content.decode()


def test_five_wrong_tries_use_the_code_up(client, pakrevd, administrator, koordinator):
    with klokke():
        registreringskode = _lag(client, administrator, koordinator)
        client.force_login(koordinator)
        for _ in range(tofaktor.REGISTRERINGSKODE_MAKS_FEIL):
            assert _gi_kode(client, "feil-kode").status_code == 400
        assert _gi_kode(client, registreringskode).status_code == 400


def test_a_new_code_replaces_the_unused_one(client, pakrevd, administrator, koordinator):
    with klokke():
        gammel = _lag(client, administrator, koordinator)
        ny = _lag(client, administrator, koordinator)
        assert tofaktor.sjekk_registreringskode(koordinator, gammel) is None
        assert tofaktor.sjekk_registreringskode(koordinator, ny) is not None


def test_only_an_administrator_of_the_users_organisation_makes_one(
    client, koordinator, utenforstaende, ansatt, systemforvalter
):
    medlemskap = koordinator.medlemskap.get()
    adresse = (
        f"/organisasjoner/{medlemskap.organisasjon.organisasjonsnummer}/brukere/"
        f"{medlemskap.pk}/registreringskode/"
    )
    for hvem in (utenforstaende, ansatt, koordinator):
        client.force_login(hvem)
        assert client.post(adresse).status_code in (302, 403)
    # Another organisation's number with this user's membership: not found.
    annen = utenforstaende.medlemskap.get().organisasjon.organisasjonsnummer
    client.force_login(utenforstaende)
    svar = client.post(f"/organisasjoner/{annen}/brukere/{medlemskap.pk}/registreringskode/")
    assert svar.status_code == 404
    assert client.get(adresse).status_code == 405
    assert not Registreringskode.objects.exists()
    # The system administrators may, anywhere.
    client.force_login(systemforvalter)
    assert client.post(adresse).status_code == 200
    assert Registreringskode.objects.get().bruker == koordinator


def test_the_first_administrator_gets_one_from_the_command_line(pakrevd, administrator):
    ut = io.StringIO()
    call_command("lag_registreringskode", f" {administrator.email.upper()}", stdout=ut)
    registreringskode = ut.getvalue().split(": ")[1].split(" ")[0]
    assert tofaktor.sjekk_registreringskode(administrator, registreringskode) is not None


def test_roles_without_the_requirement_enrol_as_before(client, pakrevd, ansatt):
    client.force_login(ansatt)
    with klokke():
        assert "<svg" in client.get(SIDE).content.decode()
