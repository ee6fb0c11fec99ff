"""django-axes locks a user name after repeated failures and says so in Norwegian, for a while."""

from django.test import override_settings

from tests.factories import PASSORD


def _logg_inn(client, email, passord):
    return client.post("/logg-inn/", {"username": email, "password": passord})


@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_is_locked_after_repeated_failures_even_for_the_right_password(client, ansatt):
    for _ in range(2):
        assert _logg_inn(client, ansatt.email, "feil").status_code == 200
    sperret = _logg_inn(client, ansatt.email, "feil")
    assert sperret.status_code == 429
    assert "Innloggingen er midlertidig stengt" in sperret.content.decode()
    assert "15 minutter" in sperret.content.decode()
    assert _logg_inn(client, ansatt.email, PASSORD).status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_of_one_user_does_not_lock_another(client, ansatt, koordinator):
    for _ in range(3):
        _logg_inn(client, ansatt.email, "feil")
    assert _logg_inn(client, koordinator.email, PASSORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_opens_again_after_the_cool_off(client, ansatt):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(3):
        _logg_inn(client, ansatt.email, "feil")
    assert _logg_inn(client, ansatt.email, PASSORD).status_code == 429
    # Move the failures back in time past the cool-off period.
    for forsok in AccessAttempt.objects.all():
        forsok.attempt_time -= timedelta(minutes=16)
        forsok.save()
    assert _logg_inn(client, ansatt.email, PASSORD).status_code == 302


def _fra(client, adresse, email, passord):
    return client.post("/logg-inn/", {"username": email, "password": passord}, REMOTE_ADDR=adresse)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_is_per_user_name_whatever_address_the_guesses_come_from(
    client, ansatt, koordinator
):
    for i, skrevet in enumerate((ansatt.email, ansatt.email.upper(), f" {ansatt.email}")):
        assert _fra(client, f"10.0.0.{i + 1}", skrevet, "feil").status_code in (200, 429)
    sperret = _fra(client, "10.9.9.9", ansatt.email, PASSORD)
    assert sperret.status_code == 429
    assert "uansett hvor forsøkene kom fra" in sperret.content.decode()
    # Another user from the same addresses is not locked.
    assert _fra(client, "10.0.0.1", koordinator.email, PASSORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_user_with_two_factor_gets_past_the_lockout_with_password_and_code(client, koordinator):
    from sikkerhet.models import Sikkerhetshendelse
    from tests.sikkerhet.hjelp import klokke, kode, med_tofaktor

    with klokke():
        enhet, _koder = med_tofaktor(koordinator)
    with klokke(60):
        for i in range(3):
            _fra(client, f"10.0.1.{i}", koordinator.email, "feil")
        assert _fra(client, "10.0.2.1", koordinator.email, PASSORD).status_code == 429
        # A wrong password with the right code, the right password with a wrong code: the
        # same answer, the lockout page again with one message.
        for passord, kodeord in ((PASSORD, "000000"), ("feil", kode(enhet))):
            svar = client.post(
                "/logg-inn/sperret/",
                {"username": koordinator.email, "password": passord, "kode": kodeord},
            )
            assert svar.status_code == 429
            assert "Innloggingen er fortsatt stengt." in svar.content.decode()
            assert "_auth_user_id" not in client.session
    with klokke(120):
        svar = client.post(
            "/logg-inn/sperret/",
            {"username": koordinator.email.upper(), "password": PASSORD, "kode": kode(enhet)},
        )
        assert svar.status_code == 302
        assert client.session["_auth_user_id"] == str(koordinator.pk)
        assert Sikkerhetshendelse.objects.filter(bruker=koordinator, type="tofaktor_ok").exists()
        client.logout()
        # The lockout of the name is lifted: the password step works again.
        assert _fra(client, "10.0.2.1", koordinator.email, PASSORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_without_two_factor_the_lockout_runs_its_time(client, ansatt):
    for i in range(3):
        _fra(client, f"10.0.3.{i}", ansatt.email, "feil")
    svar = client.post(
        "/logg-inn/sperret/",
        {"username": ansatt.email, "password": PASSORD, "kode": "123456"},
    )
    assert svar.status_code == 429
    assert "Innloggingen er fortsatt stengt." in svar.content.decode()
    assert _fra(client, "10.0.3.9", ansatt.email, PASSORD).status_code == 429
