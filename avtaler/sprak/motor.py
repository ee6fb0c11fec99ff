"""Clause analysis: how binding the wording is, who carries the duty, what is vague, how
readable it is. Pure Python on word lists that are data (no network, no models).

The evaluation report behind the agreements found that they work where wording is concrete
and binding with the responsible party named, and fail where it is vague. A modal verb alone
does not say which: «Avtalen kan sies opp» is a right, «for at kommunene kan planlegge» an
ability, «ikke kan pålegge» a prohibition. The rules below read the modal in its clause.
"""

import re
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from avtaler.sprak.data import (
    ADVERBIAL,
    AVDEMPER,
    BESKRIVELSE,
    BETINGELSE,
    BISETNING,
    DEFINISJON,
    DOKUMENT,
    EPISTEMISK,
    FORBUD,
    FORMAL,
    FORPLIKTENDE,
    INTENSJON,
    KAN,
    MOTTAKER,
    NEKTING,
    NIVAER,
    PART,
    PREPOSISJON,
    RETTIGHET,
    ROLLE,
    UKLAR,
    VAG,
    VILKAR,
)
from avtaler.sprak.malform import gjett_malform
from avtaler.sprak.ordliste import STANDARD_ORDLISTE, Ordliste, Treff

# Which level wins when a sentence has several: a prohibition or a condition is never
# hidden behind a duty, and a duty is not hidden behind a right.
RANG = (FORBUD, VILKAR, FORPLIKTENDE, RETTIGHET, INTENSJON, UKLAR, BESKRIVELSE)
BINDENDE = (FORPLIKTENDE, FORBUD)

_ORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TEGN = re.compile(r"[\w.-]*\w|[,;:()–]")
_MARKDOWN = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.M)
# Sentences end at . ! ? ; (and : before a line break), but not after an abbreviation or a
# number («kl. 12», «pkt. 4», «f.eks.»), nor before a lower-case word.
_FORKORTELSER = {
    *("kl", "pkt", "nr", "jf", "jfr", "bl.a", "f.eks", "ca", "mv", "m.m", "osv", "dvs", "st"),
    *("ref", "kap", "tlf", "evt", "ev", "inkl", "mfl", "m.fl"),
}
_GRENSE = re.compile(r"[.!?;]\s+|:\s*\n+|\n+")
_KONJUNKSJONER = {"og", "men", "eller", "samt"}
_LEDDGRENSER = {"at", "som", "dersom", "hvis", "viss", "når", "fordi", "der", "da", "mens", "medan"}
_FYLLORD = {"det", "også", "òg", "likevel", "derfor", "difor", "dessuten", "alltid", "da", "då"}
_SUBJEKTSTART = {"at", "som", "tilfeller", "tilfellene", "tilfella", "dersom", "hvis", "viss"}
_SUBJEKTSTART |= {"om", "når", "der", "eller", "og"}
_PASSIV = re.compile(r"\w{2,}(?:es|s|ast|st)$")
_IKKE_PASSIV = {
    *("hverandre", "kvarandre", "selv", "sjølv", "alltids", "ens", "eins", "hvis", "viss"),
    *("dels", "tvers", "deres", "dens", "dets", "hans", "hennes", "bles", "kommunens"),
    *("partenes", "helseforetakets", "sykehusets", "pasientens"),
}
# Verbs in -s that are not passive: reciprocal and deponent («møtes», «finnes»).
_IKKE_PASSIV |= {
    *("møtes", "møtast", "møttes", "treffes", "treffast", "finnes", "finst", "fins", "synes"),
    *("synst", "lykkes", "trives", "enes", "einast", "samles", "samlast", "kjennes", "kjennast"),
}
_INFINITIVER = {"sørge", "sørgje", "syte", "påse"}
_MODALER = {"skal", "må", "kan", "bør", "vil", "skulle", "kunne", "måtte", "burde", "ville"}
_FORAN_PART = {"en", "ein", "både", "og", "eller", "samt", "de", "dei", "ikke", "ikkje"}
_VIL_ANSVAR = re.compile(r"\s+(?:\w+\s+)?ha\b.{0,60}?\b(?:ansvar|funksjon|rolle|oppg[aå]ve)", re.I)
_VIL_BLI = re.compile(r"\s+bli\s+\w+(?:te|de|t|et|a|e)\b", re.I)
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


@dataclass
class _Forekomst:
    """One normative word in its clause, and what the rules made of it."""

    treff: Treff
    niva: str
    regel: str
    subjekt: bool = True  # whether its subject carries it (not «Pasientene skal oppleve»)
    markert: Treff | None = None


def _tegn(tekst: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in _TEGN.finditer(tekst)]


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


class _Leser:
    """Reads one sentence with the word lists."""

    def __init__(self, tekst: str, ordliste: Ordliste, malform: str | None):
        self.tekst = tekst
        self._funnet: dict[str, list[Treff]] = {}
        self.ordliste = ordliste
        self.malform = malform
        self.tegn = _tegn(tekst)
        self.vage = ordliste.finn(tekst, VAG, malform)
        self.parter = ordliste.finn_parter(tekst, malform)
        self.dokumenter = ordliste.finn(tekst, DOKUMENT, malform)

    def finn(self, kategori: str) -> list[Treff]:
        if kategori not in self._funnet:
            self._funnet[kategori] = self.ordliste.finn(self.tekst, kategori, self.malform)
        return self._funnet[kategori]

    def i_vag(self, pos: int) -> bool:
        return any(v.start <= pos < v.slutt for v in self.vage)

    def indeks(self, pos: int) -> int:
        """The index of the first token at or after a character position."""
        return next((i for i, t in enumerate(self.tegn) if t[0] >= pos), len(self.tegn))

    def etter(self, pos: int, antall: int = 3) -> list[str]:
        i = self.indeks(pos)
        return [t[2] for t in self.tegn[i : i + antall]]

    def starter_med(self, pos: int, kategori: str) -> Treff | None:
        """A phrase of a category that starts at the first word after a position."""
        i = self.indeks(pos)
        if i >= len(self.tegn):
            return None
        return next((t for t in self.finn(kategori) if t.start == self.tegn[i][0]), None)

    def leddstart(self, pos: int) -> int:
        """Where the clause of a word begins: after punctuation or a subordinating word."""
        start = 0
        for i, (s, e, t) in enumerate(self.tegn):
            if s >= pos:
                break
            forrige = self.tegn[i - 1][2] if i else ""
            # A parenthesis is an aside, not a clause boundary: «SSU kan (…) initiere».
            relativ = t in _LEDDGRENSER and not (t == "som" and forrige in _KONJUNKSJONER)
            if t in ",;:–" or (relativ and not self.i_vag(s)):
                start = e
        return start

    def i_bisetning(self, pos: int) -> bool:
        """The word stands in a relative or question clause («alle som skal yte helsehjelp»)."""
        i = self.indeks(pos)
        starter = {t.start for t in self.finn(BISETNING)}
        for j in range(i - 1, max(i - 10, -1), -1):
            s, _e, t = self.tegn[j]
            if t in ",;:(–":
                return False
            if s in starter and not self.i_vag(s):
                forrige = self.tegn[j - 1][2] if j else ""
                if t == "som" and forrige in _KONJUNKSJONER | {"så", "slik"}:
                    continue
                return True
        return False

    def etter_formal(self, pos: int) -> bool:
        """The word stands after «for at / slik at» in its clause: a purpose or ability."""
        start = max((s for s, _e, t in self.tegn if s < pos and t in ",;:(–"), default=0)
        return any(start <= f.start < pos for f in self.finn(FORMAL))

    def nektet(self, treff: Treff) -> bool:
        i = self.indeks(treff.start)
        nekting = self.ordliste.ord_i(NEKTING)
        for_ = self.tegn[i - 1][2] if i else ""
        etter = [t[2] for t in self.tegn[i + 1 : i + 3]]
        if for_ in nekting:
            return True
        start = self.leddstart(treff.start)
        foran = self.tekst[start : treff.start].split()
        if foran and foran[0].lower() in nekting:
            return True  # «Ingen av partene kan …»
        if etter and etter[0] in nekting:
            return True
        return len(etter) == 2 and etter[0] not in ",;:(–" and etter[1] in nekting

    def avdempet(self, treff: Treff) -> Treff | None:
        for d in self.finn(AVDEMPER):
            mellom = self.tekst[treff.slutt : d.start]
            naer = len(_ORD.findall(mellom)) <= 3 and not re.search(r"[,;:]", mellom)
            if d.start >= treff.slutt and naer:
                return d
        return None

    def neste_ord(self, pos: int) -> tuple[int, str]:
        """The next word that says something (not «det», «også», nor a vague phrase)."""
        i = self.indeks(pos)
        while i < len(self.tegn) and (self.tegn[i][2] in _FYLLORD or self.i_vag(self.tegn[i][0])):
            i += 1
        return (self.tegn[i][0], self.tegn[i][2]) if i < len(self.tegn) else (len(self.tekst), "")

    def forste_ord_slutt(self, treff: Treff) -> int:
        m = re.match(r"\S+", treff.tekst)
        return treff.start + (m.end() if m else 0)

    # --- who ---------------------------------------------------------------------------

    def _ikke_etter_preposisjon(self, treff: Treff) -> bool:
        i = self.indeks(treff.start)
        return not i or self.tegn[i - 1][2] not in self.ordliste.ord_i(PREPOSISJON)

    def subjekt(self, treff: Treff) -> list[Treff]:
        """The parties (and third parties) that stand as subject of a normative word: the
        nearest before it in its clause (with those joined to it by «og»), or right after it
        when a fronted adverbial inverts the order («Ved utskrivning skal helseforetaket»)."""
        # «har partene et særlig ansvar», «Det er helseforetakets ansvar»: inside the phrase.
        inne = [
            p
            for p in self.parter
            if treff.start < p.start < treff.slutt and self._ikke_etter_preposisjon(p)
        ]
        if inne:
            return inne
        start = self._uten_konjunksjon(self.leddstart(treff.start), treff.start)
        foran = self.tekst[start : treff.start].strip()
        forste = foran.split()[0].lower() if foran else ""
        if forste == "det" and len(foran.split()) == 1:
            return []  # «Det skal være …»: no agent
        if not foran and treff.tekst.lower().startswith("det "):
            return self._etter(treff.slutt, {"at"})  # «Det er stilt krav til at kommunane …»
        if not foran:
            # «… og påser at»: a second verb shares the subject before the conjunction.
            i = self.indeks(treff.start)
            if i and self.tegn[i - 1][2] in _KONJUNKSJONER and start == 0:
                return self._for(self.tegn[i - 1][0], 0)
            return self._etter(self._etter_verbet(treff))
        fremme = forste in self.ordliste.ord_i(ADVERBIAL) or bool(
            self.starter_med(start, ADVERBIAL) or self.starter_med(start, BETINGELSE)
        )
        if fremme:
            return self._etter(self._etter_verbet(treff))
        return self._for(treff.start, start)

    def _uten_konjunksjon(self, start: int, pos: int) -> int:
        """Skip a clause's leading «og/men» («…, og den skal …»)."""
        for s, e, t in self.tegn:
            if s >= start and s < pos:
                return e if t in _KONJUNKSJONER else start
        return start

    def _etter_verbet(self, treff: Treff) -> int:
        """Where an inverted subject may start: after the verb's first word when a party
        stands inside the expression («har partene et særlig ansvar»), else after it."""
        if any(treff.start < p.start < treff.slutt for p in self.parter):
            return self.forste_ord_slutt(treff)
        return treff.slutt

    def _for(self, pos: int, start: int) -> list[Treff]:
        kandidater = [
            p
            for p in self.parter
            if p.start >= start and p.slutt <= pos and self._ikke_etter_preposisjon(p)
        ]
        if not kandidater:
            return []
        valgt = [kandidater[-1]]
        for p in reversed(kandidater[:-1]):
            mellom = [o.lower() for o in _ORD.findall(self.tekst[p.slutt : valgt[0].start])]
            if mellom and mellom[-1] in ("og", "eller", "samt") and len(mellom) <= 4:
                valgt.insert(0, p)
            else:
                break
        return valgt

    def _etter(self, grense: int, ogsa: set[str] = frozenset()) -> list[Treff]:
        """Parties right after a position (inverted word order), joined by «og/eller»; a head
        noun with «i/ved/for» before the party counts («ledelsen i helseforetaket»)."""
        tillatt = _FYLLORD | _FORAN_PART | ogsa
        etter: list[Treff] = []
        # After an expression that ends in a preposition («er førende for partene») the party
        # is its object, not its subject.
        slutt_ord = self.tekst[:grense].split()[-1].lower() if self.tekst[:grense].split() else ""
        if slutt_ord in self.ordliste.ord_i(PREPOSISJON) | {"for", "på"} and not ogsa:
            return []
        for p in self.parter:
            if p.start < grense:
                continue
            mellom = self.tekst[grense : p.start]
            if re.search(r"[,;:(]", mellom):
                break
            ord_ = [o.lower() for o in _ORD.findall(mellom)]
            attributiv = bool(ord_) and ord_[-1] in ("i", "ved", "for", "på") and len(ord_) <= 4
            rett_etter = all(o in tillatt for o in ord_) and len(ord_) <= 2
            sidestilt = bool(ord_) and ord_[0] in ("og", "eller", "samt")
            sidestilt = sidestilt and (all(o in tillatt for o in ord_) or attributiv)
            if (not etter and (rett_etter or attributiv)) or (etter and sidestilt):
                etter.append(p)
            else:
                break
            grense = p.slutt
        return etter

    def vilkarssubjekt(self) -> list[Treff]:
        """In a condition, the parties the condition is about («I de tilfeller helseforetak B
        ikke oppfyller …», «… er at kommunen har ressurser»)."""
        ut = []
        for p in self.parter:
            i = self.indeks(p.start)
            forrige = self.tegn[i - 1][2] if i else ""
            if p.kategori == PART and (not i or forrige in _SUBJEKTSTART):
                ut.append(p)
        return ut

    # --- what --------------------------------------------------------------------------

    def forekomster(self) -> list[_Forekomst]:
        ute = self._betinget_ledd()
        ut: list[_Forekomst] = []
        for kategori in (FORPLIKTENDE, KAN, INTENSJON, UKLAR, RETTIGHET, VILKAR, ROLLE):
            for t in self.finn(kategori):
                if t.start < ute or self.i_vag(t.start):
                    continue
                forekomst = self._tolk(kategori, t)
                if forekomst:
                    ut.append(forekomst)
        # «For at en sak skal havne i nemnda, må en part klage»: a necessary condition.
        formal = self.finn(FORMAL)
        modaler = sorted(
            (t for k in (FORPLIKTENDE, KAN) for t in self.finn(k) if t.start >= ute),
            key=lambda t: t.start,
        )
        if formal and formal[0].start == self._forste_ord() and len(modaler) >= 2:
            ut.append(_Forekomst(modaler[-1], VILKAR, "Vilkår: «For at …, må …»"))
        return ut

    def _forste_ord(self) -> int:
        return self.tegn[0][0] if self.tegn else 0

    def _betinget_ledd(self) -> int:
        """Where a leading conditional clause («Dersom …, skal …», «Hvis partene ønsker det,
        kan …») ends: words before it are the condition, not the rule."""
        if not self.starter_med(0, BETINGELSE):
            return 0
        komma = re.search(r"[,;]", self.tekst)
        if komma:
            return komma.end()
        modaler = [t for k in (FORPLIKTENDE, KAN) for t in self.finn(k)]
        modaler.sort(key=lambda t: t.start)
        return modaler[1].start if len(modaler) >= 2 else 0

    def _tolk(self, kategori: str, t: Treff) -> _Forekomst | None:
        ord_ = t.tekst.lower()
        if kategori in (FORPLIKTENDE, KAN, UKLAR) and (
            self.i_bisetning(t.start) or self.etter_formal(t.start)
        ):
            return None
        if kategori == VILKAR:
            return _Forekomst(t, VILKAR, f"Vilkår: «{t.tekst}»")
        if kategori == RETTIGHET:
            nekting = self.ordliste.ord_i(NEKTING)
            if any(o.lower() in nekting for o in _ORD.findall(t.tekst)) or self.nektet(t):
                return _Forekomst(t, FORBUD, f"Forbud: nektet rett («{t.tekst}»)")
            return _Forekomst(t, RETTIGHET, f"Rettighet: «{t.tekst}»")
        if kategori == ROLLE:
            return _Forekomst(t, BESKRIVELSE, f"Beskrivelse av en rolle: «{t.tekst}»")
        if kategori == INTENSJON:
            return _Forekomst(t, INTENSJON, f"Intensjon: «{t.tekst}»", markert=t)
        mottaker = bool(self.starter_med(self.forste_ord_slutt(t), MOTTAKER)) or bool(
            self.starter_med(t.slutt, MOTTAKER)
        )
        if kategori in (FORPLIKTENDE, KAN) and self.nektet(t):
            resten = self.tekst[t.slutt :]
            if re.search(r"(?<!\w)(?:før|innan|innen)(?!\w)", resten, re.I):
                return _Forekomst(t, VILKAR, f"Vilkår: «{t.tekst} ikke … før»")
            return _Forekomst(t, FORBUD, f"Forbud: «{t.tekst}» med nekting")
        if kategori == UKLAR:
            return self._vil(t)
        if kategori == KAN:
            return self._kan(t)
        # A binding word. An infinitive («sørge for») is read through the modal that governs
        # it in its clause («SSU kan … initiere og sørge for» is a right).
        if ord_.split()[0] in _INFINITIVER and self._styrt(t):
            return None
        if (d := self.avdempet(t)) is not None:
            return _Forekomst(
                t, INTENSJON, f"Intensjon: «{t.tekst}» dempet av «{d.tekst}»", markert=d
            )
        if self._dokument_er_subjekt(t):
            return _Forekomst(t, BESKRIVELSE, f"Beskrivelse: avtalen som subjekt for «{ord_}»")
        if self.starter_med(t.slutt, DEFINISJON):
            return _Forekomst(t, BESKRIVELSE, f"Beskrivelse: «{ord_} være en …» sier hva noe er")
        return _Forekomst(t, FORPLIKTENDE, f"Forpliktende: «{t.tekst}»", subjekt=not mottaker)

    def passiv(self, t: Treff) -> bool:
        """The verb after a modal is passive («skal meldes», «kan seiast opp»), also after
        an inverted subject or a negation («skal kommunen varsles», «skal ikke pålegges»)."""
        nekting = self.ordliste.ord_i(NEKTING)
        for s, _e, ord_ in self.tegn[self.indeks(t.slutt) :]:
            if ord_ in _FYLLORD or ord_ in nekting or self.i_vag(s):
                continue
            if any(p.start <= s < p.slutt for p in self.parter):
                continue
            if ord_ in ("og", "eller", "både", "en", "ein"):
                continue
            return bool(_PASSIV.match(ord_)) and ord_ not in _IKKE_PASSIV
        return False

    def agent(self, t: Treff) -> list[Treff]:
        """The agent of a passive: «av helseforetaket»."""
        slutt = re.search(r"[,;:]", self.tekst[t.slutt :])
        grense = t.slutt + slutt.start() if slutt else len(self.tekst)
        return [
            p
            for p in self.parter
            if t.slutt <= p.start < grense
            and re.search(r"(?<!\w)av\s+(?:\w+\s+)?$", self.tekst[t.slutt : p.start], re.I)
        ]

    def _styrt(self, t: Treff) -> bool:
        start = self.leddstart(t.start)
        foran = [o.lower() for o in _ORD.findall(self.tekst[start : t.start])]
        return any(o in _MODALER or o == "å" for o in foran)

    def _kan(self, t: Treff) -> _Forekomst:
        pos, neste = self.neste_ord(t.slutt)
        epistemisk = self.starter_med(pos, EPISTEMISK) or neste in self.ordliste.ord_i(EPISTEMISK)
        if epistemisk and not any(p.kategori == PART for p in self.subjekt(t)):
            return _Forekomst(t, BESKRIVELSE, f"Beskrivelse: «{t.tekst} {neste}» er en mulighet")
        if _PASSIV.match(neste) and neste not in _IKKE_PASSIV:
            return _Forekomst(t, RETTIGHET, f"Rettighet: «{t.tekst}» + passiv («{neste}»)")
        return _Forekomst(t, RETTIGHET, f"Rettighet eller mulighet: «{t.tekst}»")

    def _vil(self, t: Treff) -> _Forekomst:
        resten = self.tekst[t.slutt :]
        if _VIL_ANSVAR.match(resten) or _VIL_BLI.match(resten):
            return _Forekomst(t, UKLAR, "Uklar: «vil» kan være en plan eller en spådom", markert=t)
        _pos, neste = self.neste_ord(t.slutt)
        if neste in self.ordliste.ord_i(EPISTEMISK) or not self.subjekt(t):
            return _Forekomst(t, BESKRIVELSE, f"Beskrivelse: «vil {neste}»")
        return _Forekomst(t, UKLAR, "Uklar: «vil» kan være en plan eller en spådom", markert=t)

    def _dokument_er_subjekt(self, t: Treff) -> bool:
        """«Avtalen skal regulere …»: the document's scope or aim, not a duty. Not when the
        verb is passive («Avtalen må reforhandlast»: a duty on the parties)."""
        _pos, neste = self.neste_ord(t.slutt)
        if _PASSIV.match(neste) and neste not in _IKKE_PASSIV:
            return False
        start = self._uten_konjunksjon(self.leddstart(t.start), t.start)
        foran = self.tekst[start : t.start].strip()
        if foran.lower() in ("den", "denne", "dei", "de") and self.starter_med(0, DOKUMENT):
            return True  # «Avtalen er …, og den skal sikre …»
        if not foran:
            return bool(self.starter_med(t.slutt, DOKUMENT))
        forste = foran.split()[0].lower()
        if forste in self.ordliste.ord_i(ADVERBIAL) or self.starter_med(start, ADVERBIAL):
            return False
        dokumenter = [d for d in self.dokumenter if d.start >= start and d.slutt <= t.start]
        parter = [p for p in self.parter if p.start >= start and p.slutt <= t.start]
        if not dokumenter or parter:
            return False
        return self.indeks(dokumenter[0].start) - self.indeks(start) <= 2


def analyser_setning(
    tekst: str, ordliste: Ordliste = STANDARD_ORDLISTE, malform: str | None = None, start: int = 0
) -> Setning:
    """Analyse one sentence. `malform` ("nb"/"nn") limits the word lists to that written
    standard; without it the sentence's standard is guessed and both lists are used."""
    leser = _Leser(tekst, ordliste, malform)
    forekomster = leser.forekomster()
    niva = next((n for n in RANG if any(f.niva == n for f in forekomster)), BESKRIVELSE)
    valgt = [f for f in forekomster if f.niva == niva]
    regel = valgt[0].regel if valgt else "Beskrivelse: ingen plikt, rett eller intensjon"
    ansvarlig, ikke_part = set(), set()
    if niva != BESKRIVELSE or any(f.regel.startswith("Beskrivelse av en rolle") for f in valgt):
        for f in valgt:
            if not f.subjekt:
                continue
            if niva == VILKAR and f.regel.startswith("Vilkår: «For at"):
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
