"""Deadlines of avvik from the ladder's data, in working days or in days that end on a working
day (Norwegian public holidays from avtaler.helligdager)."""

import datetime

from django.utils import timezone

from avtaler.helligdager import dager_etter, virkedager_etter
from avvik.models import Eskaleringstrinn


def fristdato(antall: int, enhet: str, fra: datetime.date) -> datetime.date:
    if enhet == Eskaleringstrinn.Fristenhet.VIRKEDAGER:
        return virkedager_etter(fra, antall)
    return dager_etter(fra, antall)


def frist(antall: int | None, enhet: str, fra: datetime.datetime | None = None):
    """The end of the last day of the deadline (Europe/Oslo), or None if the step has none."""
    if antall is None:
        return None
    dato = fristdato(antall, enhet, timezone.localtime(fra or timezone.now()).date())
    return timezone.make_aware(datetime.datetime.combine(dato, datetime.time(23, 59, 59)))
