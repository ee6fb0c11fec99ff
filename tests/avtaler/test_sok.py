"""Norwegian full-text search over clauses: PostgreSQL's `norwegian` configuration, SQLite FTS5."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from avtaler import services
from avtaler.models import Sokedokument
from avtaler.services import NyttPunkt
from avtaler.sok import sok
from tests.factories import UserFactory, iverksett, lag_avtale, revider, signer

I_FJOR = timezone.localdate() - datetime.timedelta(days=365)


@pytest.fixture
def rutine(kommune, helseforetak):
    return iverksett(
        lag_avtale(
            kommune.helsefellesskap,
            [kommune, helseforetak],
            type="saeravtale",
            tittel="Utskrivningsrutine",
            punkter=[
                NyttPunkt("1", "Varsling", "Sykehuset varsler kommunen når pasienten er innlagt."),
                NyttPunkt(
                    "2",
                    "Utskrivning",
                    "Pasienten kan skrives ut når kommunen har bekreftet at tilbudet er klart.",
                ),
                NyttPunkt(
                    "3",
                    "Utskrivningsklare pasienter",
                    "Sykehuset melder utskrivningsklare pasienter innen kl. 12.",
                ),
                NyttPunkt("4", "Legemidler", "Legemiddellisten skal følge pasienten <alltid>."),
            ],
        ),
        I_FJOR,
    )


@pytest.fixture
def anonym():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _nummer(treff):
    return [t.punkt.nummer for t in treff]


def test_stemming_finds_inflected_forms_and_compounds(rutine, anonym):
    funnet = _nummer(sok("utskrivning", anonym))
    assert set(funnet) == {"2", "3"}  # "utskrivningsklare" in 3
    assert _nummer(sok("utskrivningen", anonym)) == _nummer(sok("utskrivning", anonym))
    assert _nummer(sok("resept", anonym)) == []
    assert _nummer(sok("legemidler", anonym)) == ["4"]


def test_every_word_must_occur(rutine, anonym):
    assert _nummer(sok("sykehuset innlagt", anonym)) == ["1"]
    assert _nummer(sok("sykehuset bekreftet", anonym)) == []


def test_a_match_in_the_heading_ranks_above_a_match_in_the_text(rutine, anonym):
    # "pasient…" is in the text of 1, 2, 3 and 4 and in the heading of 3 only.
    assert _nummer(sok("pasienter", anonym))[0] == "3"


def test_excerpts_mark_the_hits_and_escape_the_text(rutine, anonym):
    (treff,) = sok("legemidler", anonym)
    assert "<mark>Legemiddellisten</mark>" not in treff.utdrag  # not the same stem…
    (treff,) = sok("legemiddellisten", anonym)
    assert "<mark>Legemiddellisten</mark>" in treff.utdrag
    assert "&lt;alltid&gt;" in treff.utdrag and "<alltid>" not in treff.utdrag
    (treff,) = [t for t in sok("utskrivning", anonym) if t.punkt.nummer == "3"]
    assert "<mark>utskrivningsklare</mark>" in treff.utdrag


def test_results_link_to_the_clause_anchor(rutine, anonym):
    (treff,) = sok("innlagt", anonym)
    versjonen = f"/avtaler/{rutine.avtale_id}/versjoner/{rutine.nummer}/"
    assert treff.lenke == f"{versjonen}#{treff.punkt.anker}"


def test_filters_by_municipality_and_agreement_type(rutine, anonym, annen_kommune):
    kommune = rutine.parter.exclude(kommunenummer="").get()
    assert _nummer(sok("innlagt", anonym, kommunenummer=kommune.kommunenummer)) == ["1"]
    assert _nummer(sok("innlagt", anonym, kommunenummer=annen_kommune.kommunenummer)) == []
    assert _nummer(sok("innlagt", anonym, avtaletype="saeravtale")) == ["1"]
    assert _nummer(sok("innlagt", anonym, avtaletype="overordnet")) == []


def _revisjon(versjon, tekst):
    return revider(versjon, "1", "Varsling", tekst)


def test_drafts_are_for_the_parties_members_only(rutine, anonym, koordinator, utenforstaende):
    utkast = _revisjon(rutine, "Sykehuset varsler kommunen elektronisk når pasienten er innlagt.")
    assert _nummer(sok("elektronisk", anonym)) == []
    assert _nummer(sok("elektronisk", utenforstaende)) == []
    assert _nummer(sok("elektronisk", UserFactory())) == []
    (treff,) = sok("elektronisk", koordinator)
    assert treff.versjon == utkast
    # The version in force is still what the public finds.
    assert [t.versjon for t in sok("innlagt", anonym)] == [rutine]


def test_a_new_version_is_found_from_midnight_of_its_in_force_date(rutine, anonym):
    i_dag = timezone.localdate()
    i_morgen = i_dag + datetime.timedelta(days=1)
    utkast = _revisjon(rutine, "Sykehuset varsler kommunen digitalt når pasienten er innlagt.")
    ny = signer(utkast, i_dag, i_morgen)
    kvelden = timezone.make_aware(datetime.datetime.combine(i_dag, datetime.time(23, 59)))
    with time_machine.travel(kvelden, tick=False):
        assert [t.versjon for t in sok("innlagt", anonym)] == [rutine]
        assert sok("digitalt", anonym) == []
    with time_machine.travel(kvelden + datetime.timedelta(minutes=1), tick=False):
        assert [t.versjon for t in sok("innlagt", anonym)] == [ny]
        assert [t.versjon for t in sok("digitalt", anonym)] == [ny]


def test_empty_and_stop_word_queries_find_nothing(rutine, anonym):
    assert sok("", anonym) == []
    assert sok("   ", anonym) == []
    assert sok("og", anonym) == []


def test_the_page_is_public_and_htmx_gets_the_results_only(
    client, rutine, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        svar = client.get("/sok/", {"q": "utskrivning"})
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "<mark>Utskrivning</mark>" in html or "<mark>utskrivningsklare</mark>" in html
    assert "<h1" in html
    delvis = client.get("/sok/", {"q": "utskrivning"}, headers={"HX-Request": "true"})
    assert "<h1" not in delvis.content.decode()
    assert "2 treff" in delvis.content.decode()
    assert "HX-Request" in delvis["Vary"]


def test_bad_filters_are_ignored_not_an_error(client, rutine):
    svar = client.get("/sok/", {"q": "innlagt", "type": "finnes-ikke", "kommune": "x" * 500})
    assert svar.status_code == 200


def _indeksen() -> set[int]:
    """The clauses the engine's index holds."""
    if connection.vendor == "postgresql":
        return set(Sokedokument.objects.values_list("punkt_id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM avtaler_punkt_sok")
        return {rad[0] for rad in cursor.fetchall()}


def _punktene(versjon) -> set[int]:
    return set(versjon.punkter.values_list("pk", flat=True))


def test_the_index_holds_the_clauses_of_versions_not_replaced(rutine, koordinator):
    assert _indeksen() == _punktene(rutine)
    utkast = _revisjon(rutine, "Sykehuset varsler kommunen elektronisk når pasienten er innlagt.")
    assert _indeksen() == _punktene(rutine) | _punktene(utkast)
    (treff,) = sok("elektronisk", koordinator)
    assert treff.versjon == utkast
    # A clause edited again is found by its new text, not its old.
    punkt = utkast.punkter.get(nummer="1")
    services.punkt_lagre(
        punkt=punkt,
        utfort_av=None,
        nummer="1",
        overskrift="Varsling",
        tekst="Sykehuset ringer kommunen når pasienten er innlagt.",
        forventet_teller=punkt.endringsteller,
    )
    assert sok("elektronisk", koordinator) == []
    assert [t.versjon for t in sok("ringer", koordinator)] == [utkast]
    # Removed from the draft: out of the index.
    services.punkt_slett(punkt=utkast.punkter.get(nummer="4"), utfort_av=None)
    assert _indeksen() == _punktene(rutine) | _punktene(utkast)
    # Signed: both stay in the index (a party may still be on the old one), but search
    # finds only what is in force today.
    i_dag = timezone.localdate()
    ny = signer(utkast, i_dag, i_dag)
    assert _indeksen() == _punktene(rutine) | _punktene(ny)
    assert [t.versjon for t in sok("ringer", koordinator)] == [ny]
