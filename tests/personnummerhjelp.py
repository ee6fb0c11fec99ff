"""Valid patient identifiers in every way a person writes them, for the screening tests.

Deterministic (a seeded random), so a failure can be repeated. Kinds: fødselsnummer, D-nummer
(day + 40), H-nummer (month + 40), numbers valid only under the 2032 rule (first check digit
with remainder 1–3) and FH-nummer (8 or 9, no date). Ways of writing: in one run; grouped
6+5, 2+2+2+5, 4+2+5 or 6+3+2 with spaces, NBSP, thin spaces, tabs, newlines, hyphens, dashes,
dots and slashes; in full-width digits; with a zero-width space.
"""

import datetime
import random

V1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
V2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
TYPER = ("fnr", "dnr", "hnr", "2032", "fh")
SKILLER = (
    *(" ", "\u00a0", "\u202f", "\u2009", "-", "\u2013", ".", "/"),
    *("\t", "\n", " - ", ". ", "\r\n"),
)
GRUPPERINGER = ((11,), (6, 5), (2, 2, 2, 5), (4, 2, 5), (6, 3, 2), (2, 2, 2, 3, 2))


def _sum(sifre: str, vekter) -> int:
    return sum(int(s) * v for s, v in zip(sifre, vekter, strict=True))


def _k2(ti: str) -> str | None:
    k2 = (11 - _sum(ti, V2) % 11) % 11
    return None if k2 == 10 else str(k2)


def lag(rng: random.Random, type_: str) -> str:
    """One valid number of the kind."""
    while True:
        if type_ == "fh":
            grunn = rng.choice("89") + "".join(rng.choice("0123456789") for _ in range(8))
        else:
            dato = datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(140 * 365))
            dag = dato.day + (40 if type_ == "dnr" else 0)
            maned = dato.month + (40 if type_ == "hnr" else 0)
            grunn = f"{dag:02d}{maned:02d}{dato.year % 100:02d}{rng.randrange(1000):03d}"
        if type_ == "2032":
            # A first check digit that leaves remainder 1, 2 or 3: valid only from 2032.
            rest = rng.choice((1, 2, 3))
            kandidater = [k for k in range(10) if (_sum(grunn, V1) + k) % 11 == rest]
            if not kandidater:
                continue
            k1 = str(kandidater[0])
        else:
            k1_tall = (11 - _sum(grunn, V1) % 11) % 11
            if k1_tall == 10:
                continue
            k1 = str(k1_tall)
        k2 = _k2(grunn + k1)
        if k2 is None:
            continue
        return grunn + k1 + k2


def skriv(rng: random.Random, nummer: str) -> str:
    """The number as a person might type or paste it."""
    grupper, i = [], 0
    for lengde in rng.choice(GRUPPERINGER):
        grupper.append(nummer[i : i + lengde])
        i += lengde
    skille = rng.choice(SKILLER)
    tekst = skille.join(grupper)
    variant = rng.randrange(6)
    if variant == 0:  # full-width digits
        tekst = "".join(chr(ord(t) + 0xFEE0) if t.isdigit() else t for t in tekst)
    elif variant == 1:  # a zero-width space hidden in it
        plass = rng.randrange(1, len(tekst))
        tekst = tekst[:plass] + "\u200b" + tekst[plass:]
    return tekst


def tilfeldig(frø: int) -> random.Random:
    return random.Random(frø)  # noqa: S311 -- test data, not secrets


def eksempler(antall: int, frø: int = 15) -> list[tuple[str, str, str]]:
    """(kind, digits, as written) for `antall` numbers spread over every kind."""
    rng = tilfeldig(frø)
    ut = []
    for n in range(antall):
        type_ = TYPER[n % len(TYPER)]
        nummer = lag(rng, type_)
        ut.append((type_, nummer, skriv(rng, nummer)))
    return ut


def i_tekst(skrevet: str) -> str:
    return f"Pasienten {skrevet} ble skrevet ut kl. 22.10 uten epikrise."


def _orgnr(rng: random.Random) -> str:
    while True:
        grunn = str(rng.randrange(80000000, 100000000))
        k = (11 - _sum(grunn, (3, 2, 7, 6, 5, 4, 3, 2)) % 11) % 11
        if k != 10:
            return grunn + str(k)


def vanlige_tall(rng: random.Random) -> dict[str, str]:
    """One ordinary text of each kind that holds eleven digits and no identifier."""
    ar = rng.randrange(2000, 2027)
    lop = rng.randrange(1, 100000)
    dok = rng.randrange(10, 100)
    mobil = rng.choice("49") + "".join(rng.choice("0123456789") for _ in range(7))
    fast = rng.choice("23567") + "".join(rng.choice("0123456789") for _ in range(7))
    tlf = rng.choice((mobil, fast))
    ekst = f"{rng.randrange(100, 1000)}"
    orgnr = _orgnr(rng)
    return {
        "saksnummer": rng.choice(
            (
                f"Sak {ar}/{lop:05d}-{dok}",
                f"saksnr. {ar}/{lop:05d}-{dok}",
                f"({ar}/{lop:05d}-{dok})",
            )
        ),
        "telefon med linje": rng.choice(
            (
                f"tlf. {tlf}-{ekst}",
                f"tlf. {tlf[:3]} {tlf[3:5]} {tlf[5:]}-{ekst}",
                f"tlf. {tlf[:2]} {tlf[2:4]} {tlf[4:6]} {tlf[6:]} / {ekst}",
                f"telefon {tlf} linje {ekst}",
                f"+47 {tlf[:3]} {tlf[3:5]} {tlf[5:]} - {ekst}",
            )
        ),
        "organisasjonsnummer": rng.choice(
            (
                f"org.nr. {orgnr[:3]} {orgnr[3:6]} {orgnr[6:]} avd. {dok}",
                f"orgnr {orgnr}-{dok}",
                f"NO {orgnr} MVA, konto {dok}",
            )
        ),
    }
