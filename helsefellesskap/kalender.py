"""iCalendar feeds of meetings, so members can subscribe in their calendar, and the single
meeting's invitation sent with its notices (issue 28)."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from helsefellesskap.models import Mote, Utvalg
from kjerne.inndata import dato_innenfor

MOTELENGDE = datetime.timedelta(hours=3)


def _kalender(navn: str, metode: str = "") -> Calendar:
    kalender = Calendar()
    kalender.add("prodid", "-//Samhandlingsavtaler//Møter//NO")
    kalender.add("version", "2.0")
    if metode:
        kalender.add("method", metode)
    kalender.add("x-wr-calname", navn)
    kalender.add("x-wr-timezone", settings.TIME_ZONE)
    return kalender


def _hendelse(mote: Mote, utvalg: Utvalg) -> Event:
    hendelse = Event()
    # The same uid in the feed and the invitation: a calendar moves or cancels the one event.
    hendelse.add("uid", f"mote-{mote.pk}@samhandlingsavtaler")
    hendelse.add("summary", f"{utvalg.kortnavn}: møte")
    # In UTC (…Z): an aware Europe/Oslo time would be written with TZID, which needs a
    # VTIMEZONE component (RFC 5545 3.2.19) that is not there. DTSTAMP is when this was made.
    start = mote.start.astimezone(datetime.UTC)
    hendelse.add("dtstart", start)
    hendelse.add("dtend", start + MOTELENGDE)
    hendelse.add("dtstamp", datetime.datetime.now(datetime.UTC).replace(microsecond=0))
    hendelse.add("location", mote.sted)
    if mote.status == Mote.Status.AVLYST:
        hendelse.add("status", "CANCELLED")
    return hendelse


def moter_som_ical(utvalg: Utvalg, moter) -> bytes:
    kalender = _kalender(f"{utvalg.navn} ({utvalg.helsefellesskap.navn})")
    for mote in moter:
        if not dato_innenfor(mote.start):
            continue  # a typing error stored before the bounds: no calendar can hold it
        kalender.add_component(_hendelse(mote, utvalg))
    return kalender.to_ical()


def mote_som_ical(mote: Mote) -> str:
    """One meeting as an invitation (or its cancellation), for an e-mail attachment. Each
    change carries a higher sequence number, so calendars take the newest."""
    utvalg = mote.utvalg
    avlyst = mote.status == Mote.Status.AVLYST
    kalender = _kalender(utvalg.navn, "CANCEL" if avlyst else "PUBLISH")
    hendelse = _hendelse(mote, utvalg)
    hendelse.add("sequence", mote.history.count() if hasattr(mote, "history") else 0)
    kalender.add_component(hendelse)
    return kalender.to_ical().decode()
