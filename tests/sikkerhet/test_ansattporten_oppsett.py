"""Ansattporten is configured from the environment; a half configuration stops start-up, and
the levels compare whichever way they are named."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sikkerhet.ansattporten import Oppsett, niva, steg_opp

ROT = Path(__file__).resolve().parents[2]
KODE = "from config import settings as s; print(repr(s.ANSATTPORTEN))"


def _innstillinger(**env):
    miljo = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ANSATTPORTEN_"))}
    return subprocess.run(
        [sys.executable, "-c", KODE],
        cwd=ROT,
        env={**miljo, "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_off_without_an_issuer():
    resultat = _innstillinger()
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.strip() == "None"


def test_on_with_issuer_client_and_secret():
    resultat = _innstillinger(
        ANSATTPORTEN_ISSUER="https://test.ansattporten.no",
        ANSATTPORTEN_CLIENT_ID="klient",
        ANSATTPORTEN_CLIENT_SECRET="hemmelig",
    )
    assert resultat.returncode == 0, resultat.stderr
    # Ansattporten's documented acr_values are substantial and high; there is no low.
    assert "'ACR': 'substantial'" in resultat.stdout
    assert "'SCOPES': 'openid profile'" in resultat.stdout


@pytest.mark.parametrize(
    ("env", "feil"),
    [
        ({"ANSATTPORTEN_CLIENT_SECRET": "x"}, "ANSATTPORTEN_CLIENT_ID"),
        ({"ANSATTPORTEN_CLIENT_ID": "k"}, "ANSATTPORTEN_CLIENT_SECRET or ANSATTPORTEN_PRIVATE"),
        (
            {"ANSATTPORTEN_CLIENT_ID": "k", "ANSATTPORTEN_PRIVATE_KEY_FILE": "/finnes/ikke.pem"},
            "not a readable file",
        ),
        (
            {
                "ANSATTPORTEN_CLIENT_ID": "k",
                "ANSATTPORTEN_CLIENT_SECRET": "x",
                "ANSATTPORTEN_SCOPES": "profile",
            },
            "must include openid",
        ),
        (
            {
                "ANSATTPORTEN_CLIENT_ID": "k",
                "ANSATTPORTEN_CLIENT_SECRET": "x",
                "ANSATTPORTEN_ACR": "Level3",
            },
            "ANSATTPORTEN_ACR must be one of",
        ),
    ],
)
def test_a_half_configuration_stops_start_up(env, feil):
    resultat = _innstillinger(ANSATTPORTEN_ISSUER="https://test.ansattporten.no", **env)
    assert resultat.returncode != 0
    assert feil in resultat.stderr


def test_levels_compare_in_both_namings():
    assert niva("idporten-loa-low") < niva("idporten-loa-substantial") < niva("idporten-loa-high")
    assert niva("substantial") == niva("idporten-loa-substantial")
    assert niva("high") == niva("idporten-loa-high")
    for ukjent in (None, "", "entraid", "Level4", 3):
        assert niva(ukjent) == 0


def _oppsett(acr):
    return Oppsett(
        issuer="i",
        client_id="c",
        client_secret="s",
        private_key_file="",
        key_id="",
        scopes="openid",
        acr=acr,
        authorization_details="",
    )


def test_step_up_asks_for_substantial_named_as_configured():
    assert steg_opp(_oppsett("idporten-loa-low")) == "idporten-loa-substantial"
    assert steg_opp(_oppsett("low")) == "substantial"
    assert steg_opp(_oppsett("idporten-loa-high")) == "idporten-loa-high"
