"""Security headers on every response, and requests too large to read refused."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]


@pytest.fixture
def svar(client, db):
    return client.get("/")


def _csp(svar) -> dict[str, str]:
    deler = (d.strip().split(" ", 1) for d in svar["Content-Security-Policy"].split(";") if d)
    return {navn: verdi for navn, verdi in deler}


def test_csp_allows_nothing_inline_and_no_framing(svar):
    csp = _csp(svar)
    assert "unsafe-inline" not in svar["Content-Security-Policy"]
    assert "unsafe-eval" not in svar["Content-Security-Policy"]
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"


def test_the_other_headers(svar):
    assert svar["X-Frame-Options"] == "DENY"
    assert svar["Referrer-Policy"] == "same-origin"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Cross-Origin-Opener-Policy"] == "same-origin"
    tillatelser = svar["Permissions-Policy"]
    for funksjon in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert funksjon in tillatelser


def test_headers_are_on_error_pages_and_downloads_too(client, db):
    for adresse in ("/finnes-ikke/", "/sok/?q=x"):
        svar = client.get(adresse)
        assert "Permissions-Policy" in svar and "Content-Security-Policy" in svar


def test_hsts_for_a_year_in_production():
    """Production settings (DEBUG off), read in a fresh interpreter."""
    miljo = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 12,
        "DJANGO_ALLOWED_HOSTS": "samhandling.example.no",
    }
    kode = (
        "import json; from config import settings as s; print(json.dumps([s.SECURE_HSTS_SECONDS,"
        " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        " s.TOFAKTOR_PAKREVD]))"
    )
    resultat = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROT, env=miljo, capture_output=True, text=True, check=True
    )
    sekunder, underdomener, https, sikker_cookie, tofaktor = json.loads(resultat.stdout)
    assert sekunder >= 365 * 24 * 60 * 60
    assert underdomener and https and sikker_cookie and tofaktor


def test_the_hsts_header_is_sent_over_https(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    svar = client.get("/", secure=True)
    assert svar["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_request_too_large_is_refused_before_it_is_read(client, sekretaer):
    client.force_login(sekretaer)
    svar = client.generic("POST", "/avvik/ny/", b"x", CONTENT_LENGTH=str(26 * 1024 * 1024))
    assert svar.status_code == 413
    assert "større enn 25 MB" in svar.content.decode()
