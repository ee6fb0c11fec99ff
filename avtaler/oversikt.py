"""What a user should act on: reviews due, notices running, signatures waiting, drafts,
routines to read. Used by the dashboard (/oversikt/) and the reminder e-mails."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from avtaler.access import KOORDINERENDE
from avtaler.models import Avtaleversjon, Lesebekreftelse, Leseforesporsel, Signatur, i_dag
from helsefellesskap import access
from helsefellesskap.models import Medlemskap, Organisasjon

VARSEL_DAGER = 60


@dataclass
class Lesestatus:
    versjon: Avtaleversjon
    per_organisasjon: list[tuple[Organisasjon, int, int]]  # (org, confirmed, members)


@dataclass
class Oversikt:
    gjennomganger: list[Avtaleversjon] = field(default_factory=list)
    oppsigelser: list[Avtaleversjon] = field(default_factory=list)
    signaturer: list[tuple[Avtaleversjon, list[Organisasjon]]] = field(default_factory=list)
    utkast: list[Avtaleversjon] = field(default_factory=list)
    lesestatus: list[Lesestatus] = field(default_factory=list)
    a_lese: list[Avtaleversjon] = field(default_factory=list)
    dato: datetime.date | None = None

    @property
    def har_paminnelser(self) -> bool:
        return bool(self.gjennomganger or self.oppsigelser or self.signaturer or self.a_lese)


def oversikt_for(bruker, dato: datetime.date | None = None) -> Oversikt:
    """Everything for one user, in a fixed number of queries."""
    dato = dato or i_dag()
    egne = access.organisasjoner_med_rolle(bruker, *KOORDINERENDE)
    alle_egne = access.organisasjoner_med_rolle(bruker)
    oversikt = Oversikt(dato=dato)
    if egne:
        mine = Avtaleversjon.objects.filter(parter__in=egne).distinct().med_avtale()
        oversikt.gjennomganger = list(
            mine.gjeldende(dato)
            .filter(neste_gjennomgang__lte=dato + datetime.timedelta(days=VARSEL_DAGER))
            .order_by("neste_gjennomgang")
        )
        oversikt.oppsigelser = list(
            mine.filter(tilstand="oppsagt", gyldig_til__gte=dato).order_by("gyldig_til")
        )
        venter = mine.filter(tilstand="godkjent").prefetch_related(
            Prefetch(
                "parter", queryset=Organisasjon.objects.filter(pk__in=egne), to_attr="mine_parter"
            ),
            Prefetch("signaturer", queryset=Signatur.objects.only("versjon_id", "organisasjon_id")),
        )
        for versjon in venter:
            signert = {s.organisasjon_id for s in versjon.signaturer.all()}
            mangler = [p for p in versjon.mine_parter if p.pk not in signert]
            if mangler:
                oversikt.signaturer.append((versjon, mangler))
        oversikt.utkast = list(
            mine.filter(tilstand__in=("utkast", "til_behandling"))
            .annotate(
                antall_apne=Count(
                    "punkter__kommentarer", filter=Q(punkter__kommentarer__lost__isnull=True)
                )
            )
            .order_by("avtale__tittel")
        )
        oversikt.lesestatus = _lesestatus(egne)
    if alle_egne:
        lest = Lesebekreftelse.objects.filter(bruker=bruker).values("versjon_id")
        oversikt.a_lese = list(
            Avtaleversjon.objects.gjeldende(dato)
            .filter(parter__in=alle_egne, leseforesporsel__isnull=False)
            .exclude(pk__in=lest)
            .distinct()
            .med_avtale()
        )
    return oversikt


def _lesestatus(egne: frozenset[int]) -> list[Lesestatus]:
    foresporsler = list(
        Leseforesporsel.objects.filter(versjon__parter__in=egne)
        .distinct()
        .select_related("versjon", "versjon__avtale")
        .prefetch_related(
            Prefetch(
                "versjon__parter",
                queryset=Organisasjon.objects.filter(pk__in=egne),
                to_attr="mine_parter",
            )
        )
    )
    if not foresporsler:
        return []
    medlemmer = dict(
        Medlemskap.objects.filter(organisasjon__in=egne)
        .values("organisasjon")
        .annotate(n=Count("bruker", distinct=True))
        .values_list("organisasjon", "n")
    )
    bekreftet = {
        (rad["versjon"], rad["bruker__medlemskap__organisasjon"]): rad["n"]
        for rad in Lesebekreftelse.objects.filter(
            versjon__in=[f.versjon_id for f in foresporsler],
            bruker__medlemskap__organisasjon__in=egne,
        )
        .values("versjon", "bruker__medlemskap__organisasjon")
        .annotate(n=Count("bruker", distinct=True))
    }
    return [
        Lesestatus(
            f.versjon,
            [
                (org, bekreftet.get((f.versjon_id, org.pk), 0), medlemmer.get(org.pk, 0))
                for org in f.versjon.mine_parter
            ],
        )
        for f in foresporsler
    ]
