"""PDF downloads: served from storage once rendered, with a progress page meanwhile."""

import csv
import io
import zipfile

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from avtaler import access
from avtaler.models import Avtaleforhold, Avtaleversjon, Pdfeksport
from avtaler.pdf import pdf_bestill, pdf_prov_igjen
from helsefellesskap.models import Organisasjon
from kjerne.tilgang import offentlig


def _filnavn(versjon: Avtaleversjon, part: Organisasjon | None = None) -> str:
    import re

    grunn = re.sub(r"[^a-z0-9æøå]+", "-", versjon.tittel.lower()).strip("-")[:60]
    if part is not None:
        grunn += "-" + re.sub(r"[^a-z0-9æøå]+", "-", part.navn.lower()).strip("-")
    return f"{grunn}-versjon-{versjon.nummer}.pdf"


def _last_ned(request: HttpRequest, eksport: Pdfeksport) -> HttpResponse:
    etag = f'"{eksport.sha256}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    svar = FileResponse(
        eksport.fil.open("rb"),
        as_attachment=True,
        filename=_filnavn(eksport.versjon, eksport.part),
        content_type="application/pdf",
    )
    svar["ETag"] = etag
    # A signed version's PDF never changes; a draft's does.
    svar["Cache-Control"] = (
        "public, max-age=31536000, immutable" if eksport.versjon.er_signert else "private, no-cache"
    )
    return svar


@offentlig
@require_GET
def pdf(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    versjon = access.lesbar_versjon(request.user, pk, nummer)
    kommune = None
    if request.GET.get("kommune"):
        kommune = get_object_or_404(
            Organisasjon.objects.kommuner().filter(avtaleversjoner=versjon),
            kommunenummer=request.GET["kommune"],
        )
    eksport = pdf_bestill(versjon, kommune)
    eksport.refresh_from_db()
    if eksport.status == Pdfeksport.Status.FERDIG:
        return _last_ned(request, eksport)
    return render(
        request, "avtaler/pdf_status.html", {"versjon": versjon, "eksport": eksport}, status=202
    )


@offentlig
@require_GET
def pdf_status(request: HttpRequest, pk: int, nummer: int, eksport_pk: int) -> HttpResponse:
    """The progress fragment htmx polls while the PDF is rendered."""
    versjon = access.lesbar_versjon(request.user, pk, nummer)
    eksport = get_object_or_404(Pdfeksport, pk=eksport_pk, versjon=versjon)
    return render(
        request, "avtaler/pdf_status.html#status", {"versjon": versjon, "eksport": eksport}
    )


# Polled every second while waiting: not activity that keeps a session alive.
pdf_status.ikke_aktivitet = True


@offentlig
@require_POST
def pdf_prov_pa_nytt(request: HttpRequest, pk: int, nummer: int, eksport_pk: int) -> HttpResponse:
    versjon = access.lesbar_versjon(request.user, pk, nummer)
    pdf_prov_igjen(get_object_or_404(Pdfeksport, pk=eksport_pk, versjon=versjon))
    return redirect("avtale-pdf", pk=pk, nummer=nummer)


@offentlig
@require_GET
def kommune_pakke(request: HttpRequest, kommunenummer: str) -> HttpResponse:
    """Every agreement in force for the municipality as one ZIP of PDFs with innhold.csv."""
    kommune = get_object_or_404(Organisasjon.objects.kommuner(), kommunenummer=kommunenummer)
    versjoner = list(
        Avtaleversjon.objects.gjeldende(None, kommune)
        .med_avtale()
        .order_by("avtale__type", "tittel")
    )
    eksporter = [pdf_bestill(v, kommune) for v in versjoner]
    for eksport in eksporter:
        eksport.refresh_from_db()
    ventende = [e for e in eksporter if e.status != Pdfeksport.Status.FERDIG]
    if ventende or request.htmx:
        # The page refreshes its status box itself (htmx polling the same address) until
        # every PDF is made, or one has failed; the ZIP is served to a plain request.
        kontekst = {
            "kommune": kommune,
            "ventende": ventende,
            "antall": len(eksporter),
            "feilet": any(e.kan_provs_igjen for e in ventende),
        }
        if request.htmx:
            return render(request, "avtaler/pakke_status.html#status", kontekst)
        return render(request, "avtaler/pakke_status.html", kontekst, status=202)
    # The day each agreement entered into force for this municipality, not the text's first.
    fra = dict(
        Avtaleforhold.objects.filter(versjon__in=versjoner, part=kommune).values_list(
            "versjon_id", "i_kraft_fra"
        )
    )
    buffer = io.BytesIO()
    innhold = io.StringIO()
    skriver = csv.writer(innhold, delimiter=";")
    skriver.writerow(["fil", "tittel", "type", "versjon", "gjelder_fra", "godkjent", "sha256"])
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as arkiv:
        for eksport in eksporter:
            versjon = eksport.versjon
            navn = _filnavn(versjon)
            with eksport.fil.open("rb") as fil:
                arkiv.writestr(navn, fil.read())
            skriver.writerow(
                [
                    navn,
                    versjon.tittel,
                    versjon.avtale.get_type_display(),
                    versjon.nummer,
                    (fra.get(versjon.pk) or versjon.gyldig_fra).isoformat(),
                    versjon.godkjent_vedtak,
                    eksport.sha256,
                ]
            )
        arkiv.writestr("innhold.csv", "\ufeff" + innhold.getvalue())
    svar = HttpResponse(buffer.getvalue(), content_type="application/zip")
    svar["Content-Disposition"] = f'attachment; filename="avtaler-{kommune.kommunenummer}.zip"'
    return svar


# Its waiting page polls this address (kjerne.pdf): the polls are not activity.
kommune_pakke.polles = True
