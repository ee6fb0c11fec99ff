"""Valid patient identifiers written every way a person types them, and ordinary numbers that
are not identifiers, for the screening tests and bench/personvern.py.

Written from how people write the numbers, not from the screen: nothing here imports
kjerne.personvern, so a spelling the screen misses makes a test fail instead of being left out.
Deterministic (a seeded random), so a failure can be repeated.

Kinds (FACTS): fødselsnummer, D-nummer (day + 40), H-nummer (month + 40), numbers valid only
under the 2032 rule (first check digit with remainder 1–3) and FH-nummer (8 or 9, no date).
Birth dates lie between 1900 and 2025: a number is given to someone who is born.

Ways of writing (GRUPPERINGER): eleven in one; 6+5, 6+3+2, 2+2+2+5, 2+2+2+3+2, 3+3+5; the
date with a four-digit year and the five last digits after it (DD.MM.ÅÅÅÅ nnnnn,
DDMMÅÅÅÅ nnnnn, ÅÅÅÅ-MM-DD nnnnn); a word naming the number between the date and the five
last digits («240875 pnr 48429»); the date with no leading zero in day and month (d.m.åå
nnnnn, d.m.åååå nnnnn: «24.8.75 10073»). Between the groups: every separator in SKILLER (spaces of
every width, tab, newline, hyphens and dashes, dot, comma, colon, semicolon, slash, backslash,
underscore, plus, runs of up to ten of them), mixed, and groups in brackets. The digits may be
full-width, Arabic-Indic or mathematical, or have an invisible character inside. Around the
number: quotes, brackets, a label, punctuation, and a Norwegian sentence (SETNINGER).
"""

import datetime
import functools
import random

V1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
V2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
TYPER = ("fnr", "dnr", "hnr", "2032", "fh")
FORSTE_DAG, SISTE_DAG = datetime.date(1900, 1, 1), datetime.date(2025, 12, 31)

# name: which digits go in which group, in order. "dato4" and "iso" write the year with four
# digits (13 digits written for 11); "ord" puts a label word between the date and the rest;
# "kort dato" and "kort dato4" drop the leading zero of day and month (24.8.75 10073).
GRUPPERINGER = (
    "11",
    "6+5",
    "6+3+2",
    "2+2+2+5",
    "2+2+2+3+2",
    "3+3+5",
    "dato4",
    "dato4 i ett",
    "iso",
    "ord",
    "kort dato",
    "kort dato4",
)
UTEN_DATO = ("11", "6+5", "6+3+2", "2+2+2+5", "2+2+2+3+2", "3+3+5")  # FH-nummer has no date
SKILLER = (
    *(" ", "\u00a0", "\u202f", "\u2009", "\u3000", "\t", "\n", "\r\n"),
    *("-", "\u2010", "\u2013", "\u2014", "\u2212", ".", ",", ":", ";", "/", "\\", "_", "+"),
    *(" - ", ". ", ", ", " / ", ": ", " + ", " – "),
    *("  ", "   ", "    ", "  -  ", " -- ", "\t\t", "\n\n", ".  ", " \t - \t ", " " * 10),
)
KORTE_SKILLER = (" ", "\u00a0", "-", ".", "/", ",", ":", "+", "_", " - ", "\t")
ORD_MELLOM = ("pnr", "pnr.", "personnr.", "pers. nr.", "fnr:", "f.nr.", "d-nr", "individnr")
ORD_MELLOM += ("personnummer", "fødselsnummer", "H-nummer")
ETIKETTER_FORAN = ("", "", "", "fnr ", "Fnr: ", "f.nr. ", "personnummer ", "D-nr. ", "pnr:")
ETIKETTER_FORAN += ("fødselsnummer: ", "FH-nummer ", "født ")
OMKRANSINGER = (("", ""), ("«", "»"), ('"', '"'), ("'", "'"), ("(", ")"), ("[", "]"))
OMKRANSINGER += (("", "."), ("", ","), ("", ";"), ("<", ">"), ("“", "”"))
SETNINGER = (
    "Pasienten {} ble skrevet ut kl. 22.10 uten epikrise.",
    "Gjelder {}.",
    "{}",
    "Epikrise mangler for {} – kommunen fikk den først dagen etter.",
    "Utskrivningsklar melding om {} kom uten funksjonsbeskrivelse.",
    "Se notatet ({}) for detaljer.",
    "Navn: Kari Nordmann\n{}\nInnlagt 12.03., utskrevet 14.03.",
    "Hjemmetjenesten visste ikke at {} var skrevet ut.",
    "Legen ringte om {};ingen svarte på vakttelefonen.",
    "Medisinlisten for {} manglet, se vedlegg.",
)


def _sum(sifre: str, vekter) -> int:
    return sum(int(s) * v for s, v in zip(sifre, vekter, strict=True))


def lag_med_dato(rng: random.Random, type_: str) -> tuple[str, datetime.date | None]:
    """One valid number of the kind, with the birth date its first six digits stand for."""
    while True:
        dato = None
        if type_ == "fh":
            grunn = rng.choice("89") + "".join(rng.choice("0123456789") for _ in range(8))
        else:
            dato = FORSTE_DAG + datetime.timedelta(
                days=rng.randrange((SISTE_DAG - FORSTE_DAG).days + 1)
            )
            dag = dato.day + (40 if type_ == "dnr" else 0)
            maned = dato.month + (40 if type_ == "hnr" else 0)
            grunn = f"{dag:02d}{maned:02d}{dato.year % 100:02d}{rng.randrange(1000):03d}"
        if type_ == "2032":
            # A first check digit that leaves remainder 1, 2 or 3: valid only from 2032.
            rest = rng.choice((1, 2, 3))
            mulige = [k for k in range(10) if (_sum(grunn, V1) + k) % 11 == rest]
            if not mulige:
                continue
            k1 = str(mulige[0])
        else:
            k1_tall = (11 - _sum(grunn, V1) % 11) % 11
            if k1_tall == 10:
                continue
            k1 = str(k1_tall)
        k2 = (11 - _sum(grunn + k1, V2) % 11) % 11
        if k2 == 10:
            continue
        return grunn + k1 + str(k2), dato


def lag(rng: random.Random, type_: str) -> str:
    """One valid number of the kind."""
    return lag_med_dato(rng, type_)[0]


def _grupper(nummer: str, dato: datetime.date | None, gruppering: str) -> list[str]:
    d = nummer
    if gruppering == "11":
        return [d]
    if gruppering in ("kort dato", "kort dato4"):  # d.m.åå / d.m.åååå: no leading zero
        ar = f"{dato.year:04d}" if gruppering == "kort dato4" else d[4:6]
        return [str(int(d[0:2])), str(int(d[2:4])), ar, d[6:]]
    if gruppering in ("dato4", "dato4 i ett", "iso", "ord"):
        ar = f"{dato.year:04d}"
        if gruppering == "dato4":
            return [d[0:2], d[2:4], ar, d[6:]]
        if gruppering == "dato4 i ett":
            return [d[0:4] + ar, d[6:]]
        if gruppering == "iso":
            return [ar, d[2:4], d[0:2], d[6:]]
        return [d[0:6], d[6:]]  # "ord": the word goes between these two
    ut, i = [], 0
    for lengde in gruppering.split("+"):
        ut.append(d[i : i + int(lengde)])
        i += int(lengde)
    return ut


def _sifre_som(rng: random.Random, tekst: str) -> str:
    """The digits in another script or width, or with an invisible character among them."""
    variant = rng.randrange(10)
    if variant == 0:  # full-width
        return "".join(chr(ord(t) + 0xFEE0) if t.isdigit() else t for t in tekst)
    if variant == 1:  # Arabic-Indic
        return "".join(chr(ord(t) - 48 + 0x0660) if t.isdigit() else t for t in tekst)
    if variant == 2:  # mathematical bold
        return "".join(chr(ord(t) - 48 + 0x1D7CE) if t.isdigit() else t for t in tekst)
    if variant in (3, 4):  # zero-width space, soft hyphen or word joiner inside
        plass = rng.randrange(1, len(tekst))
        return tekst[:plass] + rng.choice(("\u200b", "\u00ad", "\u2060")) + tekst[plass:]
    return tekst


def skriv(
    rng: random.Random,
    nummer: str,
    dato: datetime.date | None = None,
    gruppering: str | None = None,
    kort: bool = False,
) -> str:
    """The number as a person might type or paste it (`kort`: for a field of 20 characters)."""
    if gruppering is None:
        gruppering = rng.choice(UTEN_DATO if dato is None else GRUPPERINGER)
    grupper = _grupper(nummer, dato, gruppering)
    skiller = KORTE_SKILLER if kort else SKILLER
    felles = rng.choice(skiller)
    tekst = ""
    for i, gruppe in enumerate(grupper):
        if not kort and rng.randrange(8) == 0:
            gruppe = rng.choice(("({})", "[{}]")).format(gruppe)
        if i:
            if gruppering == "ord" and not kort:
                skille = rng.choice(("", " ", ", ", " (")) + rng.choice(ORD_MELLOM) + " "
            elif gruppering == "ord":
                skille = " " + rng.choice(("pnr", "fnr", "pnr.")) + " "
            else:
                skille = felles if rng.randrange(3) else rng.choice(skiller)
            tekst += skille
        tekst += gruppe
    tekst = _sifre_som(rng, tekst)
    if kort:
        return tekst
    foran, etter = rng.choice(OMKRANSINGER)
    return rng.choice(ETIKETTER_FORAN) + foran + tekst + etter


def i_setning(rng: random.Random, skrevet: str) -> str:
    return rng.choice(SETNINGER).format(skrevet)


def i_tekst(skrevet: str) -> str:
    return f"Pasienten {skrevet} ble skrevet ut kl. 22.10 uten epikrise."


def tilfeldig(frø: int) -> random.Random:
    return random.Random(frø)  # noqa: S311 -- test data, not secrets


def eksempler(antall: int, frø: int = 15, kort: bool = False) -> list[tuple[str, str, str]]:
    """(kind, digits, as written) for `antall` numbers: every kind in every grouping in turn,
    separators, scripts and surroundings at random; in a Norwegian sentence unless `kort`."""
    rng = tilfeldig(frø)
    par = [(t, g) for g in GRUPPERINGER for t in TYPER if t != "fh" or g in UTEN_DATO]
    ut = []
    for n in range(antall):
        type_, gruppering = par[n % len(par)]
        if kort and gruppering in ("dato4", "iso", "ord"):
            gruppering = "dato4 i ett" if gruppering != "ord" else gruppering
        nummer, dato = lag_med_dato(rng, type_)
        skrevet = skriv(rng, nummer, dato, gruppering, kort=kort)
        while kort and len(skrevet) > 20:  # a clause number has room for twenty
            skrevet = skriv(rng, nummer, dato, gruppering, kort=kort)
        ut.append((type_, nummer, skrevet if kort else i_setning(rng, skrevet)))
    return ut


# Ordinary numbers that are not identifiers, as they stand in the texts of this service.


def _mod11(grunn: str, vekter) -> str | None:
    k = (11 - _sum(grunn, vekter) % 11) % 11
    return None if k == 10 else str(k)


def _luhn(grunn: str) -> str:
    total = 0
    for i, s in enumerate(reversed(grunn)):
        d = int(s) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@functools.cache
def _sortert(bankregister: frozenset[str]) -> list[str]:
    return sorted(bankregister)


def kontonummer(rng: random.Random, bankregister) -> str:
    """An account number as the bank's system makes it: a registered bank's four digits, two
    digits of account group, four of account, and the mod-11 check digit (weights 5,4,3,2,7,6,
    5,4,3,2; remainder 1 gives no number)."""
    banker = _sortert(bankregister)
    while True:
        grunn = rng.choice(banker) + f"{rng.randrange(100):02d}{rng.randrange(10000):04d}"
        k = _mod11(grunn, V2)
        if k is not None:
            return grunn + k


def _orgnr(rng: random.Random) -> str:
    while True:
        grunn = str(rng.randrange(80000000, 100000000))
        k = _mod11(grunn, (3, 2, 7, 6, 5, 4, 3, 2))
        if k is not None:
            return grunn + k


def _kid(rng: random.Random) -> str:
    grunn = "".join(rng.choice("0123456789") for _ in range(10))
    if rng.randrange(2):
        return grunn + _luhn(grunn)
    return grunn + (_mod11(grunn, V2) or "-")


def _dato(rng: random.Random, fra: int = 2015, til: int = 2026) -> datetime.date:
    start = datetime.date(fra, 1, 1)
    return start + datetime.timedelta(days=rng.randrange((datetime.date(til, 11, 1) - start).days))


def vanlige_tall(rng: random.Random, bankregister=frozenset()) -> dict[str, str]:
    """One ordinary text of each kind that holds eleven digits and no identifier.

    The kinds promised below 0.1 % refused are the ways these numbers are written in text:
    with the word that says what they are, or in their own grouping. `uten_ord` holds the
    same numbers as eleven bare digits with nothing around them, which no screen can tell from
    a fødselsnummer written in one (bench/personvern.py measures them apart)."""
    ar = rng.randrange(2000, 2027)
    lop = rng.randrange(1, 100000)
    dok = rng.randrange(1, 100)
    mobil = rng.choice("49") + "".join(rng.choice("0123456789") for _ in range(7))
    fast = rng.choice("23567") + "".join(rng.choice("0123456789") for _ in range(7))
    tlf = rng.choice((mobil, fast))
    ekst = f"{rng.randrange(100, 1000)}"
    orgnr = _orgnr(rng)
    kid = _kid(rng).replace("-", "0")
    arkiv = f"{ar}{rng.randrange(10**7):07d}"
    dato = _dato(rng)
    ref = f"{rng.randrange(100000):05d}"
    dd, mm, aaaa = f"{dato.day:02d}", f"{dato.month:02d}", f"{dato.year}"
    ut = {
        "saksnummer": rng.choice(
            (
                f"Sak {ar}/{lop:05d}-{dok}",
                f"saksnr. {ar}/{lop:05d}-{dok}",
                f"({ar}/{lop:05d}-{dok})",
                f"jf. {ar}/{lop:05d}",
                f"arkivsak {ar % 100:02d}/{lop:05d}-{dok}",
                f"vår ref. {ar}/{lop:05d}-{dok} deres ref. {ar}/{rng.randrange(99999):05d}",
            )
        ),
        "arkiv-ID (11 sifre) med ord": rng.choice(
            (f"arkivnr. {arkiv}", f"journalpostnr {arkiv}", f"dokumentnr. {arkiv}")
        ),
        "telefon med linje": rng.choice(
            (
                f"tlf. {tlf}-{ekst}",
                f"tlf. {tlf[:3]} {tlf[3:5]} {tlf[5:]}-{ekst}",
                f"tlf. {tlf[:2]} {tlf[2:4]} {tlf[4:6]} {tlf[6:]} / {ekst}",
                f"telefon {tlf} linje {ekst}",
                f"+47 {tlf[:3]} {tlf[3:5]} {tlf[5:]} - {ekst}",
                f"{tlf} ekst. {ekst}",
                f"ring {tlf[:2]} {tlf[2:4]} {tlf[4:6]} {tlf[6:]}, tast {ekst}",
            )
        ),
        "organisasjonsnummer med noe": rng.choice(
            (
                f"org.nr. {orgnr[:3]} {orgnr[3:6]} {orgnr[6:]} avd. {dok}",
                f"orgnr {orgnr}-{dok:02d}",
                f"NO {orgnr} MVA, konto {dok}",
                f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]} / {dok:02d}",
            )
        ),
        "KID med ord": rng.choice((f"KID {kid}", f"KID-nr.: {kid}", f"kid: {kid}")),
        "dato og 5-sifret referanse med ord": rng.choice(
            (
                f"møte {dd}.{mm}.{aaaa}, sak {ref}",
                f"{dd}.{mm}.{aaaa} (ref. {ref})",
                f"brev av {dd}.{mm}.{aaaa} nr. {ref}",
                f"{dd}.{mm}.{aaaa[2:]} sak {ref}",
                f"{aaaa}-{mm}-{dd} avvik {ref}",
                f"{dd}.{mm}.{aaaa} løpenr. {ref}",
            )
        ),
    }
    # The same date and reference with no leading zero in day and month (no random drawn, so
    # the other kinds keep their numbers).
    d, m = dato.day, dato.month
    ut["kort dato og 5-sifret referanse med ord"] = f"møte {d}.{m}.{aaaa}, sak {ref}"
    fremtid = _dato(rng, 2027, 2030)
    ut["fremtidig dato og 5 sifre"] = f"frist {fremtid:%d.%m.%Y} {ref}"
    if bankregister:
        konto = kontonummer(rng, bankregister)
        ut["kontonummer"] = rng.choice(
            (
                f"{konto[:4]}.{konto[4:6]}.{konto[6:]}",
                f"{konto[:4]} {konto[4:6]} {konto[6:]}",
                f"kontonr. {konto[:4]}.{konto[4:6]}.{konto[6:]}",
                f"til konto {konto[:4]} {konto[4:6]} {konto[6:]}",
                f"kontonummer {konto}",
                f"konto: {konto}",
            )
        )
        ut["uten_ord: kontonummer i ett"] = konto
    ut["uten_ord: KID i ett"] = kid
    ut["uten_ord: arkiv-ID i ett"] = arkiv
    ut["uten_ord: dato (i år eller før) og 5 sifre"] = rng.choice(
        (f"{dd}.{mm}.{aaaa} {ref}", f"{dd}.{mm}.{aaaa[2:]} {ref}")
    )
    ut["uten_ord: kort dato (d.m.åå) og 5 sifre"] = f"{d}.{m}.{aaaa[2:]} {ref}"
    return ut


TALLORD = ("og", "sak", "kl.", "møte", "til", "avvik", "i", "på", "uke", "kr", "dager", "side")
TALLSKILLER = (", ", ". ", " – ", "/", ": ", " ", "-", " (", ") ", "; ")


def tallrik_tekst(rng: random.Random) -> str:
    """Minutes or statistics dense with numbers: 25 tokens, half of them numbers of one to
    five digits (with leading zeros), with punctuation between (no identifier meant)."""
    ut = []
    for _ in range(25):
        if rng.random() < 0.5:
            ut.append(str(rng.randrange(10 ** rng.randrange(1, 6))).zfill(rng.randrange(1, 6)))
        else:
            ut.append(rng.choice(TALLORD))
        ut.append(rng.choice(TALLSKILLER))
    return "".join(ut)
