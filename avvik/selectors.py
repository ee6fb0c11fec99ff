"""Avvik counts that anyone may read: the agreement page (avvik.views.punkttall) and the open
data API (apnedata.offentlig.avviksstatistikk) both take them from here, by one rule.

The window is rolling (the last 12 months), so an exact small count per clause would let a
reader who knows of one case tell whose it is, and by comparing two days, when the next came.
As in the yearly report (avvik.arsrapport), a count from 1 to MINSTE_CELLE − 1 is not given:
it is None, with under_minste_celle set. The total is given exactly only when it is 0 or at
least MINSTE_CELLE."""

import datetime

from django.db.models import Count
from django.utils import timezone

from avvik.arsrapport import MINSTE_CELLE
from avvik.models import Avvik


def _skjult(n: int) -> bool:
    return 0 < n < MINSTE_CELLE


def avvik_per_punkt_siste_ar(avtale_pk: int) -> dict:
    """{fra, til, antall, under_minste_celle, per_punkt: [{punkt, antall, under_minste_celle}]}
    for the agreement's clauses, counted across versions by the clause's identity (punkt_id);
    antall is None where it is below MINSTE_CELLE."""
    na = timezone.now()
    siden = na - datetime.timedelta(days=365)
    tall = dict(
        Avvik.objects.filter(punkt__versjon__avtale=avtale_pk, hendelse__gte=siden)
        .values("punkt__punkt_id")
        .annotate(n=Count("id"))
        .values_list("punkt__punkt_id", "n")
    )
    total = sum(tall.values())
    return {
        "fra": timezone.localtime(siden).date(),
        "til": timezone.localtime(na).date(),
        "antall": None if _skjult(total) else total,
        "under_minste_celle": _skjult(total),
        "per_punkt": [
            {"punkt": p, "antall": None if _skjult(n) else n, "under_minste_celle": _skjult(n)}
            for p, n in sorted(tall.items())
        ],
    }
