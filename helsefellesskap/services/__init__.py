"""Every write in this app that does more than save one form, each in one transaction."""

from helsefellesskap.services.medlemskap import medlemskap_fjern, medlemskap_gi
from helsefellesskap.services.moter import (
    anbefaling_registrer,
    mote_opprett,
    oppmote_registrer,
    referat_bekreft,
    referat_godkjenn,
    referat_lagre,
    representerte_sider,
    sak_opprett,
    sak_send_videre,
    sak_sett_pa_sakliste,
    saksdokument_legg_til,
    sider_blant,
    vedtak_registrer,
)
from helsefellesskap.services.utvalg import (
    STANDARDKRAV,
    STANDARDREGLER,
    sammensetning_mangler,
    utvalg_opprett,
)

__all__ = [
    "STANDARDKRAV",
    "STANDARDREGLER",
    "anbefaling_registrer",
    "medlemskap_fjern",
    "medlemskap_gi",
    "mote_opprett",
    "oppmote_registrer",
    "referat_bekreft",
    "referat_godkjenn",
    "referat_lagre",
    "representerte_sider",
    "sak_opprett",
    "sak_send_videre",
    "sak_sett_pa_sakliste",
    "saksdokument_legg_til",
    "sammensetning_mangler",
    "sider_blant",
    "utvalg_opprett",
    "vedtak_registrer",
]
