"""Which numbered lines are the headings: the best chain through the whole document.

Taking each numbered line that fits after the previous heading goes wrong as soon as a
numbered table or list comes before the real headings (a table of «3 … 9» in section 2
would take the numbers 3–9 and push the real headings out). So every numbered, title-
like line is a candidate with a weight for what speaks for it (a heading style, bold or
larger type, text following it) and against it (a run of siblings with nothing between,
like the rows of a table), and the chain of candidates whose numbers can follow each
other (3 → 3.1 → 3.2 → 4) with the greatest total weight is chosen.
"""

import re
from dataclasses import dataclass

from avtaler.importering.modeller import Linje

_NUMMER = r"\d{1,3}(?:\.\d{1,3}){0,4}"
OVERSKRIFT = re.compile(rf"^\s*(?:§\s*)?({_NUMMER})\.?\s+(\S.*?)\s*$")
LOST_NUMMER = re.compile(rf"^\s*({_NUMMER})\.?\s*$")
_LISTEPUNKT = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")
START = {(0,), (1,), (1, 1)}


def ser_ut_som_overskrift(tekst: str) -> bool:
    return (
        (tekst[:1].isupper() or tekst[:1] in "«\"'§")
        and len(tekst) <= 150
        and len(tekst.split()) <= 16
        and not tekst.rstrip().endswith((".", ",", ";"))
    )


@dataclass
class Kandidat:
    nr: int
    tall: tuple[int, ...]
    tittel: str
    ekstra: int | None  # a line joined to this one (a number alone on the line before)
    sterk: bool
    vekt: float = 1.0
    hopp: str = ""  # numbers skipped to reach this one, when the chain had to skip

    @property
    def nummer(self) -> str:
        return ".".join(map(str, self.tall))


def _synlige(linjer: list[Linje], utelatt: set[int]) -> list[Linje]:
    return [
        linje
        for linje in linjer
        if linje.nr not in utelatt
        and (linje.tekst.strip() or linje.etikett)
        and linje.art != "tabell"
    ]


def sidekanter(linjer: list[Linje], utelatt: set[int]) -> set[int]:
    """The first and last line of each page (and of the file): where page numbers sit."""
    synlige = _synlige(linjer, utelatt)
    kanter = set()
    for i, linje in enumerate(synlige):
        forrige_side = synlige[i - 1].side if i else -1
        neste_side = synlige[i + 1].side if i + 1 < len(synlige) else -1
        if i == 0 or linje.side != forrige_side or linje.side != neste_side:
            kanter.add(linje.nr)
    return kanter


def finn_kandidater(
    linjer: list[Linje], utelatt: set[int], vist_tekst, normaliser
) -> list[Kandidat]:
    synlige = _synlige(linjer, utelatt)
    kandidater: list[Kandidat] = []
    tekst_etter: list[str] = []  # the text between a candidate and the next one
    sidekant = sidekanter(linjer, utelatt)  # a lone number there is likely a page number
    liste_siste = 0
    hopp_over: set[int] = set()
    for i, linje in enumerate(synlige):
        if linje.nr in hopp_over:
            continue
        tekst = vist_tekst(linje)
        ekstra = None
        lost = LOST_NUMMER.match(tekst)
        if lost and not linje.hel and i + 1 < len(synlige):
            neste = synlige[i + 1]
            tekst = f"{lost.group(1)} {neste.tekst.strip()}"
            ekstra = neste.nr
        treff = OVERSKRIFT.match(tekst)
        sterk = linje.overskrift > 0 or linje.fet or linje.storre
        listepunkt = _LISTEPUNKT.match(tekst)
        if treff and linje.art not in ("fotnote", "tittel"):
            tittel = re.sub(r"\s+", " ", treff.group(2))
            tall = tuple(int(d) for d in normaliser(treff.group(1)).split("."))
            tittel_lik = ser_ut_som_overskrift(tittel) or (sterk and len(tittel) <= 200)
            fortsetter_liste = len(tall) == 1 and liste_siste and tall[0] == liste_siste + 1
            if tittel_lik and not fortsetter_liste:
                kandidater.append(Kandidat(linje.nr, tall, tittel, ekstra, sterk))
                tekst_etter.append("")
                if ekstra is not None:
                    hopp_over.add(ekstra)
                liste_siste = 0
                continue
        if (listepunkt and not treff) or (listepunkt and treff):
            liste_siste = int(listepunkt.group(1))
        if kandidater and len(tekst_etter[-1]) < 2000:
            tekst_etter[-1] += " " + tekst
    for i, kandidat in enumerate(kandidater):
        vekt = 1.0
        neste = kandidater[i + 1] if i + 1 < len(kandidater) else None
        # A section has sentences under its heading, or its first sub-section; a table
        # row or list item has at most a few words wrapped onto the next line.
        tekst = tekst_etter[i]
        har_brodtekst = len(tekst.split()) >= 8 or bool(re.search(r"[.:!?]\s", tekst + " "))
        forste_barn = neste is not None and neste.tall == (*kandidat.tall, 1)
        if kandidat.sterk:
            vekt += 1.0
        if kandidat.ekstra is not None and kandidat.nr in sidekant:
            vekt -= 1.0  # «1» over the title on a cover page is the page number
        if har_brodtekst or forste_barn:
            vekt += 0.5
        if (
            neste is not None
            and not har_brodtekst
            and not kandidat.sterk
            and len(neste.tall) == len(kandidat.tall)
            and neste.tall[:-1] == kandidat.tall[:-1]
            and neste.tall[-1] == kandidat.tall[-1] + 1
        ):
            vekt -= 0.7  # a row of a numbered table or list, not a heading
        kandidat.vekt = max(vekt, 0.2)
    return kandidater


def _forgjengere(tall: tuple[int, ...], sterk: bool) -> list[tuple[tuple[int, ...], str, float]]:
    """(prefix of a possible predecessor, kind, penalty): siblings, the parent, skips."""
    ut = []
    if tall[-1] >= 1:
        ut.append(((*tall[:-1], tall[-1] - 1), "prefiks", 0.0))
    if tall[-1] == 1 and len(tall) > 1:
        ut.append((tall[:-1], "eksakt", 0.0))
    if sterk:
        for avstand in (2, 3):
            if tall[-1] - avstand >= 0:
                ut.append(((*tall[:-1], tall[-1] - avstand), "prefiks", 1.5))
    return ut


def velg_kjede(kandidater: list[Kandidat]) -> list[Kandidat]:
    """The chain of candidates that can follow each other, with the greatest weight."""
    beste: list[float] = []
    forrige: list[int] = []
    etter_prefiks: dict[tuple[int, ...], tuple[float, int]] = {}
    eksakt: dict[tuple[int, ...], tuple[float, int]] = {}
    for i, kandidat in enumerate(kandidater):
        valg: list[tuple[float, int]] = []
        if kandidat.tall in START:
            valg.append((0.0, -1))
        for prefiks, art, straff in _forgjengere(kandidat.tall, kandidat.sterk):
            kilde = etter_prefiks if art == "prefiks" else eksakt
            if prefiks in kilde:
                poeng, j = kilde[prefiks]
                valg.append((poeng - straff, j))
        if not valg:
            beste.append(float("-inf"))
            forrige.append(-1)
            continue
        poeng, j = max(valg)
        beste.append(poeng + kandidat.vekt)
        forrige.append(j)
        oppforing = (beste[i], i)
        if oppforing > eksakt.get(kandidat.tall, (float("-inf"), -1)):
            eksakt[kandidat.tall] = oppforing
        for lengde in range(1, len(kandidat.tall) + 1):
            prefiks = kandidat.tall[:lengde]
            if oppforing > etter_prefiks.get(prefiks, (float("-inf"), -1)):
                etter_prefiks[prefiks] = oppforing
    if not kandidater or max(beste) == float("-inf"):
        return []
    i = max(range(len(kandidater)), key=lambda k: beste[k])
    kjede = []
    while i != -1:
        kjede.append(kandidater[i])
        i = forrige[i]
    kjede.reverse()
    for a, b in zip([None, *kjede], kjede, strict=False):
        b.hopp = _hopp(a.tall if a else None, b.tall)
    return kjede


def _hopp(forrige: tuple[int, ...] | None, tall: tuple[int, ...]) -> str:
    """The numbers missing between two headings of a chain (4.1 → 4.3: «4.2»)."""
    if forrige is None:
        return ""
    stamme = tall[:-1]
    if forrige[: len(stamme)] != stamme:
        return ""
    siste = forrige[len(stamme)] if len(forrige) > len(stamme) else 0
    if tall[-1] - siste >= 2:
        return ", ".join(".".join(map(str, (*stamme, n))) for n in range(siste + 1, tall[-1]))
    return ""
