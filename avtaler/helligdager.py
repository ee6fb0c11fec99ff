"""Norwegian public holidays (helligdager), for the discharge-hours check."""

import datetime
from functools import lru_cache


def paskedag(ar: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = ar % 19, ar // 100, ar % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    maned = (h + el - 7 * m + 114) // 31
    dag = (h + el - 7 * m + 114) % 31 + 1
    return datetime.date(ar, maned, dag)


@lru_cache(maxsize=64)
def helligdager(ar: int) -> frozenset[datetime.date]:
    pase = paskedag(ar)
    flyttbare = (-3, -2, 0, 1, 39, 49, 50)  # skjærtorsdag … 2. pinsedag
    faste = ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26))
    return frozenset(
        [pase + datetime.timedelta(days=d) for d in flyttbare]
        + [datetime.date(ar, m, d) for m, d in faste]
    )


def er_helg_eller_helligdag(dato: datetime.date) -> bool:
    return dato.weekday() >= 5 or dato in helligdager(dato.year)
