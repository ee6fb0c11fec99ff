"""`manage.py check --deploy` refuses e-mail links that lead nowhere for the recipient: with
DEBUG off, DJANGO_NETTSTED_URL must be a public https address; docker-compose sets it."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks

ROT = Path(__file__).parents[2]


def _deploy(settings, url: str, *, debug: bool = False) -> list[str]:
    settings.DEBUG = debug
    settings.NETTSTED_URL = url
    feil = checks.run_checks(tags=[checks.Tags.security], include_deployment_checks=True)
    return [f.id for f in feil if f.id == "varsler.E001"]


@pytest.mark.parametrize(
    "url", ["http://localhost:8000", "https://localhost", "http://samhandling.example.no"]
)
def test_deploy_check_refuses_a_local_or_plain_http_address(settings, url):
    assert _deploy(settings, url) == ["varsler.E001"]


def test_deploy_check_accepts_the_public_https_address_and_development(settings):
    assert _deploy(settings, "https://samhandling.example.no") == []
    assert _deploy(settings, "http://localhost:8000", debug=True) == []


def test_compose_gives_every_app_service_the_public_address():
    # web, worker and scheduler take the whole environment from the shared x-app block.
    tekst = (ROT / "docker-compose.yml").read_text()
    felles, tjenester = tekst.split("\nservices:\n")
    assert "DJANGO_NETTSTED_URL: https://${PUBLIC_HOST:-localhost}" in felles
    for tjeneste in ("web", "worker", "scheduler"):
        blokk = tjenester.split(f"\n  {tjeneste}:\n")[1].split("\n  \n")[0]
        blokk = blokk.split("\n\n  ")[0]
        assert blokk.startswith("    <<: *app")
        assert "environment:" not in blokk


def test_manage_py_check_deploy_fails_on_the_development_default():
    # The real command, as `make check-deploy` runs it but without the public address.
    miljo = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "samhandling.example.no",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    svar = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROT,
        env=miljo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert svar.returncode != 0
    assert "varsler.E001" in svar.stderr + svar.stdout
