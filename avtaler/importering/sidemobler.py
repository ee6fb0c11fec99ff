"""Page furniture: running heads and feet, page numbers («- 3 -», «Side 2 av 9»).

Lines repeated at the edges of two or more pages are furniture; so are lines that say
which page this is. A lone number is a page number only where pages are known and it
counts the pages; elsewhere it may be a heading's number that an exporter put on a line
of its own, and the structure decides (`struktur`).
"""

import re
from collections import Counter

from avtaler.importering.modeller import Linje

SIDETALL = re.compile(
    r"^\s*(?:-\s*\d{1,3}\s*-|(?:side|s\.|page)\s*\d{1,3}(?:\s*(?:av|/|of)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:av|/)\s*\d{1,3})\s*$",
    re.IGNORECASE,
)
LOSE_TALL = re.compile(r"^\s*(\d{1,3})\s*$")
_SIDE_X_AV_Y = re.compile(r"\b(?:side|page)\s+\d+\s+(?:av|of)\s+\d+\b", re.IGNORECASE)


def _sider(linjer: list[Linje]) -> dict[int, list[Linje]]:
    sider: dict[int, list[Linje]] = {}
    for linje in linjer:
        if linje.side and linje.tekst.strip() and not linje.hel:
            sider.setdefault(linje.side, []).append(linje)
    return sider


def _sidetall_forskyvning(sider: dict[int, list[Linje]]) -> int | None:
    """How a document's printed page numbers relate to the page index (often equal)."""
    forskjeller: Counter[int] = Counter()
    for side, linjer in sider.items():
        for linje in linjer[:2] + linjer[-2:]:
            if treff := LOSE_TALL.match(linje.tekst):
                forskjeller[int(treff.group(1)) - side] += 1
    if not forskjeller:
        return None
    forskjell, antall = forskjeller.most_common(1)[0]
    return forskjell if antall >= 2 or len(sider) == 1 else None


def finn_sidemobler(linjer: list[Linje]) -> set[int]:
    """The numbers of the lines that are page furniture."""
    sider = _sider(linjer)
    kanter: dict[int, Linje] = {}
    if len(sider) > 1:
        for sidelinjer in sider.values():
            for linje in sidelinjer[:2] + sidelinjer[-2:]:
                kanter[linje.nr] = linje
    normal = {nr: re.sub(r"\d+", "#", linje.tekst.strip()) for nr, linje in kanter.items()}
    gjentatt = {tekst for tekst, n in Counter(normal.values()).items() if n >= 2}
    forskyvning = _sidetall_forskyvning(sider) if len(sider) > 1 else None
    funnet = set()
    for linje in linjer:
        innhold = linje.tekst.strip()
        if not innhold or linje.hel:
            continue
        sidetall = SIDETALL.match(innhold) or (len(innhold) < 120 and _SIDE_X_AV_Y.search(innhold))
        lost = LOSE_TALL.match(innhold)
        pa_kanten = linje.nr in kanter
        gjentas = pa_kanten and normal[linje.nr] in gjentatt and not lost
        teller_sider = (
            pa_kanten
            and lost
            and forskyvning is not None
            and int(lost.group(1)) - linje.side == forskyvning
        )
        if sidetall or gjentas or teller_sider:
            funnet.add(linje.nr)
    return funnet
