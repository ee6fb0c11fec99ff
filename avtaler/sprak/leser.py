"""Reading one sentence: which normative words it has, what the rules make of each in its
clause, and who stands as subject. The rules are here; the words are data (data.py)."""

import re
from dataclasses import dataclass

from avtaler.sprak.data import (
    ADVERBIAL,
    AVDEMPER,
    BESKRIVELSE,
    BESLUTNING,
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
    PART,
    PREPOSISJON,
    REFERAT,
    RETTIGHET,
    ROLLE,
    UKLAR,
    VAG,
    VILKAR,
)
from avtaler.sprak.ordliste import Ordliste, Treff

ORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TEGN = re.compile(r"[\w.-]*\w|[,;:()–]")
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
    # Adverbs in -s/-st right after a modal: «Kommunen skal straks gi beskjed».
    *("straks", "ellers", "elles", "delvis", "minst", "først", "fyrst", "sist", "senest"),
    *("seinast", "tidligst", "tidlegast", "mest", "best"),
}
# Verbs in -s that are not passive: reciprocal and deponent («møtes», «finnes»).
_IKKE_PASSIV |= {
    *("møtes", "møtast", "møttes", "treffes", "treffast", "finnes", "finst", "fins", "synes"),
    *("synst", "lykkes", "trives", "enes", "einast", "samles", "samlast", "kjennes", "kjennast"),
}
_UNDERORDNENDE = {"når", "dersom", "hvis", "viss"}
# A personal pronoun before «vil» is someone who acts («Dei vil varsla vaktmester»).
_PERSONLIGE = {"vi", "dei", "de", "han", "ho", "hun"}
_INFINITIVER = {"sørge", "sørgje", "syte", "påse", "ha"}
# «kan bare/kun/berre»: not a right but the limit of what is allowed (a condition).
_AVGRENSENDE = {"bare", "kun", "berre"}
_MODALER = {"skal", "må", "kan", "bør", "vil", "skulle", "kunne", "måtte", "burde", "ville"}
_FORAN_PART = {"en", "ein", "både", "og", "eller", "samt", "de", "dei", "ikke", "ikkje"}
_VIL_ANSVAR = re.compile(r"\s+(?:\w+\s+)?ha\b.{0,60}?\b(?:ansvar|funksjon|rolle|oppg[aå]ve)", re.I)
# A duty in the plain present tense: «Kommunen betaler døgnpris fra første dag», «Partane legg
# … til grunn», and the present passive «Utskrivningsklare pasienter meldes til kommunen».
_PRESENS = re.compile(r"\w{2,}(?:er|ar)$|^(?:går|gjør|gjer|gir|tar|tek|legg|gjev|ber|syt|held)$")
_PRESENS_PASSIV = re.compile(r"\w{3,}(?:es|ast)$")
# Present-tense verbs that state what is or what someone has, not what a party does.
_IKKE_PLIKTVERB = {
    *("er", "var", "har", "hadde", "blir", "vert", "får", "gjelder", "gjeld", "omfatter"),
    *("omfattar", "består", "utgjør", "utgjer", "trenger", "treng", "bygger", "byggjer"),
    *("inneholder", "inneheld", "mener", "meiner", "ønsker", "ønskjer", "kjenner", "kjenner"),
    *("erstatter", "erstattar", "regulerer", "dekker", "dekkjer", "ligger", "ligg", "eier"),
    *("eig", "driver", "other", "andre", "heretter", "herunder", "sammen", "saman", "under"),
    *("erkjenner", "erkjenner", "anerkjenner", "vedgår", "ser", "viser", "finner", "meiner"),
}
# Present passives that define or refer, not rule: «Med kommunen menes …», «Det vises til …».
_BESKRIVENDE_PASSIV = {
    *("menes", "meinast", "vises", "visast", "kalles", "kallast", "benevnes", "omtales"),
    *("omtalast", "regnes", "reknast", "forstås", "defineres", "definerast", "reguleres"),
    *("regulerast", "ansattes", "tilsattes", "understrekes", "presiseres", "nevnes"),
    *("påpekes", "påpeikast", "omfattes", "omfattast", "felles", "ulikes", "nemnast"),
}
_VIL_BLI = re.compile(r"\s+bli\s+\w+(?:te|de|t|et|a|e)\b", re.I)
# The periphrastic passive in the present: «Representantane blir oppnemnde for to år»,
# «Partnarskapsmøte vert gjennomført 1 gong årleg». A past participle, not «blir liggende».
_BLI_PRESENS = {"blir", "vert"}
_PARTISIPP = re.compile(r"\w{2,}(?:t|tt|dd|de|te|ne)$")
# Finite verbs that close a relative clause before the main clause's modal: «Tilbudet som
# etableres skal …», «Institusjoner som Helse Vest har avtale med skal …». A closed list (and
# the present passive), since nouns in -er would look like verbs.
_FINITTE = {
    *("er", "har", "var", "hadde", "blir", "vert", "ble", "vart", "får", "fekk", "fikk"),
    *("kjem", "kommer", "går", "gjør", "gjer", "gir", "gjev", "tar", "tek", "ligg", "ligger"),
    *("mottar", "mottek", "trenger", "treng", "ønsker", "ønskjer", "bor", "bur"),
}


@dataclass
class Forekomst:
    """One normative word in its clause, and what the rules made of it."""

    treff: Treff
    niva: str
    regel: str
    subjekt: bool = True  # whether its subject carries it (not «Pasientene skal oppleve»)
    markert: Treff | None = None
    # Who carries it, when the rule found that itself (a duty in the present tense).
    parter: list[Treff] | None = None


def _tegn(tekst: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in _TEGN.finditer(tekst)]


def _presens_passiv(ord_: str) -> bool:
    return bool(_PRESENS_PASSIV.match(ord_)) and not ord_.endswith("nes")


class Leser:
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
            if relativ and t == "som" and self._relativ_for(pos) == s:
                relativ = False  # «Tilbudet som etableres skal …»: one clause with its subject
            if t in ",;:–" or (relativ and not self.i_vag(s)):
                start = e
        return start

    def _relativ_for(self, pos: int) -> int | None:
        """Where a closed relative clause right before a modal begins («som etableres»)."""
        i = self.indeks(pos)
        for j in range(i - 1, max(i - 10, -1), -1):
            s, _e, t = self.tegn[j]
            if t in ",;:(–":
                return None
            if t == "som":
                forrige = self.tegn[j - 1][2] if j else ""
                if forrige in _KONJUNKSJONER | {"så", "slik"}:
                    return None
                return s if self._lukket_relativ(j, i) else None
        return None

    def i_bisetning(self, pos: int) -> bool:
        """The word stands in a relative or question clause («alle som skal yte helsehjelp»)."""
        i = self.indeks(pos)
        starter = {t.start for t in self.finn(BISETNING)}
        # «…, der det går frem hvor … når meldingsutveksling ikke kan benyttes»: a clause
        # opened by «når/dersom/hvis» inside the sentence is subordinate too.
        starter |= {
            t.start
            for t in self.finn(BETINGELSE)
            if t.tekst.lower() in _UNDERORDNENDE and t.start > self._forste_ord()
        }
        for j in range(i - 1, max(i - 10, -1), -1):
            s, _e, t = self.tegn[j]
            neste = self.tegn[j + 1][2] if j + 1 < len(self.tegn) else ""
            if t == "," and neste in ("eller", "og") and j + 2 < i:
                continue  # «… som angår, eller kan angå, …»: the relative clause goes on
            if t in ",;:(–":
                return False
            if s in starter and not self.i_vag(s):
                forrige = self.tegn[j - 1][2] if j else ""
                if t == "som" and forrige in _KONJUNKSJONER | {"så", "slik"}:
                    continue
                # «Tilbudet som etableres skal …»: a closed relative clause, the modal is main.
                return not (t == "som" and self._lukket_relativ(j, i))
        return False

    def _lukket_relativ(self, som: int, modal: int) -> bool:
        """A relative clause that already has its own finite verb before the modal, and the
        modal comes right after it: the modal belongs to the main clause."""
        if modal - som < 2:
            return False
        mellom = [t for _s, _e, t in self.tegn[som + 1 : modal]]
        return any(t in _FINITTE or _presens_passiv(t) for t in mellom)

    def _referert(self, t: Treff) -> Treff | None:
        """A reporting verb before the word in the same stretch («Ålesund mener (at)
        driftsavtalen skal …»): the duty is someone's view."""
        for r in self.finn(REFERAT):
            mellom = self.tekst[r.slutt : t.start]
            naer = len(ORD.findall(mellom)) <= 8
            if r.slutt <= t.start and naer and not re.search(r"[,;:.]", mellom):
                return r
        return None

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
        if foran and foran[0].lower() in nekting and foran[0].lower() not in ("ikke", "ikkje"):
            return True  # «Ingen av partene kan …» (but «Ikke elektronisk kommunikasjon skal …»)
        if etter and etter[0] in nekting:
            return True
        return len(etter) == 2 and etter[0] not in ",;:(–" and etter[1] in nekting

    def avdempet(self, treff: Treff) -> Treff | None:
        for d in self.finn(AVDEMPER):
            mellom = self.tekst[treff.slutt : d.start]
            naer = len(ORD.findall(mellom)) <= 3 and not re.search(r"[,;:]", mellom)
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
        if self._kløyvd(treff):
            return self._for(treff.start, 0)  # «Det er kommunen som avgjør …»
        if treff.kategori == RETTIGHET and treff.tekst.lower().endswith("opp til"):
            return self._etter(treff.slutt, {"at"})  # «… være opp til kommunene å …»
        if treff.start and self._betinget_ledd() == treff.start:
            # «Når pasienten er utskrivningsklar skal institusjonen …»: inverted after it.
            return self._etter(self._etter_verbet(treff))
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
        # «Institusjoner som Helse Vest har avtale med skal …»: the subject is before «som».
        return self._for(self._relativ_for(treff.start) or treff.start, start)

    def _kløyvd(self, treff: Treff) -> bool:
        """A cleft sentence: «Det er kommunen som avgjør», the party before «som» is the subject."""
        return bool(re.match(r"\s*det\s+er\s+[^,;:]+\s+som\s*$", self.tekst[: treff.start], re.I))

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
            mellom = [o.lower() for o in ORD.findall(self.tekst[p.slutt : valgt[0].start])]
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
            ord_ = [o.lower() for o in ORD.findall(mellom)]
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

    def forekomster(self) -> list[Forekomst]:
        ute = self._betinget_ledd()
        ut: list[Forekomst] = []
        for kategori in (FORPLIKTENDE, KAN, INTENSJON, UKLAR, RETTIGHET, VILKAR, ROLLE, BESLUTNING):
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
            ut.append(Forekomst(modaler[-1], VILKAR, "Vilkår: «For at …, må …»"))
        if not ut and (presens := self._presens(ute)) is not None:
            ut.append(presens)
        return ut

    def _presens(self, ute: int = 0) -> Forekomst | None:
        """A duty without a modal: a party as subject of a present-tense verb that says what
        it does («Kommunen betaler døgnpris fra første dag»), or a present passive in the
        main clause («Utskrivningsklare pasienter meldes til kommunen», «Det forutsettes at
        partene …»). Read only when the sentence has no other normative word."""
        if not self.tegn:
            return None
        if ute:
            return self._presens_passiv(ute)  # «Dersom vedtaket opprettholdes, sendes saken …»
        # A party (or parties joined by «og/eller») that opens the sentence.
        kjede: list[Treff] = []
        for p in self.parter:
            forrige = kjede[-1].slutt if kjede else self.tegn[0][0]
            mellom = [o.lower() for o in ORD.findall(self.tekst[forrige : p.start])]
            if p.start == forrige or (kjede and mellom in (["og"], ["eller"], ["samt"])):
                kjede.append(p)
            elif kjede:
                break
        nekting = self.ordliste.ord_i(NEKTING)
        # A third party that opens the sentence carries the duty too («Brukarutvalet
        # oppnemner brukarrepresentantane»); it is pointed out, not made a party.
        if kjede and len({p.kategori for p in kjede}) == 1:
            pos, verb = self.neste_ord(kjede[-1].slutt)
            if verb in ("i", "ved"):
                # «Brukarutvalet i Helse Bergen utpeikar …», «Sykehusene ved styreleder
                # veksler …»: a prepositional attribute between the subject and the verb.
                etter_pp = next((p.slutt for p in self.parter if p.start > pos), None)
                neste_pos, _o = self.neste_ord(pos + len(verb))
                if etter_pp is None or self.indeks(etter_pp) > self.indeks(neste_pos) + 3:
                    etter_pp = neste_pos + len(_o)
                pos, verb = self.neste_ord(etter_pp)
            _p, etter = self.neste_ord(pos + len(verb))
            if etter in ("no", "nå"):
                _p, etter = self.neste_ord(_p + len(etter))
            if verb not in _IKKE_PLIKTVERB | _MODALER and _PRESENS.match(verb):
                if etter in nekting:
                    return None  # «Helse Stavanger organiserer ikke følgetjeneste»: no duty
                if etter == "å":
                    return None  # «Voss herad vurderer no å drifta …»: a plan, not a duty
                treff = Treff(pos, pos + len(verb), verb, FORPLIKTENDE)
                hvem = "en part" if kjede[0].kategori == PART else "en som ikke er part"
                regel = f"Forpliktende: {hvem} som subjekt for «{verb}» (presens)"
                return Forekomst(treff, FORPLIKTENDE, regel, parter=kjede)
        return self._presens_passiv(0)

    def _presens_passiv(self, ute: int) -> Forekomst | None:
        """A present passive in the main clause, after a leading condition if there is one
        («Dersom vedtaket opprettholdes, sendes saken videre …»)."""
        nekting = self.ordliste.ord_i(NEKTING)
        for i, (s, e, ord_) in enumerate(self.tegn):
            if s < ute:
                continue
            if ord_ in _BLI_PRESENS and i and self.leddstart(s) == ute:
                return self._bli_passiv(i, nekting)
            if ord_ in ",;:(–" or ord_ in _MODALER or ord_ in _IKKE_PLIKTVERB or ord_ == "å":
                return None  # another verb or clause comes first: not a main-clause passive
            if (
                (not ute and not i)
                or ord_ in nekting
                or ord_ in _IKKE_PASSIV
                or ord_ in _BESKRIVENDE_PASSIV
            ):
                continue
            if not _presens_passiv(ord_) or self.i_bisetning(s) or self.leddstart(s) != ute:
                continue
            if any(p.start <= s < p.slutt for p in self.parter) or self.i_vag(s):
                continue
            treff = Treff(s, e, self.tekst[s:e], FORPLIKTENDE)
            _p, etter = self.neste_ord(e)
            if etter in nekting:
                # «Utgifter … dekkes ikke av kommunen»: a denied duty, unless «… før».
                if re.search(r"(?<!\w)(?:før|innen|innan)(?!\w)", self.tekst[e:], re.I):
                    return Forekomst(treff, VILKAR, f"Vilkår: «{treff.tekst} ikke … før»")
                return None
            if (d := self._som_avdemper(treff)) is not None:
                # «Kostnadene søkes redusert»: an attempt, not a duty.
                return Forekomst(treff, INTENSJON, f"Intensjon: «{d.tekst}»", markert=d)
            if self.tegn[0][2] == "det" and i == 1:
                parter = self._etter(e, {"at"})  # «Det forutsettes at partene …»
            else:
                parter = self.agent(treff)  # «… meldes til kommunen av helseforetaket»
            regel = f"Forpliktende: passiv i presens («{self.tekst[s:e]}»)"
            return Forekomst(treff, FORPLIKTENDE, regel, parter=parter)
        return None

    def _som_avdemper(self, treff: Treff) -> Treff | None:
        return next((d for d in self.finn(AVDEMPER) if d.start <= treff.start < d.slutt), None)

    def _bli_passiv(self, i: int, nekting: set[str]) -> Forekomst | None:
        """«blir/vert» + past participle in the main clause; negated, it states no duty."""
        s, e, _ord = self.tegn[i]
        for s2, e2, neste in self.tegn[i + 1 : i + 5]:
            if neste in _FYLLORD or self.i_vag(s2):
                continue
            if neste in nekting:
                return None
            if _PARTISIPP.match(neste) and not neste.endswith("ende"):
                treff = Treff(s, e2, self.tekst[s:e2], FORPLIKTENDE)
                regel = f"Forpliktende: passiv i presens («{self.tekst[s:e]} {neste}»)"
                return Forekomst(treff, FORPLIKTENDE, regel, parter=self.agent(treff))
            return None
        return None

    def _forste_ord(self) -> int:
        return self.tegn[0][0] if self.tegn else 0

    def _betinget_ledd(self) -> int:
        """Where a leading conditional clause («Dersom …, skal …», «Hvis partene ønsker det,
        kan …») ends: words before it are the condition, not the rule."""
        if not self.starter_med(0, BETINGELSE):
            return 0
        komma = re.search(r"[,;]", self.tekst)
        # «Når pasienten er utskrivningsklar skal institusjonen …»: without a comma the
        # condition ends at the modal that follows its own finite verb.
        grense = komma.start() if komma else len(self.tekst)
        for t in sorted(
            (t for k in (FORPLIKTENDE, KAN) for t in self.finn(k)), key=lambda t: t.start
        ):
            if t.start >= grense:
                break
            mellom = [o for s, _e, o in self.tegn[1 : self.indeks(t.start)]]
            if any(o in _FINITTE or _presens_passiv(o) for o in mellom):
                return t.start
        if komma:
            return komma.end()
        modaler = [t for k in (FORPLIKTENDE, KAN) for t in self.finn(k)]
        modaler.sort(key=lambda t: t.start)
        return modaler[1].start if len(modaler) >= 2 else 0

    def _tolk(self, kategori: str, t: Treff) -> Forekomst | None:
        ord_ = t.tekst.lower()
        if kategori in (FORPLIKTENDE, KAN, UKLAR) and (
            self.i_bisetning(t.start) or self.etter_formal(t.start)
        ):
            return None
        if kategori in (FORPLIKTENDE, KAN, INTENSJON, UKLAR) and (r := self._referert(t)):
            return Forekomst(t, BESKRIVELSE, f"Beskrivelse: referert syn («{r.tekst}»)")
        if kategori == VILKAR:
            return Forekomst(t, VILKAR, f"Vilkår: «{t.tekst}»")
        if kategori == RETTIGHET:
            nekting = self.ordliste.ord_i(NEKTING)
            if any(o.lower() in nekting for o in ORD.findall(t.tekst)) or self.nektet(t):
                return Forekomst(t, FORBUD, f"Forbud: nektet rett («{t.tekst}»)")
            return Forekomst(t, RETTIGHET, f"Rettighet: «{t.tekst}»")
        if kategori == BESLUTNING:
            # «Kommunen avgjør …» gives a party a power; «Helseservice beslutter …» describes.
            if self.i_bisetning(t.start) and not self._kløyvd(t):
                return None
            if not any(p.kategori == PART for p in self.subjekt(t)):
                return None
            return Forekomst(t, RETTIGHET, f"Rettighet: en part «{t.tekst}»")
        if kategori == ROLLE:
            return Forekomst(t, BESKRIVELSE, f"Beskrivelse av en rolle: «{t.tekst}»")
        # «har ikke ansvar for», «er ikke forpliktet til»: no duty.
        if kategori == FORPLIKTENDE and " " in ord_:
            nekting = self.ordliste.ord_i(NEKTING)
            if any(o.lower() in nekting for o in ORD.findall(t.tekst)):
                return Forekomst(t, BESKRIVELSE, f"Beskrivelse: ingen plikt («{t.tekst}»)")
        if kategori == INTENSJON:
            return Forekomst(t, INTENSJON, f"Intensjon: «{t.tekst}»", markert=t)
        mottaker = bool(self.starter_med(self.forste_ord_slutt(t), MOTTAKER)) or bool(
            self.starter_med(t.slutt, MOTTAKER)
        )
        if kategori in (FORPLIKTENDE, KAN) and self.nektet(t):
            resten = self.tekst[t.slutt :]
            if re.search(r"(?<!\w)(?:før|innan|innen)(?!\w)", resten, re.I):
                return Forekomst(t, VILKAR, f"Vilkår: «{t.tekst} ikke … før»")
            return Forekomst(t, FORBUD, f"Forbud: «{t.tekst}» med nekting")
        if kategori == UKLAR:
            if ord_ != "vil":
                return Forekomst(t, UKLAR, f"Uklar: «{t.tekst}» er en forventning", markert=t)
            return self._vil(t)
        if kategori == KAN:
            return self._kan(t)
        if kategori in (FORPLIKTENDE, KAN) and self.starter_med(t.slutt, RETTIGHET):
            return None  # «Det skal være opp til kommunene å …»: the right says it
        # A binding word. An infinitive («sørge for») is read through the modal that governs
        # it in its clause («SSU kan … initiere og sørge for» is a right).
        if ord_.split()[0] in _INFINITIVER and self._styrt(t):
            return None
        if (d := self.avdempet(t)) is not None:
            return Forekomst(
                t, INTENSJON, f"Intensjon: «{t.tekst}» dempet av «{d.tekst}»", markert=d
            )
        if self._dokument_er_subjekt(t):
            return Forekomst(t, BESKRIVELSE, f"Beskrivelse: avtalen som subjekt for «{ord_}»")
        if self.starter_med(t.slutt, DEFINISJON):
            return Forekomst(t, BESKRIVELSE, f"Beskrivelse: «{ord_} være en …» sier hva noe er")
        if (d := self._definisjon_etter(t)) is not None:
            # «Fra 1. januar skal denne plikten også gjelde for …»: what a rule covers.
            return Forekomst(t, BESKRIVELSE, f"Beskrivelse: «{ord_} … {d.tekst}»")
        return Forekomst(t, FORPLIKTENDE, f"Forpliktende: «{t.tekst}»", subjekt=not mottaker)

    def _definisjon_etter(self, t: Treff) -> Treff | None:
        """A verb of scope a few words after the modal, past an inverted subject («skal
        denne plikten også gjelde»); not across punctuation or into an infinitive."""
        i = self.indeks(t.slutt)
        for s, _e, o in self.tegn[i : i + 5]:
            if o in ",;:(–" or o in ("å", "at", "og", "eller"):
                return None
            if (d := next((d for d in self.finn(DEFINISJON) if d.start == s), None)) is not None:
                return d
        return None

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
        foran = [o.lower() for o in ORD.findall(self.tekst[start : t.start])]
        return any(o in _MODALER or o == "å" for o in foran)

    def _kan(self, t: Treff) -> Forekomst:
        pos, neste = self.neste_ord(t.slutt)
        if neste in self.ordliste.ord_i(PREPOSISJON) | {"i", "på", "ved", "under"}:
            # «… kan i en periode ha behov for …»: look past a short adverbial.
            for s, _e, o in self.tegn[self.indeks(pos) + 1 : self.indeks(pos) + 5]:
                if o in ",;:(–":
                    break
                if o in self.ordliste.ord_i(EPISTEMISK):
                    pos, neste = s, o
                    break
        if neste in _AVGRENSENDE:
            # «Utskrivning kan bare skje mellom 08 og 16»: outside it, it may not happen.
            return Forekomst(t, VILKAR, f"Vilkår: «{t.tekst} {neste}» setter en grense")
        epistemisk = self.starter_med(pos, EPISTEMISK) or neste in self.ordliste.ord_i(EPISTEMISK)
        if epistemisk and not any(p.kategori == PART for p in self.subjekt(t)):
            return Forekomst(t, BESKRIVELSE, f"Beskrivelse: «{t.tekst} {neste}» er en mulighet")
        if _PASSIV.match(neste) and neste not in _IKKE_PASSIV:
            return Forekomst(t, RETTIGHET, f"Rettighet: «{t.tekst}» + passiv («{neste}»)")
        return Forekomst(t, RETTIGHET, f"Rettighet eller mulighet: «{t.tekst}»")

    def _vil(self, t: Treff) -> Forekomst:
        resten = self.tekst[t.slutt :]
        if _VIL_ANSVAR.match(resten) or _VIL_BLI.match(resten):
            return Forekomst(t, UKLAR, "Uklar: «vil» kan være en plan eller en spådom", markert=t)
        _pos, neste = self.neste_ord(t.slutt)
        i = self.indeks(t.start)
        pronomen = bool(i) and self.tegn[i - 1][2] in _PERSONLIGE
        if neste in self.ordliste.ord_i(EPISTEMISK) or not (self.subjekt(t) or pronomen):
            return Forekomst(t, BESKRIVELSE, f"Beskrivelse: «vil {neste}»")
        return Forekomst(t, UKLAR, "Uklar: «vil» kan være en plan eller en spådom", markert=t)

    def _dokument_etter(self, pos: int) -> bool:
        """A document as inverted subject right after the modal («skal denne avtalen …»),
        with an active verb after it (not «skal avtalen reforhandlast»)."""
        i = self.indeks(pos)
        dokument = self.starter_med(pos, DOKUMENT)
        if dokument is None and i < len(self.tegn) and self.tegn[i][2] in ("denne", "desse"):
            dokument = self.starter_med(self.tegn[i][1], DOKUMENT)
        if dokument is None:
            return False
        _p, verb = self.neste_ord(dokument.slutt)
        return not (_PASSIV.match(verb) and verb not in _IKKE_PASSIV)

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
        i = self.indeks(t.start)
        if i and self.tegn[i - 1][2] in ("og", "men") and not start:
            # «Samarbeidsavtalen har vært styrebehandlet … og skal nå videre …»: one subject.
            return bool(self.starter_med(0, DOKUMENT))
        if not foran:
            return bool(self.starter_med(t.slutt, DOKUMENT))
        forste = foran.split()[0].lower()
        if self._dokument_etter(t.slutt):
            return True  # «I tilfelle motstrid … skal denne avtalen ha forrang»: inverted
        if forste in self.ordliste.ord_i(ADVERBIAL) or self.starter_med(start, ADVERBIAL):
            return False
        dokumenter = [d for d in self.dokumenter if d.start >= start and d.slutt <= t.start]
        parter = [p for p in self.parter if p.start >= start and p.slutt <= t.start]
        if not dokumenter or parter:
            return False
        return self.indeks(dokumenter[0].start) - self.indeks(start) <= 2
