"""Import of an existing agreement: upload, check and correct line by line, create a draft.

The file is read once, in a child process with a budget (`importering.budsjett`); its
lines stay in the session, and every correction the coordinator makes (make a line a
heading, make it text, join it to the block above, start a new paragraph) re-interprets
them. Nothing is stored as an agreement until «Opprett utkast». Every step works as a
plain form post; with htmx the preview is replaced in place.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from avtaler import access, services
from avtaler.forms import ImportForm, ImportMetadataForm
from avtaler.importering import Importresultat, Lesing, Overstyring, tolk
from avtaler.importering.budsjett import les_med_budsjett
from avtaler.importering.modeller import ROLLER
from helsefellesskap import access as hf_access
from kjerne.feil import Domenefeil
from kjerne.tilgang import innlogget

IMPORT_NOKKEL = "avtaleimport"
HANDLINGER = {"overskrift", "tekst", "sammen", "del"}
METADATAFELT = ("helsefellesskap", "type", "tittel", "tema", "overordnet", "parter")


def _metadata_skjema(request: HttpRequest, data=None, initial=None) -> ImportMetadataForm:
    egne_org_ids = (
        None
        if hf_access.er_systemforvalter(request.user)
        else list(hf_access.organisasjoner_med_rolle(request.user, *access.KOORDINERENDE))
    )
    return ImportMetadataForm(
        data,
        initial=initial,
        helsefellesskap_ids=access.helsefellesskap_for_import(request.user),
        egne_org_ids=egne_org_ids,
    )


def _metadata_initial(lagret: dict) -> dict:
    """What the coordinator has typed in the agreement's details so far (sent along with each
    correction), else the title found in the file: a correction never wipes out the details."""
    initial = {"tittel": lagret["tittel"]}
    for navn, verdier in lagret.get("metadata", {}).items():
        initial[navn] = verdier if navn == "parter" else (verdier[0] if verdier else "")
    return initial


def _husk_metadata(request: HttpRequest, lagret: dict) -> None:
    if any(navn in request.POST for navn in METADATAFELT):
        lagret["metadata"] = {navn: request.POST.getlist(navn) for navn in METADATAFELT}


def _tolket(lagret: dict) -> Importresultat:
    overstyringer = {
        int(nr): Overstyring(handling, nummer)
        for nr, (handling, nummer) in lagret.get("overstyringer", {}).items()
    }
    return tolk(Lesing.utpakket(lagret["lesing"]), overstyringer)


def _forhandsvisning(request, lagret: dict, skjema, status: int = 200, feil: str = ""):
    try:
        resultat = _tolket(lagret)
    except Domenefeil as tolkefeil:
        resultat, feil = None, str(tolkefeil)
    kontekst = {
        "lagret": lagret,
        "resultat": resultat,
        "rader": _rader(resultat, lagret) if resultat else [],
        "skjema": skjema,
        "rettefeil": feil,
    }
    mal = "avtaler/importer.html#forhandsvisning" if request.htmx else "avtaler/importer.html"
    return render(request, mal, kontekst, status=status)


def _rader(resultat: Importresultat, lagret: dict) -> list[dict]:
    """The lines for the preview, each with its role and the remarks made at it."""
    merknader: dict[int, list] = {}
    for merknad in resultat.merknader:
        if merknad.linje:
            merknader.setdefault(merknad.linje, []).append(merknad)
    rettet = {int(nr) for nr in lagret.get("overstyringer", {})}
    rader = []
    for rolle in resultat.roller:
        if rolle.rolle == "tom":
            continue
        linje = rolle.linje
        tekst = " | ".join(linje.celler) if linje.art == "tabell" else linje.tekst
        rader.append(
            {
                "nr": linje.nr,
                "rolle": rolle.rolle,
                "navn": ROLLER[rolle.rolle],
                "nummer": rolle.nummer,
                "tekst": f"{linje.etikett} {tekst}".strip() if linje.etikett else tekst,
                "merknader": merknader.get(linje.nr, []),
                "rettet": linje.nr in rettet,
            }
        )
    return rader


def _rett(request: HttpRequest, lagret: dict) -> str:
    """Apply one correction from the form; returns an error message or ""."""
    verdi = request.POST.get("rett", "")
    handling, _skille, nr = verdi.partition(":")
    if not nr.isdigit() or handling not in HANDLINGER | {"angre"}:
        return _("Ukjent retting.")
    overstyringer = lagret.setdefault("overstyringer", {})
    if handling == "angre":
        overstyringer.pop(nr, None)
        return ""
    nummer = request.POST.get(f"nummer-{nr}", "").strip()[:20]
    overstyringer[nr] = [handling, nummer if handling == "overskrift" else ""]
    return ""


@innlogget
@require_http_methods(["GET", "POST"])
def importer(request: HttpRequest) -> HttpResponse:
    """Upload an agreement, check and correct the parsed result, then create a draft."""
    if not access.kan_importere(request.user):
        raise PermissionDenied(
            _("Bare samhandlingskoordinatorer og administratorer kan importere.")
        )
    handling = request.POST.get("handling", "")
    lagret = request.session.get(IMPORT_NOKKEL)

    if request.method == "POST" and handling == "avbryt":
        request.session.pop(IMPORT_NOKKEL, None)
        return redirect("avtale-importer")

    if request.method == "POST" and handling in ("rett", "nullstill") and lagret:
        feil = ""
        _husk_metadata(request, lagret)
        if handling == "nullstill":
            lagret["overstyringer"] = {}
        else:
            feil = _rett(request, lagret)
        request.session[IMPORT_NOKKEL] = lagret
        if request.htmx or feil:
            skjema = _metadata_skjema(request, initial=_metadata_initial(lagret))
            return _forhandsvisning(request, lagret, skjema, status=400 if feil else 200, feil=feil)
        anker = request.POST.get("rett", "").partition(":")[2]
        return redirect(f"{request.path}#linje-{anker}" if anker else request.path)

    if request.method == "POST" and handling == "importer" and lagret:
        skjema = _metadata_skjema(request, request.POST)
        if skjema.is_valid():
            try:
                resultat = _tolket(lagret)
                versjon = services.avtale_opprett(
                    utfort_av=request.user, punkter=resultat.punkter(), **skjema.cleaned_data
                )
            except Domenefeil as feil:
                skjema.add_error(None, str(feil))
            else:
                del request.session[IMPORT_NOKKEL]
                messages.success(
                    request,
                    _("«%(tittel)s» er importert som utkast med %(n)d punkter.")
                    % {"tittel": versjon.tittel, "n": len(resultat.seksjoner)},
                )
                for merknad in resultat.advarsler:
                    messages.warning(request, merknad.tekst)
                return redirect(versjon)
        return _forhandsvisning(request, lagret, skjema, status=400)

    filskjema = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and handling == "vis" and filskjema.is_valid():
        fil = filskjema.cleaned_data["fil"]
        try:
            lesing = les_med_budsjett(fil.name, fil.read())
            resultat = tolk(lesing)
        except Domenefeil as feil:
            filskjema.add_error("fil", str(feil))
        else:
            lagret = {
                "filnavn": fil.name,
                "tittel": resultat.tittel or fil.name.rsplit(".", 1)[0],
                "lesing": lesing.pakket(),
                "overstyringer": {},
            }
            request.session[IMPORT_NOKKEL] = lagret
            return _forhandsvisning(
                request, lagret, _metadata_skjema(request, initial={"tittel": lagret["tittel"]})
            )
    elif request.method == "GET" and lagret:
        return _forhandsvisning(
            request, lagret, _metadata_skjema(request, initial=_metadata_initial(lagret))
        )
    return render(
        request,
        "avtaler/importer.html",
        {"filskjema": filskjema},
        status=400 if filskjema.errors else 200,
    )
