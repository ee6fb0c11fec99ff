"""Regression tests for the findings of the code review (access, integrity, bad input)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from avtaler import services as avtaletjenester
from avtaler.models import Avtale
from helsefellesskap import services
from helsefellesskap.models import Oppmote
from kjerne.feil import Domenefeil
from tests.avtaler.test_importering import FELLER
from tests.factories import fullt_ssu, iverksett, lag_avtale, vedta

ALLE_ENIGE = {
    s: "enig" for s in ("kommunene", "helseforetaket", "bruker", "arbeidstaker", "fastlege")
}


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(helsefellesskap)


@pytest.fixture
def mote(ssu):
    return services.mote_opprett(utfort_av=None, utvalg=ssu, start=timezone.now(), sted="Drammen")


def test_import_must_include_ones_own_organisation(
    client, koordinator, kommune, annen_kommune, helseforetak
):
    client.force_login(koordinator)
    client.post(
        "/avtaler/importer/",
        {"handling": "vis", "fil": SimpleUploadedFile("a.txt", FELLER.read_bytes())},
    )
    svar = client.post(
        "/avtaler/importer/",
        {
            "handling": "importer",
            "helsefellesskap": kommune.helsefellesskap_id,
            "type": "overordnet",
            "tittel": "For andre",
            "parter": [annen_kommune.pk, helseforetak.pk],
        },
    )
    assert (
        svar.status_code == 400
        and "Din egen organisasjon må være en av partene." in svar.content.decode()
    )
    assert not Avtale.objects.exists()


def test_import_does_not_offer_other_parties_drafts_as_parent(
    client, koordinator, annen_kommune, helseforetak
):
    lag_avtale(
        annen_kommune.helsefellesskap, [annen_kommune, helseforetak], tittel="HEMMELIG UTKAST"
    )
    client.force_login(koordinator)
    client.post(
        "/avtaler/importer/",
        {"handling": "vis", "fil": SimpleUploadedFile("a.txt", FELLER.read_bytes())},
    )
    assert "HEMMELIG UTKAST" not in client.get("/avtaler/importer/").content.decode()


def test_the_public_sees_no_agenda_titles_without_a_public_decision(client, ssu, mote):
    sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Godkjenning av hemmelig utkast")
    services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    assert "hemmelig utkast" not in client.get(f"/moter/{mote.pk}/").content.decode()


@pytest.mark.parametrize("ar", ["0", "99999", "-5", "x"])
def test_out_of_range_years_fall_back(client, db, ar):
    assert client.get("/utvalg/", {"ar": ar}).status_code == 200


def test_non_integer_ids_are_404_not_500(client, ssu, mote, kommune, helseforetak, koordinator):
    sekretaer = ssu.medlemmer.get(rolle="sekretaer").bruker
    client.force_login(sekretaer)
    assert client.post(f"/moter/{mote.pk}/saker/", {"sak": "abc"}).status_code == 404
    utkast = avtaletjenester.versjon_start_revisjon(
        versjon=iverksett(
            lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), datetime.date(2024, 1, 1)
        ),
        utfort_av=None,
    )
    client.force_login(koordinator)
    base = f"/avtaler/{utkast.avtale_id}/versjoner/{utkast.nummer}"
    assert client.post(f"{base}/send/", {"utvalg": "x"}).status_code == 404
    assert (
        client.post(f"{base}/rediger/punkter/ny/", {"etter": "abc", "nummer": "9"}).status_code
        == 302
    )


def test_too_long_input_is_a_message_not_a_crash(kommune, helseforetak):
    utkast = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak])
    punkt = utkast.punkter.first()
    with pytest.raises(Domenefeil, match="høyst 20 tegn"):
        avtaletjenester.punkt_lagre(
            punkt=punkt,
            utfort_av=None,
            nummer="1" * 21,
            overskrift="x",
            tekst="",
            forventet_teller=0,
        )


def test_attendance_can_be_taken_back(ssu, mote):
    medlem = ssu.medlemmer.filter(rolle="medlem").first()
    services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="til_stede")
    services.oppmote_registrer(utfort_av=None, mote=mote, medlem=medlem, status="")
    assert not Oppmote.objects.exists()


def test_minutes_are_approved_once_and_closed_cases_get_no_new_recommendation(
    ssu, mote, helsefellesskap
):
    sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="x")
    vedta(sak, mote, ALLE_ENIGE, tekst="ja")
    with pytest.raises(Domenefeil, match="avsluttet og kan ikke behandles på nytt"):
        vedta(sak, mote, ALLE_ENIGE, tekst="igjen")
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Referat")
    services.referat_godkjenn(utfort_av=None, mote=mote)
    with pytest.raises(Domenefeil, match="allerede godkjent"):
        services.referat_godkjenn(utfort_av=None, mote=mote)
    ny = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="y")
    services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=ny)
    with pytest.raises(Domenefeil, match="Referatet fra møtet er godkjent"):
        services.vedtak_registrer(
            utfort_av=None, sak=ny, mote=mote, tekst="etterpå", posisjoner=ALLE_ENIGE
        )


def test_a_backdated_in_force_date_is_refused(kommune, helseforetak, koordinator):
    v1 = iverksett(
        lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), datetime.date(2024, 1, 1)
    )
    v2 = avtaletjenester.versjon_start_revisjon(versjon=v1, utfort_av=None)
    avtaletjenester.versjon_send_til_behandling(versjon=v2, utfort_av=koordinator)
    avtaletjenester.versjon_godkjenn(
        versjon=v2, utfort_av=koordinator, vedtaksreferanse="SSU 1/2026"
    )
    with pytest.raises(Domenefeil, match="etter"):
        avtaletjenester.versjon_sett_ikrafttredelse(versjon=v2, dato=datetime.date(2000, 1, 1))
