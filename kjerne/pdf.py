"""Every PDF of the service is made here: HTML to tagged PDF/A with WeasyPrint, in the worker.

``html_til_pdf`` is the one renderer (archival PDF/A-3b with a structure tree, so screen readers
and archives can read it; fonts from the project's own packages, never fetched). The agreement
PDF keeps its own record (avtaler.Pdfeksport, checksums for verification); every other PDF is
ordered here as a ``Pdfdokument``: a view makes the HTML, ``bestill`` stores it and queues the
render once per content, and ``pdf_svar`` answers with the file when it is made, or with a page
that shows progress and refreshes itself (htmx polling, no script of ours) until it is.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kjerne.models import Pdfdokument

PDF_VARIANT = "pdf/a-3b"


def html_til_pdf(html: str) -> bytes:
    """Tagged PDF/A-3b from HTML; relative URLs (fonts) resolve against the project."""
    from weasyprint import HTML  # heavy import, only in the worker

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )


def sjekksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bestill(art: str, html: str) -> Pdfdokument:
    """The document for this content, created and queued once however many ask at once."""
    from kjerne.tasks import lag_pdfdokument

    nokkel = f"{art}:{sjekksum(html.encode())}"
    eksisterende = Pdfdokument.objects.filter(nokkel=nokkel).first()
    if eksisterende is not None:
        return eksisterende
    try:
        with transaction.atomic():
            dokument, opprettet = Pdfdokument.objects.get_or_create(
                nokkel=nokkel, defaults={"html": html}
            )
    except IntegrityError:  # another request created it between our read and write
        dokument, opprettet = Pdfdokument.objects.get(nokkel=nokkel), False
    if opprettet:
        transaction.on_commit(lambda: lag_pdfdokument.enqueue(dokument.pk))
    return dokument


def prov_igjen(dokument: Pdfdokument) -> None:
    from kjerne.tasks import lag_pdfdokument

    oppdatert = Pdfdokument.objects.filter(Pdfdokument.kan_provs_igjen_q(), pk=dokument.pk).update(
        status=Pdfdokument.Status.VENTER, feil="", startet=None
    )
    if oppdatert:
        transaction.on_commit(lambda: lag_pdfdokument.enqueue(dokument.pk))


def lag(dokument_id: int) -> None:
    """Render and store one document. Runs in the task worker; nothing half-written is kept."""
    tatt = Pdfdokument.objects.filter(pk=dokument_id, status=Pdfdokument.Status.VENTER).update(
        status=Pdfdokument.Status.GENERERER, startet=timezone.now()
    )
    if not tatt:
        return  # someone else is rendering it, or it is done
    dokument = Pdfdokument.objects.get(pk=dokument_id)
    try:
        data = html_til_pdf(dokument.html)
        with transaction.atomic():
            dokument.fil.save(f"{sjekksum(data)[:16]}.pdf", ContentFile(data), save=False)
            dokument.sha256 = sjekksum(data)
            dokument.status = Pdfdokument.Status.FERDIG
            dokument.ferdig = timezone.now()
            dokument.forsok += 1
            dokument.html = ""  # the file is the content now
            dokument.save()
    except Exception as feil:
        if dokument.fil:
            dokument.fil.delete(save=False)
        Pdfdokument.objects.filter(pk=dokument_id).update(
            status=Pdfdokument.Status.FEILET,
            feil=str(feil)[:500],
            fil="",
            forsok=dokument.forsok + 1,
        )


def pdf_svar(
    request: HttpRequest, *, art: str, html: str, filnavn: str, tittel: str
) -> HttpResponse:
    """The answer of a PDF view whose access is checked: the file once made; before that a page
    (202) whose status box htmx polls at the same address, which says when it failed and lets
    the user try again (POST to the same address). Mark the view ``polles = True`` so the
    polls do not keep a session alive (sikkerhet.middleware)."""
    dokument = bestill(art, html)
    if request.method == "POST":
        prov_igjen(dokument)
        return redirect(request.get_full_path())
    dokument.refresh_from_db()
    if dokument.status == Pdfdokument.Status.FERDIG and not request.htmx:
        return _last_ned(request, dokument, filnavn)
    kontekst = {"dokument": dokument, "tittel": tittel, "adresse": request.get_full_path()}
    if request.htmx:
        return render(request, "kjerne/pdf_status.html#status", kontekst)
    return render(request, "kjerne/pdf_status.html", kontekst, status=202)


def _last_ned(request: HttpRequest, dokument: Pdfdokument, filnavn: str) -> HttpResponse:
    svar = FileResponse(
        dokument.fil.open("rb"),
        as_attachment=True,
        filename=filnavn,
        content_type="application/pdf",
    )
    svar["ETag"] = f'"{dokument.sha256}"'
    # The same address may give other content tomorrow (the data changed), and it may be
    # someone's own view of it: the browser asks again each time, nothing shared caches it.
    svar["Cache-Control"] = "private, no-cache"
    return svar
