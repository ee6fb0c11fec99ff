"""Archival PDF: content, PDF/A, watermark, checksum, render once, failures leave nothing."""

import datetime
import io
import threading
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from pypdf import PdfReader

from avtaler import pdf as pdfmodul
from avtaler import services
from avtaler.models import Pdfeksport, Signatur
from tests.factories import iverksett, lag_avtale
from tests.pdfhjelp import pdfa_del

D = datetime.date


def _tekst(data: bytes) -> str:
    return "\n".join(side.extract_text() for side in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def signert(kommune, helseforetak, koordinator):
    versjon = lag_avtale(kommune.helsefellesskap, [kommune, helseforetak])
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=koordinator)
    versjon = services.versjon_godkjenn(
        versjon=versjon, utfort_av=koordinator, vedtaksreferanse="SSU 3/2025"
    )
    services.versjon_sett_ikrafttredelse(versjon=versjon, dato=D(2025, 3, 1))
    for org, navn in ((kommune, "Ola Ordfører"), (helseforetak, "Anne Direktør")):
        services.signatur_registrer(
            versjon=versjon,
            organisasjon=org,
            navn=navn,
            tittel="Leder",
            dato=D(2025, 2, 1),
            vedtaksreferanse="KST 5/2025",
            utfort_av=None,
        )
    versjon.refresh_from_db()
    return versjon


@pytest.fixture
def hent(client, django_capture_on_commit_callbacks):
    """Ask for the PDF as a browser would: the first answer may be «genereres», then poll."""

    def hent(versjon):
        url = f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/pdf"
        with django_capture_on_commit_callbacks(execute=True):
            svar = client.get(url)
        return client.get(url) if svar.status_code == 202 else svar

    return hent


def test_the_pdf_is_archival_and_holds_every_heading_and_signatory(hent, signert):
    svar = hent(signert)
    assert svar.status_code == 200
    data = b"".join(svar.streaming_content)
    assert data.startswith(b"%PDF")
    assert pdfa_del(data) == "3"
    tekst = _tekst(data)
    sider = PdfReader(io.BytesIO(data)).pages
    assert all(side.extract_text().strip() for side in sider)  # every page has real text
    for punkt in signert.punkter.all():
        assert f"{punkt.nummer} {punkt.overskrift}" in tekst
    assert "Ola Ordfører" in tekst and "Anne Direktør" in tekst and "KST 5/2025" in tekst
    assert "side 2 av" in tekst and "SSU 3/2025" in tekst
    assert "UTKAST" not in tekst
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata.title.startswith(signert.tittel)
    assert metadata.author == signert.avtale.helsefellesskap.navn


def test_a_draft_has_a_watermark(client, hent, koordinator, kommune):
    utkast = lag_avtale(kommune.helsefellesskap, [kommune])
    client.force_login(koordinator)
    data = b"".join(hent(utkast).streaming_content)
    assert "UTKAST" in _tekst(data)


def test_the_second_download_is_served_from_storage(
    client, hent, signert, django_assert_max_num_queries
):
    forste = hent(signert)
    etag = forste["ETag"]
    assert Pdfeksport.objects.get().forsok == 1
    with django_assert_max_num_queries(6):
        andre = client.get(f"/avtaler/{signert.avtale_id}/versjoner/1/pdf")
    assert andre["ETag"] == etag and "immutable" in andre["Cache-Control"]
    assert Pdfeksport.objects.get().forsok == 1  # not rendered again
    assert (
        client.get(
            f"/avtaler/{signert.avtale_id}/versjoner/1/pdf", headers={"If-None-Match": etag}
        ).status_code
        == 304
    )
    assert (
        etag.strip('"') in client.get(f"/avtaler/{signert.avtale_id}/versjoner/1/").content.decode()
    )


def test_verification_accepts_the_export_and_rejects_an_altered_file(
    hent, signert, tmp_path, capsys
):
    data = b"".join(hent(signert).streaming_content)
    fil = tmp_path / "avtale.pdf"
    fil.write_bytes(data)
    call_command("verifiser_pdf", str(fil))
    assert f"versjon {signert.nummer}" in capsys.readouterr().out
    endret = tmp_path / "endret.pdf"
    endret.write_bytes(
        data.replace(b"Ola Ordf", b"Ole Ordf", 1) if b"Ola Ordf" in data else data + b"\n%"
    )
    with pytest.raises(CommandError, match="IKKE en uendret eksport"):
        call_command("verifiser_pdf", str(endret))


def test_a_failed_render_leaves_no_file_and_can_be_retried(
    client, hent, signert, monkeypatch, django_capture_on_commit_callbacks
):
    def feiler(html):
        raise RuntimeError("WeasyPrint gikk tom for minne")

    monkeypatch.setattr(pdfmodul, "html_til_pdf", feiler)
    svar = hent(signert)
    assert svar.status_code == 202
    assert "PDF-en kunne ikke lages. Ingen halvferdig fil er lagret." in svar.content.decode()
    eksport = Pdfeksport.objects.get()
    assert eksport.status == "feilet" and not eksport.fil and not eksport.sha256
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/avtaler/{signert.avtale_id}/versjoner/1/pdf/{eksport.pk}/prov-igjen/")
    eksport.refresh_from_db()
    assert eksport.status == "ferdig" and eksport.fil


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_render_the_pdf_once(kommune, helseforetak, koordinator):
    versjon = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2025, 1, 1))
    start = threading.Barrier(4)
    feil = []

    def bestill():
        try:
            start.wait()
            pdfmodul.pdf_bestill(versjon)
        except Exception as e:
            feil.append(e)
        finally:
            connections.close_all()

    traader = [threading.Thread(target=bestill) for _ in range(4)]
    for t in traader:
        t.start()
    for t in traader:
        t.join()
    assert feil == []
    eksport = Pdfeksport.objects.get()
    assert eksport.status == "ferdig" and eksport.forsok == 1


def test_the_municipality_bundle_has_every_agreement_and_a_list(
    client, signert, kommune, django_capture_on_commit_callbacks
):
    url = f"/kommuner/{kommune.kommunenummer}/avtaler.zip"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202  # rendering first
    svar = client.get(url)
    assert svar.status_code == 200
    arkiv = zipfile.ZipFile(io.BytesIO(svar.content))
    navn = arkiv.namelist()
    assert "innhold.csv" in navn
    innhold = arkiv.read("innhold.csv").decode("utf-8-sig")
    assert signert.tittel in innhold and Pdfeksport.objects.get().sha256 in innhold
    pdfer = [n for n in navn if n.endswith(".pdf")]
    assert len(pdfer) == 1 and arkiv.read(pdfer[0]).startswith(b"%PDF")
    assert Signatur.objects.count() == 2


def test_the_bundle_page_refreshes_itself_until_the_zip_is_ready(
    client, signert, kommune, django_capture_on_commit_callbacks
):
    """Issue 16: «5 av 6 PDF-er genereres fortsatt. Last siden på nytt om litt» asked the user
    to reload; the status box now polls the same address (htmx, no script of ours), says when
    a PDF failed, and offers the ZIP when every PDF is made."""
    url = f"/kommuner/{kommune.kommunenummer}/avtaler.zip"
    with django_capture_on_commit_callbacks() as koen:
        side = client.get(url)
    assert side.status_code == 202
    tekst = side.content.decode()
    assert f'hx-get="{url}"' in tekst and 'hx-trigger="every 1s"' in tekst
    assert "1 av 1 PDF-er genereres fortsatt" in tekst and "<script>" not in tekst
    boks = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="pakkestatus"' in boks and "<html" not in boks and "every 1s" in boks

    Pdfeksport.objects.update(status=Pdfeksport.Status.FEILET)
    boks = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "kunne ikke lages" in boks and "hx-get" not in boks
    Pdfeksport.objects.update(status=Pdfeksport.Status.VENTER)
    for oppgave in koen:
        oppgave()
    boks = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Alle PDF-ene er klare" in boks and f'href="{url}"' in boks and "hx-get" not in boks
    assert client.get(url)["Content-Type"] == "application/zip"
