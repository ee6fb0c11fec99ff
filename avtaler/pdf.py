"""PDF of a version: HTML from a template, rendered in the task worker by kjerne.pdf's renderer
(tagged PDF/A-3b).

A signed version never changes, so its PDF is rendered once, stored with its SHA-256 and
served as a file afterwards. Nothing half-written is ever left: the file is saved only
when the whole PDF exists.
"""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from avtaler.models import Avtaleforhold, Avtaleversjon, Pdfeksport, Signatur
from helsefellesskap.models import Organisasjon
from kjerne.pdf import html_til_pdf, sjekksum
from kjerne.sortering import Norsk

SIGNERT = "signert"


PLASSHOLDER = "XX kommune"


def pdf_html(versjon: Avtaleversjon, kommune: Organisasjon | None = None) -> str:
    """The HTML the PDF is made from; its checksum identifies the content.

    With a municipality: that municipality's own agreement (seed 004 § 2: between «XX kommune»
    and the health trust): its name in the text, the two parties, its signature page and the
    day it entered into force for it."""
    parter = list(versjon.parter.order_by("type", Norsk("navn")))
    forhold = {f.part_id: f for f in Avtaleforhold.objects.filter(versjon=versjon)}
    eget = None
    if kommune is not None:
        parter = [p for p in parter if p.pk == kommune.pk or not p.er_kommune]
        eget = forhold.get(kommune.pk)
    alle = list(Signatur.objects.filter(versjon=versjon))
    signaturer = {s.organisasjon_id: s for s in alle if s.forhold_id is None}
    if eget is not None:
        # The health trust's signature on this municipality's agreement alone, if it signed so.
        signaturer.update({s.organisasjon_id: s for s in alle if s.forhold_id == eget.pk})
    fra = eget.i_kraft_fra if eget is not None and eget.i_kraft_fra else versjon.gyldig_fra
    punkter = list(versjon.punkter.order_by("rekkefolge"))
    if kommune is not None:
        for punkt in punkter:
            punkt.tekst = punkt.tekst.replace(PLASSHOLDER, kommune.navn)
    vedlegg = []
    if versjon.er_signert and fra:
        # The attached routines as they were when the version came into force (for the
        # municipality: when its agreement did): the same PDF whenever it is rendered.
        for underversjon in (
            Avtaleversjon.objects.gjeldende(fra, kommune)
            .filter(
                avtale__overordnet=versjon.avtale_id, avtale__type__in=("rutine", "retningslinje")
            )
            .select_related("avtale")
        ):
            vedlegg.append(
                {
                    "versjon": underversjon,
                    "punkter": list(underversjon.punkter.order_by("rekkefolge")),
                }
            )
    return render_to_string(
        "avtaler/pdf.html",
        {
            "versjon": versjon,
            "avtale": versjon.avtale,
            "parter": parter,
            "kommune": kommune,
            "gjelder_fra": fra,
            "punkter": punkter,
            "vedlegg": vedlegg,
            "signaturer": [(p, signaturer.get(p.pk), forhold.get(p.pk)) for p in parter],
            "signaturer_registrert": any(signaturer.get(p.pk) for p in parter),
        },
    )


def pdf_bestill(versjon: Avtaleversjon, kommune: Organisasjon | None = None) -> Pdfeksport:
    """The export for this content, created and queued once however many ask at once."""
    from avtaler.tasks import lag_pdf

    # A signed version has one content for ever (per municipality); a draft one per HTML.
    inngatt = (
        kommune is None
        or Avtaleforhold.objects.filter(
            versjon=versjon, part=kommune, i_kraft_fra__isnull=False
        ).exists()
    )
    if versjon.er_signert and inngatt:
        innhold = SIGNERT if kommune is None else f"{SIGNERT}-{kommune.pk}"
    else:  # a draft, or a municipality's agreement still to be concluded: one per content
        innhold = sjekksum(pdf_html(versjon, kommune).encode())
    eksisterende = Pdfeksport.objects.filter(versjon=versjon, innhold=innhold).first()
    if eksisterende is not None:
        return eksisterende
    try:
        with transaction.atomic():
            eksport, opprettet = Pdfeksport.objects.get_or_create(
                versjon=versjon, innhold=innhold, defaults={"part": kommune}
            )
    except IntegrityError:  # another request created it between our read and write
        eksport, opprettet = Pdfeksport.objects.get(versjon=versjon, innhold=innhold), False
    if opprettet:
        transaction.on_commit(lambda: lag_pdf.enqueue(eksport.pk))
    return eksport


def pdf_prov_igjen(eksport: Pdfeksport) -> Pdfeksport:
    from avtaler.tasks import lag_pdf

    oppdatert = Pdfeksport.objects.filter(Pdfeksport.kan_provs_igjen_q(), pk=eksport.pk).update(
        status=Pdfeksport.Status.VENTER, feil="", startet=None
    )
    if oppdatert:
        transaction.on_commit(lambda: lag_pdf.enqueue(eksport.pk))
    eksport.refresh_from_db()
    return eksport


def pdf_lag(eksport_id: int) -> None:
    """Render and store one export. Runs in the task worker."""
    tatt = Pdfeksport.objects.filter(pk=eksport_id, status=Pdfeksport.Status.VENTER).update(
        status=Pdfeksport.Status.GENERERER, startet=timezone.now()
    )
    if not tatt:
        return  # someone else is rendering it, or it is done
    eksport = Pdfeksport.objects.select_related("versjon", "versjon__avtale", "part").get(
        pk=eksport_id
    )
    try:
        data = html_til_pdf(pdf_html(eksport.versjon, eksport.part))
        navn = f"{eksport.versjon.avtale_id}-v{eksport.versjon.nummer}-{sjekksum(data)[:12]}.pdf"
        with transaction.atomic():
            eksport.fil.save(navn, ContentFile(data), save=False)
            eksport.sha256 = sjekksum(data)
            eksport.status = Pdfeksport.Status.FERDIG
            eksport.ferdig = timezone.now()
            eksport.forsok += 1
            eksport.save()
    except Exception as feil:
        if eksport.fil:
            eksport.fil.delete(save=False)
        Pdfeksport.objects.filter(pk=eksport_id).update(
            status=Pdfeksport.Status.FEILET, feil=str(feil)[:500], fil="", forsok=eksport.forsok + 1
        )


def finn_eksport(data: bytes) -> Pdfeksport | None:
    """The signed version's export this file is an unaltered copy of, if any."""
    return (
        Pdfeksport.objects.filter(sha256=sjekksum(data), status=Pdfeksport.Status.FERDIG)
        .select_related("versjon", "versjon__avtale")
        .first()
    )
