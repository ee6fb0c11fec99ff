"""Delivery: one notice per event and user, e-mail through a real SMTP server by the task
worker, the user's choice per kind honoured, failures retried and never lost."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from tests.factories import UserFactory
from varsler import tjenester
from varsler.models import Epost, Levering, Varsel, Varseltype

pytestmark = pytest.mark.django_db


def _varsle(mottakere, nokkel="hendelse-1", **ekstra):
    return tjenester.varsle(
        mottakere=mottakere,
        type=ekstra.pop("type", Varseltype.AVVIK_MELDT),
        tekst="Nytt avvik 7 fra Testby kommune",
        lenke="/avvik/7/",
        nokkel=nokkel,
        **ekstra,
    )


def test_notice_is_mailed_by_the_worker_after_commit(smtp, django_capture_on_commit_callbacks):
    kari = UserFactory(email="kari@example.no")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _varsle([kari])
        assert smtp.postkasse.meldinger == []  # nothing leaves before the change is committed
    [melding] = smtp.postkasse.til("kari@example.no")
    assert melding["Subject"] == "Nytt avvik 7 fra Testby kommune"
    tekst = melding.get_body(("plain",)).get_content()
    assert "http://localhost:8000/avvik/7/" in tekst
    assert Epost.objects.get().sendt is not None


def test_same_event_never_reaches_anyone_twice(smtp, django_capture_on_commit_callbacks):
    kari = UserFactory(email="kari@example.no")
    with django_capture_on_commit_callbacks(execute=True):
        _varsle([kari, kari])
        _varsle([kari])
    assert len(smtp.postkasse.meldinger) == 1
    assert Varsel.objects.count() == 1


def test_the_one_who_acted_is_not_told(smtp, django_capture_on_commit_callbacks):
    kari, ola = UserFactory(email="kari@example.no"), UserFactory(email="ola@example.no")
    with django_capture_on_commit_callbacks(execute=True):
        _varsle([kari, ola], utfort_av=ola)
    assert smtp.postkasse.mottakere() == ["kari@example.no"]


def test_site_only_and_daily_digest_are_honoured(smtp, django_capture_on_commit_callbacks):
    nettsted = UserFactory(email="nettsted@example.no")
    daglig = UserFactory(email="daglig@example.no")
    tjenester.innstillinger_lagre(bruker=nettsted, valg={Varseltype.AVVIK_MELDT: Levering.NETTSTED})
    tjenester.innstillinger_lagre(bruker=daglig, valg={Varseltype.AVVIK_MELDT: Levering.DAGLIG})
    with django_capture_on_commit_callbacks(execute=True):
        _varsle([nettsted, daglig], nokkel="a")
        _varsle([nettsted, daglig], nokkel="b")
    assert smtp.postkasse.meldinger == []
    assert Varsel.objects.filter(mottaker=nettsted).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        tjenester.legg_i_ko(tjenester.sammendrag_lag())
    [sammendrag] = smtp.postkasse.meldinger
    assert "daglig@example.no" in sammendrag["X-Konvolutt-Til"]
    assert sammendrag.get_body(("plain",)).get_content().count("/avvik/7/") == 2
    # The digest carries each notice once.
    assert tjenester.sammendrag_lag() == []


def test_refused_message_is_kept_and_retried(smtp, django_capture_on_commit_callbacks, caplog):
    kari = UserFactory(email="kari@example.no")
    smtp.postkasse.avvis = True
    with django_capture_on_commit_callbacks(execute=True):
        _varsle([kari])
    epost = Epost.objects.get()
    assert epost.sendt is None and epost.forsok == 1 and "451" in epost.siste_feil
    assert "ble ikke sendt" in caplog.text
    # Not again before its time has come.
    assert tjenester.eposter_send_ventende() == (0, 1)
    smtp.postkasse.avvis = False
    Epost.objects.update(neste_forsok=timezone.now() - datetime.timedelta(seconds=1))
    assert tjenester.eposter_send_ventende() == (1, 0)
    assert smtp.postkasse.mottakere() == ["kari@example.no"]
    epost.refresh_from_db()
    assert epost.forsok == 2 and epost.sendt is not None


def test_server_down_is_retried(smtp, django_capture_on_commit_callbacks):
    kari = UserFactory(email="kari@example.no")
    smtp.stopp()
    with django_capture_on_commit_callbacks(execute=True):
        _varsle([kari])
    epost = Epost.objects.get()
    assert epost.sendt is None and epost.forsok == 1 and epost.siste_feil
    smtp.start()
    Epost.objects.update(neste_forsok=timezone.now())
    assert tjenester.eposter_send_ventende() == (1, 0)
    assert smtp.postkasse.mottakere() == ["kari@example.no"]


def test_meeting_invitation_is_attached(smtp, django_capture_on_commit_callbacks):
    kari = UserFactory(email="kari@example.no")
    with django_capture_on_commit_callbacks(execute=True):
        _varsle(
            [kari], type=Varseltype.MOTE_INNKALT, kalender="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        )
    [melding] = smtp.postkasse.meldinger
    [vedlegg] = list(melding.iter_attachments())
    assert vedlegg.get_filename() == "invitasjon.ics"
    assert vedlegg.get_content_type() == "text/calendar"
