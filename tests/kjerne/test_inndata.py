"""Dates and numbers inside sane bounds, NUL characters refused, and pages no stored row can
break (issue 15, item 2). Each case here was a 500 in the issue's report."""

import datetime

import pytest
from django.utils import timezone

from avvik import services as avvikstjenester
from avvik.models import Avvik, Avvikskategori
from helsefellesskap import services as utvalgstjenester
from helsefellesskap.models import Mote
from tests.factories import MedlemskapFactory, fullt_ssu
from tests.pdfhjelp import hent_pdf

AR_1 = datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.UTC)
AR_9999 = datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC)


@pytest.fixture
def kategori(db):
    return Avvikskategori.objects.get(navn="Manglende epikrise")


@pytest.fixture
def avvik(ansatt, kommune, helseforetak, kategori):
    return avvikstjenester.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=kategori,
        hendelse=timezone.now() - datetime.timedelta(days=1),
        beskrivelse="Utskrevet uten epikrise.",
        stige="pasientrelatert",
    )


def _ny_avvik(client, kommune, helseforetak, kat, **endret):
    data = {
        "meldt_av_organisasjon": kommune.pk,
        "ansvarlig": helseforetak.pk,
        "kategori": kat.pk,
        "stige": "pasientrelatert",
        "hendelse": "2026-11-20T22:10",
        "beskrivelse": "Utskrevet uten epikrise.",
        **endret,
    }
    return client.post("/avvik/ny/", data)


@pytest.mark.parametrize(
    "endret",
    [
        {"hendelse": "0001-01-01T00:00"},
        {"hendelse": "9999-12-31T23:59"},
        {"brudd_slutt": "9999-12-31T23:59"},
        {"ansvarlig": "abc"},
        {"ansvarlig": "99999999999999999999"},
        {"kategori": "-1"},
        {"punkt": "99999999999999999999"},
    ],
)
def test_registering_with_a_date_or_number_out_of_bounds_is_a_400_with_the_input_kept(
    client, ansatt, kommune, helseforetak, kategori, endret
):
    """Issue 15: `hendelse=0001-01-01T00:00` was stored and `ansvarlig=abc` was a 500."""
    client.force_login(ansatt)
    svar = _ny_avvik(client, kommune, helseforetak, kategori, **endret)
    assert svar.status_code == 400
    assert "Utskrevet uten epikrise." in svar.content.decode()
    assert not Avvik.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/avvik/statistikk/?til=9999-12-31",
        "/avvik/statistikk/?fra=0001-01-01&til=9999-12-31",
        "/avvik/statistikk/?til=9999-12-31&format=csv",
        "/avvik/punkter/?hendelse=9999-12-31T23:59&ansvarlig=%C2%B2",
        "/avvik/punkter/?hendelse=0001-01-01T00:00&ansvarlig=1&kategori=1&meldt_av_organisasjon=1",
        "/sikkerhetslogg/?til=9999-12-31",
        "/sikkerhetslogg/?fra=0001-01-01&til=9999-12-31&format=csv",
    ],
)
def test_query_parameters_out_of_bounds_are_no_500(client, systemforvalter, url):
    client.force_login(systemforvalter)
    assert client.get(url).status_code in (200, 400)


@pytest.mark.parametrize(
    "url",
    [
        "/kommuner/%00/",
        "/kommuner/%00/ansvar/",
        "/avvik/punkter/?sok=%00",
        "/sok/?kommune=%00",
        "/sok/?q=a%00b",
        "/?x=%00",
    ],
)
def test_a_nul_character_anywhere_is_a_400_in_norwegian(client, ansatt, url):
    client.force_login(ansatt)
    svar = client.get(url)
    assert svar.status_code == 400
    assert "NUL-tegnet" in svar.content.decode()


def test_a_nul_character_in_a_form_field_is_a_400(client, ansatt, avvik):
    """Issue 15: NUL in an avvik comment (and 20 other places) was a 500 on PostgreSQL."""
    client.force_login(ansatt)
    svar = client.post(
        f"/avvik/{avvik.pk}/handling/", {"handling": "kommenter", "kommenter-tekst": "a\x00b"}
    )
    assert svar.status_code == 400
    assert not avvik.hendelser.filter(type="kommentar").exists()


def test_an_avvik_dated_year_1_already_stored_breaks_no_page(
    client, ansatt, kommune, helseforetak, kategori, avvik, systemforvalter
):
    """Issue 15: one avvik dated 0001-01-01T00:00 made /avvik/, its page and PDF and the
    admin list answer 500 for everyone of both organisations. The admin still lists it."""
    Avvik.objects.filter(pk=avvik.pk).update(hendelse=AR_1, frist=AR_9999)
    hf_ansatt = MedlemskapFactory(organisasjon=helseforetak, rolle="ansatt").bruker
    for bruker in (ansatt, hf_ansatt):
        client.force_login(bruker)
        for url in (
            "/avvik/",
            f"/avvik/{avvik.pk}/",
            f"/avvik/{avvik.pk}/sammendrag.pdf",
            "/avvik/statistikk/",
            "/avvik/statistikk/?format=csv",
        ):
            svar = hent_pdf(client, url)
            assert svar.status_code in (200, 404), (url, svar.status_code)
    client.force_login(systemforvalter)
    liste = client.get("/admin/avvik/avvik/")
    assert liste.status_code == 200 and f"/admin/avvik/avvik/{avvik.pk}/" in liste.content.decode()
    assert client.get(f"/admin/avvik/avvik/{avvik.pk}/change/").status_code == 200


def test_a_meeting_dated_year_1_already_stored_breaks_no_page(client, helsefellesskap):
    """Issue 15: a meeting dated year 1 broke /utvalg/1/, its calendar feed and the meeting
    page for everyone, anonymous included."""
    ssu = fullt_ssu(helsefellesskap)
    mote = utvalgstjenester.mote_opprett(
        utfort_av=None,
        utvalg=ssu,
        start=timezone.make_aware(datetime.datetime(2026, 3, 10, 10)),
        sted="Drammen",
    )
    Mote.objects.filter(pk=mote.pk).update(start=AR_1)
    andre = utvalgstjenester.mote_opprett(
        utfort_av=None,
        utvalg=ssu,
        start=timezone.make_aware(datetime.datetime(2026, 4, 10, 10)),
        sted="Asker",
    )
    Mote.objects.filter(pk=andre.pk).update(start=AR_9999)
    sekretaer = ssu.medlemmer.get(rolle="sekretaer").bruker
    for bruker in (None, sekretaer):
        if bruker:
            client.force_login(bruker)
        for url in (
            f"/utvalg/{ssu.pk}/",
            f"/utvalg/{ssu.pk}/?ar=1",
            f"/utvalg/{ssu.pk}/?ar=99999999999999",
            f"/utvalg/{ssu.pk}/moter.ics",
            f"/moter/{mote.pk}/",
            f"/moter/{andre.pk}/",
            "/utvalg/",
            "/",
        ):
            svar = client.get(url)
            assert svar.status_code in (200, 400), (url, svar.status_code)


def test_a_meeting_cannot_be_planned_in_year_1(client, helsefellesskap):
    ssu = fullt_ssu(helsefellesskap)
    client.force_login(ssu.medlemmer.get(rolle="sekretaer").bruker)
    svar = client.post(
        f"/utvalg/{ssu.pk}/moter/ny/", {"start": "0001-01-01T10:00", "sted": "Her"}, follow=True
    )
    assert "Datoen må være mellom 01.01.2000 og 31.12.2100." in svar.content.decode()
    assert not Mote.objects.exists()


def test_a_time_stored_before_year_1_on_postgresql_breaks_no_page(
    client, ansatt, avvik, systemforvalter
):
    """Issue 15: on PostgreSQL a local 0001-01-01T00:00 is stored as a BC time in UTC, which
    psycopg cannot read; the lists, the page and the admin read it as the first moment."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Only PostgreSQL stores a time before year 1.")
    with connection.cursor() as markor:
        markor.execute(
            f"UPDATE {Avvik._meta.db_table} SET hendelse = %s WHERE id = %s",  # noqa: S608
            ["0001-01-01 00:00:00+01", avvik.pk],
        )
    client.force_login(ansatt)
    for url in ("/avvik/", f"/avvik/{avvik.pk}/", f"/avvik/{avvik.pk}/sammendrag.pdf"):
        assert hent_pdf(client, url).status_code == 200, url
    client.force_login(systemforvalter)
    assert client.get("/admin/avvik/avvik/").status_code == 200
