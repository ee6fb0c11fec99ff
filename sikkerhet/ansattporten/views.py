"""The browser's side of an Ansattporten login: off to the provider, back with a code, the first
login of a new person, tying the login to an existing user, and logging out at the provider."""

import logging
import secrets
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helsefellesskap.models import Organisasjon
from kjerne.fartsgrense import fartsgrense
from kjerne.feil import Domenefeil
from kjerne.forms import DsSkjema
from kjerne.identitet import EpostFelt
from kjerne.tilgang import innlogget, offentlig
from sikkerhet import ansattporten
from sikkerhet.ansattporten import klient, tjenester
from sikkerhet.ansattporten.tokens import UgyldigToken
from sikkerhet.logg import Type, registrer

logger = logging.getLogger(__name__)

FLYT = "ansattporten_flyt"
NY = "ansattporten_ny"
# A login started must come back, and a new person register, within this many seconds.
GYLDIG_SEKUNDER = 10 * 60
LOGG_INN = "logg_inn"
KOBLE = "koble"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _oppsett() -> ansattporten.Oppsett:
    oppsett = ansattporten.oppsett()
    if oppsett is None:
        raise Http404(_("Innlogging med Ansattporten er ikke slått på."))
    return oppsett


def _neste(request: HttpRequest, verdi: str | None) -> str:
    if verdi and url_has_allowed_host_and_scheme(
        verdi, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return verdi
    return reverse("oversikt")


def _retur(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("ansattporten-retur"))


def _start(request: HttpRequest, *, formaal: str, neste: str, acr: str, ny: bool) -> HttpResponse:
    oppsett = _oppsett()
    flyt = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(64),
        "acr": acr,
        "formaal": formaal,
        "neste": neste,
        "bruker": request.user.pk if request.user.is_authenticated else None,
        "tid": int(time.time()),
    }
    try:
        adresse = klient.autorisasjonsadresse(
            oppsett,
            redirect_uri=_retur(request),
            state=flyt["state"],
            nonce=flyt["nonce"],
            code_verifier=flyt["verifier"],
            acr=acr,
            ny_innlogging=ny,
        )
    except klient.Leverandorfeil as feil:
        logger.warning("Ansattporten: %s", feil)
        messages.error(
            request,
            _(
                "Ansattporten svarer ikke akkurat nå. Prøv igjen om litt, eller logg inn med "
                "e-post og passord."
            ),
        )
        return redirect("logg-inn")
    request.session[FLYT] = flyt
    return redirect(adresse)


@offentlig
@fartsgrense("innlogging")
@require_GET
def logg_inn(request: HttpRequest) -> HttpResponse:
    """Off to Ansattporten. With ``hoyere`` (sent by the two-factor middleware) a logged-in user
    logs in again at the level that stands in for the code (step-up)."""
    oppsett = _oppsett()
    neste = _neste(request, request.GET.get("next"))
    if request.GET.get("hoyere") and request.user.is_authenticated:
        acr = ansattporten.steg_opp(oppsett)
        return _start(request, formaal=LOGG_INN, neste=neste, acr=acr, ny=True)
    return _start(request, formaal=LOGG_INN, neste=neste, acr=oppsett.acr, ny=False)


@innlogget
@require_POST
def koble(request: HttpRequest) -> HttpResponse:
    """A user logged in with password (and code) ties their Ansattporten login to the account."""
    oppsett = _oppsett()
    return _start(
        request,
        formaal=KOBLE,
        neste=reverse("min-side"),
        acr=ansattporten.steg_opp(oppsett),
        ny=True,
    )


def _avvis(request: HttpRequest, melding: str, grunn: str, status: int = 403) -> HttpResponse:
    registrer(Type.ANSATTPORTEN_AVVIST, request=request, beskrivelse=grunn)
    kontekst = {"melding": melding}
    return render(request, "sikkerhet/ansattporten_avvist.html", kontekst, status=status)


@offentlig
@fartsgrense("innlogging")
@require_GET
def retur(request: HttpRequest) -> HttpResponse:
    """Back from Ansattporten: the state must be the one sent, the code is exchanged for a token
    that is validated, and the token's organisation decides who may come in."""
    oppsett = _oppsett()
    flyt = request.session.pop(FLYT, None)
    feilkode = request.GET.get("error")
    if feilkode:
        registrer(Type.ANSATTPORTEN_AVVIST, request=request, beskrivelse=f"error={feilkode}"[:500])
        messages.info(request, _("Innloggingen med Ansattporten ble avbrutt. Prøv igjen."))
        return redirect("logg-inn")
    if (
        not isinstance(flyt, dict)
        or time.time() - flyt.get("tid", 0) > GYLDIG_SEKUNDER
        or not secrets.compare_digest(
            str(flyt.get("state")).encode(), request.GET.get("state", "").encode()
        )
        or not request.GET.get("code")
    ):
        return _avvis(
            request,
            _("Innloggingen kunne ikke fullføres fordi den var utløpt eller ugyldig. Prøv igjen."),
            "ukjent eller utløpt state",
            status=400,
        )
    try:
        id_token, krav = klient.hent_id_token(
            oppsett,
            code=request.GET["code"],
            redirect_uri=_retur(request),
            code_verifier=flyt["verifier"],
            nonce=flyt["nonce"],
        )
    except (klient.Leverandorfeil, UgyldigToken) as feil:
        logger.warning("Ansattporten: %s", feil)
        return _avvis(
            request,
            _("Innloggingen med Ansattporten kunne ikke bekreftes. Prøv igjen om litt."),
            str(feil),
            status=502 if isinstance(feil, klient.Leverandorfeil) else 403,
        )
    acr = krav.get("acr")
    if ansattporten.niva(acr) < ansattporten.niva(flyt["acr"]):
        return _avvis(
            request,
            _(
                "Du logget inn på et lavere sikkerhetsnivå enn tjenesten krever. Logg inn på nytt "
                "med en eID på nivå betydelig eller høyt, for eksempel MinID eller BankID."
            ),
            f"acr {acr!r}, krevde {flyt['acr']!r}",
        )
    if flyt["formaal"] == KOBLE:
        return _koble_ferdig(request, flyt, krav, oppsett)
    try:
        avgjorelse = tjenester.innlogging_avgjor(utsteder=oppsett.issuer, krav=krav)
    except tjenester.Avvist as avvist:
        return _avvis(request, str(avvist), "organisasjon: " + str(avvist)[:400])
    # The ID token holds the pid: the session (in the database) keeps it encrypted only.
    innlogging = {
        "acr": acr,
        "id_token": ansattporten.skjul(id_token),
        "org": avgjorelse.organisasjon.pk,
    }
    if avgjorelse.bruker is None:
        request.session[NY] = {
            **innlogging,
            "sub": krav["sub"],
            "navn": str(krav.get("name") or "")[:200],
            "neste": flyt["neste"],
            "tid": int(time.time()),
        }
        return redirect("ansattporten-ny-bruker")
    _logg_inn(request, avgjorelse.bruker, innlogging)
    return redirect(flyt["neste"])


def _logg_inn(request: HttpRequest, bruker, innlogging: dict) -> None:
    organisasjon = Organisasjon.objects.filter(pk=innlogging["org"]).first()
    request.innlogging_beskrivelse = _("Ansattporten, nivå %(acr)s, for %(org)s") % {
        "acr": innlogging["acr"],
        "org": organisasjon or "-",
    }
    login(request, bruker, backend=BACKEND)
    # After login(), which starts a new session key: the level stands in for the code.
    request.session[ansattporten.OKT] = innlogging


def _koble_ferdig(request, flyt, krav, oppsett) -> HttpResponse:
    if not request.user.is_authenticated or request.user.pk != flyt.get("bruker"):
        return _avvis(
            request,
            _("Du må være logget inn for å koble Ansattporten til brukeren din."),
            "kobling uten samme innloggede bruker",
        )
    try:
        tjenester.identitet_koble(bruker=request.user, utsteder=oppsett.issuer, sub=krav["sub"])
    except Domenefeil as feil:
        return _avvis(request, str(feil), "kobling: identiteten tilhører en annen bruker")
    registrer(Type.ANSATTPORTEN_KOBLET, request=request, bruker=request.user)
    messages.success(
        request, _("Ansattporten er koblet til brukeren din. Neste gang kan du logge inn med den.")
    )
    return redirect(flyt["neste"])


class NyBrukerForm(DsSkjema, forms.Form):
    navn = forms.CharField(label=gettext_lazy("Navn"), max_length=200)
    email = EpostFelt(
        label=gettext_lazy("E-postadresse på jobben"),
        help_text=gettext_lazy("Hit sender vi påminnelser og varsler."),
    )


@offentlig
@fartsgrense("innlogging", metoder=("POST",))
@require_http_methods(["GET", "POST"])
def ny_bruker(request: HttpRequest) -> HttpResponse:
    """The first login of a person from an organisation that is a party: name and work e-mail,
    then a user with no role; the organisation's administrators give the roles."""
    oppsett = _oppsett()
    ny = request.session.get(NY)
    if not isinstance(ny, dict) or time.time() - ny.get("tid", 0) > GYLDIG_SEKUNDER:
        request.session.pop(NY, None)
        messages.info(request, _("Logg inn med Ansattporten først."))
        return redirect("logg-inn")
    organisasjon = Organisasjon.objects.filter(pk=ny["org"]).first()
    if organisasjon is None:
        del request.session[NY]
        messages.error(request, _("Organisasjonen finnes ikke lenger her. Logg inn på nytt."))
        return redirect("logg-inn")
    form = NyBrukerForm(request.POST or None, initial={"navn": ny["navn"]})
    if request.method == "POST" and form.is_valid():
        try:
            bruker = tjenester.bruker_opprett_fra_ansattporten(
                utsteder=oppsett.issuer,
                sub=ny["sub"],
                navn=form.cleaned_data["navn"],
                email=form.cleaned_data["email"],
                organisasjon=organisasjon,
                medlemsside=request.build_absolute_uri(
                    reverse("organisasjon-medlemmer", args=[organisasjon.organisasjonsnummer])
                ),
            )
        except Domenefeil as feil:
            form.add_error(None, str(feil))
        else:
            del request.session[NY]
            registrer(
                Type.ANSATTPORTEN_NY_BRUKER,
                request=request,
                bruker=bruker,
                organisasjon=organisasjon,
                beskrivelse=str(organisasjon),
            )
            _logg_inn(request, bruker, {k: ny[k] for k in ("acr", "id_token", "org")})
            messages.success(
                request,
                _(
                    "Velkommen! Administratorene i %(org)s har fått beskjed og gir deg en rolle. "
                    "Til da ser du det som er åpent for alle."
                )
                % {"org": organisasjon.navn},
            )
            return redirect("min-side")
    return render(
        request,
        "sikkerhet/ansattporten_ny_bruker.html",
        {"form": form, "organisasjon": organisasjon},
        status=400 if form.errors else 200,
    )


@offentlig
@require_POST
def logg_ut(request: HttpRequest) -> HttpResponse:
    """Logging out here; a session that came from Ansattporten is ended there too."""
    innlogging = request.session.get(ansattporten.OKT)
    svar = auth_views.LogoutView.as_view()(request)
    oppsett = ansattporten.oppsett()
    if oppsett is None or not isinstance(innlogging, dict) or not innlogging.get("id_token"):
        return svar
    id_token = ansattporten.vis(innlogging["id_token"])
    if id_token is None:
        return svar
    adresse = klient.utloggingsadresse(
        oppsett,
        id_token=id_token,
        post_logout_redirect_uri=request.build_absolute_uri(reverse("ansattporten-utlogget")),
        state=secrets.token_urlsafe(16),
    )
    return redirect(adresse) if adresse else svar


@offentlig
@require_GET
def utlogget(request: HttpRequest) -> HttpResponse:
    """Back from logging out at Ansattporten."""
    messages.success(request, _("Du er logget ut, også fra Ansattporten."))
    return redirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
