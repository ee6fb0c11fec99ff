from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kjerne.tilgang import innlogget
from varsler import tjenester
from varsler.models import Levering, Varsel

PER_SIDE = 50


@innlogget
@require_GET
def varsler(request: HttpRequest) -> HttpResponse:
    side = Paginator(
        Varsel.objects.filter(mottaker=request.user).only(
            "pk", "type", "tekst", "lenke", "opprettet", "lest"
        ),
        PER_SIDE,
    ).get_page(request.GET.get("side"))
    return render(
        request,
        "varsler/liste.html",
        {
            "side": side,
            "innstillinger": tjenester.innstillinger_for(request.user),
            "leveringer": Levering.choices,
        },
    )


def _get_varsel_for_user(request: HttpRequest, pk: int) -> Varsel:
    # Another user's notice does not exist for this one.
    return get_object_or_404(Varsel, pk=pk, mottaker=request.user)


@innlogget
@require_POST
def apne(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the thing a notice is about, marking the notice read."""
    varsel = _get_varsel_for_user(request, pk)
    tjenester.varsler_marker_lest(bruker=request.user, varsel_ider=[varsel.pk])
    if not url_has_allowed_host_and_scheme(varsel.lenke, allowed_hosts=None):
        return redirect("varsler")
    return redirect(varsel.lenke)


@innlogget
@require_POST
def alle_lest(request: HttpRequest) -> HttpResponse:
    antall = tjenester.varsler_marker_lest(bruker=request.user)
    messages.success(request, _("%(antall)s varsler er merket som lest.") % {"antall": antall})
    return redirect("varsler")


@innlogget
@require_POST
def innstillinger(request: HttpRequest) -> HttpResponse:
    tjenester.innstillinger_lagre(
        bruker=request.user,
        valg={k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"},
    )
    messages.success(request, _("Valgene for varsler er lagret."))
    return redirect("varsler")
