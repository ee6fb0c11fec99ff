"""The discharge hours as rules (DOMAIN.md § 5): which window a date has, and a suggestion read
from a clause's text that the coordinator confirms in the editor.

Days are read in this order: a weekend or a Norwegian public holiday has the weekend window;
then 24 December, 31 December, the day before a public holiday and Friday, each by its rule
(«som vanlig dag» goes on to the next rule, «som helg og helligdag» takes the weekend window,
«egne tider» its own); anything else has the weekday window. A day without a window allows
discharge only by special agreement.

The parser proposes, it never decides: what it reads is put in the editor's form with what it
understood, and only the coordinator's save makes it the routine's hours.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from avtaler.helligdager import er_helg_eller_helligdag, helligdagsnavn

Vindu = tuple[datetime.time, datetime.time]

UKEDAGER = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


@dataclass(frozen=True)
class Dagvindu:
    """A date's discharge window and why it is that one."""

    dato: datetime.date
    dagtype: str  # «Hverdag», «Fredag», «Dag før helligdag (Skjærtorsdag)», «Langfredag» …
    vindu: Vindu | None

    @property
    def tekst(self) -> str:
        if self.vindu is None:
            return _("bare etter særskilt avtale")
        return f"{self.vindu[0]:%H:%M}–{self.vindu[1]:%H:%M}"

    def tillatt(self, klokkeslett: datetime.time) -> bool:
        return self.vindu is not None and self.vindu[0] <= klokkeslett <= self.vindu[1]


def _par(tider, navn: str) -> Vindu | None:
    fra, til = getattr(tider, f"{navn}_fra"), getattr(tider, f"{navn}_til")
    return (fra, til) if fra is not None and til is not None else None


def dag_for_helligdag(dato: datetime.date) -> str:
    """The name of the public holiday the next day is, or "" (an ordinary Sunday is not one)."""
    return helligdagsnavn(dato + datetime.timedelta(days=1))


def dagvindu(tider, dato: datetime.date) -> Dagvindu:
    """The window of the date under the routine's hours (an Utskrivningstider row)."""
    from avtaler.models import Dagregel

    helg = _par(tider, "helg")
    if er_helg_eller_helligdag(dato):
        navn = helligdagsnavn(dato) or _("Helg")
        return Dagvindu(dato, navn, helg)
    spesielle = []
    if (dato.month, dato.day) == (12, 24):
        spesielle.append(("julaften", _("Julaften")))
    if (dato.month, dato.day) == (12, 31):
        spesielle.append(("nyttarsaften", _("Nyttårsaften")))
    neste = dag_for_helligdag(dato)
    if not neste:
        # 24 and 31 December as holidays under this routine make 23 and 30 December the day
        # before a holiday (docs/ordliste.md «Dagen før en helligdag»).
        morgen = dato + datetime.timedelta(days=1)
        aftener = {
            (12, 24): ("julaften", _("Julaften")),
            (12, 31): ("nyttarsaften", _("Nyttårsaften")),
        }
        felt, aftennavn = aftener.get((morgen.month, morgen.day), ("", ""))
        if felt and getattr(tider, felt) == Dagregel.SOM_HELLIGDAG:
            neste = aftennavn
    if neste:
        spesielle.append(("dag_for_helligdag", _("Dag før helligdag (%(navn)s)") % {"navn": neste}))
    if dato.weekday() == 4:
        spesielle.append(("fredag", _("Fredag")))
    # The day is called by its first name («Nyttårsaften») even where a later rule decides.
    navn = spesielle[0][1] if spesielle else _("Hverdag")
    for felt, _navn in spesielle:
        regel = getattr(tider, felt)
        if regel == Dagregel.EGNE:
            return Dagvindu(dato, navn, _par(tider, felt))
        if regel == Dagregel.SOM_HELLIGDAG:
            return Dagvindu(dato, _("%(navn)s (som helligdag)") % {"navn": navn}, helg)
    return Dagvindu(dato, navn, (tider.hverdag_fra, tider.hverdag_til))


def dagvinduer(tider, fra: datetime.date, antall: int) -> list[Dagvindu]:
    return [dagvindu(tider, fra + datetime.timedelta(days=i)) for i in range(antall)]


# ---------------------------------------------------------------------------------------------
# The suggestion read from a clause's text.

# «kl», «kl.», «klokken», «klokka»; nynorsk «frå».
_KL = r"(?:kl\.?|klokk(?:en|a))"


def _tid(n: int) -> str:
    """One time of day: «8», «08», «8.00», «08:00» or four digits «0800» (group names end in n)."""
    return (
        rf"(?P<kl{n}>{_KL}\s*)?(?<![\d.:])"
        rf"(?:(?P<kt{n}>[0-2]\d)(?P<km{n}>[0-5]\d)|(?P<t{n}>\d{{1,2}})"
        rf"(?:(?P<s{n}>[:.])(?P<m{n}>\d{{2}}))?)(?!\d)"
    )


_IKKE_MENGDE = (
    r"(?!\s*(?:dag|døgn|tim|uke|veke|virke|år|mnd|måned|månad|min|gang|pasient|plass|seng|"
    r"person|stk|kr|km|side|sider|%|prosent|\.\d))"
)
_INTERVALL = re.compile(
    rf"(?P<for>(?:mellom|fra|frå)\s+)?{_tid(1)}\s*(?:og|–|-|—|til)\s*{_tid(2)}\b{_IKKE_MENGDE}",
    re.IGNORECASE,
)
_GRENSE = re.compile(
    rf"\b(?:innen|innan|før|senest|seinast|inntil)\s+{_tid(1)}\b{_IKKE_MENGDE}",
    re.IGNORECASE,
)
# Numbers that are references, not hours: «§ 8-16», «punkt 4–6», «tlf 22 33 …».
_HENVISNING = re.compile(
    r"(?:§|\bpunkt|\bpkt\.?|\bkapittel|\bkap\.?|\bledd|\bnr\.?|\bside|\bavsnitt|\btlf\.?|"
    r"\btelefon|\bårene|\båra)\s*$",
    re.IGNORECASE,
)
# Sentences and «;»-separated parts; a line break is not a boundary (PDF text wraps lines).
_SEGMENT = re.compile(r";|(?<=[.!?])\s+(?=[A-ZÆØÅ])")
# Bokmål and nynorsk (DOMAIN.md: the Hallingdal municipalities write nynorsk).
# Ranges of weekdays, written out or abbreviated with or without dots: «mandag til fredag»,
# «man.–fre.», «ma-fr».
_MAN = r"\b(?:m[aå]ndag|m[aå]n|ma)\.?\s*(?:–|-|—|til)\s*"
_MAN_FRE = re.compile(rf"{_MAN}(?:fredag|fre|fr)\b\.?", re.IGNORECASE)
_MAN_TOR = re.compile(rf"{_MAN}(?:torsdag|tor|to)\b\.?", re.IGNORECASE)
_DAG_FOR = re.compile(
    r"dag(?:en)?\s+før\s+(?:en\s+|ein\s+)?(?:hellig|helli|heilag)dag\w*|"
    r"(?:hellig|heilag)dagsaft[ae]n\w*|"
    r"(?:aftenen|kvelden)\s+før\s+(?:en\s+|ein\s+)?(?:hellig|heilag)dag\w*",
    re.IGNORECASE,
)
_JUL = re.compile(r"julaft[ae]n|24\.\s*desember|24\.12\.?", re.IGNORECASE)
_NYTT = re.compile(r"nyt{0,2}årsaft[ae]n|31\.\s*desember|31\.12\.?", re.IGNORECASE)
_FREDAG = re.compile(r"\bfredag\w*|\bfre\b\.?", re.IGNORECASE)
_HELG = re.compile(
    r"\b(?:lørdag|lør|lø|laurdag|laur)\.?\s*(?:–|-|—|til|og|/|\+)\s*(?:søndag|søn|sø|sundag|sun)"
    r"\b\.?|\blør\b\.?|\bsøn\b\.?|"
    r"\bhelg\w*|\blørdag\w*|\blaurdag\w*|\bsøndag\w*|\bsundag\w*|\bhelligdag\w*|"
    r"\bheilagdag\w*|\bhøytid\w*|\bhøgtid\w*",
    re.IGNORECASE,
)
_HVERDAG = re.compile(
    r"\bhverdag\w*|\bkvardag\w*|\bvirkedag\w*|\byrkedag\w*|\bukedag\w*|\bvekedag\w*",
    re.IGNORECASE,
)
_ALLE = re.compile(r"\balle\s+(?:dager|dagar|dagene|dagane|ukedager|vekedagar)\b", re.IGNORECASE)
_VARSEL = re.compile(
    r"\bvarsl\w*|\bvarsel\w*|\bkontakt(?:es|e|er)\b|\bmeld(?:es|e|ing)\b|\bgi\s+beskjed",
    re.IGNORECASE,
)
# A time stated as a prohibition or by arrangement («skal ikke skje før kl. 10», «ingen
# utskrivning mellom 16 og 20», «etter avtale … mellom 10 og 14») is no window: read as one it
# would be the opposite of the rule. Such statements propose nothing. («unntatt fredag 8–14»
# states Friday's own window and is read.)
_NEKTING = re.compile(
    r"\b(?:ikke|ikkje|ingen|inga|aldri|unntaksvis|særskilt|"
    r"etter\s+(?:nærmere\s+|nærare\s+)?avtale)\b",
    re.IGNORECASE,
)
# Where a statement takes its days from the text after it, an exception there ends them:
# «08–15.30 mandag–fredag, unntatt dagen før helligdag …» is not the holiday eve's window.
_UNNTAK_ETTER = re.compile(
    r"[,(]?\s*\b(?:unntatt|unnateke|unntak|bortsett|men|utenom|untatt)\b", re.IGNORECASE
)
# A single weekday other than Friday («Onsdag: 09–13») and a season or holiday period («i
# påsken», «i sommerferien») have no field of their own: read as weekdays they would be wrong.
_ENKELTDAG = re.compile(r"\b(?:m[aå]ndag|tirsdag|tysdag|onsdag|torsdag)\w*", re.IGNORECASE)
_PERIODE = re.compile(
    r"\b(?:påsk\w*|romjul\w*|sommer\w*|sumar\w*|\w*ferie\w*|jul(?:en|a|etida)?\b|"
    r"i\s+perioden)",
    re.IGNORECASE,
)
# Saturday alone is not the weekend: the one window covers Sunday and the holidays too.
_LORDAG = re.compile(r"\b(?:lørdag\w*|laurdag\w*|lør|lø)\b\.?", re.IGNORECASE)
_SONDAG_ELLER_HELG = re.compile(
    r"\b(?:søndag|sundag|søn|sø|sun)\b|helg|hellig|heilag|høytid|høgtid", re.IGNORECASE
)


def _uten_enkeltdager(dager: list[str], dagtekst: str) -> list[str]:
    """The day kinds a statement may set: none for a lone weekday or a period, no weekend
    window from Saturday alone."""
    uten_spenn = _MAN_TOR.sub(" ", _MAN_FRE.sub(" ", dagtekst))
    if _ENKELTDAG.search(uten_spenn) or _PERIODE.search(dagtekst):
        return []
    if "helg" in dager and _LORDAG.search(dagtekst) and not _SONDAG_ELLER_HELG.search(dagtekst):
        return [d for d in dager if d != "helg"]
    return dager


_SOM_HELLIGDAG = re.compile(
    r"som\s+(?:en\s+|ein\s+)?(?:helg|helligdag|heilagdag|søndag|sundag)\w*", re.IGNORECASE
)
_SOM_HVERDAG = re.compile(
    r"som\s+(?:en\s+|ein\s+)?(?:vanlig\s+|vanleg\s+)?(?:hverdag|kvardag|virkedag|yrkedag)\w*",
    re.IGNORECASE,
)

# A day word right before bare numbers («hverdager 08-16», «man–fre 8–16:») or right after them
# with a preposition («8–16 på hverdager»): only then are bare numbers read as hours.
_DAGORD = "|".join(
    f"(?:{m.pattern})"
    for m in (_ALLE, _DAG_FOR, _JUL, _NYTT, _MAN_FRE, _MAN_TOR, _FREDAG, _HELG, _HVERDAG)
)
_DAGORD_FOR = re.compile(rf"(?:{_DAGORD})\s*[:,]?\s*$", re.IGNORECASE)
_UTSKRIVNING = re.compile(
    r"\butskriv\w*|\butskrev\w*|\bskrive[sn]?\s+ut\b|\bskriva(?:st)?\s+ut\b",
    re.IGNORECASE,
)
# What may follow bare hours: the end, punctuation, a connector or preposition, or a day word –
# not a noun («fra 5 til 10 kommuner» counts municipalities).
_ETTER_BARE = re.compile(
    rf"\s*(?:$|[.,;:()\[\]–—-]|(?:og|samt|eller|men)\b|(?:på|i|om|alle)\s|(?:{_DAGORD}))",
    re.IGNORECASE,
)
_DAGORD_ETTER = re.compile(
    rf"\s*,?\s*(?:(?:på|i|om)\s+(?:{_DAGORD})|{_ALLE.pattern})", re.IGNORECASE
)

_FELT = {
    "hverdag": "hverdag",
    "fredag": "fredag",
    "helg": "helg",
    "dag_for_helligdag": "dag_for_helligdag",
    "julaften": "julaften",
    "nyttarsaften": "nyttarsaften",
}
_NAVN = {
    "hverdag": "hverdager",
    "fredag": "fredager",
    "helg": "helg og helligdager",
    "dag_for_helligdag": "dagen før en helligdag",
    "julaften": "julaften",
    "nyttarsaften": "nyttårsaften",
}


@dataclass
class Forslag:
    """What the parser read: the form's initial values, and what it understood, in words."""

    verdier: dict = field(default_factory=dict)
    forklaring: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.verdier)


def _klokke(timer: str, minutter: str | None) -> datetime.time | None:
    t, m = int(timer), int(minutter or 0)
    if t == 24 and m == 0:
        return datetime.time(23, 59)
    if t > 23 or m > 59:
        return None
    return datetime.time(t, m)


def _klokkeslett(m: re.Match, n: int, kl: bool) -> tuple[datetime.time | None, bool]:
    """The n-th time of a match, and whether it was written with minutes («08.00», «0800»).

    Without «kl.» four digits are read only as «0000»–«1959» on the quarter hour (so «2021» and
    «2024» stay years) and «dd.mm» with mm 01–12 is a date («01.08»), not a time."""
    if m.group(f"kt{n}"):
        timer, minutter = m.group(f"kt{n}"), m.group(f"km{n}")
        if not kl and (int(timer) > 19 or minutter not in ("00", "15", "30", "45")):
            return None, True
        return _klokke(timer, minutter), True
    timer, minutter = m.group(f"t{n}"), m.group(f"m{n}")
    if minutter and m.group(f"s{n}") == "." and not kl and 1 <= int(minutter) <= 12:
        return None, True
    return _klokke(timer, minutter), bool(minutter)


def _vindu(m: re.Match, segment: str) -> Vindu | None:
    """The window a range states, or None where the numbers are not clearly hours."""
    if _HENVISNING.search(segment[: m.start()]):
        return None
    kl = bool(m.group("kl1") or m.group("kl2"))
    fra, minutter1 = _klokkeslett(m, 1, kl)
    til, minutter2 = _klokkeslett(m, 2, kl)
    if not (fra and til and fra < til):
        return None
    # «1-2» is a number of something; «hverdager 08-16» is hours.
    naer_dagord = _DAGORD_FOR.search(segment[: m.start()]) or _DAGORD_ETTER.match(segment, m.end())
    # «Utskrivning skjer mellom 8 og 16»: the sentence is about discharge, the range is hours.
    om_utskrivning = m.group("for") and _UTSKRIVNING.search(segment[: m.start()])
    if not (kl or minutter1 or minutter2) and (
        not (naer_dagord or om_utskrivning)
        or not _ETTER_BARE.match(segment, m.end())
        or fra.hour < 5
        or (til.hour - fra.hour) < 2
    ):
        # Bare numbers are hours only beside a day word, not followed by a noun, and as a
        # plausible window: «fra 2 til 15 side» (seed 000), «hverdager 1-2 ganger» and «fra 5
        # til 10 kommuner» are counts. «mellom»/«fra» alone do not make them hours.
        return None
    return (fra, til)


def _dager(tekst: str) -> list[str]:
    """The kinds of day a stretch of text names, most specific first; a matched name is
    blanked so «mandag–fredag» is not also «fredag» and «dagen før helligdag» not «helg»."""
    funnet = []

    def ta(monster, navn):
        nonlocal tekst
        if monster.search(tekst):
            funnet.append(navn)
            tekst = monster.sub(lambda m: " " * len(m.group()), tekst)

    if _ALLE.search(tekst):
        # «alle dager»: weekdays and the weekend alike.
        funnet += ["hverdag", "helg"]
        tekst = _ALLE.sub(lambda m: " " * len(m.group()), tekst)
    ta(_DAG_FOR, "dag_for_helligdag")
    ta(_JUL, "julaften")
    ta(_NYTT, "nyttarsaften")
    if _MAN_FRE.search(tekst) or _MAN_TOR.search(tekst):
        funnet.append("hverdag")
        tekst = _MAN_FRE.sub(lambda m: " " * len(m.group()), tekst)
        tekst = _MAN_TOR.sub(lambda m: " " * len(m.group()), tekst)
    ta(_FREDAG, "fredag")
    if "helg" not in funnet:
        ta(_HELG, "helg")
    if "hverdag" not in funnet:
        ta(_HVERDAG, "hverdag")
    return funnet


def foreslaa(tekst: str) -> Forslag:
    """Read the discharge hours a clause states: a suggestion for the coordinator."""
    forslag = Forslag()
    v = forslag.verdier

    def sett(dager: list[str], vindu: Vindu, kilde: str) -> None:
        for dag in dager:
            if f"{dag}_fra" in v:
                continue  # the first statement for a day kind wins
            v[f"{dag}_fra"], v[f"{dag}_til"] = vindu
            if dag in ("fredag", "dag_for_helligdag", "julaften", "nyttarsaften"):
                v[dag] = "egne"
            forslag.forklaring.append(
                _("%(dag)s: %(fra)s–%(til)s («%(kilde)s»)")
                % {
                    "dag": _NAVN[dag].capitalize(),
                    "fra": f"{vindu[0]:%H:%M}",
                    "til": f"{vindu[1]:%H:%M}",
                    "kilde": kilde.strip(),
                }
            )

    tekst = re.sub(r"\s+", " ", tekst or "")
    for segment in _SEGMENT.split(tekst):
        if not segment or not segment.strip():
            continue
        # Each time statement in order: a range, or a bound («innen kl. 16»).
        treff = []
        # Ranges that are not hours («8-16 kommuner», «§ 8-16») still end the text before them:
        # the days named there belong to them, not to the next statement.
        avvist: list[int] = []
        for m in _INTERVALL.finditer(segment):
            vindu = _vindu(m, segment)
            if vindu:
                treff.append((m.start(), m.end(), vindu))
            else:
                avvist.append(m.end())
        for m in _GRENSE.finditer(segment):
            if any(s <= m.start() < e for s, e, _v in treff):
                continue
            kl = bool(m.group("kl1"))
            til, minutter = _klokkeslett(m, 1, kl)
            if not (kl or minutter):
                continue  # «innen 24 timer» is not a time of day
            if til:
                treff.append((m.start(), m.end(), til))
        treff.sort(key=lambda t: t[0])
        forrige = 0
        # Whether the previous statement took its days from the text after it: then the text
        # before this one ends that statement («08–16 på hverdager og 10–15 lørdag …»), and
        # this one's days come after it.
        dager_etter = False
        for i, (start, slutt, verdi) in enumerate(treff):
            forrige = max([forrige, *(e for e in avvist if e <= start)])
            for_ = segment[forrige:start]
            neste = treff[i + 1][0] if i + 1 < len(treff) else len(segment)
            etter = segment[slutt:neste]
            kilde = segment[forrige:slutt].strip(" ,")
            forrige = slutt
            if unntak := _UNNTAK_ETTER.search(etter):
                etter = etter[: unntak.start()]
            if _NEKTING.search(for_):
                forslag.forklaring.append(
                    _(
                        "«%(kilde)s» er et forbud eller gjelder etter avtale, ikke et tidsvindu: "
                        "ingenting foreslått."
                    )
                    % {"kilde": kilde}
                )
                dager_etter = False
                continue
            if dager_etter and _dager(etter):
                for_, etter = "", etter
            dager_etter = not _dager(for_) and bool(_dager(etter))
            if dager_etter:
                kilde = segment[start:neste].strip(" ,.")
            dagtekst = for_ if _dager(for_) else f"{for_} {etter}"
            if not _uten_enkeltdager(_dager(dagtekst) or ["hverdag"], dagtekst):
                forslag.forklaring.append(
                    _(
                        "«%(kilde)s» gjelder en enkelt ukedag, en periode eller bare lørdag, som "
                        "ikke har egne felt: ingenting foreslått."
                    )
                    % {"kilde": kilde}
                )
                continue
            if isinstance(verdi, datetime.time):
                if _VARSEL.search(for_) or (not _dager(for_) and _VARSEL.search(etter)):
                    if "varsel_senest" not in v:
                        v["varsel_senest"] = verdi
                        forslag.forklaring.append(
                            _("Kommunen varsles senest kl. %(tid)s («%(kilde)s»)")
                            % {"tid": f"{verdi:%H:%M}", "kilde": kilde}
                        )
                    continue
                if not _UTSKRIVNING.search(segment):
                    # «Kommunen skal svare innen kl. 14», «Epikrise sendes innen kl. 16»: a
                    # deadline for something else, not the latest discharge.
                    forslag.forklaring.append(
                        _("«%(kilde)s» sier ikke at det gjelder utskrivning: ingenting foreslått.")
                        % {"kilde": kilde}
                    )
                    continue
                dager = _uten_enkeltdager(_dager(for_) or _dager(etter), dagtekst) or ["hverdag"]
                start = v.get("hverdag_fra")
                if "hverdag" in dager or not start or start >= verdi:
                    start = datetime.time(0, 0)
                    forslag.forklaring.append(
                        _("Bare et seneste klokkeslett er oppgitt; starttid 00:00 må kontrolleres.")
                    )
                verdi = (start, verdi)
            dager = _uten_enkeltdager(_dager(for_) or _dager(etter), dagtekst)
            if not dager:
                dager = ["hverdag"]
                forslag.forklaring.append(
                    _("Ingen dager er nevnt ved «%(kilde)s»: foreslått for hverdager.")
                    % {"kilde": kilde}
                )
            sett(dager, verdi, kilde)
        # «Julaften regnes som helligdag»: rules without hours.
        if not treff:
            for dag in _dager(segment):
                if dag in ("fredag", "dag_for_helligdag", "julaften", "nyttarsaften"):
                    if _SOM_HELLIGDAG.search(segment) and dag not in v:
                        v[dag] = "helligdag"
                        forslag.forklaring.append(
                            _("%(dag)s: som helg og helligdag") % {"dag": _NAVN[dag].capitalize()}
                        )
                    elif _SOM_HVERDAG.search(segment) and dag not in v:
                        v[dag] = "hverdag"
                        forslag.forklaring.append(
                            _("%(dag)s: som vanlig dag") % {"dag": _NAVN[dag].capitalize()}
                        )
    # «Innen kl. 14 på fredager»: the day starts when the weekday window does.
    for dag in ("fredag", "dag_for_helligdag", "julaften", "nyttarsaften", "helg"):
        start = v.get("hverdag_fra")
        if v.get(f"{dag}_fra") == datetime.time(0, 0) and start and start < v[f"{dag}_til"]:
            v[f"{dag}_fra"] = start
            forslag.forklaring.append(
                _("%(dag)s: starttid som hverdager, %(fra)s.")
                % {"dag": _NAVN[dag].capitalize(), "fra": f"{start:%H:%M}"}
            )
    if "hverdag_fra" in v and _MAN_FRE.search(tekst or "") and "fredag" not in v:
        v["fredag"] = "hverdag"
    return forslag
