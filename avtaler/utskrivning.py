"""The discharge routine in force for a municipality (DOMAIN.md § 5): the agreement the
coordinator has marked as the discharge routine (Avtale.er_utskrivningsrutine), in the version
the municipality's own agreement is on, with its hours as data (Utskrivningstider). Nothing is
guessed from other agreements' text: a særavtale that mentions weekday hours changes nothing."""

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache

from avtaler.utskrivningstider import Dagvindu, dagvindu


@dataclass
class Utskrivningsrutine:
    """The discharge routine in force for a municipality: the version, its hours (None if the
    version has none entered), the clause that states them, and the clauses a clinician looks
    for first."""

    versjon: object
    tider: object | None
    tidspunkt: object | None
    nokkelpunkter: list[tuple[str, object]]
    punkter: list = field(default_factory=list)
    # The health trusts party to the routine, by name: it binds these, not every trust.
    helseforetak: list = field(default_factory=list)

    def dagvindu(self, dato: datetime.date) -> Dagvindu | None:
        return dagvindu(self.tider, dato) if self.tider else None

    def dager(self, fra: datetime.date, antall: int) -> list[Dagvindu]:
        if not self.tider:
            return []
        return [dagvindu(self.tider, fra + datetime.timedelta(days=i)) for i in range(antall)]

    def tillatt_na(self, tidspunkt: datetime.datetime) -> bool | None:
        """Whether discharge is allowed at the (local) time; None without hours."""
        if not self.tider:
            return None
        return dagvindu(self.tider, tidspunkt.date()).tillatt(tidspunkt.time())


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


def _versjoner(kommune, dato: datetime.date, helseforetak=None):
    from avtaler.models import Avtaleversjon

    versjoner = (
        Avtaleversjon.objects.gjeldende(dato, kommune)
        .filter(avtale__er_utskrivningsrutine=True)
        .select_related("avtale")
        .prefetch_related("parter")
        .order_by("-gyldig_fra", "-nummer")
    )
    if helseforetak is not None:
        versjoner = versjoner.filter(parter=helseforetak)
    return versjoner


def utskrivningsrutine(
    kommune, dato: datetime.date, helseforetak=None
) -> Utskrivningsrutine | None:
    """The designated discharge routine in force for the municipality on the date, or None.
    With a health trust: only a routine the trust is a party to (a routine agreed with one trust
    does not bind another trust in the same helsefellesskap)."""
    from avtaler.models import Utskrivningstider

    versjon = _versjoner(kommune, dato, helseforetak).first()
    if versjon is None:
        return None
    tider = Utskrivningstider.objects.filter(versjon=versjon).first()
    punkter = list(versjon.punkter.order_by("rekkefolge"))
    punkt = next((p for p in punkter if tider and p.punkt_id == tider.punkt_id), None)
    tekster = [(p, f"{p.overskrift} {p.tekst}".lower()) for p in punkter if p is not punkt]
    nokkel = []
    for navn, ord_ in NOKKELPUNKTER:
        funnet = next((p for p, tekst in tekster if any(o in tekst for o in ord_)), None)
        if funnet:
            nokkel.append((navn, funnet))
    # In the clauses' order, so the links to them read «Punkt 2», «Punkt 3» … down the page.
    nokkel.sort(key=lambda par: punkter.index(par[1]))
    helseforetak_ = [p for p in versjon.parter.all() if p.type == "helseforetak"]
    return Utskrivningsrutine(versjon, tider, punkt, nokkel, punkter, helseforetak_)


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
