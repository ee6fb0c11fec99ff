"""Login with a second factor, logging out (here or everywhere), two-factor setup, keeping a
session alive, and the security log for administrators."""

import csv
import time

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from helsefellesskap import access
from helsefellesskap.models import Medlemskap
from kjerne.fartsgrense import fartsgrense
from kjerne.forms import DsSkjema
from kjerne.tilgang import innlogget, offentlig
from sikkerhet import ansattporten, okt, tofaktor
from sikkerhet.forms import InnloggingForm, SperretInnloggingForm
from sikkerhet.logg import Type, registrer
from sikkerhet.logglesing import LoggFilter, synlige_hendelser

VENTER = "tofaktor_venter"
REGISTRERING = "tofaktor_registreringskode"
VENTETID = 5 * 60
MAKS_FORSOK = 5


class KodeForm(DsSkjema, forms.Form):
    kode = forms.CharField(
        label=gettext_lazy("Kode"),
        max_length=20,
        help_text=gettext_lazy(
            "Sekssifret kode fra autentiseringsappen, eller en av gjenopprettingskodene dine."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class RegistreringskodeForm(DsSkjema, forms.Form):
    registreringskode = forms.CharField(
        label=gettext_lazy("Registreringskode"),
        max_length=20,
        help_text=gettext_lazy(
            "Koden du fikk av administratoren i organisasjonen din, for eksempel abcde-23456."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class AppKodeForm(KodeForm):
    """Setting up: the app's code only (there are no recovery codes yet)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].help_text = _("Sekssifret kode fra autentiseringsappen.")


class Innlogging(auth_views.LoginView):
    """The password step. With two-factor on, the user is not logged in yet: the session only
    remembers who passed it, for a few minutes, and the code step finishes the login."""

    template_name = "registration/logg_inn.html"
    authentication_form = InnloggingForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not tofaktor.har_tofaktor(user):
            return super().form_valid(form)
        self.request.session[VENTER] = {
            "bruker": user.pk,
            "backend": user.backend,
            "tid": int(time.time()),
            "neste": self.get_success_url(),
            "forsok": 0,
        }
        return redirect("logg-inn-kode")

    def get_context_data(self, **kwargs):
        # The login page is exactly as before unless Ansattporten is configured.
        return super().get_context_data(**kwargs, ansattporten=ansattporten.konfigurert())


logg_inn = offentlig(fartsgrense("innlogging", metoder=("POST",))(Innlogging.as_view()))


def _venter(request: HttpRequest) -> tuple[dict | None, object]:
    venter = request.session.get(VENTER)
    if not venter or time.time() - venter["tid"] > VENTETID:
        return None, None
    user = get_user_model().objects.filter(pk=venter["bruker"], is_active=True).first()
    return (venter, user) if user else (None, None)


@offentlig
@fartsgrense("innlogging", metoder=("POST",))
@require_http_methods(["GET", "POST"])
def logg_inn_kode(request: HttpRequest) -> HttpResponse:
    venter, user = _venter(request)
    if venter is None:
        request.session.pop(VENTER, None)
        messages.info(request, _("Logg inn med e-post og passord først."))
        return redirect("logg-inn")
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enhet = tofaktor.verifiser(user, form.cleaned_data["kode"])
        except tofaktor.Vent as vent:
            form.add_error("kode", _vent(vent))
            return render(request, "sikkerhet/kode.html", {"form": form}, status=429)
        if enhet is not None:
            del request.session[VENTER]
            user.otp_device = enhet  # django-otp marks the session verified on login
            login(request, user, backend=venter["backend"])
            if isinstance(enhet, StaticDevice):
                registrer(Type.GJENOPPRETTINGSKODE_BRUKT, request=request, bruker=user)
                messages.warning(
                    request,
                    _("Du brukte en gjenopprettingskode. Du har %(n)s igjen.")
                    % {"n": tofaktor.gjenstaende_koder(user)},
                )
            else:
                registrer(Type.TOFAKTOR_OK, request=request, bruker=user)
            return redirect(venter["neste"])
        registrer(Type.TOFAKTOR_FEILET, request=request, bruker=user)
        venter["forsok"] += 1
        request.session[VENTER] = venter
        if venter["forsok"] >= MAKS_FORSOK:
            del request.session[VENTER]
            messages.error(request, _("For mange feil koder. Logg inn på nytt."))
            return redirect("logg-inn")
        form.add_error(
            "kode",
            _(
                "Koden stemmer ikke. Skriv inn koden appen viser nå, eller en "
                "gjenopprettingskode. Etter flere feil må du vente litt mellom forsøkene."
            ),
        )
    return render(
        request,
        "sikkerhet/kode.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@offentlig
@fartsgrense("innlogging", metoder=("POST",))
@require_POST
def logg_inn_sperret(request: HttpRequest) -> HttpResponse:
    """A locked user name gets in with password and two-factor code together; the lockout of
    that name is then lifted. Anything wrong gives the lockout page again, the same for a wrong
    address, password or code, so it tells a guesser nothing (settings.AXES_LOCKOUT_PARAMETERS
    has the trade-off)."""
    from axes.utils import reset

    form = SperretInnloggingForm(request.POST)
    enhet = user = None
    if form.is_valid():
        navn = form.cleaned_data["username"]
        user = get_user_model().objects.filter(email=navn, is_active=True).first()
        if user is None:
            get_user_model()().set_password(form.cleaned_data["password"])  # the same time
        elif user.check_password(form.cleaned_data["password"]) and tofaktor.har_tofaktor(user):
            try:
                enhet = tofaktor.verifiser(user, form.cleaned_data["kode"])
            except tofaktor.Vent:
                enhet = None
    if enhet is None:
        if user is not None:
            registrer(Type.TOFAKTOR_FEILET, request=request, bruker=user)
        if form.is_valid():
            form.add_error(
                None,
                _(
                    "Innloggingen er fortsatt stengt. Sjekk e-postadressen, passordet og koden, "
                    "eller vent til sperren går ut."
                ),
            )
        return innlogging_sperret(request, form=form)
    reset(username=user.email)
    user.otp_device = enhet
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    registrer(
        Type.GJENOPPRETTINGSKODE_BRUKT if isinstance(enhet, StaticDevice) else Type.TOFAKTOR_OK,
        request=request,
        bruker=user,
    )
    messages.success(request, _("Du er logget inn, og sperren for brukeren din er opphevet."))
    return redirect(settings.LOGIN_REDIRECT_URL)


def _vent(vent: tofaktor.Vent) -> str:
    return _("Du har skrevet feil kode flere ganger. Vent %(s)s sekunder før du prøver igjen.") % {
        "s": vent.sekunder
    }


def _qrkode(enhet) -> str:
    return mark_safe(  # noqa: S308 -- segno's own SVG of the otpauth URL
        segno.make(enhet.config_url, error="m").svg_inline(
            scale=4, svgclass="qrkode", title=_("QR-kode for autentiseringsappen")
        )
    )


def _hemmelighet(enhet) -> str:
    from base64 import b32encode

    tekst = b32encode(enhet.bin_key).decode()
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


@innlogget
@require_http_methods(["GET", "POST"])
def tofaktor_side(request: HttpRequest) -> HttpResponse:
    """Turn two-factor login on (scan, confirm with a code, keep the recovery codes), make new
    recovery codes, or turn it off where the role allows."""
    user = request.user
    aktiv = tofaktor.har_tofaktor(user)
    handling = request.POST.get("handling", "")
    kontekst = {"aktiv": aktiv, "kreves": tofaktor.krever_tofaktor(user)}
    if not aktiv and tofaktor.krever_registreringskode(user):
        godkjent = tofaktor.godkjent_registreringskode(user, request.session.get(REGISTRERING))
        if godkjent is None:
            return _registreringskode_steg(request, handling, kontekst)
        kontekst["registreringskode"] = godkjent
    form = (KodeForm if aktiv else AppKodeForm)(request.POST or None)
    kontekst["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            svar = _tofaktor_handling(request, handling, form, kontekst)
        except tofaktor.Vent as vent:
            form.add_error("kode", _vent(vent))
        else:
            if svar is not None:
                return svar
    if not kontekst["aktiv"]:
        enhet = tofaktor.ny_app(user, request.session)
        kontekst.update(qrkode=_qrkode(enhet), hemmelighet=_hemmelighet(enhet))
    else:
        kontekst["gjenstaende"] = tofaktor.gjenstaende_koder(user)
    return render(request, "sikkerhet/tofaktor.html", kontekst, status=400 if form.errors else 200)


def _registreringskode_steg(request, handling, kontekst) -> HttpResponse:
    """Before the app's key is shown: the one-time code from an administrator."""
    user = request.user
    sendt = request.method == "POST" and handling == "registreringskode"
    form = RegistreringskodeForm(request.POST if sendt else None)
    if sendt and form.is_valid():
        godkjent = tofaktor.sjekk_registreringskode(user, form.cleaned_data["registreringskode"])
        if godkjent is not None:
            request.session[REGISTRERING] = godkjent.pk
            return redirect("tofaktor")
        registrer(Type.REGISTRERINGSKODE_FEIL, request=request, bruker=user)
        form.add_error(
            "registreringskode",
            _(
                "Koden stemmer ikke, er brukt eller har utløpt. Etter fem feil forsøk slutter "
                "koden å virke. Be administratoren i organisasjonen din om en ny kode."
            ),
        )
    kontekst.update(form=form, trenger_registreringskode=True)
    status = 400 if form.errors else 200
    return render(request, "sikkerhet/tofaktor.html", kontekst, status=status)


def _tofaktor_handling(request, handling, form, kontekst) -> HttpResponse | None:
    """Carry out what the form asked; None (and an error on the form) if the code is wrong."""
    user, kode = request.user, form.cleaned_data["kode"]
    if handling == "aktiver" and not kontekst["aktiv"]:
        enhet = tofaktor.ny_app(user, request.session)
        if tofaktor.bekreft_app(enhet, kode, kontekst.get("registreringskode")):
            request.session.pop(REGISTRERING, None)
            # Sessions elsewhere passed without a second factor: they end; this one goes on.
            user.logg_ut_overalt()
            update_session_auth_hash(request, user)
            otp_login(request, enhet)
            registrer(Type.TOFAKTOR_AKTIVERT, request=request, bruker=user)
            kontekst.update(aktiv=True, koder=tofaktor.nye_gjenopprettingskoder(user))
            return render(request, "sikkerhet/tofaktor.html", kontekst)
    elif handling == "nye_koder" and kontekst["aktiv"]:
        if tofaktor.verifiser(user, kode) is not None:
            registrer(Type.NYE_GJENOPPRETTINGSKODER, request=request, bruker=user)
            kontekst["koder"] = tofaktor.nye_gjenopprettingskoder(user)
            return render(request, "sikkerhet/tofaktor.html", kontekst)
    elif handling == "slaa_av" and kontekst["aktiv"]:
        if kontekst["kreves"]:
            form.add_error(None, _("Rollen din krever tofaktor, så det kan ikke slås av."))
            return None
        if tofaktor.verifiser(user, kode) is not None:
            tofaktor.slaa_av(user)
            registrer(Type.TOFAKTOR_DEAKTIVERT, request=request, bruker=user)
            messages.success(request, _("Tofaktorinnlogging er slått av."))
            return redirect("tofaktor")
    form.add_error("kode", _("Koden stemmer ikke. Skriv inn koden appen viser nå."))
    return None


@innlogget
@require_POST
def registreringskode_lag(request: HttpRequest, organisasjonsnummer: str, pk: int) -> HttpResponse:
    """An administrator of the organisation makes a one-time enrolment code for one of its
    users, shown this once (the user's earlier unused code stops working)."""
    medlemskap = get_object_or_404(
        Medlemskap.objects.select_related("bruker", "organisasjon"),
        pk=pk,
        organisasjon__organisasjonsnummer=organisasjonsnummer,
    )
    organisasjon, bruker = medlemskap.organisasjon, medlemskap.bruker
    if not access.kan_endre_medlemmer(request.user, organisasjon):
        raise PermissionDenied(_("Bare administratorer kan lage registreringskoder."))
    if bruker == request.user or not bruker.is_active:
        messages.error(
            request,
            _("Du kan ikke lage en registreringskode til deg selv eller til en deaktivert bruker."),
        )
        return redirect("organisasjon-medlemmer", organisasjonsnummer=organisasjonsnummer)
    kode = tofaktor.lag_registreringskode(bruker, laget_av=request.user)
    registrer(
        Type.REGISTRERINGSKODE_LAGET,
        request=request,
        bruker=bruker,
        organisasjon=organisasjon,
        beskrivelse=_("Laget av administrator i %(org)s") % {"org": organisasjon},
    )
    return render(
        request,
        "sikkerhet/registreringskode.html",
        {
            "organisasjon": organisasjon,
            "bruker": bruker,
            "kode": kode,
            "utloper": timezone.now() + tofaktor.REGISTRERINGSKODE_GYLDIG,
        },
    )


@innlogget
@require_POST
def logg_ut_overalt(request: HttpRequest) -> HttpResponse:
    user = request.user
    user.logg_ut_overalt()
    registrer(Type.UTLOGGET_OVERALT, request=request, bruker=user)
    request.okt_utlopt = True  # logged above; not also as an ordinary logout
    logout(request)
    messages.success(request, _("Du er logget ut på alle enheter og nettlesere."))
    return redirect("logg-inn")


@innlogget
@require_http_methods(["GET", "POST"])
def okt_forleng(request: HttpRequest) -> JsonResponse:
    """The seconds left of the session. POST is the timeout warning's «Fortsett» and counts as
    activity; GET only asks (another tab may have kept the session), and does not count."""
    if request.method == "POST":
        return JsonResponse({"sekunder": okt.forleng(request)})
    return JsonResponse({"sekunder": okt.gjenstaende(request)})


@offentlig
@require_GET
def admin_innlogging(request: HttpRequest) -> HttpResponse:
    """The admin site logs in through the product's login, with its second factor. Someone
    logged in without access to it is refused, not sent round in a circle."""
    if request.user.is_authenticated:
        raise PermissionDenied(_("Du har ikke tilgang til administrasjonen."))
    neste = request.GET.get("next", "/admin/")
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': neste})}")


@innlogget
@require_GET
def sikkerhetslogg(request: HttpRequest) -> HttpResponse:
    """Administrators search the log (their organisations' users; system administrators all)
    and export what they found as CSV."""
    hendelser = synlige_hendelser(request.user)
    filter_ = LoggFilter(request.GET or None)
    if filter_.is_valid():
        hendelser = filter_.filtrer(hendelser)
    if request.GET.get("format") == "csv":
        return _csv(hendelser)
    side = Paginator(hendelser, 100).get_page(request.GET.get("side"))
    spor = request.GET.copy()
    spor.pop("side", None)
    return render(
        request,
        "sikkerhet/logg.html",
        {"filter": filter_, "side": side, "spor": spor.urlencode()},
    )


class _Ekko:
    def write(self, verdi):
        return verdi


def _csv(hendelser) -> StreamingHttpResponse:
    skriver = csv.writer(_Ekko(), delimiter=";")
    overskrift = ["tidspunkt", "hendelse", "bruker", "utført av", "brukernavn", "ip"]
    overskrift += ["adresse", "nettleser", "beskrivelse"]

    def rader():
        yield "\ufeff" + skriver.writerow(overskrift)
        for h in hendelser.iterator(chunk_size=2000):
            yield skriver.writerow(
                [
                    timezone.localtime(h.tidspunkt).isoformat(timespec="seconds"),
                    h.get_type_display(),
                    _trygg(h.bruker.email) if h.bruker else "",
                    _trygg(h.utfort_av.email) if h.utfort_av else "",
                    _trygg(h.brukernavn),
                    h.ip or "",
                    _trygg(h.adresse),
                    _trygg(h.nettleser),
                    _trygg(h.beskrivelse),
                ]
            )

    svar = StreamingHttpResponse(rader(), content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = 'attachment; filename="sikkerhetslogg.csv"'
    return svar


def _trygg(tekst: str) -> str:
    """No formula injection when the file is opened in a spreadsheet."""
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def innlogging_sperret(
    request: HttpRequest, original_response=None, credentials=None, form=None
) -> HttpResponse:
    """What django-axes shows when a user name is locked after too many failures, with the
    way past it for a user with two-factor (sikkerhet.views.logg_inn_sperret)."""
    minutter = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if form is None:
        navn = (credentials or {}).get("username") or request.POST.get("username", "")
        form = SperretInnloggingForm(initial={"username": navn})
    return render(
        request, "registration/sperret.html", {"minutter": minutter, "form": form}, status=429
    )
