"""Revising a draft: saves that never lose work, structure edits, comments, approval, signing."""

import datetime
import threading

import pytest
from django.db import connections
from django.utils import timezone

from avtaler import services
from avtaler.models import Avtaleforhold, Avtaleversjon, Punktversjon, Signatur
from helsefellesskap import services as hf_services
from kjerne.feil import Domenefeil
from tests.factories import fullt_ssu, iverksett, lag_avtale, vedta

D = datetime.date
ALLE_ENIGE = {
    s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
}


@pytest.fixture
def utkast(kommune, helseforetak, koordinator):
    signert = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    return services.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)


def _lagre(punkt, tekst, teller, bruker=None):
    return services.punkt_lagre(
        punkt=punkt,
        utfort_av=bruker,
        nummer=punkt.nummer,
        overskrift=punkt.overskrift,
        tekst=tekst,
        forventet_teller=teller,
    )


def test_a_save_with_a_stale_counter_is_a_conflict_showing_what_is_stored(utkast, koordinator):
    punkt = utkast.punkter.get(nummer="1.1")
    _lagre(punkt, "Første lagring", 0, koordinator)
    with pytest.raises(services.Konflikt) as konflikt:
        _lagre(punkt, "Andre lagring, skrevet på gammel tekst", 0, koordinator)
    assert konflikt.value.lagret.tekst == "Første lagring"
    assert Punktversjon.objects.get(pk=punkt.pk).tekst == "Første lagring"
    # Merging: saving again with the stored counter succeeds.
    flettet = _lagre(
        punkt, "Første lagring. Andre lagring.", konflikt.value.lagret.endringsteller, koordinator
    )
    assert flettet.tekst == "Første lagring. Andre lagring."


def test_every_save_is_in_the_history_with_who(utkast, koordinator):
    punkt = utkast.punkter.get(nummer="1.1")
    _lagre(punkt, "Ny tekst", 0, koordinator)
    siste = punkt.history.latest("history_date")
    assert siste.tekst == "Ny tekst"
    assert koordinator.email in siste.history_change_reason


def _samtidig(oppgaver):
    """Run the callables at the same moment in threads with their own connections."""
    start = threading.Barrier(len(oppgaver))
    resultater: list = [None] * len(oppgaver)

    def kjor(i, oppgave):
        try:
            start.wait()
            resultater[i] = oppgave()
        except Exception as feil:
            resultater[i] = feil
        finally:
            connections.close_all()

    traader = [threading.Thread(target=kjor, args=(i, o)) for i, o in enumerate(oppgaver)]
    for t in traader:
        t.start()
    for t in traader:
        t.join()
    return resultater


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_clause_never_lose_an_update(
    kommune, helseforetak, koordinator, ansatt
):
    signert = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    utkast = services.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)
    for runde in range(5):
        punkt = utkast.punkter.get(nummer="1.2")
        teller = punkt.endringsteller
        resultater = _samtidig(
            [
                lambda n=n, p=punkt, r=runde, t=teller: _lagre(p, f"Runde {r}, skriver {n}", t)
                for n in range(2)
            ]
        )
        vunnet = [r for r in resultater if isinstance(r, Punktversjon)]
        tapt = [r for r in resultater if isinstance(r, services.Konflikt)]
        assert len(vunnet) == 1 and len(tapt) == 1, resultater
        lagret = Punktversjon.objects.get(pk=punkt.pk)
        assert lagret.tekst == vunnet[0].tekst  # the acknowledged save is what is stored
        assert tapt[0].lagret.endringsteller == teller + 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_different_clauses_both_succeed(kommune, helseforetak, koordinator):
    signert = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2024, 1, 1))
    utkast = services.versjon_start_revisjon(versjon=signert, utfort_av=koordinator)
    a, b = utkast.punkter.get(nummer="1.1"), utkast.punkter.get(nummer="1.2")
    resultater = _samtidig([lambda: _lagre(a, "Tekst A", 0), lambda: _lagre(b, "Tekst B", 0)])
    assert all(isinstance(r, Punktversjon) for r in resultater), resultater
    assert set(
        Punktversjon.objects.filter(pk__in=[a.pk, b.pk]).values_list("tekst", flat=True)
    ) == {"Tekst A", "Tekst B"}


def test_add_move_delete_and_renumber(utkast):
    etter = utkast.punkter.get(nummer="1.1")
    ny = services.punkt_legg_til_etter(
        etter=etter, versjon=utkast, nummer="1.9", overskrift="Nytt punkt"
    )
    rekke = list(utkast.punkter.order_by("rekkefolge").values_list("nummer", flat=True))
    assert rekke == ["1", "1.1", "1.9", "1.2", "1.3", "1.4"]
    assert services.punkter_nummerer(versjon=utkast) == 4
    rekke = list(utkast.punkter.order_by("rekkefolge").values_list("nummer", flat=True))
    assert rekke == ["1", "1.1", "1.2", "1.3", "1.4", "1.5"]
    ny.refresh_from_db()
    assert ny.nummer == "1.2"
    services.punkt_flytt(punkt=ny, retning=-1)
    assert (
        list(utkast.punkter.order_by("rekkefolge").values_list("overskrift", flat=True))[1]
        == "Nytt punkt"
    )
    with pytest.raises(Domenefeil, match="underpunkter"):
        services.punkt_slett(punkt=utkast.punkter.get(nummer="1"), utfort_av=None)
    services.punkt_slett(punkt=Punktversjon.objects.get(pk=ny.pk), utfort_av=None)
    assert not Punktversjon.objects.filter(pk=ny.pk).exists()


def test_renumbering_keeps_identity_so_the_diff_shows_moves(utkast):
    from avtaler.diff import Endring, diff_versjoner

    services.punkt_slett(punkt=utkast.punkter.get(nummer="1.1"), utfort_av=None)
    services.punkter_nummerer(versjon=utkast)
    endringer = diff_versjoner(list(utkast.basert_pa.punkter.all()), list(utkast.punkter.all()))
    assert [e.endringer for e in endringer].count([Endring.FLYTTET]) == 3
    assert [e.endringer for e in endringer].count([Endring.FJERNET]) == 1


def test_comments_are_made_and_resolved(utkast, ansatt, koordinator):
    punkt = utkast.punkter.first()
    kommentar = services.kommentar_legg_til(
        punkt=punkt, forfatter=ansatt, tekst="Hvem har ansvaret her?"
    )
    with pytest.raises(Domenefeil, match="Skriv en kommentar"):
        services.kommentar_legg_til(punkt=punkt, forfatter=ansatt, tekst=" ")
    services.kommentar_los(kommentar=kommentar, utfort_av=koordinator)
    kommentar.refresh_from_db()
    assert kommentar.lost and kommentar.lost_av == koordinator


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(helsefellesskap)


def _mote(ssu):
    return hf_services.mote_opprett(
        utfort_av=None, utvalg=ssu, start=timezone.now(), sted="Drammen"
    )


def test_submission_makes_a_case_and_an_adopted_decision_approves(utkast, koordinator, ssu):
    versjon = services.versjon_send_til_godkjenning(
        versjon=utkast, utfort_av=koordinator, utvalg=ssu
    )
    assert versjon.tilstand == "til_behandling"
    sak = versjon.behandles_i
    assert sak.utvalg == ssu and "versjon 2" in sak.tittel
    vedtak = vedta(sak, _mote(ssu), ALLE_ENIGE, tekst="Godkjent.")
    versjon.refresh_from_db()
    assert versjon.tilstand == "godkjent"
    assert versjon.godkjent_ved == vedtak


def test_a_decision_without_unanimity_returns_the_draft_with_the_reason(utkast, koordinator, ssu):
    versjon = services.versjon_send_til_godkjenning(
        versjon=utkast, utfort_av=koordinator, utvalg=ssu
    )
    vedta(
        versjon.behandles_i,
        _mote(ssu),
        {**ALLE_ENIGE, "kommunene": "uenig"},
        tekst="Ikke godkjent.",
    )
    versjon.refresh_from_db()
    assert versjon.tilstand == "utkast"
    assert "Kommunene: uenig" in versjon.tilstandsendringer.last().merknad


def test_all_parties_sign_then_it_enters_into_force_and_replaces_the_old(
    utkast, koordinator, ssu, kommune, helseforetak
):
    versjon = services.versjon_send_til_godkjenning(
        versjon=utkast, utfort_av=koordinator, utvalg=ssu
    )
    vedta(versjon.behandles_i, _mote(ssu), ALLE_ENIGE, tekst="Godkjent.")
    versjon.refresh_from_db()
    i_dag = timezone.localdate()
    fra = i_dag + datetime.timedelta(days=30)
    with pytest.raises(Domenefeil, match=r"etter 01\.01\.2024"):
        services.versjon_sett_ikrafttredelse(versjon=versjon, dato=D(2023, 1, 1))
    services.versjon_sett_ikrafttredelse(versjon=versjon, dato=fra)
    with pytest.raises(Domenefeil, match="fram i tid"):
        services.signatur_registrer(
            versjon=versjon,
            organisasjon=kommune,
            navn="X",
            tittel="Y",
            dato=i_dag + datetime.timedelta(days=1),
            utfort_av=None,
        )
    with pytest.raises(Domenefeil, match="før den ble godkjent"):
        services.signatur_registrer(
            versjon=versjon,
            organisasjon=kommune,
            navn="X",
            tittel="Y",
            dato=i_dag - datetime.timedelta(days=1),
            utfort_av=None,
        )
    services.signatur_registrer(
        versjon=versjon,
        organisasjon=kommune,
        navn="Ola Ordfører",
        tittel="Ordfører",
        dato=i_dag,
        vedtaksreferanse="KST 12/2026",
        utfort_av=koordinator,
    )
    versjon.refresh_from_db()
    assert versjon.tilstand == "godkjent"  # one party still missing
    with pytest.raises(Domenefeil, match="allerede signert"):
        services.signatur_registrer(
            versjon=versjon,
            organisasjon=kommune,
            navn="X",
            tittel="Y",
            dato=i_dag,
            utfort_av=None,
        )
    services.signatur_registrer(
        versjon=versjon,
        organisasjon=helseforetak,
        navn="Anne Direktør",
        tittel="Administrerende direktør",
        dato=i_dag,
        utfort_av=koordinator,
    )
    versjon.refresh_from_db()
    assert versjon.tilstand == "signert"
    assert versjon.gyldig_fra == fra and versjon.signert_dato == i_dag
    # In force from its date with no job run: the municipality's agreement on the version
    # before ends the day before (avtaler.livslop).
    forrige = Avtaleversjon.objects.get(pk=utkast.basert_pa_id)
    dagen_for = fra - datetime.timedelta(days=1)
    assert list(Avtaleversjon.objects.gjeldende(dagen_for, kommune)) == [forrige]
    assert list(Avtaleversjon.objects.gjeldende(fra, kommune)) == [versjon]
    assert Avtaleforhold.objects.get(versjon=forrige, part=kommune).sluttdato == dagen_for
    forhold = Avtaleforhold.objects.get(versjon=versjon, part=kommune)
    assert (forhold.i_kraft_fra, forhold.vedtak_saksnummer) == (fra, "KST 12/2026")
    assert Signatur.objects.filter(versjon=versjon).count() == 2


def test_only_parties_sign_and_only_approved_versions(utkast, annen_kommune, kommune):
    with pytest.raises(Domenefeil, match="godkjent versjon"):
        services.signatur_registrer(
            versjon=utkast,
            organisasjon=kommune,
            navn="X",
            tittel="Y",
            dato=D(2026, 1, 1),
            utfort_av=None,
        )
