"""Views of agreements: reading (public), and revising (the parties' coordinators)."""

from avtaler.views.lesing import (
    avtale,
    avtaleliste,
    endringer,
    importer,
    kommune,
    versjon,
    versjoner,
)
from avtaler.views.redigering import (
    forhandsvis,
    kommentar_los,
    kommentar_ny,
    punkt,
    punkt_flytt,
    punkt_ny,
    punkt_slett,
    punkter_nummerer,
    rediger,
    revider,
    send_til_godkjenning,
    signaturer,
)

__all__ = [
    "avtale",
    "avtaleliste",
    "endringer",
    "forhandsvis",
    "importer",
    "kommentar_los",
    "kommentar_ny",
    "kommune",
    "punkt",
    "punkt_flytt",
    "punkt_ny",
    "punkt_slett",
    "punkter_nummerer",
    "rediger",
    "revider",
    "send_til_godkjenning",
    "signaturer",
    "versjon",
    "versjoner",
]
