"""How well an import got a corpus document: headings found, false headings, words lost.

Used by the corpus tests and, run as a script, to print the table in the README:

    .venv/bin/python -m tests.avtaler.korpus.maal
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MAPPE = Path(__file__).parent
FILER = MAPPE / "filer"
FORMER = {
    "docx": ".docx",
    "docx (LibreOffice)": ".libreoffice.docx",
    "pdf": ".pdf",
    "pdftotext": ".pdf.raa.txt",
    "pdftotext -layout": ".pdf.layout.txt",
}
_FOTNOTE = re.compile(r"\[\^([^\]]+)\]")
_MARKUP = re.compile(r"^(?:\*{1,2}\s+|\|)")


def dokumenter() -> list[str]:
    return sorted(p.name.removesuffix(".forventet.json") for p in FILER.glob("*.forventet.json"))


def filer(navn: str) -> list[tuple[str, Path]]:
    return [
        (form, FILER / f"{navn}{ending}")
        for form, ending in FORMER.items()
        if (FILER / f"{navn}{ending}").exists()
    ]


def forventet(navn: str) -> dict:
    return json.loads((FILER / f"{navn}.forventet.json").read_text(encoding="utf-8"))


def _ord(tekst: str) -> list[str]:
    tekst = tekst.replace("\u00ad", "").translate(str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    # A footnote reference exported as a plain digit glued to its word: «helsevern1».
    return [re.sub(r"(?<=[^\W\d])\d{1,2}$", "", o) for o in re.findall(r"\w+", tekst)]


def _sammenslatte(tapte: Counter, ekstra: Counter) -> None:
    """Words an exporter joined across a hyphenated line break («Nord-» «Norge» →
    «NordNorge», as pdftotext does) are not lost: take them out of both counts."""
    for ord_ in list(ekstra):
        for i in range(2, len(ord_) - 1):
            a, b = ord_[:i], ord_[i:]
            if tapte[a] and tapte[b]:
                tapte[a] -= 1
                tapte[b] -= 1
                ekstra[ord_] -= 1
                break
    tapte += Counter()
    ekstra += Counter()


def _forventede_ord(data: dict) -> Counter:
    deler = [data["tittel"]] + [t for _nr, t in data["overskrifter"]]
    for linje in data["tekst"]:
        linje = linje.removeprefix("!undertittel ")
        linje = _FOTNOTE.sub(lambda m: " " + m.group(1) + " ", linje)
        deler.append(_MARKUP.sub("", linje).replace("|", " "))
    return Counter(_ord(" ".join(deler)))


def _normal(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst.replace("\u2011", "-").replace("\u00ad", "")).strip()


@dataclass
class Maaling:
    funnet: int
    forventet: int
    falske: list[str]
    tapte_ord: list[str]
    ekstra_ord: list[str]
    feil_titler: list[str]

    @property
    def perfekt(self) -> bool:
        return (
            self.funnet == self.forventet
            and not self.falske
            and not self.tapte_ord
            and not self.feil_titler
        )


def maal(resultat, data: dict) -> Maaling:
    forventede = {nr: _normal(t) for nr, t in data["overskrifter"]}
    fant = {s.nummer: _normal(s.overskrift) for s in resultat.seksjoner if s.nummer}
    funnet = sum(1 for nr in forventede if nr in fant)
    feil_titler = [
        f"{nr}: {fant[nr]!r} ≠ {t!r}"
        for nr, t in forventede.items()
        if nr in fant and fant[nr] != t
    ]
    falske = [f"{nr} {t}" for nr, t in fant.items() if nr not in forventede]
    falske += [
        f"– {s.overskrift}"
        for s in resultat.seksjoner
        if not s.nummer and s.overskrift != "Innledning"
    ]
    ut = " ".join(
        [resultat.tittel]
        + [f"{s.overskrift if s.nummer else ''} {s.tekst}" for s in resultat.seksjoner]
    )
    ut_ord = Counter(_ord(ut))
    inn = _forventede_ord(data)
    tapte_antall, ekstra_antall = inn - ut_ord, ut_ord - inn
    _sammenslatte(tapte_antall, ekstra_antall)
    tapte = sorted(tapte_antall.elements())
    ekstra = sorted(o for o in ekstra_antall.elements() if not (o.isdigit() and len(o) <= 2))
    return Maaling(funnet, len(forventede), falske, tapte, ekstra, feil_titler)


def tabell() -> str:
    from avtaler.importering import Importfeil, importer_fil

    rader = [
        "| dokument | form | overskrifter funnet / forventet | falske overskrifter | ord tapt | sikkerhet |",
        "|---|---|---|---|---|---|",
    ]
    for navn in dokumenter():
        data = forventet(navn)
        for form, sti in filer(navn):
            try:
                resultat = importer_fil(sti.name, sti.read_bytes())
            except Importfeil as feil:
                rader.append(f"| {navn} | {form} | avvist: {feil} | | | |")
                continue
            m = maal(resultat, data)
            rader.append(
                f"| {navn} | {form} | {m.funnet} / {m.forventet} | {len(m.falske)} | {len(m.tapte_ord)} | {resultat.sikkerhet} |"
            )
    return "\n".join(rader)


if __name__ == "__main__":
    import django

    django.setup()
    print(tabell())
