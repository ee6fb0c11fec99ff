import io
import re

import pytest
from django.core.management import call_command

from helsefellesskap.demodata import DEMO_PASSORD
from helsefellesskap.models import Oppmote, Vedtak

pytestmark = pytest.mark.e2e


@pytest.fixture
def demodata(transactional_db):
    call_command("demodata", stdout=io.StringIO())


def test_the_secretary_runs_a_meeting_end_to_end(side, demodata):
    from playwright.sync_api import expect

    page = side.page
    side.gaa_til("/logg-inn/")
    page.get_by_label("E-postadresse").fill("sekretaer@demo.no")
    page.get_by_label("Passord").fill(DEMO_PASSORD)
    page.get_by_role("button", name="Logg inn").click()

    side.gaa_til("/utvalg/")
    page.get_by_role("link", name="Strategisk samarbeidsutvalg").click()
    side.sjekk_tilgjengelighet()

    # A new meeting.
    page.get_by_label("Dato og klokkeslett").fill("2026-12-17T10:00")
    page.get_by_label("Sted").fill("Drammen sykehus, møterom 3")
    page.get_by_role("button", name="Opprett møte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("17.12.2026")
    side.sjekk_tilgjengelighet()

    # Attendance is saved as soon as a value is chosen (htmx), without leaving the page.
    forste = page.locator("#oppmote select").first
    forste.select_option("til_stede")
    expect(page.locator("#oppmote select").first).to_have_value("til_stede")
    for _ in range(50):
        if Oppmote.objects.filter(
            status="til_stede", mote__sted="Drammen sykehus, møterom 3"
        ).exists():
            break
        page.wait_for_timeout(100)
    assert Oppmote.objects.filter(
        status="til_stede", mote__sted="Drammen sykehus, møterom 3"
    ).exists()

    # A case on the agenda and a decision where the municipalities disagree.
    page.get_by_label("Sakstittel").fill("Felles kompetanseplan for sykepleiere")
    page.get_by_role("button", name="Legg til sak").click()
    sak = page.get_by_role("article").filter(has_text="Felles kompetanseplan")
    expect(sak).to_be_visible()
    sak.get_by_role("textbox", name="Vedtak").fill("Planen vedtas.")
    sak.get_by_role("group", name="Kommunene").get_by_label("Uenig").check()
    sak.get_by_role("button", name="Registrer vedtak").click()
    expect(page.get_by_text("Ikke enighet:")).to_be_visible()
    side.sjekk_tilgjengelighet()
    assert Vedtak.objects.get(tekst="Planen vedtas.").resultat == "ikke_enighet"

    # Minutes, approved, and the case sent on to the national body.
    page.get_by_role("textbox", name="Referat").fill("Partene ble ikke enige om kompetanseplanen.")
    page.get_by_role("button", name="Lagre referat").click()
    page.get_by_role("button", name="Godkjenn referatet").click()
    expect(page.get_by_text("Referatet er godkjent.")).to_be_visible()
    page.get_by_role("link", name=re.compile("Felles kompetanseplan")).click()
    side.sjekk_tilgjengelighet()
    page.get_by_role("button", name="Send til nasjonal tvisteløsningsnemnd").click()
    expect(page.get_by_text("nasjonal tvisteløsningsnemnd").first).to_be_visible()
    assert side.konsollfeil == []
