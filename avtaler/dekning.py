"""§ 6-2 coverage for a municipality on a date, explained by the clauses that cover each topic.

A topic is covered by a version in force for the municipality on the date when the agreement
is about the topic (a delavtale's own topic, or one listed for the whole agreement) or when one
of the version's clauses is mapped to it on that date (Punkttema, dated and kept by the
coordinators: a correction today does not change the coverage of an earlier date).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avtaler.models import Avtaleversjon, Punkttema, Punktversjon, Tema, i_dag
from kjerne.feil import Domenefeil


@dataclass
class Temadekning:
    tema: Tema
    versjoner: list[Avtaleversjon] = field(default_factory=list)
    # (version, clause) for each clause in force mapped to the topic.
    punkter: list[tuple[Avtaleversjon, Punktversjon]] = field(default_factory=list)
    # Versions whose whole agreement is about the topic.
    hele_avtaler: list[Avtaleversjon] = field(default_factory=list)

    @property
    def dekket(self) -> bool:
        return bool(self.versjoner)

    def gjennomgang_passert(self, dato: datetime.date) -> list[Avtaleversjon]:
        return [v for v in self.versjoner if v.gjennomgang_forfalt(dato)]

    def _legg_til(self, versjon: Avtaleversjon) -> None:
        if versjon not in self.versjoner:
            self.versjoner.append(versjon)


def temadekning(versjoner: list[Avtaleversjon], dato: datetime.date) -> list[Temadekning]:
    """For each § 6-2 topic the law required on the date, what in `versjoner` (those in force
    for the municipality that day) covers it, clause by clause. Three queries."""
    dekning = {tema.pk: Temadekning(tema) for tema in Tema.objects.i_kraft(dato)}
    for versjon in versjoner:
        tema_ider = {t.pk for t in versjon.avtale.dekker_temaer.all()}
        if versjon.avtale.tema_id:
            tema_ider.add(versjon.avtale.tema_id)
        for tema_id in tema_ider & dekning.keys():
            dekning[tema_id].hele_avtaler.append(versjon)
            dekning[tema_id]._legg_til(versjon)
    i_versjonene = Punktversjon.objects.filter(versjon__in=versjoner)
    temaer_for: dict[int, list[int]] = {}
    for punkt_id, tema_id in (
        Punkttema.objects.gjeldende(dato)
        .filter(tema_id__in=dekning.keys(), punkt__in=i_versjonene.values("punkt_id"))
        .values_list("punkt_id", "tema_id")
    ):
        temaer_for.setdefault(punkt_id, []).append(tema_id)
    for punkt in (
        i_versjonene.filter(punkt_id__in=temaer_for)
        .select_related("versjon")
        .order_by("versjon__avtale__type", "versjon_id", "rekkefolge")
    ):
        for tema_id in temaer_for[punkt.punkt_id]:
            dekning[tema_id].punkter.append((punkt.versjon, punkt))
            dekning[tema_id]._legg_til(punkt.versjon)
    return list(dekning.values())


@transaction.atomic
def punkt_sett_temaer(
    *, punkt, temaer: list[Tema], utfort_av, begrunnelse: str
) -> tuple[list[Tema], list[Tema]]:
    """A coordinator's correction: from today the clause covers exactly these topics.

    Nothing is deleted or rewritten: a removed topic's row ends today (gyldig_til), an added
    one starts today, each with who, when and why, so the coverage of an earlier date still
    reads what was mapped then. Returns (added, removed)."""
    begrunnelse = begrunnelse.strip()
    if not begrunnelse:
        raise Domenefeil(_("Skriv hvorfor temaene endres. Ingenting er endret."))
    idag, naa = i_dag(), timezone.now()
    apne = {pt.tema_id: pt for pt in Punkttema.objects.apne().filter(punkt=punkt)}
    onsket = {t.pk: t for t in temaer}
    fjernet = []
    for tema_id, pt in apne.items():
        if tema_id not in onsket:
            fjernet.append(pt.tema)
            # Made and corrected on the same day: the row never applied to a whole day.
            pt.gyldig_til = max(idag, pt.gyldig_fra)
            pt.avsluttet_av, pt.avsluttet, pt.avslutning_begrunnelse = utfort_av, naa, begrunnelse
            pt._change_reason = begrunnelse[:100]
            pt.save()
    lagt_til = []
    for tema_id, tema in onsket.items():
        if tema_id not in apne:
            Punkttema.objects.create(
                punkt=punkt,
                tema=tema,
                gyldig_fra=idag,
                plassert_av=utfort_av,
                plassert=naa,
                begrunnelse=begrunnelse,
            )
            lagt_til.append(tema)
    return lagt_til, fjernet
