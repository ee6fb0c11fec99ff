"""Clause analysis: how binding the wording is, who carries the duty, what is vague, how
readable it is. Pure Python on word lists that are data (no network, no models).

The evaluation report behind the agreements found that they work where wording is concrete
and binding with the responsible party named, and fail where it is vague. A modal verb alone
does not say which: «Avtalen kan sies opp» is a right, «for at kommunene kan planlegge» an
ability, «ikke kan pålegge» a prohibition. The rules in leser.py read the modal in its
clause; this module puts the sentences of a clause together.
"""

import re
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from avtaler.sprak.data import (
    BESKRIVELSE,
    FORBUD,
    FORPLIKTENDE,
    INTENSJON,
    NIVAER,
    PART,
    RETTIGHET,
    UKLAR,
    VAG,
    VILKAR,
)
from avtaler.sprak.leser import Leser
from avtaler.sprak.malform import gjett_malform
from avtaler.sprak.ordliste import STANDARD_ORDLISTE, Ordliste

# Which level wins when a sentence has several: a prohibition or a condition is never
# hidden behind a duty, and a duty is not hidden behind a right.
RANG = (FORBUD, VILKAR, FORPLIKTENDE, RETTIGHET, INTENSJON, UKLAR, BESKRIVELSE)
BINDENDE = (FORPLIKTENDE, FORBUD)

_ORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MARKDOWN = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.M)
# Sentences end at . ! ? ; (and : before a line break), but not after an abbreviation or a
# number («kl. 12», «pkt. 4», «f.eks.»), nor before a lower-case word.
_FORKORTELSER = {
    *("kl", "pkt", "nr", "jf", "jfr", "bl.a", "f.eks", "ca", "mv", "m.m", "osv", "dvs", "st"),
    *("ref", "kap", "tlf", "evt", "ev", "inkl", "mfl", "m.fl"),
}
_GRENSE = re.compile(r"[.!?;]\s+|:\s*\n+|\n+")
_SKRIV_SKAL = "Skriv «skal» og hvem som skal gjøre det, hvis det er en plikt."
# Who a third party must be to be pointed out: one that carries a duty, not a right.
_PLIKTNIVAER = (FORPLIKTENDE, FORBUD, INTENSJON, UKLAR)


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
    regel: str
    ansvarlig: list[str]
    ikke_part: list[str]
    vage: list[Funn]
    markert: list[Funn]
    malform: str
    antall_ord: int
    parter: list[str] = field(default_factory=list)
    rad: str = ""

    def som_json(self) -> dict:
        """The sentence as `manage.py sprakanalyse` prints it."""
        return {
            "setning": self.tekst,
            "niva": self.niva,
            "regel": self.regel,
            "ansvarlig": self.ansvarlig,
            "ikke_part": self.ikke_part,
            "vage": [f.uttrykk.lower() for f in self.vage],
        }


def lix(antall_ord: int, setninger: int, lange_ord: int) -> float:
    """Readability index: words per sentence plus the share of long words, in per cent."""
    if not antall_ord:
        return 0.0
    return round(antall_ord / max(setninger, 1) + 100 * lange_ord / antall_ord, 1)


@dataclass
class Analyse:
    setninger: list[Setning]
    antall_ord: int
    lange_ord: int

    @property
    def niva(self) -> str:
        """A clause is as binding as its most binding sentence."""
        nivaer = {s.niva for s in self.setninger}
        return next((n for n in RANG if n in nivaer), BESKRIVELSE)

    @property
    def bindende(self) -> list[Setning]:
        return [s for s in self.setninger if s.niva in BINDENDE]

    @property
    def vage(self) -> list[Funn]:
        return [f for s in self.setninger for f in s.vage]

    @property
    def markert(self) -> list[Funn]:
        """What the editor highlights: vague phrases and the words that weakened a duty."""
        return [f for s in self.setninger for f in s.vage + s.markert]

    @property
    def funn(self) -> list[Funn]:
        return self.markert

    @property
    def rad(self) -> list[tuple[str, str]]:
        """Advice where a rewrite would help (a weak duty): (sentence, advice)."""
        return [(s.tekst, s.rad) for s in self.setninger if s.rad]

    @property
    def parter(self) -> list[str]:
        return sorted({p for s in self.setninger for p in s.parter})

    @property
    def ansvarlige(self) -> list[str]:
        return sorted({p for s in self.bindende for p in s.ansvarlig})

    @property
    def ikke_parter(self) -> list[str]:
        return sorted({p for s in self.setninger for p in s.ikke_part})

    @property
    def har_ansvarlig(self) -> bool:
        """False for a binding clause whose duties name no party."""
        return not self.bindende or bool(self.ansvarlige)

    @property
    def lix(self) -> float:
        return lix(self.antall_ord, len(self.setninger), self.lange_ord)

    @property
    def lengste_setning(self) -> int:
        return max((s.antall_ord for s in self.setninger), default=0)


def _setninger(tekst: str) -> list[tuple[str, int]]:
    """Sentences and where they start. A full stop after an abbreviation or a number
    («kl. 12», «pkt. 4», «f.eks.») or before a lower-case word does not end a sentence."""
    deler, start = [], 0
    for m in _GRENSE.finditer(tekst):
        if m.group(0)[0] == ".":
            forrige = re.search(r"([\w.]+)\.$", tekst[start : m.start() + 1])
            neste = tekst[m.end() : m.end() + 1]
            forkortet = forrige and (
                forrige.group(1).lower() in _FORKORTELSER or forrige.group(1).isdigit()
            )
            if forkortet or neste.islower():
                continue
        deler.append((tekst[start : m.start() + (m.group(0)[0] in ".!?;")], start))
        start = m.end()
    deler.append((tekst[start:], start))
    return [(bit, s) for bit, s in deler if _ORD.search(bit)]


def analyser_setning(
    tekst: str, ordliste: Ordliste = STANDARD_ORDLISTE, malform: str | None = None, start: int = 0
) -> Setning:
    """Analyse one sentence. `malform` ("nb"/"nn") limits the word lists to that written
    standard; without it the sentence's standard is guessed and both lists are used."""
    leser = Leser(tekst, ordliste, malform)
    forekomster = leser.forekomster()
    niva = next((n for n in RANG if any(f.niva == n for f in forekomster)), BESKRIVELSE)
    valgt = [f for f in forekomster if f.niva == niva]
    regel = valgt[0].regel if valgt else "Beskrivelse: ingen plikt, rett eller intensjon"
    ansvarlig, ikke_part = set(), set()
    if niva != BESKRIVELSE or any(f.regel.startswith("Beskrivelse av en rolle") for f in valgt):
        for f in valgt:
            if not f.subjekt:
                continue
            if f.parter is not None:
                subjekter = f.parter
            elif niva == VILKAR and f.regel.startswith("Vilkår: «For at"):
                subjekter = leser.subjekt(f.treff)
            elif niva == VILKAR:
                subjekter = leser.vilkarssubjekt()
            elif f.treff.tekst.lower() in ("skal", "må", "kan", "bør") and leser.passiv(f.treff):
                subjekter = leser.agent(f.treff)  # «Kommunen skal varsles»: kommunen is told
            else:
                subjekter = leser.subjekt(f.treff)
            for p in subjekter:
                if p.kategori == PART:
                    ansvarlig.add(p.betyr)
                elif niva in _PLIKTNIVAER or f.regel.startswith("Beskrivelse av en rolle"):
                    ikke_part.add(p.betyr)
    if niva == BESKRIVELSE:
        ansvarlig = set()
    markert = [
        Funn(m.tekst, f.niva, start + m.start, start + m.slutt, m.forklaring)
        for f in valgt
        if (m := f.markert) is not None
    ]
    rad = ""
    if niva in (INTENSJON, UKLAR) and markert:
        rad = markert[0].forklaring or _SKRIV_SKAL
    vage = [Funn(v.tekst, VAG, start + v.start, start + v.slutt, v.forklaring) for v in leser.vage]
    ord_ = _ORD.findall(tekst)
    return Setning(
        tekst=tekst.strip(),
        start=start,
        niva=niva,
        regel=regel,
        ansvarlig=sorted(ansvarlig),
        ikke_part=sorted(ikke_part),
        vage=vage,
        markert=markert,
        malform=malform or gjett_malform(tekst),
        antall_ord=len(ord_),
        parter=sorted({p.betyr for p in leser.parter if p.kategori == PART}),
        rad=rad,
    )


def analyser(
    tekst: str, ordliste: Ordliste = STANDARD_ORDLISTE, malform: str | None = None
) -> Analyse:
    """Analyse one clause's text (the Markdown subset; list markers are ignored). `malform`
    is the agreement's written standard when it is known (a hook for the agreement's own
    målform); without it each sentence's standard is guessed."""
    nokkel = (tekst or "", malform)
    if nokkel in ordliste.buffer:
        return ordliste.buffer[nokkel]
    punkter = {m.end() for m in _MARKDOWN.finditer(tekst or "")}
    ren = _MARKDOWN.sub(lambda m: " " * len(m.group(0)), tekst or "").replace("*", " ")
    setninger, innledning = [], None
    for setning, start in _setninger(ren):
        analyse = analyser_setning(setning, ordliste, malform, start)
        er_punkt = start + len(setning) - len(setning.lstrip()) in punkter
        if not er_punkt:
            slutt = start + len(setning)
            innledning = analyse if re.match(r"\s*:", ren[slutt : slutt + 3]) else None
        elif innledning is not None and analyse.niva == BESKRIVELSE != innledning.niva:
            _arv(analyse, innledning)
        setninger.append(analyse)
    ord_liste = _ORD.findall(ren)
    analyse = Analyse(setninger, len(ord_liste), sum(1 for o in ord_liste if len(o) > 6))
    if len(ordliste.buffer) >= _BUFFERSTORRELSE:
        ordliste.buffer.clear()
    ordliste.buffer[nokkel] = analyse
    return analyse


def _arv(punkt: Setning, innledning: Setning) -> None:
    """A list item under «Strategisk samarbeidsutvalg skal:» carries the lead-in's rule."""
    punkt.niva = innledning.niva
    punkt.regel = f"{innledning.regel}, i listen under «{innledning.tekst[-40:]}:»"
    punkt.ansvarlig = list(innledning.ansvarlig)
    punkt.ikke_part = list(innledning.ikke_part)
    punkt.rad = innledning.rad


def marker_vage(html: str, analyse: Analyse) -> str:
    """Wrap the vague phrases and weakening words in <mark> in rendered (safe) HTML,
    touching text only."""
    uttrykk = sorted({f.uttrykk.lower() for f in analyse.markert}, key=len, reverse=True)
    if not uttrykk:
        return html
    alternativer = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in uttrykk)
    monster = re.compile(rf"(?<!\w)(?:{alternativer})(?!\w)", re.IGNORECASE)
    deler = re.split(r"(<[^>]+>)", html)
    # The input is rendered, escaped HTML; only <mark> is added around text in it.
    return mark_safe(  # noqa: S308
        "".join(
            del_
            if del_.startswith("<")
            else monster.sub(lambda m: f'<mark class="vag">{m.group(0)}</mark>', del_)
            for del_ in deler
        )
    )


_BUFFERSTORRELSE = 20_000
_ORDLISTER: dict[tuple, Ordliste] = {}


def ordliste_fra_db() -> Ordliste:
    """The word lists as administrators have edited them, with the names of the
    organisations in the database as parties (two queries). Compiled once per content."""
    from avtaler.models import Sprakuttrykk
    from helsefellesskap.models import Organisasjon

    rader = tuple(
        Sprakuttrykk.objects.filter(aktiv=True)
        .order_by("pk")
        .values_list("kategori", "uttrykk", "forklaring", "malform", "betyr")
    )
    navn: list[tuple[str, str]] = []
    for org_navn, type_ in Organisasjon.objects.order_by("pk").values_list("navn", "type"):
        if type_ == Organisasjon.Type.KOMMUNE:
            navn.append((org_navn, "kommunen"))
        elif type_ == Organisasjon.Type.HELSEFORETAK:
            navn.append((org_navn, "helseforetaket"))
            kort = re.sub(r"\s+HF$", "", org_navn.strip())
            if kort != org_navn.strip():
                navn.append((kort, "helseforetaket"))
    nokkel = (rader, tuple(navn))
    if nokkel not in _ORDLISTER:
        if len(_ORDLISTER) >= 4:
            _ORDLISTER.clear()
        _ORDLISTER[nokkel] = (
            Ordliste(uttrykk=list(rader), navn=navn) if rader else Ordliste(navn=navn)
        )
    return _ORDLISTER[nokkel]


__all__ = ["NIVAER", "Analyse", "Funn", "Setning", "analyser", "analyser_setning", "lix"]
