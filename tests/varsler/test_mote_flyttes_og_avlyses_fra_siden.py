"""The secretary moves and cancels a planned meeting from its page: each member gets one notice
through the mail server with the calendar update; nobody else may do it."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from helsefellesskap import services
from helsefellesskap.models import Mote
from tests.factories import UserFactory, lag_medlem, lag_utvalg

pytestmark = pytest.mark.django_db


@pytest.fixture
def utvalg(helsefellesskap):
    utvalg = lag_utvalg(helsefellesskap, "ssu", kortnavn="SSU")
    lag_medlem(utvalg, "kommunene", bruker=UserFactory(email="kommune@x.no"))
    lag_medlem(utvalg, "helseforetaket", bruker=UserFactory(email="hf@x.no"))
    lag_medlem(utvalg, "helseforetaket", rolle="sekretaer", bruker=UserFactory(email="sekr@x.no"))
    return utvalg


@pytest.fixture
def sekretaer(utvalg):
    return utvalg.medlemmer.get(rolle="sekretaer").bruker


@pytest.fixture
def mote(utvalg, sekretaer, smtp, django_capture_on_commit_callbacks):
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        mote = services.mote_opprett(utfort_av=sekretaer, utvalg=utvalg, start=start, sted="Rom 1")
    smtp.postkasse.meldinger.clear()  # the invitations: what follows is the change
    return mote


def _ics(melding) -> Calendar:
    [vedlegg] = list(melding.iter_attachments())
    assert vedlegg.get_filename() == "invitasjon.ics"
    return Calendar.from_ical(vedlegg.get_content())


def _lokal(tid: datetime.datetime) -> str:
    return timezone.localtime(tid).strftime("%Y-%m-%dT%H:%M")


def test_the_secretary_moves_the_meeting_and_each_member_gets_one_invitation(
    client, smtp, django_capture_on_commit_callbacks, mote, sekretaer
):
    client.force_login(sekretaer)
    side = client.get(f"/moter/{mote.pk}/").content.decode()
    assert f'action="/moter/{mote.pk}/flytt/"' in side
    assert f'action="/moter/{mote.pk}/avlys/"' in side
    assert f'value="{_lokal(mote.start)}"' in side  # the form starts from what is planned
    ny = mote.start + datetime.timedelta(days=1, hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(
            f"/moter/{mote.pk}/flytt/", {"flytt-start": _lokal(ny), "flytt-sted": "Rom 2"}
        )
    assert svar.status_code == 302
    mote.refresh_from_db()
    assert (mote.start, mote.sted) == (ny, "Rom 2")
    assert smtp.postkasse.mottakere() == ["hf@x.no", "kommune@x.no"]
    for melding in smtp.postkasse.meldinger:
        assert "er flyttet til" in melding["Subject"]
        [hendelse] = _ics(melding).walk("VEVENT")
        assert hendelse.decoded("dtstart") == ny
        assert str(hendelse["location"]) == "Rom 2"


def test_the_secretary_cancels_with_a_reason_and_each_member_gets_one_cancellation(
    client, smtp, django_capture_on_commit_callbacks, mote, sekretaer
):
    client.force_login(sekretaer)
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(f"/moter/{mote.pk}/avlys/", {"avlys-begrunnelse": "For få saker."})
    assert svar.status_code == 302
    mote.refresh_from_db()
    assert mote.status == Mote.Status.AVLYST
    assert mote.history.first().history_change_reason == "For få saker."
    assert smtp.postkasse.mottakere() == ["hf@x.no", "kommune@x.no"]
    for melding in smtp.postkasse.meldinger:
        assert "er avlyst" in melding["Subject"]
        assert "For få saker." in melding.get_body(("plain",)).get_content()
        kalender = _ics(melding)
        assert str(kalender["method"]) == "CANCEL"
    # A cancelled meeting is neither moved nor cancelled again: no forms, and no second notice.
    assert (
        'action="/moter/' + str(mote.pk) + '/avlys/"'
        not in client.get(f"/moter/{mote.pk}/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(f"/moter/{mote.pk}/avlys/", {"avlys-begrunnelse": "Igjen"}).status_code
            == 400
        )
    assert len(smtp.postkasse.meldinger) == 2


def test_a_reason_with_a_line_break_still_reaches_each_member_once(
    client, smtp, django_capture_on_commit_callbacks, mote, sekretaer
):
    # A textarea gives CRLF; in a subject line Django refuses it (BadHeaderError) on every try.
    client.force_login(sekretaer)
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(
            f"/moter/{mote.pk}/avlys/", {"avlys-begrunnelse": "Sykdom.\r\nNytt møte kommer."}
        )
    assert svar.status_code == 302
    assert smtp.postkasse.mottakere() == ["hf@x.no", "kommune@x.no"]
    for melding in smtp.postkasse.meldinger:
        assert "Sykdom. Nytt møte kommer." in melding["Subject"]


def test_the_invitation_gives_the_time_in_utc_and_when_it_was_made(
    smtp, django_capture_on_commit_callbacks, utvalg, sekretaer
):
    ar = timezone.localdate().year + 1
    start = timezone.make_aware(datetime.datetime(ar, 6, 10, 12))  # Oslo summer time, UTC+2
    with django_capture_on_commit_callbacks(execute=True):
        services.mote_opprett(utfort_av=sekretaer, utvalg=utvalg, start=start, sted="Rom 1")
    assert smtp.postkasse.mottakere() == ["hf@x.no", "kommune@x.no"]
    for melding in smtp.postkasse.meldinger:
        [vedlegg] = list(melding.iter_attachments())
        tekst = vedlegg.get_content()
        if isinstance(tekst, bytes):
            tekst = tekst.decode()
        assert f"DTSTART:{ar}0610T100000Z" in tekst and "TZID" not in tekst
        [hendelse] = _ics(melding).walk("VEVENT")
        assert hendelse.decoded("dtstart") == start
        assert hendelse.decoded("dtstamp") != start
        assert abs(hendelse.decoded("dtstamp") - timezone.now()) < datetime.timedelta(minutes=5)


def test_a_refused_move_or_cancellation_keeps_what_was_written_at_the_field(
    client, smtp, mote, sekretaer
):
    client.force_login(sekretaer)
    svar = client.post(
        f"/moter/{mote.pk}/flytt/", {"flytt-start": "2026-13-40T10:00", "flytt-sted": "Rom 9"}
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert 'id="id_flytt-start_feil"' in html
    assert 'value="Rom 9"' in html
    svar = client.post(f"/moter/{mote.pk}/avlys/", {"avlys-begrunnelse": ""})
    assert svar.status_code == 400
    assert "Skriv hvorfor møtet avlyses." in svar.content.decode()
    # No patient identifier goes out in a notice: refused at the field, the text kept.
    svar = client.post(f"/moter/{mote.pk}/avlys/", {"avlys-begrunnelse": "Syk: 24087548429"})
    assert svar.status_code == 400
    html = svar.content.decode()
    assert 'id="id_avlys-begrunnelse_feil"' in html and "Syk: 24087548429" in html
    mote.refresh_from_db()
    assert mote.status == Mote.Status.PLANLAGT and mote.sted == "Rom 1"
    assert smtp.postkasse.meldinger == []


def test_only_the_secretary_moves_or_cancels(client, smtp, utvalg, mote):
    medlem = utvalg.medlemmer.get(bruker__email="hf@x.no").bruker
    client.force_login(medlem)
    assert (
        'action="/moter/' + str(mote.pk) + '/flytt/"'
        not in client.get(f"/moter/{mote.pk}/").content.decode()
    )
    ny = _lokal(mote.start + datetime.timedelta(days=1))
    assert (
        client.post(f"/moter/{mote.pk}/flytt/", {"flytt-start": ny, "flytt-sted": "X"}).status_code
        == 403
    )
    assert client.post(f"/moter/{mote.pk}/avlys/", {"avlys-begrunnelse": "Nei"}).status_code == 403
    client.force_login(UserFactory())
    assert client.post(f"/moter/{mote.pk}/avlys/", {"avlys-begrunnelse": "Nei"}).status_code == 403
    assert client.get(f"/moter/{mote.pk}/avlys/").status_code == 405
    mote.refresh_from_db()
    assert mote.status == Mote.Status.PLANLAGT and mote.sted == "Rom 1"
    assert smtp.postkasse.meldinger == []
