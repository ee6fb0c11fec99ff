"""The clinician's discharge lookup on a 360 px phone (issue 19): the demo's routine on the day
before Skjærtorsdag 2027 shows the holiday-eve window, the holidays ahead and «allowed now»."""

import datetime
import io
import os
import zoneinfo

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.e2e

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def test_the_lookup_shows_the_holiday_eve_and_the_easter_days_at_360_px(mobilside, demodata):
    import time_machine
    from playwright.sync_api import expect

    from helsefellesskap.models import Organisasjon

    gol = Organisasjon.objects.get(navn="Gol kommune")
    # The server's clock (the live server runs in this process): Wednesday 24 March 2027 at
    # 16:00, the day before Skjærtorsdag; the routine closes at 15:00 on such a day.
    with time_machine.travel(datetime.datetime(2027, 3, 24, 16, tzinfo=OSLO), tick=True):
        mobilside.gaa_til(f"/kommuner/{gol.kommunenummer}/utskrivning/")
        page = mobilside.page
        expect(page.get_by_role("heading", level=2)).to_have_text("Utskrivning er ikke tillatt nå")
        expect(page.get_by_text("Dag før helligdag (Skjærtorsdag)").first).to_be_visible()
        dager = page.get_by_role("list", name="Tider de neste dagene")
        expect(dager.get_by_role("listitem")).to_have_count(7)
        i_dag = dager.get_by_role("listitem").first
        expect(i_dag).to_contain_text("07:00–15:00")
        for helligdag in ("Skjærtorsdag", "Langfredag", "Første påskedag", "Andre påskedag"):
            expect(dager.get_by_text(helligdag, exact=True)).to_be_visible()
        expect(dager.get_by_role("listitem").nth(1)).to_contain_text("09:00–15:00")
        expect(page.get_by_text("senest kl. 12:00")).to_be_visible()
        assert mobilside.ingen_horisontal_rulling()
        if bilde := os.environ.get("SKJERMBILDE"):
            page.screenshot(path=bilde, full_page=True)
    assert mobilside.konsollfeil == []


def test_a_coordinator_confirms_the_hours_beside_the_clause_on_a_phone(mobilside, demodata):
    from playwright.sync_api import expect

    from avtaler.models import Avtale, Utskrivningstider
    from tests.e2e.conftest import logg_inn

    rutine = Avtale.objects.get(er_utskrivningsrutine=True)
    logg_inn(mobilside, "koordinator@demo.no")
    mobilside.gaa_til(f"/avtaler/{rutine.pk}/versjoner/2/")
    page = mobilside.page
    page.get_by_role("button", name="Start revisjon").click()
    expect(page.get_by_role("heading", name="Utskrivningstider", exact=True)).to_be_visible()
    page.get_by_role("link", name="Endre utskrivningstidene").click()
    mobilside.sjekk_tilgjengelighet()
    # The revision starts with version 2's hours; the suggestion is one link away.
    expect(page.get_by_label("Fredager til")).to_have_value("15:00")
    page.get_by_role("link", name="Fyll skjemaet med forslaget").click()
    expect(page.get_by_text("Skjemaet er fylt med forslaget")).to_be_visible()
    # The clause's card keeps its padding (a ds-details directly in a card removes it).
    klausul = page.get_by_role("region", name="Punkt 1 Tidspunkt for utskrivning")
    assert klausul.evaluate("e => getComputedStyle(e).paddingLeft") != "0px"
    expect(page.get_by_label("Kommunen varsles senest kl.")).to_have_value("12:00")
    page.get_by_label("Fredager til").fill("14:00")
    page.get_by_label("Fredager til").press("Enter")  # submit by keyboard
    expect(page.get_by_text("Utskrivningstidene er lagret i utkastet.")).to_be_visible()
    assert mobilside.ingen_horisontal_rulling()
    tider = Utskrivningstider.objects.get(versjon__avtale=rutine, versjon__nummer=3)
    assert tider.fredag_til.hour == 14 and tider.bekreftet_av.email == "koordinator@demo.no"
    assert mobilside.konsollfeil == []
