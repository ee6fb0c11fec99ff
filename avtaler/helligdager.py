"""Norwegian public holidays (helligdager) from the maintained `holidays` package, and
working days (virkedager): for the discharge-hours check and for the deadlines of avvik."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _helligdager(ar: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("NO", years=ar, language="no"))


def helligdager(ar: int) -> frozenset[datetime.date]:
    return frozenset(_helligdager(ar))


def helligdagsnavn(dato: datetime.date) -> str:
    """The holiday's Norwegian name («Langfredag»), or "" on an ordinary day."""
    return _helligdager(dato.year).get(dato, "")


def paskedag(ar: int) -> datetime.date:
    """Easter Sunday (første påskedag)."""
    return next(d for d, navn in _helligdager(ar).items() if navn == "Første påskedag")


def er_helg_eller_helligdag(dato: datetime.date) -> bool:
    return dato.weekday() >= 5 or dato in _helligdager(dato.year)


def er_virkedag(dato: datetime.date) -> bool:
    return not er_helg_eller_helligdag(dato)


def neste_virkedag(dato: datetime.date) -> datetime.date:
    """The date itself if it is a working day, otherwise the first working day after it."""
    while not er_virkedag(dato):
        dato += datetime.timedelta(days=1)
    return dato


def virkedager_etter(dato: datetime.date, antall: int) -> datetime.date:
    """The `antall`-th working day after the date (the date itself does not count)."""
    for _ in range(antall):
        dato = neste_virkedag(dato + datetime.timedelta(days=1))
    return dato


def dager_etter(dato: datetime.date, antall: int) -> datetime.date:
    """`antall` calendar days after the date; a deadline that ends on a weekend or public
    holiday runs to the next working day (as in domstolloven § 149)."""
    return neste_virkedag(dato + datetime.timedelta(days=antall))
