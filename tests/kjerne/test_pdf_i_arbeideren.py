"""Every PDF is made by the task worker through one renderer as tagged PDF/A (issue 16): the
minutes, the avvik summary and the yearly report, like the agreement PDF. The first request
queues it and answers with a page that refreshes itself (htmx polling, no script of ours);
the file is served once made, and the same content is not rendered twice."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from avvik import services as avvik_services
from avvik.models import Avvikskategori
from helsefellesskap import services as hf_services
from kjerne.models import Pdfdokument
from tests.factories import MedlemskapFactory, fullt_ssu
from tests.pdfhjelp import hent_pdf, pdf_innhold, pdfa_del, strukturtre


@pytest.fixture
def ssu(helsefellesskap):
    return fullt_ssu(helsefellesskap, rotasjon_fra=datetime.date(2021, 1, 1))


@pytest.fixture
def avvik(ansatt, kommune, helseforetak):
    return avvik_services.avvik_registrer(
        melder=ansatt,
        meldt_av_organisasjon=kommune,
        ansvarlig=helseforetak,
        kategori=Avvikskategori.objects.get(navn="Manglende epikrise"),
        hendelse=timezone.now() - datetime.timedelta(days=1),
        beskrivelse="Pasient skrevet ut uten epikrise.",
        stige="pasientrelatert",
    )


@pytest.fixture
def referat(client, ssu):
    mote = hf_services.mote_opprett(
        utfort_av=None,
        utvalg=ssu,
        start=timezone.make_aware(datetime.datetime(2026, 3, 10, 10)),
        sted="Drammen",
    )
    hf_services.referat_lagre(utfort_av=None, mote=mote, tekst="Møtet gikk bra.")
    client.force_login(ssu.medlemmer.filter(rolle="medlem").first().bruker)
    return f"/moter/{mote.pk}/referat.pdf"


@pytest.fixture
def sammendrag(client, ansatt, avvik):
    client.force_login(ansatt)
    return f"/avvik/{avvik.pk}/sammendrag.pdf"


@pytest.fixture
def arsrapport(client, koordinator, helsefellesskap, avvik):
    client.force_login(koordinator)
    return f"/avvik/arsrapport/{helsefellesskap.kortnavn}/{timezone.localdate().year}.pdf"


DOKUMENTER = ["referat", "sammendrag", "arsrapport"]


@pytest.mark.parametrize("dokument", DOKUMENTER)
def test_the_pdf_is_tagged_pdfa_made_by_the_worker(db, client, request, dokument):
    url = request.getfixturevalue(dokument)
    with TestCase.captureOnCommitCallbacks() as koen:
        forste = client.get(url)
    # Not rendered in the request: a page that polls the same address, the render queued.
    assert forste.status_code == 202
    side = forste.content.decode()
    assert f'hx-get="{url}"' in side and 'hx-trigger="every 1s"' in side
    assert "PDF-en genereres" in side and "<script>" not in side
    assert Pdfdokument.objects.get().status == Pdfdokument.Status.VENTER
    for oppgave in koen:
        oppgave()  # the worker (the test task backend runs the task at once)
    svar = client.get(url)
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    data = pdf_innhold(svar)
    assert pdfa_del(data) == "3"
    tagger = strukturtre(data)
    assert "H1" in tagger and "P" in tagger, tagger


@pytest.mark.parametrize("dokument", DOKUMENTER)
def test_the_progress_box_says_when_it_is_ready_and_when_it_failed(db, client, request, dokument):
    url = request.getfixturevalue(dokument)
    client.get(url)  # queued; not rendered (the test's transaction never commits)
    boks = client.get(url, headers={"HX-Request": "true"})
    assert boks.status_code == 200 and 'id="pdfstatus"' in boks.content.decode()
    assert "<html" not in boks.content.decode() and "every 1s" in boks.content.decode()

    Pdfdokument.objects.update(status=Pdfdokument.Status.FEILET, feil="WeasyPrint stoppet")
    boks = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "PDF-en kunne ikke lages" in boks and "hx-get" not in boks  # polling stops
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(url).status_code == 302  # «Prøv igjen»
    dokument_ = Pdfdokument.objects.get()
    assert dokument_.status == Pdfdokument.Status.FERDIG and dokument_.html == ""
    boks = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "PDF-en er klar" in boks and f'href="{url}"' in boks and "hx-get" not in boks


def test_the_same_content_is_rendered_once_and_new_content_again(client, sammendrag, avvik):
    forste = pdf_innhold(hent_pdf(client, sammendrag))
    laget = Pdfdokument.objects.get()
    assert pdf_innhold(hent_pdf(client, sammendrag)) == forste
    assert list(Pdfdokument.objects.values_list("pk", "ferdig")) == [(laget.pk, laget.ferdig)]
    # The summary depends on the case: when the case changes, the PDF is made anew.
    bruker = MedlemskapFactory(organisasjon=avvik.ansvarlig, rolle="samhandlingskoordinator")
    avvik_services.avvik_svar(avvik=avvik, utfort_av=bruker.bruker, forklaring="F.", tiltak="T.")
    assert pdf_innhold(hent_pdf(client, sammendrag)) != forste
    assert Pdfdokument.objects.count() == 2


def test_approved_minutes_are_one_document_for_the_public(client, referat):
    from helsefellesskap.models import Mote

    mote = Mote.objects.get()
    hf_services.referat_godkjenn(utfort_av=None, mote=mote)
    client.logout()
    hent_pdf(client, referat)
    hent_pdf(client, referat)
    assert Pdfdokument.objects.filter(status=Pdfdokument.Status.FERDIG).count() == 1


@pytest.mark.parametrize("dokument", DOKUMENTER)
def test_polling_for_the_pdf_does_not_keep_the_session_alive(db, client, request, dokument):
    """A waiting page left open (a worker that is down) would otherwise hold a session open
    for ever; the plain request, a user's own, is activity."""
    import time

    from sikkerhet.okt import SIST_AKTIV

    url = request.getfixturevalue(dokument)
    client.get(url)
    for_to_minutter = int(time.time()) - 120  # within the session's lifetime
    okt = client.session
    okt[SIST_AKTIV] = for_to_minutter
    okt.save()
    client.get(url, headers={"HX-Request": "true"})
    assert client.session[SIST_AKTIV] == for_to_minutter
    client.get(url)
    assert client.session[SIST_AKTIV] > for_to_minutter
