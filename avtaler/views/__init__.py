"""Views of agreements: reading (public), and revising (the parties' coordinators)."""

from avtaler.views.dekning import kommune_dekning, punkt_temaer, versjon_temaer
from avtaler.views.importering import importer
from avtaler.views.lesing import (
    avtale,
    avtaleliste,
    endringer,
    kommune,
    versjon,
    versjoner,
)
from avtaler.views.parter import parter
from avtaler.views.pdf import kommune_pakke, pdf, pdf_prov_pa_nytt, pdf_status
from avtaler.views.redigering import (
    gjennomgang,
    kommentar_los,
    kommentar_ny,
    lesebekreftelse,
    oversikt,
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
from avtaler.views.sok import sok
from avtaler.views.sprak import (
    ansvar,
    ansvar_plasser,
    forhandsvis,
    kommune_ansvar,
    sprakoversikt,
)
from avtaler.views.utskrivning import utskrivning
from avtaler.views.utskrivningstider import utskrivningsrutine_utpek, utskrivningstider

__all__ = [
    "ansvar",
    "ansvar_plasser",
    "avtale",
    "avtaleliste",
    "endringer",
    "forhandsvis",
    "gjennomgang",
    "importer",
    "kommentar_los",
    "kommentar_ny",
    "kommune",
    "kommune_ansvar",
    "kommune_dekning",
    "kommune_pakke",
    "lesebekreftelse",
    "oversikt",
    "parter",
    "pdf",
    "pdf_prov_pa_nytt",
    "pdf_status",
    "punkt",
    "punkt_flytt",
    "punkt_ny",
    "punkt_slett",
    "punkt_temaer",
    "punkter_nummerer",
    "rediger",
    "revider",
    "send_til_godkjenning",
    "signaturer",
    "sok",
    "sprakoversikt",
    "utskrivning",
    "utskrivningsrutine_utpek",
    "utskrivningstider",
    "versjon",
    "versjon_temaer",
    "versjoner",
]
