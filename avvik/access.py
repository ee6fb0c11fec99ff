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
    """The responsible organisation's coordinators receive and answer. A system administrator
    may act for them only as a neutral hand: one who belongs to the reporting organisation (or
    reported the avvik) is the reporter here and cannot answer its own report."""
    if avvik.ansvarlig_id in access.organisasjoner_med_rolle(user, *KOORDINERENDE):
        return True
    return (
        access.er_systemforvalter(user)
        and avvik.meldt_av_id != user.pk
        and avvik.meldt_av_organisasjon_id not in access.organisasjoner_med_rolle(user)
    )


def kan_ta_stilling(user, avvik: Avvik) -> bool:
    """The reporter – the person who reported, or the reporting organisation's coordinators –
    accepts or rejects the answer; the responsible party cannot close the matter itself. A
    system administrator who is also one of the responsible organisation's people is that
    party here, not a neutral hand: the demo's HF administrator could otherwise accept the
    HF's own answer and close the avvik."""
    if avvik.meldt_av_id is not None and avvik.meldt_av_id == user.pk:
        return True
    if avvik.meldt_av_organisasjon_id in access.organisasjoner_med_rolle(user, *KOORDINERENDE):
        return True
    return access.er_systemforvalter(user) and (
        avvik.ansvarlig_id not in access.organisasjoner_med_rolle(user)
    )


def kan_eskalere(user, avvik: Avvik) -> bool:
    """Either party's coordinators may take the next step of the ladder."""
    if access.er_systemforvalter(user):
        return True
    egne = access.organisasjoner_med_rolle(user, *KOORDINERENDE)
    return avvik.meldt_av_organisasjon_id in egne or avvik.ansvarlig_id in egne


def egne_organisasjoner(user) -> frozenset[int]:
    return access.organisasjoner_med_rolle(user)


def part_for(user, avvik: Avvik):
    """The one of the two organisations the user acts for (the reporting one first)."""
    egne = egne_organisasjoner(user)
    if avvik.meldt_av_organisasjon_id in egne:
        return avvik.meldt_av_organisasjon
    if avvik.ansvarlig_id in egne:
        return avvik.ansvarlig
    return None


def kan_se_klokkeslett(user, avvik: Avvik) -> bool:
    """The times of day in a payment course (admission, its notice, the ready notice) are for
    those who handle the avvik: the reporter and the coordinators of the two parties. Everyone
    else who sees the avvik sees the days only: in a small municipality a minute of admission
    beside a unit can point to a person (docs/personvern.md «Betalingsforløp»). Nothing after
    anonymisation."""
    if avvik.anonymisert:
        return False
    if avvik.meldt_av_id is not None and avvik.meldt_av_id == user.pk:
        return True
    egne = access.organisasjoner_med_rolle(user, *KOORDINERENDE)
    return avvik.meldt_av_organisasjon_id in egne or avvik.ansvarlig_id in egne


def kan_registrere_betaling(user, avvik: Avvik) -> bool:
    """The timestamps of a payment course are the parties' own record, entered and corrected by
    those who handle the avvik on either side – the same people who may see the times, since
    the form shows them; a system administrator who belongs to neither only reads."""
    return kan_se_klokkeslett(user, avvik)
