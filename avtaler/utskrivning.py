"""Key facts of a discharge routine read from its text: the hours within which discharge may
happen on weekdays and on weekends/public holidays (DOMAIN.md §5)."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.cache import cache

_KLOKKE = r"(\d{1,2})[:.](\d{2})"
_HVERDAG = re.compile(
    rf"hverdag\w*\s+(?:mellom\s+)?(?:kl\.?\s*)?{_KLOKKE}\s*(?:og|–|-|til)\s*(?:kl\.?\s*)?{_KLOKKE}",
    re.IGNORECASE,
)
_HELG = re.compile(
    rf"helg\w*[^.]*?(?:mellom\s+)?(?:kl\.?\s*)?{_KLOKKE}\s*(?:og|–|-|til)\s*(?:kl\.?\s*)?{_KLOKKE}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Utskrivningstider:
    hverdag: tuple[datetime.time, datetime.time]
    helg: tuple[datetime.time, datetime.time] | None

    def tillatt(self, tidspunkt: datetime.datetime, helg_eller_helligdag: bool) -> bool:
        vindu = self.helg if helg_eller_helligdag and self.helg else self.hverdag
        return vindu[0] <= tidspunkt.time() <= vindu[1]


def _vindu(treff) -> tuple[datetime.time, datetime.time]:
    t1, m1, t2, m2 = (int(x) for x in treff.groups())
    return datetime.time(t1, m1), datetime.time(t2, m2)


def les_utskrivningstider(tekst: str) -> Utskrivningstider | None:
    """The hours stated in a routine's text, or None if it states none."""
    hverdag = _HVERDAG.search(tekst or "")
    if hverdag is None:
        return None
    helg = _HELG.search(tekst[hverdag.end() :]) or _HELG.search(tekst)
    return Utskrivningstider(_vindu(hverdag), _vindu(helg) if helg else None)


@dataclass
class Utskrivningsrutine:
    """The discharge routine in force for a municipality: the version, the clause that
    states the hours, and the clauses a clinician looks for first."""

    versjon: object
    tidspunkt: object
    tider: Utskrivningstider
    nokkelpunkter: list[tuple[str, object]]
    punkter: list = field(default_factory=list)

    def tillatt_na(self, tidspunkt: datetime.datetime) -> bool:
        from avtaler.helligdager import er_helg_eller_helligdag

        return self.tider.tillatt(tidspunkt, er_helg_eller_helligdag(tidspunkt.date()))

    def vindu(self, dato: datetime.date) -> tuple[datetime.time, datetime.time]:
        from avtaler.helligdager import er_helg_eller_helligdag

        return (
            self.tider.helg
            if er_helg_eller_helligdag(dato) and self.tider.helg
            else self.tider.hverdag
        )


# What a clinician looks for, and the words that find it in a routine's clauses.
NOKKELPUNKTER = [
    ("Dokumenter som skal følge pasienten", ("epikrise", "legemiddelliste", "medisinliste")),
    (
        "Varsel om utskrivningsklar pasient",
        ("varsel", "melding om utskrivningsklar", "meldt utskrivningsklar"),
    ),
    ("Hvem avgjør kommunens tilbud", ("avgjør", "avgjer")),
    ("Kontakt", ("kontakt", "tildelingskontor", "telefon")),
]


def utskrivningsrutine(kommune, dato: datetime.date) -> Utskrivningsrutine | None:
    """The routine (or agreement) in force for the municipality on the date that states the
    discharge hours; routines come before the agreements they belong to."""
    from django.db.models import Q

    from avtaler.models import Avtaleversjon, Punktversjon

    # Only clauses that say "hverdag…" can state the hours (see _HVERDAG): one query finds them
    # in the versions in force, routines first, instead of reading every clause of every
    # agreement of the municipality. LIKE, not ILIKE: half the time on PostgreSQL, and the word
    # is written one of two ways.
    kandidater = (
        Punktversjon.objects.filter(
            Q(tekst__contains="hverdag") | Q(tekst__contains="Hverdag"),
            versjon__in=Avtaleversjon.objects.gjeldende(dato, kommune),
        )
        .select_related("versjon__avtale")
        .order_by("-versjon__avtale__type", "-versjon__gyldig_fra", "rekkefolge")
    )
    for kandidat in kandidater:
        tider = les_utskrivningstider(kandidat.tekst)
        if tider is not None:
            versjon = kandidat.versjon
            punkter = list(versjon.punkter.order_by("rekkefolge"))
            punkt = next(p for p in punkter if p.pk == kandidat.pk)
            tekster = [(p, f"{p.overskrift} {p.tekst}".lower()) for p in punkter if p is not punkt]
            nokkel = []
            for navn, ord_ in NOKKELPUNKTER:
                funnet = next((p for p, tekst in tekster if any(o in tekst for o in ord_)), None)
                if funnet:
                    nokkel.append((navn, funnet))
            return Utskrivningsrutine(versjon, punkt, tider, nokkel, punkter)
    return None


GENERASJON = "avtaler:generasjon"


def generasjon() -> int:
    """The generation of the agreements, for caches of what is read from them."""
    return cache.get_or_set(GENERASJON, 0, None)


def ny_generasjon(**kwargs) -> None:
    """A version, clause or party saved or deleted: what was cached from them is old."""
    try:
        cache.incr(GENERASJON)
    except ValueError:
        cache.set(GENERASJON, 1, None)
