"""Clause analysis: how binding the wording is, what is vague, who is responsible, how
readable it is. Pure Python on word lists that are data (no network, no models).

The evaluation report behind the agreements found that they work where wording is
concrete and binding with the responsible party named, and fail where it is vague.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from avtaler.sprakdata import AVDEMPER, FORPLIKTENDE, INTENSJON, PARTER, STANDARD, VAG

NIVAER = (FORPLIKTENDE, INTENSJON, "uklar")
_SETNINGSSLUTT = re.compile(r"(?<=[.!?:;])\s+|\n+")
_ORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MARKDOWN = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)


def lix(antall_ord: int, setninger: int, lange_ord: int) -> float:
    """Readability index: words per sentence plus the share of long words, in per cent."""
    if not antall_ord:
        return 0.0
    return round(antall_ord / max(setninger, 1) + 100 * lange_ord / antall_ord, 1)


@dataclass(frozen=True)
class Funn:
    uttrykk: str
    kategori: str
    start: int
    slutt: int
    forklaring: str = ""


@dataclass
class Setning:
    tekst: str
    start: int
    niva: str
    parter: list[str]
    ansvarlig: str | None
    antall_ord: int


@dataclass
class Analyse:
    setninger: list[Setning]
    funn: list[Funn]
    antall_ord: int
    lange_ord: int

    @property
    def niva(self) -> str:
        nivaer = {s.niva for s in self.setninger}
        for niva in NIVAER:
            if niva in nivaer:
                return niva
        return "uklar"

    @property
    def vage(self) -> list[Funn]:
        return [f for f in self.funn if f.kategori in (VAG, INTENSJON, AVDEMPER)]

    @property
    def parter(self) -> list[str]:
        return sorted({p for s in self.setninger for p in s.parter})

    @property
    def ansvarlige(self) -> list[str]:
        return sorted(
            {s.ansvarlig for s in self.setninger if s.ansvarlig and s.niva == FORPLIKTENDE}
        )

    @property
    def har_ansvarlig(self) -> bool:
        return bool(self.parter)

    @property
    def lix(self) -> float:
        return lix(self.antall_ord, len(self.setninger), self.lange_ord)

    @property
    def lengste_setning(self) -> int:
        return max((s.antall_ord for s in self.setninger), default=0)


def _monster(uttrykk: list[str]) -> re.Pattern | None:
    if not uttrykk:
        return None
    alternativer = "|".join(
        re.escape(u).replace(r"\ ", r"\s+") for u in sorted(uttrykk, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{alternativer})(?!\w)", re.IGNORECASE)


@dataclass
class Ordliste:
    """The word lists, compiled once."""

    uttrykk: list[tuple[str, str, str]] = field(default_factory=lambda: list(STANDARD))
    parter: list[tuple[str, list[str]]] = field(default_factory=lambda: list(PARTER))

    @cached_property
    def monstre(self) -> dict[str, re.Pattern | None]:
        return {
            kategori: _monster([u for k, u, _f in self.uttrykk if k == kategori])
            for kategori in (FORPLIKTENDE, INTENSJON, AVDEMPER, VAG)
        }

    @cached_property
    def forklaringer(self) -> dict[tuple[str, str], str]:
        return {(k, u.lower()): f for k, u, f in self.uttrykk}

    @cached_property
    def partmonstre(self) -> list[tuple[str, re.Pattern]]:
        return [(part, _monster(ord)) for part, ord in self.parter]


STANDARD_ORDLISTE = Ordliste()


def _finn(
    monster: re.Pattern | None, tekst: str, kategori: str, ordliste: Ordliste, forskyvning: int = 0
) -> list[Funn]:
    if monster is None:
        return []
    return [
        Funn(
            treff.group(0),
            kategori,
            forskyvning + treff.start(),
            forskyvning + treff.end(),
            ordliste.forklaringer.get((kategori, re.sub(r"\s+", " ", treff.group(0).lower())), ""),
        )
        for treff in monster.finditer(tekst)
    ]


def _setninger(tekst: str) -> list[tuple[str, int]]:
    deler, posisjon = [], 0
    for bit in _SETNINGSSLUTT.split(tekst):
        start = tekst.find(bit, posisjon)
        posisjon = start + len(bit)
        if _ORD.search(bit):
            deler.append((bit, start))
    return deler


def _ansvarlig(setning: str, modal_start: int, modal_slutt: int, ordliste: Ordliste) -> str | None:
    """The party that carries the duty: the subject. With inverted word order
    («Ved utskrivning skal helseforetaket …») it stands right after the verb; otherwise
    it is the nearest party before the verb («Helseforetaket skal varsle kommunen»)."""
    rett_etter, for_, like_etter = [], [], []
    for part, monster in ordliste.partmonstre:
        for treff in monster.finditer(setning):
            mellom = len(_ORD.findall(setning[modal_slutt : treff.start()]))
            if treff.start() >= modal_slutt and mellom == 0:
                rett_etter.append((treff.start(), part))
            elif treff.end() <= modal_start:
                for_.append((treff.start(), part))
            elif treff.start() >= modal_slutt and mellom == 1:
                like_etter.append((treff.start(), part))
    if rett_etter:
        return min(rett_etter)[1]
    if for_:
        return max(for_)[1]
    if like_etter:
        return min(like_etter)[1]
    return None


def analyser(tekst: str, ordliste: Ordliste = STANDARD_ORDLISTE) -> Analyse:
    """Analyse one clause's text (the Markdown subset; list markers are ignored)."""
    ren = _MARKDOWN.sub(lambda m: " " * len(m.group(0)), tekst or "").replace("*", " ")
    setninger: list[Setning] = []
    funn: list[Funn] = []
    for kategori in (VAG,):
        funn += _finn(ordliste.monstre[kategori], ren, kategori, ordliste)
    for setning, start in _setninger(ren):
        plikt = (
            list(ordliste.monstre[FORPLIKTENDE].finditer(setning))
            if ordliste.monstre[FORPLIKTENDE]
            else []
        )
        hensikt = _finn(ordliste.monstre[INTENSJON], setning, INTENSJON, ordliste, start)
        niva, modal = "uklar", None
        if plikt:
            modal = plikt[0]
            etterpa = setning[modal.end() :]
            demper = (
                ordliste.monstre[AVDEMPER].search(etterpa) if ordliste.monstre[AVDEMPER] else None
            )
            if demper and len(_ORD.findall(etterpa[: demper.start()])) <= 3:
                niva = INTENSJON
                funn.append(
                    Funn(
                        demper.group(0),
                        AVDEMPER,
                        start + modal.end() + demper.start(),
                        start + modal.end() + demper.end(),
                        ordliste.forklaringer.get((AVDEMPER, demper.group(0).lower()), ""),
                    )
                )
            else:
                niva = FORPLIKTENDE
        elif hensikt:
            niva = INTENSJON
            modal = next(ordliste.monstre[INTENSJON].finditer(setning))
        if niva == INTENSJON:
            funn += hensikt
        parter = sorted({part for part, monster in ordliste.partmonstre if monster.search(setning)})
        ansvarlig = _ansvarlig(setning, modal.start(), modal.end(), ordliste) if modal else None
        setninger.append(
            Setning(setning.strip(), start, niva, parter, ansvarlig, len(_ORD.findall(setning)))
        )
    ord_liste = _ORD.findall(ren)
    # One finding per place in the text (a softener may also be on the vague list).
    unike: dict[tuple[int, int], Funn] = {}
    for f in sorted(funn, key=lambda f: (f.start, -f.slutt)):
        unike.setdefault((f.start, f.slutt), f)
    funn = list(unike.values())
    return Analyse(setninger, funn, len(ord_liste), sum(1 for o in ord_liste if len(o) > 6))


def marker_vage(html: str, analyse: Analyse) -> str:
    """Wrap the vague phrases in <mark> in rendered (safe) HTML, touching text only."""
    uttrykk = {f.uttrykk.lower() for f in analyse.vage}
    monster = _monster(sorted(uttrykk))
    if monster is None:
        return html
    deler = re.split(r"(<[^>]+>)", html)
    return "".join(
        del_
        if del_.startswith("<")
        else monster.sub(lambda m: f'<mark class="vag">{m.group(0)}</mark>', del_)
        for del_ in deler
    )


def ordliste_fra_db() -> Ordliste:
    """The word lists as administrators have edited them (one query)."""
    from avtaler.models import Sprakuttrykk

    rader = list(
        Sprakuttrykk.objects.filter(aktiv=True).values_list("kategori", "uttrykk", "forklaring")
    )
    return Ordliste(uttrykk=rader) if rader else STANDARD_ORDLISTE
