"""The clinician's lookup: the discharge routine in force today for a municipality, key facts
first, on a phone, without logging in; and a print version with a QR code for the ward wall."""

import segno
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from avtaler.utskrivning import generasjon, utskrivningsrutine
from helsefellesskap.models import Organisasjon
from kjerne.tilgang import offentlig

# Today and the next days: enough to see the coming weekend or holiday.
DAGER_FRAM = 7


@offentlig
@require_GET
def utskrivning(request: HttpRequest, kommunenummer: str) -> HttpResponse:
    """The hottest page: for visitors without a session (the nurse on a phone) it is kept for
    the minute it shows, since «allowed now» and the time on it change by the minute. A change
    to an agreement starts a new generation of the cache (avtaler.utskrivning)."""
    if not (len(kommunenummer) == 4 and kommunenummer.isascii() and kommunenummer.isdigit()):
        # Never a municipality, and never a cache key of a length the visitor chose.
        raise Http404
    na = timezone.localtime()
    utskrift = request.GET.get("utskrift") == "1"
    if settings.SESSION_COOKIE_NAME in request.COOKIES or request.user.is_authenticated:
        return _utskrivning(request, kommunenummer, na, utskrift)
    nokkel = (
        f"utskrivning:{request.get_host()}:{kommunenummer}:{int(utskrift)}:"
        f"{na:%Y%m%d%H%M}:{generasjon()}"
    )
    if (html := cache.get(nokkel)) is None:
        svar = _utskrivning(request, kommunenummer, na, utskrift)
        if svar.status_code != 200 or svar.cookies:
            return svar
        cache.set(nokkel, html := svar.content.decode(), 60)
    return HttpResponse(html)


def _utskrivning(request: HttpRequest, kommunenummer: str, na, utskrift: bool) -> HttpResponse:
    kommune = get_object_or_404(Organisasjon.objects.kommuner(), kommunenummer=kommunenummer)
    rutine = utskrivningsrutine(kommune, na.date())
    kontekst = {"kommune": kommune, "rutine": rutine, "na": na}
    if rutine is not None:
        kontekst["punkter"] = rutine.punkter
        if rutine.tider is not None:
            kontekst["tillatt_na"] = rutine.tillatt_na(na)
            kontekst["i_dag"] = rutine.dagvindu(na.date())
            kontekst["dager"] = rutine.dager(na.date(), DAGER_FRAM)
    mal = "avtaler/utskrivning.html"
    if utskrift:
        adresse = request.build_absolute_uri(request.path)
        # Generated here as SVG markup: no image service, nothing fetched by the browser.
        kontekst["qrkode"] = mark_safe(  # noqa: S308 - segno's own SVG from our URL
            segno.make(adresse, error="m").svg_inline(
                scale=4, svgclass="qrkode", title=f"QR-kode til {adresse}"
            )
        )
        kontekst["adresse"] = adresse
        mal = "avtaler/utskrivning_utskrift.html"
    return render(request, mal, kontekst)
