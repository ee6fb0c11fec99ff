"""A refused form on the meeting page says which field and why, in Norwegian, and keeps what
was written: a new case (htmx and plain), the minutes and the reason to postpone a case."""

import datetime

import pytest
from django.utils import timezone

from helsefellesskap import services
from helsefellesskap.models import Mote, Sak
from tests.factories import fullt_ssu

# A valid fødselsnummer (both check digits, a real date), written as people write it.
FNR = "100224 58200"


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(
        helsefellesskap, rotasjon_fra=datetime.date(2021, 1, 1), forste_lederside="kommunene"
    )


@pytest.fixture
def sekretaer(ssu):
    return ssu.medlemmer.get(rolle="sekretaer").bruker


@pytest.fixture
def mote(ssu):
    start = timezone.make_aware(datetime.datetime(2026, 3, 10, 10))
    return services.mote_opprett(utfort_av=None, utvalg=ssu, start=start, sted="Drammen")


def test_a_new_case_with_an_identity_number_is_refused_at_the_field_in_the_fragment(
    client, sekretaer, mote
):
    client.force_login(sekretaer)
    svar = client.post(
        f"/moter/{mote.pk}/saker/",
        {"tittel": f"Pasient {FNR} utskrevet", "beskrivelse": "Bakgrunn for saken"},
        headers={"HX-Request": "true"},
    )
    html = svar.content.decode()
    assert svar.status_code == 200 and "<html" not in html  # htmx swaps the fragment in
    assert 'id="id_tittel_feil">«Sakstittel» ser ut til å inneholde et fødselsnummer' in html
    assert 'aria-invalid="true"' in html
    assert f'value="Pasient {FNR} utskrevet"' in html  # the title as typed, to correct it
    assert "Bakgrunn for saken</textarea>" in html
    assert not Sak.objects.exists()


def test_a_new_case_refused_without_javascript_comes_back_as_the_page_with_400(
    client, sekretaer, mote
):
    client.force_login(sekretaer)
    svar = client.post(
        f"/moter/{mote.pk}/saker/", {"tittel": "", "beskrivelse": "Det vi vet så langt"}
    )
    html = svar.content.decode()
    assert svar.status_code == 400 and "<html" in html
    assert 'id="id_tittel_feil">Skriv en tittel på saken.' in html
    assert "Det vi vet så langt</textarea>" in html
    assert not Sak.objects.exists()


def test_a_refusal_of_the_service_lands_at_the_new_case_form_with_the_input(
    client, sekretaer, mote, ssu
):
    # The body ended after the meeting: the page still shows the form, the service refuses.
    ssu.sluttdato = datetime.date(2026, 6, 30)
    ssu.save(update_fields=["sluttdato"])
    client.force_login(sekretaer)
    svar = client.post(
        f"/moter/{mote.pk}/saker/",
        {"tittel": "Ny rutine", "beskrivelse": ""},
        headers={"HX-Request": "true"},
    )
    html = svar.content.decode()
    assert svar.status_code == 200 and 'role="alert"' in html
    assert "ble avsluttet 30.06.2026" in html
    assert 'value="Ny rutine"' in html
    assert not Sak.objects.exists()


def test_the_minutes_refused_for_an_identity_number_name_the_field_and_stay(
    client, sekretaer, mote
):
    client.force_login(sekretaer)
    tekst = f"Sak 1: drøftet.\nPasient {FNR} ble nevnt.\nSak 2: utsatt."
    svar = client.post(f"/moter/{mote.pk}/referat/", {"referat": tekst, "handling": "lagre"})
    html = svar.content.decode()
    assert svar.status_code == 400
    assert 'id="id_referat_feil">«Referat» ser ut til å inneholde et fødselsnummer' in html
    assert "«referat»" not in html
    assert "Sak 1: drøftet.\nPasient" in html and "Sak 2: utsatt.</textarea>" in html
    mote.refresh_from_db()
    assert mote.referat == ""


def test_minutes_before_the_meeting_are_refused_at_the_field_with_the_text_kept(
    client, sekretaer, ssu
):
    start = timezone.now() + datetime.timedelta(days=30)
    mote = services.mote_opprett(utfort_av=None, utvalg=ssu, start=start, sted="Drammen")
    client.force_login(sekretaer)
    svar = client.post(f"/moter/{mote.pk}/referat/", {"referat": "Skrevet på forhånd"})
    html = svar.content.decode()
    assert svar.status_code == 400
    assert 'id="id_referat_feil">' in html and "Skrevet på forhånd</textarea>" in html
    assert Mote.objects.get(pk=mote.pk).referat == ""


def test_the_minutes_are_saved_when_clean(client, sekretaer, mote):
    client.force_login(sekretaer)
    svar = client.post(f"/moter/{mote.pk}/referat/", {"referat": "Alt vel.", "handling": "lagre"})
    assert svar.status_code == 302
    mote.refresh_from_db()
    assert mote.referat == "Alt vel."


def test_a_refused_postponement_keeps_its_reason_at_the_field(client, sekretaer, mote, ssu):
    sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Ny rutine")
    services.sak_sett_pa_sakliste(utfort_av=None, mote=mote, sak=sak)
    client.force_login(sekretaer)
    url = f"/moter/{mote.pk}/saker/{sak.pk}/utsett/"
    # Attendance is not recorded: the service refuses, and the reason stays.
    svar = client.post(url, {"begrunnelse": "Mangler tall fra kommunene"})
    html = svar.content.decode()
    assert svar.status_code == 400
    assert f'id="utsett-{sak.pk}-feil">' in html
    assert "Mangler tall fra kommunene</textarea>" in html
    assert '<details class="utsett" open>' in html
    svar = client.post(url, {"begrunnelse": f"Gjelder {FNR}"})
    html = svar.content.decode()
    assert svar.status_code == 400
    assert "«Begrunnelse» ser ut til å inneholde et fødselsnummer" in html
    assert f"Gjelder {FNR}</textarea>" in html
    assert not sak.vedtak.exists()


def test_a_refused_new_meeting_comes_back_with_what_was_written(client, sekretaer, ssu):
    client.force_login(sekretaer)
    svar = client.post(
        f"/utvalg/{ssu.pk}/moter/ny/", {"start": "2026-12-01T10:00", "sted": f"Rom {FNR}"}
    )
    html = svar.content.decode()
    assert svar.status_code == 400
    assert 'id="id_sted_feil">«Sted» ser ut til å inneholde et fødselsnummer' in html
    assert 'value="2026-12-01T10:00"' in html and f'value="Rom {FNR}"' in html
    assert not Mote.objects.exists()


def test_a_refused_case_document_keeps_its_title_and_says_why(client, sekretaer, ssu):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sak = services.sak_opprett(utfort_av=None, utvalg=ssu, tittel="Plan")
    client.force_login(sekretaer)
    url = f"/saker/{sak.pk}/dokumenter/"
    svar = client.post(
        url, {"tittel": "Saksframlegg mars", "fil": SimpleUploadedFile("x.exe", b"MZ")}
    )
    html = svar.content.decode()
    assert svar.status_code == 400
    assert "Filtypen kan ikke lastes opp" in html and 'value="Saksframlegg mars"' in html
    assert "Tittelen er beholdt. Velg filen på nytt." in html
    svar = client.post(
        url, {"tittel": f"Om {FNR}", "fil": SimpleUploadedFile("notat.txt", b"Notat.")}
    )
    assert svar.status_code == 400
    assert "«Tittel» ser ut til å inneholde et fødselsnummer" in svar.content.decode()
    assert client.post(url, {"tittel": "Uten fil"}).status_code == 400
    assert not sak.dokumenter.exists()
