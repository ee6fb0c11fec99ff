"""Each party's own agreement on an agreement's versions: who is on which version, and who is
behind. Public for signed versions; the parties' members also see an approved text's progress
and who registered what."""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from avtaler import livslop
from avtaler.models import Avtale, Avtaleforhold, Avtaleversjon, Signatur, i_dag
from helsefellesskap import access as hf_access
from helsefellesskap.models import Organisasjon
from kjerne.sortering import norsk_sortert
from kjerne.tilgang import offentlig


@dataclass
class Partrad:
    part: Organisasjon
    i_dag: Avtaleforhold | None  # the party's agreement in force today
    nyeste: Avtaleforhold | None  # its agreement on the newest text open for signing
    signatur: Signatur | None
    status: str  # livslop.Status of the newest, or VENTER
    baerer: bool

    @property
    def etter(self) -> bool:
        """Behind: its agreement on the newest text is not concluded."""
        return self.baerer and (self.nyeste is None or self.nyeste.i_kraft_fra is None)

    @property
    def status_tekst(self) -> str:
        return livslop.Status.ETIKETTER[self.status]


@offentlig
@require_GET
def parter(request: HttpRequest, pk: int) -> HttpResponse:
    avtale = get_object_or_404(Avtale, pk=pk)
    dato = i_dag()
    versjoner = list(
        avtale.versjoner.filter(tilstand__in=("godkjent", "signert"))
        .order_by("nummer")
        .prefetch_related("parter")
    )
    alle_parter = {p.pk: p for v in versjoner for p in v.parter.all()}
    er_medlem = hf_access.er_systemforvalter(request.user) or bool(
        hf_access.organisasjoner_med_rolle(request.user) & alle_parter.keys()
    )
    synlige = [v for v in versjoner if v.er_signert or er_medlem]
    if not synlige:
        raise Http404
    nyeste = synlige[-1]
    forhold = list(
        Avtaleforhold.objects.filter(versjon__in=synlige).select_related(
            "part", "versjon", "oppsagt_av"
        )
    )
    signaturer = {
        (s.versjon_id, s.organisasjon_id): s
        for s in Signatur.objects.filter(versjon=nyeste, forhold__isnull=True).select_related(
            "registrert_av"
        )
    }
    parter_nyeste = list(nyeste.parter.all())
    rader = []
    for part in norsk_sortert(alle_parter.values()):
        egne = [f for f in forhold if f.part_id == part.pk]
        i_kraft = next(
            (f for f in sorted(egne, key=lambda f: -f.versjon.nummer) if f.gjelder(dato)), None
        )
        pa_nyeste = next((f for f in egne if f.versjon_id == nyeste.pk), None)
        rader.append(
            Partrad(
                part=part,
                i_dag=i_kraft,
                nyeste=pa_nyeste,
                signatur=signaturer.get((nyeste.pk, part.pk)),
                status=livslop.status(pa_nyeste, dato) if pa_nyeste else livslop.Status.VENTER,
                baerer=livslop.baerer(part, parter_nyeste),
            )
        )
    rader.sort(key=lambda r: r.baerer)  # the health trust first, then the municipalities
    per_versjon: dict[int, list[Organisasjon]] = {}
    for rad in rader:
        if rad.baerer:
            per_versjon.setdefault(rad.i_dag.versjon.nummer if rad.i_dag else 0, []).append(
                rad.part
            )
    return render(
        request,
        "avtaler/parter.html",
        {
            "avtale": avtale,
            "nyeste": nyeste,
            "rader": rader,
            "etter": [r for r in rader if r.etter],
            "per_versjon": sorted(per_versjon.items(), reverse=True),
            "er_medlem": er_medlem,
            "dato": dato,
            "versjoner": synlige,
            # The health trust's signatures on one municipality's agreement each.
            "enkeltvis": sum(
                1 for f in forhold if f.versjon_id == nyeste.pk and f.motpart_signert_dato
            ),
        },
    )


def versjon_for(kommune: Organisasjon, avtale_pk: int, dato) -> Avtaleversjon | None:
    """The version of the agreement the municipality's own agreement is on, on the date."""
    return (
        Avtaleversjon.objects.gjeldende(dato, kommune)
        .filter(avtale=avtale_pk)
        .order_by("-nummer")
        .first()
    )
