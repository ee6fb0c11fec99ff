"""A PDF the worker makes, in the browser: the page says it is being made and refreshes its
status box itself (htmx under the CSP, no script of ours) until the download is ready."""

import datetime

import pytest
from django.utils import timezone

from helsefellesskap import services
from kjerne.models import Pdfdokument
from tests.factories import HelsefellesskapFactory, fullt_ssu

pytestmark = pytest.mark.e2e


def test_the_progress_page_turns_into_the_download_when_the_worker_is_done(side, settings):
    from playwright.sync_api import expect

    # A worker that has not run yet: the task waits in the queue until the test runs it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ssu = fullt_ssu(HelsefellesskapFactory(), rotasjon_fra=datetime.date(2021, 1, 1))
    mote = services.mote_opprett(
        utfort_av=None,
        utvalg=ssu,
        start=timezone.now() - datetime.timedelta(days=1),
        sted="Drammen",
    )
    services.referat_lagre(utfort_av=None, mote=mote, tekst="Møtet gikk bra.")
    services.referat_godkjenn(utfort_av=None, mote=mote)  # approved: public

    url = f"/moter/{mote.pk}/referat.pdf"
    svar = side.gaa_til(url)
    assert svar.status == 202
    page = side.page
    expect(page.get_by_role("status")).to_contain_text("PDF-en genereres")

    from kjerne.pdf import lag

    lag(Pdfdokument.objects.get().pk)  # the worker
    lenke = page.get_by_role("link", name="Last ned PDF")
    expect(lenke).to_be_visible()
    side.sjekk_tilgjengelighet()
    with page.expect_download() as nedlasting:
        lenke.click()
    with open(nedlasting.value.path(), "rb") as fil:
        assert fil.read().startswith(b"%PDF")
    assert side.konsollfeil == []
