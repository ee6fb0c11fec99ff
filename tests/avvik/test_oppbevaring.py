"""Retention: avvik closed longer ago than the period are anonymised, the numbers stay."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings

from avtaler.models import Avtale, Avtaleversjon, Punktversjon, Signatur, Tilstandsendring
from avvik import services
from avvik.management.commands.slett_gamle_avvik import MARKOR, RUTEFELT, grense_for
from avvik.models import Avvik, Avvikshendelse, Avvikskategori
from helsefellesskap import services as hf
from helsefellesskap.models import Mote, Sak, Sakbehandling, Vedtak
from tests.factories import MedlemskapFactory, fullt_ssu, iverksett, lag_avtale, vedta

OSLO = ZoneInfo("Europe/Oslo")
I_DAG = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=OSLO)
# Ten years (the default) before I_DAG: closed before this midnight is closed more than ten.
GRENSE = datetime.datetime(2016, 6, 15, 0, 0, tzinfo=OSLO)
ALLE_POSISJONER = {
    s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
}


@pytest.fixture(autouse=True)
def i_dag():
    with time_machine.travel(I_DAG, tick=False):
        yield


@pytest.fixture
def kategori(db):
    return Avvikskategori.objects.get(navn="Manglende epikrise")


@pytest.fixture
def hf_koordinator(helseforetak):
    return MedlemskapFactory(organisasjon=helseforetak, rolle="samhandlingskoordinator").bruker


@pytest.fixture
def avtale(kommune, helseforetak):
    return iverksett(
        lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), datetime.date(2024, 1, 1)
    )


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(helsefellesskap)


@pytest.fixture
def lag(client, ansatt, koordinator, hf_koordinator, kommune, helseforetak, kategori, avtale, ssu):
    """An avvik with a full thread (comment, answer with measures through the page so the
    history knows who, rejection, escalation to SSU, the decision that closes it), moved back
    to close at `lukket`."""

    def lag_avvik(lukket: datetime.datetime | None) -> Avvik:
        avvik = services.avvik_registrer(
            melder=ansatt,
            meldt_av_organisasjon=kommune,
            ansvarlig=helseforetak,
            kategori=kategori,
            hendelse=I_DAG - datetime.timedelta(days=1),
            beskrivelse="Utskrevet kl. 22.10 uten epikrise, meldt av sykepleier Kari.",
            stige="avtalesporsmal",
            punkt=avtale.punkter.get(nummer="1.1"),
            melders_referanse="EQS 2231 (Kari)",
        )
        services.avvik_kommenter(avvik=avvik, utfort_av=ansatt, tekst="Ring meg, Kari.")
        services.avvik_motta(
            avvik=avvik,
            utfort_av=hf_koordinator,
            enhet="Medisinsk klinikk, sengepost 5 (Ola)",
            referanse="Synergi 88123 (Ola)",
            tekst="Tatt imot av Ola.",
        )
        client.force_login(hf_koordinator)
        svar = client.post(
            f"/avvik/{avvik.pk}/handling/",
            {
                "handling": "svar",
                "svar-forklaring": "Beklager, Ola her.",
                "svar-tiltak": "Ny sjekkliste, Ola.",
            },
        )
        assert svar.status_code == 302
        services.avvik_avvis(avvik=avvik, utfort_av=ansatt, begrunnelse="Ikke godt nok, Kari.")
        steg = services.avvik_eskaler(avvik=avvik, utfort_av=koordinator, begrunnelse="Til SSU.")
        if lukket is None:
            return avvik
        # The parties agree in SSU: the decision closes the avvik.
        mote = hf.mote_opprett(utfort_av=None, utvalg=ssu, start=I_DAG, sted="Drammen")
        vedta(steg.sak, mote, ALLE_POSISJONER, tekst="Rutinen presiseres.")
        assert Avvik.objects.get(pk=avvik.pk).status == "lukket"
        # The whole case happened back then: the event a month before, the thread until closing.
        Avvik.objects.filter(pk=avvik.pk).update(
            hendelse=lukket - datetime.timedelta(days=30),
            opprettet=lukket - datetime.timedelta(days=29),
        )
        avvik.hendelser.exclude(type=Avvikshendelse.Type.LUKKET).update(
            tidspunkt=lukket - datetime.timedelta(days=10)
        )
        avvik.hendelser.filter(type=Avvikshendelse.Type.LUKKET).update(tidspunkt=lukket)
        return Avvik.objects.get(pk=avvik.pk)

    return lag_avvik


def _kjor(*args) -> str:
    ut = io.StringIO()
    call_command("slett_gamle_avvik", *args, stdout=ut)
    return ut.getvalue()


def _tekster(avvik: Avvik) -> list[str]:
    """Every text and link to a person the avvik holds, its thread and history included."""
    tekster = [avvik.beskrivelse, avvik.tiltak, str(avvik.meldt_av_id)]
    tekster += [getattr(avvik, felt) for felt in RUTEFELT]
    for h in avvik.hendelser.all():
        tekster += [h.tekst, str(h.utfort_av_id)]
    for h in avvik.history.all():
        tekster += [h.beskrivelse, h.tiltak, str(h.meldt_av_id), str(h.history_user_id)]
        tekster += [getattr(h, felt) for felt in RUTEFELT]
        tekster.append(str(h.history_change_reason))
    return tekster


def _uberort(avvik: Avvik) -> bool:
    avvik.refresh_from_db()
    return (
        avvik.anonymisert is None
        and "Kari" in avvik.beskrivelse
        and "Ola" in avvik.ansvarlig_enhet
        and avvik.meldt_av_id
    )


def test_dry_run_reports_and_changes_nothing(lag):
    gammel = lag(GRENSE - datetime.timedelta(days=400))
    for_ = _tekster(gammel)
    ut = _kjor("--dry-run")
    assert "Tørrkjøring: ingenting er endret." in ut
    assert (
        "Oppbevaringstid 10 år: avvik lukket før 15.06.2016, og åpne avvik uten aktivitet "
        "siden før denne datoen, skal anonymiseres." in ut
    )
    assert f"1 avvik ville blitt anonymisert: {gammel.pk}." in ut
    assert _uberort(gammel) and _tekster(gammel) == for_


def test_only_avvik_closed_longer_ago_than_the_period_are_anonymised(lag):
    gammel = lag(GRENSE - datetime.timedelta(days=400))
    akkurat_over = lag(GRENSE - datetime.timedelta(minutes=1))  # 14.06.2016 23:59
    akkurat_innenfor = lag(GRENSE)  # 15.06.2016 00:00: ten years exactly, not more
    nylig = lag(I_DAG - datetime.timedelta(days=30))
    apent = lag(None)
    Avvikshendelse.objects.filter(avvik=apent).update(
        tidspunkt=GRENSE - datetime.timedelta(days=999)
    )

    ut = _kjor()

    assert f"Anonymiserte 2 avvik: {gammel.pk}, {akkurat_over.pk}." in ut
    assert "Fjernet: beskrivelser 2, tiltak 2, tekster i forløpene 16" in ut
    assert "enheter og saksnumre i kvalitetssystemene 2." in ut
    for avvik in (akkurat_innenfor, nylig, apent):
        assert _uberort(avvik)
    for avvik in (gammel, akkurat_over):
        avvik.refresh_from_db()
        assert avvik.anonymisert == I_DAG
        assert avvik.beskrivelse == MARKOR and avvik.tiltak == MARKOR
        # The routing and the parties' own numbers point at records that may name people.
        assert [getattr(avvik, felt) for felt in RUTEFELT] == ["", "", ""]
        tekster = " ".join(_tekster(avvik))
        assert "Kari" not in tekster and "Ola" not in tekster and "SSU" not in tekster
        assert avvik.meldt_av_id is None
        assert not avvik.hendelser.filter(utfort_av__isnull=False).exists()
        assert set(avvik.hendelser.exclude(tekst="").values_list("tekst", flat=True)) == {MARKOR}
        assert not avvik.history.filter(history_user__isnull=False).exists()


def test_the_anonymised_avvik_still_opens_and_shows_the_marker(client, lag, systemforvalter):
    gammel = lag(GRENSE - datetime.timedelta(days=1))
    _kjor()
    client.force_login(systemforvalter)
    html = client.get(f"/avvik/{gammel.pk}/").content.decode()
    assert MARKOR in html and "Kari" not in html and "Ola" not in html
    assert "Prinsipiell drøfting i strategisk" in html  # the step stays
    assert "(, " not in html  # a step whose person is gone shows the organisation alone
    # No new personal text arrives after the clean-up.
    from avvik import services
    from kjerne.feil import Domenefeil

    gammel.refresh_from_db()
    with pytest.raises(Domenefeil, match="anonymisert"):
        services.avvik_kommenter(avvik=gammel, utfort_av=systemforvalter, tekst="Ny tekst")


def test_a_second_run_does_nothing_and_says_so(lag):
    gammel = lag(GRENSE - datetime.timedelta(days=1))
    _kjor()
    gammel.refresh_from_db()
    with time_machine.travel(I_DAG + datetime.timedelta(days=1), tick=False):
        ut = _kjor()
    assert "Ingen avvik å anonymisere (1 er anonymisert fra før). Ingenting er endret." in ut
    assert Avvik.objects.get(pk=gammel.pk).anonymisert == gammel.anonymisert == I_DAG


def test_statistics_are_the_same_after_the_run(client, lag, systemforvalter):
    lag(GRENSE - datetime.timedelta(days=400))
    lag(GRENSE - datetime.timedelta(days=2))
    lag(I_DAG - datetime.timedelta(days=30))
    client.force_login(systemforvalter)
    periode = {"fra": "2010-01-01", "til": "2026-12-31"}

    def tall():
        return (
            client.get("/avvik/statistikk/", {**periode, "format": "csv"}).content,
            list(
                Avvik.objects.order_by("pk").values(
                    "kategori", "punkt", "avtaleversjon", "stige", "trinn", "status",
                    "meldt_av_organisasjon", "ansvarlig", "hendelse", "opprettet",
                    "utenfor_avtalt_tid",
                )
            ),
            list(
                Avvikshendelse.objects.order_by("pk").values(
                    "avvik", "type", "trinn", "sak", "utvalg", "organisasjon", "tidspunkt"
                )
            ),
        )  # fmt: skip

    for_ = tall()
    assert b"kategori;Manglende epikrise;3" in for_[0] and b"punkt;" in for_[0]
    assert "Anonymiserte 2 avvik" in _kjor()
    assert tall() == for_


def _arkiv():
    return [
        list(modell.objects.order_by("pk").values())
        for modell in (
            Avtale,
            Avtaleversjon,
            Punktversjon,
            Signatur,
            Tilstandsendring,
            Sak,
            Sakbehandling,
            Mote,
            Vedtak,
        )
    ] + [Avtaleversjon.history.count(), Vedtak.history.count(), Sak.history.count()]


def test_agreements_signatures_cases_and_decisions_are_never_touched(
    lag, koordinator, hf_koordinator, kommune, helseforetak
):
    from avtaler import services as avtaler

    lag(GRENSE - datetime.timedelta(days=400))
    versjon = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak], tittel="Delavtale")
    versjon = avtaler.versjon_send_til_behandling(versjon=versjon, utfort_av=koordinator)
    versjon = avtaler.versjon_godkjenn(
        versjon=versjon, utfort_av=koordinator, vedtaksreferanse="SSU 3/2026"
    )
    for part, bruker in ((kommune, koordinator), (helseforetak, hf_koordinator)):
        avtaler.signatur_registrer(
            versjon=versjon,
            organisasjon=part,
            navn=bruker.navn,
            tittel="Direktør",
            dato=I_DAG.date(),
            utfort_av=bruker,
        )
    for_ = _arkiv()
    assert Signatur.objects.exists() and Vedtak.objects.exists()
    assert Sak.objects.filter(beskrivelse__contains="Til SSU.").exists()
    _kjor()
    assert Avvik.objects.filter(anonymisert__isnull=False).count() == 1
    assert _arkiv() == for_


def test_the_period_setting_is_honoured(lag):
    seks_ar_siden = lag(I_DAG - datetime.timedelta(days=6 * 365))
    assert "Ingen avvik å anonymisere" in _kjor()
    with override_settings(AVVIK_OPPBEVARING_AR=5):
        ut = _kjor()
    assert "Oppbevaringstid 5 år: avvik lukket før 15.06.2021" in ut
    assert f"Anonymiserte 1 avvik: {seks_ar_siden.pk}." in ut


def test_a_period_under_one_year_is_refused(lag):
    with override_settings(AVVIK_OPPBEVARING_AR=0), pytest.raises(CommandError, match="minst 1"):
        _kjor()


def test_the_limit_on_29_february():
    assert grense_for(datetime.date(2028, 2, 29), 10) == datetime.datetime(2018, 2, 28, tzinfo=OSLO)


def _manage(*args, **env):
    miljo = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    miljo.update(env, DJANGO_DEBUG="1")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(__file__).resolve().parents[2],
        env=miljo,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_period_comes_from_the_environment():
    les = ["shell", "-c", "from django.conf import settings; print(settings.AVVIK_OPPBEVARING_AR)"]
    assert _manage(*les).stdout.split()[-1] == "10"
    assert _manage(*les, AVVIK_OPPBEVARING_AR="7").stdout.split()[-1] == "7"
    feil = _manage(*les, AVVIK_OPPBEVARING_AR="0")
    assert feil.returncode != 0 and "AVVIK_OPPBEVARING_AR must be at least 1" in feil.stderr


def test_open_avvik_without_activity_for_the_period_are_anonymised_too(lag, koordinator):
    """An avvik left «svaret avvist» or «ikke enighet» with nobody acting never closes, so
    counting from the closing alone kept it – and the names in it – for ever. Retention counts
    from its last activity as well (README «Oppbevaring og erklæringer», the privacy
    statement «Hvor lenge opplysningene lagres»)."""
    gammel = lag(None)  # escalated to SSU; make it one that stopped at «svaret avvist»
    Avvik.objects.filter(pk=gammel.pk).update(
        status="avvist", sak=None, opprettet=GRENSE - datetime.timedelta(days=40)
    )
    Avvikshendelse.objects.filter(avvik=gammel).update(
        tidspunkt=GRENSE - datetime.timedelta(days=30)
    )
    rort_nylig = lag(None)
    Avvik.objects.filter(pk=rort_nylig.pk).update(
        status="avvist", sak=None, opprettet=GRENSE - datetime.timedelta(days=40)
    )
    Avvikshendelse.objects.filter(avvik=rort_nylig).update(
        tidspunkt=GRENSE - datetime.timedelta(days=30)
    )
    services.avvik_kommenter(avvik=rort_nylig, utfort_av=rort_nylig.meldt_av, tekst="Kari?")

    ut = _kjor()

    assert f"Anonymiserte 1 avvik: {gammel.pk}." in ut
    assert _uberort(rort_nylig)
    gammel.refresh_from_db()
    assert gammel.anonymisert == I_DAG and gammel.beskrivelse == MARKOR
    assert gammel.status == "avvist"  # the statistics still show where it was left
    assert "Kari" not in " ".join(_tekster(gammel))
    from kjerne.feil import Domenefeil

    with pytest.raises(Domenefeil, match="anonymisert"):
        services.avvik_eskaler(avvik=gammel, utfort_av=koordinator, begrunnelse="x")


def test_the_privacy_statement_says_retention_counts_from_the_last_activity(client, db):
    html = client.get("/personvern/").content.decode()
    assert "Et avvik som aldri blir lukket, regnes fra siste aktivitet" in html
