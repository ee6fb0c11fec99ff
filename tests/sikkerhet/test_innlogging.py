import pytest

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
