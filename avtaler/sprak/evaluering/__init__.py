"""The evaluation set of the language check and its measurement: accuracy per label on the
development part, the held-out part and the whole (docs/sprakanalyse.md shows the figures)."""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from avtaler.sprak.data import NIVAER
from avtaler.sprak.motor import analyser_setning
from avtaler.sprak.ordliste import STANDARD_ORDLISTE, Ordliste

SETT = Path(__file__).parent / "setninger.jsonl"
# Sentences from other agreements, labelled and committed before the engine was run on them
# (the review of issue #21): a test the rules were not written against.
UAVHENGIG = Path(__file__).parent / "uavhengig.jsonl"
# The blind set (issue #21, third round): 192 sentences labelled and committed before the engine
# was run on them; the rules were fixed after its first measurement, so it is no longer blind.
BLIND = Path(__file__).parent / "blind.jsonl"
# The second blind set (issue #21, fourth round): 187 sentences collected and labelled by
# someone who neither ran the engine nor read its rules, measured once after the third round's
# rule fixes. Keep it a measure: a rule written from its errors makes it a training set.
BLIND2 = Path(__file__).parent / "blind2.jsonl"
DELER = ("utvikling", "kontroll")


def les_sett(sti: Path = SETT) -> list[dict]:
    return [json.loads(linje) for linje in sti.read_text(encoding="utf-8").splitlines() if linje]


@dataclass
class Resultat:
    antall: int = 0
    niva: int = 0
    ansvarlig: int = 0
    ikke_part: int = 0
    vage: int = 0
    # Of the sentences whose label is not empty (a named party, a third party, a vague
    # phrase): how many there are and how many were read exactly.
    med: Counter = field(default_factory=Counter)
    med_riktig: Counter = field(default_factory=Counter)
    forveksling: Counter = field(default_factory=Counter)  # (labelled, read)
    feil: list[tuple[dict, dict]] = field(default_factory=list)

    def andel(self, navn: str) -> float:
        return 100 * getattr(self, navn) / self.antall if self.antall else 0.0

    def andel_med(self, navn: str) -> str:
        """Accuracy where the label is not empty, as «n av m»."""
        return f"{self.med_riktig[navn]} av {self.med[navn]}"


def mal(rader: list[dict], ordliste: Ordliste = STANDARD_ORDLISTE) -> Resultat:
    """Accuracy per label: a sentence counts for a label when the analysis gives exactly the
    labelled value (level; the set of responsible parties; the set of third parties with a
    duty; the set of vague phrases)."""
    r = Resultat()
    for rad in rader:
        lest = analyser_setning(rad["setning"], ordliste).som_json()
        r.antall += 1
        r.forveksling[(rad["niva"], lest["niva"])] += 1
        riktig = {
            "niva": lest["niva"] == rad["niva"],
            "ansvarlig": sorted(lest["ansvarlig"]) == sorted(rad["ansvarlig"]),
            "ikke_part": sorted(lest["ikke_part"]) == sorted(rad["ikke_part"]),
            "vage": sorted(lest["vage"]) == sorted(v.lower() for v in rad["vage"]),
        }
        for navn, ok in riktig.items():
            setattr(r, navn, getattr(r, navn) + ok)
            if navn != "niva" and rad[navn]:
                r.med[navn] += 1
                r.med_riktig[navn] += ok
        if not all(riktig.values()):
            r.feil.append((rad, lest))
    return r


def tabell(rader: list[dict] | None = None) -> str:
    """The accuracy table in Markdown: per label, on each part and on the whole set."""
    rader = les_sett() if rader is None else rader
    deler = {d: mal([r for r in rader if r["sett"] == d]) for d in DELER}
    deler["alle"] = mal(rader)
    linjer = [
        "| mål | utvikling | kontroll (holdt utenfor) | alle |",
        "|---|---|---|---|",
        "| setninger | " + " | ".join(str(deler[d].antall) for d in deler) + " |",
    ]
    for navn, tittel in (
        ("niva", "nivå"),
        ("ansvarlig", "ansvarlig part"),
        ("ikke_part", "ikke-part med plikt"),
        ("vage", "vage formuleringer"),
    ):
        linjer.append(
            f"| {tittel} | "
            + " | ".join(f"{deler[d].andel(navn):.1f} %".replace(".", ",") for d in deler)
            + " |"
        )
    for navn, tittel in (
        ("ansvarlig", "… av setninger med navngitt part"),
        ("ikke_part", "… av setninger med ikke-part"),
        ("vage", "… av setninger med vag formulering"),
    ):
        linjer.append(f"| {tittel} | " + " | ".join(deler[d].andel_med(navn) for d in deler) + " |")
    return "\n".join(linjer)


def forvekslingstabell(rader: list[dict] | None = None) -> str:
    """Labelled level (rows) against the level the analysis read (columns), whole set."""
    resultat = mal(les_sett() if rader is None else rader)
    linjer = ["| merket \\ lest | " + " | ".join(NIVAER) + " |", "|---" * (len(NIVAER) + 1) + "|"]
    for merket in NIVAER:
        linjer.append(
            f"| {merket} | "
            + " | ".join(str(resultat.forveksling[(merket, lest)] or "·") for lest in NIVAER)
            + " |"
        )
    return "\n".join(linjer)
