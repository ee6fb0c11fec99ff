"""Views of the Helsefellesskap app, by topic."""

from helsefellesskap.views.erklaeringer import erklaering, erklaering_rediger
from helsefellesskap.views.organisasjoner import (
    forside,
    kommune_forslag,
    kommune_velg,
    medlemskap_fjern,
    min_side,
    organisasjon_medlemmer,
)
from helsefellesskap.views.utvalg import (
    mote,
    mote_bekreft,
    mote_ny,
    mote_oppmote,
    mote_referat,
    mote_referat_pdf,
    mote_sak,
    mote_vedtak,
    sak,
    sak_dokument,
    sak_dokument_ny,
    sak_send_videre,
    utvalg,
    utvalg_kalender,
    utvalgsliste,
)

__all__ = [
    "erklaering",
    "erklaering_rediger",
    "forside",
    "kommune_forslag",
    "kommune_velg",
    "medlemskap_fjern",
    "min_side",
    "mote",
    "mote_bekreft",
    "mote_ny",
    "mote_oppmote",
    "mote_referat",
    "mote_referat_pdf",
    "mote_sak",
    "mote_vedtak",
    "organisasjon_medlemmer",
    "sak",
    "sak_dokument",
    "sak_dokument_ny",
    "sak_send_videre",
    "utvalg",
    "utvalg_kalender",
    "utvalgsliste",
]
