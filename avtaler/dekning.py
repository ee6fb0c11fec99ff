"""§ 6-2 coverage for a municipality on a date, explained by the clauses that cover each topic.

A topic is covered by a version in force for the municipality on the date when the agreement
is about the topic (a delavtale's own topic, or one listed for the whole agreement) or when one
of the version's clauses is mapped to it (Punkttema, kept by the coordinators).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from avtaler.models import Avtaleversjon, Punkttema, Punktversjon, Tema


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
        return [v for v in self.versjoner if v.neste_gjennomgang and v.neste_gjennomgang < dato]

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
    for punkt_id, tema_id in Punkttema.objects.filter(
        tema_id__in=dekning.keys(), punkt__in=i_versjonene.values("punkt_id")
    ).values_list("punkt_id", "tema_id"):
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
def punkt_sett_temaer(*, punkt, temaer: list[Tema], utfort_av) -> tuple[list[Tema], list[Tema]]:
    """A coordinator's correction: the clause covers exactly these topics. Returns (added,
    removed); each change is a history row with who made it."""
    eksisterende = {pt.tema_id: pt for pt in Punkttema.objects.filter(punkt=punkt)}
    onsket = {t.pk: t for t in temaer}
    fjernet = []
    for tema_id, pt in eksisterende.items():
        if tema_id not in onsket:
            fjernet.append(pt.tema)
            pt.delete()
    lagt_til = []
    for tema_id, tema in onsket.items():
        if tema_id not in eksisterende:
            Punkttema.objects.create(punkt=punkt, tema=tema, plassert_av=utfort_av)
            lagt_til.append(tema)
    return lagt_til, fjernet
