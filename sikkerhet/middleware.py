"""Sessions that end, two-factor login where the role requires it, headers, and the log of
refusals: what every request passes through."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from sikkerhet import ansattporten, okt, tofaktor
from sikkerhet.logg import Type, registrer

UTLOPT = {
    "inaktiv": _("Du ble logget ut fordi du ikke hadde gjort noe på en stund. Logg inn igjen."),
    "maks": _("Du ble logget ut fordi du har vært innlogget lenge. Logg inn igjen."),
    "ukjent": _("Økten din er utløpt. Logg inn igjen."),
}
# What a user who still has to turn on two-factor login may reach.
TOFAKTOR_FRI = frozenset(
    {
        "tofaktor",
        "logg-ut",
        "okt-forleng",
        "ansattporten-logg-inn",
        "ansattporten-retur",
        "ansattporten-utlogget",
    }
)


def _til(request: HttpRequest, adresse: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(adresse)
    return redirect(adresse)


class OktMiddleware:
    """Logs out a session that has run out; no page behind a login is stored by anyone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and (grunn := okt.utlopt(request)):
            registrer(Type.OKT_UTLOPT, request=request, bruker=request.user, beskrivelse=grunn)
            request.okt_utlopt = True
            logout(request)
            messages.info(request, UTLOPT[grunn])
        svar = self.get_response(request)
        if getattr(request, "tilgang", None) == "innlogget" or request.user.is_authenticated:
            if not svar.has_header("Cache-Control"):
                add_never_cache_headers(svar)
            elif "public" not in svar["Cache-Control"]:
                # A download's own caching (a draft PDF) is still not stored.
                patch_cache_control(svar, no_store=True, private=True)
        return svar

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        request.tilgang = getattr(view_func, "tilgang", None)
        # Asking how long is left (the warning's GET) is not activity, nor is a page polling:
        # a view only polled says ``ikke_aktivitet``; one whose own address a waiting page
        # polls by htmx (a PDF the worker makes) says ``polles``.
        sporsmal = request.method == "GET" and (
            request.resolver_match.url_name == "okt-forleng"
            or getattr(view_func, "ikke_aktivitet", False)
            or (getattr(view_func, "polles", False) and getattr(request, "htmx", False))
        )
        if request.user.is_authenticated and not sporsmal:
            okt.marker_aktiv(request)


class TofaktorMiddleware:
    """Administrators, coordinators and staff must log in with a second factor; anyone who has
    turned it on must have used it in this session. An Ansattporten login at level substantial
    or high is such a factor; one at a lower level is sent to log in again at that level."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not (settings.TOFAKTOR_PAKREVD and user.is_authenticated):
            return None
        # Asked on every request, not remembered in the session: roles and devices change.
        # A verified session costs nothing more (django-otp has loaded its device).
        if user.is_verified() or request.resolver_match.url_name in TOFAKTOR_FRI:
            return None
        # An Ansattporten login at level substantial or high stands in for the code; one at a
        # lower level logs in again at that level (step-up) where the code would be needed.
        if ansattporten.sterk_innlogging(request):
            return None
        if ansattporten.okt_acr(request) is not None and (
            tofaktor.har_tofaktor(user) or tofaktor.krever_tofaktor(user)
        ):
            neste = urlencode({"next": request.get_full_path(), "hoyere": "1"})
            return _til(request, f"{reverse('ansattporten-logg-inn')}?{neste}")
        if tofaktor.har_tofaktor(user):
            # Logged in without the second step (a session from before it was turned on).
            logout(request)
            return _til(request, redirect_to_login(request.get_full_path()).url)
        if tofaktor.krever_tofaktor(user):
            # The setup page says why.
            return _til(request, "/min-side/tofaktor/")
        return None


class SikkerhetsMiddleware:
    """Permissions-Policy on every response, oversized requests refused before they are read,
    and every refusal (403) written to the security log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lengde = request.META.get("CONTENT_LENGTH") or "0"
        if lengde.isdigit() and int(lengde) > settings.MAKS_FORESPORSEL_BYTES:
            svar = render(
                request,
                "feil/413.html",
                {"mb": settings.MAKS_FORESPORSEL_BYTES // 1024 // 1024},
                status=413,
            )
        else:
            svar = self.get_response(request)
        if svar.status_code == 403:
            user = getattr(request, "user", None)
            registrer(
                Type.TILGANG_NEKTET,
                request=request,
                bruker=user if user is not None and user.is_authenticated else None,
            )
        svar.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if opprinnelse := ansattporten.opprinnelse():
            # Logging out (a form posted here) goes on to Ansattporten's end-session page;
            # browsers hold redirects after a form to form-action.
            oppdatering = dict(getattr(svar, "_csp_update", None) or {})
            oppdatering["form-action"] = [*oppdatering.get("form-action", []), opprinnelse]
            svar._csp_update = oppdatering
        return svar
