from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helsefellesskap import access, services
from helsefellesskap.forms import GiRolleForm
from helsefellesskap.kommunesok import entydig_kommune, finn_kommuner
from helsefellesskap.models import Helsefellesskap, Medlemskap, Organisasjon, User
from kjerne.fartsgrense import fartsgrense
from kjerne.feil import Domenefeil
from kjerne.meldinger import utfor
from kjerne.sortering import Norsk, norsk_sortert
from kjerne.tilgang import innlogget, offentlig


@offentlig
@require_GET
def forside(request: HttpRequest) -> HttpResponse:
    return _forside(request)


def _forside(request: HttpRequest, kommunesok: dict | None = None, status: int = 200):
    """The front page; `kommunesok` is a search that found nothing ({"tekst", "feil"}), shown
    in the picker as typed with the reason at the field."""
    helsefellesskap = Helsefellesskap.objects.prefetch_related(
        Prefetch("organisasjoner", queryset=Organisasjon.objects.kommuner(), to_attr="kommuner"),
        Prefetch(
            "organisasjoner",
            queryset=Organisasjon.objects.helseforetak(),
            to_attr="helseforetakene",
        ),
    )
    for hf in helsefellesskap:
        hf.kommuner = norsk_sortert(hf.kommuner)
    return render(
        request,
        "helsefellesskap/forside.html",
        {"helsefellesskap": helsefellesskap, "kommunesok": kommunesok},
        status=status,
    )


@offentlig
@require_GET
def kommune_velg(request: HttpRequest) -> HttpResponse:
    """The municipality picker's target: works as a plain form without JavaScript.

    A number, a name or the start of one that names a single municipality leads straight to it;
    otherwise the visitor chooses among the matches.
    """
    tekst = request.GET.get("kommune", "")
    treff = finn_kommuner(tekst)
    kommune = entydig_kommune(tekst, treff)
    if kommune is not None:
        return redirect("kommune", kommunenummer=kommune.kommunenummer)
    if not treff:
        if tekst.strip():
            melding = _("Fant ingen kommune som passer til «%(tekst)s».") % {"tekst": tekst[:100]}
        else:
            melding = _("Skriv navnet eller nummeret på en kommune.")
        # The front page again with what was typed, not a redirect that emptied the field.
        return _forside(
            request, {"tekst": tekst[:100], "feil": melding}, status=200 if tekst.strip() else 400
        )
    return render(request, "helsefellesskap/kommune_velg.html", {"treff": treff, "tekst": tekst})


@offentlig
@fartsgrense("kommuneforslag")
@require_GET
def kommune_forslag(request: HttpRequest) -> HttpResponse:
    """Suggestions while the visitor types (htmx); the same matches the form leads to."""
    tekst = request.GET.get("kommune", "")
    return render(
        request,
        "helsefellesskap/kommuneforslag.html",
        {"treff": finn_kommuner(tekst), "tekst": tekst},
    )


@innlogget
@require_GET
def min_side(request: HttpRequest) -> HttpResponse:
    medlemskap = request.user.medlemskap.select_related("organisasjon").order_by(
        "organisasjon__navn", "rolle"
    )
    kan_lese_logg = access.er_systemforvalter(request.user) or bool(
        access.organisasjoner_med_rolle(request.user, Medlemskap.Rolle.ADMINISTRATOR)
    )
    return render(
        request,
        "helsefellesskap/min_side.html",
        {
            "medlemskap": medlemskap,
            "kan_lese_logg": kan_lese_logg,
            # sikkerhet is to the right of helsefellesskap: asked through settings and the
            # reverse relation, not by importing it.
            "ansattporten": bool(getattr(settings, "ANSATTPORTEN", None)),
            "ansattporten_koblet": request.user.ansattporten_identiteter.exists(),
        },
    )


def _get_organisasjon_for_user(request: HttpRequest, organisasjonsnummer: str) -> Organisasjon:
    organisasjon = get_object_or_404(Organisasjon, organisasjonsnummer=organisasjonsnummer)
    if not access.kan_se_medlemmer(request.user, organisasjon):
        raise PermissionDenied(_("Du har ikke tilgang til brukerne i denne organisasjonen."))
    return organisasjon


@innlogget
@require_http_methods(["GET", "POST"])
def organisasjon_medlemmer(request: HttpRequest, organisasjonsnummer: str) -> HttpResponse:
    organisasjon = _get_organisasjon_for_user(request, organisasjonsnummer)
    kan_endre = access.kan_endre_medlemmer(request.user, organisasjon)
    form = GiRolleForm(request.POST or None)
    if request.method == "POST":
        if not kan_endre:
            raise PermissionDenied(_("Bare administratorer kan gi roller."))
        if form.is_valid():
            try:
                medlemskap = services.medlemskap_gi(
                    utfort_av=request.user,
                    bruker=form.cleaned_data["email"],
                    organisasjon=organisasjon,
                    rolle=form.cleaned_data["rolle"],
                )
            except Domenefeil as feil:
                form.add_error(None, str(feil))
            else:
                messages.success(request, _("%(m)s er lagt til.") % {"m": medlemskap})
                return redirect("organisasjon-medlemmer", organisasjonsnummer=organisasjonsnummer)
    medlemskap = organisasjon.medlemskap.select_related("bruker").order_by(
        Norsk("bruker__navn"), "rolle"
    )
    # People who logged in with Ansattporten for this organisation and have no role here yet
    # (sikkerhet.AnsattportenIdentitet, read through its relation: no import to the right).
    venter = (
        User.objects.filter(is_active=True, ansattporten_identiteter__organisasjon=organisasjon)
        .exclude(medlemskap__organisasjon=organisasjon)
        .distinct()
        .order_by(Norsk("navn"))
        if kan_endre
        else User.objects.none()
    )
    return render(
        request,
        "helsefellesskap/medlemmer.html",
        {
            "organisasjon": organisasjon,
            "medlemskap": medlemskap,
            "venter": venter,
            "roller": Medlemskap.Rolle.choices,
            "form": form,
            "kan_endre": kan_endre,
        },
        status=400 if form.errors else 200,
    )


@innlogget
@require_POST
def medlemskap_fjern(request: HttpRequest, organisasjonsnummer: str, pk: int) -> HttpResponse:
    organisasjon = _get_organisasjon_for_user(request, organisasjonsnummer)
    medlemskap = get_object_or_404(
        Medlemskap.objects.select_related("bruker", "organisasjon"),
        pk=pk,
        organisasjon=organisasjon,
    )
    if not access.kan_endre_medlemmer(request.user, organisasjon):
        raise PermissionDenied(_("Bare administratorer kan fjerne roller."))
    utfor(
        request,
        lambda: services.medlemskap_fjern(utfort_av=request.user, medlemskap=medlemskap),
        _("%(m)s er fjernet.") % {"m": medlemskap},
    )
    return redirect("organisasjon-medlemmer", organisasjonsnummer=organisasjonsnummer)
