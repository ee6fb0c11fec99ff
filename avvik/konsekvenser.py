"""Consequences of breach an agreement may specify (the report's model clause): a fine per
day or hour. The amount for an avvik's period is information, not an invoice."""

import datetime
import math
import re
from dataclasses import dataclass

_SATS = re.compile(
    r"kr\.?\s*(\d{1,3}(?:[ .\u00a0]\d{3})*|\d+)(?:,-)?\s*(?:per|pr\.?)\s*(døgn|dag|time)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Konsekvens:
    sats: int
    enhet: str  # «døgn» or «time»
    antall: int
    belop: int


def beregn(tekst: str, fra: datetime.datetime, til: datetime.datetime) -> Konsekvens | None:
    """The fine the clause states, for the period from the event until closing (or now)."""
    treff = _SATS.search(tekst or "")
    if treff is None or til <= fra:
        return None
    sats = int(re.sub(r"\D", "", treff.group(1)))
    enhet = "time" if treff.group(2).lower() == "time" else "døgn"
    sekunder = (til - fra).total_seconds()
    antall = max(1, math.ceil(sekunder / (3600 if enhet == "time" else 86400)))
    return Konsekvens(sats, enhet, antall, sats * antall)
