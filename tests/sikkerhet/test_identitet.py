"""One identity per person for the password check, the lockout and the rate limit (#15 item 4):
`SPRAY2@…` or `" spray2@…"` with the right password must not open a locked account, and no
spelling may give more guesses."""

import os
import subprocess
import sys

import pytest
from django.apps import apps as django_apps

from helsefellesskap.models import User
from kjerne.identitet import normaliser_epost
from sikkerhet.models import Sikkerhetshendelse
from tests.config.test_settings import ROT, _manage
from tests.factories import PASSORD, UserFactory
from tests.sikkerhet.hjelp import klokke

SKRIVEMATER = [
    str.upper,
    lambda e: f"  {e} ",
    lambda e: f"\u00a0{e.capitalize()}\t",
    # Full-width letters and digits, as a phone keyboard may type them.
    lambda e: "".join(chr(ord(t) + 0xFEE0) if t.isalnum() else t for t in e),
    lambda e: e[:3] + "\u200b" + e[3:],  # an invisible zero-width space
]


def _logg_inn(client, navn, passord, **meta):
    return client.post("/logg-inn/", {"username": navn, "password": passord}, **meta)


def test_every_spelling_is_the_same_identity():
    assert {normaliser_epost(skriv("spray2@example.no")) for skriv in SKRIVEMATER} == {
        "spray2@example.no"
    }
    assert normaliser_epost("Straße@Example.NO") == "strasse@example.no"


def test_addresses_are_stored_in_the_one_spelling(db):
    bruker = UserFactory(email="  Ola.NORDMANN@Example.no ")
    assert bruker.email == "ola.nordmann@example.no"
    laget = User.objects.create_user("ＫＡＲＩ@example.no", "Kari", PASSORD)
    assert laget.email == "kari@example.no"


@pytest.mark.parametrize("skriv", SKRIVEMATER)
def test_any_spelling_of_the_right_address_logs_in(client, ansatt, skriv):
    """The same person, whatever the keyboard did to the address."""
    assert _logg_inn(client, skriv(ansatt.email), PASSORD).status_code == 302
    assert client.session["_auth_user_id"] == str(ansatt.pk)


@pytest.mark.parametrize("skriv", SKRIVEMATER)
def test_a_locked_account_stays_locked_in_every_spelling(client, ansatt, skriv, settings):
    """Issue 15: after five wrong passwords `SPRAY2@…` or `" spray2@…"` with the right password
    logged in."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _logg_inn(client, ansatt.email, "feil-passord")
    svar = _logg_inn(client, skriv(ansatt.email), PASSORD)
    assert svar.status_code == 429
    assert "_auth_user_id" not in client.session


def test_spellings_share_one_count_of_guesses(client, ansatt, settings):
    """Issue 15: each spelling allowed four more guesses."""
    svar = [
        _logg_inn(client, SKRIVEMATER[n % len(SKRIVEMATER)](ansatt.email), "feil").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    # The fifth wrong password, in whichever spelling, locks.
    assert svar == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert _logg_inn(client, ansatt.email, PASSORD).status_code == 429
    sperret = Sikkerhetshendelse.objects.filter(type="sperret").latest("pk")
    assert (sperret.bruker, sperret.brukernavn) == (ansatt, ansatt.email)


def test_the_login_rate_limit_counts_a_user_name_across_addresses_and_spellings(
    client, ansatt, settings
):
    """Many addresses trying one account are held back too, whatever the spelling; another
    account from a fresh address is not."""
    settings.FARTSGRENSER = {**settings.FARTSGRENSER, "innlogging": (3, 300)}
    with klokke():
        for n in range(3):
            skrevet = SKRIVEMATER[n](ansatt.email)
            svar = _logg_inn(client, skrevet, "feil", REMOTE_ADDR=f"10.0.0.{n}")
            assert svar.status_code == 200
        assert _logg_inn(client, ansatt.email, "feil", REMOTE_ADDR="10.0.1.1").status_code == 429
        annen = _logg_inn(client, "annen@example.no", "feil", REMOTE_ADDR="10.0.1.2")
        assert annen.status_code == 200


def test_the_migration_normalises_old_rows_and_refuses_to_merge_two_people(db):
    from importlib import import_module

    migrering = import_module("helsefellesskap.migrations.0008_normaliser_epost")
    gammel = UserFactory()
    User.objects.filter(pk=gammel.pk).update(email=" Gammel.Bruker@Example.NO")
    migrering.normaliser(django_apps, None)
    gammel.refresh_from_db()
    assert gammel.email == "gammel.bruker@example.no"

    # Two accounts that only a case-insensitive unique constraint told apart.
    a, b = UserFactory(), UserFactory()
    User.objects.filter(pk=a.pk).update(email="straße@example.no")
    User.objects.filter(pk=b.pk).update(email="strasse@example.no")
    with pytest.raises(RuntimeError, match=f"brukere {a.pk} og {b.pk}"):
        migrering.normaliser(django_apps, None)
    a.refresh_from_db()
    assert a.email == "straße@example.no"  # nothing changed: an administrator decides


def test_several_workers_with_a_cache_of_their_own_are_refused():
    """Without Redis each worker counted its own rate limit (issue 15)."""
    produksjon = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 12,
        "DJANGO_ALLOWED_HOSTS": "samhandling.example.no",
        "DJANGO_NETTSTED_URL": "https://samhandling.example.no",
    }
    sjekk = ("check", "--deploy", "--fail-level", "WARNING")
    resultat = _manage(*sjekk, WEB_CONCURRENCY="3", **produksjon)
    assert resultat.returncode != 0
    assert "kjerne.E001" in resultat.stderr and "DJANGO_REDIS_URL" in resultat.stderr
    delt = _manage(
        *sjekk, WEB_CONCURRENCY="3", DJANGO_REDIS_URL="redis://127.0.0.1:6379/15", **produksjon
    )
    assert delt.returncode == 0, delt.stderr

    miljo = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    gunicorn = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "config.wsgi",
            "-w",
            "2",
            "-b",
            "127.0.0.1:0",
        ],
        cwd=ROT,
        env={**miljo, **produksjon},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert gunicorn.returncode != 0
    assert "Starter ikke: 2 arbeidsprosesser med en cache per prosess" in gunicorn.stderr
