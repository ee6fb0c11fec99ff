import pytest
from django.test import override_settings

from tests.factories import PASSORD


def _logg_inn(client, email, passord):
    return client.post("/logg-inn/", {"username": email, "password": passord})


def test_login_with_email_in_any_case(client, ansatt):
    svar = _logg_inn(client, ansatt.email.upper(), PASSORD)
    assert svar.status_code == 302
    assert svar["Location"] == "/"
    assert client.get("/min-side/").status_code == 200


def test_login_follows_next_but_only_to_this_site(client, ansatt):
    svar = client.post(
        "/logg-inn/?next=/min-side/",
        {"username": ansatt.email, "password": PASSORD, "next": "/min-side/"},
    )
    assert svar["Location"] == "/min-side/"
    client.post("/logg-ut/")
    svar = client.post(
        "/logg-inn/",
        {"username": ansatt.email, "password": PASSORD, "next": "https://evil.example/"},
    )
    assert svar["Location"] == "/"


def test_wrong_password_gives_a_norwegian_error_and_keeps_the_email(client, ansatt):
    svar = _logg_inn(client, ansatt.email, "feil-passord")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Feil e-postadresse eller passord" in html
    assert f'value="{ansatt.email}"' in html
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_log_in(client, ansatt):
    ansatt.is_active = False
    ansatt.save()
    assert _logg_inn(client, ansatt.email, PASSORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only_and_ends_the_session(client, ansatt):
    client.force_login(ansatt)
    assert client.get("/logg-ut/").status_code == 405
    assert client.post("/logg-ut/").status_code == 302
    assert client.get("/min-side/").status_code == 302


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


@pytest.mark.parametrize("url", ["/", "/logg-inn/"])
def test_csp_header_allows_no_inline_script_or_style(client, db, url):
    svar = client.get(url)
    csp = svar["Content-Security-Policy"]
    direktiver = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert direktiver["default-src"] == "'self'"
    assert direktiver["script-src"] == "'self'"
    assert direktiver["style-src"] == "'self'"
    assert direktiver["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


@pytest.mark.parametrize(
    ("url", "innlogget"),
    [("/", False), ("/", True), ("/logg-inn/", False), ("/min-side/", True), ("/x/", False)],
)
def test_pages_contain_no_inline_script_or_style(client, ansatt, url, innlogget):
    import re

    if innlogget:
        client.force_login(ansatt)
    html = client.get(url).content.decode()
    skript = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert skript, "htmx should be loaded"
    assert all("src=" in attrs and not innhold.strip() for attrs, innhold in skript)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_security_headers(client, db):
    svar = client.get("/")
    assert svar["X-Frame-Options"] == "DENY"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Referrer-Policy"] == "same-origin"


def test_forms_without_csrf_token_are_refused_in_norwegian(ansatt):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    svar = client.post("/logg-inn/", {"username": ansatt.email, "password": PASSORD})
    assert svar.status_code == 403
    assert "Skjemaet er utløpt" in svar.content.decode()
