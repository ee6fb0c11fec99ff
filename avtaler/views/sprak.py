"""Clear, binding wording: the language check in the editor, the dashboard
and the responsibility matrix."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from avtaler import access
from avtaler.models import Ansvarsplassering, Avtaleversjon, Punkt
from avtaler.sprak import analyser, marker_vage, ordliste_fra_db
from avtaler.sprakrapport import PARTNAVN, ansvarsmatrise, sprakrapport
from avtaler.tekst import render_tekst
from helsefellesskap.models import Organisasjon
from kjerne.tilgang import innlogget, offentlig


def analysekontekst(tekst: str, ordliste=None, malform: str | None = None) -> dict:
    """The preview with vague phrases marked, and the analysis of the text. `malform` is the
    agreement's written standard once agreements have one; until then it is guessed."""
    analyse = analyser(tekst, ordliste or ordliste_fra_db(), malform)
    return {"analyse": analyse, "markert": marker_vage(render_tekst(tekst), analyse)}


@innlogget
@require_POST
def forhandsvis(request: HttpRequest) -> HttpResponse:
    """Live preview while typing: the rendered text with vague phrases marked, and the analysis."""
    return render(request, "avtaler/_analyse.html", analysekontekst(request.POST.get("tekst", "")))


@offentlig
@require_GET
def sprakoversikt(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    versjon = access.lesbar_versjon(request.user, pk, nummer)
    return render(
        request,
        "avtaler/sprak.html",
        {
            "versjon": versjon,
            "avtale": versjon.avtale,
            "rapport": sprakrapport(versjon, ordliste_fra_db()),
        },
    )


@offentlig
@require_GET
def ansvar(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    versjon = access.lesbar_versjon(request.user, pk, nummer)
    plassert, uplassert = ansvarsmatrise([versjon], ordliste_fra_db())
    return render(
        request,
        "avtaler/ansvar.html",
        {
            "tittel": versjon.tittel,
            "versjon": versjon,
            "plassert": plassert,
            "uplassert": uplassert,
            "partnavn": PARTNAVN,
            "kan_plassere": access.kan_revidere(request.user, versjon),
            "valg": Ansvarsplassering.Part.choices,
        },
    )


@offentlig
@require_GET
def kommune_ansvar(request: HttpRequest, kommunenummer: str) -> HttpResponse:
    kommune = get_object_or_404(Organisasjon.objects.kommuner(), kommunenummer=kommunenummer)
    versjoner = list(Avtaleversjon.objects.gjeldende(None, kommune).med_avtale())
    plassert, uplassert = ansvarsmatrise(versjoner, ordliste_fra_db())
    return render(
        request,
        "avtaler/ansvar.html",
        {
            "tittel": kommune.navn,
            "kommune": kommune,
            "plassert": plassert,
            "uplassert": uplassert,
            "partnavn": PARTNAVN,
        },
    )


@innlogget
@require_POST
def ansvar_plasser(request: HttpRequest, pk: int, nummer: int, punkt_pk: int) -> HttpResponse:
    """A coordinator places a duty the analysis could not, or corrects it."""
    versjon = access.lesbar_versjon(request.user, pk, nummer)
    if not access.kan_revidere(request.user, versjon):
        raise PermissionDenied(_("Bare partenes koordinatorer plasserer ansvar."))
    punkt = get_object_or_404(Punkt, pk=punkt_pk, avtale=pk)
    part = request.POST.get("part", "")
    if part not in Ansvarsplassering.Part.values:
        messages.error(request, _("Velg hvem som har ansvaret."))
    else:
        Ansvarsplassering.objects.update_or_create(
            punkt=punkt, defaults={"part": part, "plassert_av": request.user}
        )
        messages.success(request, _("Ansvaret er plassert."))
    return redirect("avtale-ansvar", pk=pk, nummer=nummer)
