from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from avtaler import access, livslop
from avtaler.diff import ETIKETTER, Endring, diff_versjoner, oppsummering, tider_diff
from avtaler.lesing import avtaletre, les_dato
from avtaler.models import (
    UNDER_ARBEID,
    Avtale,
    Avtaleversjon,
    Punktversjon,
    Utskrivningstider,
    i_dag,
)
from helsefellesskap import access as hf_access
from helsefellesskap.models import Organisasjon
from kjerne.feil import Domenefeil
from kjerne.sortering import norsk_sortert
from kjerne.tilgang import offentlig


def _dato_eller_feil(request: HttpRequest):
    try:
        return les_dato(request.GET.get("dato")), None
    except Domenefeil as feil:
        return les_dato(None), str(feil)


@offentlig
@require_GET
def avtaleliste(request: HttpRequest) -> HttpResponse:
    dato, datofeil = _dato_eller_feil(request)
    kommuner = norsk_sortert(Organisasjon.objects.kommuner())
    valgt_kommune = next(
        (k for k in kommuner if k.kommunenummer == request.GET.get("kommune")), None
    )
    versjoner = Avtaleversjon.objects.gjeldende(dato, valgt_kommune).med_avtale()
    valgt_type = request.GET.get("type", "")
    if valgt_type in Avtale.Type.values:
        versjoner = versjoner.filter(avtale__type=valgt_type)
    return render(
        request,
        "avtaler/liste.html",
        {
            "tre": avtaletre(list(versjoner)),
            "dato": dato,
            "datofeil": datofeil,
            "kommuner": kommuner,
            "valgt_kommune": valgt_kommune,
            "typer": Avtale.Type.choices,
            "valgt_type": valgt_type,
        },
        status=400 if datofeil else 200,
    )


@offentlig
@require_GET
def kommune(request: HttpRequest, kommunenummer: str) -> HttpResponse:
    """Everything in force for one municipality, with its place in the Helsefellesskap."""
    kommune = get_object_or_404(
        Organisasjon.objects.kommuner().select_related("helsefellesskap"),
        kommunenummer=kommunenummer,
    )
    dato, datofeil = _dato_eller_feil(request)
    versjoner = Avtaleversjon.objects.gjeldende(dato, kommune).med_avtale()
    return render(
        request,
        "avtaler/kommune.html",
        {
            "kommune": kommune,
            "medlemskap": kommune.fellesskapsmedlemskap.gjeldende(dato)
            .select_related("helsefellesskap")
            .first(),
            "lokalomrader": kommune.lokalomrader_pa(dato),
            "helseforetak": Organisasjon.objects.helseforetak().filter(
                helsefellesskap=kommune.helsefellesskap_id
            ),
            "tre": avtaletre(list(versjoner)),
            "dato": dato,
            "datofeil": datofeil,
        },
        status=400 if datofeil else 200,
    )


def _vis_versjon(request: HttpRequest, versjon: Avtaleversjon, **ekstra) -> HttpResponse:
    punkter = list(versjon.punkter.order_by("rekkefolge"))
    # Read for a municipality: its own attachments, and the PDF of its own agreement.
    kommune = ekstra.get("kommune")
    vedlegg = (
        Avtaleversjon.objects.gjeldende(ekstra.get("dato"), kommune)
        .filter(avtale__overordnet=versjon.avtale_id)
        .med_avtale()
    )
    alle = list(versjon.avtale.versjoner.order_by("nummer").only("nummer", "tilstand", "avtale_id"))
    forrige = next((v for v in reversed(alle) if v.nummer < versjon.nummer and v.er_signert), None)
    parter = list(versjon.parter.all())
    under_arbeid = next((v for v in alle if v.tilstand in UNDER_ARBEID), None)
    return render(
        request,
        "avtaler/versjon.html",
        {
            "versjon": versjon,
            "avtale": versjon.avtale,
            "punkter": punkter,
            "parter": parter,
            "kan_revidere": access.kan_revidere(request.user, versjon, parter),
            "under_arbeid": under_arbeid,
            "pdf_sha256": versjon.pdfer.filter(status="ferdig")
            .values_list("sha256", flat=True)
            .first()
            if versjon.er_signert
            else None,
            "leseforesporsel": getattr(versjon, "leseforesporsel", None)
            if versjon.avtale.type in ("rutine", "retningslinje")
            else None,
            "har_lest": request.user.is_authenticated
            and versjon.lesebekreftelser.filter(bruker=request.user).exists(),
            "er_part": bool(
                hf_access.organisasjoner_med_rolle(request.user) & {p.pk for p in parter}
            ),
            "vedlegg": avtaletre(list(vedlegg)),
            "forrige": forrige,
            # The discharge hours are part of the version: shown with its text.
            "utskrivningstider": Utskrivningstider.objects.filter(versjon=versjon).first()
            if versjon.avtale.er_utskrivningsrutine
            else None,
            "antall_versjoner": len(alle),
            "pdf_kommune": kommune.kommunenummer
            if kommune is not None and kommune in parter
            else "",
            **ekstra,
        },
        status=400 if ekstra.get("datofeil") or ekstra.get("leseform") else 200,
    )


@offentlig
@require_GET
def avtale(request: HttpRequest, pk: int) -> HttpResponse:
    """The version in force today, or on ?dato=."""
    avtale = get_object_or_404(Avtale, pk=pk)
    dato, datofeil = _dato_eller_feil(request)
    kommune = (
        Organisasjon.objects.kommuner().filter(kommunenummer=request.GET.get("kommune")).first()
        if request.GET.get("kommune")
        else None
    )
    versjon = (
        Avtaleversjon.objects.gjeldende(dato, kommune)
        .for_lesing()
        .filter(avtale=avtale)
        .order_by("-nummer")
        .first()
    )
    if versjon is None:
        return render(
            request,
            "avtaler/ingen_gjeldende.html",
            {"avtale": avtale, "dato": dato, "datofeil": datofeil},
            status=400 if datofeil else 404,
        )
    return _vis_versjon(
        request, versjon, dato=dato, datofeil=datofeil, gjeldende_visning=True, kommune=kommune
    )


@offentlig
@require_GET
def versjon(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    return _vis_versjon(request, access.lesbar_versjon(request.user, pk, nummer), dato=None)


@offentlig
@require_GET
def versjoner(request: HttpRequest, pk: int) -> HttpResponse:
    avtale = get_object_or_404(Avtale.objects.select_related("tema"), pk=pk)
    alle = list(
        avtale.versjoner.order_by("-nummer")
        .prefetch_related("parter")
        .annotate(antall_i_kraft=Count("forhold", filter=livslop.i_kraft_q(i_dag(), "forhold__")))
    )
    synlige = [v for v in alle if access.kan_se_versjon(request.user, v, list(v.parter.all()))]
    if not synlige:
        raise Http404
    return render(
        request,
        "avtaler/versjoner.html",
        {"avtale": avtale, "versjoner": synlige, "tittel": synlige[0].tittel},
    )


@offentlig
@require_GET
def endringer(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between two versions: clause by clause, word by word."""
    avtale = get_object_or_404(Avtale, pk=pk)
    alle = list(avtale.versjoner.order_by("nummer").prefetch_related("parter"))
    synlige = {
        v.nummer: v for v in alle if access.kan_se_versjon(request.user, v, list(v.parter.all()))
    }
    if len(synlige) < 2:
        raise Http404
    nummer = sorted(synlige)
    try:
        fra_nr = int(request.GET.get("fra") or nummer[-2])
        til_nr = int(request.GET.get("til") or nummer[-1])
    except ValueError:
        fra_nr, til_nr = 0, 0
    if fra_nr not in synlige or til_nr not in synlige:
        return render(
            request,
            "avtaler/endringer.html",
            {
                "avtale": avtale,
                "versjoner": list(synlige.values()),
                "feil": _("Velg to versjoner av avtalen som finnes."),
            },
            status=400,
        )
    fra, til = synlige[fra_nr], synlige[til_nr]
    punkter: dict[int, list[Punktversjon]] = {fra.pk: [], til.pk: []}
    for punkt in Punktversjon.objects.filter(versjon__in=[fra.pk, til.pk]).order_by("rekkefolge"):
        punkter[punkt.versjon_id].append(punkt)
    resultat = diff_versjoner(punkter[fra.pk], punkter[til.pk])
    antall = oppsummering(resultat)
    tider = {t.versjon_id: t for t in Utskrivningstider.objects.filter(versjon__in=[fra, til])}
    return render(
        request,
        "avtaler/endringer.html",
        {
            "avtale": avtale,
            "versjoner": list(synlige.values()),
            "fra": fra,
            "til": til,
            "endringer": [e for e in resultat if not e.er_uendret],
            "uendrede": [e for e in resultat if e.er_uendret],
            "oppsummering": [(ETIKETTER[e], antall[e]) for e in Endring if e != Endring.UENDRET],
            "tider_endret": tider_diff(tider.get(fra.pk), tider.get(til.pk)),
        },
    )
