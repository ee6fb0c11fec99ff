"""The national-scale generator (#10): what it makes, the same for the same seed, never over
existing data."""

import io

import pytest
from django.core.management import CommandError, call_command

from avtaler.models import Avtaleversjon, Punktversjon
from avvik.models import Avvik, Avvikshendelse
from helsefellesskap.models import Medlemskap, Mote, Organisasjon, Vedtak


def _lag(skala="0.01", fro="7") -> str:
    ut = io.StringIO()
    call_command("generer_nasjonale_data", "--skala", skala, "--fro", fro, stdout=ut)
    return ut.getvalue()


def _fingeravtrykk() -> list:
    return [
        list(Punktversjon.objects.order_by("pk").values_list("overskrift", "tekst")[:200]),
        list(
            Avvik.objects.order_by("pk").values_list("hendelse", "status", "kategori__navn")[:200]
        ),
    ]


def test_it_makes_the_whole_country_in_small(transactional_db):
    ut = _lag()
    assert "Laget på" in ut
    # 0.01 of 356 municipalities and 20 Helsefellesskap: 4 and 1.
    assert Organisasjon.objects.kommuner().count() == 4
    assert Avtaleversjon.objects.count() == 15 * 5
    assert Avtaleversjon.objects.gjeldende().count() == 15
    assert Punktversjon.objects.count() == 15 * 5 * 150
    assert Mote.objects.filter(status="gjennomfort").count() >= 5 * 6 * 5
    assert Vedtak.objects.count() == Mote.objects.filter(status="gjennomfort").count() * 3
    assert Avvik.objects.count() == 500
    assert Avvikshendelse.objects.filter(type="eskalert", sak__isnull=False).exists()
    # Every municipality's discharge routine is found, as a nurse would look it up.
    from django.test import Client

    klient = Client()
    for nr in Organisasjon.objects.kommuner().values_list("kommunenummer", flat=True):
        assert "Utskrivning er" in klient.get(f"/kommuner/{nr}/utskrivning/").content.decode()
    # The users can log in with the password given.
    koordinator = Medlemskap.objects.filter(rolle="samhandlingskoordinator").first().bruker
    svar = klient.post(
        "/logg-inn/", {"username": koordinator.email, "password": "Samhandling-2026"}
    )
    assert svar.status_code == 302


def test_the_same_seed_gives_the_same_data(transactional_db):
    _lag(fro="11")
    forste = _fingeravtrykk()
    call_command("flush", "--no-input", verbosity=0)
    _lag(fro="11")
    assert _fingeravtrykk() == forste
    call_command("flush", "--no-input", verbosity=0)
    _lag(fro="12")
    assert _fingeravtrykk() != forste


def test_it_refuses_a_database_with_data(transactional_db):
    _lag()
    with pytest.raises(CommandError, match="har data fra før"):
        _lag()
