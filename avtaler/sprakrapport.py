"""Read-side reports built on the clause analysis: the language dashboard of a version,
and the responsibility matrix (§ 6-2 coverage is in avtaler.dekning)."""

from dataclasses import dataclass, field

from avtaler.models import Ansvarsplassering, Avtaleversjon, Punktversjon
from avtaler.sprak import Analyse, Ordliste, analyser, lix
from avtaler.sprak.motor import BINDENDE

PARTNAVN = {"kommunen": "Kommunen", "helseforetaket": "Helseforetaket", "partene": "Begge"}


@dataclass
class Punktanalyse:
    punkt: Punktversjon
    analyse: Analyse


@dataclass
class Seksjonslix:
    nummer: str
    overskrift: str
    antall_ord: int = 0
    setninger: int = 0
    lange_ord: int = 0

    @property
    def lix(self) -> float:
        return lix(self.antall_ord, self.setninger, self.lange_ord)


@dataclass
class Sprakrapport:
    punkter: list[Punktanalyse]
    seksjoner: list[Seksjonslix]
    forrige: Avtaleversjon | None = None
    ble_forpliktende: list[Punktversjon] = field(default_factory=list)
    ble_svakere: list[Punktversjon] = field(default_factory=list)
    # Every clause whose level changed in the revision: (clause, old level, new level).
    endret_niva: list[tuple[Punktversjon, str, str]] = field(default_factory=list)

    @property
    def med_tekst(self) -> list[Punktanalyse]:
        return [p for p in self.punkter if p.analyse.setninger]

    @property
    def andel_forpliktende(self) -> int:
        med = self.med_tekst
        return (
            round(100 * sum(1 for p in med if p.analyse.niva in BINDENDE) / len(med)) if med else 0
        )

    @property
    def uten_ansvarlig(self) -> list[Punktanalyse]:
        return [p for p in self.med_tekst if not p.analyse.har_ansvarlig]

    @property
    def antall_vage(self) -> int:
        return sum(len(p.analyse.vage) for p in self.punkter)

    @property
    def lengste_setninger(self) -> list[tuple[int, str, Punktversjon]]:
        alle = [(s.antall_ord, s.tekst, p.punkt) for p in self.punkter for s in p.analyse.setninger]
        return sorted(alle, key=lambda rad: -rad[0])[:5]


def _analyser_punkter(
    punkter: list[Punktversjon], ordliste: Ordliste, malform: str | None
) -> list[Punktanalyse]:
    return [Punktanalyse(p, analyser(p.tekst, ordliste, malform)) for p in punkter]


def sprakrapport(
    versjon: Avtaleversjon, ordliste: Ordliste, malform: str | None = None
) -> Sprakrapport:
    """The language dashboard of a version and what changed from the previous one. `malform`
    is the agreement's written standard once agreements have one; until then it is guessed
    per sentence."""
    punkter = _analyser_punkter(list(versjon.punkter.order_by("rekkefolge")), ordliste, malform)
    seksjoner: dict[str, Seksjonslix] = {}
    for pa in punkter:
        hode = pa.punkt.nummer.split(".")[0] if pa.punkt.nummer else ""
        seksjon = seksjoner.setdefault(
            hode, Seksjonslix(hode, pa.punkt.overskrift if "." not in pa.punkt.nummer else "")
        )
        seksjon.antall_ord += pa.analyse.antall_ord
        seksjon.setninger += len(pa.analyse.setninger)
        seksjon.lange_ord += pa.analyse.lange_ord
    rapport = Sprakrapport(punkter, [s for s in seksjoner.values() if s.antall_ord])
    forrige = versjon.basert_pa or versjon.forrige_signerte()
    if forrige is not None:
        rapport.forrige = forrige
        for_ = {
            pa.punkt.punkt_id: pa.analyse.niva
            for pa in _analyser_punkter(list(forrige.punkter.all()), ordliste, malform)
        }
        for pa in punkter:
            gammel = for_.get(pa.punkt.punkt_id)
            if gammel is not None and gammel != pa.analyse.niva and pa.analyse.setninger:
                rapport.endret_niva.append((pa.punkt, gammel, pa.analyse.niva))
            if pa.analyse.niva in BINDENDE and gammel is not None and gammel not in BINDENDE:
                rapport.ble_forpliktende.append(pa.punkt)
            elif gammel in BINDENDE and pa.analyse.niva not in BINDENDE:
                rapport.ble_svakere.append(pa.punkt)
    return rapport


@dataclass
class Plikt:
    punkt: Punktversjon
    versjon: Avtaleversjon
    tekst: str
    part: str | None
    manuelt: bool
    ikke_part: list[str] = field(default_factory=list)  # third parties the text puts a duty on


def ansvarsmatrise(
    versjoner: list[Avtaleversjon], ordliste: Ordliste, malform: str | None = None
) -> tuple[list[Plikt], list[Plikt]]:
    """Duties × party from the binding clauses (duties and prohibitions); (placed, to be
    placed by hand).

    A coordinator's placement overrides the analysis and follows the clause's identity.
    """
    punkter = list(
        Punktversjon.objects.filter(versjon__in=versjoner)
        .select_related("versjon")
        .order_by("versjon", "rekkefolge")
    )
    manuelle = dict(
        Ansvarsplassering.objects.filter(punkt__in=[p.punkt_id for p in punkter]).values_list(
            "punkt_id", "part"
        )
    )
    plassert, uplassert = [], []
    for punkt in punkter:
        analyse = analyser(punkt.tekst, ordliste, malform)
        bindende = analyse.bindende
        if not bindende:
            continue
        tekst = bindende[0].tekst
        ikke_part = sorted({p for s in bindende for p in s.ikke_part})
        if punkt.punkt_id in manuelle:
            plassert.append(
                Plikt(punkt, punkt.versjon, tekst, manuelle[punkt.punkt_id], True, ikke_part)
            )
            continue
        ansvarlige = set(analyse.ansvarlige)
        if "partene" in ansvarlige or {"kommunen", "helseforetaket"} <= ansvarlige:
            part = "partene"
        elif len(ansvarlige) == 1:
            part = ansvarlige.pop()
        else:
            part = None
        (plassert if part else uplassert).append(
            Plikt(punkt, punkt.versjon, tekst, part, False, ikke_part)
        )
    return plassert, uplassert
