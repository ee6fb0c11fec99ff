"""Tables of contents: recognised, left out of the agreement, and reported.

A table of contents is a run of entries that end in page numbers (after dot leaders, a
tab or just spaces), usually under «Innhold», «Innhald» or «Innholdsfortegnelse». Word
marks its own entries by style; text and PDF exports are recognised by their shape.
Without page numbers, a run of bare headings that the document repeats later is one too.
"""

import itertools
import re

from avtaler.importering.modeller import Linje

OVERSKRIFT = re.compile(
    r"^\s*(innhold|innhald|innholdsfortegnelse|innhaldsliste|innholdsliste|innhaldsoversikt|"
    r"innhaldsforteikning|innholdsoversikt|contents|table of contents)\s*:?\s*$",
    re.IGNORECASE,
)
# «3.1 Samarbeidsavtalen ........ 4», «Partar\t3», «7 Varighet og oppsigelse 12»
OPPFORING = re.compile(
    r"^\s*(?P<tittel>\S.*?)(?P<leder>\s*(?:[.·…_]\s*){2,}\s*|\t+\s*|\s{2,}|\s)(?P<side>\d{1,3})\s*$"
)
_LEDER = re.compile(r"(?:[.·…_]\s*){3,}\s*$")
_LOST_NUMMER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s*$")
_NUMMER_START = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|§\s*\d+|[IVX]+\.)\s+\S")


def _er_oppforing(tekst: str) -> tuple[bool, int | None, bool]:
    """Whether a line is a contents entry, its page number, and whether it has a leader."""
    treff = OPPFORING.match(tekst)
    if not treff:
        return bool(_LEDER.search(tekst)), None, True  # page number on the next line
    leder = treff.group("leder")
    har_leder = bool(re.search(r"[.·…_\t]", leder)) or len(leder) >= 2
    tittel = treff.group("tittel")
    if not har_leder and not _NUMMER_START.match(tittel):
        return False, None, False  # «gjelder fra 1. januar 2027» is a sentence, not an entry
    if len(tittel) > 160 or tittel.rstrip().endswith((",", ";")):
        return False, None, False
    return True, int(treff.group("side")), har_leder


def finn_innhold(linjer: list[Linje], utelatt: set[int]) -> tuple[set[int], int | None]:
    """The lines of a table of contents, and the line where it starts (None: none found)."""
    funnet = {linje.nr for linje in linjer if linje.art == "innhold"}
    synlige = [linje for linje in linjer if linje.nr not in utelatt and linje.tekst.strip()]
    i = 0
    while i < len(synlige):
        start = i
        har_overskrift = bool(OVERSKRIFT.match(synlige[i].tekst))
        if har_overskrift:
            i += 1
        oppforinger: list[int] = []
        sider: list[int] = []
        ledere = 0
        j = i
        while j < len(synlige):
            tekst = synlige[j].tekst
            if (
                _LOST_NUMMER.match(tekst)
                and j + 1 < len(synlige)
                and _er_oppforing(synlige[j + 1].tekst)[0]
            ):
                # The entry's number on a line of its own (pdftotext without -layout).
                oppforinger.append(synlige[j].nr)
                j += 1
                continue
            er, side, leder = _er_oppforing(tekst)
            if er and side is None and j + 1 < len(synlige):
                # A leader with the page number on the next line (a PDF export).
                neste = synlige[j + 1].tekst.strip()
                if neste.isdigit() and len(neste) <= 3:
                    oppforinger += [synlige[j].nr, synlige[j + 1].nr]
                    sider.append(int(neste))
                    ledere += 1
                    j += 2
                    continue
                er = False
            if er and side is not None:
                oppforinger.append(synlige[j].nr)
                sider.append(side)
                ledere += leder
                j += 1
                continue
            # A long entry wrapped onto the next line: its page number comes after.
            if (
                oppforinger
                and j + 1 < len(synlige)
                and len(tekst) < 100
                and not tekst.rstrip().endswith((".", ":", ";"))
                and _er_oppforing(synlige[j + 1].tekst)[1] is not None
            ):
                oppforinger.append(synlige[j].nr)
                j += 1
                continue
            break
        # Page numbers mostly rise; a contents list that was not updated may have a slip.
        par = list(itertools.pairwise(sider))
        stigende = sum(a <= b for a, b in par) >= 0.8 * len(par)
        nok = len(sider) >= 3 or (har_overskrift and len(sider) >= 1)
        if nok and stigende and (har_overskrift or ledere >= 2 or len(sider) >= 4):
            funnet.update(oppforinger)
            if har_overskrift:
                funnet.add(synlige[start].nr)
            i = j
        else:
            i = start + 1
    return funnet, min(funnet) if funnet else None


def gjentatt_innhold(kandidater: list[tuple[int, str, tuple[int, ...], bool]]) -> set[int]:
    """A table of contents without page numbers: the first headings, with no text between
    them, that the document repeats in the same order later.

    ``kandidater``: (line number, title, number, text follows before the next candidate).
    """
    forste: list[tuple[int, str, tuple[int, ...]]] = []
    for nr, tittel, nummer, har_tekst in kandidater:
        if har_tekst:
            break
        forste.append((nr, tittel.lower(), nummer))
    if len(forste) < 3:
        return set()
    resten = [(t.lower(), n) for _nr, t, n, _h in kandidater[len(forste) :]]
    gjentatt = sum(1 for _nr, t, n in forste if (t, n) in resten)
    if gjentatt >= 0.6 * len(forste):
        return {nr for nr, _t, _n in forste}
    return set()
