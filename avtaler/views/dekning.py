"""§ 6-2 coverage: for a municipality on a date, topic by topic with the clauses that cover it;
and per version, which topics each clause covers, where the coordinators correct it."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from avtaler import access
from avtaler.dekning import punkt_sett_temaer, temadekning
from avtaler.lesing import les_dato
from avtaler.models import Avtaleversjon, Punkttema, Punktversjon, Tema, i_dag
from helsefellesskap.models import Organisasjon
from kjerne.feil import Domenefeil
from kjerne.tilgang import innlogget, offentlig


def _dato_fra(request: HttpRequest) -> datetime.date:
    """The date asked for (?dato=2020-01-01), or today; a bad or far date says so and shows
    today. Read as every ?dato= is (avtaler.lesing.les_dato)."""
    try:
        return les_dato(request.GET.get("dato", "").strip())
    except Domenefeil as feil:
        messages.error(request, _("%(feil)s Viser dagens dekning.") % {"feil": feil})
    return i_dag()


@offentlig
@require_GET
def kommune_dekning(request: HttpRequest, kommunenummer: str) -> HttpResponse:
    """§ 6-2 coverage for a municipality on a date, against the topics the law required then."""
    kommune = get_object_or_404(Organisasjon.objects.kommuner(), kommunenummer=kommunenummer)
    dato = _dato_fra(request)
    versjoner = list(
        Avtaleversjon.objects.gjeldende(dato, kommune)
        .med_avtale()
        .prefetch_related("avtale__dekker_temaer")
    )
    dekning = [(d, d.gjennomgang_passert(dato)) for d in temadekning(versjoner, dato)]
    return render(
        request,
        "avtaler/dekning.html",
        {
            "kommune": kommune,
            "dato": dato,
            "dekning": dekning,
            "mangler": [d for d, _p in dekning if not d.dekket],
        },
    )


def _temaer_for_versjon(versjon: Avtaleversjon):
    """The topics a clause of the version can cover: those in force on any day of it."""
    temaer = Tema.objects.all()
    # The version's last day is the last party's (avtaler.livslop); open while one is open.
    slutt = [f.sluttdato for f in versjon.forhold.all()]
    if slutt and None not in slutt:
        temaer = temaer.filter(gyldig_fra__lte=max(slutt))
    if versjon.gyldig_fra:
        temaer = temaer.exclude(gyldig_til__lt=versjon.gyldig_fra)
    return temaer


@dataclass
class Endring:
    """One line of the mapping's history: a topic added to or removed from a clause."""

    tidspunkt: datetime.datetime
    hvem: object
    fjernet: bool
    tema: Tema
    punkt_id: int
    fra: datetime.date
    begrunnelse: str


def _endringer(*, avtale_pk: int, antall: int) -> list[Endring]:
    """The latest additions and removals on the agreement's clauses, newest first: read from
    the dated rows themselves (who, when, from which day, why). One query."""
    endringer = []
    for pt in Punkttema.objects.filter(punkt__avtale=avtale_pk).select_related(
        "tema", "plassert_av", "avsluttet_av"
    ):
        endringer.append(
            Endring(
                pt.plassert,
                pt.plassert_av,
                False,
                pt.tema,
                pt.punkt_id,
                pt.gyldig_fra,
                pt.begrunnelse,
            )
        )
        if pt.gyldig_til:
            endringer.append(
                Endring(
                    pt.avsluttet or pt.plassert,
                    pt.avsluttet_av,
                    True,
                    pt.tema,
                    pt.punkt_id,
                    pt.gyldig_til,
                    pt.avslutning_begrunnelse,
                )
            )
    endringer.sort(key=lambda e: e.tidspunkt, reverse=True)
    return endringer[:antall]


@offentlig
@require_GET
def versjon_temaer(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    """Which § 6-2 topics each clause covers, with the history of the corrections."""
    return _temaside(request, access.lesbar_versjon(request.user, pk, nummer))


def _temaside(request, versjon, feil=None, status: int = 200) -> HttpResponse:
    """The page; with feil (punkt_id, message, ticked topic ids, reason) a refused correction
    is shown at its clause's reason field with what was ticked and typed, so nothing is lost."""
    punkter = list(versjon.punkter.order_by("rekkefolge"))
    valgt: dict[int, set[int]] = {}
    for punkt_id, tema_id in (
        Punkttema.objects.apne()
        .filter(punkt__in=[p.punkt_id for p in punkter])
        .values_list("punkt_id", "tema_id")
    ):
        valgt.setdefault(punkt_id, set()).add(tema_id)
    if feil:
        valgt[feil[0]] = set(feil[2])
    temaer = list(_temaer_for_versjon(versjon))
    nummer_for = {p.punkt_id: p for p in punkter}
    return render(
        request,
        "avtaler/temaer.html",
        {
            "versjon": versjon,
            "avtale": versjon.avtale,
            "rader": [
                (p, [(t, t.pk in valgt.get(p.punkt_id, ())) for t in temaer]) for p in punkter
            ],
            "historikk": [
                (h, nummer_for.get(h.punkt_id))
                for h in _endringer(avtale_pk=versjon.avtale_id, antall=20)
            ],
            "kan_endre": access.kan_rette_temaer(request.user, versjon),
            "delt_tekst": sum(1 for p in versjon.parter.all() if p.er_kommune) > 1,
            "feil_punkt": feil[0] if feil else None,
            "feil_tekst": feil[1] if feil else "",
            "feil_begrunnelse": feil[3] if feil else "",
        },
        status=status,
    )


@innlogget
@require_POST
def punkt_temaer(request: HttpRequest, pk: int, nummer: int, punkt_pk: int) -> HttpResponse:
    """A coordinator corrects which topics a clause covers, from today, with a reason
    (access.kan_rette_temaer: on a shared text, the helseforetak's coordinators)."""
    versjon = access.lesbar_versjon(request.user, pk, nummer)
    if not access.kan_rette_temaer(request.user, versjon):
        raise PermissionDenied(
            _(
                "Teksten er felles for flere kommuners avtaler. Bare helseforetakets "
                "koordinatorer retter hvilke temaer punktene dekker; meld behovet til dem."
            )
            if sum(1 for p in versjon.parter.all() if p.er_kommune) > 1
            else _("Bare partenes koordinatorer endrer hvilke temaer et punkt dekker.")
        )
    punkt = get_object_or_404(Punktversjon, versjon=versjon, punkt_id=punkt_pk)
    ider = [v for v in request.POST.getlist("tema") if v.isdigit()]
    temaer = list(_temaer_for_versjon(versjon).filter(pk__in=ider))
    if len(temaer) != len(set(ider)):
        messages.error(
            request, _("Ett av temaene finnes ikke for denne versjonen. Ingenting er endret.")
        )
    else:
        try:
            lagt_til, fjernet = punkt_sett_temaer(
                punkt=punkt.punkt,
                temaer=temaer,
                utfort_av=request.user,
                begrunnelse=request.POST.get("begrunnelse", "")[:500],
            )
        except Domenefeil as feil:
            # Shown at the reason field with the ticked boxes kept (not a redirect that loses
            # them).
            return _temaside(
                request,
                versjon,
                (
                    punkt.punkt_id,
                    str(feil),
                    [t.pk for t in temaer],
                    request.POST.get("begrunnelse", "")[:500],
                ),
                status=400,
            )
        if lagt_til or fjernet:
            messages.success(
                request,
                _("Temaene for punkt %(nr)s er endret.") % {"nr": punkt.nummer or punkt.overskrift},
            )
    return redirect(f"{versjon.get_absolute_url()}temaer/#{punkt.anker}")
