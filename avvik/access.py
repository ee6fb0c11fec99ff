"""Who sees and handles an avvik: only the reporting and the responsible organisation."""

from avvik.models import Avvik
from helsefellesskap import access
from helsefellesskap.access import Rolle

KOORDINERENDE = (Rolle.SAMHANDLINGSKOORDINATOR, Rolle.ADMINISTRATOR)


def kan_se(user, avvik: Avvik) -> bool:
    if access.er_systemforvalter(user):
        return True
    egne = access.organisasjoner_med_rolle(user)
    return avvik.meldt_av_organisasjon_id in egne or avvik.ansvarlig_id in egne


def kan_behandle(user, avvik: Avvik) -> bool:
    """The responsible organisation's coordinators receive, answer and close."""
    return access.er_systemforvalter(user) or avvik.ansvarlig_id in access.organisasjoner_med_rolle(
        user, *KOORDINERENDE
    )


def kan_eskalere(user, avvik: Avvik) -> bool:
    """Either party's coordinators may take the next step of the ladder."""
    if access.er_systemforvalter(user):
        return True
    egne = access.organisasjoner_med_rolle(user, *KOORDINERENDE)
    return avvik.meldt_av_organisasjon_id in egne or avvik.ansvarlig_id in egne


def egne_organisasjoner(user) -> frozenset[int]:
    return access.organisasjoner_med_rolle(user)
