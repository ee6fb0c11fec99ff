"""Plain text into lines: every line kept, with its page when the text has page breaks.

Empty lines stay: in text exported from PDF they carry the paragraph breaks, and
whitespace-only lines and truly empty ones mean different things (see `struktur`).
"""

from avtaler.importering.formater import sjekk_storrelse
from avtaler.importering.modeller import Lesing, Linje, Merknad

SIDESKIFT = "\f"


def les_tekst(tekst: str, format_navn: str, merknader: list[Merknad]) -> Lesing:
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    raa = tekst.split("\n")
    sjekk_storrelse(len(tekst), sum(1 for r in raa if r.strip()))
    side = 1
    linjer = []
    for nr, linje in enumerate(raa, start=1):
        side += linje.count(SIDESKIFT)
        linjer.append(Linje(nr=nr, tekst=linje.replace(SIDESKIFT, ""), side=side))
    if side == 1:
        for linje in linjer:
            linje.side = 0
    return Lesing(format=format_navn, linjer=linjer, merknader=merknader, ombrukket=True)
