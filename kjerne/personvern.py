"""One screening rule for patient identifiers in every free text a person types or uploads.

Nothing in this service is about a patient, so a text that holds a fødselsnummer, D-nummer,
H-nummer or FH-nummer (felles hjelpenummer) is refused, whatever field it came through: forms
(kjerne.forms.DsSkjema screens every text field), services (krev_uten_personnummer) and, as
the last line, every save of a text column of the domain apps (kjerne.apps connects
skjerm_modell to pre_save), which also covers imports and management commands. Numbers stored
before the screen knew a spelling are found (and masked) by `manage.py finn_personnummer`.

How a number is recognised (docs/personvern.md has the rule in Norwegian and the measurements):
- The text is normalised first: NFKC turns full-width digits, the non-breaking and thin spaces
  and full-width punctuation into their plain forms, invisible format characters (zero-width
  space, soft hyphen) are dropped, and digits of every script become 0–9.
- Runs of digits ("groups") are chained by separators: up to twelve characters of white space,
  hyphens and dashes, dots, commas, colons, semicolons, slashes, plus, underscores, brackets and
  quotes, or by a word that names an identity number («240875 pnr 48429»).
- Eleven digits of whole groups are a candidate when the groups split them only where an
  identifier is split when written: 11 in one; 6+5, 6+3+2, 2+2+2+5, 2+2+2+3+2, 4+2+5 and
  3+3+5. A date with a four-digit year followed by the five last digits is one too:
  «24.08.1975 48429», «24081975 48429», «1975-08-24 48429» (the century digits dropped; the
  year must be 18xx–20xx and the date not in the future). So is a date without the leading
  zero of day or month, two- or four-digit year, then the five last digits (5 or 3+2):
  «24.8.75 10073», «24.8.1975 pnr 10073» — labelled or not, as dd.mm.åå nnnnn is.
  After a word naming an identity number («fnr 2408 7510073»), eleven digits (or a date with a
  four-digit year and five more) count however the whole groups split them.
  A label word between groups counts only between the date and the five last digits. A case
  number `2011/12345-11` (split after four and nine) or a phone number with extension
  `912 34 567-123` (after eight) is not a candidate, and a longer run of digits is never cut.
- A candidate is an identifier when both check digits are right, under the rules before 2032
  or from 2032 (first check digit with remainder 0–3), and the first six digits are a date
  (day + 40 for D-nummer, month + 40 for H-nummer). An FH-nummer has no date: it begins with
  8 or 9 and has both check digits of the rules before 2032.
- Except where the writing says it is another number. Only eleven digits in one and 4+2+5
  can be excepted, never a spelling as a date (6+5, dd.mm.åå nnnnn, a four-digit year …), and
  a word naming an identity number before or between the groups overrides every exception:
  * an account number: 4+2+5 with dots («1503.12.34567»), or 4+2+5 with other separators and
    the first four digits in the bank register (kjerne.bankregister), or eleven digits in one
    or 4+2+5 right after «konto», «kontonr.» … with a registered first four;
  * eleven digits in one right after a word that names another number: «KID», «ref.»,
    «saksnr.», «arkivnr.», «tlf.», «faktura» …

The refusal names the field and why; it never repeats the number, so it is safe in logs.
"""

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kjerne.bankregister import BANKREGISTER
from kjerne.feil import Domenefeil

# The check digit itself has weight 1: a valid number sums to 0 modulo 11.
VEKTER_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
VEKTER_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
K1_REST_FRA_2032 = (0, 1, 2, 3)

# Where eleven written digits may be split (cumulative group lengths): 11 in one, 6+5,
# 6+3+2, 2+2+2+5, 2+2+2+3+2, 4+2+5 and 3+3+5.
DELINGER_11 = frozenset({(), (6,), (6, 9), (2, 4, 6), (2, 4, 6, 9), (4, 6), (3, 6)})
# Thirteen digits: a date with a four-digit year, then the five last digits.
DELINGER_DDMMAAAA = frozenset({(2, 4, 8), (2, 4, 8, 11), (8,), (8, 11)})
DELINGER_AAAAMMDD = frozenset({(4, 6, 8), (4, 6, 8, 11), (8,), (8, 11)})
KONTOFORM = (4, 6)

# Characters that separate groups of digits: white space (NFKC has made NBSP and thin spaces
# plain), hyphens and dashes, dots, commas, colons, semicolons, slashes, plus, the underscore
# of file names, brackets, quotes, the hash and the asterisk.
_S = r"\s.,:;_+*#|/\\\-\u2010-\u2015\u2212()\[\]{}<>\"'«»\u2018-\u201f"
MAKS_SKILLE = 12
_SKILLE = re.compile(rf"[{_S}]{{1,{MAKS_SKILLE}}}")
_ORD = r"[^\W\d_]+"
_ETIKETT = re.compile(rf"[{_S}]{{0,6}}({_ORD}(?:[.\-\s]{{1,2}}{_ORD})?)[{_S}]{{0,6}}")
_FORAN = re.compile(rf"({_ORD})(?:[.\-\s]{{1,2}}({_ORD}))?[{_S}]{{0,6}}$")
_SIFRE = re.compile(r"\d+")


def _ordliste(ord_: str) -> frozenset[str]:
    return frozenset(ord_.split())


# Words (letters only, lower case) that name an identity number. Before the digits they
# override every exception; between the date and the five last digits they join them.
ID_ORD = _ordliste(
    """fnr fødselsnr fødselsnummer fødselsnummeret fødselsnumre fodselsnummer fnummer
    pnr personnr personnummer personnummeret persnr personid pid ssn
    dnr dnummer dnummeret hnr hnummer hnummeret fhnr fhnummer hjelpenr hjelpenummer
    hjelpenummeret individnr individnummer individnummeret indnr
    født fødd fødselsdato pasient pasienten pas pasientnr"""
)
# Words that say the digits after them are an account number.
KONTO_ORD = _ordliste(
    """konto kontonr kontonummer kontonummeret kto ktonr bankkonto bankkontonr
    bankkontonummer kontonumer"""
)
# Words that say eleven digits in one after them are another kind of number. Not «tlf.»,
# «telefon», «mobil»: a Norwegian phone number has eight digits (ten with 47, twelve with 0047),
# never eleven, so after those words eleven digits are nothing but a fødselsnummer.
ANNET_ORD = _ordliste(
    """kid kidnr kidnummer ref refnr referanse referansenr referansenummer
    sak saksnr saksnummer saksnummeret saksref arkiv arkivnr arkivnummer arkivsak
    arkivsaksnr arkivref arkivid journalnr journalnummer journalpost journalpostnr jpnr
    dok doknr dokumentnr dokumentnummer løpenr løpenummer lnr
    faktura fakturanr fakturanummer ordre ordrenr ordrenummer kundenr kundenummer
    avtalenr avtalenummer avviksnr bestillingsnr bestillingsnummer
    orgnr orgnummer organisasjonsnr organisasjonsnummer foretaksnr"""
)

MELDING = _(
    "«%(felt)s» ser ut til å inneholde et fødselsnummer eller D-nummer (eller H- eller "
    "FH-nummer). Ingen tekst her skal inneholde opplysninger som kan identifisere en pasient. "
    "Fjern nummeret og skriv teksten uten navn og nummer, for eksempel «pasient utskrevet "
    "kl. 22.10 uten epikrise». Resten av det du skrev er beholdt."
)


# Format characters (Unicode category Cf: soft hyphen, zero-width and direction marks, word
# joiner, BOM …) and digits that are not 0–9: what NFKC leaves for _normaliser_tegn to do.
_TRENGER_ARBEID = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
    r"]|(?![0-9])\d"
)


@functools.lru_cache(maxsize=4096)
def _normaliser_tegn(tegn: str) -> str:
    ut = []
    for t in unicodedata.normalize("NFKC", tegn):
        if t.isdecimal():
            ut.append(str(unicodedata.decimal(t)))
        elif unicodedata.category(t) != "Cf":
            ut.append(t)
    return "".join(ut)


def _normaliser_med_kart(tekst: str) -> tuple[str, Sequence[int]]:
    """The normalised text and, for each of its characters, where it came from."""
    if tekst.isascii() or (
        unicodedata.is_normalized("NFKC", tekst) and not _TRENGER_ARBEID.search(tekst)
    ):
        return tekst, range(len(tekst))
    ut = [tegn if tegn.isascii() else _normaliser_tegn(tegn) for tegn in tekst]
    if all(len(ny) == 1 for ny in ut):
        return "".join(ut), range(len(tekst))
    kart = []
    for i, ny in enumerate(ut):
        kart.extend([i] * len(ny))
    return "".join(ut), kart


def normaliser(tekst: str) -> str:
    """The text as the screen reads it: plain digits, spaces and punctuation, no hidden marks."""
    return _normaliser_med_kart(tekst)[0]


def _gyldig_dato(sifre: str) -> bool:
    dag, maned, ar = int(sifre[0:2]), int(sifre[2:4]), int(sifre[4:6])
    if dag > 40:  # D-nummer: day + 40
        dag -= 40
    if maned > 40:  # H-nummer: month + 40
        maned -= 40
    try:
        datetime.date(2000 + ar, maned, dag)
    except ValueError:
        # 29 February of a year that is a leap year only in the other century.
        try:
            datetime.date(1900 + ar, maned, dag)
        except ValueError:
            return False
    return True


def _rest(sifre: str, vekter: tuple[int, ...]) -> int:
    return sum(int(s) * v for s, v in zip(sifre, vekter, strict=True)) % 11


def er_personnummer(nummer: str) -> bool:
    """Whether eleven digits are a fødselsnummer, D-, H- or FH-nummer (rules old and new)."""
    if len(nummer) != 11 or not nummer.isascii() or not nummer.isdigit():
        return False
    if _rest(nummer, VEKTER_K2) != 0:
        return False
    rest_k1 = _rest(nummer[:10], VEKTER_K1)
    if nummer[0] in "89" and rest_k1 == 0:  # FH-nummer: no date, rules before 2032
        return True
    return rest_k1 in K1_REST_FRA_2032 and _gyldig_dato(nummer[:6])


def _fodt_senest_i_dag(dag: int, maned: int, ar: int) -> bool:
    """A date written with its century is a birth date only if it has been."""
    dag, maned = dag - 40 if dag > 40 else dag, maned - 40 if maned > 40 else maned
    if not 1800 <= ar <= 2099:
        return False
    try:
        return datetime.date(ar, maned, dag) <= datetime.date.today() + datetime.timedelta(1)
    except ValueError:
        return False


def _fra_fire_sifret_ar(sifre: str, delinger: tuple[int, ...], fritt: bool = False) -> list[str]:
    """The eleven digits a date with a four-digit year and five digits after it stand for
    (`fritt`: after a word naming an identity number, grouped any way)."""
    ut = []
    if fritt or delinger in DELINGER_DDMMAAAA:  # DD MM ÅÅÅÅ nnnnn
        dag, maned, ar = int(sifre[0:2]), int(sifre[2:4]), int(sifre[4:8])
        if _fodt_senest_i_dag(dag, maned, ar):
            ut.append(sifre[0:4] + sifre[6:])
    if fritt or delinger in DELINGER_AAAAMMDD:  # ÅÅÅÅ-MM-DD nnnnn
        ar, maned, dag = int(sifre[0:4]), int(sifre[4:6]), int(sifre[6:8])
        if _fodt_senest_i_dag(dag, maned, ar):
            ut.append(sifre[6:8] + sifre[4:6] + sifre[2:4] + sifre[8:])
    return ut


@dataclass(frozen=True)
class Funn:
    """An identifier in a text: its digits, and where it is written (in the text as given)."""

    sifre: str
    start: int
    slutt: int


@dataclass
class _Kjede:
    grupper: list[tuple[int, int]]  # (start, end) of each run of digits
    lenker: list[str]  # between group i and i + 1: "skille" or "etikett"


def _ordet(ord_: str | None) -> str:
    return "".join(t for t in (ord_ or "").lower() if t.isalpha())


def _lenke(mellom: str) -> str | None:
    if len(mellom) > 40:
        return None
    if _SKILLE.fullmatch(mellom):
        return "skille"
    treff = _ETIKETT.fullmatch(mellom)
    if treff and _ordet(treff.group(1)) in ID_ORD:
        return "etikett"
    return None


def _kjeder(tekst: str) -> Iterator[_Kjede]:
    kjede = None
    forrige_slutt = None
    for treff in _SIFRE.finditer(tekst):
        lenke = None if kjede is None else _lenke(tekst[forrige_slutt : treff.start()])
        if lenke is None:
            if kjede is not None:
                yield kjede
            kjede = _Kjede([treff.span()], [])
        else:
            kjede.grupper.append(treff.span())
            kjede.lenker.append(lenke)
        forrige_slutt = treff.end()
    if kjede is not None:
        yield kjede


def _foran(tekst: str, start: int) -> str:
    """What the word(s) right before the digits say they are: "id", "konto", "annet" or ""."""
    treff = _FORAN.search(tekst[max(0, start - 40) : start])
    if not treff:
        return ""
    siste = _ordet(treff.group(2) or treff.group(1))
    begge = _ordet(treff.group(1)) + _ordet(treff.group(2))
    for ord_ in (begge, siste):
        if ord_ in ID_ORD:
            return "id"
    for ord_ in (begge, siste):
        if ord_ in KONTO_ORD:
            return "konto"
        if ord_ in ANNET_ORD:
            return "annet"
    return ""


def _unntatt(tekst: str, sifre: str, kjede: _Kjede, fra: int, delinger: tuple) -> bool:
    """Whether the writing says the eleven digits are another number than an identifier."""
    foran = _foran(tekst, kjede.grupper[fra][0])
    if foran == "id":
        return False
    registrert = sifre[:4] in BANKREGISTER
    if delinger == KONTOFORM:
        skiller = {tekst[kjede.grupper[i][1] : kjede.grupper[i + 1][0]] for i in (fra, fra + 1)}
        if skiller == {"."} or registrert:
            return True
    if foran == "konto" and delinger in ((), KONTOFORM) and registrert:
        return True
    return foran == "annet" and delinger == ()


def _funn_i(tekst: str) -> Iterator[tuple[str, int, int]]:
    """(digits, start, end) of every identifier in a normalised text."""
    for kjede in _kjeder(tekst):
        grupper = kjede.grupper
        if len(grupper) >= 4:
            yield from _korte_datoer(tekst, kjede)
        if sum(slutt - start for start, slutt in grupper) < 11:
            continue
        for fra in range(len(grupper)):
            sifre, delinger, etiketter = "", [], []
            for til in range(fra, len(grupper)):
                if til > fra:
                    delinger.append(len(sifre))
                    if kjede.lenker[til - 1] == "etikett":
                        etiketter.append(len(sifre))
                start, slutt = grupper[til]
                sifre += tekst[start:slutt]
                if len(sifre) >= 13:
                    break
            if len(sifre) < 11:
                break
            # Every prefix of the groups from `fra` that makes 11 or 13 digits.
            yield from _vurder(tekst, kjede, fra, sifre, tuple(delinger), etiketter)


def _korte_datoer(tekst: str, kjede: _Kjede) -> Iterator[tuple[str, int, int]]:
    """A date with a one-digit day or month (d.m.åå, d.m.åååå, dd.m.åå …) and the five last
    digits after it (5 or 3+2, a label word allowed between): «24.8.75 pnr 10073»."""
    grupper, lenker = kjede.grupper, kjede.lenker
    lengder = [slutt - start for start, slutt in grupper]
    for i in range(len(grupper) - 3):
        dag_l, maned_l, ar_l = lengder[i : i + 3]
        if dag_l > 2 or maned_l > 2 or (dag_l, maned_l) == (2, 2) or ar_l not in (2, 4):
            continue
        if lenker[i] != "skille" or lenker[i + 1] != "skille":
            continue
        if lengder[i + 3] == 5:
            siste = i + 3
        elif lengder[i + 3] == 3 and i + 4 < len(grupper) and lengder[i + 4] == 2:
            if lenker[i + 3] != "skille":
                continue
            siste = i + 4
        else:
            continue
        dag, maned, ar = (int(tekst[a:b]) for a, b in grupper[i : i + 3])
        if ar_l == 4 and not _fodt_senest_i_dag(dag, maned, ar):
            continue
        rest = "".join(tekst[a:b] for a, b in grupper[i + 3 : siste + 1])
        nummer = f"{dag:02d}{maned:02d}{ar % 100:02d}{rest}"
        if er_personnummer(nummer):
            yield nummer, grupper[i][0], grupper[siste][1]


def _vurder(tekst, kjede, fra, alle, alle_delinger, etiketter):
    grupper = kjede.grupper
    for lengde in (11, 13):
        if lengde not in (*alle_delinger, len(alle)):
            continue
        delinger = tuple(d for d in alle_delinger if d < lengde)
        sifre = alle[:lengde]
        siste = fra + len(delinger)
        start, slutt = grupper[fra][0], grupper[siste][1]
        merket = [e for e in etiketter if e < lengde]
        if lengde == 11:
            if any(e != 6 for e in merket):
                continue
            # After a word naming an identity number, any grouping of whole groups counts.
            if delinger not in DELINGER_11 and _foran(tekst, start) != "id":
                continue
            kandidater = [sifre]
        else:
            if any(e != 8 for e in merket):
                continue
            fritt = _foran(tekst, start) == "id"
            kandidater = _fra_fire_sifret_ar(sifre, delinger, fritt)
        for nummer in kandidater:
            if not er_personnummer(nummer):
                continue
            if lengde == 11 and not merket and _unntatt(tekst, nummer, kjede, fra, delinger):
                continue
            yield nummer, start, slutt
            break


def finn_forekomster(tekst: str | None) -> list[Funn]:
    """Every identifier in the text with where it is written (for masking; never show it)."""
    if not tekst:
        return []
    normalisert, kart = _normaliser_med_kart(tekst)
    funn, sett = [], set()
    for sifre, start, slutt in _funn_i(normalisert):
        fra, til = kart[start], kart[slutt - 1] + 1
        if (fra, til) not in sett:
            sett.add((fra, til))
            funn.append(Funn(sifre, fra, til))
    return funn


def finn_personnummer(tekst: str | None) -> list[str]:
    """Every identifier in the text, as plain digits (for tests and counting; never show it)."""
    return [f.sifre for f in finn_forekomster(tekst)]


def har_personnummer(tekst: str | None) -> bool:
    if not tekst:
        return False
    normalisert = normaliser(tekst)
    return any(True for _ in _funn_i(normalisert))


def masker(tekst: str) -> str:
    """The text with every digit of every identifier in it replaced by X."""
    ut = list(tekst)
    for f in finn_forekomster(tekst):
        for i in range(f.start, f.slutt):
            if ut[i].isdecimal():
                ut[i] = "X"
    return "".join(ut)


def maskert_form(tekst: str, funn: Funn) -> str:
    """How the identifier is written, digits as X: «XX.XX.XX XXXXX» (safe to print)."""
    return "".join("X" if t.isdecimal() else t for t in tekst[funn.start : funn.slutt])


def melding(felt: str) -> str:
    return MELDING % {"felt": felt}


def krev_uten_personnummer(*tekster: str | None, **felter: str | None) -> None:
    """Refuse with a Domenefeil if a text holds an identifier; name the field when given.

    Keyword arguments are field labels and their texts: krev_uten_personnummer(tittel=...)
    gives «tittel» in the message. Positional texts are called «teksten».
    """
    for navn, tekst in [(str(_("Teksten")), t) for t in tekster] + list(felter.items()):
        if isinstance(tekst, str) and har_personnummer(tekst):
            raise Domenefeil(melding(navn))


# Text columns that are not typed by a person: keys, hashes, codes and machine messages.
UNNTAK = frozenset({"password", "sha256", "innhold", "okt_nokkel", "feil", "history_change_reason"})
SKJERMEDE_APPER = frozenset({"avtaler", "avvik", "helsefellesskap", "varsler"})


def _tekstfelt(modell) -> list:
    from django.db import models

    return [
        f
        for f in modell._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.FileField)
        and not f.choices
        and f.name not in UNNTAK
    ]


def _er_historikk(modell) -> bool:
    return any(f.name == "history_id" for f in modell._meta.concrete_fields)


def skjerm_modell(sender, instance, raw: bool = False, **kwargs) -> None:
    """pre_save: the last line — no text column of the domain apps stores an identifier."""
    if raw or sender._meta.app_label not in SKJERMEDE_APPER:
        return
    # A save of named fields (a step in a flow) checks those: a text stored before the screen
    # knew its spelling must not stop the work on the row it sits in.
    bare = kwargs.get("update_fields")
    if bare is None and _er_historikk(sender):
        # A history row copies the row it records: a new text has met the screen there, and
        # one stored before it must not stop the step that writes the history.
        return
    for felt in _tekstfelt(sender):
        if bare is not None and felt.name not in bare and felt.attname not in bare:
            continue
        verdi = getattr(instance, felt.attname, None)
        tekst = getattr(verdi, "name", verdi)  # a file: its name
        if isinstance(tekst, str) and har_personnummer(tekst):
            raise Domenefeil(melding(str(felt.verbose_name)))
