"""What a user should act on: reviews due, notices running, signatures waiting, drafts,
routines to read. Used by the dashboard (/oversikt/) and the reminder e-mails."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from avtaler import livslop
from avtaler.access import KOORDINERENDE
from avtaler.models import (
    UNDER_ARBEID,
    Avtaleforhold,
    Avtaleversjon,
    Lesebekreftelse,
    Leseforesporsel,
    i_dag,
)
from helsefellesskap import access
from helsefellesskap.models import Medlemskap, Organisasjon
from kjerne.sortering import Norsk

VARSEL_DAGER = 60
APNE = ("godkjent", "signert")  # texts parties may still sign
REVISJON_HVERT = 2  # years; the evaluation (seed 000) recommends a full revision every second


@dataclass
class Lesestatus:
    versjon: Avtaleversjon
    per_organisasjon: list[tuple[Organisasjon, int, int]]  # (org, confirmed, members)


@dataclass
class Oversikt:
    gjennomganger: list[Avtaleversjon] = field(default_factory=list)
    # Texts in force for two years or more: a full revision is recommended (seed 000).
    revisjoner: list[Avtaleversjon] = field(default_factory=list)
    oppsigelser: list[Avtaleforhold] = field(default_factory=list)
    signaturer: list[tuple[Avtaleversjon, list[Organisasjon]]] = field(default_factory=list)
    # The newest text open for signing, and the parties whose own agreement on it is not yet
    # concluded: what the coordinator waits for, municipality by municipality.
    venter_pa: list[tuple[Avtaleversjon, list[Avtaleforhold]]] = field(default_factory=list)
    utkast: list[Avtaleversjon] = field(default_factory=list)
    lesestatus: list[Lesestatus] = field(default_factory=list)
    a_lese: list[Avtaleversjon] = field(default_factory=list)
    dato: datetime.date | None = None

    @property
    def har_paminnelser(self) -> bool:
        return bool(
            self.gjennomganger
            or self.revisjoner
            or self.oppsigelser
            or self.signaturer
            or self.a_lese
        )

    @property
    def venter_pa_antall(self) -> int:
        return sum(len(f) for _v, f in self.venter_pa)


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
        for_to_ar = dato.replace(year=dato.year - REVISJON_HVERT, day=min(dato.day, 28))
        under_arbeid = Avtaleversjon.objects.filter(
            avtale=OuterRef("avtale"), tilstand__in=UNDER_ARBEID
        )
        oversikt.revisjoner = list(
            mine.gjeldende(dato)
            .filter(gyldig_fra__lte=for_to_ar)
            .exclude(Exists(under_arbeid))
            .order_by("gyldig_fra")
        )
        oversikt.oppsigelser = list(
            Avtaleforhold.objects.filter(
                Q(part__in=egne) | Q(versjon__parter__in=egne),
                oppsigelse_varslet__isnull=False,
                sluttdato__gte=dato,
            )
            .distinct()
            .select_related("part", "oppsagt_av", "versjon")
            .order_by("sluttdato", Norsk("part__navn"))
        )
        nyeste = (
            Avtaleversjon.objects.filter(avtale=OuterRef("avtale"), tilstand__in=APNE)
            .order_by("-nummer")
            .values("pk")[:1]
        )
        venter = (
            mine.filter(tilstand__in=APNE, pk=Subquery(nyeste))
            .prefetch_related(
                Prefetch(
                    "forhold",
                    queryset=Avtaleforhold.objects.select_related("part").order_by(
                        Norsk("part__navn")
                    ),
                )
            )
            .order_by("avtale__tittel")
        )
        for versjon in venter:
            forhold = list(versjon.forhold.all())
            parter = [f.part for f in forhold]
            mangler = [
                f.part
                for f in forhold
                if f.part_id in egne
                and f.signert_dato is None
                # The health trust that signs each agreement on its own is done when all are.
                and (
                    livslop.baerer(f.part, parter)
                    or any(
                        k.motpart_signert_dato is None
                        for k in forhold
                        if livslop.baerer(k.part, parter)
                    )
                )
            ]
            if mangler:
                oversikt.signaturer.append((versjon, mangler))
            ikke_inngatt = [
                f for f in forhold if f.i_kraft_fra is None and livslop.baerer(f.part, parter)
            ]
            if ikke_inngatt:
                oversikt.venter_pa.append((versjon, ikke_inngatt))
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
            Avtaleversjon.objects.filter(
                Q(
                    *[
                        livslop.gjeldende_q(dato, o)
                        for o in Organisasjon.objects.filter(pk__in=alle_egne)
                    ],
                    _connector=Q.OR,
                )
            )
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
