"""Every write to avvik: registration (screened for patient identifiers), the dialogue with its
deadlines, escalation along the ladder. Each one transaction, each a step in the thread."""

from avvik.services.betaling import betalingsforlop_lagre
from avvik.services.eskalering import (
    avvik_eskaler,
    avvik_folger_saken,
    avvik_nemndas_uttalelse,
    avvik_sak_gjenapnet,
    avvik_utfall,
    kan_tas_videre,
    neste_trinn,
)
from avvik.services.flyt import (
    IKKE_TREKKES,
    avvik_avvis,
    avvik_godta,
    avvik_kommenter,
    avvik_lukk_etter_frist,
    avvik_motta,
    avvik_svar,
    avvik_trekk,
    svaret_regnes_som_godtatt,
)
from avvik.services.registrering import (
    avvik_registrer,
    utskrivningssjekk,
)

__all__ = [
    "IKKE_TREKKES",
    "avvik_avvis",
    "avvik_eskaler",
    "avvik_folger_saken",
    "avvik_godta",
    "avvik_kommenter",
    "avvik_lukk_etter_frist",
    "avvik_motta",
    "avvik_nemndas_uttalelse",
    "avvik_registrer",
    "avvik_sak_gjenapnet",
    "avvik_svar",
    "avvik_trekk",
    "avvik_utfall",
    "betalingsforlop_lagre",
    "kan_tas_videre",
    "neste_trinn",
    "svaret_regnes_som_godtatt",
    "utskrivningssjekk",
]
