"""Meetings notify the body's members, with an iCalendar invitation a calendar can take:
called, moved, cancelled; a case on the agenda; minutes ready and approved."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from helsefellesskap import services
from tests.factories import UserFactory, lag_medlem, lag_utvalg
from varsler.models import Varsel, Varseltype

pytestmark = pytest.mark.django_db
V = Varseltype


@pytest.fixture
def utvalg(helsefellesskap):
    utvalg = lag_utvalg(helsefellesskap, "ssu", kortnavn="SSU")
    lag_medlem(utvalg, "kommunene", bruker=UserFactory(email="kommune@x.no"))
    lag_medlem(utvalg, "helseforetaket", bruker=UserFactory(email="hf@x.no"))
    lag_medlem(utvalg, "helseforetaket", rolle="sekretaer", bruker=UserFactory(email="sekr@x.no"))
    # A member whose term has ended is not called.
    lag_medlem(
        utvalg,
        "bruker",
        til=datetime.date(2021, 1, 1),
        bruker=UserFactory(email="tidligere@x.no"),
    )
    return utvalg


@pytest.fixture
def sekretaer(utvalg):
    return utvalg.medlemmer.get(rolle="sekretaer").bruker


def _ics(melding) -> Calendar:
    [vedlegg] = list(melding.iter_attachments())
    assert vedlegg.get_filename() == "invitasjon.ics"
    return Calendar.from_ical(vedlegg.get_content())


def test_called_moved_and_cancelled_with_invitations(
    smtp, django_capture_on_commit_callbacks, utvalg, sekretaer
):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        mote = services.mote_opprett(utfort_av=sekretaer, utvalg=utvalg, start=start, sted="Rom 1")
    assert smtp.postkasse.mottakere() == ["hf@x.no", "kommune@x.no"]  # not the secretary
    [hendelse] = _ics(smtp.postkasse.meldinger[0]).walk("VEVENT")
    assert hendelse.decoded("dtstart") == start
    assert str(hendelse["location"]) == "Rom 1"

    ny = start + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.mote_flytt(utfort_av=sekretaer, mote=mote, start=ny, sted="Rom 2")
    flyttet = smtp.postkasse.til("hf@x.no")[1]
    assert "er flyttet til" in flyttet["Subject"]
    [hendelse] = _ics(flyttet).walk("VEVENT")
    assert hendelse.decoded("dtstart") == ny and str(hendelse["location"]) == "Rom 2"
    assert str(hendelse["uid"]) == f"mote-{mote.pk}@samhandlingsavtaler"  # the same event

    with django_capture_on_commit_callbacks(execute=True):
        services.mote_avlys(utfort_av=sekretaer, mote=mote)
    avlyst = smtp.postkasse.til("hf@x.no")[2]
    assert "er avlyst" in avlyst["Subject"]
    kalender = _ics(avlyst)
    assert str(kalender["method"]) == "CANCEL"
    assert str(next(iter(kalender.walk("VEVENT")))["status"]) == "CANCELLED"
    assert len(smtp.postkasse.meldinger) == 6


def test_agenda_and_minutes_reach_the_members_once(utvalg, sekretaer):
    start = timezone.now() + datetime.timedelta(days=2)
    mote = services.mote_opprett(utfort_av=sekretaer, utvalg=utvalg, start=start, sted="Rom 1")
    sak = services.sak_opprett(utfort_av=sekretaer, utvalg=utvalg, tittel="Ny delavtale")
    services.sak_sett_pa_sakliste(utfort_av=sekretaer, mote=mote, sak=sak)
    services.sak_sett_pa_sakliste(utfort_av=sekretaer, mote=mote, sak=sak)
    assert Varsel.objects.filter(type=V.SAK_PA_SAKLISTE).count() == 2
    with time_machine.travel(start + datetime.timedelta(hours=3)):
        services.referat_lagre(utfort_av=sekretaer, mote=mote, tekst="Referat.")
        services.referat_lagre(utfort_av=sekretaer, mote=mote, tekst="Referat, rettet.")
        services.referat_godkjenn(utfort_av=sekretaer, mote=mote)
    klart = Varsel.objects.filter(type=V.REFERAT_KLART)
    assert sorted(klart.values_list("mottaker__email", flat=True)) == ["hf@x.no", "kommune@x.no"]
    assert Varsel.objects.filter(type=V.REFERAT_GODKJENT).count() == 2
