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
