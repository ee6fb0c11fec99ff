"""iCalendar feeds of meetings, so members can subscribe in their calendar."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from helsefellesskap.models import Mote, Utvalg
from kjerne.inndata import dato_innenfor

MOTELENGDE = datetime.timedelta(hours=3)


def moter_som_ical(utvalg: Utvalg, moter) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", "-//Samhandlingsavtaler//Møter//NO")
    kalender.add("version", "2.0")
    kalender.add("x-wr-calname", f"{utvalg.navn} ({utvalg.helsefellesskap.navn})")
    kalender.add("x-wr-timezone", settings.TIME_ZONE)
    for mote in moter:
        if not dato_innenfor(mote.start):
            continue  # a typing error stored before the bounds: no calendar can hold it
        hendelse = Event()
        hendelse.add("uid", f"mote-{mote.pk}@samhandlingsavtaler")
        hendelse.add("summary", f"{utvalg.kortnavn}: møte")
        hendelse.add("dtstart", mote.start)
        hendelse.add("dtend", mote.start + MOTELENGDE)
        hendelse.add("dtstamp", mote.start)
        hendelse.add("location", mote.sted)
        if mote.status == Mote.Status.AVLYST:
            hendelse.add("status", "CANCELLED")
        kalender.add_component(hendelse)
    return kalender.to_ical()
