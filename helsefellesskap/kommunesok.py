"""Finding a municipality by what a nurse types: a number, a name, or the start of either.

There are only a few hundred municipalities, so matching runs in Python over one query. That keeps
the rules the same on both databases (SQLite's LIKE folds case for ASCII only, so "ålesund" would
not find "Ålesund" there).
"""

from helsefellesskap.models import Organisasjon
from kjerne.sortering import norsk_nokkel

MAKS_FORSLAG = 10


def _normalisert(tekst: str) -> str:
    return " ".join(tekst.casefold().split())[:100]


def _navnet(kommune: Organisasjon) -> str:
    """'Bærum kommune' → 'bærum': the part people type."""
    return kommune.navn.casefold().removesuffix(" kommune").strip()


def _treff(kommune: Organisasjon, tekst: str) -> int | None:
    """How well the municipality matches; lower is better, None is no match."""
    navn = _navnet(kommune)
    if tekst in (kommune.kommunenummer, navn, kommune.navn.casefold()):
        return 0
    if navn.startswith(tekst) or kommune.kommunenummer.startswith(tekst):
        return 1
    if any(ord_.startswith(tekst) for ord_ in navn.replace("-", " ").split()):
        return 2
    if tekst in navn:
        return 3
    return None


def finn_kommuner(tekst: str, grense: int = MAKS_FORSLAG) -> list[Organisasjon]:
    """The municipalities matching the text, best first, then in Norwegian alphabetical order."""
    tekst = _normalisert(tekst)
    if not tekst:
        return []
    rangert = []
    for kommune in Organisasjon.objects.kommuner().only("navn", "kommunenummer"):
        treff = _treff(kommune, tekst)
        if treff is not None:
            rangert.append((treff, norsk_nokkel(kommune.navn), kommune))
    rangert.sort(key=lambda rad: rad[:2])
    return [kommune for _, _, kommune in rangert[:grense]]


def entydig_kommune(tekst: str, treff: list[Organisasjon]) -> Organisasjon | None:
    """The municipality the text names among finn_kommuner()'s matches: the only match, or the
    only exact one."""
    normalisert = _normalisert(tekst)
    eksakte = [kommune for kommune in treff if _treff(kommune, normalisert) == 0]
    if len(eksakte) == 1:
        return eksakte[0]
    return treff[0] if len(treff) == 1 else None
