"""Consequences of breach an agreement may specify (the evaluation report's model clause,
6.2.2: «Bøter tilsvarende kr X per dag/time» and compensation of the other party's costs).

Only what a clause defines in structured form (Misligholdsbestemmelse: which party's breach,
rate and unit) is computed, and only for the period of the breach itself – from the event to
when the breach ended, as the reporter recorded it – never for the time the handling took.
Otherwise the clause text is shown instead of a number. The amount is information, not an
invoice."""

import math
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from avvik.models import Avvik, Misligholdsbestemmelse

SEKUNDER = {Misligholdsbestemmelse.Enhet.DOGN: 86400, Misligholdsbestemmelse.Enhet.TIME: 3600}
FLERTALL = {
    Misligholdsbestemmelse.Enhet.DOGN: gettext_lazy("døgn"),
    Misligholdsbestemmelse.Enhet.TIME: gettext_lazy("timer"),
}


@dataclass(frozen=True)
class Konsekvens:
    bestemmelse: Misligholdsbestemmelse
    belop: int | None = None  # None: no number, the clause text is shown
    formel: str = ""
    hvorfor_ikke: str = ""


def _kr(belop: int) -> str:
    return "kr " + number_format(belop, force_grouping=True)


def _tid(tidspunkt) -> str:
    return timezone.localtime(tidspunkt).strftime("%d.%m.%Y %H:%M")


def beregn(bestemmelse: Misligholdsbestemmelse, avvik: Avvik) -> Konsekvens:
    """The consequence of one clause for the avvik: the amount with its formula, or why not."""
    B = Misligholdsbestemmelse
    if bestemmelse.art == B.Art.ERSTATNING:
        return Konsekvens(
            bestemmelse,
            hvorfor_ikke=_("Erstatningen settes etter de faktiske kostnadene; se punktets tekst."),
        )
    if avvik.brudd_slutt is None:
        return Konsekvens(
            bestemmelse,
            hvorfor_ikke=_(
                "Boten regnes for tiden bruddet varte, og avviket sier ikke når bruddet opphørte."
            ),
        )
    varighet = (avvik.brudd_slutt - avvik.hendelse).total_seconds()
    antall = max(1, math.ceil(varighet / SEKUNDER[bestemmelse.enhet]))
    belop = bestemmelse.sats * antall
    enhet = bestemmelse.get_enhet_display()
    formel = _(
        "%(sats)s per %(enhet)s × %(antall)s påbegynte %(flertall)s "
        "(bruddet varte fra %(fra)s til %(til)s) = %(belop)s"
    ) % {
        "sats": _kr(bestemmelse.sats),
        "enhet": enhet,
        "flertall": FLERTALL[bestemmelse.enhet],
        "antall": antall,
        "fra": _tid(avvik.hendelse),
        "til": _tid(avvik.brudd_slutt),
        "belop": _kr(belop),
    }
    return Konsekvens(bestemmelse, belop=belop, formel=formel)


def konsekvenser(avvik: Avvik) -> list[Konsekvens]:
    """What the breached clause states for a breach by the responsible party."""
    if avvik.punkt is None:
        return []
    return [
        beregn(bestemmelse, avvik)
        for bestemmelse in avvik.punkt.misligholdsbestemmelser.all()
        # A sanction on the other party (the municipality's day rate, say) is not this one's.
        if bestemmelse.part_i_brudd == avvik.ansvarlig.type
    ]
