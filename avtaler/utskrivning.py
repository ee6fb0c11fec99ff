"""Key facts of a discharge routine read from its text: the hours within which discharge may
happen on weekdays and on weekends/public holidays (DOMAIN.md §5)."""

import datetime
import re
from dataclasses import dataclass

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
